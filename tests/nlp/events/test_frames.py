"""Each feature of a type's frame (kg/model/data/event_types.toml) does what the file says, shown on our
own sentences with the package's frame and with the feature changed."""
from __future__ import annotations

from kg.model import Space, taxonomy
from kg.model.taxonomy import Linking, Refinement
from tests.nlp.events.conftest import one, variant


def test_subject_patient_the_subject_undergoes_it(events_with):
    text = "Two fishermen died off the coast of Senegal on Sunday."
    die = one(events_with(text), "Die")
    assert die["patients"] == {"Two fishermen"} and die["agents"] == set()
    die = one(events_with(text, variant("Die", subject="agent")), "Die")
    assert die["agents"] == {"Two fishermen"} and die["patients"] == set()


def test_motion_a_destination_is_the_place(events_with):
    text = "The Chilean president travelled to Lima on Tuesday."
    assert one(events_with(text), "Visit")["places"] == {"Lima"}
    assert one(events_with(text, variant("Visit", motion=False)), "Visit")["places"] == set()


def test_place_on_a_city_after_on_is_where_an_attack_happens(events_with):
    text = "Israeli jets carried out strikes on Beirut."
    assert one(events_with(text), "Attack")["places"] == {"Beirut"}
    assert one(events_with(text, variant("Attack", place_on=False)), "Attack")["places"] == set()
    # a type without place_on: talks "on" a country are about it, not in it
    assert one(events_with("The two ministers held talks on Cyprus."), "Meet")["places"] == set()


def test_noun_preps_link_as_the_type_says(events_with):
    text = "The council renewed its sanctions against Iran."
    assert one(events_with(text), "Sanction")["patients"] == {"Iran"}
    preps = dict(taxonomy.event_type("Sanction").noun_preps)
    del preps["against"]
    assert one(events_with(text, variant("Sanction", noun_preps=preps)), "Sanction")["patients"] == set()
    preps["against"] = Linking("participant", frozenset(Space))
    assert one(events_with(text, variant("Sanction", noun_preps=preps)), "Sanction")["participants"] == {"Iran"}


def test_a_linking_admits_only_its_key_spaces(events_with):
    # a statement from an organisation has it as agent, a report from a city does not
    assert one(events_with("A statement from the Foreign Ministry of Japan criticised the test."),
               "Statement")["agents"] == {"Foreign Ministry of Japan"}
    assert one(events_with("A report from Nairobi described the floods."), "Report")["agents"] == set()


def test_verb_preps_with_is_a_participant(events_with):
    text = "Qatar negotiated with Hamas in Doha."
    ev = one(events_with(text), "Negotiate")
    assert ev["agents"] == {"Qatar"} and ev["participants"] == {"Hamas"} and ev["places"] == {"Doha"}
    preps = {p: link for p, link in taxonomy.event_type("Negotiate").verb_preps.items() if p != "with"}
    assert one(events_with(text, variant("Negotiate", verb_preps=preps)), "Negotiate")["participants"] == set()


def test_refine_seizing_people_is_abducting_them(events_with):
    assert one(events_with("Gunmen seized two aid workers in Darfur."), "Abduct")["patients"] == {"two aid workers"}
    goods = events_with("Customs officers seized 40 kilos of heroin in Rotterdam.")
    assert [e["type"] for e in goods] == ["Seize"]
    assert [e["type"] for e in events_with("Gunmen seized two aid workers in Darfur.", variant("Seize", refine=()))] \
        == ["Seize"]
    to_arrest = (Refinement(frozenset({Space.GROUP}), "Arrest"),)
    assert [e["type"] for e in events_with("Gunmen seized two aid workers in Darfur.",
                                           variant("Seize", refine=to_arrest))] == ["Arrest"]


def test_speech_its_agent_is_the_source_of_what_it_reports(events_with):
    text = "Soldiers killed three rebels near Goma, the Congolese army said."
    kill = one(events_with(text), "Kill")
    assert kill["sources"] == {"Congolese military"} and kill["modality"] == "reported"
    assert one(events_with(text, variant("Statement", speech=False)), "Kill")["sources"] == set()


def test_parenthetical_a_report_set_off_by_commas_attributes_the_clause_it_interrupts(events_with):
    text = "Rebels ambushed a patrol near Gao, Radio France reported, killing two soldiers."
    assert one(events_with(text), "Attack")["sources"] == {"Radio France"}
    assert one(events_with(text, variant("Report", parenthetical=False)), "Attack")["sources"] == set()
