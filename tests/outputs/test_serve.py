"""`kg serve`: the SPARQL 1.1 Protocol endpoint, queried with SPARQLWrapper as a user would.

The server runs on 127.0.0.1 on a free port with a short timeout and small limits, and is stopped
by the fixture. Includes the refusals (update, LOAD, SERVICE, oversized), the timeout of a query
that would run forever while others are still answered, and a bounded load test.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper

from tests.conftest import ROOT, run_kg
from tests.serve_helpers import free_port, running, stop, wait_until_up

TIMEOUT_S = 2
MAX_ROWS = 100
MAX_QUERY_BYTES = 8192
PERSONS = "SELECT ?p ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name"
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def kg_serve_cmd(store, *extra) -> list[str]:
    return [sys.executable, "-m", "kg", "serve", "--store", str(store), "--host", "127.0.0.1", "--port", "{port}",
            *[str(e) for e in extra]]


@pytest.fixture(scope="module")
def store_copy(seed_store, tmp_path_factory):
    """A copy of the seed store, so one test may add a document while the server runs."""
    dst = tmp_path_factory.mktemp("serve") / "store"
    shutil.copytree(seed_store, dst, ignore=shutil.ignore_patterns("kg.lock", "kg.pid"))
    return dst


@pytest.fixture(scope="module")
def endpoint(store_copy, tmp_path_factory):
    log = tmp_path_factory.mktemp("serve-log") / "serve.log"
    cmd = kg_serve_cmd(store_copy, "--timeout", TIMEOUT_S, "--max-rows", MAX_ROWS,
                       "--max-query-bytes", MAX_QUERY_BYTES, "--workers", 2)
    with running(cmd, "/", log, cwd=ROOT) as base:
        yield base + "/sparql"


def sw(url, query, fmt=JSON, method=None, request_method=None):
    s = SPARQLWrapper(url)
    s.setQuery(query)
    s.setReturnFormat(fmt)
    s.setTimeout(30)
    if method:
        s.setMethod(method)
    if request_method:
        s.setRequestMethod(request_method)
    return s


def http_error(s: SPARQLWrapper) -> tuple[int, str]:
    """Status and body of a refused request (SPARQLWrapper raises its own errors for some codes)."""
    try:
        s.query()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")
    except Exception as e:  # SPARQLWrapper's QueryBadFormed, Unauthorized…: they keep the response text
        return getattr(e, "code", 0) or 400, str(e)
    raise AssertionError("the request was not refused")


# --- queries in every method and format --------------------------------------------------------
@pytest.mark.parametrize("method,request_method", [(None, None), (POST, URLENCODED), (POST, POSTDIRECTLY)])
def test_select_json_get_and_post(endpoint, method, request_method):
    res = sw(endpoint, PERSONS, JSON, method, request_method).queryAndConvert()
    names = [b["name"]["value"] for b in res["results"]["bindings"]]
    assert {"Narendra Modi", "Vladimir Putin"} <= set(names)
    assert res["head"]["vars"] == ["p", "name"]


def test_select_xml_csv_tsv(endpoint):
    doc = sw(endpoint, PERSONS, XML).queryAndConvert()  # an xml.dom document
    literals = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert "Narendra Modi" in literals
    text = sw(endpoint, PERSONS, CSV).queryAndConvert().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"Narendra Modi", "Vladimir Putin"} <= {r["name"] for r in rows}
    tsv = sw(endpoint, PERSONS, TSV).queryAndConvert().decode("utf-8").splitlines()
    assert tsv[0] == "?p\t?name"
    assert any('"Narendra Modi"' in line and line.startswith("<https://") for line in tsv[1:])


def test_ask_json_and_xml(endpoint):
    assert sw(endpoint, 'ASK { ?p rdfs:label "Vladimir Putin" }', JSON).queryAndConvert()["boolean"] is True
    assert sw(endpoint, 'ASK { ?p rdfs:label "Nobody at all" }', JSON).queryAndConvert()["boolean"] is False
    doc = sw(endpoint, 'ASK { ?p rdfs:label "Vladimir Putin" }', XML).queryAndConvert()
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "true"


def test_construct_and_describe_as_turtle_ntriples_jsonld(endpoint):
    construct = "CONSTRUCT { ?p rdfs:label ?name } WHERE { ?p a schema:Person ; rdfs:label ?name }"
    g = sw(endpoint, construct, TURTLE).queryAndConvert()
    g = g if hasattr(g, "triples") else __import__("rdflib").Graph().parse(data=g, format="turtle")
    assert {str(o) for o in g.objects()} >= {"Narendra Modi", "Vladimir Putin"}
    r = httpx.post(endpoint, data={"query": construct}, headers={"Accept": "application/n-triples"}, trust_env=False)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/n-triples")
    assert all(line.endswith(" .") for line in r.text.splitlines() if line)
    assert '"Narendra Modi"' in r.text
    jl = sw(endpoint, construct, JSONLD).queryAndConvert()
    jl = jl if hasattr(jl, "triples") else __import__("rdflib").Graph().parse(data=jl, format="json-ld")
    assert len(jl) == len(g)
    d = httpx.get(endpoint, params={"query": "DESCRIBE ?p WHERE { ?p rdfs:label 'Narendra Modi' }"},
                  headers={"Accept": "text/turtle"}, trust_env=False)
    assert d.status_code == 200 and d.headers["content-type"].startswith("text/turtle")
    assert "narendra_modi" in d.text and "schema:Person" in d.text


def test_unacceptable_format_and_bad_syntax(endpoint):
    r = httpx.get(endpoint, params={"query": PERSONS}, headers={"Accept": "image/png"}, trust_env=False)
    assert r.status_code == 406 and "application/sparql-results+json" in r.text
    code, body = http_error(sw(endpoint, "SELEKT ?x WHERE { ?x ?y ?z }"))
    assert code == 400 and "syntax error" in body.lower()
    r = httpx.get(endpoint, params={"query": "SELECT ?x WHERE {\n  ?x a nope:Thing }"}, trust_env=False)
    assert r.status_code == 400 and "at 2:8: the prefix 'nope:' is not declared" in r.text   # the user's own lines
    r = httpx.get(endpoint, trust_env=False)
    assert r.status_code == 400 and "query" in r.text


def test_select_star_columns_keep_the_querys_order(endpoint):
    res = sw(endpoint, "SELECT * WHERE { ?zed a schema:Person ; rdfs:label ?alpha } LIMIT 1").queryAndConvert()
    assert res["head"]["vars"] == ["zed", "alpha"]
    text = sw(endpoint, "SELECT * WHERE { ?zed a schema:Person ; rdfs:label ?alpha } LIMIT 1", CSV).queryAndConvert()
    assert text.decode("utf-8").splitlines()[0] == "zed,alpha"


def test_row_limit(endpoint):
    r = httpx.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                  headers={"Accept": "application/sparql-results+json"}, trust_env=False)
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == MAX_ROWS
    assert r.headers["x-kg-truncated"] == "true"
    small = httpx.get(endpoint, params={"query": PERSONS}, headers={"Accept": "text/csv"}, trust_env=False)
    assert "x-kg-truncated" not in small.headers


# --- refusals ------------------------------------------------------------------------------------
def test_update_load_and_service_are_refused(endpoint, store_copy):
    before = sw(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").queryAndConvert()
    updates = ["INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> 1 } }",
               "PREFIX ex: <http://example.org/>\nDELETE WHERE { ?s ?p ?o }",
               "LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <http://example.org/g>",
               "DROP ALL", "CLEAR DEFAULT"]
    for u in updates:  # SPARQLWrapper sends these as SPARQL Update (POST update=...)
        code, body = http_error(sw(endpoint, u, JSON, POST))
        assert code == 403 and "read-only" in body, (u, code, body)
        r = httpx.post(endpoint, data={"query": u}, trust_env=False)  # smuggled in as a query
        assert r.status_code == 403 and "read-only" in r.text
        r = httpx.post(endpoint, content=u, headers={"Content-Type": "application/sparql-update"}, trust_env=False)
        assert r.status_code == 403
    port = endpoint.split(":")[2].split("/")[0]
    for q in (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
              "SELECT * WHERE { ?s ?p ?o . SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?q ?r } } LIMIT 1",
              "PREFIX x: <http://example.org/>\nASK {\n  service # comment\n <http://127.0.0.1:9/> { ?s ?p ?o } }"):
        code, body = http_error(sw(endpoint, q))
        assert code == 403 and "SERVICE" in body, (q, code, body)
    # the words in strings, IRIs and names are not keywords
    ok = sw(endpoint, 'SELECT ?service WHERE { ?service rdfs:label "SERVICE LOAD" } LIMIT 1').queryAndConvert()
    assert ok["head"]["vars"] == ["service"]
    after = sw(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").queryAndConvert()
    assert before == after


def test_oversized_query_is_refused(endpoint):
    big = "SELECT * WHERE { ?s ?p ?o } # " + "x" * MAX_QUERY_BYTES
    code, body = http_error(sw(endpoint, big, JSON, POST, POSTDIRECTLY))
    assert code == 413 and "limit" in body
    r = httpx.post(endpoint, data={"query": big}, trust_env=False)
    assert r.status_code == 413
    r = httpx.post(endpoint, content="x" * (MAX_QUERY_BYTES * 4), trust_env=False,
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413


def test_runaway_query_is_stopped_and_others_are_answered(endpoint):
    result = {}

    def runaway():
        t0 = time.monotonic()
        result["error"] = http_error(sw(endpoint, FOREVER))
        result["seconds"] = time.monotonic() - t0

    t = threading.Thread(target=runaway)
    t.start()
    time.sleep(0.3)
    answered_while_running = 0
    while t.is_alive() and answered_while_running < 20:
        res = sw(endpoint, 'ASK { ?p rdfs:label "Narendra Modi" }').queryAndConvert()
        assert res["boolean"] is True
        answered_while_running += 1
    t.join(timeout=30)
    code, body = result["error"]
    assert code == 503 and "time limit" in body
    assert TIMEOUT_S <= result["seconds"] < TIMEOUT_S + 5
    assert answered_while_running >= 1
    # the stopped worker is replaced: the server still answers, twice in parallel
    with ThreadPoolExecutor(2) as pool:
        outs = list(pool.map(lambda _: sw(endpoint, PERSONS).queryAndConvert(), range(4)))
    assert all(len(o["results"]["bindings"]) >= 2 for o in outs)


def test_new_documents_become_visible(endpoint, store_copy):
    """While a writer holds the store the server answers from its last snapshot; once the writer is
    done, the new document is answered."""
    ask = "ASK { GRAPH ?g { <http://example.org/new> rdfs:label 'added while serving' } }"
    assert sw(endpoint, ask).queryAndConvert()["boolean"] is False
    code = ("import rdflib, sys, time\n"
            "from kg.rdf.store import Store\n"
            "g = rdflib.Graph(); g.add((rdflib.URIRef('http://example.org/new'), rdflib.RDFS.label, "
            "rdflib.Literal('added while serving')))\n"
            "st = Store(sys.argv[1]); st.replace_document('added_doc', g); st.flush()\n"
            "print('written', flush=True); sys.stdin.readline()\n")
    writer = subprocess.Popen([sys.executable, "-c", code, str(store_copy)], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "written", writer.stderr.read()
        for _ in range(5):  # the writer still holds the store: answered, from the last complete version
            res = sw(endpoint, 'ASK { ?p rdfs:label "Narendra Modi" }').queryAndConvert()
            assert res["boolean"] is True
        writer.stdin.write("\n")
        writer.stdin.flush()
        assert writer.wait(timeout=60) == 0, writer.stderr.read()
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not sw(endpoint, ask).queryAndConvert()["boolean"]:
        time.sleep(0.2)
    assert sw(endpoint, ask).queryAndConvert()["boolean"] is True


# --- load ----------------------------------------------------------------------------------------
LOAD_QUERIES = [PERSONS, 'ASK { ?p rdfs:label "Vladimir Putin" }',
                "SELECT ?e ?type WHERE { ?e a sem:Event ; sem:eventType ?type } LIMIT 20",
                "SELECT ?type (COUNT(*) AS ?n) WHERE { ?e sem:eventType ?type } GROUP BY ?type"]


def test_load_2000_queries_from_8_clients(endpoint):
    total, clients, budget_s = 2000, 8, 90.0
    latencies, errors = [], []
    lock = threading.Lock()
    t_start = time.monotonic()

    def client(k: int):
        for i in range(k, total, clients):
            if time.monotonic() - t_start > budget_s:
                with lock:
                    errors.append("time budget exhausted")
                return
            t0 = time.perf_counter()
            try:
                res = sw(endpoint, LOAD_QUERIES[i % len(LOAD_QUERIES)]).queryAndConvert()
                assert "boolean" in res or res["results"]["bindings"]
            except Exception as e:  # noqa: BLE001 - every error is counted and reported
                with lock:
                    errors.append(f"{type(e).__name__}: {e}")
                continue
            with lock:
                latencies.append(time.perf_counter() - t0)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=budget_s + 30)
    wall = time.monotonic() - t_start
    assert not errors, errors[:5]
    assert len(latencies) == total
    q = statistics.quantiles(latencies, n=100)
    print(f"\nload: {total} queries from {clients} clients in {wall:.1f} s ({total / wall:.0f} q/s); "
          f"p50 {q[49] * 1000:.1f} ms, p95 {q[94] * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms")


# --- command line ----------------------------------------------------------------------------------
def test_serve_errors_are_one_line(tmp_path, store_copy):
    r = run_kg("serve", "--store", tmp_path / "nothing", "--port", free_port(), timeout=60)
    assert r.returncode == 2 and "no kg store" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        busy = s.getsockname()[1]
        r = run_kg("serve", "--store", store_copy, "--port", busy, timeout=60)
    assert r.returncode == 2 and "cannot listen" in r.stderr and "Traceback" not in r.stderr
    h = run_kg("serve", "--help")
    assert h.returncode == 0 and "Example" in h.stdout


def test_results_are_json_parsable_for_all_forms(endpoint):
    """Plain HTTP clients get standard media types (and a JSON body they can parse)."""
    r = httpx.get(endpoint, params={"query": PERSONS}, trust_env=False)  # no Accept: JSON by default
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert json.loads(r.text)["results"]["bindings"]


# --- what browser clients and SPARQL libraries expect -------------------------------------------
def test_cors_preflight_and_headers(endpoint):
    r = httpx.options(endpoint, headers={"Origin": "https://client.example", "Access-Control-Request-Method": "POST",
                                         "Access-Control-Request-Headers": "content-type"}, trust_env=False)
    assert r.status_code in (200, 204) and r.headers["access-control-allow-origin"] == "*"
    assert "POST" in r.headers["access-control-allow-methods"]
    assert "content-type" in r.headers["access-control-allow-headers"].lower()
    r = httpx.options(endpoint, trust_env=False)                  # not a preflight: the methods offered
    assert r.status_code == 204 and r.headers["allow"] == "GET, POST, OPTIONS"
    r = httpx.get(endpoint, params={"query": PERSONS}, headers={"Origin": "https://client.example"},
                  trust_env=False)
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"
    assert "X-Kg-Truncated" in r.headers["access-control-expose-headers"]


def test_a_refusal_reason_reaches_sparqlwrapper_users(endpoint):
    with pytest.raises(urllib.error.HTTPError) as e:        # what SPARQLWrapper raises for a 403
        sw(endpoint, "DROP ALL", JSON, POST).query()
    assert e.value.code == 403 and "read-only endpoint: SPARQL Update, LOAD and SERVICE are refused" in str(e.value)
    assert "read-only" in e.value.read().decode()            # and the body says which, and what to do


def test_the_home_page_says_what_the_default_graph_holds(endpoint):
    r = httpx.get(endpoint.removesuffix("sparql"), headers={"Accept": "text/plain"}, trust_env=False)
    assert r.status_code == 200 and "each fact once" in r.text and "union" not in r.text


def test_port_0_serves_on_a_free_port_and_says_which(store_copy, tmp_path):
    cmd = [c.replace("{port}", "0") for c in kg_serve_cmd(store_copy, "--cors-origin", "https://one.example")]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True)
    try:
        line = proc.stderr.readline()
        url = line.split(" at ")[1].split(" ")[0]
        assert url.startswith("http://127.0.0.1:") and not url.startswith("http://127.0.0.1:0/"), line
        wait_until_up(url.removesuffix("sparql"), proc, "(its standard error)")
        r = httpx.get(url, params={"query": "ASK {}"}, headers={"Origin": "https://one.example"}, trust_env=False)
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "https://one.example"
        r = httpx.get(url, params={"query": "ASK {}"}, headers={"Origin": "https://other.example"}, trust_env=False)
        assert "access-control-allow-origin" not in r.headers
    finally:
        stop(proc)


def test_the_query_page_runs_a_query_in_a_browser_from_the_packages_own_files(endpoint):
    """Headless Chromium opens / (YASGUI, served from kg/outputs/static), is handed a query in the
    fragment, runs it against /sparql and shows the result table."""
    from urllib.parse import quote

    from tests.outputs.test_html import run_chromium
    base = endpoint.removesuffix("sparql")
    page = httpx.get(base, headers={"Accept": "text/html"}, trust_env=False)
    assert page.status_code == 200 and "static/yasgui.min.js" in page.text
    assert "://" not in page.text.split("<script src=")[1].split(">")[0]       # no CDN: its own files
    for name, media in (("yasgui.min.js", "text/javascript"), ("yasgui.min.css", "text/css")):
        r = httpx.get(base + "static/" + name, trust_env=False)
        assert r.status_code == 200 and r.headers["content-type"].startswith(media) and len(r.content) > 10_000
    assert httpx.get(base + "static/../serve.py", trust_env=False).status_code == 404
    import hashlib
    static = ROOT / "kg" / "outputs" / "static"
    record = (static / "VENDORED.md").read_text(encoding="utf-8")
    for name in ("yasgui.min.js", "yasgui.min.css"):           # the files are the ones VENDORED.md names
        assert f"sha256 of `{name}`: `{hashlib.sha256((static / name).read_bytes()).hexdigest()}`" in record
    assert "MIT" in (static / "yasgui.LICENSE").read_text(encoding="utf-8")
    query = 'SELECT ?who WHERE { ?p a schema:Person ; rdfs:label ?who } ORDER BY ?who'
    r = run_chromium("--virtual-time-budget=15000", "--dump-dom", f"{base}#query={quote(query)}")
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Narendra Modi" in r.stdout and "Vladimir Putin" in r.stdout, r.stdout[-3000:]
    assert "<table" in r.stdout                                              # YASR's result table
