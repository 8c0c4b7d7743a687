"""Relations between actors and places (kg_relations), on sentences written for these tests."""
from __future__ import annotations

import pytest


def rels(doc, predicate=None):
    """(subject label, predicate, object label) of the document's relations."""
    out = set()
    for r in doc.relations:
        if predicate and r.predicate != predicate:
            continue
        out.add((doc.entities[r.subject].label, r.predicate, doc.entities[r.object].label))
    return out


def has(doc, subj: str, pred: str, obj: str) -> bool:
    for r in doc.relations:
        if r.predicate != pred:
            continue
        s, o = doc.entities[r.subject], doc.entities[r.object]
        if subj.rstrip(".") in {x.rstrip(".") for x in {s.label} | s.alt_labels} \
                and obj.rstrip(".") in {x.rstrip(".") for x in {o.label} | o.alt_labels}:
            return True
    return False


def kills(doc):
    out = set()
    for ev in doc.events:
        if ev.type == "Kill":
            out |= {(doc.entities[a].label, doc.entities[p].label) for a in ev.agents for p in ev.patients}
    return out


def test_city_state_dateline_and_list(extract_text):
    doc = extract_text("Flooding closed schools in Tulsa, Okla., on Monday, officials said.")
    assert has(doc, "Tulsa", "containedInPlace", "Okla.")


def test_org_based_in(extract_text):
    doc = extract_text("Brightwater Holdings, based in Denver, said it would hire 200 workers.")
    assert has(doc, "Brightwater Holdings", "location", "Denver")


def test_place_inside_org_name(extract_text):
    doc = extract_text("The University of Oregon announced a new library on Tuesday.")
    assert any(p == "location" and o == "Oregon" for _, p, o in rels(doc))


def test_works_for_premodifier_and_apposition(extract_text):
    doc = extract_text("Marta Kowalski, a spokeswoman for the Harbor Transit Authority, declined to comment.")
    assert has(doc, "Marta Kowalski", "worksFor", "Harbor Transit Authority")
    doc = extract_text("Acme Corporation spokesman Daniel Whitfield said the plant would reopen.")
    assert any(s == "Daniel Whitfield" and p == "worksFor" for s, p, _ in rels(doc))


def test_born_in_gives_home_and_birth_place(extract_text):
    doc = extract_text("The novelist Harriet Quinn was born in Savannah in 1931.")
    assert has(doc, "Harriet Quinn", "birthPlace", "Savannah")
    assert has(doc, "Harriet Quinn", "homeLocation", "Savannah")


def test_person_of_place(extract_text):
    doc = extract_text("The prize went to Walter Brennan of Dallas, who spoke briefly.")
    assert has(doc, "Walter Brennan", "homeLocation", "Dallas")


def test_killing_verb_passive_and_nominal(extract_text):
    assert ("Roy Calder", "Edwin Marsh") in kills(extract_text("Roy Calder shot Edwin Marsh outside the bar."))
    assert ("Roy Calder", "Edwin Marsh") in kills(extract_text("Edwin Marsh was killed by Roy Calder in 1901."))
    doc = extract_text("Roy Calder, the assassin of Edwin Marsh, died in prison.")
    assert ("Roy Calder", "Edwin Marsh") in kills(doc)
    assert ("Roy Calder", "Edwin Marsh") in kills(extract_text("Roy Calder was convicted of murdering Edwin Marsh."))


@pytest.mark.parametrize("text", [
    "Roy Calder met Edwin Marsh in Boston last week to talk about the new contract and the weather.",
    "Edwin Marsh praised Roy Calder, who had written a book about the war.",
    "Paris, London and Rome were all considered as hosts.",
])
def test_no_relation_where_the_text_says_none(extract_text, text):
    doc = extract_text(text)
    assert not kills(doc)
    assert not rels(doc, "worksFor")
    assert not rels(doc, "homeLocation")
    assert not any(p == "containedInPlace" and s in ("Paris", "London") for s, p, _ in rels(doc))


def test_relations_keep_their_sentence(extract_text):
    doc = extract_text("It rained. Brightwater Holdings, based in Denver, said it would hire 200 workers.")
    r = next(r for r in doc.relations if r.predicate == "location" and doc.entities[r.object].label == "Denver")
    assert r.evidence is not None and "based in Denver" in r.evidence.text and r.evidence.sentence == 1


def test_capitalised_dateline_is_a_place(extract_text):
    doc = extract_text("GREENVALE, Ore. (AP) _ The county fair opened on Friday with a parade and fireworks "
                       "for everyone.")
    assert has(doc, "GREENVALE", "containedInPlace", "Ore.")
    assert any(e.kind != "Person" and e.label == "AP" for e in doc.entities.values())


def test_wire_service_after_a_place(extract_text):
    doc = extract_text("Moscow NOVOSTROI in Russian 12 Mar 94 p 2: the report on the harvest was published today.")
    assert any(p == "location" and s == "NOVOSTROI" and o == "Moscow" for s, p, o in rels(doc))


def test_two_towns_in_one_state(extract_text):
    doc = extract_text("Snow fell in Fresno and Modesto, California, on Monday, forecasters said.")
    assert has(doc, "Fresno", "containedInPlace", "California")
    assert has(doc, "Modesto", "containedInPlace", "California")


def test_wire_dateline_and_apposition_with_organisation(extract_text):
    doc = extract_text("Nadia Petrov, a senior researcher at the Institute for Coastal Studies, said the water "
                       "was rising.")
    assert has(doc, "Nadia Petrov", "worksFor", "Institute for Coastal Studies")


def test_killing_with_partly_recognised_agent(extract_text):
    doc = extract_text("Edwin Marsh was shot and mortally wounded by Roy Calder while he walked home from the theatre.")
    assert ("Roy Calder", "Edwin Marsh") in kills(doc)


def test_containment_the_gazetteer_contradicts_is_not_asserted(extract_text):
    d = extract_text("The men were recruited to fight for Moscow in Ukraine.")
    assert not [r for r in d.relations if r.predicate == "containedInPlace"]


def test_a_city_is_not_placed_in_its_country_unless_the_text_says_so(extract_text):
    d = extract_text("Protesters gathered in Lyon and in Marseille, France's second city.")
    lyon = next(k for k, e in d.entities.items() if e.label == "Lyon")
    assert not [r for r in d.relations if r.subject == lyon and r.predicate == "containedInPlace"]
