"""The event taxonomy, read from data/event_types.toml: types, alignments, role frames and trigger words.

The file is validated when loaded: an unknown key, role property, preposition linking or refinement
target is a `TaxonomyError` naming the file and the type, so a typo cannot silently disable a type.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from kg.model.keys import Space

FILE = "event_types.toml"
#: the graph properties a role can be written with (kg:agent, kg:patient, sem:hasActor, sem:hasPlace)
PROPERTIES = ("agent", "patient", "participant", "place")
_TYPE_KEYS = {"label", "definition", "cameo", "quad_class", "roles", "verbs", "nouns", "subject", "verb_preps",
              "noun_preps", "motion", "place_on", "speech", "refine"}


class TaxonomyError(ValueError):
    """The taxonomy file is malformed; the message names the file and the type."""


@dataclass(frozen=True)
class Refinement:
    """A more specific type when every patient is in one of `patient_in` (raiding people is abducting them)."""

    patient_in: frozenset[Space]
    type: str


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str                         # VERB or NOUN
    type: str
    requires: str | None = None      # a particle or preposition the verb must have ("call on")


@dataclass(frozen=True)
class EventType:
    code: str
    label: str
    cameo: str
    quad_class: int
    definition: str
    roles: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))   # role name -> property
    subject: str = "agent"
    verb_preps: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    noun_preps: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    motion: bool = False
    place_on: bool = False
    speech: bool = False
    refine: tuple[Refinement, ...] = ()
    triggers: tuple[Trigger, ...] = ()


def _fail(where: str, why: str):
    raise TaxonomyError(f"{FILE}: {where}: {why}")


def _linking(where: str, table) -> MappingProxyType:
    if not isinstance(table, dict):
        _fail(where, "must be a table of preposition = property")
    for prep, prop in table.items():
        if prop not in PROPERTIES:
            _fail(where, f"'{prep}' links to unknown property '{prop}' (known: {', '.join(PROPERTIES)})")
    return MappingProxyType(dict(table))


def _triggers(code: str, row: dict) -> tuple[Trigger, ...]:
    out = []
    for pos, key in (("VERB", "verbs"), ("NOUN", "nouns")):
        for word in row.get(key, []):
            parts = word.split()
            if not parts or len(parts) > 2:
                _fail(f"types.{code}.{key}", f"'{word}' must be a lemma, optionally followed by one particle")
            out.append(Trigger(parts[0], pos, code, parts[1] if len(parts) == 2 else None))
    return tuple(out)


def _event_type(code: str, row: dict, defaults: dict) -> EventType:
    where = f"types.{code}"
    unknown = set(row) - _TYPE_KEYS
    if unknown:
        _fail(where, f"unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("label", "definition", "cameo", "quad_class", "roles"):
        if key not in row:
            _fail(where, f"missing '{key}'")
    roles = row["roles"]
    for role, prop in roles.items():
        if prop not in PROPERTIES:
            _fail(f"{where}.roles", f"role '{role}' maps to unknown property '{prop}'")
    subject = row.get("subject", "agent")
    if subject not in ("agent", "patient"):
        _fail(where, f"subject must be 'agent' or 'patient', not '{subject}'")
    refine = []
    for r in row.get("refine", []):
        try:
            spaces = frozenset(Space(s) for s in r["patient_in"])
        except (KeyError, ValueError, TypeError):
            _fail(f"{where}.refine", f"patient_in must list key spaces ({', '.join(s.value for s in Space)})")
        refine.append(Refinement(spaces, r.get("type", "")))
    return EventType(
        code, row["label"], row["cameo"], int(row["quad_class"]), row["definition"], MappingProxyType(dict(roles)),
        subject, _linking(f"{where}.verb_preps", {**defaults.get("verb_preps", {}), **row.get("verb_preps", {})}),
        _linking(f"{where}.noun_preps", {**defaults.get("noun_preps", {}), **row.get("noun_preps", {})}),
        bool(row.get("motion", False)), bool(row.get("place_on", False)), bool(row.get("speech", False)),
        tuple(refine), _triggers(code, row))


def parse(text: str) -> tuple[EventType, ...]:
    """The types of a taxonomy file's text, validated."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise TaxonomyError(f"{FILE}: {e}") from None
    defaults = data.get("defaults", {})
    for key in ("verb_preps", "noun_preps"):
        _linking(f"defaults.{key}", defaults.get(key, {}))
    types = tuple(_event_type(code, row, defaults) for code, row in data.get("types", {}).items())
    codes = {t.code for t in types}
    for t in types:
        for r in t.refine:
            if r.type not in codes:
                _fail(f"types.{t.code}.refine", f"unknown type '{r.type}'")
    return types


@lru_cache(maxsize=1)
def _load() -> tuple[EventType, ...]:
    return parse(resources.files("kg.model").joinpath("data", FILE).read_text(encoding="utf-8"))


EVENT_TYPES: tuple[EventType, ...] = _load()
BY_CODE: dict[str, EventType] = {t.code: t for t in EVENT_TYPES}


def event_type(code: str) -> EventType:
    return BY_CODE[code]


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    """(lemma, VERB|NOUN) -> the triggers with that lemma, in file order."""
    out: dict[tuple[str, str], list[Trigger]] = {}
    for t in EVENT_TYPES:
        for trig in t.triggers:
            out.setdefault((trig.lemma, trig.pos), []).append(trig)
    return out


def speech_types() -> frozenset[str]:
    return frozenset(t.code for t in EVENT_TYPES if t.speech)
