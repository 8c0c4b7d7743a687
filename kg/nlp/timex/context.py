"""What a value function may ask about the document: the reference date at an offset, the tense of
the clause a time expression sits in, and the times found before it (for "that day", "a year earlier")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kg.nlp.timex.model import Timex

FUTURE_AUX = frozenset({"will", "'ll", "ll", "shall", "wo", "sha"})
MODAL_AUX = frozenset({"may", "might"})
#: "would"/"should" without "have" look ahead from the time of saying ("talks would resume on Monday")
REPORTED_FUTURE_AUX = frozenset({"would", "'d", "should"})


@dataclass
class Context:
    text: str
    ref: date | None
    doc: object = None                        # the spaCy Doc, when there is one (tense and checks need it)
    near_days: int = 62
    default_tense: str | None = None          # the tense when the text does not say (no Doc, no verb)
    words: dict = field(default_factory=dict)
    found: list[Timex] = field(default_factory=list)
    _tenses: dict = field(default_factory=dict)

    def ref_at(self, offset: int) -> date | None:
        """The date relative times count from: the publication date, or an embedded post's date."""
        if self.doc is None:
            return self.ref
        from kg.nlp import docdata
        return docdata.reference_date(self.doc, offset) or self.ref

    def span(self, start: int, end: int):
        if self.doc is None:
            return None
        return self.doc.char_span(start, end, alignment_mode="expand")

    def token_after(self, end: int):
        """The first token starting at or after `end` (None at the end or without a Doc)."""
        if self.doc is None:
            return None
        sp = self.doc.char_span(end, len(self.text), alignment_mode="expand")
        return sp[0] if sp is not None and len(sp) else None

    def tense(self, start: int, end: int) -> str | None:
        """PAST, PRESENT or FUTURE from the verb governing the expression, or None (no verb, no Doc)."""
        sp = self.span(start, end)
        if sp is None or not len(sp):
            return self.default_tense
        root = sp.root
        if root.i not in self._tenses:
            tense = _clause_tense(root, self.words.get("futureverb", {}))
            if re.match(r"['’]s\b", self.text[end:end + 3]):
                tense = "PAST"   # "Thursday's closing price": what the day is known for has happened
            self._tenses[root.i] = tense
        return self._tenses[root.i] or self.default_tense

    def anchor(self, start: int, grains: str = "DWMQHY") -> Timex | None:
        """The latest time of the text before `start` with a calendar value (a date, month, quarter…) that is
        not itself relative to another time of the text (so "a year earlier" after "the year-ago quarter"
        does not move twice)."""
        for t in reversed(self.found):
            if (t.start < start and t.type in ("DATE", "TIME") and t.value[:4].isdigit()
                    and (t.anchor is None or t.anchor == "t0") and granularity(t.value) in grains):
                return t
        return None


def granularity(value: str) -> str:
    v = value.split("T")[0]
    if len(v) == 10:
        return "D"
    if "-W" in v:
        return "W"
    if "-Q" in v:
        return "Q"
    if "-H" in v:
        return "H"
    if len(v) == 7 and v[5:].isdigit():
        return "M"
    return "Y"


def _governing_verb(tok):
    v, steps = tok, 0
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i and steps < 8:
        v, steps = v.head, steps + 1
    if v.pos_ not in ("VERB", "AUX"):
        return None
    if v.pos_ == "AUX" and v.dep_ in ("aux", "auxpass") and v.head.pos_ == "VERB":
        v = v.head
    return v


def _clause_tense(tok, future_verbs: dict, depth: int = 0) -> str | None:
    v = _governing_verb(tok)
    if v is None:
        return None
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX or words & MODAL_AUX:
        return "FUTURE"
    if "going" in words or (v.lower_ == "going" and any(c.dep_ == "xcomp" for c in v.children)):
        return "FUTURE"
    if "to" in words and v.tag_ in ("VB", "VBN") and v.dep_ in ("xcomp", "ccomp", "advcl", "acl") and depth < 2:
        if v.head.lemma_.lower() in future_verbs:   # "plans to", "is set to", "is to" resume
            return "FUTURE"
        return _clause_tense(v.head, future_verbs, depth + 1)
    modal = any(a.tag_ == "MD" for a in auxes)
    if modal and not words & {"have", "'ve"}:   # "would be held", "could resume": not a past time
        return "FUTURE" if words & REPORTED_FUTURE_AUX else None
    own_future = future_verbs.get(v.lemma_.lower()) == "FUTURE"
    if "had" in words or ({"has", "have", "'ve"} & words and v.tag_ in ("VBN", "VBG")):   # perfect: past
        return "FUTURE" if own_future and "had" not in words else "PAST"   # … unless it "has scheduled" it
    if own_future and not (v.tag_ == "VBN" and not auxes):
        return "FUTURE"
    tags = {v.tag_} | {a.tag_ for a in auxes}
    if "VBD" in tags:
        return "PAST"
    if v.tag_ == "VBN":
        if any(a.lemma_ == "have" for a in auxes) or not tags & {"VBZ", "VBP"}:
            return "PAST"
        return "PRESENT"
    if v.tag_ == "VBG" and not auxes and v.head.i != v.i and depth < 2:   # "…, rising to …": the clause's tense
        return _clause_tense(v.head, future_verbs, depth + 1)
    if v.tag_ in ("VBP", "VBZ", "VBG"):
        return "PRESENT"
    return None
