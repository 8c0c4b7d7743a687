"""The cue file of kg_events (kg/nlp/data/event_cues.toml): validated when loaded, errors naming the file
and the line; another file given in the component's config changes what the rules read."""
from __future__ import annotations

from importlib import resources

import pytest

from kg.errors import KgError
from kg.model import Kind, Space
from kg.model.tomldata import DataError
from kg.nlp.components.events import cues, make_events
from tests.nlp.events.conftest import one

TEXT = resources.files("kg.nlp").joinpath("data", "event_cues.toml").read_text(encoding="utf-8")


def _line(text: str, start: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(start))


def test_the_package_file_loads():
    c = cues.load()
    assert "ask" in c.object_control and "impose" in c.light_verbs and "host" in c.holders
    assert "suffer" in c.undergo_verbs
    assert c.only_kinds["on"] == {Kind.LANDMARK, Kind.SITE} and c.source_spaces == {Space.PERSON, Space.ORG}
    assert c.modal_adverbs["allegedly"] == "alleged" and c.modal_governors["expect"] == "expected"
    assert c.attribution == (("according", "to"),)
    assert c.clause_breaks < c.place_breaks


@pytest.mark.parametrize("old, new, start, why", [
    ('coordinators = ["and", "&"]', 'coordinators = ["and", "&"]\nconjunctions = ["or"]', "conjunctions",
     "unknown key(s) conjunctions"),
    ('holders = [', 'hosts = [', "hosts", "unknown key(s) hosts"),
    ('motion_preps = ["to", "into"]', 'motion_preps = ["To", "into"]', "motion_preps", "lower-case words"),
    ('only_kinds = { on = ["Landmark", "Site"] }', 'only_kinds = { on = ["Monument"] }', "only_kinds", "unknown kind"),
    ('allegedly = "alleged"', 'allegedly = "rumoured"', "allegedly", "unknown modality 'rumoured'"),
    ('source_spaces = ["person", "org"]', 'source_spaces = ["person", "outlet"]', "source_spaces",
     "unknown space 'outlet'"),
    ('not_into_advcl = ["reported", "hypothetical"]', 'not_into_advcl = "reported"', "not_into_advcl",
     "list of modalities"),
    ('[attribution]', '[attributions]', "[attributions]", "unknown table"),
])
def test_a_malformed_cue_names_the_file_and_the_line(old, new, start, why):
    assert old in TEXT
    text = TEXT.replace(old, new)
    with pytest.raises(DataError) as e:
        cues.parse(text, "my_cues.toml")
    assert str(e.value).startswith(f"my_cues.toml:{_line(text, start)}: "), str(e.value)
    assert why in str(e.value)


def test_a_missing_key_and_an_unknown_dependency_label_are_errors(nlp):
    with pytest.raises(DataError, match=r"^c.toml:\d+: \[nouns\]: missing 'holders'"):
        cues.parse(TEXT.replace("holders = [", "# holders = ["), "c.toml")
    labels = frozenset(nlp.get_pipe("parser").labels)
    cues.parse(TEXT, "c.toml", labels)
    with pytest.raises(DataError, match=r"unknown dependency label\(s\) subj"):
        cues.parse(TEXT.replace('"nsubj", "nsubjpass"', '"subj", "nsubjpass"'), "c.toml", labels)


def test_the_cue_file_is_the_component_config(nlp, tmp_path, events_with):
    assert nlp.config["components"]["kg_events"] == {"factory": "kg_events", "cues": None, "senses": None,
                                                      "participants": None}
    text = "Israel reportedly struck a depot near Gaza."
    assert one(events_with(text), "Attack")["modality"] == "reported"
    mine = tmp_path / "cues.toml"
    mine.write_text(TEXT.replace('reportedly = "reported"\n', ""), encoding="utf-8")
    assert one(events_with(text, cues=str(mine)), "Attack")["modality"] == "asserted"
    assert make_events(nlp, "kg_events", str(mine)).cues.modal_adverbs.keys() == \
        cues.load().modal_adverbs.keys() - {"reportedly"}
    with pytest.raises(KgError, match="no such file"):
        make_events(nlp, "kg_events", str(tmp_path / "none.toml"))
