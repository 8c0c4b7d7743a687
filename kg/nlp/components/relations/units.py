"""What the relation Matcher sees of a document: each entity mention is one unit of its coarse class.

The first token of a mention of a person, organisation or place gets "PER", "ORG" or "LOC" in the
token attribute `kg_unit`, its other tokens "+", every other token (pronouns, groups, plain words)
"W". Built from the token -> entity key map once per document, over the entity tokens only.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kg.model import Entity
from kg.model.kinds import Coarse, coarse_of

UNIT_CLASSES = frozenset({Coarse.PERSON, Coarse.ORGANIZATION, Coarse.PLACE})


@dataclass
class Units:
    cls: dict[int, str] = field(default_factory=dict)    # token -> "PER"/"ORG"/"LOC" (first token) or "+"
    end: dict[int, int] = field(default_factory=dict)    # first token -> end of the mention (exclusive)
    key: dict[int, str] = field(default_factory=dict)    # first token -> entity key
    starts: list[int] = field(default_factory=list)      # first tokens, in order

    def of(self, i: int) -> str:
        return self.cls.get(i, "W")

    def word(self, doc: Doc, i: int, sent: Span) -> str | None:
        """The lower-cased text of token i if it is a plain word of the sentence."""
        return doc[i].lower_ if sent.start <= i < sent.end and i not in self.cls else None

    def in_sentence(self, sent: Span) -> bool:
        j = bisect.bisect_left(self.starts, sent.start)
        return j < len(self.starts) and self.starts[j] < sent.end


def units_of(doc: Doc, keys: dict[int, str], ents: dict[str, Entity]) -> Units:
    u = Units()
    start = prev = -2
    for i in sorted(keys):
        k = keys[i]
        c = coarse_of(ents[k].kind) if k in ents and doc[i].pos_ != "PRON" else None
        if c not in UNIT_CLASSES:
            prev = -2
            continue
        if prev == i - 1 and u.key.get(start) == k and not doc[i].is_sent_start:
            u.cls[i] = "+"
            u.end[start] = i + 1
        else:
            start = i
            u.cls[i], u.end[i], u.key[i] = c.value, i + 1, k
            u.starts.append(i)
        prev = i
    return u
