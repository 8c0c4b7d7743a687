"""Lexicon look-ups over a Doc through spaCy's PhraseMatcher: where each phrase of a lexicon occurs,
indexed by the token it starts at and the token it ends at, so that "the longest title ending right
before this name" is a dictionary look-up, not a loop over n-grams.

A `Phrases` is compiled once per pipeline (at component creation) with the pipeline's tokenizer;
matching compares lower-cased tokens (attr LOWER: spaCy's NORM would also fold British spellings).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc


class Phrases:
    """The phrases of a lexicon (lower case), found in a Doc by one PhraseMatcher. With `as_tokens`,
    each phrase is its space-separated tokens as written ("mr." one token, as a Doc spells it),
    not what the tokenizer makes of it."""

    def __init__(self, nlp: Language, phrases: Iterable[str], attr: str = "LOWER", as_tokens: bool = False):
        self.matcher = PhraseMatcher(nlp.vocab, attr=attr)
        for phrase in sorted(set(phrases)):
            patterns = [Doc(nlp.vocab, words=phrase.split())] if as_tokens else _patterns(nlp, phrase)
            self.matcher.add(phrase, patterns)

    def __call__(self, doc: Doc) -> Found:
        strings = doc.vocab.strings
        return Found({(s, e): strings[m] for m, s, e in self.matcher(doc)})


def _patterns(nlp: Language, phrase: str) -> list[Doc]:
    """The phrase tokenized as it may be written: the tokenizer's exceptions are case-sensitive ("Sen."
    is one token, "sen." two), so each casing that tokenizes differently is a pattern of its own."""
    out: dict[tuple[str, ...], Doc] = {}
    for variant in (phrase, phrase.capitalize(), phrase.title(), phrase.upper()):
        doc = nlp.make_doc(variant)
        out.setdefault(tuple(t.lower_ for t in doc), doc)
    return list(out.values())


@dataclass(frozen=True)
class Found:
    """The matches of a lexicon in one Doc: (start, end) token span -> the phrase matched."""

    spans: dict[tuple[int, int], str]
    _by_end: dict[int, list[int]] = field(default_factory=dict, repr=False)
    _by_start: dict[int, list[int]] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        by_end, by_start = defaultdict(list), defaultdict(list)
        for s, e in sorted(self.spans):
            by_end[e].append(s)          # starts ascending: the longest match first
            by_start[s].insert(0, e)     # ends descending: the longest match first
        self._by_end.update(by_end)
        self._by_start.update(by_start)

    def ending_at(self, end: int) -> list[int]:
        """Starts of the matches that end at token `end` (exclusive), longest first."""
        return self._by_end.get(end, [])

    def starting_at(self, start: int) -> list[int]:
        """Ends (exclusive) of the matches that start at token `start`, longest first."""
        return self._by_start.get(start, [])

    def __contains__(self, span: tuple[int, int]) -> bool:
        return span in self.spans
