"""Reading the surface patterns in each sentence, and carrying containment over.

Per sentence, the Matcher (patterns.py) returns every match of every pattern; like a regular
expression tried at each position, a pattern is read once per start token, in its longest match.
The matches of the sentence, with the relations the parse rules found in it, then carry over
containment: "born in Waxhaw, S.C." gives both places, and "Petaluma, Calif." places an
organisation based in Petaluma in California too; in a birth statement "Town, State" is the
address of one place (the Town), not two places of birth.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc, Span

from kg.lexicon import gazetteer as gz
from kg.model import Entity, keys
from kg.model.keys import Space
from kg.model.kinds import Coarse, coarse_of
from kg.model.predicates import PREDICATES, Pred
from kg.nlp import docdata
from kg.nlp.components.relations.conditions import CONDITIONS, Context
from kg.nlp.components.relations.kill import KillEvents
from kg.nlp.components.relations.patterns import PHRASES, UNIT, SurfaceRules
from kg.nlp.components.relations.units import Units
from kg.nlp.components.relations.words import Words

CONTAINED = Pred.CONTAINED_IN_PLACE.value
CARRY = frozenset(p.value for p, info in PREDICATES.items() if info.carries)
Triple = tuple[str, str, str]


@dataclass(frozen=True)
class Match:
    rule: int
    start: int
    end: int
    s: int        # first token of the subject's mention
    o: int        # first token of the object's mention


def contradicts_gazetteer(inner: str, outer: str, ents: dict[str, Entity]) -> bool:
    """'fight for Tehran in Syria' does not put Tehran in Syria: a containment the gazetteer
    contradicts (a country inside another, a known city inside another country) is not asserted."""
    if not keys.in_space(outer, Space.COUNTRY):
        return False
    if keys.in_space(inner, Space.COUNTRY):
        return True
    p = gz.places().get(gz.norm(ents[inner].label)) if inner in ents else None
    return p is not None and p.country is not None and keys.country(p.country) != outer


class SurfaceReader:
    """The surface patterns over one document."""

    def __init__(self, rules: SurfaceRules, words: Words, doc: Doc, ents: dict[str, Entity], units: Units,
                 kills: KillEvents):
        self.rules, self.words, self.doc, self.ents, self.units, self.kills = rules, words, doc, ents, units, kills
        tags: dict[int, list[str]] = {}
        self.born: list[int] = []
        strings = doc.vocab.strings
        for match_id, start, _end in rules.phrases(doc):
            if match_id == rules.born:
                self.born.append(start)
            else:
                tags.setdefault(start, []).append(strings[match_id])
        self.born.sort()
        self.tags = {i: tuple(t) for i, t in tags.items()}

    def matches(self, sent: Span) -> tuple[list[Match], set[tuple[str, str]]]:
        """The longest match of each pattern at each start (in pattern, then token order), and the
        "Place, Place" pairs of the sentence."""
        best: dict[tuple[int, int], tuple[int, int, Match]] = {}
        pairs: set[tuple[str, str]] = set()
        for match_id, start, end, align in self._match(sent):
            v = self.rules.variants[match_id]
            s = sent.start + start + next(j for j, a in enumerate(align) if v.roles[a] == "S")
            o = sent.start + start + next(j for j, a in enumerate(align) if v.roles[a] == "O")
            if v.rule < 0:
                pairs.add((self.units.key[s], self.units.key[o]))
                continue
            m = Match(v.rule, sent.start + start, sent.start + end, s, o)
            rank = (end, -match_id)
            if (v.rule, start) not in best or rank > best[(v.rule, start)][:2]:
                best[(v.rule, start)] = (*rank, m)
        return [best[k][2] for k in sorted(best)], pairs

    def _match(self, sent: Span) -> list:
        """The matches of the Matchers whose subject and object classes the sentence's mentions have."""
        units = self.units
        have = Counter(units.cls[i] for i in units.starts[bisect.bisect_left(units.starts, sent.start):
                                                          bisect.bisect_left(units.starts, sent.end)])
        out = []
        for (s, o), matcher in self.rules.matchers.items():
            if have[s] and have[o] and (s != o or have[s] > 1):
                out += matcher(sent, with_alignments=True, allow_missing=True)
        return out

    def _trigger(self, m: Match, lexicon: str):
        words = {w.lower() for w in self.words[lexicon]}
        return next((t for t in self.doc[m.start:m.end] if t.i not in self.units.cls and t.lower_ in words), None)

    def sentence(self, sent: Span, found: list[Triple]) -> tuple[list[Triple], set[tuple[str, str]]]:
        """The relations the patterns read in the sentence (after `found`), and its addresses."""
        ctx = Context(self.doc, sent, self.units, self.ents, self.words.sets["region_abbrev"])
        matches, pairs = self.matches(sent)
        addresses: set[tuple[str, str]] = set()
        for m in matches:
            rule = self.rules.rules[m.rule]
            sk, ok = self.units.key[m.s], self.units.key[m.o]
            if sk == ok or (rule.when and not CONDITIONS[rule.when](ctx, m.s, m.o)):
                continue
            if rule.is_event:
                trig = self._trigger(m, rule.trigger)
                if trig is not None:
                    self.kills.complete(trig, rule.yields, [sk], [ok])
                continue
            found.append((sk, rule.yields, ok))
            if rule.also:
                found.append((sk, rule.also, ok))
                # a birthplace given as an address, "born in Tupelo, Miss.", is one place
                after = self.units.end[m.o]
                if self.units.word(self.doc, after, sent) == "," and after + 1 < sent.end \
                        and self.units.of(after + 1) == Coarse.PLACE.value:
                    addresses.add((ok, self.units.key[after + 1]))
        j = bisect.bisect_left(self.born, sent.start)
        if j < len(self.born) and self.born[j] < sent.end:
            addresses |= pairs
        return found, addresses

    def read(self, pending: dict[int, list[Triple]], add: Callable[[str, str, str, Span], bool]) -> None:
        doc = self.doc
        doc.user_data[UNIT], doc.user_data[PHRASES] = self.units.cls, self.tags
        try:
            for sent in doc.sents:
                if docdata.in_skip(doc, sent.start_char, sent.end_char) or not self.units.in_sentence(sent):
                    continue
                found, addresses = self.sentence(sent, list(pending.get(sent.start, [])))
                for a, p, b in carry(found, addresses):
                    if p == CONTAINED and (coarse_of(self.ents[a].kind) is not Coarse.PLACE
                                           or contradicts_gazetteer(a, b, self.ents)):
                        continue
                    add(a, p, b, sent)
        finally:
            doc.user_data.pop(UNIT, None)
            doc.user_data.pop(PHRASES, None)


def carry(found: list[Triple], addresses: set[tuple[str, str]]) -> list[Triple]:
    """A in B, B in C -> A in C; X based in A, A in B -> X based in B (for predicates that carry)."""
    found = [f for f in found if (f[0], f[2]) not in addresses]
    inside = {(a, b) for a, p, b in found if p == CONTAINED}
    for _ in range(3):
        inside |= {(a, c) for a, b in inside for b2, c in inside if b == b2 and a != c}
    extra = [(a, p, c) for a, p, b in found if p in CARRY for b2, c in inside if b == b2]
    return found + extra
