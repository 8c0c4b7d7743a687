"""Each event type of the taxonomy for the whole of news: its trigger gives that type, and its role frame
fills the agent and the patient, on sentences written for these tests."""
from __future__ import annotations

import pytest

from kg.model import taxonomy

#: (sentence, type, trigger, agents, patients): None where the test does not look
FRAMES = [
    # business
    ("Northwind Corp acquired Bluefin Labs in March.", "TransferOwnership", "acquired", {"Northwind Corp"},
     {"Bluefin Labs"}),
    ("Orbis Group sold Bluefin Labs last year.", "Sell", "sold", {"Orbis Group"}, {"Bluefin Labs"}),
    ("The Gates Foundation donated $5 million to UNICEF.", "TransferMoney", "donated", {"Gates Foundation"},
     {"UNICEF"}),
    ("Elena Ruiz founded Solara Energy in Madrid.", "StartOrg", "founded", {"Elena Ruiz"}, {"Solara Energy"}),
    ("Solara Energy merged with Helios Power last year.", "MergeOrg", "merged", {"Solara Energy"}, None),
    ("Harbor Foods filed for bankruptcy on Monday.",
     "DeclareBankruptcy", "filed for bankruptcy", {"Harbor Foods"}, None),
    ("Redwood Mills shut down its plant in Ohio.", "EndOrg", "shut down", {"Redwood Mills"}, None),
    ("Acme Steel laid off 300 workers.", "LayOff", "laid off", {"Acme Steel"}, None),
    ("Greenleaf Motors recalled 40,000 cars.", "Recall", "recalled", {"Greenleaf Motors"}, None),
    ("Orbital Dynamics launched a satellite from Florida.",
     "Launch", "launched a satellite", {"Orbital Dynamics"}, None),
    ("Elena Ruiz launched a company in Berlin.", "StartOrg", "launched a company", {"Elena Ruiz"}, None),
    # personnel and politics
    ("Orbiscom hired Tom Reyes as chief technology officer.", "StartPosition", "hired", {"Orbiscom"},
     {"Tom Reyes"}),
    ("Maria Keller resigned as chief executive of Solara Energy.", "EndPosition", "resigned", {"Maria Keller"},
     None),
    ("Maria Keller will step down in June.", "EndPosition", "step down", {"Maria Keller"}, None),
    ("Solara Energy dismissed Mark Levin.", "Dismiss", "dismissed", {"Solara Energy"}, {"Mark Levin"}),
    ("Solara Energy fired Mark Levin on Friday.", "Dismiss", "fired", {"Solara Energy"}, {"Mark Levin"}),
    ("President Ana Ortiz nominated Helen Park to the Supreme Court.", "Nominate", "nominated", {"Ana Ortiz"},
     {"Helen Park"}),
    ("Ana Ortiz was elected mayor of Lima.", "Elect", "elected", None, {"Ana Ortiz"}),
    ("The Senate voted on the bill on Tuesday.", "Vote", "voted", {"Senate"}, None),
    ("The Senate approved the budget.", "Approve", "approved", {"Senate"}, None),
    ("Governor Ana Ortiz declared a state of emergency in Texas.",
     "Declare", "declared a state of emergency", {"Ana Ortiz"}, None),
    ("Russia severed ties with Ukraine.", "Sever", "severed", {"Russia"}, None),
    ("Tom Reyes phoned Ana Ortiz on Monday.", "PhoneWrite", "phoned", {"Tom Reyes"}, {"Ana Ortiz"}),
    ("The United States withdrew its troops from Syria.", "Withdraw", "withdrew", {"United States"}, None),
    # justice
    ("Tom Reyes testified before Congress.", "TrialHearing", "testified", {"Tom Reyes"}, None),
    ("Tom Reyes took the stand on Thursday.", "TrialHearing", "took the stand", {"Tom Reyes"}, None),
    ("Prosecutors in Boston charged Daniel Ortiz with fraud.", "ChargeIndict", "charged", None, {"Daniel Ortiz"}),
    ("A jury convicted Daniel Ortiz of fraud.", "Convict", "convicted", None, {"Daniel Ortiz"}),
    ("Daniel Ortiz was found guilty of fraud.", "Convict", "found guilty", None, {"Daniel Ortiz"}),
    ("Judge Helen Park sentenced Daniel Ortiz to five years in prison.", "Sentence", "sentenced", {"Helen Park"},
     {"Daniel Ortiz"}),
    ("The regulator fined Northwind Corp for misconduct.", "Fine", "fined", None, {"Northwind Corp"}),
    ("Spain extradited Viktor Lenz to Germany.", "Extradite", "extradited", {"Spain"}, {"Viktor Lenz"}),
    ("Daniel Ortiz was acquitted by a jury in Boston.", "Acquit", "acquitted", None, {"Daniel Ortiz"}),
    ("Elena Ruiz sued Northwind Corp in Texas.", "Sue", "sued", {"Elena Ruiz"}, {"Northwind Corp"}),
    ("Daniel Ortiz appealed against the verdict.", "AppealJudgment", "appealed against", {"Daniel Ortiz"}, None),
    ("Iran executed Ali Karimi on Monday.", "Execute", "executed", {"Iran"}, {"Ali Karimi"}),
    ("Governor Ana Ortiz pardoned Daniel Ortiz.", "Pardon", "pardoned", {"Ana Ortiz"}, {"Daniel Ortiz"}),
    # explosions, damage, disasters, accidents, movement
    ("A bomb exploded in a market in Kabul.", "DetonateExplode", "exploded", None, None),
    ("Militants set off a car bomb in Peshawar.", "DetonateExplode", "set off", {"Militants"}, None),
    ("The bombing of the embassy in Nairobi killed twelve people.", "DetonateExplode", "bombing", None, None),
    ("The storm damaged hundreds of homes in Florida.", "Damage", "damaged", None, None),
    ("A powerful earthquake shook central Chile.", "Disaster", "earthquake", None, None),
    ("A wildfire burned through California.", "Fire", "wildfire", None, None),
    ("Two trains collided near Lyon.", "Crash", "collided", None, None),
    ("An outbreak of cholera spread across Yemen.", "Outbreak", "outbreak", None, None),
    ("Firefighters rescued Ana Ortiz from the river.", "Rescue", "rescued", None, {"Ana Ortiz"}),
    ("Authorities evacuated thousands of residents from Miami.", "Evacuate", "evacuated", None, None),
    ("The army transported the prisoners to Kabul.", "Transport", "transported", None, None),
    ("Police blocked the road to the airport.", "Block", "blocked", None, None),
    ("Gunmen robbed a bank in Lagos.", "Crime", "robbed", None, None),
    ("Engineers built a bridge in Lagos.", "Build", "built", None, None),
    ("Police identified Ana Ortiz as the victim.", "Identify", "identified", None, {"Ana Ortiz"}),
    # life
    ("Ana Ortiz married Tom Reyes in Lima.", "Marry", "married", {"Ana Ortiz"}, {"Tom Reyes"}),
    # contests
    ("Spain defeated Italy in the final.", "Defeat", "defeated", {"Spain"}, {"Italy"}),
    ("Italy lost to Spain in the final.", "Lose", "lost", {"Italy"}, None),
    ("Carla Diaz scored twice against Italy.", "Score", "scored", {"Carla Diaz"}, None),
    ("Liverpool signed Carla Diaz from Benfica.", "SignPlayer", "signed", {"Liverpool"}, {"Carla Diaz"}),
    # nouns of the verbs
    ("Chile's expulsion of Tom Reyes surprised Lima.", "Expel", "expulsion", {"Chile"}, {"Tom Reyes"}),
    ("Ana Ortiz's arrival in Lima was delayed.", "Visit", "arrival", {"Ana Ortiz"}, None),
    ("The criticism by Ana Ortiz stung the mayor.", "Criticize", "criticism", {"Ana Ortiz"}, None),
    ("Peru's rejection of the offer ended the talks.", "Reject", "rejection", {"Peru"}, None),
]


@pytest.mark.parametrize("text, etype, trigger, agents, patients", FRAMES, ids=[f[1] for f in FRAMES])
def test_the_trigger_gives_the_type_and_the_frame(events_with, text, etype, trigger, agents, patients):
    evs = [e for e in events_with(text) if e["type"] == etype]
    assert [e["trigger"] for e in evs] == [trigger], events_with(text)
    if agents is not None:
        assert evs[0]["agents"] == agents, evs[0]
    if patients is not None:
        assert evs[0]["patients"] == patients, evs[0]


@pytest.mark.parametrize("text, wrong", [
    ("Harbor Foods filed a complaint on Monday.", "DeclareBankruptcy"),     # "file" alone is not bankruptcy
    ("Maria Keller stepped onto the stage.", "EndPosition"),                # "step" without "down"
    ("Governor Ana Ortiz declared that the crisis was over.", "Declare"),   # a statement, not a state
    ("Police fired tear gas at the crowd in Nairobi.", "Dismiss"),          # no person fired from a job
    ("Ana Ortiz signed the treaty in Geneva.", "SignPlayer"),               # an agreement, not a player
    ("Ana Ortiz appealed for calm.", "AppealJudgment"),                     # a request, not a court appeal
])
def test_a_word_of_a_longer_trigger_or_a_refinement_alone_gives_another_type(events_with, text, wrong):
    assert wrong not in {e["type"] for e in events_with(text)}, events_with(text)


def test_the_words_of_a_longer_trigger_are_no_event_of_their_own(events_with):
    evs = events_with("Harbor Foods filed for bankruptcy in Delaware.")
    assert [(e["type"], e["trigger"]) for e in evs] == [("DeclareBankruptcy", "filed for bankruptcy")]
    assert [e["type"] for e in events_with("Harbor Foods is in bankruptcy.")] == ["DeclareBankruptcy"]


def test_every_type_of_these_tests_is_in_the_taxonomy_and_most_are_covered():
    tested = {f[1] for f in FRAMES}
    assert tested <= set(taxonomy.BY_CODE)
    assert len(tested) >= 50


def test_the_lemma_of_a_longer_trigger_is_all_its_words(events_with, nlp):
    from kg.nlp import docdata
    from kg.nlp.components.events import EventExtractor
    doc = nlp("Maria Keller will step down in June, and Harbor Foods filed for bankruptcy.")
    docdata.events(doc).clear()
    EventExtractor(nlp)(doc)
    assert [(e.type, e.lemma) for e in docdata.events(doc)] == [("EndPosition", "step down"),
                                                                ("DeclareBankruptcy", "file for bankruptcy")]


def test_a_verb_whose_subject_is_a_disaster_tells_the_disaster_not_an_attack(events_with):
    evs = events_with("A powerful earthquake struck central Chile on Tuesday.")
    assert [(e["type"], e["trigger"], e["places"]) for e in evs] == [("Disaster", "earthquake", {"Chile"})]
    evs = events_with("A bombing hit a mosque in Quetta.")
    assert [(e["type"], e["places"]) for e in evs] == [("DetonateExplode", {"Quetta"})]
    # an actor striking is an attack; a disaster noun that is not the subject leaves the verb alone
    assert [e["type"] for e in events_with("Rebels struck an army base in Mali.")] == ["Attack"]
    assert {e["type"] for e in events_with("The army struck the rebels after the earthquake.")} == {"Attack",
                                                                                                  "Disaster"}
