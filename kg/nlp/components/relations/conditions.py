"""The `when=` conditions of the surface patterns: checks a Matcher pattern cannot express.

Each takes the match's context and the first tokens of the subject and object mentions. The table
`CONDITIONS` is the only list of names a pattern file may use (an unknown one is a load error).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc, Span

from kg.model import Entity
from kg.model.kinds import Kind
from kg.nlp.components.relations.units import Units

LIST_WORDS = ("and", "or", "&")     # "Paris, London and Rome" is a list, not an address
#: (subject kind, object kind) of two places a comma does not make one inside the other unless the
#: object is a state abbreviation: "Lyon, Marseille", "France, Germany", "Texas, Austin"
_PEERS = {(Kind.CITY, Kind.CITY), (Kind.COUNTRY, Kind.COUNTRY), (Kind.COUNTRY, Kind.CITY),
          (Kind.ADMINISTRATIVE_AREA, Kind.CITY)}


@dataclass(frozen=True)
class Context:
    doc: Doc
    sent: Span
    units: Units
    ents: dict[str, Entity]
    region_abbrev: frozenset[str]


def _text(c: Context, start: int) -> str:
    return c.doc[start:c.units.end[start]].text


def object_is_region_abbrev(c: Context, s: int, o: int) -> bool:
    return _text(c, o) in c.region_abbrev


def not_list(c: Context, s: int, o: int) -> bool:
    """"Tulsa, Okla." and "Lyon, France" are addresses; "Paris, London and Rome" is a list."""
    after = c.units.end[o]
    nxt = c.units.word(c.doc, after, c.sent)
    if nxt in LIST_WORDS:
        return False
    if nxt == "," and c.units.word(c.doc, after + 1, c.sent) in ("and", "or") \
            and after + 2 < c.sent.end and c.units.of(after + 2) == "LOC":
        return False
    sk, ok = c.ents[c.units.key[s]].kind, c.ents[c.units.key[o]].kind
    return _text(c, o) in c.region_abbrev or (sk, ok) not in _PEERS


def sentence_start(c: Context, s: int, o: int) -> bool:
    """Nothing but punctuation and bracketed notes ("(Text)") before the dateline."""
    before = c.doc[c.sent.start:min(s, o)].text
    return not re.search(r"[A-Za-z]", re.sub(r"\([^()]*\)", "", before))


CONDITIONS: dict[str, Callable[[Context, int, int], bool]] = {
    "not_list": not_list,
    "object_is_region_abbrev": object_is_region_abbrev,
    "sentence_start": sentence_start,
}
