"""Crash safety: `kg build` killed with SIGKILL in the middle of a corpus leaves a store that opens and holds
only whole documents; building again finishes the rest, with no duplicates. Killed at the worst moments
— inside a batch written to the store, inside the store-wide stage — the store says it is incomplete
until the next writer (`kg repair`, or any build) finishes the job from the index, and it is then the
store an uninterrupted build gives."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from kg.corpus.stage import BATCH_DOCS
from kg.rdf.store import Store
from tests.conftest import KG, ROOT, run_kg
from tests.newsgen import write_corpus

N_DOCS = 160


def _written(store: Path) -> int:
    """Documents the index records and the store has (those recorded but pending are not written yet)."""
    index = store / "kg-index.sqlite3"
    if not index.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{index}?mode=ro", uri=True, timeout=0.2)
        n = db.execute("SELECT (SELECT COUNT(*) FROM docs) - (SELECT COUNT(*) FROM pending)").fetchone()[0]
        db.close()
        return n
    except sqlite3.Error:
        return 0


def _doc_counts(st: Store) -> dict[str, dict[str, int]]:
    """Per document graph: how many articles, texts, mentions, and anchors that are not their text."""
    rows = st.query("""
        SELECT ?g (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?ctx) AS ?texts) (COUNT(DISTINCT ?m) AS ?mentions)
               (SUM(IF(BOUND(?bad), 1, 0)) AS ?wrong) WHERE {
          GRAPH ?g {
            ?a a schema:NewsArticle ; schema:text ?ctx . ?ctx nif:isString ?text .
            OPTIONAL { ?m nif:referenceContext ?ctx ; nif:anchorOf ?anchor ; nif:beginIndex ?b ; nif:endIndex ?e .
                       BIND(IF(STR(?anchor) != SUBSTR(?text, ?b + 1, ?e - ?b), ?m, ?unbound) AS ?bad) }
          }
        } GROUP BY ?g""")
    counts = ("articles", "texts", "mentions", "wrong")
    return {str(r["g"].value).rsplit("/", 1)[1]: {k: int(r[k].value) for k in counts} for r in rows}


def _text_quads(st: Store, doc_id: str) -> set[str]:
    """The document's article and text anchors: what a rebuild must reproduce exactly. (Entity IRIs may
    legitimately differ, as store-wide identity depends on the other documents in the store.)"""
    keep = {"identifier", "headline", "isString", "beginIndex", "endIndex", "anchorOf", "referenceContext"}
    return {str(q) for q in st.quads(doc_id) if q.predicate.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1] in keep}


def test_sigkill_mid_build_leaves_whole_documents_and_a_rebuild_finishes(tmp_path):
    corpus = tmp_path / "news.jsonl"
    docs = write_corpus(corpus, N_DOCS)
    ids = {d["id"] for d in docs}

    store = tmp_path / "store"
    proc = subprocess.Popen(KG + ["build", str(corpus), "--store", str(store)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _written(store) < BATCH_DOCS:               # killed once a batch is in the store, the next being read
        assert proc.poll() is None, f"the build ended before it could be killed: {proc.stderr.read()!r}"
        assert time.monotonic() < deadline, "the build wrote nothing in 60 s"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    # the store opens (for writing: the dead writer's lock is gone) and holds only whole documents
    st = Store(store)
    counts = _doc_counts(st)
    survivors = {d for d in st.document_ids() if d in ids}
    assert 0 < len(survivors) < N_DOCS, f"killed after {len(survivors)} documents"
    assert set(counts) >= survivors
    for doc_id in survivors:
        c = counts[doc_id]
        assert c["articles"] == 1 and c["texts"] == 1 and c["mentions"] > 0 and c["wrong"] == 0, (doc_id, c)
    before = {d: _text_quads(st, d) for d in sorted(survivors)}
    st.close()

    # building again finishes the rest; what survived is rebuilt with the same text; no document twice
    r = subprocess.run(KG + ["build", str(corpus), "--store", str(store)], cwd=ROOT, capture_output=True, text=True,
                       timeout=180)
    assert r.returncode == 0, r.stderr
    st = Store(store, read_only=True)
    assert {d for d in st.document_ids() if d in ids} == ids
    counts = _doc_counts(st)
    assert all(counts[d]["articles"] == 1 and counts[d]["texts"] == 1 and counts[d]["wrong"] == 0 for d in ids)
    rows = st.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }")
    n_articles = int(next(iter(rows))["n"].value)
    assert n_articles == N_DOCS
    for doc_id, quads in before.items():
        assert _text_quads(st, doc_id) == quads, doc_id



def _all_quads(store: Path) -> list[str]:
    r = run_kg("export", "--store", store, "--format", "nquads", timeout=300)
    assert r.returncode == 0, r.stderr
    return sorted(r.stdout.splitlines())


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory):
    """The corpus built without interruption: what every repaired store must equal."""
    tmp = tmp_path_factory.mktemp("clean")
    corpus = tmp / "news.jsonl"
    write_corpus(corpus, N_DOCS)
    r = run_kg("build", corpus, "--store", tmp / "store", timeout=600)
    assert r.returncode == 0, r.stderr
    return corpus, _all_quads(tmp / "store")


@pytest.mark.parametrize("point", ["store-bulk", "store-batch", "store-wide"])
def test_killed_at_the_worst_moment_the_next_writer_repairs(tmp_path, clean_build, point):
    corpus, expected = clean_build
    store = tmp_path / "store"
    r = run_kg("build", corpus, "--store", store, env={"KG_CRASH_AT": point}, timeout=600)
    assert r.returncode == -signal.SIGKILL, (r.returncode, r.stderr)
    q = run_kg("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--store", store, timeout=120)
    assert q.returncode == 2 and "kg repair" in q.stderr and len(q.stderr.splitlines()) == 1, q.stderr
    r = run_kg("repair", "--store", store, timeout=600)
    assert r.returncode == 0, r.stderr
    if point != "store-wide":         # the batch being written is whole again; the rest is built next
        r = run_kg("build", corpus, "--store", store, timeout=600)
        assert r.returncode == 0, r.stderr
    assert _all_quads(store) == expected
