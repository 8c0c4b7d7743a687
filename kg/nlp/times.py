"""Normalise one time expression (an event's date) to a calendar value, through the temporal tagger.

`normalise_time(text, reference_date, tense)` reads the phrase with kg.nlp.timex's rules alone (no parse,
so the tense is the caller's: past by default, as event times are mostly reported ones; the future for an
expected event) and returns its value when the
whole phrase is one date and the value is a calendar date, month or year: "Monday", "on Monday night"
-> the most recent Monday on or before the reference date; "last month", "in March", "earlier this
year", "Christmas", "July 8, 2024", "8 July 2024", "2019". A date without a year stays in the
reference year when it lies up to NEAR_FUTURE_DAYS after it ("on April 29" written on 24 April).
"this/last week" give the month of the reference date (moved by the weeks). Durations ("two-day",
"three years"), stretches up to now ("the past week"), quarters, seasons and vague references give
None.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from kg.model import TimeValue
from kg.nlp.timex import tag

#: how far after the reference date a date without a year may lie and keep the reference year
NEAR_FUTURE_DAYS = 31
#: prepositions, and the adverbs of a part of the day before one ("earlier on Wednesday", "late on Monday")
LEADING = re.compile(r"^(?:(?:on|in|during|since|by|from|until|at|earlier|later|early|late)\s+)+(?=\S)", re.I)
#: "the past week" is the stretch up to the reference date, not the date of an event
SPAN = re.compile(r"(?:the\s+)?past\s", re.I)
DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:T.*)?")
MONTH = re.compile(r"\d{4}-\d{2}")
YEAR = re.compile(r"\d{4}")
WEEK = re.compile(r"(\d{4})-W(\d{2})(?:-WE)?")


def normalise_time(text: str, published: date | None, tense: str | None = "PAST") -> TimeValue | None:
    phrase = re.sub(r"['’]s$", "", LEADING.sub("", text.strip()))
    if not phrase or SPAN.match(phrase):
        return None
    whole = [t for t in tag(phrase, published, parse=False, near_future_days=NEAR_FUTURE_DAYS,
                            default_tense=tense) if (t.start, t.end) == (0, len(phrase))]
    if not whole or whole[0].type not in ("DATE", "TIME"):
        return None
    return _calendar_value(whole[0].value, published)


def _calendar_value(value: str, published: date | None) -> TimeValue | None:
    m = DAY.fullmatch(value)
    if m:
        return TimeValue(m.group(1), "day")
    if MONTH.fullmatch(value):
        return TimeValue(value, "month")
    if YEAR.fullmatch(value):
        return TimeValue(value, "year")
    m = WEEK.fullmatch(value)
    if m and published is not None:   # the month of the reference day moved into that week
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        d = monday + timedelta(days=published.isoweekday() - 1)
        return TimeValue(f"{d.year:04d}-{d.month:02d}", "month")
    return None
