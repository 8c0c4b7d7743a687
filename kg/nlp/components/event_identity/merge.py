"""What may and what does join two events of one document into one (plain document model, no spaCy).

`conflict` says why two events cannot be one happening (or None); `join` makes the one event of two:
the principal keeps its IRI-bearing trigger, type, lemma and modality, the other's mentions become its
further mentions, and the roles, places, sources and the more precise of two compatible dates are pooled.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from kg.model import Event, TimeValue

_PRECISION = {"year": 0, "month": 1, "day": 2}


def _dedupe(*lists: list[str], without: set[str] = frozenset()) -> list[str]:
    seen: dict[str, None] = {}
    for ks in lists:
        for k in ks:
            if k and k not in without:
                seen.setdefault(k, None)
    return list(seen)


def times_compatible(a: TimeValue | None, b: TimeValue | None) -> bool:
    """Unknown on a side, or one ISO value a prefix of the other ("2024-03" and "2024-03-07")."""
    if a is None or b is None:
        return True
    x, y = a.value, b.value
    return x.startswith(y) or y.startswith(x)


def _roles_conflict(a: Event, b: Event, unnamed: frozenset[str]) -> str | None:
    for role in ("agents", "patients"):
        x, y = set(getattr(a, role)) - unnamed, set(getattr(b, role)) - unnamed
        if x and y and not (x & y):
            return f"different {role}"
    x, y = set(a.agents + a.patients) - unnamed, set(b.agents + b.patients) - unnamed
    if x and y and not (x & y):
        return "no participant in common"
    for x, y in ((a, b), (b, a)):
        if set(x.agents) & set(y.patients) and not set(x.agents) & set(y.agents):
            return "agent of one is patient of the other"
    return None


def conflict(a: Event, b: Event, places_apart: Callable[[list[str], list[str]], bool],
             unnamed: frozenset[str] = frozenset()) -> str | None:
    """Why a and b cannot be one happening, or None. `places_apart(pa, pb)`: the places cannot be one.
    `unnamed`: keys of unnamed participants ("a soldier", "the campus"), which two mentions of one happening
    may each have their own of, so they neither conflict nor count as held in common."""
    why = _roles_conflict(a, b, unnamed)
    if why:
        return why
    if not times_compatible(a.time, b.time):
        return "different dates"
    pa, pb = [k for k in a.places if k not in unnamed], [k for k in b.places if k not in unnamed]
    if pa and pb and places_apart(pa, pb):
        return "different places"
    if (a.modality == "negated") != (b.modality == "negated"):
        return "one is negated"
    return None


def _time(a: TimeValue | None, b: TimeValue | None) -> TimeValue | None:
    if a is None or b is None:
        return a or b
    return b if _PRECISION.get(b.precision, 0) > _PRECISION.get(a.precision, 0) else a


def join(main: Event, other: Event) -> Event:
    """The one event of `main` and `other` (compatible: see `conflict`), `main` its principal mention."""
    agents = _dedupe(main.agents, other.agents)
    patients = _dedupe(main.patients, other.patients, without=set(agents))
    participants = _dedupe(main.participants, other.participants, without=set(agents) | set(patients))
    also = sorted({(m.start, m.end): m for m in main.also + other.mentions if m != main.trigger}.values(),
                  key=lambda m: (m.start, m.end))
    lemmas = [x for x in _dedupe(main.lemmas, other.lemmas) if x != main.lemmas[0]]
    return replace(main, agents=agents, patients=patients, participants=participants,
                   places=_dedupe(main.places, other.places), sources=_dedupe(main.sources, other.sources),
                   time=_time(main.time, other.time), also=also, also_lemmas=lemmas)
