"""The event taxonomy: every type kg can extract, with its alignments, role frame, linking rules and
trigger words, defined in one TOML file and nowhere else.

The file is the one named by $KG_EVENT_TYPES, else the package's data/event_types.toml. It is read once,
when this module loads, so every part of the program (the closed KGE namespace, the ontology graph, the
mapping, the SHACL shapes, the events component) sees the same types. It is validated on load: an unknown
key, role property, key space, preposition linking, refinement target or malformed trigger is a
TaxonomyError naming the file, the line and the type, so a typo cannot silently disable a type.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from kg.errors import KgError
from kg.model.keys import NamedEnum, Space, space_of
from kg.model.tomldata import DataError, TomlFile

FILE = "event_types.toml"
#: the environment variable naming another taxonomy file
ENV = "KG_EVENT_TYPES"
#: how error messages name the package's own file
PACKAGE_PATH = f"kg/model/data/{FILE}"
#: the graph properties a role can be written with (kg:agent, kg:patient, sem:hasActor, sem:hasPlace)
PROPERTIES = ("agent", "patient", "participant", "place")
_TYPE_KEYS = {"label", "definition", "cameo", "quad_class", "roles", "verbs", "nouns", "subject", "possessor",
              "recipient", "verb_preps", "noun_preps", "motion", "place_on", "speech", "parenthetical", "refine",
              "kairos", "ace", "exact", "reported_by"}
#: the vocabularies a type may be aligned to (keys of a type's table), their classes in data/alignments.toml
VOCABULARIES = ("kairos", "ace")
#: the most classes of one vocabulary a type is aligned to
MAX_ALIGNED = 2
_DEFAULT_KEYS = {"object_spaces", "verb_preps", "noun_preps"}
_WORD = re.compile(r"[a-z][a-z'-]*")
#: the most words of a trigger: the lemma and the words that must hang on it ("file for bankruptcy")
MAX_WORDS = 4


class Modality(NamedEnum):
    """How the text commits to an event (kg:Asserted, kg:Reported, ...)."""

    ASSERTED = "asserted"
    REPORTED = "reported"
    EXPECTED = "expected"
    ALLEGED = "alleged"
    CLAIMED = "claimed"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"


class TaxonomyError(DataError):
    """The taxonomy file is malformed; the message names the file, the line and the type."""


@dataclass(frozen=True)
class Linking:
    """What the object of a preposition fills, and the key spaces it may be in ("talks with X": X takes
    part, unless X is a place)."""

    property: str
    spaces: frozenset[Space]

    def admits(self, key: str) -> bool:
        return space_of(key) in self.spaces


@dataclass(frozen=True)
class Refinement:
    """A more specific type when one of the patients is in `patient_in` (seizing people is abducting them)."""

    patient_in: frozenset[Space]
    type: str


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str                         # VERB or NOUN
    type: str
    requires: str | None = None      # the words that must hang on it, each on the one before: "on" of
                                     # "call on", "for bankruptcy" of "file for bankruptcy"


@dataclass(frozen=True)
class EventType:
    code: str
    label: str
    cameo: str
    quad_class: int
    definition: str
    roles: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))   # role name -> property
    subject: str = "agent"
    verb_preps: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))   # prep -> Linking
    noun_preps: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))   # prep -> Linking
    motion: bool = False
    place_on: bool = False
    speech: bool = False
    parenthetical: bool = False
    refine: tuple[Refinement, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    kairos: tuple[str, ...] = ()     # KAIROS classes, nearest first
    ace: tuple[str, ...] = ()        # ACE 2005 subtypes, nearest first
    exact: frozenset[str] = frozenset()   # the vocabularies whose first class is an exact match
    reported_by: frozenset[str] = frozenset()   # verbs whose subject a noun of the type is, telling the same
                                                # happening: "an earthquake struck" is no attack
    possessor: str = "agent"         # what the possessor of a trigger noun fills ("his arrest": the patient)
    recipient: str = "patient"       # what the indirect object of a light verb of a trigger noun fills
                                     # ("gave him a warning": the patient; "gave Spain victory": the agent)

    def alignment(self) -> list[tuple[str, str, bool]]:
        """(vocabulary, class, exact) for every class the type is aligned to, nearest first."""
        return [(v, name, i == 0 and v in self.exact)
                for v in VOCABULARIES for i, name in enumerate(getattr(self, v))]


@lru_cache(maxsize=1)
def alignment_classes() -> dict[str, frozenset[str]]:
    """vocabulary -> its class names (data/alignments.toml)."""
    path = "kg/model/data/alignments.toml"
    src = TomlFile.parse(resources.files("kg.model").joinpath("data", "alignments.toml").read_text(encoding="utf-8"),
                         path, TaxonomyError)
    src.check_keys("alignments", src.data, VOCABULARIES)
    return {v: frozenset(src.data.get(v, ())) for v in VOCABULARIES}


def _aligned(src: TomlFile, table: str, row: dict) -> dict:
    """The `kairos` and `ace` classes of a type (at most two each, each a class of its vocabulary) and
    `exact`, the vocabularies whose first class is an exact match (the others are close matches)."""
    out = {}
    known = alignment_classes()
    for v in VOCABULARIES:
        names = row.get(v, [])
        if not isinstance(names, list) or len(names) > MAX_ALIGNED or not all(isinstance(n, str) for n in names):
            src.fail(table, f"must be a list of at most {MAX_ALIGNED} {v} classes", v)
        for n in names:
            if n not in known[v]:
                src.fail(table, f"'{n}' is not a {v} class (see kg/model/data/alignments.toml)", v)
        out[v] = tuple(names)
    exact = row.get("exact", [])
    if not isinstance(exact, list) or not all(e in VOCABULARIES and row.get(e) for e in exact):
        src.fail(table, f"must list vocabularies the type is aligned to ({', '.join(VOCABULARIES)})", "exact")
    out["exact"] = frozenset(exact)
    return out


def _spaces(src: TomlFile, table: str, key: str, raw) -> frozenset[Space]:
    try:
        if not isinstance(raw, list) or not raw:
            raise ValueError
        return frozenset(Space(s) for s in raw)
    except (ValueError, TypeError):
        src.fail(table, f"must list key spaces ({', '.join(s.value for s in Space)}), not {raw!r}", key)


def _linking(src: TomlFile, table: str, key: str, raw, spaces: frozenset[Space]) -> dict[str, Linking]:
    """prep = "property" (the object may be in the default spaces) or prep = { property, spaces }."""
    if not isinstance(raw, dict):
        src.fail(table, "must be a table of preposition = property", key)
    out = {}
    for prep, value in raw.items():
        if isinstance(value, dict):
            if "property" not in value or set(value) - {"property", "spaces"}:
                src.fail(table, f"'{prep}' must be {{ property = ..., spaces = [...] }}", f"{key}.{prep}")
            prop, own = value["property"], _spaces(src, table, f"{key}.{prep}", value.get("spaces", sorted(spaces)))
        else:
            prop, own = value, spaces
        if prop not in PROPERTIES:
            src.fail(table, f"'{prep}' links to unknown property '{prop}' (known: {', '.join(PROPERTIES)})",
                     f"{key}.{prep}")
        out[prep] = Linking(prop, own)
    return out


def _triggers(src: TomlFile, table: str, code: str, row: dict) -> tuple[Trigger, ...]:
    out = []
    for pos, key in (("VERB", "verbs"), ("NOUN", "nouns")):
        words = row.get(key, [])
        if not isinstance(words, list):
            src.fail(table, "must be a list of trigger words", key)
        for word in words:
            parts = word.split() if isinstance(word, str) else []
            if not 1 <= len(parts) <= MAX_WORDS or not all(_WORD.fullmatch(p) for p in parts):
                src.fail(table, f"'{word}' must be a lower-case lemma, optionally followed by up to "
                         f"{MAX_WORDS - 1} words each hanging on the one before", key)
            out.append(Trigger(parts[0], pos, code, " ".join(parts[1:]) or None))
    return tuple(out)


def _words(src: TomlFile, table: str, row: dict) -> frozenset[str]:
    words = row.get("reported_by", [])
    if not isinstance(words, list) or not all(isinstance(w, str) and _WORD.fullmatch(w) for w in words):
        src.fail(table, "must be a list of lower-case verb lemmas", "reported_by")
    if words and not row.get("nouns"):
        src.fail(table, "only a type with trigger nouns can be reported by verbs", "reported_by")
    return frozenset(words)


def _refinements(src: TomlFile, table: str, raw) -> tuple[Refinement, ...]:
    if not isinstance(raw, list):
        src.fail(table, "must be a list of { patient_in = [...], type = ... }", "refine")
    out = []
    for r in raw:
        if not isinstance(r, dict) or set(r) != {"patient_in", "type"}:
            src.fail(table, "each refinement is { patient_in = [key spaces], type = CODE }", "refine")
        out.append(Refinement(_spaces(src, table, "refine", r["patient_in"]), r["type"]))
    return tuple(out)


def _check_row(src: TomlFile, table: str, row: dict) -> None:
    src.check_keys(table, row, _TYPE_KEYS)
    for key in ("label", "definition", "cameo", "quad_class", "roles"):
        if key not in row:
            src.fail(table, f"missing '{key}'")
    for key in ("label", "definition", "cameo"):
        if not isinstance(row[key], str):
            src.fail(table, "must be a string", key)
    if not isinstance(row["quad_class"], int) or not 0 <= row["quad_class"] <= 4:
        src.fail(table, "must be a QuadClass, 0 to 4", "quad_class")
    if not isinstance(row["roles"], dict) or not row["roles"]:
        src.fail(table, "must be a table of role = property", "roles")
    for role, prop in row["roles"].items():
        if prop not in PROPERTIES:
            src.fail(table, f"role '{role}' maps to unknown property '{prop}' (known: {', '.join(PROPERTIES)})",
                     "roles")
    for key in ("subject", "possessor", "recipient"):
        if row.get(key, "agent") not in ("agent", "patient"):
            src.fail(table, f"must be 'agent' or 'patient', not {row[key]!r}", key)
    for key in ("motion", "place_on", "speech", "parenthetical"):
        if not isinstance(row.get(key, False), bool):
            src.fail(table, "must be true or false", key)
    if row.get("parenthetical") and not row.get("speech"):
        src.fail(table, "only a speech act can be parenthetical (set speech = true)", "parenthetical")


def _event_type(src: TomlFile, code: str, row: dict, defaults: dict) -> EventType:
    table = f"types.{code}"
    _check_row(src, table, row)
    spaces = defaults["object_spaces"]
    verb_preps = {**defaults["verb_preps"], **_linking(src, table, "verb_preps", row.get("verb_preps", {}), spaces)}
    noun_preps = {**defaults["noun_preps"], **_linking(src, table, "noun_preps", row.get("noun_preps", {}), spaces)}
    return EventType(
        code, row["label"], row["cameo"], row["quad_class"], row["definition"], MappingProxyType(dict(row["roles"])),
        row.get("subject", "agent"), MappingProxyType(verb_preps), MappingProxyType(noun_preps),
        row.get("motion", False), row.get("place_on", False), row.get("speech", False),
        row.get("parenthetical", False), _refinements(src, table, row.get("refine", [])),
        _triggers(src, table, code, row), **_aligned(src, table, row), reported_by=_words(src, table, row),
        possessor=row.get("possessor", "agent"), recipient=row.get("recipient", "patient"))


def _defaults(src: TomlFile, raw) -> dict:
    src.check_keys("defaults", raw, _DEFAULT_KEYS)
    spaces = _spaces(src, "defaults", "object_spaces", raw.get("object_spaces", [s.value for s in Space]))
    return {"object_spaces": spaces,
            "verb_preps": _linking(src, "defaults", "verb_preps", raw.get("verb_preps", {}), spaces),
            "noun_preps": _linking(src, "defaults", "noun_preps", raw.get("noun_preps", {}), spaces)}


def _cross_check(src: TomlFile, types: tuple[EventType, ...]) -> None:
    """Refinement targets exist; no trigger word belongs to two types (the second would never fire)."""
    codes = {t.code for t in types}
    seen: dict[tuple[str, str, str | None], str] = {}
    for t in types:
        for r in t.refine:
            if r.type not in codes:
                src.fail(f"types.{t.code}", f"unknown type '{r.type}'", "refine")
        for trig in t.triggers:
            word = (trig.lemma, trig.pos, trig.requires)
            if word in seen:
                src.fail(f"types.{t.code}", f"'{' '.join(w for w in word[::2] if w)}' is already a trigger of "
                         f"{seen[word]}", "verbs" if trig.pos == "VERB" else "nouns")
            seen[word] = t.code


def parse(text: str, path: str = PACKAGE_PATH) -> tuple[EventType, ...]:
    """The types of a taxonomy file's text, validated; `path` names the file in errors."""
    src = TomlFile.parse(text, path, TaxonomyError)
    data = src.data
    unknown = set(data) - {"defaults", "types"}
    if unknown:
        src.fail(min(unknown), "unknown table (known: defaults, types)")
    defaults = _defaults(src, data.get("defaults", {}))
    if not isinstance(data.get("types"), dict) or not data["types"]:
        raise TaxonomyError(path, 1, "no [types.CODE] tables")
    types = tuple(_event_type(src, code, row, defaults) for code, row in data["types"].items())
    _cross_check(src, types)
    return types


def load(path: str | None = None) -> tuple[EventType, ...]:
    """The types of the file at `path`, of $KG_EVENT_TYPES when no path is given, else of the package's file."""
    path = path or os.environ.get(ENV) or None
    if path is None:
        return parse(resources.files("kg.model").joinpath("data", FILE).read_text(encoding="utf-8"))
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        raise KgError("path_missing", path=f"{ENV}={path}") from None
    return parse(text, path)


EVENT_TYPES: tuple[EventType, ...] = load()
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
