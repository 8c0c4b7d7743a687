"""`kg serve` cannot be made to fetch a URL: SERVICE is refused on the query's parse, and the query
workers have no network at all.

A local listener stands in for an internal service an attacker would reach through the endpoint;
every request of the bypass corpus must get 403 and the listener must see no connection.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import threading

import httpx
import pytest

from kg.outputs.sparql_guard import classify
from tests.conftest import ROOT
from tests.serve_helpers import running


class Listener:
    """A TCP server on 127.0.0.1 that records every connection made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            conn.close()

    def close(self):
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.close()


def bypass_corpus(port: int) -> list[str]:
    """SERVICE hidden from a text check in every way we know of, each pointing at the listener."""
    url = f"http://127.0.0.1:{port}/internal-admin"
    return [
        f"PREFIX ex: <http://example.org/>\n"
        f"SELECT * WHERE {{ OPTIONAL {{ ?s ex:a\\#b ?o }} SERVICE <{url}> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ \\U00000053ervice <{url}> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ SeRvIcE <{url}> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o # SERVICE in a comment is nothing\n SERVICE <{url}> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?x ?y ?z }} }} }} }}",
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:9/> {{ SERVICE <{url}> {{ ?x ?y ?z }} }} }}",
        f"SELECT * WHERE {{ ?s rdfs:label/rdfs:label* ?o . SERVICE SILENT <{url}> {{ ?s ?q ?r }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?q ?r }} }} }}",
        f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{url}> {{ ?s ?q ?r }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{url}> {{ ?s ?q ?r }} }} }}",
        f"SELECT * WHERE {{ VALUES ?u {{ <{url}> }} SERVICE ?u {{ ?s ?q ?r }} }}",
        f"PREFIX in: <http://127.0.0.1:{port}/>\nASK {{ SERVICE in:admin {{ ?s ?p ?o }} }}",
        f"BASE <http://127.0.0.1:{port}/>\nCONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <admin> {{ ?s ?p ?o }} }}",
        f'SELECT * WHERE {{ ?s rdfs:label "\\"" . SERVICE <{url}> {{ ?x ?y ?z }} }}',
        f"SELECT * WHERE {{ ?s rdfs:label '''a'''' . SERVICE <{url}> {{ ?x ?y ?z }} }}",
        f"DESCRIBE ?x WHERE {{ SERVICE <{url}> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{url}> {{ ?x ?y ?z }} }} }}",
    ]


def test_the_guard_sees_service_in_every_disguise():
    for q in bypass_corpus(9):
        assert classify(q) == "service", q


def test_names_strings_and_iris_are_not_service():
    for q in ['SELECT ?service WHERE { ?service rdfs:label "SERVICE" }',
              "SELECT * WHERE { <http://x.org/SERVICE> ?p ?o }",
              "PREFIX ex: <http://example.org/>\nSELECT * WHERE { ?s ex:service ?o }",
              "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> { }"]:
        assert classify(q) == "query", q


def test_updates_are_recognised_as_updates():
    for u in ["INSERT DATA { <http://a> <http://b> <http://c> }", "LOAD <http://127.0.0.1:9/x.ttl>", "DROP ALL",
              "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"]:
        assert classify(u) == "update", u


def test_the_endpoint_refuses_the_corpus_and_connects_nowhere(seed_store, tmp_path, listener):
    cmd = [sys.executable, "-m", "kg", "serve", "--store", str(seed_store), "--host", "127.0.0.1",
           "--port", "{port}", "--timeout", "5", "--workers", "1"]
    with running(cmd, "/", tmp_path / "serve.log", cwd=ROOT) as base:
        for q in bypass_corpus(listener.port):
            for r in (httpx.get(base + "/sparql", params={"query": q}, trust_env=False, timeout=30),
                      httpx.post(base + "/sparql", content=q.encode(), trust_env=False, timeout=30,
                                 headers={"Content-Type": "application/sparql-query"})):
                assert r.status_code == 403 and "SERVICE" in r.text, (q, r.status_code, r.text)
        ok = httpx.get(base + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, trust_env=False, timeout=30)
        assert ok.status_code == 200
    assert listener.hits == 0


def test_a_query_worker_cannot_reach_the_network(listener):
    """The second wall alone: SERVICE run straight on pyoxigraph, in a process that cut itself off."""
    probe = textwrap.dedent(f"""
        import socket, sys
        from kg.outputs.sandbox import cut_off_network
        walls = cut_off_network()
        assert walls, "no wall could be put up"
        import pyoxigraph as ox
        try:
            list(ox.Store().query("SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}"))
            print("answered")
        except Exception as e:
            print("failed", type(e).__name__)   # PermissionError (seccomp) or OSError (no route)
        try:
            socket.create_connection(("127.0.0.1", {listener.port}), timeout=2)
            print("connected")
        except OSError:
            print("refused")
    """)
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("failed ") and lines[1] == "refused", r.stdout
    assert listener.hits == 0
