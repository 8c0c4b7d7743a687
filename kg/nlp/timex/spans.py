"""Value functions of durations ("three years" P3Y, "a decade" P10Y, "20 hours" PT20H), sets ("daily"
P1D, "every Monday" XXXX-WXX-1) and of the two ends of a range written as one ("March 3-5", "1998-99")."""
from __future__ import annotations

from kg.nlp.timex.context import Context
from kg.nlp.timex.model import DCT, Piece, Reading
from kg.nlp.timex.values import Fields, date_value, value, year_value

#: unit -> (multiplier, ISO designator, time part?)
DESIGNATORS = {"Y": (1, "Y", False), "M": (1, "M", False), "W": (1, "W", False), "D": (1, "D", False),
               "HR": (1, "H", True), "MIN": (1, "M", True), "S": (1, "S", True), "DE": (10, "Y", False),
               "CE": (100, "Y", False), "ML": (1000, "Y", False), "Q": (3, "M", False), "FN": (2, "W", False),
               "WE": (1, "WE", False), "H": (6, "M", False)}
VAGUE = {"DE": "PXDE", "CE": "PXCE", "ML": "PXML"}


def _num(n) -> str:
    if isinstance(n, float):
        return str(int(n)) if n.is_integer() else f"{n:g}"
    return str(n)


#: a fraction of a unit written in the next smaller one (2 1/2 years = P2Y6M, 5 1/2 hours = PT5H30M)
SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("HR", 24), "HR": ("MIN", 60), "MIN": ("S", 60)}


def duration_code(n, unit: str) -> str:
    """P3Y, PT20H, P10Y (a decade), P9M (three quarters), PXY (several years), P2Y6M (2 1/2 years)."""
    mult, designator, timed = DESIGNATORS[unit]
    if n == "X":
        return VAGUE.get(unit) or f"P{'T' if timed else ''}X{designator}"
    if isinstance(n, float) and not (n * mult).is_integer() and unit in SMALLER:
        small, per = SMALLER[unit]
        whole, rest = int(n * mult), round((n * mult - int(n * mult)) * per)
        items = ([(whole, designator, timed)] if whole else []) + [(rest, *DESIGNATORS[small][1:])]
        dated = "".join(f"{v}{d}" for v, d, t in items if not t)
        timed_part = "".join(f"{v}{d}" for v, d, t in items if t)
        return "P" + dated + (f"T{timed_part}" if timed_part else "")
    return f"P{'T' if timed else ''}{_num(n * mult)}{designator}"


@value("duration")
def duration_value(f: Fields, cx: Context, arg) -> Reading:
    """A length of time; arg `anchored` for "the past two months", "the next few days" (anchored at the
    reference date)."""
    n = "X" if arg == "vague" else f.get("number", 1)
    if arg == "half" and isinstance(n, int):
        n += 0.5
    if "number" not in f and f.m.group("unit" if "unit" in f else "period").lower().endswith("s"):
        n = "X"   # "decades-long"
    code = duration_code(n, f.get("unit") or f["period"])
    if "unit2" in f:   # "two hours and 30 minutes"
        extra = duration_code(f.get("number2", 1), f["unit2"])
        if ("T" in extra) == ("T" in code):
            code += extra[2:] if "T" in extra else extra[1:]
    return Reading(code, anchor=DCT if arg == "anchored" else None)


@value("set")
def set_value(f: Fields, cx: Context, arg) -> Reading:
    """daily, weekly, "every day", "each year", "every Monday", "each July", "every summer"."""
    if "set" in f or arg:
        return Reading(f.get("set") or arg)
    if "weekday" in f:
        part = f"T{f['partday']}" if "partday" in f else ""
        return Reading(f"XXXX-WXX-{f['weekday']}{part}")
    if "month" in f:
        return Reading(f"XXXX-{f['month']:02d}")
    if "season" in f:
        return Reading(f"XXXX-{f['season']}")
    if "partday" in f:
        return Reading(f"XXXX-XX-XXT{f['partday']}")
    return Reading(duration_code(f.get("number", 1), f.get("unit") or f["period"]))


@value("day_range")
def day_range_value(f: Fields, cx: Context, arg) -> list[Piece] | None:
    """"March 3-5, 2024", "3 to 5 March": two dates, the first taking the month and year of the second."""
    first = date_value(f, cx, None)
    second = date_value(Fields(f.m, {**f, "day": f["day2"]}), cx, None)
    if first is None or second is None:
        return None
    m = f.m
    return [Piece(m.start(), m.end("day"), first), Piece(m.start("day2"), m.end(), second)]


@value("year_range")
def year_range_value(f: Fields, cx: Context, arg) -> list[Piece] | None:
    """"1998-99", "1998-2000": two years, the second written with the century of the first."""
    first = year_value(f, cx, None)
    m = f.m
    group = "year2" if "year2" in f else "yend"
    if group == "yend":
        y2 = f["year"] // 100 * 100 + f["yend"]
        if y2 <= f["year"]:
            return None
    else:
        y2 = f["year2"]
    if not f["year"] < y2 <= f["year"] + 50:
        return None
    return [Piece(m.start(), m.end("year"), first), Piece(m.start(group), m.end(), Reading(f"{y2:04d}"))]
