"""Unnamed participants (kg/nlp/components/events/nominals.py, kg/lexicon/data/participant_nouns.tsv) and
what the possessor of an event noun fills (event_types.toml `possessor`), each on sentences written for
the tests: a positive and a negative for every rule."""
from __future__ import annotations

import pytest

from kg.lexicon import words
from kg.lexicon.files import DataFileError
from kg.model import Event, Kind, Mention
from kg.model.vocab import KG, SCHEMA
from kg.nlp import docdata
from kg.nlp.components.event_identity import merge


def _events(nlp, text: str):
    doc = nlp(text)
    return doc, docdata.entities(doc), docdata.events(doc)


def _roles(nlp, text: str, lemma: str) -> dict:
    doc, ents, evs = _events(nlp, text)
    [ev] = [e for e in evs if e.lemma == lemma]

    def labels(ks):
        return {(ents[k].label, ents[k].kind.value) for k in ks}
    return {"agents": labels(ev.agents), "patients": labels(ev.patients), "places": labels(ev.places)}


def test_unnamed_people_and_sites_become_arguments(nlp):
    ev = _roles(nlp, "A gunman shot a guard at the depot in Brenford on Tuesday.", "shoot")
    assert ev["agents"] == {("gunman", "Group")}
    assert ev["patients"] == {("guard", "Group")}
    assert ("depot", "Site") in ev["places"]
    ev = _roles(nlp, "Masked attackers stormed the campus.", "storm")
    assert ev["agents"] == {("Masked attackers", "Group")} and ev["patients"] == {("campus", "Site")}


def test_a_noun_outside_the_lexicon_or_needed_by_no_event_makes_no_node(nlp):
    ev = _roles(nlp, "Villagers criticized the plan.", "criticize")
    assert ev["patients"] == set() and ev["agents"] == {("Villagers", "Group")}
    _, ents, _ = _events(nlp, "The old school near the river is painted blue.")
    assert not any(e.kind in (Kind.SITE, Kind.ARTIFACT) for e in ents.values())


def test_an_artefact_is_undergoer_never_agent(nlp):
    ev = _roles(nlp, "Insurgents destroyed a bus outside Tarnow.", "destroy")
    assert ev["patients"] == {("bus", "Artifact")}
    ev = _roles(nlp, "A truck bomb exploded near the barracks.", "explode")
    assert ev["agents"] == set()          # the bomb is an instrument, not a doer
    assert ("barracks", "Site") in ev["places"]
    # and, no event needing it, it is no node
    _, ents, _ = _events(nlp, "A truck bomb exploded near the barracks.")
    assert [(e.label, e.kind) for e in ents.values()] == [("barracks", Kind.SITE)]


def test_plural_only_words_need_the_plural(nlp):
    assert _roles(nlp, "Forces attacked the camp.", "attack")["agents"] == {("Forces", "Group")}
    assert _roles(nlp, "The farm was seized by force.", "seize")["agents"] == set()


def test_an_unnamed_participant_is_grounded_and_a_definite_repeat_is_the_same_node(nlp):
    text = "A soldier was wounded near Osterby on Monday. Days later the soldier was arrested."
    doc, ents, evs = _events(nlp, text)
    [wound] = [e for e in evs if e.lemma == "wound"]
    [arrest] = [e for e in evs if e.lemma == "arrest"]
    assert wound.patients == arrest.patients and len(wound.patients) == 1
    soldier = ents[wound.patients[0]]
    assert [text[m.start:m.end] for m in soldier.mentions] == ["soldier", "soldier"]
    # a second indefinite soldier is another one
    doc, ents, evs = _events(nlp, "A soldier was wounded on Monday. A soldier was arrested on Friday.")
    [wound] = [e for e in evs if e.lemma == "wound"]
    [arrest] = [e for e in evs if e.lemma == "arrest"]
    assert wound.patients != arrest.patients


def test_unnamed_kinds_are_not_named_entity_classes():
    assert Kind.SITE.rdf_types == (KG.Site,) and Kind.SITE.is_place
    assert not {SCHEMA.Place, SCHEMA.CivicStructure} & set(Kind.SITE.rdf_types)
    assert Kind.ARTIFACT.rdf_types == (KG.Artifact,)


def test_the_participant_lexicon_is_validated(tmp_path):
    bad = tmp_path / "p.tsv"
    bad.write_text("Vehicle\tcar\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown kind 'Vehicle'"):
        words.participant_nouns(str(bad))
    twice = tmp_path / "q.tsv"
    twice.write_text("Site\tschool\nArtifact\tschool\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="'school' is listed twice"):
        words.participant_nouns(str(twice))


def test_the_possessor_of_an_arrest_is_arrested_but_of_an_attack_attacks(nlp):
    ev = _roles(nlp, "Paul Ambrose was a teacher. His arrest in May angered the town.", "arrest")
    assert ev["patients"] == {("Paul Ambrose", "Person")} and ev["agents"] == set()
    ev = _roles(nlp, "Uganda's attack on the camp was condemned.", "attack")
    assert ev["agents"] == {("Uganda", "Country")}
    # with an of-phrase the possessor acts
    ev = _roles(nlp, "Kenya's deportation of the envoy was condemned.", "deportation")
    assert ev["agents"] == {("Kenya", "Country")} and ev["patients"] == {("envoy", "Group")}


def _event(patients, places=()):
    return Event(type="Attack", trigger=Mention(0, 6, "attack"), patients=list(patients), places=list(places))


def test_unnamed_participants_do_not_keep_two_mentions_of_one_happening_apart():
    a, b = _event(["thing:d/10"], ["thing:d/30"]), _event(["group:d/50"], ["thing:d/70"])

    def apart(x, y):
        return True
    assert merge.conflict(a, b, apart) == "different patients"
    assert merge.conflict(a, b, apart, frozenset({"thing:d/10", "group:d/50", "thing:d/30", "thing:d/70"})) is None
    # a named patient on each side still conflicts
    c, d = _event(["person:ann_pike"]), _event(["person:tom_barlow"])
    assert merge.conflict(c, d, apart, frozenset({"thing:d/10"})) == "different patients"


def test_a_number_alone_is_people_with_that_count(nlp):
    doc, ents, evs = _events(nlp, "The blast injured 15 and killed three near Varna.")
    [kill] = [e for e in evs if e.lemma == "kill"]
    [three] = kill.patients
    assert (ents[three].label, ents[three].kind, ents[three].count) == ("three", Kind.GROUP, 3)
    # a year is no one
    _, ents, evs = _events(nlp, "Police arrested 2016.")
    [arrest] = [e for e in evs if e.lemma == "arrest"]
    assert arrest.patients == []


def test_a_pronoun_no_name_stands_for_is_the_nearest_unnamed_people_of_its_number(nlp):
    text = "Gunmen stormed a farm near Varna on Friday. They abducted a teacher. He was freed on Sunday."
    doc, ents, evs = _events(nlp, text)
    [abduct] = [e for e in evs if e.lemma == "abduct"]
    [free] = [e for e in evs if e.lemma == "free"]
    assert [ents[k].label for k in abduct.agents] == ["Gunmen"]
    assert free.patients == abduct.patients and [ents[k].label for k in free.patients] == ["teacher"]
    # too far back, or of the other number: no antecedent
    text = ("A gunman stormed a farm. The farm lies in a valley. Its fields are wide. Rain fell. "
            "They abducted Ana Ruiz.")
    _, ents, evs = _events(nlp, text)
    [abduct] = [e for e in evs if e.lemma == "abduct"]
    assert abduct.agents == []


def test_what_a_noun_events_verb_strikes_is_its_patient_where_it_struck_its_place(nlp):
    ev = _roles(nlp, "The explosion targeted a bakery in Lyon.", "explosion")
    assert ev["patients"] == {("bakery", "Site")} and ("Lyon", "City") in ev["places"]
    ev = _roles(nlp, "An earthquake struck central Peru on Friday.", "earthquake")
    assert ev["patients"] == set() and ev["places"] == {("Peru", "Country")}


def test_a_number_after_of_is_people_too(nlp):
    ev = _roles(nlp, "The attack led to the deaths of 11 in Varna.", "death")
    assert ev["patients"] == {("11", "Group")}
    assert _roles(nlp, "The killings of 2016 were remembered.", "killing")["patients"] == set()
