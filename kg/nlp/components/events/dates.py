"""When an event happens: the nearest date expression in the trigger's clause that normalises
(kg.nlp.times), a day and a part of day tagged apart ("Monday" + "evening") read as one, a part of a day
by its day ("the early hours of Sunday")."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.model import Event, Mention
from kg.nlp import docdata
from kg.nlp.times import normalise_time

_DATE_LABELS = ("DATE", "TIME")


@dataclass(frozen=True)
class Dates:
    """The document's entity spans by first and by end token, and where its dates start, built once per
    document."""

    starts: dict[int, Span]
    ends: dict[int, Span]
    date_starts: list[int]           # sorted

    @classmethod
    def of(cls, doc: Doc) -> Dates:
        starts = {e.start: e for e in doc.ents}
        return cls(starts, {e.end: e for e in starts.values()},
                   sorted(i for i, e in starts.items() if e.label_ in _DATE_LABELS or _day_of_month(e)))


def _day_of_month(e: Span) -> bool:
    """"on the 29th": an ordinal the tagger calls a rank, after "on the", is a day of the month."""
    doc = e.doc
    return e.label_ == "ORDINAL" and e.start >= 2 and doc[e.start - 1].lower_ == "the" \
        and doc[e.start - 2].lower_ == "on" and e[0].text[:1].isdigit() \
        and (e.end == len(doc) or doc[e.end].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"))    # not "the 3rd floor"


def _in_clause(x: Token, t: Token, breaks: frozenset[str]) -> bool:
    """Is x in t's subtree without crossing into an embedded clause of the kinds in `breaks`?"""
    prev = None
    while x.i != t.i:
        if (x.dep_ in breaks and not _misplaced_adjunct(prev, x)) or x.head.i == x.i:
            return False
        prev, x = x, x.head
    return True


def _misplaced_adjunct(adjunct: Token | None, clause: Token) -> bool:
    """"told reporters on Friday she would...": a phrase between a verb and the subject of its complement
    clause is the verb's, though the parser hangs it on the clause."""
    return adjunct is not None and clause.dep_ == "ccomp" and adjunct.dep_ in ("prep", "npadvmod") \
        and clause.head.i < adjunct.i and any(s.dep_ in ("nsubj", "nsubjpass") and adjunct.i < s.i
                                              for s in clause.children)


def time(t: Token, ev: Event, doc: Doc, dates: Dates, breaks: frozenset[str], tense: str | None = "PAST") -> None:
    """Set ev.time from the nearest date expression in t's clause that normalises, a date without a year
    read in `tense` (PAST, FUTURE or None: the nearest)."""
    starts, ends = dates.starts, dates.ends
    lo = bisect.bisect_left(dates.date_starts, t.left_edge.i)
    hi = bisect.bisect_right(dates.date_starts, t.right_edge.i)
    cands = []
    for i in dates.date_starts[lo:hi]:
        x = doc[i]
        if _in_clause(x, t, breaks):
            cands.append((_tree_distance(t, x), i, starts[i]))
    sent_index = docdata.sentence_numbers(doc)
    for _, _, span in sorted(cands, key=lambda c: (c[0], c[1])):
        variants = [doc[span.start - 1:span.end]] if _day_of_month(span) else [span]
        after = starts.get(span.end)
        if after is not None and after.label_ in _DATE_LABELS:
            variants.insert(0, doc[span.start:after.end])
        before = ends.get(span.start)
        if before is not None and before.label_ in _DATE_LABELS:
            variants.append(doc[before.start:span.end])
        # "the early hours of November 13th", "the night of Friday": the day the part of it is of
        variants += [doc[x.i + 1:span.end] for x in span[:-1] if x.lower_ == "of"]
        # "Wednesday two days after": the date it starts with (a span run on into the next phrase)
        variants += [span[:n] for n in range(len(span) - 1, 0, -1)]
        for v in variants:
            tv = normalise_time(v.text, docdata.reference_date(doc, v.start_char), tense)
            if tv is not None:
                tv.mention = Mention(v.start_char, v.end_char, v.text, sent_index.get(v.sent.start, -1))
                ev.time = tv
                return


def _tree_distance(a: Token, b: Token) -> int:
    anc_a = [a, *a.ancestors]
    anc_b = [b, *b.ancestors]
    for i, x in enumerate(anc_b):
        if x in anc_a:
            return i + anc_a.index(x)
    return 99
