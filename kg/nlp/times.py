"""Normalise time expressions against the publication date, at the precision the text gives.

"Monday", "on Monday night" -> the most recent Monday on or before publication (xsd:date);
"last month" -> the month before (xsd:gYearMonth); "in March" -> the latest March not after
publication (gYearMonth); "earlier this year" -> the year (gYear); "yesterday", "tomorrow",
"today", "last week"; absolute dates ("July 8, 2024", "8 July 2024", "2019") through dateparser.
Durations ("two-day", "three years") are not times and give None.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from kg.model import TimeValue

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)}
DURATION = re.compile(r"\b(\w+[- ])?(day|week|month|year|hour|minute)s?[- ]?(long|old)?\b$|^\w+-(day|week|month|year)$", re.I)


def _month_num(w: str) -> int | None:
    w = w.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS.index(w) + 1
    return MONTH_ABBR.get(w[:3]) if len(w) >= 3 and w[:3] in MONTH_ABBR and (len(w) == 3 or w in MONTHS) else None


def _latest_month(month: int, ref: date) -> tuple[int, int]:
    return (ref.year, month) if month <= ref.month else (ref.year - 1, month)


def normalise_time(text: str, published: date | None) -> TimeValue | None:
    s = re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))
    s = re.sub(r"^(on|in|during|since|by|from|until|at|the)\s+", "", s)
    absolute = _absolute(s)
    if absolute is not None:
        return absolute
    if published is None:
        return None
    ref = published
    if s in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return TimeValue(ref.isoformat(), "day")
    if s in ("yesterday", "last night"):
        return TimeValue((ref - timedelta(days=1)).isoformat(), "day")
    if s == "tomorrow":
        return TimeValue((ref + timedelta(days=1)).isoformat(), "day")
    m = re.match(r"^(last |this |next |on |early |late )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)('s)?( morning| afternoon| evening| night)?$", s)
    if m:
        wd = WEEKDAYS.index(m.group(2))
        delta = (ref.weekday() - wd) % 7
        if m.group(1) == "next ":
            d = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
        else:
            d = ref - timedelta(days=delta + (7 if m.group(1) == "last " and delta == 0 else 0))
        return TimeValue(d.isoformat(), "day")
    if s in ("last month", "the previous month", "previous month"):
        y, mo = (ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)
        return TimeValue(f"{y:04d}-{mo:02d}", "month")
    if s in ("this month", "earlier this month", "later this month"):
        return TimeValue(f"{ref.year:04d}-{ref.month:02d}", "month")
    if s in ("next month",):
        y, mo = (ref.year, ref.month + 1) if ref.month < 12 else (ref.year + 1, 1)
        return TimeValue(f"{y:04d}-{mo:02d}", "month")
    if s in ("last week", "earlier this week", "this week"):
        d = ref - timedelta(days=7 if s == "last week" else 0)
        return TimeValue(f"{d.year:04d}-{d.month:02d}", "month")
    if s in ("this year", "earlier this year", "later this year", "so far this year"):
        return TimeValue(f"{ref.year:04d}", "year")
    if s in ("last year", "the previous year"):
        return TimeValue(f"{ref.year - 1:04d}", "year")
    if s == "next year":
        return TimeValue(f"{ref.year + 1:04d}", "year")
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)", s)
    if m:   # "March 7", "7 March": the latest such day not after the reference date
        month = _month_num(m.group(1) or m.group(4))
        day = int(m.group(2) or m.group(3))
        if month and 1 <= day <= 31:
            try:
                d = date(ref.year, month, day)
                if d > ref:
                    d = date(ref.year - 1, month, day)
                return TimeValue(d.isoformat(), "day")
            except ValueError:
                return None
    m = re.match(r"^(early |late |mid-|mid |last |this |earlier )?([a-z]+)$", s)
    mo = _month_num(m.group(2)) if m else None
    if mo and (m.group(2) != "may" or text.strip()[:1].isupper()):
        y, mo = _latest_month(mo, ref)
        if m.group(1) == "last " and mo == ref.month:
            y -= 1
        return TimeValue(f"{y:04d}-{mo:02d}", "month")
    return None


def _absolute(s: str) -> TimeValue | None:
    if DURATION.search(s):
        return None
    m = re.fullmatch(r"(\d{4})", s)
    if m and 1800 < int(s) < 2200:
        return TimeValue(s, "year")
    m = re.fullmatch(r"([a-z]+)\.? (\d{4})", s)
    if m and _month_num(m.group(1)):
        return TimeValue(f"{int(m.group(2)):04d}-{_month_num(m.group(1)):02d}", "month")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return TimeValue(s, "day")
    m = (re.fullmatch(r"([a-z]+)\.? (\d{1,2})(st|nd|rd|th)?,? (\d{4})", s)
         or re.fullmatch(r"(\d{1,2})(st|nd|rd|th)? ([a-z]+)\.?,? (\d{4})", s))
    if m:
        import dateparser
        d = dateparser.parse(s, languages=["en"])
        if d:
            return TimeValue(d.date().isoformat(), "day")
    return None
