"""Calendar arithmetic for TIMEX3 values: formatting at a granularity, shifting, choosing the year of a
partial date from the reference date and the tense, weekdays, holidays.

Values are ISO 8601 as TimeML writes them: 2013-03-22, 2013-03, 2013, 2013-W12, 2013-Q1, 2013-H2,
2013-SU, 199 (a decade), 19 (a century).
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
WEEKDAY_NAMES = {"Mon": 1, "Tue": 2, "Wed": 3, "Thu": 4, "Fri": 5, "Sat": 6, "Sun": 7}


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return date(y, m + 1, min(d.day, _month_len(y, m + 1)))


def _month_len(y: int, m: int) -> int:
    return ((date(y + m // 12, m % 12 + 1, 1)) - date(y, m, 1)).days


def week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter(d: date) -> str:
    return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"


def month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def at(d: date, unit: str) -> str:
    """`d` written at the granularity of `unit` (D, W, M, Q, H, Y, DE, CE)."""
    if unit == "D":
        return d.isoformat()
    if unit in ("W", "WE", "FN"):
        return week(d) + ("-WE" if unit == "WE" else "")
    if unit == "M":
        return month(d)
    if unit == "Q":
        return quarter(d)
    if unit == "H":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "CE":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def shift(d: date, n: float, unit: str) -> date:
    """`d` moved by `n` units (whole units; a fraction of a year or month is rounded to months/days)."""
    if unit in ("D", "W", "FN", "WE"):
        return d + timedelta(days=round(n * {"D": 1, "W": 7, "FN": 14, "WE": 7}[unit]))
    months = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        return d
    return add_months(d, round(n * months))


VALUE = re.compile(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|W(\d{2})|Q([1-4])|H([12])|(SP|SU|FA|WI)))?$")


def shift_value(value: str, n: int, unit: str) -> str | None:
    """A TIMEX3 date value moved by `n` units at its own granularity ("1989-Q3" - 1 year = "1988-Q3")."""
    m = VALUE.match(value)
    if not m:
        return None
    y, mo, dd, wk, q, h, season = m.groups()
    y = int(y)
    if dd:
        return shift(date(y, int(mo), int(dd)), n, unit).isoformat()
    if mo:
        return month(shift(date(y, int(mo), 1), n, unit))
    if wk:
        monday = date.fromisocalendar(y, int(wk), 1)
        return week(shift(monday, n, unit))
    if q:
        return quarter(shift(date(y, 3 * int(q) - 2, 1), n, unit))
    if h:
        return at(shift(date(y, 6 * int(h) - 5, 1), n, unit), "H")
    start = shift(date(y, 1, 1), n, unit)
    return f"{start.year:04d}" + (f"-{season}" if season else "")


def interval(value: str) -> tuple[date, date] | None:
    """The first and last day a date value covers."""
    m = VALUE.match(value)
    if not m:
        return None
    y, mo, dd, wk, q, h, season = m.groups()
    y = int(y)
    if dd:
        d = date(y, int(mo), int(dd))
        return d, d
    if mo:
        return date(y, int(mo), 1), date(y, int(mo), _month_len(y, int(mo)))
    if wk:
        return date.fromisocalendar(y, int(wk), 1), date.fromisocalendar(y, int(wk), 7)
    if q or h:
        first = 3 * int(q) - 2 if q else 6 * int(h) - 5
        last = first + (2 if q else 5)
        return date(y, first, 1), date(y, last, _month_len(y, last))
    if season:
        a, b = SEASON_MONTHS[season]
        end_year = y + 1 if season == "WI" else y
        return date(y, a, 1), date(end_year, b, _month_len(end_year, b))
    return date(y, 1, 1), date(y, 12, 31)


def bounds(value: str) -> tuple[date, date] | None:
    """The first and last day a DATE or TIME value covers, decades, centuries and weekends included
    ("199" -> 1990-01-01..1999-12-31, "2024-W16-WE" -> its Saturday and Sunday, "2024-04-19TNI" -> that day);
    None for a value that is not a calendar position (PRESENT_REF, XXXX-WI, P3Y)."""
    if re.fullmatch(r"\d{3}", value):
        return date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31)
    if re.fullmatch(r"\d{2}", value):
        return date(int(value) * 100, 1, 1), date(int(value) * 100 + 99, 12, 31)
    m = re.fullmatch(r"(\d{4})-W(\d{2})-WE", value)
    if m:
        saturday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6)
        return saturday, saturday + timedelta(days=1)
    try:
        return interval(value.split("T")[0])
    except ValueError:   # "2024-W54", "2024-02-30"
        return None


def choose(candidates: list[str], ref: date, tense: str | None, near_days: int) -> str:
    """Of the readings of a partial date in successive years, the one the tense points at: in the past
    tense the latest begun by `ref` — unless one starts within `near_days` after it (no jump back a year
    for "on April 29" written on 24 April); in the future tense the first not over `near_days` before;
    otherwise the one containing `ref` or else the nearest (the earlier on a tie)."""
    spans = [(c, interval(c)) for c in candidates]
    spans = [(c, s) for c, s in spans if s is not None]
    if tense == "FUTURE":   # one that ended just before still counts ("third-quarter results will …")
        ahead = [c for c, (_, b) in spans if b >= ref - timedelta(days=near_days)]
        return ahead[0] if ahead else candidates[-1]
    for c, (a, b) in spans:
        if a <= ref <= b or timedelta(0) < a - ref <= timedelta(days=near_days):
            return c
    if tense == "PAST":
        begun = [c for c, (a, _) in spans if a <= ref]
        return begun[-1] if begun else candidates[0]
    return min(spans, key=lambda cs: (ref - cs[1][1]) if cs[1][1] < ref else (cs[1][0] - ref))[0]


def weekday(ref: date, iso_day: int, rel: int | None, tense: str | None) -> date:
    """The day of the week `iso_day` (1 = Monday) meant against `ref`: "last"/"next" are the nearest
    before/after it, "this" the one of ref's week; otherwise the tense decides (the same day counts),
    and without one the nearer of the two."""
    back = (ref.isoweekday() - iso_day) % 7
    ahead = (iso_day - ref.isoweekday()) % 7
    if rel == -1:
        return ref - timedelta(days=back or 7)
    if rel == 1:
        return ref + timedelta(days=ahead or 7)
    if rel == 0:
        return ref + timedelta(days=iso_day - ref.isoweekday())
    if tense == "FUTURE" or (tense != "PAST" and ahead < back):
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)


def holiday(rule: str, year: int) -> date:
    """The day of a holiday rule in a year: MM-DD (fixed), MM/Www/N (Nth weekday of the month, or
    `last`), MM-DD/Www (first such weekday on or after), easter+N / easter-N (days from Easter)."""
    m = re.fullmatch(r"easter([+-]\d+)", rule)
    if m:
        return easter(year) + timedelta(days=int(m.group(1)))
    m = re.fullmatch(r"(\d\d)-(\d\d)(?:/(\w{3}))?", rule)
    if m:
        d = date(year, int(m.group(1)), int(m.group(2)))
        if m.group(3):
            d += timedelta(days=(WEEKDAY_NAMES[m.group(3)] - d.isoweekday()) % 7)
        return d
    m = re.fullmatch(r"(\d\d)/(\w{3})/(\d|last)", rule)
    if not m:
        raise ValueError(f"not a holiday rule: {rule!r}")
    mo, wd = int(m.group(1)), WEEKDAY_NAMES[m.group(2)]
    if m.group(3) == "last":
        d = date(year, mo, _month_len(year, mo))
        return d - timedelta(days=(d.isoweekday() - wd) % 7)
    first = date(year, mo, 1)
    return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (int(m.group(3)) - 1))


def valid_holiday(rule: str) -> bool:
    try:
        holiday(rule, 2000)
    except (ValueError, KeyError):
        return False
    return True
