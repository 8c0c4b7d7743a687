"""kg/outputs/sparql_pool.py: the workers' snapshots of the store (the endpoint itself: test_serve.py)."""
import os
import shutil
import subprocess
import sys

import pyoxigraph as ox

from kg.outputs.sparql_pool import QueryPool, take_snapshot
from kg.rdf.store import Store

LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def _store(path, n: int) -> None:
    st = Store(path)
    for i in range(n):
        st.replace_document(f"d{i}", [ox.Triple(ox.NamedNode(f"http://example.org/e{i}"), LABEL, ox.Literal(f"e{i}"))])
    st.flush()
    st.close()


def test_a_snapshot_outlives_the_files_it_was_taken_from(tmp_path):
    _store(tmp_path / "s", 3)
    (tmp_path / "snaps").mkdir()
    snap = take_snapshot(str(tmp_path / "s"), str(tmp_path / "snaps"))
    assert snap is not None
    _store(tmp_path / "s", 6)                  # a writer goes on: new files, old ones may be compacted away
    shutil.rmtree(tmp_path / "s")              # even gone altogether
    view = ox.Store.read_only(snap)
    assert len(view) == 2 * 3                  # the snapshot is the store as it was (graphs + default graph)


def test_a_snapshot_has_what_a_killed_writer_never_flushed(tmp_path):
    _store(tmp_path / "s", 2)
    code = ("import os, pyoxigraph as ox\n"
            f"st = ox.Store({str(tmp_path / 's')!r})\n"
            "st.extend([ox.Quad(ox.NamedNode(f'http://example.org/w{i}'), ox.NamedNode('http://example.org/p'),"
            " ox.Literal('x')) for i in range(5)])\n"
            "os._exit(0)\n")                                        # no flush: the writes are in the log only
    subprocess.run([sys.executable, "-c", code], check=True)
    assert len(ox.Store.read_only(str(tmp_path / "s"))) == 2 * 2 + 5
    (tmp_path / "snaps").mkdir()
    snap = take_snapshot(str(tmp_path / "s"), str(tmp_path / "snaps"))
    assert len(ox.Store.read_only(snap)) == 2 * 2 + 5 and os.path.basename(snap).startswith(f"{os.getpid()}-")


def test_a_failed_snapshot_leaves_nothing_behind(tmp_path):
    (tmp_path / "snaps").mkdir()
    try:
        take_snapshot(str(tmp_path / "none"), str(tmp_path / "snaps"))
    except (OSError, RuntimeError, ValueError):
        pass
    else:
        raise AssertionError("a snapshot of no store")
    assert not os.listdir(tmp_path / "snaps")


def test_the_pool_keeps_its_snapshots_next_to_the_store_and_removes_them(tmp_path):
    _store(tmp_path / "s", 2)
    pool = QueryPool(tmp_path / "s", size=1)
    pool.start()
    try:
        from kg.outputs.sparql_pool import Job
        reply = pool.run(Job("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", accept="text/csv"), timeout=60)
        assert reply.status == 200 and reply.body.decode().split()[-1] == "2"
        assert pool.snapshots and list((tmp_path).glob(".s.kg-serve-*"))
    finally:
        pool.close()
    assert not list(tmp_path.glob(".s.kg-serve-*"))
