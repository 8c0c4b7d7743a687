"""The tagger's rules, read from data and compiled once: words.tsv (word classes), parts.tsv (named
pattern parts) and rules.tsv (patterns with their type, value function and checks).

A pattern is a regular expression in which `{name}` is a word class or a part (it becomes a named group
whose converted text the value function receives; a second use of a name is `name2`), and a space
matches any run of whitespace. Every name — part, converter, value function, check, type — is checked
when the data is loaded: an unknown one is a DataFileError naming the file and the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from kg.lexicon.files import DataFileError, read_rows
from kg.nlp.timex import checks as check_functions
from kg.nlp.timex import convert, periods, spans  # noqa: F401  (periods, spans: importing registers them)
from kg.nlp.timex import values as value_functions
from kg.nlp.timex.model import TYPES

REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
#: a timex starts and ends at a word boundary, and a year or a day is not part of a longer number
LEFT = r"(?<![\w$£€#/.,:])(?<![\w][.,])"
RIGHT = r"(?![\w%£€$/-]|[.,:]\d)"


@dataclass(frozen=True)
class Part:
    name: str
    regex: str                    # expanded: no named groups, no references
    convert: Callable[[str, dict], object]


@dataclass(frozen=True)
class Rule:
    where: str                    # file:line, for messages
    type: str
    function: Callable
    arg: str | None
    checks: tuple[Callable, ...]
    regex: re.Pattern
    fields: tuple[tuple[str, str], ...]   # (group name, part name)
    needs: frozenset[str] = frozenset()   # word classes every match contains (the rule is skipped without them)


@dataclass(frozen=True)
class Grammar:
    rules: tuple[Rule, ...]
    words: dict[str, dict[str, object]]
    parts: dict[str, Part]
    mods_before: re.Pattern       # a modifier right before a timex ("early", "about", "the end of")
    mods_after: re.Pattern        # and right after ("or so", "or more")
    classes: dict[str, re.Pattern]   # word class -> its words, to see which a text has at all


#: kg's own rules (a `kg/...` path names a file of the installed package, anything else one on disk)
DEFAULT = "kg/nlp/data/timex"


def _lines(folder: str, name: str, columns: int) -> list[tuple[str, list[str]]]:
    """(file:line, fields) of the rows of a tab-separated file; comments and blank lines skipped."""
    path = f"{folder.rstrip('/')}/{name}"
    return [(f"{path}:{n}", fields) for n, fields in read_rows(path, columns)]


def _fail(where: str, reason: str):
    path, line = where.rsplit(":", 1)
    raise DataFileError(path, int(line), reason)


def spaces(regex: str) -> str:
    """A space of a pattern matches any run of whitespace, " ?" any or none."""
    return regex.replace(" ?", r"\s*").replace(" ", r"\s+")


def _word_regex(words: list[str]) -> str:
    alts = []
    for w in sorted(words, key=len, reverse=True):
        rx = spaces(re.escape(w).replace(r"\ ", " ").replace("'", "['’]"))
        alts.append(f"(?-i:{rx}|{rx.upper()})" if w[:1].isupper() else rx)
    return "|".join(alts)


def _read_words(folder: str) -> tuple[dict[str, dict[str, object]], dict[str, list[str]]]:
    table: dict[str, dict[str, object]] = {}
    written: dict[str, list[str]] = {}
    for where, (cls, word, raw) in _lines(folder, "words.tsv", 3):
        check = convert.VALIDATORS.get(cls)
        if check is not None and not check[0](raw):
            _fail(where, f"the value of a '{cls}' word must be {check[1]}, not '{raw}'")
        table.setdefault(cls, {})[convert.key(word)] = convert.word_value(cls, raw)
        written.setdefault(cls, []).append(word)
    for cls in convert.VALIDATORS:
        table.setdefault(cls, {})
    return table, written


def _expand(regex: str, where: str, known: dict[str, str], seen: tuple[str, ...] = ()) -> str:
    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in known:
            _fail(where, f"unknown pattern part {{{name}}}")
        if name in seen:
            _fail(where, f"pattern part {{{name}}} refers to itself")
        return "(?:" + _expand(known[name], where, known, (*seen, name)) + ")"
    return REF.sub(sub, regex)


def _read_parts(folder: str, words, written) -> dict[str, Part]:
    raw = {cls: _word_regex(ws) for cls, ws in written.items()}
    parts = {cls: Part(cls, raw[cls], _lookup(cls)) for cls in written}
    rows = _lines(folder, "parts.tsv", 3)
    known = dict(raw)
    known.update({name: regex for _, (name, _, regex) in rows})
    for where, (name, conv, regex) in rows:
        if conv not in convert.CONVERTERS:
            _fail(where, f"unknown converter '{conv}' (known: {', '.join(sorted(convert.CONVERTERS))})")
        parts[name] = Part(name, _expand(spaces(regex), where, known), convert.CONVERTERS[conv])
    for p in parts.values():
        _compile(p.regex, "", p.name)
    return parts


def _lookup(cls: str) -> Callable[[str, dict], object]:
    return lambda text, words: words[cls][convert.key(text)]


def _compile(regex: str, where: str, what: str) -> re.Pattern:
    try:
        return re.compile(regex, re.I)
    except re.error as e:
        if not where:
            raise
        _fail(where, f"{what}: not a regular expression ({e})")


def _function(where: str, spec: str, table: dict[str, Callable], what: str) -> tuple[Callable, str | None]:
    name, _, arg = spec.partition(":")
    if name not in table:
        _fail(where, f"unknown {what} '{name}' (known: {', '.join(sorted(table))})")
    return table[name], arg or None


def _rule(where: str, row: list[str], parts: dict[str, Part]) -> Rule:
    typ, func, checks, pattern = row
    if typ not in TYPES:
        _fail(where, f"unknown type '{typ}' (one of {', '.join(TYPES)})")
    function, arg = _function(where, func, value_functions.FUNCTIONS, "value function")
    tests = tuple(_function(where, c, check_functions.CHECKS, "check")[0]
                  for c in checks.split(",") if c and c != "-")
    fields, uses = [], {}

    def group(m: re.Match) -> str:
        name = m.group(1)
        if name not in parts:
            _fail(where, f"unknown pattern part {{{name}}}")
        uses[name] = uses.get(name, 0) + 1
        gname = name if uses[name] == 1 else f"{name}{uses[name]}"
        fields.append((gname, name))
        return f"(?P<{gname}>{parts[name].regex})"
    body = REF.sub(group, spaces(pattern))
    regex = _compile(f"{LEFT}(?:{body}){RIGHT}", where, "pattern")
    needs = _required(pattern, set(convert.VALIDATORS) & set(parts) - {"numword", "vague", "ordinal", "mod", "rel"})
    return Rule(where, typ, function, arg, tests, regex, tuple(fields), needs)


def _required(pattern: str, classes: set[str]) -> frozenset[str]:
    """The word classes a pattern cannot match without: {class} references outside any group, option
    or alternative (of a top-level alternation, those all alternatives need)."""
    alternatives, depth, current, i = [], 0, [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = pattern.index("]", i + 2 if pattern[i + 1:i + 2] == "]" else i + 1) + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            alternatives.append(current)
            current = []
        elif c == "{" and depth == 0:
            m = REF.match(pattern, i)
            if m and m.group(1) in classes and pattern[m.end():m.end() + 1] not in ("?", "*"):
                current.append(m.group(1))
        i += 1
    alternatives.append(current)
    return frozenset.intersection(*(frozenset(a) for a in alternatives))


def compile_grammar(folder: str) -> Grammar:
    words, written = _read_words(folder)
    parts = _read_parts(folder, words, written)
    rules = tuple(_rule(where, row, parts) for where, row in _lines(folder, "rules.tsv", 4))
    needed = {cls for r in rules for cls in r.needs}
    classes = {cls: re.compile(parts[cls].regex, re.I) for cls in needed}
    before = re.compile(r"(?:^|(?<![\w-]))(?P<mod>" + parts["mod"].regex + r")(?:\s+|(?<=-))$", re.I)
    after = re.compile(r"\s+(?P<mod>" + parts["modafter"].regex + r")(?!\w)", re.I)   # matched at its end
    return Grammar(rules, words, parts, before, after, classes)


@lru_cache(maxsize=8)
def load(data: str = DEFAULT) -> Grammar:
    """The grammar of a data folder (words.tsv, parts.tsv, rules.tsv), compiled once per process."""
    return compile_grammar(data or DEFAULT)
