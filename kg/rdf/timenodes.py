"""The OWL-Time description of a time expression node: what kind of temporal entity its TIMEX3 value is,
and the typed literals to compare and sort on.

* a calendar day, month, year or date-time ("2024-07-08", "2024-07", "2024", "2024-07-08T20:00") is a
  `time:Instant` at that precision, its position the typed literal (`time:inXSDDate`, `inXSDgYearMonth`,
  `inXSDgYear`, `inXSDDateTime`);
* any other calendar value (a week, weekend, quarter, half, season, decade, century, a part of a day) is a
  `time:ProperInterval` whose `time:hasBeginning` and `time:hasEnd` are instants on its first and last
  day (`time:inXSDDate`);
* a DURATION of one number of one unit ("P3Y", "PT20H", "P2W") is a `time:Duration` with
  `time:numericDuration` and `time:unitType`; other durations ("PXY", "P2Y6M") a `time:TemporalDuration`;
* sets and vague references ("PRESENT_REF") are temporal entities with their TIMEX3 value only.

No literal is written whose lexical form is not valid for its datatype: a value that is not a real
date ("2024-02-30", "2024-13") gets no position.
"""
from __future__ import annotations

import datetime
import re
from functools import lru_cache

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, TIME, XSD

from kg.model import TimeExpression

N = lru_cache(maxsize=None)(ox.NamedNode)

#: a TIMEX3 value that is a calendar position, as the OWL-Time property and XSD type that carry it
_XSD_POSITION = ((re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?"), TIME.inXSDDateTime, XSD.dateTime),
                 (re.compile(r"\d{4}-\d{2}-\d{2}"), TIME.inXSDDate, XSD.date),
                 (re.compile(r"\d{4}-\d{2}"), TIME.inXSDgYearMonth, XSD.gYearMonth),
                 (re.compile(r"\d{4}"), TIME.inXSDgYear, XSD.gYear))
#: a duration of one number of one unit: P3Y, P1.5Y, PT20H, P2W
_ONE_UNIT = re.compile(r"P(T?)(\d+(?:\.\d+)?)([YMWDHS])")
_UNITS = {("", "Y"): TIME.unitYear, ("", "M"): TIME.unitMonth, ("", "W"): TIME.unitWeek, ("", "D"): TIME.unitDay,
          ("T", "H"): TIME.unitHour, ("T", "M"): TIME.unitMinute, ("T", "S"): TIME.unitSecond}


def xsd_position(value: str) -> tuple[URIRef, URIRef, str] | None:
    """(OWL-Time property, XSD datatype, lexical form) of a TIMEX3 value that is a calendar date, month,
    year or date-time ("2024-07-08T20:00" -> inXSDDateTime "2024-07-08T20:00:00"); None for the rest
    (weeks, quarters, seasons, decades, durations, vague references) and for impossible dates."""
    for pattern, prop, datatype in _XSD_POSITION:
        if pattern.fullmatch(value):
            try:
                if datatype == XSD.dateTime:
                    value = datetime.datetime.fromisoformat(value).isoformat(timespec="seconds")
                elif datatype == XSD.date:
                    datetime.date.fromisoformat(value)
                elif datatype == XSD.gYearMonth and not 1 <= int(value[5:]) <= 12:
                    return None
            except ValueError:
                return None
            return prop, datatype, value
    return None


def _day(iso: str | None) -> ox.Literal | None:
    try:
        return ox.Literal(datetime.date.fromisoformat(iso).isoformat(), datatype=N(XSD.date)) if iso else None
    except ValueError:
        return None


def owl_time(node: ox.NamedNode, tx: TimeExpression) -> list[ox.Triple]:
    """The OWL-Time triples of a time expression node (see the module's docstring); the instants that
    begin and end an interval are `<node>/begin` and `<node>/end`."""
    T, a = ox.Triple, N(RDF.type)
    if tx.type == "DURATION":
        m = _ONE_UNIT.fullmatch(tx.value)
        unit = _UNITS.get((m.group(1), m.group(3))) if m else None
        if unit is None:
            return [T(node, a, N(TIME.TemporalDuration))]
        return [T(node, a, N(TIME.Duration)), T(node, N(TIME.unitType), N(unit)),
                T(node, N(TIME.numericDuration), ox.Literal(m.group(2), datatype=N(XSD.decimal)))]
    if tx.type not in ("DATE", "TIME"):
        return []
    position = xsd_position(tx.value)
    if position is not None:
        prop, datatype, lexical = position
        return [T(node, a, N(TIME.Instant)), T(node, N(prop), ox.Literal(lexical, datatype=N(datatype)))]
    first, last = _day(tx.begin), _day(tx.end)
    if first is None or last is None:
        return []
    out = [T(node, a, N(TIME.ProperInterval))]
    for prop, suffix, day in ((TIME.hasBeginning, "begin", first), (TIME.hasEnd, "end", last)):
        instant = ox.NamedNode(f"{node.value}/{suffix}")
        out += [T(node, N(prop), instant), T(instant, a, N(TIME.Instant)), T(instant, N(TIME.inXSDDate), day)]
    return out
