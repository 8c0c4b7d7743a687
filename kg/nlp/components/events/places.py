"""Where an event happens: the places named in in/at/near-phrases of the trigger's clause, "to"/"into"
phrases on the trigger of a motion type (a destination), "on" + a landmark, or any place for a type
with place_on ("strikes on Gaza"); an unnamed site there is a place too ("at a checkpoint")."""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

from kg.model import Event, Kind
from kg.model.kinds import PLACE_KINDS
from kg.model.taxonomy import EventType
from kg.nlp import docdata
from kg.nlp.components.events import nominals
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


def _object_of_prep(x: Token, cues: Cues) -> Token | None:
    """The object of a preposition x is, or stands for: itself, the noun it is in apposition to ("in the
    capital, Sanaa"), or the place noun whose of-phrase it is ("in the town of Bucha")."""
    for _ in range(3):
        if x.dep_ == "appos":
            x = x.head
        elif x.dep_ == "pobj" and x.head.lower_ == "of" and x.head.head.lemma_.lower() in cues.place_nouns:
            x = x.head.head
        else:
            break
    return x if x.dep_ == "pobj" and x.head.dep_ == "prep" else None


def places(t: Token, ev: Event, doc: Doc, etype: EventType, cues: Cues) -> None:
    tok2key = docdata.token_keys(doc)
    ents = docdata.entities(doc)
    for y in clause_tokens(t, cues.place_breaks):
        x = _object_of_prep(y, cues)
        if x is None:
            continue
        prep = x.head.lower_
        direct = x.head.head.i == t.i
        if prep in cues.place_preps or (prep in cues.motion_preps and etype.motion and direct):
            only = None if etype.place_on else cues.only_kinds.get(prep)
            for z in ([x, *x.conjuncts] if x is y else [y]):
                k = tok2key.get(z.i) or _site(z, doc, cues)
                if k and k in ents and ents[k].kind in PLACE_KINDS and (only is None or ents[k].kind in only):
                    ev.places.append(k)
    if not ev.places and t.pos_ == "VERB":
        ev.places += _where_the_subject_is(t, doc, cues) or _owner_of_the_object(t, doc)


def _site(t: Token, doc: Doc, cues: Cues) -> str | None:
    """An unnamed site as the place ("at a checkpoint", "in the hospital"); no other unnamed participant."""
    if nominals.kind_of(t, cues.participants) is not Kind.SITE:
        return None
    return nominals.participant(t, doc, cues.participants)


def _owner_of_the_object(v: Token, doc: Doc) -> list[str]:
    """The place that owns the verb's object, when its clause names no place: "won Ruritania's presidential
    election", "shelled Kharkiv's main hospital"."""
    tok2key, ents = docdata.token_keys(doc), docdata.entities(doc)
    owners = [tok2key.get(p.i) for o in v.children if o.dep_ == "dobj" and o.pos_ == "NOUN"
              for p in o.children if p.dep_ == "poss"]
    return [k for k in owners if k and k in ents and ents[k].kind in PLACE_KINDS]


def _where_the_subject_is(v: Token, doc: Doc, cues: Cues) -> list[str]:
    """The place of the verb's subject, when its clause names none: "pupils at a school in Kano were
    kidnapped", "troops in Donetsk attacked" (an in/at phrase on the subject, or on the noun of its
    from-phrase; nothing deeper)."""
    tok2key = docdata.token_keys(doc)
    ents = docdata.entities(doc)
    heads = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "a total of 287 pupils from a school in X": through a measure or count to the people
    heads += [o for h in heads if h.lemma_.lower() in cues.measure_nouns or h.like_num for p in h.children
              if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    heads += [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ == "from"
              for o in p.children if o.dep_ == "pobj"]
    objs = [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in cues.subject_place_preps
            for o in p.children if o.dep_ == "pobj"]
    keys = [tok2key.get(z.i) for o in objs for z in (o, *o.conjuncts)]
    return [k for k in keys if k and k in ents and ents[k].kind in PLACE_KINDS]
