"""Which event types may be one happening across documents: two kg types that share a class of the
vocabularies they are aligned to (KAIROS, ACE 2005: kg/model/data/event_types.toml) — "died" and "killed"
(Life.Die), "beat" and "lost" (Conflict.Defeat) — as reports of one event often name it with another word
of another type.

Clustering blocks on a *family*: the types linked to each other by shared classes (a connected component),
named by its smallest type code, so every report a type's reports may meet is in one (family, story) group.
Within it, two reports of different types are compatible only when their own types share a class.
"""
from __future__ import annotations

from functools import lru_cache

from kg.model import taxonomy


@lru_cache(maxsize=1)
def _classes() -> dict[str, frozenset[tuple[str, str]]]:
    """Each type's aligned classes, as (vocabulary, class)."""
    return {t.code: frozenset((v, c) for v, c, _ in t.alignment()) for t in taxonomy.load()}


@lru_cache(maxsize=1)
def _families() -> dict[str, tuple[str, ...]]:
    """type code -> the sorted types of its family (itself alone when it shares no class)."""
    classes = _classes()
    parent = {t: t for t in classes}

    def root(t: str) -> str:
        while parent[t] != t:
            parent[t] = parent[parent[t]]
            t = parent[t]
        return t
    owners: dict[tuple[str, str], str] = {}
    for t in sorted(classes):
        for c in sorted(classes[t]):
            if c in owners:
                a, b = sorted((root(t), root(owners[c])))
                parent[b] = a
            else:
                owners[c] = t
    members: dict[str, list[str]] = {}
    for t in sorted(classes):
        members.setdefault(root(t), []).append(t)
    return {t: tuple(members[root(t)]) for t in classes}


def family(etype: str) -> tuple[str, ...]:
    """The types clustered together with `etype` (sorted; a type the taxonomy does not know is alone)."""
    return _families().get(etype, (etype,))


def compatible(a: str, b: str) -> bool:
    """May reports of types `a` and `b` be one event? The same type, or types sharing an aligned class."""
    if a == b:
        return True
    classes = _classes()
    return bool(classes.get(a, frozenset()) & classes.get(b, frozenset()))


def family_group(grp: str) -> str:
    """The "family|story" group that clusters a "type|story" group's reports (the family named by its
    smallest type code, so a family group maps to itself)."""
    etype, _, story = grp.partition("|")
    return f"{family(etype)[0]}|{story}"
