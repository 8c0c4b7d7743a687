"""Finding the TIMEX3s of a text: every rule's matches, the longest non-overlapping ones kept (the earlier
rule on a tie), their values computed in text order (so "that day" sees the day before it), then the
extent completed as TimeML writes it: a modifier before or after ("early", "about", "or so") becomes the
mod, a determiner of the time's own noun phrase ("the third quarter", not "the 1990 budget") is
included, and the two ends of "from X to Y" share what only one of them writes (the year)."""
from __future__ import annotations

import bisect
import re
from datetime import date, datetime

from kg.nlp.timex.context import Context, granularity
from kg.nlp.timex.grammar import Grammar, Rule
from kg.nlp.timex.model import DCT, Piece, Reading, Timex
from kg.nlp.timex.values import Fields

POINT_MODS = frozenset({"START", "MID", "END"})
AMOUNT_MODS = frozenset({"LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"})
THE = re.compile(r"(?:^|(?<=[^\w-]))the\s+$", re.I)
RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|through|thru|and)\s*$", re.I)
#: what may stand between a clock time and its day: "8 a.m. on Monday", "10:35 a.m. (0735 GMT) Friday"
CLOCK_DAY_GAP = re.compile(r"\s*(?:\([^()\n]{1,24}\)\s*)?,?\s*(?:on\s+)?")
RANGE_OPEN = re.compile(r"(?:^|\W)(?:from|between)\s+$", re.I)


def as_date(value) -> date | None:
    """The reference date from what a Doc or a record holds (a date, a datetime, an ISO string)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _select(cands: list[tuple[int, int, int, re.Match]]) -> list[tuple[int, int, int, re.Match]]:
    """The longest candidates that do not overlap, the earlier rule first on equal length; in text order."""
    starts: list[int] = []
    ends: list[int] = []
    kept = []
    for c in sorted(cands, key=lambda c: (c[0] - c[1], c[2], c[0])):
        k = bisect.bisect_right(starts, c[0])
        if (k and ends[k - 1] > c[0]) or (k < len(starts) and starts[k] < c[1]):
            continue
        starts.insert(k, c[0])
        ends.insert(k, c[1])
        kept.append(c)
    return sorted(kept, key=lambda c: c[0])


def _fields(m: re.Match, rule: Rule, grammar: Grammar) -> Fields:
    values = {}
    for gname, part in rule.fields:
        text = m.group(gname)
        if text is not None:
            values[gname] = grammar.parts[part].convert(text, grammar.words)
    return Fields(m, values)


def _readings(m: re.Match, rule: Rule, grammar: Grammar, cx: Context) -> list[Piece]:
    try:
        result = rule.function(_fields(m, rule, grammar), cx, rule.arg)
    except (ValueError, OverflowError):   # a day that does not exist ("February 30")
        return []
    if result is None:
        return []
    return result if isinstance(result, list) else [Piece(m.start(), m.end(), result)]


def _timex(piece: Piece, rule: Rule, cx: Context) -> Timex:
    r: Reading = piece.reading
    typ = r.type or rule.type
    if typ == "DATE" and re.search(r"\dT", r.value):
        typ = "TIME"
    return Timex(piece.start, piece.end, cx.text[piece.start:piece.end], typ, r.value, r.mod, r.anchor,
                 f"t{len(cx.found) + 1}")


def _mod_fits(mod: str, word: str, t: Timex) -> bool:
    if t.mod is not None or t.value.endswith("_REF"):
        return False
    if mod in POINT_MODS:
        return t.type in ("DATE", "TIME") and not (word.startswith(("earl", "lat")) and t.type == "DURATION")
    if mod in AMOUNT_MODS or word in ("some", "over"):
        return t.type == "DURATION"
    return t.type != "SET"


def _is_modifier(t: Timex, cx: Context) -> bool:
    """The time modifies what follows it ("the 1990 budget", "the Oct. 23 terrorist blasts", "the year-earlier
    $4.5 million"), so a "the" before it belongs to that noun phrase."""
    tok = cx.token_after(t.end)
    if tok is None or tok.idx - t.end > 1 or tok.tag_ == "POS":
        return False
    if tok.pos_ in ("NOUN", "PROPN", "SYM", "NUM"):
        return True
    sp = cx.span(t.start, t.end)
    root = sp.root if sp is not None and len(sp) else None
    return (tok.pos_ == "ADJ" and root is not None and root.head.i > root.i and root.head.i >= tok.i
            and root.dep_ in ("compound", "nmod", "amod", "nummod", "npadvmod"))


def _extend(t: Timex, floor: int, grammar: Grammar, cx: Context) -> None:
    text = cx.text
    m = grammar.mods_before.search(text, max(floor, t.start - 40), t.start)
    if m and _mod_fits(grammar.words["mod"][_key(m.group("mod"))], _key(m.group("mod")), t):
        t.mod = grammar.words["mod"][_key(m.group("mod"))]
        t.start = m.start("mod")
        t.text = text[t.start:t.end]
    after = grammar.mods_after.match(text, t.end)
    if after and t.mod is None and t.type != "SET":
        t.mod = grammar.words["modafter"][_key(after.group("mod"))]
        t.end = after.end("mod")
    the = THE.search(text, max(floor, t.start - 6), t.start)
    if the and not t.text.lower().startswith("the") and not t.value.endswith("_REF") and not _is_modifier(t, cx):
        t.start = the.start()
    t.text = text[t.start:t.end]


def _key(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower().replace("’", "'"))


def _inherit_year(a: Timex, b: Timex) -> None:
    """`a` (relative, no year written) takes the year of the absolute `b` it is a range end with."""
    if a.anchor != DCT or b.anchor is not None or granularity(a.value) not in "DM" or granularity(b.value) not in "DM":
        return
    y = int(b.value[:4]) - (1 if a.value[5:10] > b.value[5:10] and a is not b else 0)
    a.value, a.anchor = f"{y:04d}{a.value[4:]}", None


def _ranges(found: list[Timex], cx: Context) -> None:
    for a, b in zip(found, found[1:]):
        between = cx.text[a.end:b.start]
        if not RANGE_JOIN.fullmatch(between) or "\n" in between:
            continue
        opened = RANGE_OPEN.search(cx.text, max(0, a.start - 9), a.start)
        if not opened and not re.search(r"-|–|—|through|thru|until|till", between):
            continue
        a.range = b.range = (a.start, b.end)
        if a.anchor == DCT and b.anchor is None:
            _inherit_year(a, b)
        elif b.anchor == DCT and a.anchor is None:
            y = a.value[:4]
            b.value, b.anchor = (f"{y}{b.value[4:]}" if granularity(b.value) in "DM" else b.value), None


def _clock_days(found: list[Timex], cx: Context) -> None:
    """"8:30 a.m. on Monday": the clock time takes the day written right after it."""
    for a, b in zip(found, found[1:]):
        if (a.type == "TIME" and "T" in a.value and a.anchor != b.tid and granularity(b.value) == "D"
                and CLOCK_DAY_GAP.fullmatch(cx.text[a.end:b.start])):
            a.value, a.anchor = b.value[:10] + a.value[10:], b.tid


def _has(grammar: Grammar, text: str, cls: str, seen: dict[str, bool]) -> bool:
    if cls not in seen:
        seen[cls] = grammar.classes[cls].search(text) is not None
    return seen[cls]


def find(grammar: Grammar, cx: Context) -> list[Timex]:
    """The TIMEX3s of cx.text, in text order."""
    cands = []
    has: dict[str, bool] = {}
    for i, rule in enumerate(grammar.rules):
        if rule.needs and not all(_has(grammar, cx.text, cls, has) for cls in rule.needs):
            continue   # a word class the rule needs is not in the text at all
        for m in rule.regex.finditer(cx.text):
            if m.end() > m.start() and all(check(m, cx) for check in rule.checks):
                cands.append((m.start(), m.end(), i, m))
    for start, end, i, m in _select(cands):
        rule = grammar.rules[i]
        for piece in _readings(m, rule, grammar, cx):
            cx.found.append(_timex(piece, rule, cx))
    floor = 0
    for t in cx.found:
        _extend(t, floor, grammar, cx)
        floor = t.end
    _ranges(cx.found, cx)
    _clock_days(cx.found, cx)
    return list(cx.found)
