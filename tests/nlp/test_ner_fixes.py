"""kg_ner_fixes: honorifics and titles make people, titles are not names, and the component reads the
word lists its config names (a fixture file changes what it does; a malformed one stops the pipeline)."""
from __future__ import annotations

import pytest

from kg.lexicon.files import DataFileError
from kg.nlp import docdata


def fresh_model():
    """The spaCy pipeline loaded anew (the shared one is cached: components added here must not leak)."""
    import spacy

    from kg.nlp.model import DEFAULT_MODELS
    for name in DEFAULT_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    pytest.skip("no spaCy English pipeline installed")


def kinds(doc) -> dict[str, str]:
    return {e.label: e.kind.value for e in docdata.entities(doc).values()}


@pytest.fixture(scope="module")
def with_fixture(tmp_path_factory):
    """kg_ner_fixes with a word-list file of its own: the package's lists plus a region noun."""
    from kg.lexicon.files import read_text
    from kg.nlp.components import entities, ner_fixes  # noqa: F401  (registers the factories)
    path = tmp_path_factory.mktemp("lexicon") / "ner_fixes.tsv"
    path.write_text(read_text(ner_fixes.WORDS) + "region_noun\tcantons\n", encoding="utf-8")
    default, custom = fresh_model(), fresh_model()
    default.add_pipe("kg_ner_fixes")
    custom.add_pipe("kg_ner_fixes", config={"words": str(path)})
    for nlp in (default, custom):
        nlp.add_pipe("kg_entities")
    return default, custom


def test_an_honorific_makes_a_person_and_short_forms_join_the_full_name(extract_text):
    d = extract_text("Dr. Amara Okafor opened the clinic in Lagos. Okafor thanked the nurses.")
    [p] = [e for e in d.entities.values() if e.kind == "Person"]
    assert p.label == "Amara Okafor" and {"Dr. Amara Okafor", "Okafor"} <= p.alt_labels


def test_a_title_before_a_name_is_a_job_title_not_part_of_the_name(extract_text):
    d = extract_text("Deputy Prime Minister Tomas Varga arrived in Vienna.")
    [p] = [e for e in d.entities.values() if e.kind == "Person"]
    assert p.label == "Tomas Varga" and p.job_titles == {"deputy prime minister"}


def test_the_default_config_names_the_package_files(with_fixture):
    default, _ = with_fixture
    cfg = default.config["components"]["kg_ner_fixes"]
    assert cfg["words"] == "kg/nlp/data/ner_fixes.tsv" and cfg["titles"] == "kg/lexicon/data/titles.txt"


def test_a_region_noun_from_the_config_file_makes_the_names_after_it_places(with_fixture):
    default, custom = with_fixture
    text = "Reporters from the cantons of Aargau and Thurgau gathered."
    assert kinds(default(text)) == {"Aargau": "Organization", "Thurgau": "Organization"}
    assert kinds(custom(text)) == {"Aargau": "Place", "Thurgau": "Place"}


def test_a_malformed_word_list_stops_the_pipeline_naming_file_and_line(tmp_path):
    from kg.nlp.components import ner_fixes  # noqa: F401
    path = tmp_path / "ner_fixes.tsv"
    path.write_text("place_cue\tin\nregion_nouns\tcantons\n", encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        fresh_model().add_pipe("kg_ner_fixes", config={"words": str(path)})
    assert f"{path}:2: unknown list 'region_nouns'" in str(e.value)


@pytest.mark.parametrize("text, name", [
    ("The club sacked Pieter ten Brink on Monday.", "Pieter ten Brink"),        # "ten" read as a number
    ("Ursula von der Leyen said the bloc would act.", "Ursula von der Leyen"),   # "Leyen" read as a place
])
def test_lower_case_name_words_carry_a_name_on_to_the_next_capitalised_word(extract_text, text, name):
    d = extract_text(text)
    assert name in {e.label for e in d.entities.values() if e.kind == "Person"}


def test_a_lower_case_name_word_before_a_common_word_is_no_part_of_a_name(extract_text):
    d = extract_text("Officials said Ivan Petrov de facto ran the ministry.")
    assert not any("facto" in e.label for e in d.entities.values())
