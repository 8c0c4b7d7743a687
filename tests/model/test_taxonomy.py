"""The event taxonomy file: loaded and validated (errors name the file, the line and the type), chosen by
$KG_EVENT_TYPES for the whole program, and extended by a table alone."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources

import pytest

from kg.model import Space, taxonomy
from kg.model.taxonomy import TaxonomyError, parse
from tests.conftest import ROOT, run_kg

PACKAGE_TEXT = resources.files("kg.model").joinpath("data", "event_types.toml").read_text(encoding="utf-8")

#: a type of our own, with trigger words no other type has
SERENADE = '''
[types.Serenade]
label = "serenade"
definition = "Sing or play music to someone in their honour."
cameo = ""
quad_class = 1
roles = { Performer = "agent", Honoree = "patient", Participant = "participant", Place = "place" }
verbs = ["serenade"]
nouns = ["serenade"]
'''


def _type(body: str, code: str = "Probe") -> str:
    """The package file with one more type whose table is `body` (after its header)."""
    return PACKAGE_TEXT + f"\n[types.{code}]\n" + body


BASE = ('label = "probe"\ndefinition = "A type of the tests."\ncameo = ""\nquad_class = 0\n'
        'roles = { Doer = "agent" }\n')


def test_the_package_file_loads_with_its_frames():
    types = taxonomy.EVENT_TYPES
    assert 90 <= len(types) <= 120 and len({t.code for t in types}) == len(types)
    assert taxonomy.event_type("Die").subject == "patient"
    report = taxonomy.event_type("Report")
    assert report.speech and report.parenthetical
    assert report.verb_preps["from"].spaces == frozenset({Space.PERSON, Space.GROUP, Space.ORG})
    # [defaults] reach every type; a place is not a participant of "talks with"
    meet = taxonomy.event_type("Meet")
    assert meet.verb_preps["with"].property == "participant" and Space.PLACE not in meet.verb_preps["with"].spaces
    assert meet.noun_preps["by"].property == "agent" and Space.PLACE in meet.noun_preps["by"].spaces
    assert taxonomy.event_type("Seize").refine[0].type == "Abduct"
    assert taxonomy.speech_types() == {"Statement", "Report", "Announce", "Claim"}


def _line_of(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(needle))


@pytest.mark.parametrize("body, needle, why", [
    (BASE + 'colour = "red"\n', "colour", "unknown key(s) colour"),
    (BASE.replace('"agent" }', '"agnet" }'), "roles", "unknown property 'agnet'"),
    (BASE + 'refine = [{ patient_in = ["person"], type = "Kidnap" }]\n', "refine", "unknown type 'Kidnap'"),
    (BASE + 'refine = [{ patient_in = ["people"], type = "Abduct" }]\n', "refine", "must list key spaces"),
    (BASE + 'verbs = ["Serenade"]\n', "verbs", "'Serenade' must be a lower-case lemma"),
    (BASE + 'verbs = ["call out very loud now"]\n', "verbs", "'call out very loud now' must be a lower-case lemma"),
    (BASE + 'verbs = ["meet"]\n', "verbs", "'meet' is already a trigger of Meet"),
    (BASE + 'verb_preps.with = "actor"\n', "verb_preps", "'with' links to unknown property 'actor'"),
    (BASE + 'noun_preps.of = { property = "patient", spaces = ["town"] }\n', "noun_preps", "must list key spaces"),
    (BASE + 'subject = "place"\n', "subject", "must be 'agent' or 'patient'"),
    (BASE + 'recipient = "place"\n', "recipient", "must be 'agent' or 'patient'"),
    (BASE + 'parenthetical = true\n', "parenthetical", "only a speech act can be parenthetical"),
    (BASE.replace("quad_class = 0\n", ""), "[types.Probe]", "missing 'quad_class'"),
    (BASE + 'kairos = ["Conflict.Attack.Bombing"]\n', "kairos", "'Conflict.Attack.Bombing' is not a kairos class"),
    (BASE + 'ace = ["Justice:Arrest"]\n', "ace", "'Justice:Arrest' is not a ace class"),
    (BASE + 'kairos = ["Life.Die.Unspecified", "Life.Injure.Unspecified", "Conflict.Attack.Unspecified"]\n',
     "kairos", "at most 2 kairos classes"),
    (BASE + 'kairos = ["Life.Die.Unspecified"]\nexact = ["ace"]\n', "exact", "must list vocabularies"),
    (BASE + 'verbs = ["call on"]\n', "verbs", "'call on' is already a trigger of Appeal"),
    (BASE + 'reported_by = ["strike"]\nverbs = ["probe it"]\n', "reported_by", "only a type with trigger nouns"),
    (BASE + 'reported_by = ["Strike"]\nnouns = ["quake"]\n', "reported_by", "lower-case verb lemmas"),
])
def test_a_malformed_type_names_the_file_the_line_and_the_type(body, needle, why):
    text = _type(body)
    with pytest.raises(TaxonomyError) as e:
        parse(text, "my_types.toml")
    line = _line_of(text[text.index("[types.Probe]"):], needle) + text[:text.index("[types.Probe]")].count("\n")
    assert str(e.value).startswith(f"my_types.toml:{line}: [types.Probe]"), (str(e.value), line)
    assert why in str(e.value)
    assert e.value.code == "data_file"


def test_every_type_is_aligned_and_exact_matches_are_named_classes():
    """Every type says where it stands in KAIROS or ACE (or is one of the few with no counterpart in either),
    and the types the tests name are aligned where the ontologies put them."""
    unaligned = {t.code for t in taxonomy.EVENT_TYPES if not t.kairos and not t.ace}
    assert unaligned <= {"Cooperate", "Allow", "Ceasefire", "Sanction", "Disaster", "SplitOrg", "Vote", "Approve",
                         "Sever", "Score", "Recall", "Launch"}, unaligned
    by = taxonomy.BY_CODE
    assert by["DetonateExplode"].alignment()[0] == ("kairos", "Conflict.Attack.DetonateExplode", True)
    assert ("ace", "Conflict:Attack", False) in by["DetonateExplode"].alignment()
    assert by["Arrest"].alignment() == [("kairos", "Justice.ArrestJailDetain.Unspecified", True),
                                        ("ace", "Justice:Arrest-Jail", True)]
    assert by["TransferOwnership"].ace == ("Transaction:Transfer-Ownership",)
    assert all(len(t.kairos) <= 2 and len(t.ace) <= 2 for t in taxonomy.EVENT_TYPES)


def test_the_vocabulary_graph_publishes_the_alignment_in_its_namespaces():
    from rdflib.namespace import SKOS

    from kg.model.vocab import ACE, KAIROS, KGE
    from kg.rdf.ontology import vocabulary_graph
    g = vocabulary_graph()
    assert (KGE.DetonateExplode, SKOS.exactMatch, KAIROS["Conflict.Attack.DetonateExplode"]) in g
    assert (KGE.DetonateExplode, SKOS.closeMatch, ACE["Conflict:Attack"]) in g
    assert str(KAIROS["Conflict.Attack.DetonateExplode"]).rsplit("/", 1)[-1] == "Conflict.Attack.DetonateExplode"
    assert set(g.objects(KGE.Kill, SKOS.closeMatch)) == {KAIROS["Life.Die.Unspecified"],
                                                         KAIROS["Conflict.Attack.Unspecified"],
                                                         ACE["Life:Die"], ACE["Conflict:Attack"]}
    assert not set(g.objects(KGE.Kill, SKOS.exactMatch))
    assert not set(g.objects(KGE.Vote, SKOS.closeMatch)) | set(g.objects(KGE.Vote, SKOS.exactMatch))
    with pytest.raises(KeyError):
        KAIROS["Conflict.Attack.Bombing"]           # a closed namespace: only the listed classes


def test_the_documentation_holds_the_table_of_the_current_taxonomy():
    from kg.model import taxonomy_doc
    doc = (ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    assert taxonomy_doc.table() in doc, "run: python -m kg.model.taxonomy_doc docs/events.md"
    assert all(f"| `kge:{t.code}` |" in taxonomy_doc.table() for t in taxonomy.EVENT_TYPES)
    assert "file + for + bankruptcy" in taxonomy_doc.table() and "Conflict.Attack.DetonateExplode (exact)" in doc


def test_malformed_defaults_and_syntax_name_the_line():
    text = PACKAGE_TEXT.replace('verb_preps.against = "patient"', 'verb_preps.against = "patiently"')
    with pytest.raises(TaxonomyError, match=rf"^x.toml:{_line_of(text, 'verb_preps.against')}: \[defaults\]"):
        parse(text, "x.toml")
    with pytest.raises(TaxonomyError, match=r"^x.toml:3: "):
        parse('[defaults]\nobject_spaces = ["person"]\nverb_preps = "with\n[types.A]\n', "x.toml")
    with pytest.raises(TaxonomyError, match="unknown table"):
        parse(PACKAGE_TEXT + "\n[typos.Meet]\nlabel = 'x'\n", "x.toml")


def _python(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, **env})


def test_KG_EVENT_TYPES_chooses_the_file_for_the_whole_program(tmp_path):
    f = tmp_path / "types.toml"
    f.write_text(PACKAGE_TEXT + SERENADE, encoding="utf-8")
    r = _python("from kg.model.vocab import KGE; from kg.rdf.ontology import vocabulary_graph as g; "
                "from rdflib.namespace import SKOS; print(KGE.Serenade, g().value(KGE.Serenade, SKOS.prefLabel))",
                {"KG_EVENT_TYPES": str(f)})
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["https://kg.example.org/event-type/Serenade", "serenade"]
    r = _python("from kg.model.vocab import KGE; KGE.Serenade", {})    # the package file has no such type
    assert r.returncode != 0 and "Serenade" in r.stderr


def test_a_broken_or_missing_KG_EVENT_TYPES_is_one_error_line(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("The band serenaded the mayor.\n", encoding="utf-8")
    bad = tmp_path / "types.toml"
    bad.write_text(PACKAGE_TEXT + SERENADE.replace('"agent"', '"singer"'), encoding="utf-8")
    r = run_kg("build", doc, "--store", tmp_path / "s", env={"KG_EVENT_TYPES": str(bad)})
    assert r.returncode == 2 and f"{bad}:" in r.stderr and "[types.Serenade]" in r.stderr, r.stderr
    r = run_kg("build", doc, "--store", tmp_path / "s", env={"KG_EVENT_TYPES": str(tmp_path / "none.toml")})
    assert r.returncode == 2 and "KG_EVENT_TYPES=" in r.stderr and "no such file" in r.stderr, r.stderr


def test_a_type_added_as_a_table_is_extracted_stored_and_queried(tmp_path):
    """docs/events.md, "Adding an event type": a table in a copy of the file, nothing else."""
    types = tmp_path / "event_types.toml"
    types.write_text(PACKAGE_TEXT + SERENADE, encoding="utf-8")
    doc = tmp_path / "concert.txt"
    doc.write_text("Maria Lopez serenaded the mayor of Seville on Friday. The crowd cheered.\n", encoding="utf-8")
    env = {"KG_EVENT_TYPES": str(types)}
    store = tmp_path / "store"
    r = run_kg("build", doc, "--store", store, "--published", "2024-05-20", env=env)
    assert r.returncode == 0, r.stderr
    q = ("SELECT ?lemma ?agent ?label ?date WHERE { ?e sem:eventType kge:Serenade ; kg:trigger ?lemma ; "
         "kg:agent/rdfs:label ?agent ; sem:hasTimeStamp ?date . kge:Serenade rdfs:label ?label }")
    r = run_kg("query", q, "--store", store, "-f", "json", env=env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == [{"lemma": "serenade", "agent": "Maria Lopez", "label": "serenade",
                                     "date": "2024-05-17"}]
