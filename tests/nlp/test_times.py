"""Time normalisation against the publication date, at the precision the text gives."""
from __future__ import annotations

from datetime import date

import pytest

from kg.nlp.times import normalise_time

PUB = date(2024, 7, 9)   # a Tuesday


@pytest.mark.parametrize("text,value,precision", [
    ("Monday", "2024-07-08", "day"),
    ("on Monday night", "2024-07-08", "day"),
    ("earlier on Monday", "2024-07-08", "day"),   # the part of the day before its day
    ("late on Friday", "2024-07-05", "day"),
    ("Tuesday", "2024-07-09", "day"),          # the day of publication
    ("last Tuesday", "2024-07-02", "day"),
    ("Friday", "2024-07-05", "day"),
    ("yesterday", "2024-07-08", "day"),
    ("tomorrow", "2024-07-10", "day"),
    ("last month", "2024-06", "month"),
    ("in March", "2024-03", "month"),
    ("May", "2024-05", "month"),
    ("September", "2023-09", "month"),        # the latest September not after publication
    ("earlier this year", "2024", "year"),
    ("last year", "2023", "year"),
    ("July 8, 2024", "2024-07-08", "day"),
    ("8 July 2024", "2024-07-08", "day"),
    ("March 2022", "2022-03", "month"),
    ("2019", "2019", "year"),
    ("March 7", "2024-03-07", "day"),
    ("on 14 August", "2023-08-14", "day"),
])
def test_normalises(text, value, precision):
    tv = normalise_time(text, PUB)
    assert (tv.value, tv.precision) == (value, precision)


@pytest.mark.parametrize("text", ["two-day", "three years", "four hours", "decades", "the past week's", "later",
                                  "early"])
def test_durations_and_vague_spans_are_not_times(text):
    assert normalise_time(text, PUB) is None


def test_relative_times_need_a_publication_date():
    assert normalise_time("Monday", None) is None
    assert normalise_time("July 8, 2024", None).value == "2024-07-08"


def test_a_near_future_date_keeps_the_year():
    # "registration begins on April 29" in an article of 24 April: the coming April 29, not last year's
    assert normalise_time("on April 29", date(2024, 4, 24)).value == "2024-04-29"
    assert normalise_time("May", date(2024, 4, 24)).value == "2024-05"
    assert normalise_time("on August 14", date(2024, 4, 24)).value == "2023-08-14"   # months ahead: the last one


def test_holidays_and_times_of_day_give_their_day():
    assert normalise_time("Christmas Day", PUB).value == "2023-12-25"
    assert normalise_time("8 p.m. Monday", PUB).value == "2024-07-08"
    assert normalise_time("the third quarter", PUB) is None   # no date literal for a quarter
