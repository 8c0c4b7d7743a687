"""Sense checks: a trigger word counts only in its eventive reading ("meet demand" is no meeting, "a hunger
strike" is a protest). The checks are data (kg/nlp/data/event_senses.toml), validated when loaded and
compiled into one spaCy DependencyMatcher: each condition of a check is a node hanging on the trigger
(its object, subject, modifier, head, a preposition's object, a word of its sentence), so one pass over the
document finds every check that holds; Python then only picks, for each trigger, the first check in file
order that holds and is not lifted by its `unless`.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from importlib import resources
from itertools import product

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.errors import KgError
from kg.model.taxonomy import EventType, Trigger
from kg.model.tomldata import TomlFile

FILE = "event_senses.toml"
PACKAGE_PATH = f"kg/nlp/data/{FILE}"
DROP = "drop"
ANY = "*"
_WORD = re.compile(r"[^\sA-Z]+")
_POS = ("VERB", "NOUN")
#: what a verb's and a noun's object is in the parse
VERB_OBJECT_DEPS = ["dobj", "nsubjpass", "dative"]
NOUN_OBJECT_PREPS = ["of", "on", "against"]
MODIFIER_DEPS = ["compound", "amod", "nmod", "npadvmod", "nummod", "poss"]
CONDITIONS = ("dep", "object", "object_is_event", "clause", "subject", "modifier", "child", "particle", "prep", "head",
              "context")
_KEYS = ("what", "lemmas", "types", "pos", "unless", "then", *CONDITIONS)


@dataclass(frozen=True)
class Sense:
    name: str
    lemmas: frozenset[str]            # empty: every trigger word of `types` (or of every type)
    types: frozenset[str]             # empty: any type
    pos: str | None
    when: dict                        # condition -> value, all must hold
    unless: dict                      # condition -> value, any lifts the check
    then: str                         # DROP or an event type code


def _words(src: TomlFile, table: str, key: str, raw) -> frozenset[str]:
    if not isinstance(raw, list) or not raw or not all(isinstance(w, str) and _WORD.fullmatch(w) for w in raw):
        src.fail(table, "must be a non-empty list of lower-case words", key)
    return frozenset(raw)


def _condition(src: TomlFile, table: str, key: str, raw, labels: frozenset[str] | None, within: str = ""):
    """A condition's value, validated; `within` is "unless." for a condition of an unless table."""
    name = within + key
    if key in ("object_is_event", "clause"):
        if raw is not True:
            src.fail(table, "must be true", name)
        return True
    if key == "prep":
        if not isinstance(raw, dict) or not raw:
            src.fail(table, "must be a table of preposition = [words of its object]", name)
        _words(src, table, name, list(raw))
        return {p: _words(src, table, name, ws) for p, ws in raw.items()}
    out = _words(src, table, name, raw)
    if key == "dep" and labels:
        unknown = sorted(out - labels)
        if unknown:
            src.fail(table, f"unknown dependency label(s) {', '.join(unknown)} (the parser has no such label)", name)
    return out


def _sense(src: TomlFile, name: str, row, codes: frozenset[str], labels) -> Sense:
    table = f"senses.{name}"
    src.check_keys(table, row, _KEYS)
    for need in ("what", "then"):
        if need not in row:
            src.fail(table, f"missing '{need}'")
    then = row["then"]
    if then != DROP and then not in codes:
        src.fail(table, f"unknown event type {then!r} (known: drop, {', '.join(sorted(codes))})", "then")
    pos = row.get("pos")
    if pos is not None and pos not in _POS:
        src.fail(table, f"must be one of {', '.join(_POS)}", "pos")
    types = frozenset(row.get("types", ()))
    if not isinstance(row.get("types", []), list) or types - codes:
        src.fail(table, f"unknown event type(s) {', '.join(sorted(types - codes))}", "types")
    unless = row.get("unless", {})
    if not isinstance(unless, dict):
        src.fail(table, "must be a table of conditions", "unless")
    unknown = sorted(set(unless) - set(CONDITIONS))
    if unknown:
        src.fail(table, f"unknown condition(s) {', '.join(unknown)} (known: {', '.join(CONDITIONS)})",
                 f"unless.{unknown[0]}")
    return Sense(name, _words(src, table, "lemmas", row["lemmas"]) if "lemmas" in row else frozenset(), types, pos,
                 {k: _condition(src, table, k, row[k], labels) for k in CONDITIONS if k in row},
                 {k: _condition(src, table, k, unless[k], labels, "unless.") for k in CONDITIONS if k in unless},
                 then)


def parse(text: str, codes: frozenset[str], path: str = PACKAGE_PATH,
          labels: frozenset[str] | None = None) -> tuple[Sense, ...]:
    """The checks of a file's text, validated against the event type codes and the parser's labels."""
    src = TomlFile.parse(text, path)
    unknown = sorted(set(src.data) - {"senses"})
    if unknown:
        raise src.error(path, src.line(unknown[0]), f"[{unknown[0]}]: unknown table (known: senses.NAME)")
    rows = src.data.get("senses")
    if not isinstance(rows, dict) or not rows:
        raise src.error(path, 1, "[senses.NAME]: the file needs at least one check")
    return tuple(_sense(src, name, row, codes, labels) for name, row in rows.items())


def load(codes: frozenset[str], path: str | None = None, labels: frozenset[str] | None = None) -> tuple[Sense, ...]:
    if not path:
        text = resources.files("kg.nlp").joinpath("data", FILE).read_text(encoding="utf-8")
        return parse(text, codes, labels=labels)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        raise KgError("path_missing", path=path) from None
    return parse(text, codes, path, labels)


# --- compiling -----------------------------------------------------------------------------------------

def _forms(words) -> list[str]:
    """The cased forms a lemma can have (the lemmatizer keeps a word's case when it has no rule for it)."""
    return sorted({f for w in words for f in (w, w.capitalize(), w.upper())})


def _attrs(words, **more) -> dict:
    return {**more, "LEMMA": {"IN": _forms(words)}} if ANY not in words else dict(more)


def _node(n: int, rel: str, attrs: dict, left: str = "t") -> dict:
    return {"LEFT_ID": left, "REL_OP": rel, "RIGHT_ID": f"n{n}", "RIGHT_ATTRS": attrs}


def _alternatives(key: str, value, n: int, pos: str | None, event_nouns: frozenset[str]) -> list[list[dict]]:
    """Each way a condition can hold, as the nodes it adds to the trigger's pattern."""
    if key == "object_is_event":
        key, value = "object", event_nouns
    if key == "object":
        verb = [[_node(n, ">", _attrs(value, DEP={"IN": VERB_OBJECT_DEPS}))]]
        noun = [[_node(n, ">", {"DEP": "prep", "LOWER": {"IN": NOUN_OBJECT_PREPS}}),
                 _node(n + 1, ">", _attrs(value, DEP="pobj"), f"n{n}")]]
        return verb if pos == "VERB" else noun if pos == "NOUN" else verb + noun
    if key == "clause":
        return [[_node(n, ">", {"DEP": "ccomp"})]]
    if key == "subject":
        return [[_node(n, ">", _attrs(value, DEP="nsubj"))],
                [_node(n, ">", {"DEP": "agent"}), _node(n + 1, ">", _attrs(value, DEP="pobj"), f"n{n}")]]
    if key == "modifier":
        return [[_node(n, ">", _attrs(value, DEP={"IN": MODIFIER_DEPS}))]]
    if key == "child":
        return [[_node(n, ">", _attrs(value))]]
    if key == "particle":
        return [[_node(n, ">", _attrs(value, DEP="prt"))]]
    if key == "head":
        return [[_node(n, "<", _attrs(value))]]
    if key == "context":
        return [[_node(n, ".*", _attrs(value))], [_node(n, ";*", _attrs(value))]]
    if key == "prep":
        out = []
        for p, objs in sorted(value.items()):
            prep = _node(n, ">", {"LOWER": p, "DEP": {"IN": ["prep", "prt", "agent"]}})
            out.append([prep] if ANY in objs else [prep, _node(n + 1, ">", _attrs(objs, DEP="pobj"), f"n{n}")])
        return out
    raise ValueError(key)


def _patterns(anchor: dict, conditions: dict, pos, event_nouns) -> list[list[dict]]:
    """The patterns of a conjunction of conditions: one per combination of their alternatives."""
    alts = []
    n = 0
    for key, value in conditions.items():
        alts.append(_alternatives(key, value, n, pos, event_nouns))
        n += 2
    return [[{"RIGHT_ID": "t", "RIGHT_ATTRS": anchor}, *[node for nodes in combo for node in nodes]]
            for combo in product(*alts)]


class SenseChecker:
    """Compiled once per pipeline from the checks and the taxonomy they apply to."""

    def __init__(self, vocab: Vocab, senses: tuple[Sense, ...], types: tuple[EventType, ...]):
        self.senses = senses
        self.types = frozenset(t.code for t in types)
        words = {p: {tr.lemma for t in types for tr in t.triggers if tr.pos == p} for p in _POS}
        event_nouns = frozenset(words["NOUN"])
        self.matcher = DependencyMatcher(vocab)
        self._ids: dict[int, tuple[int, bool]] = {}     # match id -> (check index, is an `unless`)
        for i, s in enumerate(senses):
            lemmas = s.lemmas or {w for p in ([s.pos] if s.pos else _POS) for w in words[p]
                                  if not s.types or any(tr.lemma == w and t.code in s.types
                                                        for t in types for tr in t.triggers)}
            anchor = {"LEMMA": {"IN": _forms(lemmas)}}
            if s.pos:
                anchor["POS"] = s.pos
            if "dep" in s.when:
                anchor["DEP"] = {"IN": sorted(s.when["dep"])}
            when = {k: v for k, v in s.when.items() if k != "dep"}
            self._add(f"sense:{s.name}", (i, False), _patterns(anchor, when, s.pos, event_nouns))
            for key, value in s.unless.items():
                lift = ({**anchor, "DEP": {"IN": sorted(value)}}, {}) if key == "dep" else (anchor, {key: value})
                self._add(f"unless:{s.name}:{key}", (i, True), _patterns(*lift, s.pos, event_nouns))

    def _add(self, key: str, what: tuple[int, bool], patterns: list[list[dict]]) -> None:
        self.matcher.add(key, patterns)
        self._ids[self.matcher.vocab.strings[key]] = what

    def __call__(self, doc: Doc, triggers: list[tuple[Token, Trigger]]) -> list[tuple[Token, Trigger]]:
        """The triggers in their eventive reading: dropped or retyped as the first check that applies says."""
        if not triggers:
            return triggers
        holds: dict[int, set[int]] = {}
        lifted: dict[int, set[int]] = {}
        for match_id, tokens in self.matcher(doc):
            check, lift = self._ids[match_id]
            (lifted if lift else holds).setdefault(tokens[0], set()).add(check)
        out = []
        for t, trig in triggers:
            fired = sorted(holds.get(t.i, set()) - lifted.get(t.i, set()))
            sense = next((self.senses[c] for c in fired if not self.senses[c].types
                          or trig.type in self.senses[c].types), None)
            if sense is None:
                out.append((t, trig))
            elif sense.then != DROP:
                out.append((t, dataclasses.replace(trig, type=sense.then)))
        return out
