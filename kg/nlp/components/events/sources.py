"""Who an event is attributed to (prov:wasAttributedTo): the agent of a speech act for the events of the
clause it reports ("X reported (that) ...", "... , X said"), the agent of a parenthetical speech act for the
clause it interrupts (", Reuters reported"), and X for the events of a sentence with "according to (a report
in) X", which are then reported rather than asserted."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.model import Event
from kg.model.keys import space_of
from kg.model.taxonomy import EventType, Modality
from kg.nlp import docdata
from kg.nlp.components.events.cues import Cues

#: the links of a reported clause to the speech act that reports it
_REPORTED = ("ccomp", "parataxis")


def _add(ev: Event, src: list[str]) -> None:
    ev.sources += [k for k in src if k not in ev.sources]


def speech_sources(doc: Doc, found: dict[int, Event], types: dict[str, EventType], cues: Cues) -> None:
    for i, ev in found.items():
        etype = types[ev.type]
        if not etype.speech or not ev.agents:
            continue
        t = doc[i]
        src = [k for k in ev.agents if space_of(k) in cues.source_spaces]
        if not src:
            continue
        for c in t.children:
            if c.dep_ in _REPORTED:
                for x in c.subtree:
                    if x.i in found and x.i != i:
                        _add(found[x.i], src)
        if t.dep_ in _REPORTED and t.head.i in found and etype.parenthetical:
            _add(found[t.head.i], src)
            for x in t.head.subtree:
                if x.i in found and x.i != i and x.i != t.head.i and not _inside(x, t):
                    _add(found[x.i], src)


def phrase_sources(doc: Doc, found: dict[int, Event], phrases: list[tuple[int, int]], cues: Cues) -> None:
    """'according to X': X (the first person or organisation in the phrase) for the sentence's events."""
    tok2key = docdata.token_keys(doc)
    for start, end in phrases:
        head = doc[end - 1]
        src = []
        for x in head.subtree:
            k = tok2key.get(x.i)
            if k and space_of(k) in cues.source_spaces:
                src.append(k)
                break
        if not src:
            continue
        sent = doc[start].sent
        last = max(x.i for x in head.subtree) + 1
        for i, ev in found.items():
            if sent.start <= i < sent.end and not (start <= i < last):
                _add(ev, src)
                if ev.modality == Modality.ASSERTED.value:
                    ev.modality = Modality.REPORTED.value


def _inside(x: Token, t: Token) -> bool:
    return x.i == t.i or any(a.i == t.i for a in x.ancestors)
