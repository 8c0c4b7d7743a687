"""Killings: who killed whom, as the agent and patient of a Kill event.

One path makes or completes Kill events, `KillEvents.complete`: kg_events (which runs before
kg_relations) has already made an event at every Kill trigger of the taxonomy, with the arguments its
general rules found; kg_relations completes the agent and patient of the Kill event at the same
trigger token, or adds a Kill event there when kg_events made none (a trigger only these rules know:
"stabbed", "the killer of", a surface pattern's word form). Two readers feed it:
- the parse rules (relation_parse.json, "kill"): a kill verb, kill noun or agent noun and its
  arguments, read into people by `people.People` (`by_parse` below);
- the surface patterns of relation_patterns.tsv that yield "Kill" (surface.py).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.model import Event, Mention
from kg.nlp import docdata
from kg.nlp.components.relations.parse import Trigger
from kg.nlp.components.relations.people import People


class KillEvents:
    """The Kill events of a document by trigger offset: the one place that makes or completes them."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.events = docdata.events(doc)
        self.at: dict[tuple[int, str], Event] = {}
        for ev in self.events:
            self.at.setdefault((ev.trigger.start, ev.type), ev)

    def complete(self, trig: Token, etype: str, agents: list[str], patients: list[str]) -> None:
        ev = self.at.get((trig.idx, etype))
        if ev is None:
            sent_no = docdata.sentence_numbers(self.doc).get(trig.sent.start, -1)
            ev = Event(type=etype, trigger=Mention(trig.idx, trig.idx + len(trig), trig.text, sent_no),
                       lemma=trig.lemma_.lower())
            self.events.append(ev)
            self.at[(trig.idx, etype)] = ev
        for a in agents:
            if a not in ev.agents and a not in ev.patients:
                ev.agents.append(a)
        for p in patients:
            if p not in ev.patients and p not in ev.agents:
                ev.patients.append(p)
        ents = docdata.entities(self.doc)
        for k in agents + patients:
            if k in ents:
                ents[k].is_actor = True


def _verb(t: Trigger, p: People) -> tuple[list[str], list[str]]:
    """'X shot Y', 'Y was killed by X', 'the man who shot Y', 'Y, shot by X'."""
    v, patients = t.token, []
    passive = t.arg("passive")
    if passive:
        s = passive[0]
        patients = p.np_person(v.head) if p.relative(s) and v.dep_ == "relcl" else p.np_person(s)
    patients += [k for c in t.arg("object") for k in p.person(c)]
    patients += [k for h in t.arg("head") for k in p.person(h)]
    return p.clause_agent(v), patients


def _noun(t: Trigger, p: People) -> tuple[list[str], list[str]]:
    """'the assassination of Y by X', "X's killing of Y", "Y's murder", 'convicted of the murder of Y'."""
    of, by, poss = t.arg("of"), t.arg("by"), t.arg("poss")
    patients = [k for o in of for k in p.np_person(o)]
    agents = [k for o in by for k in p.person(o)]
    if poss and (of or by):
        (agents if of and not by else patients).extend(k for x in poss for k in p.person(x))
    elif poss:
        patients += [k for x in poss for k in p.person(x)]
    patients += [k for c in t.arg("modifier") for k in p.person(c)]
    if not agents and t.arg("governor"):
        agents = p.governor_agent(t.arg("governor")[0], 1)
    return agents, patients


def _agent_noun(t: Trigger, p: People) -> tuple[list[str], list[str]]:
    """'X, the killer of Y', "Y's assassin X": the agent noun's person killed its object."""
    agents = p.np_person(t.token)
    if not agents and t.arg("head"):
        agents = p.person(t.arg("head")[0])
    patients = [k for o in t.arg("of") for k in p.person(o)]
    patients += [k for c in t.arg("owner") for k in p.person(c)]
    return agents, patients      # no patient: "who killed" after the noun is read by the verb rule


READERS = {"verb": _verb, "noun": _noun, "agent_noun": _agent_noun}


def by_parse(triggers: list[Trigger], people: People, kills: KillEvents) -> None:
    for t in triggers:
        agents, patients = READERS[t.cls](t, people)
        agents = [k for k in dict.fromkeys(agents) if k not in patients]
        patients = list(dict.fromkeys(patients))
        if agents and patients:
            kills.complete(t.token, "Kill", agents, patients)
