"""The persistent store: Oxigraph on disk, one named graph per document.

pyoxigraph is used directly for storing, querying and serialising (it is one to two orders of
magnitude faster than rdflib over the same data); documents and event clusters come as pyoxigraph
terms (kg.rdf.mapping, kg.rdf.clusters). rdflib Graphs are taken too (the vocabulary graph, tests).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import unquote

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import KgError
from kg.model.vocab import KG, PREFIXES, base_iri, sparql_prologue
from kg.rdf.clusters import corroboration_graph
from kg.rdf.lock import WriterLock, writer_pid
from kg.rdf.mapping import graph_iri
from kg.rdf.ontology import vocabulary_graph

DEFAULT_STORE = ".kg"

RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "nq": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES, "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD,
}
QUAD_FORMATS = {"trig", "nquads", "nq"}


def default_store_path() -> str:
    return os.environ.get("KG_STORE", DEFAULT_STORE)


def vocabulary_graph_iri() -> ox.NamedNode:
    return ox.NamedNode(f"{base_iri()}graph/vocabulary")


class Store:
    """A kg store on disk. Open it for writing (one writer at a time) or read-only."""

    def __init__(self, path: str | os.PathLike | None = None, read_only: bool = False):
        self.path = Path(path or default_store_path())
        self._lock = None
        try:
            if read_only:
                if not (self.path / "CURRENT").exists():
                    raise KgError("store_missing", path=self.path)
                busy = writer_pid(self.path)   # reading while another process writes is undefined in Oxigraph
                if busy is not None:
                    raise KgError("store_busy", path=self.path, pid=busy)
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._lock = WriterLock(self.path)
                self._lock.acquire()
                self._store = ox.Store(str(self.path))
        except OSError as e:
            if self._lock is not None:
                self._lock.release()
            msg = str(e)
            if "lock" in msg.lower():
                raise KgError("store_locked", path=self.path, pid="") from None
            raise KgError("store_open", path=self.path, reason=msg.splitlines()[0]) from None

    def close(self) -> None:
        """Close the store and let another writer in (also done by the OS when the process ends)."""
        self._store = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # --- writing ------------------------------------------------------------------------------
    def replace_document(self, doc_id: str, triples: "list[ox.Triple] | Graph") -> int:
        """Replace a document's named graph with `triples` (kg.rdf.mapping.document_triples, or an rdflib
        Graph) in one transaction; returns the triple count."""
        if isinstance(triples, Graph):
            nt = triples.serialize(format="nt", encoding="utf-8")
            triples = [q.triple for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)]
        g = ox.NamedNode(str(graph_iri(doc_id)))
        if self._store.contains_named_graph(g):
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
            self._store.update(f"DROP SILENT GRAPH <{g.value}> ; INSERT DATA {{ GRAPH <{g.value}> {{\n{body}\n}} }}")
        else:   # a new document: one transaction, without SPARQL parsing
            self._store.extend([ox.Quad(t.subject, t.predicate, t.object, g) for t in triples])
        return len(triples)

    def remove_document(self, doc_id: str) -> bool:
        g = ox.NamedNode(str(graph_iri(doc_id)))
        if not self._store.contains_named_graph(g):
            return False
        self._store.update(f"DROP GRAPH <{g.value}>")
        return True

    def update_clusters(self, removed: Iterable[str], triples: list[ox.Triple]) -> None:
        """Swap event clusters in the corroboration graph, in one transaction: drop the cluster nodes
        `removed` (their triples and their reports' links to them), then add `triples`
        (kg.rdf.clusters.cluster_triples)."""
        g = corroboration_graph()
        link = ox.NamedNode(KG.reportedEvent)
        ops = []
        for iri in removed:
            node = ox.NamedNode(iri)
            ops.append(f"DELETE WHERE {{ GRAPH {g} {{ {node} ?p ?o }} }}")
            ops.append(f"DELETE WHERE {{ GRAPH {g} {{ ?s {link} {node} }} }}")
        if triples:
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
            ops.append(f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}")
        if ops:
            self._store.update(" ;\n".join(ops))

    def ensure_vocabulary(self) -> None:
        """Load the ontology and event taxonomy into their own named graph (replacing it)."""
        vg = vocabulary_graph_iri()
        body = vocabulary_graph().serialize(format="nt")
        self._store.update(f"DROP SILENT GRAPH <{vg.value}> ; INSERT DATA {{ GRAPH <{vg.value}> {{\n{body}\n}} }}")

    def flush(self) -> None:
        self._store.flush()

    # --- reading ------------------------------------------------------------------------------
    def query(self, sparql: str, bind: dict[str, ox.NamedNode | ox.Literal] | None = None):
        """Run a SPARQL query (kg's prefixes declared) over the union of all graphs. bind: values for variables
        of its projection, so that no string from outside is pasted into the query."""
        subs = {ox.Variable(k): v for k, v in bind.items()} if bind else None
        try:
            return self._store.query(sparql_prologue() + sparql, use_default_graph_as_union=True, substitutions=subs)
        except SyntaxError as e:
            raise KgError("query_syntax", reason=str(e).splitlines()[0]) from None

    def document_ids(self) -> list[str]:
        prefix = f"{base_iri()}graph/"
        out = []
        for g in self._store.named_graphs():
            v = g.value
            if v.startswith(prefix) and v not in (vocabulary_graph_iri().value, corroboration_graph().value):
                out.append(unquote(v[len(prefix):]))
        return sorted(out)

    def quads(self, doc_id: str | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(str(graph_iri(doc_id))) if doc_id else None
        return self._store.quads_for_pattern(None, None, None, g)

    def __len__(self) -> int:
        return len(self._store)

    def dump(self, output, fmt: str, doc_id: str | None = None) -> None:
        """Serialise with Oxigraph's own serialiser. Triple formats get the union of the graphs (each triple once)."""
        rdf_format = RDF_FORMATS.get(fmt)
        if rdf_format is None:
            raise KgError("export_format", fmt=fmt)
        if fmt in QUAD_FORMATS:
            if doc_id:
                ox.serialize(self.quads(doc_id), output, rdf_format)
            else:
                self._store.dump(output, rdf_format)
        else:
            if doc_id:
                triples = (q.triple for q in self.quads(doc_id))
            else:   # an entity shared by several documents is in each of their graphs: write its triples once
                rows = self._store.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
                triples = (ox.Triple(r[0], r[1], r[2]) for r in rows)
            ox.serialize(triples, output, rdf_format, prefixes={p: str(ns) for p, ns in PREFIXES.items()})
