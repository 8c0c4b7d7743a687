"""General lexicons shared by the stages: titles, nominal organisations, group and actor nouns.

Each is a file in kg/lexicon/data/ (one entry per line, tab-separated fields), loaded once.
"""
from __future__ import annotations

from functools import lru_cache

from kg.lexicon.files import DataFileError, numbered_rows, path_of, rows
from kg.model.keys import norm
from kg.model.kinds import Kind


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Job titles and offices ("prime minister", "spokesperson")."""
    return frozenset(norm(r[0]) for r in rows("titles.txt", 1))


@lru_cache(maxsize=1)
def org_heads() -> dict[str, tuple[str, Kind]]:
    """phrase -> (canonical name, kind) of organisations a country has without a proper name ("foreign ministry")."""
    out = {}
    for n, (phrase, name, kind) in numbered_rows("org_heads.tsv", 3):
        try:
            out[norm(phrase)] = (name, Kind(kind))
        except ValueError:
            raise DataFileError(path_of("org_heads.tsv"), n, f"unknown kind '{kind}'") from None
    return out


@lru_cache(maxsize=1)
def group_nouns() -> frozenset[str]:
    """Nouns that name people as a group when counted or qualified ("nationals", "workers")."""
    return frozenset(norm(r[0]) for r in rows("group_nouns.txt", 1))


@lru_cache(maxsize=1)
def actor_nouns() -> frozenset[str]:
    """Nouns for people who act in events ("pupils", "protesters")."""
    return frozenset(norm(r[0]) for r in rows("actor_nouns.txt", 1))
