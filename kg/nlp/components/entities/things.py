"""Named things that are no person, organisation or place: products, works and named events.

A mention's context says so: "games like A, B and C", "the hit musical X", "the X hypersonic
missiles" (the name modifies a product noun), "a X for video games" (a name used as a kind of thing:
"a Netflix for games"), a name ending with an event word ("the Harbour Music Festival", "the
Northern Party Convention"). Such a mention gives the cue "PRODUCT" (or "EVENT"); the mentions of a
name then vote with the other cues (cues.py), and a name decided so is left out of the entities. The
words are data (entity_cues.tsv: thing_noun, thing_head, event_name_end).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

_LIKE = ("like", "including")
_QUOTES = ('"', "“", "”", "'", "‘", "’")


def thing_cue(doc: Doc, s: Span, w: dict[str, frozenset[str]]) -> str | None:
    if len(s) >= 2 and s[-1].lower_ in w["event_name_end"] and s[-1].is_title:
        return "EVENT"                                   # "the Northern Party Convention"
    if _listed_as_thing(doc, s, w["thing_noun"]) or _after_thing_noun(doc, s, w["thing_noun"]) \
            or _modifies_thing(s, w["thing_head"]) or _used_as_kind(doc, s):
        return "PRODUCT"
    return None


def _low(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _listed_as_thing(doc: Doc, s: Span, nouns: frozenset[str]) -> bool:
    """"games like A, B and C", "weapons such as A": the name or the first of its list follows."""
    before = s.start - 1
    while before >= 0 and s.start - before <= 15 and (doc[before].text in _QUOTES + (",", "and", "or", "of", "the")
                                                      or doc[before].is_title):
        before -= 1
    if _low(doc, before) in _LIKE:
        return _low(doc, before - 1) in nouns
    return _low(doc, before) == "as" and _low(doc, before - 1) == "such" and _low(doc, before - 2) in nouns


def _after_thing_noun(doc: Doc, s: Span, nouns: frozenset[str]) -> bool:
    """"the hit musical "X"", "its new console X": a lower-case product noun right before the name."""
    i = s.start - 1
    while i >= 0 and doc[i].text in _QUOTES:
        i -= 1
    return i >= 0 and doc[i].is_lower and doc[i].lower_ in nouns and doc[i].pos_ in ("NOUN", "ADJ")


def _modifies_thing(s: Span, heads: frozenset[str]) -> bool:
    """"the X hypersonic missiles", "the X machine": the name modifies a product noun."""
    root = s.root
    if root.dep_ not in ("compound", "amod", "nmod"):
        return False
    head = root.head
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    return head.i > root.i and head.is_lower and head.lower_ in heads


def _used_as_kind(doc: Doc, s: Span) -> bool:
    """"something like a X for video games": an indefinite article on the name itself."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") and c.i < s.start for c in s.root.children) \
        and _low(doc, s.end) in ("for", "of")
