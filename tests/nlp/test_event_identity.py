"""Within-document event identity (kg_event_identity, kg/nlp/data/event_identity.toml): the mentions of one
happening in one article are one event with several mentions; different happenings stay apart. Sentences
written for these tests, with made-up people and places where names matter."""
from __future__ import annotations

import re

import pytest
from rdflib.namespace import RDF

from kg.model import Event, Mention, TimeValue
from kg.model.tomldata import DataError
from kg.model.vocab import GAF, KG, SEM
from kg.nlp.components.event_identity import merge, rules
from kg.rdf.mapping import document_graph


def _events(doc, etype: str) -> list[list[str]]:
    """The mentions (as text) of each event of a type, in order."""
    return [[m.text for m in ev.mentions] for ev in doc.events if ev.type == etype]


def test_said_in_a_statement_is_one_statement(extract_text):
    doc = extract_text("The harbour authority said in a statement on Tuesday that the port would reopen.")
    assert _events(doc, "Statement") == [["said", "statement"]]


def test_a_statement_before_the_verb_joins_it_and_the_verb_stays_principal(extract_text):
    doc = extract_text("In a statement, the harbour authority said the port would reopen.")
    [ev] = [e for e in doc.events if e.type == "Statement"]
    assert ev.trigger.text == "said" and [m.text for m in ev.also] == ["statement"]
    assert ev.lemmas == ["say", "statement"]


def test_the_attack_refers_back_to_an_attack(extract_text):
    doc = extract_text("Gunmen attacked a checkpoint near Dorvale on Sunday.\n\n"
                       "Residents said the attack lasted an hour.")
    assert _events(doc, "Attack") == [["attacked", "attack"]]


def test_the_meeting_refers_back_to_the_leaders_meeting(extract_text):
    doc = extract_text("Angela Verhoeven met Tomas Brandt in Vienna on Monday. The meeting lasted two hours.")
    [ev] = [e for e in doc.events if e.type == "Meet"]
    assert [m.text for m in ev.mentions] == ["met", "meeting"]
    assert len({m.sentence for m in ev.mentions}) == 2


def test_another_attack_is_another_happening(extract_text):
    doc = extract_text("Gunmen attacked a checkpoint near Dorvale on Sunday. Another attack hit the town on Monday.")
    assert len(_events(doc, "Attack")) == 2


def test_the_attack_after_another_attack_means_the_first(extract_text):
    doc = extract_text("Rockets struck a hospital in Dorvale on Monday, while another attack hit a market in Lisk.\n\n"
                       "The attack on the hospital was condemned.")
    attacks = _events(doc, "Attack")
    assert ["attack"] in attacks and ["struck", "attack"] in attacks


def test_the_attacks_are_not_one_attack(extract_text):
    doc = extract_text("Gunmen attacked a checkpoint near Dorvale on Sunday. The attacks have grown more frequent.")
    assert _events(doc, "Attack") == [["attacked"], ["attacks"]]


def test_the_same_verb_with_different_patients_stays_apart(extract_text):
    doc = extract_text("Police arrested Daniel Okafor in Leeds. Police arrested Maria Lindqvist in York.")
    assert _events(doc, "Arrest") == [["arrested"], ["arrested"]]


def test_a_repeated_trigger_with_no_participant_close_by_is_one_happening(extract_text):
    doc = extract_text("A courier was arrested near the harbour on Monday. "
                       "Officers said he was arrested after a chase.")
    assert _events(doc, "Arrest") == [["arrested", "arrested"]]


def test_a_definite_noun_with_a_conflicting_agent_stays_apart(extract_text):
    doc = extract_text("Angela Verhoeven criticised the plan on Monday. "
                       "Tomas Brandt said Verhoeven's statement was unfair, "
                       "and Brandt's statement was itself criticised.")
    statements = _events(doc, "Statement")
    assert not any(len(s) > 2 for s in statements)


def test_the_mapping_writes_one_node_with_every_mention(extract_text):
    doc = extract_text("The harbour authority said in a statement on Tuesday that the port would reopen.")
    g = document_graph(doc)
    [node] = [n for n in g.subjects(RDF.type, SEM.Event) if "Statement" in str(g.value(n, SEM.eventType))]
    assert len(set(g.objects(node, GAF.denotedBy))) == 2
    assert {str(x) for x in g.objects(node, KG.trigger)} == {"say", "statement"}


# --- the merge rules on hand-made events (no NLP) --------------------------------------------------------
def _ev(start: int, text: str, **kw) -> Event:
    return Event(kw.pop("type", "Attack"), Mention(start, start + len(text), text, kw.pop("sentence", 0)), **kw)


def _never_apart(pa, pb):
    return False


def test_different_dates_conflict_but_a_coarser_date_does_not():
    day = TimeValue("2024-03-07", "day")
    assert merge.conflict(_ev(0, "attack", time=day), _ev(20, "attack", time=TimeValue("2024-03-08", "day")),
                          _never_apart) == "different dates"
    assert merge.conflict(_ev(0, "attack", time=day), _ev(20, "attack", time=TimeValue("2024-03", "month")),
                          _never_apart) is None


def test_different_agents_and_swapped_roles_conflict():
    a = _ev(0, "attacked", agents=["country:AA"], patients=["country:BB"])
    assert merge.conflict(a, _ev(30, "attack", agents=["country:CC"]), _never_apart) == "different agents"
    assert merge.conflict(a, _ev(30, "attack", agents=["country:BB"], patients=["country:AA"]), _never_apart)
    assert merge.conflict(a, _ev(30, "attack", type="Attack", modality="negated"), _never_apart) == "one is negated"
    assert merge.conflict(a, _ev(30, "attack"), _never_apart) is None


def test_join_pools_roles_keeps_the_principal_and_takes_the_more_precise_date():
    a = _ev(0, "attacked", agents=["country:AA"], lemma="attack", time=TimeValue("2024-03", "month"))
    b = _ev(40, "assault", patients=["place:x"], sentence=2, lemma="assault", time=TimeValue("2024-03-07", "day"))
    j = merge.join(a, b)
    assert j.trigger == a.trigger and [m.text for m in j.also] == ["assault"]
    assert j.agents == ["country:AA"] and j.patients == ["place:x"] and j.time.value == "2024-03-07"
    assert j.lemmas == ["attack", "assault"]


# --- the rules file is validated when loaded ----------------------------------------------------------------
def _file(**tables: str) -> str:
    base = {"anaphora": 'determiners = ["the"]\nnouns = ["attack"]\nwindow = 3',
            "linked": 'max_path = 3\nbreaks = ["conj"]',
            "repeat": 'window = 2\nbare_window = 1\nseparate = ["Statement"]',
            "distinct": 'modifiers = ["another"]', "compatible": 'groups = [["Meet", "Discuss"]]'}
    base.update(tables)
    return "\n".join(f"[{t}]\n{body}" for t, body in base.items())


def test_the_rules_file_loads_and_groups_types():
    r = rules.parse(_file())
    assert r.compatible_types("Meet", "Discuss") and not r.compatible_types("Meet", "Attack")
    assert rules.load().anaphoric


@pytest.mark.parametrize("table,body,why", [
    ("compatible", 'groups = [["Meet", "Dance"]]', "unknown event type(s) Dance"),
    ("anaphora", 'determiners = ["The"]\nnouns = ["attack"]\nwindow = 3', "lower-case words"),
    ("anaphora", 'determiners = ["the"]\nnouns = ["attack"]\nwindow = -1', "whole number"),
    ("linked", 'max_path = 3\nbreaks = ["conj"]\nextra = 1', "unknown key(s) extra"),
])
def test_a_malformed_rules_file_names_what_is_wrong(table, body, why):
    with pytest.raises(DataError, match=re.escape(why)):
        rules.parse(_file(**{table: body}))


def test_an_unknown_dependency_label_is_refused():
    with pytest.raises(DataError, match="unknown dependency label"):
        rules.parse(_file(linked='max_path = 3\nbreaks = ["kunj"]'), labels=frozenset({"conj"}))
