"""The rules of within-document event identity (kg/nlp/data/event_identity.toml), validated when loaded: an
unknown table or key, a missing key, a malformed word, an unknown event type or dependency label is a
DataError naming the file and the line."""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from kg.errors import KgError
from kg.model import taxonomy
from kg.model.tomldata import TomlFile

FILE = "event_identity.toml"
PACKAGE_PATH = f"kg/nlp/data/{FILE}"
_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass(frozen=True)
class Rules:
    determiners: frozenset[str]        # what makes an event noun definite ("the attack")
    anaphoric: frozenset[str]          # event nouns that refer back when definite (word forms)
    anaphora_window: int               # sentences back
    max_path: int                      # arcs between a noun and the mention it is linked to
    breaks: frozenset[str]             # dependency labels such a path never takes
    repeat_window: int                 # sentences apart the same trigger word may repeat one happening
    bare_window: int                   # ... when one of the two has no participant
    separate: frozenset[str]           # types whose repeated mentions are separate acts
    distinct: frozenset[str]           # modifiers that make a noun another happening ("another attack")
    compatible: MappingProxyType       # type -> the types one happening of it may also be told as

    def compatible_types(self, a: str, b: str) -> bool:
        return a == b or b in self.compatible.get(a, ())


def _words(src: TomlFile, table: str, key: str, raw) -> frozenset[str]:
    if not isinstance(raw, list) or not all(isinstance(w, str) and _WORD.fullmatch(w) for w in raw):
        src.fail(table, "must be a list of lower-case words", key)
    return frozenset(raw)


def _count(src: TomlFile, table: str, key: str, raw) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
        src.fail(table, "must be a whole number, 0 or more", key)
    return raw


def _types(src: TomlFile, table: str, key: str, raw) -> frozenset[str]:
    known = {t.code for t in taxonomy.EVENT_TYPES}
    if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
        src.fail(table, "must be a list of event type codes", key)
    unknown = sorted(set(raw) - known)
    if unknown:
        src.fail(table, f"unknown event type(s) {', '.join(unknown)} (not in the taxonomy)", key)
    return frozenset(raw)


def _groups(src: TomlFile, table: str, key: str, raw) -> MappingProxyType:
    if not isinstance(raw, list) or not all(isinstance(g, list) and len(g) >= 2 for g in raw):
        src.fail(table, "must be a list of groups of two event types or more", key)
    out: dict[str, set[str]] = {}
    for group in raw:
        codes = _types(src, table, key, group)
        for c in codes:
            out.setdefault(c, set()).update(codes - {c})
    return MappingProxyType({c: frozenset(v) for c, v in out.items()})


def _labels(labels: frozenset[str] | None):
    def read(src: TomlFile, table: str, key: str, raw) -> frozenset[str]:
        out = _words(src, table, key, raw)
        unknown = sorted(out - labels) if labels else []
        if unknown:
            src.fail(table, f"unknown dependency label(s) {', '.join(unknown)} (the parser has no such label)", key)
        return out
    return read


def parse(text: str, path: str = PACKAGE_PATH, labels: frozenset[str] | None = None) -> Rules:
    """The rules of a file's text, validated; `labels` are the parser's dependency labels, when known."""
    schema = {
        "anaphora": {"determiners": ("determiners", _words), "nouns": ("anaphoric", _words),
                     "window": ("anaphora_window", _count)},
        "linked": {"max_path": ("max_path", _count), "breaks": ("breaks", _labels(labels))},
        "repeat": {"window": ("repeat_window", _count), "bare_window": ("bare_window", _count),
                   "separate": ("separate", _types)},
        "distinct": {"modifiers": ("distinct", _words)},
        "compatible": {"groups": ("compatible", _groups)},
    }
    values = TomlFile.parse(text, path).read_tables(schema)
    return Rules(**values)


def load(path: str | None = None, labels: frozenset[str] | None = None) -> Rules:
    """The rules of the file at `path`, or of the package's own file."""
    if not path:
        return parse(resources.files("kg.nlp").joinpath("data", FILE).read_text(encoding="utf-8"), labels=labels)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        raise KgError("path_missing", path=path) from None
    return parse(text, path, labels)
