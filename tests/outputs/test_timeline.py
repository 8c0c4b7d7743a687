"""queries/timeline.rq on the seed: the dated events in time order, each with the words that date it,
and every time expression of the article in the graph (not only those events hang on)."""
from __future__ import annotations

import csv
import io

from tests.conftest import ROOT, run_kg


def _rows(store, query):
    r = run_kg("query", query, "--store", store, "-f", "csv")
    assert r.returncode == 0, r.stderr
    return list(csv.DictReader(io.StringIO(r.stdout)))


def test_the_timeline_lists_the_seeds_dated_events_in_time_order(seed_store):
    rows = _rows(seed_store, ROOT / "queries" / "timeline.rq")
    dates = [r["date"] for r in rows]
    assert len(rows) >= 7 and dates == sorted(dates)
    # each row says which words of the text date it, and those words are a time of that date
    by_when = {(r["when"], r["date"]) for r in rows}
    assert ("March", "2024-03") in by_when and ("Monday", "2024-07-08") in by_when
    assert all(r["when"] and r["type"] and r["sentence"] for r in rows)


def test_every_time_expression_of_the_seed_is_a_node(seed_store):
    rows = _rows(seed_store, "SELECT ?text ?type ?value WHERE { ?t a kg:TimeExpression ; kg:timexType ?type ; "
                             "kg:timexValue ?value ; kg:timeMention/nif:anchorOf ?text }")
    got = {(r["text"], r["type"], r["value"]) for r in rows}
    assert ("two-day", "DURATION", "P2D") in got           # no event hangs on it
    assert ("last month", "DATE", "2024-06") in got
