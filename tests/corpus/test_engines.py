"""Scale: `--workers 2` (a process pool) and `--engine dask` (a LocalCluster of 2 workers) give the same
graph as one process."""
from __future__ import annotations

import pytest

from tests.conftest import run_kg
from tests.corpus.test_identity import PEOPLE, RELEASES, build_into, quads, write_jsonl

DOCS = {**PEOPLE, **RELEASES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("par")
    path = write_jsonl(d / "corpus.jsonl", DOCS)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write('{"id": "bad", "text": ""}\n')          # one bad document, reported and skipped
    store = d / "one"
    build_into(store, path)
    return path, quads(store)


def _check(r, path):
    assert r.returncode == 1, r.stderr            # exit 1: one document failed, the others are stored
    assert f"{path}:{len(DOCS) + 1}" in r.stderr
    assert f"built {len(DOCS)} documents" in r.stdout


def test_workers_2_same_graph(corpus, tmp_path):
    path, expected = corpus
    r = run_kg("build", path, "--store", tmp_path / "s", "--workers", "2")
    _check(r, path)
    assert quads(tmp_path / "s") == expected


def test_dask_local_cluster_same_graph(corpus, tmp_path):
    pytest.importorskip("distributed")
    path, expected = corpus
    r = run_kg("build", path, "--store", tmp_path / "s", "--engine", "dask", "--workers", "2")
    _check(r, path)
    assert quads(tmp_path / "s") == expected


def test_dask_config_unsets_malloc_trim():
    import dask

    from kg.corpus.engines import dask_config
    with dask.config.set(dask_config()):
        assert dask.config.get("distributed.nanny.pre-spawn-environ").get("MALLOC_TRIM_THRESHOLD_") is None


def test_scheduler_needs_dask(tmp_path):
    r = run_kg("build", "x.jsonl", "--store", tmp_path / "s", "--scheduler", "tcp://127.0.0.1:1")
    assert r.returncode == 2 and "--engine dask" in r.stderr
