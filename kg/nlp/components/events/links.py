"""What one event lends another in the same sentence, where the parse links their triggers:

- an event noun that is the subject of a verb event ("the attack in Kharkiv killed ten") gives the verb its
  place and time, which the verb's own clause leaves out (its subject's phrase is not searched for them);
  when both are of one type ("the strike hit a hospital in Kyiv") each takes what the other has and it
  lacks: patients, places, time;
- a clause of the same moment ("... were kidnapped on Thursday when gunmen attacked the school", "as",
  "while"; cues [clauses] simultaneous) and the clause it hangs on share their time and place, each taking
  what it lacks;
- a clause a measured time after or before another ("resigned on 12 March, two weeks after police raided
  his office") is dated by the other's day, shifted by the measure;
- a purpose clause on a journey ("a visit to meet X in Nairobi", "flew to Lima to sign the accord") and the
  journey share their place and time, each taking what it lacks.
Nothing is taken from a clause the parse does not link to the trigger.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from kg.model import Event, Mention, TimeValue
from kg.nlp import docdata
from kg.nlp.components.events.cues import Cues

_SUBJECTS = ("nsubj", "nsubjpass")


def _fill(to: Event, frm: Event, patients: bool = False) -> None:
    if not to.places:
        to.places = list(frm.places)
    if to.time is None:
        to.time = frm.time
    if patients and not to.patients:
        to.patients = list(frm.patients)


_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _shifted(t: Token, head_time: TimeValue | None) -> TimeValue | None:
    """The date of the clause at t when it is a measured time after or before the day of the clause it
    hangs on ("a day after", "two weeks before"), else None."""
    mark = next((c for c in t.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    if mark is None or head_time is None or head_time.precision != "day" or mark.i < 2:
        return None
    unit, count = t.doc[mark.i - 1].lower_, t.doc[mark.i - 2].lower_
    n = _COUNTS.get(count) or (int(count) if count.isdigit() and int(count) < 100 else None)
    if unit not in _UNITS or n is None:
        return None
    delta = timedelta(days=n * _UNITS[unit]) * (-1 if mark.lower_ == "after" else 1)
    span = t.doc[mark.i - 2:mark.i + 1]      # the date is grounded in "a day after"
    mention = Mention(span.start_char, span.end_char, span.text,
                      docdata.sentence_numbers(t.doc).get(t.sent.start, -1))
    return replace(head_time, value=(date.fromisoformat(head_time.value) + delta).isoformat(), mention=mention)


def _purpose(t: Token) -> bool:
    """Is t an infinitive of purpose hanging on the word before ("to meet", "in order to sign")?"""
    return t.tag_ == "VB" and t.dep_ in ("acl", "relcl", "advcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def share(doc: Doc, found: dict[int, Event], cues: Cues, motion: frozenset[str] = frozenset()) -> None:
    """`motion`: the event types that are journeys."""
    for i, ev in found.items():
        t = doc[i]
        h = t.head
        if h.i == i or h.i not in found:
            continue
        other = found[h.i]
        if t.dep_ in _SUBJECTS and t.pos_ == "NOUN":
            same = other.type == ev.type
            _fill(other, ev, patients=same)
            if same:
                _fill(ev, other, patients=True)
        elif t.dep_ == "advcl" and ev.time is None and (shifted := _shifted(t, other.time)) is not None:
            ev.time = shifted
        elif (t.dep_ == "advcl" and any(c.dep_ in ("advmod", "mark") and c.lower_ in cues.simultaneous
                                        for c in t.children)) or (other.type in motion and _purpose(t)):
            _fill(ev, other)     # the same moment, or a journey and its purpose
            _fill(other, ev)
