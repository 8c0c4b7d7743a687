"""`kg push`: copy the store's named graphs into an external SPARQL 1.1 server, replacing them.

Each document's graph (and the store's other named graphs: vocabulary, derived ones) is sent whole under
the same graph IRI it has here, with replace semantics, so pushing twice leaves the server as pushing once did:
- with --graph-store URL: SPARQL 1.1 Graph Store HTTP Protocol, `PUT URL?graph=IRI` (Turtle body);
- otherwise: SPARQL 1.1 Update at --endpoint, `DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> {…} }`.

With --sync, the server's kg document graphs (named under kg's graph prefix) that are no longer in
the store are dropped too, after the push: listed by a SPARQL query (--query-endpoint, guessed from the
update URL), removed by `DELETE URL?graph=IRI` or `DROP SILENT GRAPH <g>`. Other graphs are left alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import httpx
import pyoxigraph as ox

from kg.errors import KgError
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


def push(store: Store, endpoint: str, graph_store: str | None = None, auth=None, timeout: float = 120.0,
         documents_only: bool = False, on_graph=None, sync: bool = False,
         query_endpoint: str | None = None) -> PushReport:
    """Send every graph (then, with sync, drop the server's graphs of documents gone from the store);
    raises KgError on the first refusal or connection failure."""
    _check_url(endpoint)
    if graph_store:
        _check_url(graph_store)
    graphs = _graphs(store, documents_only)
    if not any(not label.startswith("(") for label, _ in graphs):
        raise KgError("push_empty", path=store.path)
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    report = PushReport()
    with httpx.Client(auth=auth, timeout=timeout) as client:
        for label, graph in graphs:
            triples = _triples(store, graph)
            try:
                if graph_store:
                    url = graph_store
                    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
                    r = client.put(graph_store, params={"graph": graph}, content=body,
                                   headers={"Content-Type": "text/turtle; charset=utf-8"})
                else:
                    url = endpoint
                    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
                    update = f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{nt}}} }}"
                    r = client.post(endpoint, content=update.encode("utf-8"),
                                    headers={"Content-Type": "application/sparql-update; charset=utf-8"})
            except httpx.TransportError as e:
                raise KgError("push_unreachable", url=url, reason=str(e) or type(e).__name__) from None
            if r.status_code >= 300:
                text = " ".join(r.text.split())[:200] or r.reason_phrase
                raise KgError("push_failed", url=url, status=r.status_code, doc=label, body=text)
            if not label.startswith("("):
                report.documents += 1
            report.triples += len(triples)
            report.graphs.append(graph)
            if on_graph is not None:
                on_graph(label, len(triples))
        if sync:
            report.removed = _sync(client, store, endpoint, graph_store, query_endpoint or query_url(endpoint))
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
    r = _send(client, "post", query, "(graph list)", data={"query": listing},
              headers={"Accept": "application/sparql-results+json"})
    try:
        remote = {b["g"]["value"] for b in r.json()["results"]["bindings"] if b["g"]["type"] == "uri"}
    except (ValueError, KeyError, TypeError):
        raise KgError("push_failed", url=query, status=r.status_code, doc="(graph list)",
                      body="not SPARQL JSON results; give the query URL with --query-endpoint") from None
    gone = sorted(remote - keep)
    for g in gone:
        if graph_store:
            _send(client, "delete", graph_store, g, params={"graph": g}, missing_ok=True)
        else:
            _send(client, "post", endpoint, g, content=f"DROP SILENT GRAPH <{g}>".encode("utf-8"),
                  headers={"Content-Type": "application/sparql-update; charset=utf-8"})
    return gone


def _send(client: httpx.Client, method: str, url: str, label: str, missing_ok: bool = False, **kwargs):
    """One request; KgError when it cannot connect or is refused (404 is fine where `missing_ok`)."""
    try:
        r = client.request(method.upper(), url, **kwargs)
    except httpx.TransportError as e:
        raise KgError("push_unreachable", url=url, reason=str(e) or type(e).__name__) from None
    if r.status_code >= 300 and not (missing_ok and r.status_code == 404):
        text = " ".join(r.text.split())[:200] or r.reason_phrase
        raise KgError("push_failed", url=url, status=r.status_code, doc=label, body=text)
    return r
