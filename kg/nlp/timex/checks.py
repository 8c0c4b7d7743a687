"""Checks a match must pass to be a time expression (a bare year that is a count, "May" the verb):
named functions referenced from the checks column of rules.tsv, each (match, context) -> bool."""
from __future__ import annotations

import re
from typing import Callable

from kg.nlp.timex.context import Context

CHECKS: dict[str, Callable] = {}

#: entity labels of spaCy's English NER that say a number is not a year
COUNT_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})
NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW"})
YEAR_PREPOSITIONS = re.compile(r"(?:\b(?:in|since|by|from|until|till|to|before|after|during|of|around|circa|"
                               r"early|late|mid|through|between|and|year)\s+|c\.\s*)$", re.I)
AMOUNT_AFTER = re.compile(r"\s*(?:%|percent|per\b|million|billion|thousand|hundred|[-–]\d|\.\d|,\d{3})", re.I)


def check(name: str):
    def register(fn):
        CHECKS[name] = fn
        return fn
    return register


@check("year_ok")
def year_ok(m: re.Match, cx: Context) -> bool:
    """A bare four-digit number is a year unless it counts something ("2000 troops", "$1990")."""
    before = cx.text[max(0, m.start() - 24):m.start()]
    if re.search(r"[$#€£]\s*$|\bNo\.\s*$|\bnumber\s+$", before, re.I) or AMOUNT_AFTER.match(cx.text, m.end()):
        return False
    if (m.start(), m.end()) == (0, len(cx.text)):   # a phrase of its own, already known to be a time
        return True
    digits = re.sub(r"\D", "", m.group())[:4]
    year = int(digits) if digits else 1900   # spelled out: "nineteen ninety-six"
    if not 1900 <= year <= 2099 and not YEAR_PREPOSITIONS.search(before):
        return False
    sp = cx.span(m.start(), m.end())
    if sp is None:
        return True
    return sp.root.ent_type_ not in COUNT_LABELS


@check("not_name")
def not_name(m: re.Match, cx: Context) -> bool:
    """A month or holiday word that spaCy reads as (part of) a name or a verb is not a time ("April Smith",
    "May I")."""
    sp = cx.span(m.start(), m.end())
    if sp is None:
        return True
    tok = sp[0]
    if tok.tag_ == "MD" or tok.pos_ == "VERB":
        return False
    return not any(t.ent_type_ in NAME_LABELS for t in sp)


@check("after_for")
def after_for(m: re.Match, cx: Context) -> bool:
    """Bare plural units are durations after "for", "over", "within", "in" ("for years", "within days")."""
    return bool(re.search(r"\b(?:for|over|within|in|after|taking|take|takes|took|lasted|last)\s+$",
                          cx.text[max(0, m.start() - 10):m.start()], re.I))


@check("after_on")
def after_on(m: re.Match, cx: Context) -> bool:
    """"the 29th" alone is a day of the month only as the object of a preposition of time ("on the 29th",
    "since the 3rd"), and not when a noun follows ("the 29th floor", "the 3rd round"); a phrase of its own is
    one already known to be a date (an event's date)."""
    if (m.start(), m.end()) == (0, len(cx.text)):
        return True
    nxt = cx.token_after(m.end())
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
        return False
    if nxt is None and re.match(r"\s+(?!of\b|and\b|or\b|at\b|in\b|on\b|off\b|near\b|when\b|after\b|before\b|as\b|"
                                r"with\b|from\b|to\b|for\b|by\b|during\b|while\b|but\b)[a-z]",
                                cx.text[m.end():m.end() + 10]):
        return False
    return bool(re.search(r"\b(?:on|since|by|until|till|from|before|after)\s+$",
                          cx.text[max(0, m.start() - 8):m.start()], re.I))


@check("sentence_end")
def sentence_end(m: re.Match, cx: Context) -> bool:
    """The match ends its clause ("… two days before."), so "before"/"after" is not a preposition."""
    return bool(re.match(r"\s*(?:[.,;:!?)\"'”]|$|and\b|but\b)", cx.text[m.end():m.end() + 6]))


@check("after_end_of")
def after_end_of(m: re.Match, cx: Context) -> bool:
    """"the year" is the current one in "the end of the year", "the rest of the month"."""
    return bool(re.search(r"\b(?:end|beginning|start|middle|rest|remainder|balance|close)\s+of\s+$",
                          cx.text[max(0, m.start() - 16):m.start()], re.I))


@check("full_month")
def full_month(m: re.Match, cx: Context) -> bool:
    """A month standing alone is written in full ("May", "June"), not as "Jan" (a name) or "Dec."."""
    w = m.group()
    return w == "May" or w.upper() == "MAY" or (len(w) >= 4 and not w.endswith("."))


@check("after_in")
def after_in(m: re.Match, cx: Context) -> bool:
    """"the day", "the year" are times in "earlier in the day", "late in the year"."""
    return bool(re.search(r"\b(?:earlier|later|early|late)\s+in\s+$", cx.text[max(0, m.start() - 12):m.start()], re.I))


@check("not_age")
def not_age(m: re.Match, cx: Context) -> bool:
    """An age is not a time: "52 years old", "in his 30s"."""
    if re.match(r"[\s-]+old\b", cx.text[m.end():m.end() + 8], re.I):
        return False
    return not re.search(r"\b(?:his|her|their|my|your|our|its)\s+(?:early\s+|late\s+|mid-?)?$",
                         cx.text[max(0, m.start() - 12):m.start()], re.I)


@check("not_fraction")
def not_fraction(m: re.Match, cx: Context) -> bool:
    """"three-quarters of its food" is a fraction, not a duration."""
    return not (re.search(r"quarters?$", m.group(), re.I) and re.match(r"\s+of\b", cx.text[m.end():m.end() + 4]))


@check("not_rate")
def not_rate(m: re.Match, cx: Context) -> bool:
    """"24 hours a day", "$1.76 a year", "four flights a week": "a <unit>" after a quantity is a rate."""
    if not re.match(r"(?:a|an|one)\s", m.group(), re.I):
        return True
    sp = cx.span(m.start(), m.end())
    if sp is None or sp.start == 0:
        return True
    return cx.doc[sp.start - 1].pos_ not in ("NOUN", "NUM", "PROPN", "SYM")


@check("not_adjective")
def not_adjective(m: re.Match, cx: Context) -> bool:
    """"daily", "quarterly" recur as adverbs ("meets daily"); before a noun ("a quarterly dividend") they
    classify the noun and are not a time of their own."""
    sp = cx.span(m.start(), m.end())
    return sp is None or not len(sp) or not (sp[0].pos_ == "ADJ" and sp[0].dep_ == "amod")
