"""`kg push`: copy the store's named graphs into an external SPARQL 1.1 server, replacing them.

Each document's graph (and the store's other named graphs: vocabulary, derived ones) is sent whole under
the same graph IRI it has here, with replace semantics, so pushing twice leaves the server as pushing once did:
- with --graph-store URL: SPARQL 1.1 Graph Store HTTP Protocol, `PUT URL?graph=IRI` (Turtle body);
- otherwise: SPARQL 1.1 Update at --endpoint, `DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> {…} }`.

With --sync, the server's kg document graphs (named under kg's graph prefix) that are no longer in
the store are dropped too, after the push: listed by a SPARQL query (--query-endpoint, guessed from the
update URL), removed by `DELETE URL?graph=IRI` or `DROP SILENT GRAPH <g>`. Other graphs are left alone.

Time is bounded twice: each connect, read and write waits at most `timeout` seconds (httpx's timeouts),
and the whole push ends by its `deadline`, so a server that trickles a byte now and then cannot keep it
waiting. A password in a URL is never shown (kg.errors.redact).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import httpx
import pyoxigraph as ox

from kg.errors import KgError, crash_point, redact
from kg.model.vocab import PREFIXES
from kg.rdf.mapping import graph_iri
from kg.rdf.store import Store, consolidated_graph_iri


@dataclass
class PushReport:
    documents: int = 0
    triples: int = 0
    graphs: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)     # with sync: graphs dropped on the server


def _check_url(url: str) -> None:
    if not url.lower().startswith(("http://", "https://")):
        raise KgError("push_bad_url", url=url)


def _graphs(store: Store, documents_only: bool) -> list[tuple[str, str]]:
    """(label, graph IRI) of every graph to push: the documents', then (unless documents_only) the
    store's other named graphs (the vocabulary, derived graphs), so the server holds a faithful copy."""
    docs = {str(graph_iri(doc)): doc for doc in store.document_ids()}
    out = sorted((doc, g) for g, doc in docs.items())
    if not documents_only:
        others = {sol["g"].value for sol in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")} - set(docs)
        out += [(f"({g.rstrip('/').rsplit('/', 1)[-1]})", g) for g in sorted(others)]
        out.append(("(consolidated)", consolidated_graph_iri()))   # the default graph, under a name of its own
    return out


def _triples(store: Store, graph: str) -> list[ox.Triple]:
    if graph == consolidated_graph_iri():
        return [q.triple for q in store.default_quads()]
    return list(store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))


def _request(graph: str, triples: list, endpoint: str, graph_store: str | None, prefixes: dict) -> httpx.Request:
    """The request that replaces `graph` on the server with `triples`."""
    if graph_store:
        body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        return httpx.Request("PUT", graph_store, params={"graph": graph}, content=body,
                             headers={"Content-Type": "text/turtle; charset=utf-8"})
    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    update = f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{nt}}} }}"
    return httpx.Request("POST", endpoint, content=update.encode("utf-8"),
                         headers={"Content-Type": "application/sparql-update; charset=utf-8"})


class _PastDeadline(Exception):
    pass


def _send(client: httpx.Client, request: httpx.Request, seconds: float) -> httpx.Response:
    """The response, read whole, within `seconds`; _PastDeadline otherwise. httpx bounds each read but not
    a whole exchange, so the exchange runs in a daemon thread that is abandoned (and cannot hold up the
    process's exit) when the deadline passes."""
    box: dict = {}

    def run() -> None:
        try:
            box["response"] = client.send(request)
            box["response"].read()
        except BaseException as e:  # noqa: BLE001 - handed to the caller's thread
            box["error"] = e
    worker = threading.Thread(target=run, daemon=True, name="kg-push-request")
    worker.start()
    worker.join(max(0.0, seconds))
    if worker.is_alive():
        raise _PastDeadline()
    if "error" in box:
        raise box["error"]
    return box["response"]


def _transport_error(e: httpx.TransportError, url: str, label: str, timeout: float) -> KgError:
    """The honest message for a failed exchange: could not connect, stopped answering, or broke off."""
    reason = redact(str(e) or type(e).__name__)
    if isinstance(e, (httpx.ConnectError, httpx.ConnectTimeout)):
        return KgError("push_unreachable", url=url, reason=reason)
    if isinstance(e, httpx.TimeoutException):
        return KgError("push_stalled", url=url, timeout=f"{timeout:g}", doc=label)
    return KgError("push_broken", url=url, doc=label, reason=reason)


def push(store: Store, endpoint: str, graph_store: str | None = None, auth=None, timeout: float = 30.0,
         documents_only: bool = False, on_graph=None, deadline: float = 1800.0, sync: bool = False,
         query_endpoint: str | None = None) -> PushReport:
    """Send every graph within `deadline` seconds, each read or write waiting at most `timeout` (then, with
    sync, drop the server's graphs of documents gone from the store); raises KgError on the first refusal,
    connection failure or stall, its URLs redacted."""
    _check_url(endpoint)
    if graph_store:
        _check_url(graph_store)
    graphs = _graphs(store, documents_only)
    if not any(not label.startswith("(") for label, _ in graphs):
        raise KgError("push_empty", path=store.path)
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    report, end = PushReport(), time.monotonic() + deadline
    shown = redact(graph_store or endpoint)
    client = httpx.Client(auth=auth, timeout=httpx.Timeout(timeout))
    try:
        for label, graph in graphs:
            triples = _triples(store, graph)
            try:
                r = _send(client, _request(graph, triples, endpoint, graph_store, prefixes), end - time.monotonic())
            except _PastDeadline:
                raise KgError("push_deadline", url=shown, deadline=f"{deadline:g}", doc=label,
                              done=len(report.graphs), total=len(graphs)) from None
            except httpx.TransportError as e:
                raise _transport_error(e, shown, label, timeout) from None
            if r.status_code >= 300:
                text = redact(" ".join(r.text.split())[:200] or r.reason_phrase)
                raise KgError("push_failed", url=shown, status=r.status_code, doc=label, body=text)
            if not label.startswith("("):
                report.documents += 1
            report.triples += len(triples)
            report.graphs.append(graph)
            crash_point("push-graph")          # the crash tests kill a push here, between two graphs
            if on_graph is not None:
                on_graph(label, len(triples))
        if sync:
            report.removed = _sync(client, store, endpoint, graph_store, query_endpoint or query_url(endpoint))
    finally:
        client.close()
    return report


def query_url(endpoint: str) -> str:
    """Where a server with this update endpoint answers queries: Oxigraph's …/update is …/query, Fuseki's
    …/update is …/sparql (…/query too); Virtuoso and others take both at one URL."""
    for update, query in (("/update", "/query"), ("/statements", "")):
        if endpoint.rstrip("/").endswith(update):
            return endpoint.rstrip("/")[: -len(update)] + query
    return endpoint


def _sync(client: httpx.Client, store: Store, endpoint: str, graph_store: str | None, query: str) -> list[str]:
    """Drop the server's document graphs that the store no longer has; the graph IRIs dropped."""
    _check_url(query)
    prefix = str(graph_iri("x"))[:-1]
    keep = {g for _, g in _graphs(store, documents_only=False)}     # the documents', derived ones, consolidated
    listing = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ }} FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'
    r = _sync_request(client, "post", query, "(graph list)", data={"query": listing},
              headers={"Accept": "application/sparql-results+json"})
    try:
        remote = {b["g"]["value"] for b in r.json()["results"]["bindings"] if b["g"]["type"] == "uri"}
    except (ValueError, KeyError, TypeError):
        raise KgError("push_failed", url=query, status=r.status_code, doc="(graph list)",
                      body="not SPARQL JSON results; give the query URL with --query-endpoint") from None
    gone = sorted(remote - keep)
    for g in gone:
        if graph_store:
            _sync_request(client, "delete", graph_store, g, params={"graph": g}, missing_ok=True)
        else:
            _sync_request(client, "post", endpoint, g, content=f"DROP SILENT GRAPH <{g}>".encode("utf-8"),
                  headers={"Content-Type": "application/sparql-update; charset=utf-8"})
    return gone


def _sync_request(client: httpx.Client, method: str, url: str, label: str, missing_ok: bool = False, **kwargs):
    """One request; KgError when it cannot connect or is refused (404 is fine where `missing_ok`)."""
    try:
        r = client.request(method.upper(), url, **kwargs)
    except httpx.TransportError as e:
        raise KgError("push_unreachable", url=redact(url), reason=redact(str(e) or type(e).__name__)) from None
    if r.status_code >= 300 and not (missing_ok and r.status_code == 404):
        text = redact(" ".join(r.text.split())[:200] or r.reason_phrase)
        raise KgError("push_failed", url=url, status=r.status_code, doc=label, body=text)
    return r
