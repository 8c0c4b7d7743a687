"""Value functions of calendar periods and of times relative to another time: "last week", "the third
quarter", "the first half of 1999", "last summer", "Christmas", "three years ago", "a year earlier",
"the following day", "year-ago"."""
from __future__ import annotations

import re
from datetime import timedelta

from kg.nlp.timex import calendar as cal
from kg.nlp.timex.context import Context, granularity
from kg.nlp.timex.model import DCT, Reading
from kg.nlp.timex.values import Fields, _pick, _ref, value

#: granularities from fine to coarse; a shift keeps the anchor's granularity when it is a quarter or a half
GRAINS = "DWMQHY"
FINE_UNITS = {"HR": "D", "MIN": "D", "S": "D", "FN": "W", "WE": "W", "DE": "Y", "CE": "Y", "ML": "Y"}


def _grain_of(unit: str) -> str:
    return FINE_UNITS.get(unit, unit)


@value("unit_rel")
def unit_rel_value(f: Fields, cx: Context, arg) -> Reading | None:
    """last/this/next week, month, quarter, year, decade, century, weekend: the reference date's period
    moved by one."""
    ref = _ref(f, cx)
    if ref is None:
        return None
    rel = f.get("rel", int(arg) if arg else 0)
    unit = f["period"]
    return Reading(cal.at(cal.shift(ref, rel, unit), unit), anchor=DCT)


def _near_period(f: Fields, cx: Context):
    """A quarter or half-year mentioned at most two sentences before, that a year-relative time inherits."""
    sub = cx.anchor(f.start, "QH")
    return sub if sub is not None and _near(cx, sub.end, f.start) else None


@value("year_period")
def year_period_value(f: Fields, cx: Context, arg) -> Reading | None:
    """"the 1988 quarter", "the 1988 period": that year's part of the kind just mentioned (else the year)."""
    sub = _near_period(f, cx)
    if sub is not None and not re.search(r"year|season", f.m.group(), re.I):
        return Reading(f"{f['year']:04d}{sub.value[4:]}", anchor=sub.tid)
    return Reading(f"{f['year']:04d}")


@value("quarter")
def quarter_value(f: Fields, cx: Context, arg) -> Reading | None:
    """"the third quarter", "third-quarter", "the fourth quarter of 1999": YYYY-Qn (the year by tense)."""
    q = 4 if arg == "last" else f.get("ordnum", f.get("qnum"))
    if not 1 <= q <= 4:
        return None
    if "year" in f:
        return Reading(f"{f['year']:04d}-Q{q}")
    if "rel" in f:   # "next year's first quarter"
        ref = _ref(f, cx)
        return Reading(f"{ref.year + f['rel']:04d}-Q{q}", anchor=DCT) if ref else None
    return _pick(f, cx, lambda y: f"{y:04d}-Q{q}")


@value("half")
def half_value(f: Fields, cx: Context, arg) -> Reading | None:
    h = 2 if arg == "last" else f["ordnum"]
    if h not in (1, 2):
        return None
    if "year" in f:
        return Reading(f"{f['year']:04d}-H{h}")
    return _pick(f, cx, lambda y: f"{y:04d}-H{h}")


@value("latest")
def latest_value(f: Fields, cx: Context, arg) -> Reading | None:
    """"the quarter", "the latest quarter" (of a report): the last one completed, or the current one in
    the future tense (or for arg `current`)."""
    ref = _ref(f, cx)
    if ref is None:
        return None
    unit = f.get("period", arg if arg in ("Q", "H", "M", "W", "Y") else "Q")
    tense = cx.tense(f.start, f.end)
    back = 0 if arg == "current" or (arg != "latest" and tense == "FUTURE") else -1
    return Reading(cal.at(cal.shift(ref, back, unit), unit), anchor=DCT)


def _season_candidates(season: str, year: int) -> list[str]:
    return [f"{y:04d}-{season}" for y in (year - 2, year - 1, year, year + 1)]


@value("season")
def season_value(f: Fields, cx: Context, arg) -> Reading | None:
    """"summer", "last fall", "the winter of 1994": YYYY-SU … (the winter of year Y starts in December Y)."""
    season = f["season"]
    if "year" in f:
        return Reading(f"{f['year']:04d}-{season}")
    ref = _ref(f, cx)
    if ref is None:
        return None
    spans = [(c, cal.interval(c)) for c in _season_candidates(season, ref.year)]
    rel = f.get("rel")
    if rel == -1:
        return Reading([c for c, (_, b) in spans if b < ref][-1], anchor=DCT)
    if rel == 1:
        return Reading([c for c, (a, _) in spans if a > ref][0], anchor=DCT)
    if rel == 0:
        this = [c for c, (a, b) in spans if a <= ref <= b] or [c for c, (a, _) in spans if a.year == ref.year]
        return Reading(this[0], anchor=DCT)
    return Reading(cal.choose([c for c, _ in spans], ref, cx.tense(f.start, f.end), cx.near_days), anchor=DCT)


@value("holiday")
def holiday_value(f: Fields, cx: Context, arg) -> Reading | None:
    """Christmas, Thanksgiving, Easter, Labor Day …: the day, in the year written or the tense's year."""
    rule = f["holiday"]
    if arg == "week":   # "Easter week": the week of the holiday
        day = holiday_value(f, cx, None)
        return Reading(cal.week(cal.interval(day.value)[0]), anchor=day.anchor) if day else None
    if "year" in f:
        return Reading(cal.holiday(rule, f["year"]).isoformat())
    rel = f.get("rel")
    if rel is None:
        return _pick(f, cx, lambda y: cal.holiday(rule, y).isoformat())
    ref = _ref(f, cx)
    if ref is None:
        return None
    days = [cal.holiday(rule, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if rel == -1:
        return Reading([d for d in days if d < ref][-1].isoformat(), anchor=DCT)
    if rel == 1:
        return Reading([d for d in days if d > ref][0].isoformat(), anchor=DCT)
    return Reading(days[1].isoformat(), anchor=DCT)


def _near(cx: Context, a_end: int, start: int) -> bool:
    """At most two sentence boundaries between the two, within 400 characters."""
    between = cx.text[a_end:start]
    return len(between) <= 400 and len(re.findall(r"[.!?][\"'”)]?\s", between)) <= 2


def _moved(cx: Context, f: Fields, n, unit: str, sign: int, base: str, grains: str = GRAINS) -> Reading | None:
    """`base` ("t0" = the reference date, or "anchor": the latest time before) moved by n units."""
    if n == "X":
        return Reading("PAST_REF" if sign < 0 else "FUTURE_REF", anchor=DCT)
    grain = _grain_of(unit)
    anchor = cx.anchor(f.start, grains) if base == "anchor" else cx.anchor(f.start, "QH")
    if anchor is not None and base != "anchor" and not _near(cx, anchor.end, f.start):
        anchor = None
    mod = "APPROX" if re.search(r"\bor so\b", f.m.group(), re.I) else None
    if anchor is not None and unit in ("Y", "Q") and granularity(anchor.value) in "QH":
        moved = cal.shift_value(anchor.value.split("T")[0], sign * n, unit)
        return Reading(moved, mod=mod, anchor=anchor.tid) if moved else None
    if anchor is not None and GRAINS.find(granularity(anchor.value)) <= GRAINS.find(grain):
        start = cal.interval(anchor.value.split("T")[0])[0]
        return Reading(cal.at(cal.shift(start, sign * n, unit), grain), mod=mod, anchor=anchor.tid)
    ref = _ref(f, cx)
    if ref is None:
        return None
    return Reading(cal.at(cal.shift(ref, sign * n, unit), grain), mod=mod, anchor=DCT)


def _sign(arg) -> int:
    return 1 if arg and "+" in arg else -1


@value("ago")
def ago_value(f: Fields, cx: Context, arg) -> Reading | None:
    """"three years ago" (arg `-`), "two weeks from now" (`+`): the reference date moved, at the unit's
    granularity ("a year ago" after "the third quarter" in the same sentence: the year-ago quarter)."""
    return _moved(cx, f, _count(f), f.get("unit", "Y"), _sign(arg), DCT)


def _count(f: Fields):
    if "number" in f:
        return f["number"]
    return "X" if f.m.group("unit").lower().endswith("s") else 1


@value("shifted")
def shifted_value(f: Fields, cx: Context, arg) -> Reading | None:
    """"a year earlier", "two days later", "year-earlier": the latest time before moved (or the reference
    date when there is none); arg `-Q`: the latest quarter before ("the year-ago quarter")."""
    grains = "Q" if arg and "Q" in arg else GRAINS
    if "ordnum" in f:   # "the year-ago third quarter": that quarter, a year before
        q = quarter_value(f, cx, None)
        moved = cal.shift_value(q.value, -1, "Y") if q else None
        return Reading(moved, anchor=DCT) if moved else None
    return _moved(cx, f, _count(f), f.get("unit", "Y"), _sign(arg), "anchor", grains)


@value("period_end")
def period_end_value(f: Fields, cx: Context, arg) -> Reading | None:
    """"year-end", "by year's end": the reference year, mod END."""
    ref = _ref(f, cx)
    return Reading(f"{ref.year:04d}", mod="END", anchor=DCT) if ref else None


@value("anchored")
def anchored_value(f: Fields, cx: Context, arg) -> Reading | None:
    """"that day", "the following day", "the previous year", "that night": the latest time before (or the
    reference date) moved by arg units (0, +1, -1)."""
    unit = f.get("period") or f.get("unit", "D")
    if unit in ("HR", "MIN", "S"):
        return None
    grain = _grain_of(unit)
    anchor = cx.anchor(f.start)
    part = f"T{f['partday']}" if "partday" in f else ""
    off = int(arg or 0)
    if anchor is not None and GRAINS.find(granularity(anchor.value)) <= GRAINS.find(grain):
        start = cal.interval(anchor.value.split("T")[0])[0]
        return Reading(cal.at(cal.shift(start, off, grain), grain) + part, anchor=anchor.tid)
    ref = _ref(f, cx)
    if ref is None:
        return None
    return Reading(cal.at(cal.shift(ref, off, grain), grain) + part, anchor=DCT)


@value("weekend")
def weekend_value(f: Fields, cx: Context, arg) -> Reading | None:
    """"the weekend": the last one in the past tense (or the one under way), else the coming one."""
    ref = _ref(f, cx)
    if ref is None:
        return None
    past = cx.tense(f.start, f.end) == "PAST"
    if past and ref.isoweekday() < 6:
        ref -= timedelta(days=7)
    return Reading(cal.week(ref) + "-WE", anchor=DCT)


@value("week_of")
def week_of_value(f: Fields, cx: Context, arg) -> Reading | None:
    """"the week of March 6": the ISO week of that day."""
    from kg.nlp.timex.values import date_value
    day = date_value(f, cx, None)
    if day is None or len(day.value) != 10:
        return None
    d = cal.interval(day.value)[0]
    return Reading(cal.week(d), anchor=day.anchor)
