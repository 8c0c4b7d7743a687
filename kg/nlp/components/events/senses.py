"""Sense checks: a trigger word counts only in its eventive reading ("meet demand" is no meeting, "a hunger
strike" is a protest). The checks are data (kg/nlp/data/event_senses.toml), validated when loaded and
compiled into spaCy DependencyMatchers, one per check: each structural condition (the trigger's object,
subject, modifier, particle, head, a preposition's object) is a node hanging on the trigger, and a
PhraseMatcher on lemmas finds the words of a sentence (`context`). A check's matcher runs only on the
sentence of a trigger whose word it applies to; the words a node must be are looked up on the tokens the
structure matched. For each trigger the first check in file order that holds, and is not lifted by its
`unless`, drops or retypes it.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from importlib import resources
from itertools import product

from spacy.matcher import DependencyMatcher, PhraseMatcher
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
RELATIVE_PRONOUNS = ["that", "which", "who"]
MODIFIER_DEPS = ["compound", "amod", "nmod", "npadvmod", "nummod", "poss"]
#: "one of the biggest takeovers in history": the quantifier of a class a superlative names
CLASS_WORDS = ["one"]
SUPERLATIVES = ["most", "least"]
CONDITIONS = ("dep", "object", "object_is_event", "clause", "subject", "modifier", "child", "particle", "prep", "head",
              "context", "among")
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
    if key in ("object_is_event", "clause", "among"):
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
# The DependencyMatcher holds the structure only (dependency labels, prepositions, parts of speech: values
# spaCy checks in C); the word lists are checked on the few tokens a structure matched, and the words of a
# sentence (`context`) are found by a PhraseMatcher on lemmas: a set-valued predicate evaluated on every
# token for every list would cost more than the rest of the pipeline.

def _forms(words) -> list[str]:
    """The cased forms a lemma can have (the lemmatizer keeps a word's case when it has no rule for it)."""
    return sorted({f for w in words for f in (w, w.capitalize(), w.upper())})


def _wordset(value) -> frozenset[str] | None:
    return None if ANY in value else frozenset(value)


def _node(n: int, rel: str, attrs: dict, words, left: str = "t") -> tuple[dict, frozenset[str] | None]:
    return {"LEFT_ID": left, "REL_OP": rel, "RIGHT_ID": f"n{n}", "RIGHT_ATTRS": attrs}, words


def _alternatives(key: str, value, n: int, pos: str | None, event_nouns: frozenset[str]) -> list[list[tuple]]:
    """Each way a condition can hold, as the nodes (pattern node, the words its token must be) it adds."""
    if key == "object_is_event":
        key, value = "object", event_nouns
    w = _wordset(value) if key not in ("prep", "clause", "among") else None
    if key == "object":
        verb = [[_node(n, ">", {"DEP": {"IN": VERB_OBJECT_DEPS}}, w)]]
        noun = [[_node(n, ">", {"DEP": "prep", "LOWER": {"IN": NOUN_OBJECT_PREPS}}, None),
                 _node(n + 1, ">", {"DEP": "pobj"}, w, f"n{n}")]]
        return verb if pos == "VERB" else noun if pos == "NOUN" else verb + noun
    if key == "clause":
        return [[_node(n, ">", {"DEP": "ccomp"}, None)]]
    if key == "among":       # "one of the biggest takeovers", "among the most expensive attacks"
        classes = [[_node(n, "<", {"LOWER": "of", "DEP": "prep"}, None),
                    _node(n + 1, "<", {"LOWER": {"IN": CLASS_WORDS}}, None, f"n{n}")],
                   [_node(n, "<", {"LOWER": "among", "DEP": "prep"}, None)]]
        superlative = [[_node(n + 2, ">", {"DEP": "amod", "TAG": "JJS"}, None)],
                       [_node(n + 2, ">", {"DEP": "amod"}, None),
                        _node(n + 3, ">", {"DEP": "advmod", "LOWER": {"IN": SUPERLATIVES}}, None, f"n{n + 2}")]]
        return [c + sup for c in classes for sup in superlative]
    if key == "subject":     # "the storm struck", "was struck by a storm", "a storm that struck"
        return [[_node(n, ">", {"DEP": "nsubj"}, w)],
                [_node(n, ">", {"DEP": "agent"}, None), _node(n + 1, ">", {"DEP": "pobj"}, w, f"n{n}")],
                [_node(n, ">", {"DEP": "nsubj", "LOWER": {"IN": RELATIVE_PRONOUNS}}, None),
                 _node(n + 1, "<", {}, w)]]
    simple = {"modifier": (">", {"DEP": {"IN": MODIFIER_DEPS}}), "child": (">", {}), "particle": (">", {"DEP": "prt"}),
              "head": ("<", {})}
    if key in simple:
        rel, attrs = simple[key]
        return [[_node(n, rel, attrs, w)]]
    if key == "prep":
        out = []
        for p, objs in sorted(value.items()):
            prep = _node(n, ">", {"LOWER": p, "DEP": {"IN": ["prep", "prt", "agent"]}}, None)
            out.append([prep] if ANY in objs else [prep, _node(n + 1, ">", {"DEP": "pobj"}, _wordset(objs), f"n{n}")])
        return out
    raise ValueError(key)


def _patterns(anchor: dict, conditions: dict, pos, event_nouns) -> list[tuple[list[dict], list]]:
    """The patterns of a conjunction of structural conditions, one per combination of their alternatives,
    each with the words its nodes' tokens must be (None: any), in the order of the matched tokens."""
    alts = [_alternatives(key, value, 4 * j, pos, event_nouns) for j, (key, value) in enumerate(conditions.items())]
    out = []
    for combo in product(*alts):
        nodes = [node for alt in combo for node in alt]
        out.append(([{"RIGHT_ID": "t", "RIGHT_ATTRS": anchor}, *[nd for nd, _ in nodes]], [w for _, w in nodes]))
    return out


@dataclass(frozen=True)
class _Compiled:
    check: int
    lift: bool                               # an `unless` pattern
    words: list                              # per matched token after the trigger: the words it must be


def _sentence_doc(vocab: Vocab, sp) -> Doc:
    """The parse of one sentence as a Doc of its own (Span.as_doc reads every entity of the document)."""
    toks = list(sp)
    return Doc(vocab, words=[x.text for x in toks], spaces=[bool(x.whitespace_) for x in toks],
               lemmas=[x.lemma_ for x in toks], pos=[x.pos_ for x in toks], tags=[x.tag_ for x in toks],
               deps=[x.dep_ for x in toks],
               heads=[x.head.i - sp.start if sp.start <= x.head.i < sp.end else x.i - sp.start for x in toks])


def _within(positions, span) -> bool:
    return any(span.start <= i < span.end for i in positions)


class SenseChecker:
    """Compiled once per pipeline from the checks and the taxonomy they apply to: one DependencyMatcher per
    check, run only on the sentence of a trigger the check applies to (a matcher over the whole document
    matches every node of every pattern everywhere, for the few triggers that need it)."""

    def __init__(self, vocab: Vocab, senses: tuple[Sense, ...], types: tuple[EventType, ...]):
        self.senses = senses
        words = {p: {tr.lemma for t in types for tr in t.triggers if tr.pos == p} for p in _POS}
        event_nouns = frozenset(words["NOUN"])
        self.by_lemma: dict[str, list[int]] = {}
        self.matchers: list[DependencyMatcher] = []
        self.context = PhraseMatcher(vocab, attr="LEMMA")
        self._ids: dict[int, _Compiled] = {}
        for i, s in enumerate(senses):
            lemmas = s.lemmas or {w for p in ([s.pos] if s.pos else _POS) for w in words[p]
                                  if not s.types or any(tr.lemma == w and t.code in s.types
                                                        for t in types for tr in t.triggers)}
            for w in lemmas:
                self.by_lemma.setdefault(w, []).append(i)
            anchor = {"LEMMA": {"IN": _forms(lemmas)}, **({"POS": s.pos} if s.pos else {})}
            if "dep" in s.when:
                anchor["DEP"] = {"IN": sorted(s.when["dep"])}
            self.matchers.append(DependencyMatcher(vocab))
            when = {k: v for k, v in s.when.items() if k not in ("dep", "context")}
            self._add(f"sense:{i}", i, False, _patterns(anchor, when, s.pos, event_nouns))
            for key, value in s.unless.items():
                if key == "context":
                    continue
                lift = ({**anchor, "DEP": {"IN": sorted(value)}}, {}) if key == "dep" else (anchor, {key: value})
                self._add(f"unless:{i}:{key}", i, True, _patterns(*lift, s.pos, event_nouns))
            for name, cond in ((f"ctx:{i}", s.when), (f"uctx:{i}", s.unless)):
                if "context" in cond:
                    self.context.add(name, [Doc(vocab, words=[f], lemmas=[f]) for f in _forms(cond["context"])])

    def _add(self, key: str, check: int, lift: bool, patterns) -> None:
        m = self.matchers[check]
        for j, (pattern, words) in enumerate(patterns):
            m.add(f"{key}:{j}", [pattern])
            self._ids[m.vocab.strings[f"{key}:{j}"]] = _Compiled(check, lift, words)

    def _holds(self, check: int, sent: Doc, at: int) -> tuple[bool, bool]:
        """(the check's structure and words hold on the trigger at `at` in its sentence, it is lifted)."""
        holds = lifted = False
        for match_id, tokens in self.matchers[check](sent):
            c = self._ids[match_id]
            if tokens[0] == at and all(w is None or sent[k].lemma_.lower() in w for k, w in zip(tokens[1:], c.words)):
                lifted |= c.lift
                holds |= not c.lift
        return holds, lifted

    def __call__(self, doc: Doc, triggers: list[tuple[Token, Trigger]]) -> list[tuple[Token, Trigger]]:
        """The triggers in their eventive reading: dropped or retyped as the first check that applies says."""
        checked = [(t, trig, [c for c in self.by_lemma.get(t.lemma_.lower(), ())
                              if not self.senses[c].types or trig.type in self.senses[c].types])
                   for t, trig in triggers]
        if not any(cs for _, _, cs in checked):
            return triggers
        words: dict[str, list[int]] = {}
        for match_id, start, _ in self.context(doc):
            words.setdefault(doc.vocab.strings[match_id], []).append(start)
        spans = list(doc.sents)                 # Token.sent walks the document each time it is asked
        starts = [sp.start for sp in spans]
        sents: dict[int, Doc] = {}
        out = []
        for t, trig, cs in checked:
            sp = spans[bisect.bisect_right(starts, t.i) - 1]
            sense = None
            for c in cs:
                s = self.senses[c]
                if ("context" in s.when and not _within(words.get(f"ctx:{c}", ()), sp)) or \
                        ("context" in s.unless and _within(words.get(f"uctx:{c}", ()), sp)):
                    continue
                if sp.start not in sents:
                    sents[sp.start] = _sentence_doc(doc.vocab, sp)
                holds, lifted = self._holds(c, sents[sp.start], t.i - sp.start)
                if holds and not lifted:
                    sense = s
                    break
            if sense is None:
                out.append((t, trig))
            elif sense.then != DROP:
                out.append((t, dataclasses.replace(trig, type=sense.then)))
        return out
