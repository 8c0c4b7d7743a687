"""The temporal tagger's values: each normalisation rule on sentences written for these tests, against a
reference date, as TimeML's TIMEX3 writes them (type, value, mod)."""
from __future__ import annotations

from datetime import date

import pytest

from kg.nlp.timex import tag

REF = date(2024, 4, 24)   # a Wednesday, in the second quarter


def timexes(sentence: str, ref=REF):
    return [(t.text, t.type, t.value, t.mod) for t in tag(sentence, ref)]


@pytest.mark.parametrize("sentence,expected", [
    # absolute dates at the precision written
    ("The treaty was signed on March 2, 2019.", ("March 2, 2019", "DATE", "2019-03-02", None)),
    ("The treaty was signed on 2 March 2019.", ("2 March 2019", "DATE", "2019-03-02", None)),
    ("The plant closed in June 2011.", ("June 2011", "DATE", "2011-06", None)),
    ("The dam was finished in 1936.", ("1936", "DATE", "1936", None)),
    ("The records from 2019-11-05 were lost.", ("2019-11-05", "DATE", "2019-11-05", None)),
    ("The army arrived in 1881.", ("1881", "DATE", "1881", None)),
    ("The band split up in nineteen eighty-two.", ("nineteen eighty-two", "DATE", "1982", None)),
    # a date without a year: the tense and the reference date decide; near-future dates stay in the year
    ("Registration begins on April 29.", ("April 29", "DATE", "2024-04-29", None)),
    # a day of the month alone, after a preposition of time: in the month the tense and the date point at
    ("The ferry sank on the 21st off the coast.", ("the 21st", "DATE", "2024-04-21", None)),
    ("The ferry sank on the 28th off the coast.", ("the 28th", "DATE", "2024-03-28", None)),
    ("Voting opened on May 10.", ("May 10", "DATE", "2024-05-10", None)),
    ("The museum reopened on March 3.", ("March 3", "DATE", "2024-03-03", None)),
    ("The clinic closed on December 12.", ("December 12", "DATE", "2023-12-12", None)),
    ("The election is on Tuesday, May 7.", ("Tuesday, May 7", "DATE", "2024-05-07", None)),
    ("The vote is in May.", ("May", "DATE", "2024-05", None)),
    ("Snow fell last November.", ("last November", "DATE", "2023-11", None)),
    # weekdays: past tense = the last one, future tense or "next" = the coming one
    ("The council met on Friday.", ("Friday", "DATE", "2024-04-19", None)),
    ("The council will meet on Friday.", ("Friday", "DATE", "2024-04-26", None)),
    ("The council meets next Friday.", ("next Friday", "DATE", "2024-04-26", None)),
    ("The council met last Wednesday.", ("last Wednesday", "DATE", "2024-04-17", None)),
    ("The council is meeting on Wednesday.", ("Wednesday", "DATE", "2024-04-24", None)),
    ("Analysts study Thursday's closing prices.", ("Thursday", "DATE", "2024-04-18", None)),
    # the tense of the clause: reported future, "is (set) to", a scheduling verb in the perfect, a modal
    ("Officials said talks would resume on Monday.", ("Monday", "DATE", "2024-04-29", None)),
    ("Trading is to restart on Monday.", ("Monday", "DATE", "2024-04-29", None)),
    ("The ferries are set to sail again Monday.", ("Monday", "DATE", "2024-04-29", None)),
    ("The mayor has scheduled a hearing Thursday.", ("Thursday", "DATE", "2024-04-25", None)),
    ("The mayor had planned a hearing on Monday.", ("Monday", "DATE", "2024-04-22", None)),
    ("The record was set on Monday.", ("Monday", "DATE", "2024-04-22", None)),
    # days relative to the reference date
    ("The minister resigned yesterday.", ("yesterday", "DATE", "2024-04-23", None)),
    ("Parliament votes tomorrow.", ("tomorrow", "DATE", "2024-04-25", None)),
    # weeks, months, years, quarters, halves, seasons, fiscal years
    ("Prices fell last week.", ("last week", "DATE", "2024-W16", None)),
    ("Prices will be reviewed this week.", ("this week", "DATE", "2024-W17", None)),
    ("Rents rose last month.", ("last month", "DATE", "2024-03", None)),
    ("Rents will rise next year.", ("next year", "DATE", "2025", None)),
    ("Profit rose in the third quarter.", ("the third quarter", "DATE", "2023-Q3", None)),
    ("Profit will rise in the fourth quarter of 2025.", ("the fourth quarter of 2025", "DATE", "2025-Q4", None)),
    ("Q1 2023 was weak.", ("Q1 2023", "DATE", "2023-Q1", None)),
    ("Revenue rose in the quarter.", ("the quarter", "DATE", "2024-Q1", None)),
    ("Output rose in the first half of 2023.", ("the first half of 2023", "DATE", "2023-H1", None)),
    ("The harvest was poor in the summer of 2019.", ("the summer of 2019", "DATE", "2019-SU", None)),
    ("Sales fell last winter.", ("last winter", "DATE", "2023-WI", None)),
    ("Earnings fell in fiscal 2022.", ("fiscal 2022", "DATE", "2022", None)),
    # decades and centuries
    ("Music of the 1990s filled the hall.", ("the 1990s", "DATE", "199", None)),
    ("Jazz thrived in the twenties.", ("the twenties", "DATE", "192", None)),
    ("Empires rose in the 19th century.", ("the 19th century", "DATE", "18", None)),
    # holidays
    ("Families gathered for Thanksgiving.", ("Thanksgiving", "DATE", "2023-11-23", None)),
    ("The shops were shut on Christmas Day 2021.", ("Christmas Day 2021", "DATE", "2021-12-25", None)),
    ("Pilgrims arrived on Good Friday.", ("Good Friday", "DATE", "2024-03-29", None)),
    # times of day
    ("The rally started at 8 p.m.", ("8 p.m.", "TIME", "2024-04-24T20:00", None)),
    ("Fighting resumed on Friday night.", ("Friday night", "TIME", "2024-04-19TNI", None)),
    ("Crowds gathered this morning.", ("this morning", "TIME", "2024-04-24TMO", None)),
    ("The storm hit last night.", ("last night", "TIME", "2024-04-23TNI", None)),
    ("The ferry left at noon yesterday.", ("noon yesterday", "TIME", "2024-04-23T12:00", None)),
    # times relative to another time, and to the reference date
    ("The strike ended two weeks ago.", ("two weeks ago", "DATE", "2024-W15", None)),
    ("The plant closed three years ago.", ("three years ago", "DATE", "2021", None)),
    ("A decade ago the town had no bank.", ("A decade ago", "DATE", "2014", None)),
    ("Several years ago the town had no bank.", ("Several years ago", "DATE", "PAST_REF", None)),
    # durations
    ("The drought lasted three years.", ("three years", "DURATION", "P3Y", None)),
    ("Talks went on for 20 hours.", ("20 hours", "DURATION", "PT20H", None)),
    ("He waited a month.", ("a month", "DURATION", "P1M", None)),
    ("It took a decade.", ("a decade", "DURATION", "P10Y", None)),
    ("The talks lasted two and a half hours.", ("two and a half hours", "DURATION", "PT2H30M", None)),
    ("The project took 2 1/2 years.", ("2 1/2 years", "DURATION", "P2Y6M", None)),
    ("It was a two-day visit.", ("two-day", "DURATION", "P2D", None)),
    ("Prices doubled in the past two months.", ("the past two months", "DURATION", "P2M", None)),
    ("It lasted several weeks.", ("several weeks", "DURATION", "PXW", None)),
    # sets
    ("The paper is printed daily.", ("daily", "SET", "P1D", None)),
    ("The team plays every Sunday.", ("every Sunday", "SET", "XXXX-WXX-7", None)),
    ("Fares rise each season.", ("each season", "SET", "P3M", None)),
    ("The fair is held every June.", ("every June", "SET", "XXXX-06", None)),
    ("The event is held twice a year.", ("twice a year", "SET", "P1Y", None)),
    # vague references
    ("She is now the mayor.", ("now", "DATE", "PRESENT_REF", None)),
    ("The firm is currently hiring.", ("currently", "DATE", "PRESENT_REF", None)),
    ("In the past, such votes were rare.", ("the past", "DATE", "PAST_REF", None)),
    ("He was formerly a judge.", ("formerly", "DATE", "PAST_REF", None)),
    ("The plan will matter in the future.", ("the future", "DATE", "FUTURE_REF", None)),
    # modifiers: in the extent, in `mod`, out of the value
    ("The law passed in early 2020.", ("early 2020", "DATE", "2020", "START")),
    ("Rents rose in late March.", ("late March", "DATE", "2024-03", "END")),
    ("Inflation peaked in the mid-1990s.", ("the mid-1990s", "DATE", "199", "MID")),
    ("The truce held for about three months.", ("about three months", "DURATION", "P3M", "APPROX")),
    ("The mill will reopen at the end of 2025.", ("the end of 2025", "DATE", "2025", "END")),
])
def test_normalises(sentence, expected):
    assert expected in timexes(sentence)


def test_a_time_anchored_on_the_time_before_it():
    found = tag("The bridge opened on March 2, 2019. The following day, traffic doubled.", REF)
    assert [(t.text, t.value) for t in found] == [("March 2, 2019", "2019-03-02"),
                                                  ("The following day", "2019-03-03")]
    assert found[1].anchor == found[0].tid and found[0].anchor is None


def test_earlier_that_day_is_the_reference_day_without_another_time():
    (t,) = tag("Earlier that day, the mayor resigned.", REF)
    assert (t.text, t.value, t.mod, t.anchor) == ("Earlier that day", "2024-04-24", "START", "t0")


def test_a_year_ago_after_a_quarter_is_that_quarter_a_year_before():
    found = timexes("Profit rose in the third quarter from a year ago.")
    assert found == [("the third quarter", "DATE", "2023-Q3", None), ("a year ago", "DATE", "2022-Q3", None)]


def test_a_clock_time_takes_the_day_written_after_it():
    found = timexes("The rally started at 8:30 a.m. on Monday.")
    assert found == [("8:30 a.m.", "TIME", "2024-04-22T08:30", None), ("Monday", "DATE", "2024-04-22", None)]
    found = timexes("The quake struck at 4:10 a.m. (0210 GMT) Tuesday.")
    assert found[0] == ("4:10 a.m.", "TIME", "2024-04-23T04:10", None)


def test_a_reported_future_date_without_a_year_is_the_coming_one():
    published = date(2024, 2, 10)   # April 24 is 74 days ahead: past the near-future window
    assert ("April 24", "DATE", "2024-04-24", None) in timexes("The summit would be held on April 24.", published)
    assert ("April 24", "DATE", "2023-04-24", None) in timexes("The summit was held on April 24.", published)


def test_ranges_give_both_ends_and_share_the_year():
    found = tag("The site was closed from March to May 2021.", REF)
    assert [(t.text, t.value) for t in found] == [("March", "2021-03"), ("May 2021", "2021-05")]
    assert found[0].range == found[1].range == (found[0].start, found[1].end)
    assert [(t.text, t.value) for t in tag("The festival runs June 3-5.", REF)] == [("June 3", "2024-06-03"),
                                                                                   ("5", "2024-06-05")]
    assert [t.value for t in tag("The 1998-99 season was long.", REF)] == ["1998", "1999"]


def test_relative_times_need_a_reference_date():
    assert timexes("The council met on Friday.", None) == []
    assert timexes("The treaty was signed on March 2, 2019.", None) == [
        ("March 2, 2019", "DATE", "2019-03-02", None)]


@pytest.mark.parametrize("sentence", [
    "May I ask a question?",                      # the verb
    "Sales were 2000 units higher.",              # a count
    "The price rose to $1990.",                   # an amount
    "He is 52 years old.",                        # an age
    "It costs $5 a day.",                         # a rate
    "Iraq imports three-quarters of its food.",   # a fraction
    "The company pays a quarterly dividend.",     # a classifying adjective
    "Prices could fall soon.",                    # not a time of its own
    "The fire broke out on the 29th floor.",      # an ordinal of a floor
    "She won the 3rd race easily.",               # an ordinal without a preposition of time
])
def test_not_time_expressions(sentence):
    assert timexes(sentence) == []


def test_the_days_a_calendar_value_covers():
    from kg.nlp.timex.calendar import bounds
    assert bounds("2024-W17") == (date(2024, 4, 22), date(2024, 4, 28))
    assert bounds("2024-W17-WE") == (date(2024, 4, 27), date(2024, 4, 28))
    assert bounds("2024-Q2") == (date(2024, 4, 1), date(2024, 6, 30))
    assert bounds("2024-SU") == (date(2024, 6, 1), date(2024, 8, 31))
    assert bounds("199") == (date(1990, 1, 1), date(1999, 12, 31))
    assert bounds("18") == (date(1800, 1, 1), date(1899, 12, 31))
    assert bounds("2024-04-19TNI") == (date(2024, 4, 19), date(2024, 4, 19))
    for value in ("PRESENT_REF", "XXXX-WI", "P3Y", "2024-W54", "2024-02-30"):
        assert bounds(value) is None
