"""Arguments (kg/nlp/components/events/arguments.py, places.py, links.py), each rule on a sentence written
for it: owners and modifiers of an object that names no one, demonyms on event nouns, people standing for
where they are from, measures of event nouns, "their", places through place nouns, appositions and a
by-agent's phrase, and what linked events lend each other."""
from __future__ import annotations

from kg.nlp import docdata


def _events(nlp, text: str, lemma: str) -> list[dict]:
    doc = nlp(text)
    ents = docdata.entities(doc)

    def labels(ks):
        return {ents[k].label if k in ents else k for k in ks}
    return [{"agents": labels(e.agents), "patients": labels(e.patients), "places": labels(e.places),
             "time": e.time.value if e.time else None} for e in docdata.events(doc) if e.lemma == lemma]


def one(nlp, text: str, lemma: str) -> dict:
    [ev] = _events(nlp, text, lemma)
    return ev


def test_an_object_that_names_no_one_stands_for_its_owner_or_its_actor_modifier(nlp):
    assert one(nlp, "Rights groups condemned Belarus's crackdown.", "condemn")["patients"] == {"Belarus"}
    assert one(nlp, "Warplanes bombed Hamas positions in Rafah.", "bomb")["patients"] == {"Hamas"}
    # ... but a person noun is the person, not the owner
    assert one(nlp, "Police arrested the mayor's son in Lima.", "arrest")["patients"] == set()


def test_a_demonym_on_an_event_noun_is_its_agent_and_a_place_compound_its_place(nlp):
    ev = one(nlp, "The Russian invasion of Georgia began in August 2008.", "invasion")
    assert ev["agents"] == {"Russia"} and ev["patients"] == {"Georgia"}
    assert ev["time"] == "2008-08"          # from the verb of occurrence it is the subject of
    assert one(nlp, "The Kabul attack was the deadliest this year.", "attack")["places"] == {"Kabul"}


def test_people_who_name_no_one_stand_for_where_they_are_from(nlp):
    ev = one(nlp, "Senior officials from Kenya and Uganda held three days of talks in Nairobi.", "talk")
    assert ev["agents"] == {"Kenya", "Uganda"} and ev["places"] == {"Nairobi"}


def test_their_on_an_event_noun_is_the_coordinated_subject(nlp):
    ev = one(nlp, "Emmanuel Macron and Olaf Scholz signed a treaty following their talks in Berlin.", "talk")
    assert ev["agents"] == {"Emmanuel Macron", "Olaf Scholz"}


def test_places_through_place_nouns_and_a_by_agents_phrase(nlp):
    assert one(nlp, "The journalist was kidnapped by gunmen in the town of Gao.", "kidnap")["places"] == {"Gao"}
    assert one(nlp, "The man was arrested by police in his hometown of Tulsa.", "arrest")["places"] == {"Tulsa"}
    ev = one(nlp, "Another attack in the central city of Kharkiv killed ten people.", "attack")
    assert ev["places"] == {"Kharkiv"}


def test_linked_events_lend_each_other_place_and_time(nlp):
    # the subject event noun gives the verb its place
    assert one(nlp, "Another attack in the central city of Kharkiv killed ten people.", "kill")["places"] == \
        {"Kharkiv"}
    # a clause of the same moment shares time and place with the clause it hangs on
    text = "Pupils were kidnapped on 14 May 2023 when gunmen attacked a school in Kano."
    kid, att = one(nlp, text, "kidnap"), one(nlp, text, "attack")
    assert kid["places"] == {"Kano"} and att["time"] == kid["time"] == "2023-05-14"
    # a clause that happened at another moment does not
    text = "Pupils were kidnapped on 14 May 2023 after gunmen attacked a school in Kano."
    assert one(nlp, text, "attack")["time"] is None


def test_a_part_of_a_day_is_dated_by_its_day(extract_text):
    d = extract_text("The rebels attacked the village on the night of March 2nd.", published="2022-12-30")
    assert [e.time.value for e in d.events if e.lemma == "attack"] == ["2022-03-02"]


def test_those_who_speak_for_a_country_without_naming_anyone_stand_for_it(nlp):
    assert one(nlp, "Officials in Kyiv said the convoy had arrived.", "say")["agents"] == {"Ukraine"}
    # "the Kenyan government" is the country acting (kg_entities)
    assert one(nlp, "A statement from the Kenyan government said the talks had failed.", "say")["agents"] == \
        {"Kenya"}
    # residents of a place do not speak for its country: they speak for themselves (an unnamed group)
    assert one(nlp, "Residents of Nairobi said the army had left.", "say")["agents"] == {"Residents"}
    assert one(nlp, "Officials in Nairobi said the army had left.", "say")["agents"] == {"Kenya"}


def test_the_subjects_place_when_the_clause_names_none(nlp):
    assert one(nlp, "Pupils from a school in Kano were kidnapped on Thursday.", "kidnap")["places"] == {"Kano"}
    # the clause's own place wins
    assert one(nlp, "Pupils from a school in Kano were kidnapped in Sokoto.", "kidnap")["places"] == {"Sokoto"}


def test_a_light_verbs_phrases_are_its_nouns(nlp):
    assert one(nlp, "The regulator imposed a record fine on Norvex Inc. last week.", "fine")["patients"] == \
        {"Norvex Inc"}
    # a phrase the noun's type does not link stays out
    assert one(nlp, "The regulator imposed a record fine on Tuesday.", "fine")["patients"] == set()


def test_the_with_phrase_of_an_object_that_names_no_one(nlp):
    assert one(nlp, "Kenya severed ties with Uganda in 2016.", "sever")["patients"] == {"Uganda"}
    # without a with-phrase on the object there is no one it was done to
    assert one(nlp, "Kenya severed ties after the vote in Uganda.", "sever")["patients"] == set()


def test_a_count_or_measure_subject_stands_for_the_people_it_counts(nlp):
    ev = one(nlp, "A total of 87 pupils from a school in Kuriga were kidnapped on Thursday.", "kidnap")
    assert ev["patients"] == {"87 pupils"} and ev["places"] == {"Kuriga"}
    # a measure with no of-phrase is nothing
    assert one(nlp, "A total was kidnapped on Thursday.", "kidnap")["patients"] == set()


def test_the_place_owning_the_object_when_the_clause_names_none(nlp):
    assert one(nlp, "Ana Ruiz has won Peru's presidential election.", "win")["places"] == {"Peru"}
    # a place named in the clause wins; a person owning the object is no place
    assert one(nlp, "Rebels shelled Kharkiv's main hospital in Lviv.", "shell")["places"] == {"Lviv"}
    assert one(nlp, "Rebels shelled Ana Ruiz's house.", "shell")["places"] == set()


def test_a_noun_event_told_by_a_relative_clause(nlp):
    ev = one(nlp, "Hundreds died after a powerful earthquake that struck Peru late Friday.", "earthquake")
    assert ev["places"] == {"Peru"}
    assert not [e for e in nlp("Hundreds died after an earthquake that struck Peru.").user_data["kg_events"]
                if e.type == "Attack"]


def test_a_country_possessor_of_an_arrest_makes_it(nlp):
    assert one(nlp, "Kenya's arrests of journalists drew protests.", "arrest")["agents"] == {"Kenya"}
    ev = one(nlp, "Maria Lopez was a teacher. Her arrest in May angered the town.", "arrest")
    assert ev["patients"] == {"Maria Lopez"} and ev["agents"] == set()


def test_the_subject_of_suffer_undergoes_the_noun(nlp):
    assert one(nlp, "Eleven people suffered injuries in the blast.", "injury")["patients"] == {"Eleven people"}
    # an ordinary light verb's subject does it
    assert one(nlp, "Rebels carried out an attack on Sunday.", "attack")["agents"] == {"Rebels"}


def test_on_an_unnamed_site_is_a_place_on_a_topic_is_not(nlp):
    assert one(nlp, "A parcel bomb exploded on a busy street in Lyon.", "explode")["places"] == \
        {"busy street", "Lyon"}
    assert one(nlp, "Officials held talks on the bridge project.", "talk")["places"] == set()


def test_who_claims_responsibility_for_an_event_did_it(nlp):
    assert one(nlp, "The Provisional Front accepted responsibility for the bombings in Varna.", "bombing")[
        "agents"] == {"Provisional Front"}
    # taking the blame, or responsibility for something else, says nothing of who did it
    assert one(nlp, "The mayor took the blame for the attack.", "attack")["agents"] == set()


def test_coordinated_event_nouns_share_an_of_phrase(nlp):
    text = "Witnesses described the slaughter and maiming of villagers near Varna."
    assert one(nlp, text, "maiming")["patients"] == {"villagers"}
    assert one(nlp, text, "slaughter")["patients"] == {"villagers"}
    # a noun with an of-phrase of its own keeps it
    text = "Witnesses described the maiming of villagers and the slaughter of the soldiers near Varna."
    assert one(nlp, text, "slaughter")["patients"] == {"soldiers"}


def test_a_name_modifying_a_noun_of_a_body_is_that_body(nlp):
    assert one(nlp, "The Ruvani Liberation Front militant group attacked Kenya.", "attack")["agents"] == \
        {"Ruvani Liberation Front"}
    assert one(nlp, "Kenya attacked the Ruvani Liberation Front militant group.", "attack")["patients"] == \
        {"Ruvani Liberation Front"}
    # a body no name modifies is no one named
    assert one(nlp, "A militant group attacked Kenya.", "attack")["agents"] == set()


def test_the_owner_of_a_team_or_side_is_that_body_and_who_won_or_lost_to_whom(nlp):
    ev = one(nlp, "Spain's team lost 2-1 to Portugal on Saturday.", "lose")
    assert ev["agents"] == {"Spain"}
    doc = nlp("Spain's victory over Portugal sent them top. Germany's loss to France ended the run.")
    ents = docdata.entities(doc)
    got = {e.lemma: ({ents[k].label for k in e.agents}, {ents[k].label for k in e.patients + e.participants})
           for e in docdata.events(doc)}
    assert got["victory"] == ({"Spain"}, {"Portugal"}) and got["loss"] == ({"Germany"}, {"France"})
    # an owner of what is no body is not the subject ("Spain's coach" is a person of his own)
    assert one(nlp, "Spain's coach lost the vote for the chairmanship.", "lose")["agents"] != {"Spain"}


def test_who_is_given_an_event_noun_gets_the_role_its_type_says(nlp):
    # a victory given is won by who gets it; a warning given is received
    assert one(nlp, "A late goal gave Spain a 2-1 victory over England in the final.", "victory")["agents"] == \
        {"Spain"}
    ev = one(nlp, "The coach gave Brazil a warning before the final.", "warning")
    assert ev["patients"] == {"Brazil"} and ev["agents"] != {"Brazil"}


def test_what_an_issued_document_does_its_issuer_does(nlp):
    assert one(nlp, "Trade Minister Ivan Petrov signed a decree approving the merger.", "approve")[
        "agents"] == {"Ivan Petrov"}
    assert one(nlp, "The UN Security Council's resolution demanding a ceasefire passed on Friday.", "demand")[
        "agents"] == {"UN Security Council"}
    # a person seen doing something is no document: the one who saw is not the doer
    assert one(nlp, "Police saw Ivan Petrov attacking a guard.", "attack")["agents"] != {"police"}


def test_an_owned_body_acts_for_its_owner_unless_it_has_a_name_of_its_own(nlp):
    assert one(nlp, "The Arab League's human rights body declared a day of mourning.", "declare")[
        "agents"] == {"Arab League"}
    assert one(nlp, "Two guards were hurt, Kenya's state-run KNA news agency reported.", "report")[
        "agents"] == {"KNA"}


def test_who_visits_in_an_adjunct_is_the_clause_subject_unless_a_person_undergoes_the_clause(nlp):
    assert one(nlp, "President Ana Ruiz said on Wednesday she welcomed the offer, during a short visit to Hanoi.",
               "visit")["agents"] == {"Ana Ruiz"}
    assert one(nlp, "Chancellor Olaf Brandt told reporters on a trip to Nairobi that talks would resume.", "trip")[
        "agents"] == {"Olaf Brandt"}
    # whose visit it was is not said: the police did not visit
    assert one(nlp, "Police arrested Ivan Petrov during a visit to Paris.", "visit")["agents"] == set()


def test_a_score_is_no_one_and_its_phrases_are_the_verbs(nlp):
    ev = one(nlp, "Spain won the final 2-1 against Portugal.", "win")
    assert ev["agents"] == {"Spain"} and ev["patients"] == {"Portugal"}
    # a number alone as the object is people
    assert one(nlp, "Gunmen killed 12 in the village.", "kill")["patients"] == {"12"}


def test_members_named_by_including_share_the_role(nlp):
    ev = one(nlp, "Several activists were arrested in Lima, including Maria Lopez and Paul Ambrose.", "arrest")
    assert {"Maria Lopez", "Paul Ambrose"} <= ev["patients"]
    assert one(nlp, "Rebels killed several people, including a child.", "kill")["patients"] == \
        {"several people", "child"}
    # on a verb with neither object nor passive subject it names no one undergoing it
    assert one(nlp, "Maria Lopez spoke for an hour, including about Paul Ambrose.", "speak")["patients"] == set()


def test_the_object_an_adjective_is_said_of_undergoes_the_verb(extract_text):
    # "found X guilty": the parser makes X the adjective's subject; X is the one convicted, and the
    # adjective's phrases date and place the verdict
    d = extract_text("A jury in Denver found Carla Mendes guilty of embezzlement on Thursday.", published="2023-10-02")
    [ev] = [e for e in d.events if e.type == "Convict"]
    ents = {k: d.entities[k].label for k in ev.patients}
    assert set(ents.values()) == {"Carla Mendes"} and ev.time.value == "2023-09-28"
    # found not guilty: no conviction
    d = extract_text("A jury found Carla Mendes not guilty of embezzlement.")
    assert [e.modality for e in d.events if e.type == "Convict"] == ["negated"]


def test_an_object_moved_after_a_phrase_is_still_the_object(nlp):
    text = "Spain on Friday extradited to Italy the Dutch accountant Pieter Janssen, who is wanted for tax fraud."
    assert one(nlp, text, "extradite")["patients"] == {"Pieter Janssen"}
    # a date in the same place is no object
    assert one(nlp, "The rebels attacked again Friday, officials said.", "attack")["patients"] == set()


def test_a_date_between_a_verb_and_its_clauses_subject_is_the_verbs(extract_text):
    d = extract_text("The minister said earlier on Tuesday she welcomed the ruling.", published="2023-10-04")
    assert [e.time.value for e in d.events if e.lemma == "say"] == ["2023-10-03"]
    # after the clause's subject it is the clause's
    d = extract_text("The minister said she had met the envoy on Tuesday.", published="2023-10-04")
    assert [e.time for e in d.events if e.lemma == "say"] == [None]


def test_a_journey_and_its_purpose_share_place_and_time(nlp):
    text = "The envoy flew on Monday to Lima to sign the contract."
    assert one(nlp, text, "sign")["places"] == {"Lima"}
    text = "The premier began a two-day visit to meet President Ruto in Nairobi."
    assert one(nlp, text, "visit")["places"] == {"Nairobi"}
    # a clause that is no purpose of the journey lends nothing
    assert one(nlp, "The envoy flew to Lima after he signed the contract.", "sign")["places"] == set()


def test_the_verb_that_hands_down_or_imposes_an_event_noun_gives_it_who_and_when(nlp):
    # a participle (even one the tagger takes for a past tense) or a relative clause of a light verb
    ev = one(nlp, "The sanctions imposed on Tuesday by Commissioner Ann Porter followed a long inquiry.", "sanction")
    assert ev["agents"] == {"Ann Porter"}
    ev = one(nlp, "The sanctions, which were imposed by Ann Porter, hurt exports.", "sanction")
    assert ev["agents"] == {"Ann Porter"}
    # a verb that is no light verb of the noun lends nothing
    assert one(nlp, "The sanctions criticised by Ann Porter were lifted.", "sanction")["agents"] == set()


def test_a_clause_the_parser_takes_for_a_prepositions_object_keeps_its_subject(nlp):
    # however the parser splits the list: a second verb, an adverbial clause, a subject missing its first
    text = "On Monday the UN chief called for calm after the EU, Spain and Italy condemned the raid."
    assert one(nlp, text, "condemn")["agents"] == {"EU", "Spain", "Italy"}
    text = "On Friday the rector closed the campus after Spain, Portugal and Greece denounced the vote."
    assert one(nlp, text, "denounce")["agents"] == {"Spain", "Portugal", "Greece"}
    # the object of a preposition that begins no clause is no subject
    assert one(nlp, "Ana Silva arrived in Lisbon after dinner and met the envoy.", "meet")["agents"] == {"Ana Silva"}


def test_a_speech_verb_after_its_quote_takes_the_speaker_the_parser_made_its_object(nlp):
    assert one(nlp, '"It is over," declared Ana Silva.', "declare")["agents"] == {"Ana Silva"}
    # before its quote the object is what is declared
    assert one(nlp, "Ana Silva declared the border closed.", "declare")["agents"] == {"Ana Silva"}


def test_a_clause_a_measured_time_after_another_is_dated_from_its_day(extract_text):
    d = extract_text("The minister resigned on 12 March 2021, two weeks after police raided his office.")
    assert [e.time.value for e in d.events if e.lemma == "raid"] == ["2021-02-26"]
    [raid] = [e for e in d.events if e.lemma == "raid"]
    assert raid.time.mention.text == "two weeks after"
    # with no measure the order alone says no date
    d = extract_text("The minister resigned on 12 March 2021 after police raided his office.")
    assert [e.time for e in d.events if e.lemma == "raid"] == [None]


def test_on_the_nth_is_a_day_of_the_month_unless_it_ranks_a_noun(extract_text):
    d = extract_text("The strike began on the 12th, union leaders said.", published="2023-10-20")
    assert [e.time.value for e in d.events if e.lemma == "strike"] == ["2023-10-12"]
    d = extract_text("The fire started on the 3rd floor of the hotel.", published="2023-10-20")
    assert [e.time for e in d.events if e.lemma == "fire"] == [None]


def test_a_body_named_in_apposition_is_the_argument(nlp):
    assert one(nlp, "The raid by the rebel group Frente Sur killed five.", "raid")["agents"] == {"Frente Sur"}
