"""Field converters: the text a named part of a pattern matched -> the value the value functions use.

Every word class of words.tsv converts by lookup; composite parts (parts.tsv) name one of CONVERTERS.
VALIDATORS check the values of a word class when the data is loaded.
"""
from __future__ import annotations

import re
from typing import Callable

from kg.nlp.timex import calendar

Words = dict[str, dict[str, object]]

MODS = frozenset({"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS",
                  "EQUAL_OR_MORE", "START", "MID", "END", "APPROX"})
REFS = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
UNITS = frozenset({"Y", "M", "W", "D", "H", "MIN", "S", "DE", "CE", "Q", "FN", "ML", "WE", "HR"})
SEASONS = frozenset(calendar.SEASON_MONTHS)
PARTS_OF_DAY = frozenset({"MO", "AF", "EV", "NI", "DT", "MI"})


def key(text: str) -> str:
    """How a word is looked up: lower case, one space between words, straight apostrophes."""
    return re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))


def _int(v: str) -> bool:
    return bool(re.fullmatch(r"-?\d+", v))


VALIDATORS: dict[str, tuple[Callable[[str], bool], str]] = {
    "month": (lambda v: _int(v) and 1 <= int(v) <= 12, "a month number 1-12"),
    "weekday": (lambda v: _int(v) and 1 <= int(v) <= 7, "an ISO weekday 1-7"),
    "numword": (_int, "a whole number"),
    "ordinal": (_int, "a whole number"),
    "centword": (lambda v: _int(v) and 10 <= int(v) <= 20, "the hundreds of a year, 10-20"),
    "decadeword": (lambda v: _int(v) and 0 <= int(v) <= 9, "a decade digit 0-9"),
    "relday": (_int, "a day offset"),
    "rel": (lambda v: v in ("-1", "0", "1"), "-1, 0 or 1"),
    "vague": (lambda v: v == "X", "X"),
    "unit": (lambda v: v in UNITS, "one of " + ", ".join(sorted(UNITS))),
    "period": (lambda v: v in UNITS, "one of " + ", ".join(sorted(UNITS))),
    "season": (lambda v: v in SEASONS, "one of SP, SU, FA, WI"),
    "partday": (lambda v: v in PARTS_OF_DAY, "one of " + ", ".join(sorted(PARTS_OF_DAY))),
    "mod": (lambda v: v in MODS, "a TIMEX3 mod"),
    "modafter": (lambda v: v in MODS, "a TIMEX3 mod"),
    "ref": (lambda v: v in REFS, "PRESENT_REF, PAST_REF or FUTURE_REF"),
    "holiday": (calendar.valid_holiday, "MM-DD, MM/Www/N, MM-DD/Www or easter+N"),
    "futureverb": (lambda v: v in ("FUTURE", "HEAD"), "FUTURE (of its own) or HEAD (only before a to-infinitive)"),
    "set": (lambda v: bool(re.fullmatch(r"P(T?\d+[A-Z]+)|X{4}[-A-Z0-9]*", v)), "a SET value"),
}

INT_CLASSES = frozenset({"month", "weekday", "numword", "ordinal", "decadeword", "relday", "rel", "centword"})


def word_value(cls: str, raw: str) -> object:
    return int(raw) if cls in INT_CLASSES else raw


def _day(text: str, words: Words) -> int:
    return int(re.match(r"\d+", text).group()) if text[:1].isdigit() else int(words["ordinal"][key(text)])


def _year(text: str, words: Words) -> int:
    """"1998" -> 1998; spelled out: "nineteen ninety-four" -> 1994, "two thousand" -> 2000 (0: not a year)."""
    if text[:1].isdigit():
        return int(re.sub(r"\D", "", text))
    return _spelled_year(text, words)


def _number(text: str, words: Words) -> int | float | str:
    t = key(text).replace(",", "")
    if t in words["numword"]:
        return words["numword"][t]
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) if "." in t else int(t)
    if t in words["vague"]:
        return "X"
    for half in (" and a half", " 1/2", "½"):
        if t.endswith(half) and len(t) > len(half):
            whole = _number(t[: -len(half)].strip(), words)
            return whole + 0.5 if isinstance(whole, int) else whole
    total = 0
    for w in re.split(r"[- ]", t):
        n = words["numword"].get(w)
        if n is None:
            return "X"
        total = total * n if n == 100 and total else total + n
    return total


def _ordinal(text: str, words: Words) -> int:
    t = key(text)
    m = re.match(r"\d+", t)
    return int(m.group()) if m else int(words["ordinal"][t.replace(" ", "-")])


def _decade(text: str, words: Words) -> str:
    """"1990s" -> "199", "'80s" -> "198" (the 1900s assumed for two digits and words), "nineties" -> "199"."""
    t = key(text)
    m = re.search(r"(\d{3})0", t)
    if m:
        return m.group(1)
    m = re.search(r"(\d)0", t)
    if m:
        return "19" + m.group(1)
    return "19" + str(words["decadeword"][t])


def _clock(text: str, words: Words) -> tuple[int, int]:
    """"8 p.m." -> (20, 0), "8:30am" -> (8, 30), "20:15" -> (20, 15), "noon" -> (12, 0)."""
    t = key(text).replace(".", "")
    if "noon" in t or "midday" in t:
        return 12, 0
    if "midnight" in t:
        return 24, 0
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?", t)
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if re.search(r"p ?m", t) and hour < 12:
        hour += 12
    elif re.search(r"a ?m", t) and hour == 12:
        hour = 0
    return hour, minute


def _spelled_year(text: str, words: Words) -> int:
    """"nineteen ninety-four" -> 1994, "two thousand" -> 2000, "two thousand and one" -> 2001 (0: not a year)."""
    t = key(text)
    if t.startswith("two thousand"):
        rest = t[len("two thousand"):].replace(" and ", " ").strip()
        return 2000 + (int(_number(rest, words)) if rest and _number(rest, words) != "X" else 0)
    head, _, rest = t.partition(" ")
    n = _number(rest, words)
    return words["centword"][head] * 100 + n if isinstance(n, int) and 10 <= n <= 99 else 0


def _int_field(text: str, words: Words) -> int:
    return int(re.sub(r"\D", "", text))


CONVERTERS: dict[str, Callable[[str, Words], object]] = {
    "day": _day, "year": _year, "number": _number, "ordinal": _ordinal, "decade": _decade, "clock": _clock,
    "int": _int_field, "text": lambda text, words: text,
}
