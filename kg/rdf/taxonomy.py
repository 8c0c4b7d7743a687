"""The event taxonomy: ~30 types with their CAMEO code and QuadClass (a public vocabulary).

Each row: code, label, CAMEO code, QuadClass (1 verbal cooperation, 2 material cooperation,
3 verbal conflict, 4 material conflict; "" and 0 where CAMEO has no category), definition. The NLP
side refers to types by code only.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    code: str
    label: str
    cameo: str
    quad_class: int
    definition: str


EVENT_TYPES: tuple[EventType, ...] = (
    # speech acts and reporting
    EventType("Statement", "make a statement", "010", 1, "Say, state, write, post or speak publicly."),
    EventType("Report", "report", "010", 1, "A news agency, outlet or official body reports something."),
    EventType("Announce", "announce", "010", 1, "Announce a decision or plan."),
    EventType("Claim", "claim", "010", 1, "Claim or allege something; the claim itself is not asserted."),
    EventType("Record", "record a video or statement", "010", 1, "Record and publish a video or audio statement."),
    EventType("Appeal", "appeal or request", "020", 1, "Ask, urge, call on or request someone to act."),
    EventType("ExpressIntent", "express intent", "030", 1, "Promise, pledge, plan or intend to act."),
    # diplomacy and cooperation
    EventType("Meet", "meet", "040", 1, "Meet, hold talks, have a dinner or summit."),
    EventType("Discuss", "discuss", "040", 1, "Discuss or raise a matter."),
    EventType("Visit", "visit", "042", 1, "Travel to and visit a place or actor."),
    EventType("Host", "host or welcome a visit", "043", 1, "Host, receive, welcome or show a visitor around."),
    EventType("Negotiate", "negotiate", "046", 1, "Negotiate or hold formal talks."),
    EventType("Praise", "praise", "051", 1, "Praise, thank or endorse."),
    EventType("Agree", "agree", "057", 1, "Agree, accept, settle or sign an agreement."),
    EventType("Cooperate", "cooperate", "060", 2, "Cooperate materially, economically or militarily."),
    EventType("ProvideAid", "provide aid", "070", 2, "Provide aid, help or assistance."),
    EventType("Allow", "allow", "080", 2, "Allow, permit or yield."),
    EventType("Release", "release or discharge", "084", 2, "Release, free, discharge or return persons."),
    EventType("Ceasefire", "declare a ceasefire", "0871", 2, "Declare or observe a ceasefire or truce."),
    EventType("Investigate", "investigate", "090", 2, "Investigate or inquire."),
    # verbal conflict
    EventType("Demand", "demand", "100", 3, "Demand that someone act."),
    EventType("Criticize", "criticize or accuse", "111", 3, "Criticise, denounce, condemn or accuse."),
    EventType("Reject", "reject", "120", 3, "Reject, refuse or deny."),
    EventType("Threaten", "threaten", "130", 3, "Threaten or warn of action."),
    EventType("Protest", "protest", "140", 3, "Protest, demonstrate, rally or strike."),
    # material conflict
    EventType("Recruit", "recruit or mobilise", "154", 4, "Recruit, conscript or mobilise fighters or forces."),
    EventType("Sanction", "sanction", "163", 4, "Impose sanctions, an embargo or a boycott."),
    EventType("Coerce", "coerce or deceive", "170", 4, "Coerce, trick, deceive or force someone."),
    EventType("Seize", "raid or seize", "171", 4, "Raid premises, seize or confiscate property, goods or drugs."),
    EventType("Arrest", "arrest", "173", 4, "Arrest, detain, charge, prosecute or sentence."),
    EventType("Expel", "expel or deport", "174", 4, "Expel or deport people."),
    EventType("Abduct", "abduct or traffic", "181", 4, "Abduct, kidnap, take hostage or traffic people."),
    EventType("Kill", "kill", "1823", 4, "Kill, murder, assassinate or shoot dead."),
    EventType("Injure", "injure", "182", 4, "Injure, wound or physically assault."),
    EventType("Die", "die", "", 0, "Die or be found dead, when the text does not say who killed them. CAMEO codes "
              "actions between actors and has no category for a death itself."),
    EventType("Attack", "attack", "190", 4, "Attack, strike, bomb, shell, invade or fight."),
)

BY_CODE = {t.code: t for t in EVENT_TYPES}
