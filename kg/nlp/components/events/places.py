"""Where an event happens: the places named in in/at/near-phrases of the trigger's clause, "to"/"into"
phrases on the trigger of a motion type (a destination), "on" + a landmark, or any place for a type
with place_on ("strikes on Gaza")."""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

from kg.model import Event
from kg.model.kinds import PLACE_KINDS
from kg.model.taxonomy import EventType
from kg.nlp import docdata
from kg.nlp.components.events.cues import Cues


def clause_tokens(t: Token, breaks: frozenset[str]) -> Iterator[Token]:
    """Tokens of t's subtree, not descending into embedded clauses of the kinds in `breaks`."""
    stack = [t]
    while stack:
        x = stack.pop()
        yield x
        for c in x.children:
            if c.dep_ in breaks:
                continue
            stack.append(c)


def places(t: Token, ev: Event, doc: Doc, etype: EventType, cues: Cues) -> None:
    tok2key = docdata.token_keys(doc)
    ents = docdata.entities(doc)
    for x in clause_tokens(t, cues.place_breaks):
        if x.dep_ != "pobj" or x.head.dep_ != "prep":
            continue
        prep = x.head.lower_
        direct = x.head.head.i == t.i
        if prep in cues.place_preps or (prep in cues.motion_preps and etype.motion and direct):
            only = None if etype.place_on else cues.only_kinds.get(prep)
            for y in [x, *x.conjuncts]:
                k = tok2key.get(y.i)
                if k and k in ents and ents[k].kind in PLACE_KINDS and (only is None or ents[k].kind in only):
                    ev.places.append(k)
