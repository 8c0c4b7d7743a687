"""`kg push` into a live Oxigraph server (the `oxigraph` package from PyPI), started and stopped here."""
from __future__ import annotations

import itertools
import os
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from tests.conftest import KG, run_kg
from tests.serve_helpers import free_port, running


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not found:
        pytest.fail("the oxigraph server is not installed; `pip install -e '.[test]'` brings it")
    return found


@pytest.fixture()
def oxigraph_server(tmp_path):
    cmd = [oxigraph_binary(), "serve", "--location", str(tmp_path / "remote"), "--bind", "127.0.0.1:{port}"]
    with running(cmd, "/", tmp_path / "oxigraph.log") as base:
        yield base


def remote_quads(base: str) -> set:
    r = httpx.get(f"{base}/store", headers={"Accept": "application/n-quads"}, trust_env=False, timeout=60)
    assert r.status_code == 200, r.text
    return set(ox.parse(r.content, format=ox.RdfFormat.N_QUADS))


def local_quads(store) -> set:
    r = run_kg("export", "--store", store, "--format", "nquads", "--consolidated")   # as pushed
    assert r.returncode == 0, r.stderr
    return set(ox.parse(r.stdout.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def test_push_twice_changes_nothing(seed_store, oxigraph_server):
    base = oxigraph_server
    expected = local_quads(seed_store)
    args = ("push", "--store", seed_store, "--endpoint", f"{base}/update", "--graph-store", f"{base}/store")
    r = run_kg(*args)
    assert r.returncode == 0, r.stderr
    assert "pushed 1 document" in r.stdout
    first = remote_quads(base)
    assert first == expected
    graphs = {q.graph_name.value for q in first}
    assert any(g.endswith("/graph/000_2b47ea7acca528d2") for g in graphs)
    assert run_kg(*args).returncode == 0
    assert remote_quads(base) == first
    # the same through SPARQL Update (no --graph-store): still replace semantics
    r = run_kg("push", "--store", seed_store, "--endpoint", f"{base}/update")
    assert r.returncode == 0, r.stderr
    assert remote_quads(base) == first
    # a graph changed on the server is put back as it is here
    httpx.post(f"{base}/update", trust_env=False, headers={"Content-Type": "application/sparql-update"},
               content=f"INSERT DATA {{ GRAPH <{sorted(graphs)[0]}> {{ <http://example.org/x> "
                       f"<http://example.org/y> 1 }} }}")
    assert remote_quads(base) != first
    assert run_kg(*args).returncode == 0
    assert remote_quads(base) == first
    # and the pushed graph answers SPARQL there
    r = httpx.post(f"{base}/query", trust_env=False, data={"query": "SELECT ?n WHERE { GRAPH ?g { ?p "
                   "<http://www.w3.org/2000/01/rdf-schema#label> ?n ; a <http://schema.org/Person> } }"},
                   headers={"Accept": "application/sparql-results+json"})
    names = {b["n"]["value"] for b in r.json()["results"]["bindings"]}
    assert {"Narendra Modi", "Vladimir Putin"} <= names


def test_push_errors_are_one_line(seed_store, oxigraph_server, tmp_path):
    closed = f"http://127.0.0.1:{free_port()}/update"
    for args, needle in (
        (("--endpoint", closed), "cannot connect"),
        (("--endpoint", f"{oxigraph_server}/update", "--graph-store", f"{oxigraph_server}/nope"), "HTTP 404"),
        (("--endpoint", "ftp://127.0.0.1/x"), "not an http(s) URL"),
    ):
        r = run_kg("push", "--store", seed_store, *args)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert needle in r.stderr and "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    r = run_kg("push", "--store", tmp_path / "none", "--endpoint", f"{oxigraph_server}/update")
    assert r.returncode == 2 and "no kg store" in r.stderr
    h = run_kg("push", "--help")
    assert h.returncode == 0 and "Example" in h.stdout and "--graph-store" in h.stdout


@pytest.mark.parametrize("how", ["graph-store", "update"])
def test_push_sync_after_remove_leaves_the_local_graphs_only(oxigraph_server, tmp_path, how):
    base = oxigraph_server
    for name, text in (("a.txt", "Harbour strike ends\n\nDockers in Valparaiso ended a strike on Monday."),
                       ("b.txt", "Mayor visits school\n\nThe mayor of Lyon visited a school on Tuesday.")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    assert run_kg("build", tmp_path / "a.txt", tmp_path / "b.txt", "--store", store,
                  "--published", "2024-05-06").returncode == 0
    other = "http://example.org/not-kg"            # someone else's graph on the same server
    httpx.post(f"{base}/update", trust_env=False, headers={"Content-Type": "application/sparql-update"},
               content=f"INSERT DATA {{ GRAPH <{other}> {{ <http://example.org/x> <http://example.org/y> 1 }} }}")
    push = ["push", "--store", store, "--endpoint", f"{base}/update"]
    if how == "graph-store":
        push += ["--graph-store", f"{base}/store"]
    assert run_kg(*push).returncode == 0
    remote = {q.graph_name.value for q in remote_quads(base)}
    assert any(g.endswith("/graph/b") for g in remote)
    r = run_kg("remove", "b", "--store", store)
    assert r.returncode == 0, r.stderr
    r = run_kg(*push, "--sync")
    assert r.returncode == 0 and "removed 1 graph of documents no longer in the store" in r.stdout, r.stdout + r.stderr
    kg_graphs = {q.graph_name.value for q in remote_quads(base)} - {other}
    assert kg_graphs == {q.graph_name.value for q in local_quads(store)}       # the local graphs only
    assert other in {q.graph_name.value for q in remote_quads(base)}          # and nobody else's touched
    r = run_kg(*push, "--sync")
    assert r.returncode == 0 and "removed 0 graphs" in r.stdout


@contextmanager
def trickling_server():
    """A server that reads the request and then answers one byte every half second, for ever: each read
    gets data in time, so only an overall deadline ends the wait. Yields its base URL and the request count."""
    stop, seen = threading.Event(), []

    class Trickle(socketserver.BaseRequestHandler):
        def handle(self):
            seen.append(self.request.recv(65536))
            for byte in itertools.cycle(b"HTTP/1.1 200 OK\r\nX-Slow: "):
                if stop.wait(0.5):
                    return
                try:
                    self.request.sendall(bytes([byte]))
                except OSError:
                    return

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def test_a_trickling_server_meets_the_deadline(seed_store):
    """Issue 18 item 9: each read has data within the per-read timeout, yet the push ends at its deadline
    with a message saying so (not "cannot connect")."""
    with trickling_server() as (base, seen):
        r = run_kg("push", "--store", seed_store, "--endpoint", f"{base}/update", "--timeout", "2",
                   "--deadline", "3", timeout=60)
    assert seen, "the push never reached the server"
    assert r.returncode == 2 and "deadline" in r.stderr and "cannot connect" not in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr


def test_a_silent_server_is_reported_as_stalled(seed_store):
    """A server that accepts and never answers: the per-read timeout, reported as such."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        base = f"http://127.0.0.1:{listener.getsockname()[1]}"
        r = run_kg("push", "--store", seed_store, "--endpoint", f"{base}/update", "--timeout", "1", timeout=60)
    assert r.returncode == 2 and "stopped answering for 1 s" in r.stderr, r.stderr


def test_credentials_are_never_printed(seed_store, oxigraph_server):
    closed = f"http://127.0.0.1:{free_port()}/update"
    for args in (("--endpoint", closed.replace("//", "//ann:s3cret-pw@")),
                 ("--endpoint", f"{oxigraph_server}/update",
                  "--graph-store", f"{oxigraph_server}/nope".replace("//", "//ann:s3cret-pw@")),
                 ("--endpoint", "ftp://ann:s3cret-pw@127.0.0.1/x")):
        r = run_kg("push", "--store", seed_store, *args)
        assert r.returncode == 2, r.stderr
        assert "s3cret-pw" not in r.stderr + r.stdout and "ann:***@" in r.stderr, r.stderr


def test_user_without_a_password_is_refused(seed_store):
    with trickling_server() as (base, seen):
        env = {k: v for k, v in os.environ.items() if k != "KG_PUSH_PASSWORD"}
        r = subprocess.run(KG + ["push", "--store", str(seed_store), "--endpoint", f"{base}/update", "--user", "ann"],
                           capture_output=True, text=True, timeout=60, env=env)
    assert r.returncode == 2 and "KG_PUSH_PASSWORD" in r.stderr and "[push_no_password]" in r.stderr, r.stderr
    assert not seen, "nothing may be sent without the password"


def test_a_push_killed_between_graphs_is_finished_by_the_next(seed_store, oxigraph_server):
    """SIGKILL after the first graph went (KG_CRASH_AT=push-graph): pushing again leaves the server as one
    uninterrupted push does."""
    base = oxigraph_server
    args = ("push", "--store", seed_store, "--endpoint", f"{base}/update", "--graph-store", f"{base}/store")
    r = run_kg(*args, env={"KG_CRASH_AT": "push-graph"})
    assert r.returncode == -signal.SIGKILL, (r.returncode, r.stderr)
    assert remote_quads(base) != local_quads(seed_store)
    assert run_kg(*args).returncode == 0
    assert remote_quads(base) == local_quads(seed_store)
