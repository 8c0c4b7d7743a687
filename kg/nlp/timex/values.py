"""Value functions: the named normalisers rules.tsv refers to, each (fields, context, arg) -> Reading,
a list of Pieces, or None when the expression cannot be normalised (a relative time without a reference
date). Fields are the converted named parts of the match (`f["month"]`, `f.get("year")`)."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from kg.nlp.timex import calendar as cal
from kg.nlp.timex.context import Context
from kg.nlp.timex.model import DCT, Reading

FUNCTIONS: dict[str, Callable] = {}


class Fields(dict):
    """The converted groups of a match, with the match itself (offsets of the groups)."""

    def __init__(self, m: re.Match, values: dict):
        super().__init__(values)
        self.m = m
        self.start, self.end = m.start(), m.end()


def value(name: str):
    def register(fn):
        FUNCTIONS[name] = fn
        return fn
    return register


def _ref(f: Fields, cx: Context) -> date | None:
    return cx.ref_at(f.start)


def _pick(f: Fields, cx: Context, make: Callable[[int], str | None], tense: str | None = None) -> Reading | None:
    """A partial date (no year) in the year the tense points at, against the reference date."""
    ref = _ref(f, cx)
    if ref is None:
        return None
    cands = [c for c in (make(ref.year + k) for k in (-1, 0, 1)) if c]
    if not cands:
        return None
    return Reading(cal.choose(cands, ref, tense or cx.tense(f.start, f.end), cx.near_days), anchor=DCT)


def _ymd(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


@value("date")
def date_value(f: Fields, cx: Context, arg) -> Reading | None:
    """Calendar dates at the precision written: 2013-03-22, 2013-03; without a year, the year the tense
    and the reference date point at (one where the day is the weekday written, "Monday, Oct. 26")."""
    month = f.get("month", f.get("mm"))
    day = f.get("day", f.get("dd", f.get("ordinal")))
    year = f.get("year")
    if year is not None:
        if day is None:
            return Reading(f"{year:04d}-{month:02d}")
        v = _ymd(year, month, day)
        return Reading(v) if v else None
    if day is None:
        if "rel" in f:
            return _month_rel(f, cx, month)
        return _pick(f, cx, lambda y: f"{y:04d}-{month:02d}")
    wd = f.get("weekday")
    tense = {-1: "PAST", 1: "FUTURE"}.get(f.get("rel"))   # "last Oct. 23"
    return _pick(f, cx, lambda y: _ymd(y, month, day) if wd is None or _weekday_is(y, month, day, wd) else None,
                 tense)


@value("month_day")
def month_day_value(f: Fields, cx: Context, arg) -> Reading | None:
    """"on the 29th": that day of the reference date's month, of the month before or of the one after, as
    the tense and the reference date point (Korean and Japanese news write dates so)."""
    ref = _ref(f, cx)
    day = f.get("mday")
    if ref is None or day is None:
        return None
    months = [cal.add_months(ref.replace(day=1), k) for k in (-1, 0, 1)]
    cands = [c for c in (_ymd(m.year, m.month, day) for m in months) if c]
    if not cands:
        return None
    return Reading(cal.choose(cands, ref, cx.tense(f.start, f.end), 0), anchor=DCT)


def _weekday_is(y: int, m: int, d: int, wd: int) -> bool:
    v = _ymd(y, m, d)
    return v is not None and date.fromisoformat(v).isoweekday() == wd


def _month_rel(f: Fields, cx: Context, month: int) -> Reading | None:
    """"last November" (the latest before the reference month but one), "this May", "next March"."""
    ref = _ref(f, cx)
    if ref is None:
        return None
    rel = f["rel"]
    y = ref.year
    if rel == -1 and month >= ref.month - 1:   # in March, "last February" is a year back ("last month" otherwise)
        y -= 1
    elif rel == 1 and month <= ref.month:
        y += 1
    return Reading(f"{y:04d}-{month:02d}", anchor=DCT)


@value("month_of_year")
def month_of_year_value(f: Fields, cx: Context, arg) -> Reading | None:
    """"July last year", "March of next year": the month in the reference year moved by `rel`."""
    ref = _ref(f, cx)
    if ref is None:
        return None
    return Reading(f"{ref.year + f['rel']:04d}-{f['month']:02d}", anchor=DCT)


@value("year")
def year_value(f: Fields, cx: Context, arg) -> Reading | None:
    y = f.get("year", f.get("spelledyear"))
    if y is not None:
        return Reading(f"{y:04d}") if y else None
    ref = _ref(f, cx)
    if ref is None:
        return None
    yy = f["yy"] % 100   # '98: the year of that ending nearest the reference date
    y = min((c * 100 + yy for c in (ref.year // 100 - 1, ref.year // 100)), key=lambda c: abs(c - ref.year))
    return Reading(f"{y:04d}")


@value("decade")
def decade_value(f: Fields, cx: Context, arg) -> Reading:
    return Reading(str(f["decade"]))


@value("century")
def century_value(f: Fields, cx: Context, arg) -> Reading:
    return Reading(f"{f['century'] - 1:02d}")


@value("weekday")
def weekday_value(f: Fields, cx: Context, arg) -> Reading | None:
    """"Friday", "last Friday", "next Friday", "Friday night" against the reference date and the tense."""
    ref = _ref(f, cx)
    if ref is None:
        return None
    d = cal.weekday(ref, f["weekday"], f.get("rel"), cx.tense(f.start, f.end))
    return Reading(d.isoformat() + _part(f, arg), anchor=DCT)


def _part(f: Fields, arg) -> str:
    part = f.get("partday") or (arg if arg and arg.isalpha() else None)
    return f"T{part}" if part else ""


@value("relday")
def relday_value(f: Fields, cx: Context, arg) -> Reading | None:
    """today/yesterday/tomorrow (and "tonight", "last night", "this morning": arg `offset` or `offset:PART`)."""
    ref = _ref(f, cx)
    if ref is None:
        return None
    offset, _, part = (arg or "").partition(":")
    days = int(offset) if offset else f.get("relday", 0)
    d = ref + timedelta(days=days)
    part = f.get("partday") or part
    return Reading(d.isoformat() + (f"T{part}" if part else ""), anchor=DCT)


@value("clock")
def clock_value(f: Fields, cx: Context, arg) -> Reading | None:
    """"8 p.m." (the reference day), "8:30 a.m. Friday", "noon tomorrow": YYYY-MM-DDThh:mm."""
    if "clock" in f:
        hour, minute = f["clock"]
    else:   # "4 in the morning", "11 at night"
        hour, minute = f["hour"], 0
        if f.get("partday") in ("AF", "EV", "NI") and hour < 12 and not (f.get("partday") == "NI" and hour < 5):
            hour += 12
    day = None
    if "weekday" in f:
        day = weekday_value(f, cx, None)
    elif "relday" in f:
        day = relday_value(f, cx, None)
    elif "month" in f:
        day = date_value(f, cx, None)
    elif "relday" in f or "partday" in f and "hour" in f:
        day = None
    if day is None:   # "at 10 p.m.": the day of the sentence's date, else the reference date
        near = cx.anchor(f.start, "D")
        ref = _ref(f, cx)
        if near is not None and not re.search(r"[.!?]\s", cx.text[near.end:f.start]):
            day = Reading(near.value[:10], anchor=near.tid)
        else:
            day = Reading(ref.isoformat(), anchor=DCT) if ref else Reading("XXXX-XX-XX")
    clock = f"{hour:02d}" if arg == "hour" else f"{hour:02d}:{minute:02d}"
    return Reading(f"{day.value[:10]}T{clock}", type="TIME", anchor=day.anchor)


@value("ref")
def ref_value(f: Fields, cx: Context, arg) -> Reading:
    """PRESENT_REF, PAST_REF, FUTURE_REF (the word's value, or the rule's)."""
    return Reading(arg or f["ref"], anchor=DCT)
