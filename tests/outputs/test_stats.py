"""kg/outputs/stats.py: the counts a user sees agree — what `kg build` says the store holds, what
`kg stats` says, what a query counts and what an export writes."""
from __future__ import annotations

import re

from tests.conftest import SEED, SEED_PUBLISHED, run_kg


def _numbers(line: str) -> dict[str, int]:
    return {w: int(n.replace(",", "")) for n, w in re.findall(r"([\d,]+) (documents?|entities|events|quads)", line)}


def test_build_stats_query_and_export_give_the_same_counts(tmp_path):
    store = tmp_path / "store"
    built = run_kg("build", SEED, "--store", store, "--published", SEED_PUBLISHED)
    assert built.returncode == 0, built.stderr
    said = _numbers(built.stdout.strip().splitlines()[-1])
    stats = run_kg("stats", "--store", store)
    head, parts = stats.stdout.splitlines()[:2]
    assert _numbers(head) == said and set(said) == {"document", "entities", "events", "quads"}
    # the quads by part add up to the total, and a quad export writes the named graphs' share
    by_part = [int(n.replace(",", "")) for n in re.findall(r"([\d,]+) in the", parts)]
    assert sum(by_part) == said["quads"]
    out = tmp_path / "all.nq"
    assert run_kg("export", "--store", store, "-f", "nquads", "-o", out).returncode == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == said["quads"] - by_part[0]
    # a naive count of the people and events agrees with the totals' definition
    q = run_kg("query", "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event }", "--store", store, "-f", "csv")
    assert int(q.stdout.splitlines()[1]) == said["events"]


def test_building_a_document_again_does_not_change_the_counts(tmp_path):
    store = tmp_path / "store"
    first = run_kg("build", SEED, "--store", store, "--published", SEED_PUBLISHED).stdout.strip().splitlines()[-1]
    again = run_kg("build", SEED, "--store", store, "--published", SEED_PUBLISHED).stdout.strip().splitlines()[-1]
    assert _numbers(first) == _numbers(again)
