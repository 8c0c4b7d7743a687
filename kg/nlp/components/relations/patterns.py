"""The surface patterns of kg_relations (relation_patterns.tsv), validated and compiled once per
pipeline into spaCy Matchers (one per subject/object class pair, so a sentence is read only by the
patterns its mentions can fill; `with_alignments` tells which tokens are S and O) and one PhraseMatcher.
A pattern is tried at every start token and read in its longest match there, as the regular
expressions it replaced were.

A pattern is a list of elements over tokens (the file's header lists them). An entity mention is one
element: its first token carries its coarse class in the token attribute `kg_unit` ("PER", "ORG",
"LOC"), its other tokens carry "+", and every other token carries "W"; so `S=PER` is "a PER token
followed by the rest of its mention" and a word element never matches inside a name. A lexicon of
phrases is found by the PhraseMatcher, which tags the first token of each phrase with
`name/length` (`kg_phrases`); the Matcher pattern reads the tag and the phrase's other tokens.

Validation names the file and the line: an unknown element, lexicon, part of speech, condition,
predicate (kg.model.predicates) or event type (kg.model.taxonomy), or a subject/object class the
predicate does not link, is a RuleDataError, never a pattern that silently never matches.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.model.kinds import Coarse
from kg.model.predicates import PREDICATES, Pred, predicate
from kg.model.taxonomy import BY_CODE
from kg.nlp.components.relations.conditions import CONDITIONS
from kg.nlp.components.relations.datafiles import RuleDataError, display, numbered_lines
from kg.nlp.components.relations.words import Words

UNIT, PHRASES = "kg_unit", "kg_phrases"
CLASSES = {c.value: c for c in (Coarse.PERSON, Coarse.ORGANIZATION, Coarse.PLACE)}
POS_TAGS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "CONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
            "PROPN", "PUNCT", "SCONJ", "SPACE", "SYM", "VERB", "X"}
OPTIONS = ("when", "also", "trigger")
#: events the patterns may make, with the classes of agent and patient (a killing is person -> person)
EVENT_SIGNATURES = {"Kill": (Coarse.PERSON, Coarse.PERSON)}
MAX_VARIANTS = 128
_QUANT = re.compile(r"(.+?)(\?|\*|\+|\{\d+,\d+\})")
_W = {UNIT: "W"}

if not Token.has_extension(UNIT):
    # what the relation Matcher reads: the maps of units.py and surface.py, put on the Doc while it reads
    Token.set_extension(UNIT, getter=lambda t: t.doc.user_data.get(UNIT, {}).get(t.i, "W"))
    Token.set_extension(PHRASES, getter=lambda t: t.doc.user_data.get(PHRASES, {}).get(t.i, ()))


@dataclass(frozen=True)
class Rule:
    line: int
    source: str
    yields: str                 # a Pred value, or an event type code
    is_event: bool
    also: str | None = None
    when: str | None = None
    trigger: str | None = None  # the lexicon of an event's trigger


@dataclass(frozen=True)
class Variant:
    """One Matcher pattern of a rule: which of its tokens are the subject and the object."""

    rule: int                   # index in SurfaceRules.rules
    roles: tuple[str | None, ...]


@dataclass(frozen=True)
class SurfaceRules:
    """The rules and their matchers: one Matcher per (subject class, object class), so a sentence is
    read only by the patterns its mentions can fill."""

    rules: tuple[Rule, ...]
    matchers: dict[tuple[str, str], Matcher]
    phrases: PhraseMatcher
    variants: dict[int, Variant]     # Matcher key -> variant
    born: int                        # PhraseMatcher key of the words of birth statements


def _alternatives(el: str, name: str, n: int, words: Words) -> tuple[str | None, list[list[dict]]]:
    """(role, token-pattern alternatives) of one element without its quantifier."""
    def fail(why):
        raise RuleDataError(display(name), f"line {n}", why)
    role = None
    if re.fullmatch(r"[SO]=\w+", el):
        role, el = el[0], el[2:]
        if el not in CLASSES:
            fail(f"'{role}={el}': the subject and object are PER, ORG or LOC")
    if el in CLASSES:
        return role, [[{"_": {UNIT: el}}, {"_": {UNIT: "+"}, "OP": "*"}]]
    if el.startswith("@"):
        if el[1:] not in words:
            fail(f"unknown lexicon '{el}' (known: {', '.join(sorted(words.lists))})")
        by_len: dict[int, list[str]] = {}
        for phrase in words[el[1:]]:
            by_len.setdefault(len(phrase.split()), []).append(phrase.lower())
        alts = [[{"_": {UNIT: "W", PHRASES: {"INTERSECTS": [f"{el[1:]}/{k}"]}}}] + [{"_": _W}] * (k - 1)
                for k in sorted(by_len, reverse=True) if k > 1]
        if 1 in by_len:
            alts.append([{"_": _W, "LOWER": {"IN": sorted(set(by_len[1]))}}])
        return role, alts
    if el.startswith("#"):
        if el[1:] not in POS_TAGS:
            fail(f"unknown part of speech '{el}' (known: {', '.join(sorted(POS_TAGS))})")
        return role, [[{"_": _W, "POS": el[1:]}]]
    if el == "_":
        return role, [[{"_": _W}]]
    options = [w for w in el.lower().split("|") if w]
    if not options:
        fail(f"empty element '{el}'")
    return role, [[{"_": _W, "LOWER": options[0] if len(options) == 1 else {"IN": options}}]]


def _element(el: str, name: str, n: int, words: Words) -> tuple[str | None, list[list[dict]]]:
    m = _QUANT.fullmatch(el)
    quant = ""
    if m and el != "?":
        el, quant = m.group(1), m.group(2)
    role, alts = _alternatives(el, name, n, words)
    if not quant:
        return role, alts
    if role:
        raise RuleDataError(display(name), f"line {n}", f"the subject or object '{el}' cannot be optional")
    if len(alts) == 1 and len(alts[0]) == 1:
        return role, [[{**alts[0][0], "OP": quant}]]
    if quant != "?":
        raise RuleDataError(display(name), f"line {n}", f"'{el}{quant}': *, + and {{n,m}} need a one-token element")
    return role, alts + [[]]


def _variants(source: str, name: str, n: int, words: Words) -> list[tuple[list[dict], tuple[str | None, ...]]]:
    """Every Matcher pattern the elements expand to (optional and phrase elements multiply them)."""
    elements = [_element(el, name, n, words) for el in source.split()]
    roles = [r for r, _ in elements if r]
    if sorted(roles) != ["O", "S"]:
        raise RuleDataError(display(name), f"line {n}", "a pattern needs exactly one S= and one O=")
    out = []
    for combo in itertools.product(*(alts for _, alts in elements)):
        tokens = [t for alt in combo for t in alt]
        if not tokens:
            continue
        roles_of = tuple(role for (role, _alts), alt in zip(elements, combo) for _tok in alt)
        out.append((tokens, roles_of))
    if len(out) > MAX_VARIANTS:
        raise RuleDataError(display(name), f"line {n}", f"expands to {len(out)} Matcher patterns (most {MAX_VARIANTS})")
    return out


def _is_pred(name: str) -> bool:
    try:
        predicate(name)
    except ValueError:
        return False
    return True


def _rule(n: int, fields: list[str], name: str, words: Words) -> Rule:
    def fail(why):
        raise RuleDataError(display(name), f"line {n}", why)
    if len(fields) not in (2, 3):
        fail(f"{len(fields)} tab-separated fields where 2 or 3 (yields, pattern, options) are expected")
    yields, source = fields[0].strip(), fields[1].strip()
    opts: dict[str, str] = {}
    for opt in (fields[2].split() if len(fields) == 3 else []):
        key, _, value = opt.partition("=")
        if key not in OPTIONS or not value:
            fail(f"unknown option '{opt}' (known: {', '.join(k + '=...' for k in OPTIONS)})")
        opts[key] = value
    if opts.get("when") and opts["when"] not in CONDITIONS:
        fail(f"unknown condition '{opts['when']}' (known: {', '.join(sorted(CONDITIONS))})")
    is_event = yields in BY_CODE
    if not is_event and not _is_pred(yields):
        fail(f"'{yields}' is neither a predicate ({', '.join(p.value for p in Pred)}) nor an event type")
    if is_event and yields not in EVENT_SIGNATURES:
        fail(f"the patterns make no '{yields}' events (only {', '.join(EVENT_SIGNATURES)})")
    if is_event != bool(opts.get("trigger")) or (opts.get("trigger") and opts["trigger"] not in words):
        fail("an event needs trigger=LEXICON (a known one), a relation none")
    if opts.get("also") and (is_event or not _is_pred(opts["also"])):
        fail(f"also={opts['also']}: not a predicate of a relation pattern")
    cls = {m.group(1): CLASSES[m.group(2)] for m in re.finditer(r"\b([SO])=(PER|ORG|LOC)\b", source)}
    for pred in ([yields] if not is_event else []) + ([opts["also"]] if opts.get("also") else []):
        if len(cls) == 2 and not PREDICATES[Pred(pred)].allows(cls["S"], cls["O"]):
            fail(f"{pred} does not link {cls['S'].value} to {cls['O'].value}")
    if is_event and len(cls) == 2 and (cls["S"], cls["O"]) != EVENT_SIGNATURES[yields]:
        fail(f"a {yields} pattern links {' and '.join(c.value for c in EVENT_SIGNATURES[yields])}")
    return Rule(n, source, yields, is_event, opts.get("also"), opts.get("when"), opts.get("trigger"))


def _signature(source: str) -> tuple[str, str]:
    cls = dict(re.findall(r"\b([SO])=(PER|ORG|LOC)\b", source))
    return cls["S"], cls["O"]


def compile_rules(vocab: Vocab, name: str, words: Words) -> SurfaceRules:
    """Read and validate a pattern file; compile its patterns into Matchers and one PhraseMatcher."""
    matchers: dict[tuple[str, str], Matcher] = {}
    variants: dict[int, Variant] = {}
    rules: list[Rule] = []
    lexicons: set[str] = set()
    rows = [(n, _rule(n, fields, name, words)) for n, fields in numbered_lines(name)]
    # "Place, Place" in a birth statement is an address (surface.py); rule -1
    rows.append((0, Rule(0, "S=LOC , O=LOC", "address", False)))
    for n, rule in rows:
        expanded = _variants(rule.source, name, n, words)
        sig = _signature(rule.source)
        if sig not in matchers:
            matchers[sig] = Matcher(vocab, validate=True)
        matcher, index = matchers[sig], len(rules) if n else -1
        for i, (tokens, roles) in enumerate(expanded):
            key = f"relation:{n}/{i}"
            try:
                matcher.add(key, [tokens])
            except ValueError as e:   # spaCy's own pattern validation
                raise RuleDataError(display(name), f"line {n}", f"not a Matcher pattern ({e})") from None
            variants[vocab.strings[key]] = Variant(index, roles)
        lexicons |= set(re.findall(r"@(\w+)", rule.source))
        if n:
            rules.append(rule)
    phrases = PhraseMatcher(vocab, attr="LOWER")
    for lex in sorted(lexicons):
        for k in sorted({len(p.split()) for p in words[lex]} - {1}):
            phrases.add(f"{lex}/{k}", [Doc(vocab, words=p.lower().split()) for p in words[lex] if len(p.split()) == k])
    phrases.add("relation:born", [Doc(vocab, words=[w.lower()]) for w in words["born"]])
    return SurfaceRules(tuple(rules), matchers, phrases, variants, vocab.strings["relation:born"])
