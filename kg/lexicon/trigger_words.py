"""Trigger words that name one kind of happening (kg/lexicon/data/trigger_words.tsv), for comparing the
reports of two documents: `forms(lemma)` is what a trigger lemma is compared by, so that "announce" and
"announcement", or "die" and "death", count as one word."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.lexicon.files import DataFileError, path_of, read_rows

TRIGGER_WORDS = path_of("trigger_words.tsv")
_WORD = re.compile(r"[a-z][a-z'-]*")


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[tuple[str, ...], dict[str, frozenset[int]]]:
    suffixes: list[str] = []
    groups: dict[str, set[int]] = {}
    for n, (kind, value) in read_rows(path, 2):
        words = value.split()
        if not all(_WORD.fullmatch(w) for w in words):
            raise DataFileError(path, n, f"{value!r}: lower-case words only")
        if kind == "suffix" and len(words) == 1:
            suffixes.append(words[0])
        elif kind == "same" and len(words) >= 2:
            for w in words:
                groups.setdefault(w, set()).add(n)
        else:
            raise DataFileError(path, n, f"{kind!r}: a row is 'suffix' and one ending, or 'same' and two words or more")
    return tuple(sorted(suffixes, key=len, reverse=True)), {w: frozenset(g) for w, g in groups.items()}


@lru_cache(maxsize=50_000)
def forms(lemma: str, path: str = TRIGGER_WORDS) -> frozenset[str]:
    """What a trigger lemma is compared by: the word, the verb a noun is made of ("announc" for both
    "announce" and "announcement"), and its groups of words for the same happening."""
    suffixes, groups = _load(path)
    word = lemma.lower()
    stem = word
    for s in suffixes:
        if word.endswith(s) and len(word) - len(s) >= 3:
            stem = word[: -len(s)]
            break
    out = {word, "~" + stem.removesuffix("e")}
    out |= {f"#{g}" for w in (word, stem, stem + "e") for g in groups.get(w, ())}
    return frozenset(out)
