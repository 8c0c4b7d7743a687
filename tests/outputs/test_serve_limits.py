"""`kg serve` against hostile requests (issue 18 items 4 and 10): nesting that would crash the parser,
graph parameters that are no IRIs, Host headers of a rebound DNS name; each answered in one line."""
from __future__ import annotations

import httpx
import pytest

from kg.outputs.serve import HostGuard
from tests.conftest import ROOT
from tests.outputs.test_serve import kg_serve_cmd, store_copy  # noqa: F401 - the fixture
from tests.serve_helpers import running

DEEP = "SELECT * WHERE " + "{ " * 15_000 + "?s ?p ?o" + " }" * 15_000      # 60 KB, 15,000 levels


@pytest.fixture(scope="module")
def base(store_copy, tmp_path_factory):  # noqa: F811
    log = tmp_path_factory.mktemp("serve-limits") / "serve.log"
    with running(kg_serve_cmd(store_copy, "--max-query-bytes", 100_000, "--workers", 1), "/", log, cwd=ROOT) as url:
        yield url


def ask(base, query, **params) -> httpx.Response:
    return httpx.post(f"{base}/sparql", data={"query": query, **params}, trust_env=False, timeout=60,
                      headers={"Accept": "application/sparql-results+json"})


def test_a_deeply_nested_query_is_refused_and_the_worker_lives(base):
    r = ask(base, DEEP)
    assert r.status_code == 400 and "[query_too_deep]" in r.text and len(r.text.strip().splitlines()) == 1, r.text
    assert ask(base, "ASK { ?s ?p ?o }").json()["boolean"] is True


def test_a_graph_parameter_that_is_no_iri_is_a_bad_request(base):
    for key in ("default-graph-uri", "named-graph-uri"):
        r = ask(base, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", **{key: "not an iri <>"})
        assert r.status_code == 400 and "[serve_bad_request]" in r.text, (key, r.status_code, r.text)


def test_only_its_own_names_are_answered(base):
    port = base.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", "[::1]:80", "10.1.2.3"):
        r = httpx.get(f"{base}/", headers={"Host": host}, trust_env=False, timeout=30)
        assert r.status_code == 200, (host, r.text)
    for host in (f"attacker.example:{port}", "localhost.attacker.example", "127.0.0.1.nip.io"):
        r = httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, headers={"Host": host}, trust_env=False,
                      timeout=30)
        assert r.status_code == 403 and "[serve_bad_host]" in r.text, (host, r.status_code, r.text)


def test_allowed_names_and_the_wildcard():
    guard = HostGuard(None, ("kg.example.org",))
    assert guard.allows("kg.example.org:7878") and guard.allows("KG.example.org.") and guard.allows("::1")
    assert not guard.allows("other.example.org") and not guard.allows("kg.example.org.evil.net")
    assert HostGuard(None, ("*",)).allows("anything.example")


CROSS_SORTED = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"   # sorts |store|^2 rows


def test_a_query_past_the_memory_cap_gets_503_and_the_server_lives(store_copy, tmp_path):  # noqa: F811
    """Issue 18 item 4: the worker's address space is capped (RLIMIT_AS); the query that would take
    gigabytes fails to allocate inside its worker, the client gets 503 with the reason, a new worker answers."""
    cmd = kg_serve_cmd(store_copy, "--max-memory", 900, "--timeout", 300, "--workers", 1)
    with running(cmd, "/", tmp_path / "serve.log", cwd=ROOT) as url:
        assert ask(url, "SELECT ?s WHERE { ?s a schema:Person } LIMIT 5").status_code == 200
        r = ask(url, CROSS_SORTED)
        assert r.status_code == 503 and "[serve_memory]" in r.text and "900 MB" in r.text, (r.status_code, r.text)
        assert len(r.text.strip().splitlines()) == 1
        assert ask(url, "ASK { ?s ?p ?o }").json()["boolean"] is True
