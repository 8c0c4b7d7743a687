"""The persistent store: Oxigraph on disk, one named graph per document.

pyoxigraph is used directly for storing, querying and serialising (it is one to two orders of
magnitude faster than rdflib over the same data); documents and event clusters come as pyoxigraph
terms (kg.rdf.mapping, kg.rdf.clusters). rdflib Graphs are taken too (the vocabulary graph, tests).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import unquote

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import KgError, crash_point
from kg.model.vocab import GAF, KG, PREFIXES, base_iri
from kg.rdf.clusters import corroboration_graph
from kg.rdf.consolidate import DESCRIBED, consolidate, split
from kg.rdf.lock import WriterLock, writer_pid
from kg.rdf.mapping import graph_iri
from kg.rdf.ontology import vocabulary_graph

DEFAULT_STORE = ".kg"
#: a file in the store while a writer is writing: still there after a crash, so readers know
INCOMPLETE = "kg-incomplete"
_DEFAULT = ox.DefaultGraph()
_DENOTED = ox.NamedNode(GAF.denotedBy)

RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "nq": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES, "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD,
}
QUAD_FORMATS = {"trig", "nquads", "nq"}


def _from_rdflib(graph: Graph) -> list[ox.Triple]:
    nt = graph.serialize(format="nt", encoding="utf-8")
    return [q.triple for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)]


def _halfway(quads: list, point: str):
    """The quads, with the crash point `point` half-way through them: the crash tests kill a bulk load there."""
    half = len(quads) // 2
    yield from quads[:half]
    crash_point(point)
    yield from quads[half:]


def query_dataset() -> list:
    """What a query sees by default: the consolidated default graph, the event clusters and the
    vocabulary (three disjoint graphs). `GRAPH ?g { … }` reaches each document's own graph."""
    return [_DEFAULT, corroboration_graph(), vocabulary_graph_iri()]


def consolidated_graph_iri() -> str:
    """The name the default graph (the consolidated layer) is pushed under to another server."""
    return f"{base_iri()}graph/consolidated"


_POSITION = re.compile(r"^error at (\d+):(\d+): ")
_PREFIXED_END = re.compile(r"([A-Za-z][\w.-]*)?:[\w.-]*$")


def query_prefixes() -> dict[str, str]:
    """The prefixes every query may use undeclared (given to the parser, not pasted before the text, so
    error positions are the user's own)."""
    return {p: str(ns) for p, ns in PREFIXES.items()}


def syntax_error(e: SyntaxError, sparql: str) -> KgError:
    """Oxigraph's whole message on one line; an undeclared prefix is named, with where it is and the fix
    (the parser's own words for it are a list of character classes)."""
    msg = " ".join(str(e).split())
    m = _POSITION.match(msg)
    if m and "Prefix not found" in msg:
        line, col = int(m[1]), int(m[2])
        lines = sparql.splitlines()
        name = _PREFIXED_END.search(lines[line - 1][:col - 1]) if 0 < line <= len(lines) else None
        if name:
            return KgError("query_prefix", at=f"{line}:{col - len(name[0])}", prefix=name[1] or "",
                           known=", ".join(PREFIXES))
    return KgError("query_syntax", reason=msg)


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
                if (self.path / INCOMPLETE).exists():
                    raise KgError("store_incomplete", path=self.path)
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
    def replace_documents(self, docs: dict[str, list[ox.Triple] | None],
                          entities: dict[str, list[ox.Triple]] | None = None,
                          predicates: dict[str, set[ox.NamedNode]] | None = None) -> int:
        """Write documents: each one's named graph is replaced by its triples (None: the document goes),
        its own triples (article, mentions, events, statements) are replaced in the default graph, and
        the merged description of every entity whose facts changed is rewritten there (kg.rdf.consolidate).

        entities: those merged descriptions, by entity IRI, when the caller keeps the counts they come
        from (the corpus index does); otherwise they are merged here from the document graphs; predicates: every
        predicate each such entity was ever described with (what its old description may hold). Returns
        the number of triples of the documents written. A crash part-way leaves the store marked
        incomplete until the writer that holds the record (the corpus index) writes the same again: the quads
        go in through Oxigraph's bulk loader (several times cheaper per quad than a transaction), so a batch
        cut short is repaired from that record, not rolled back."""
        self._mark_incomplete(True)
        touched: set[str] = set()
        for doc_id in docs:
            touched |= self._take_out(ox.NamedNode(str(graph_iri(doc_id))))
        quads, n = [], 0
        for doc_id, triples in docs.items():
            if triples is None:
                continue
            if isinstance(triples, Graph):
                triples = _from_rdflib(triples)
            g = ox.NamedNode(str(graph_iri(doc_id)))
            own, facts = split(triples)
            quads += [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]
            quads += [ox.Quad(t.subject, t.predicate, t.object, _DEFAULT) for t in own]
            touched |= {t.subject.value for t in facts}
            n += len(triples)
        self._store.bulk_extend(_halfway(quads, "store-bulk"))   # not one transaction: the mark above and the
        #                                                          index's record repair a load cut short
        crash_point("store-batch")
        if entities is None:
            entities = {e: consolidate(ox.NamedNode(e), self._fact_counts(ox.NamedNode(e))) for e in touched}
        self._rewrite_entities(entities, predicates)
        self._mark_incomplete(False)
        return n

    def replace_document(self, doc_id: str, triples: "list[ox.Triple] | Graph") -> int:
        """Replace one document (see replace_documents); returns its triple count."""
        return self.replace_documents({doc_id: triples})

    def remove_document(self, doc_id: str) -> bool:
        if not self._store.contains_named_graph(ox.NamedNode(str(graph_iri(doc_id)))):
            return False
        self.replace_documents({doc_id: None})
        return True

    def _take_out(self, g: ox.NamedNode) -> set[str]:
        """Remove a document's graph and its own triples from the default graph; the entities it had facts on."""
        old = [q.triple for q in self._store.quads_for_pattern(None, None, None, g)]
        if not old:
            return set()
        own, facts = split(old)
        for t in own:
            self._store.remove(ox.Quad(t.subject, t.predicate, t.object, _DEFAULT))
        self._store.remove_graph(g)
        return {t.subject.value for t in facts}

    def _fact_counts(self, entity: ox.NamedNode) -> list[tuple[ox.NamedNode, ox.Term, int]]:
        """How many document graphs state each (predicate, object) of the entity (for stores without an index)."""
        prefix = f"{base_iri()}graph/"
        special = {vocabulary_graph_iri(), corroboration_graph()}
        counts: dict[tuple, int] = {}
        for q in self._store.quads_for_pattern(entity, None, None, None):
            g = q.graph_name
            if isinstance(g, ox.NamedNode) and g.value.startswith(prefix) and g not in special \
                    and q.predicate != _DENOTED:
                counts[(q.predicate, q.object)] = counts.get((q.predicate, q.object), 0) + 1
        return [(p, o, n) for (p, o), n in counts.items()]

    def _rewrite_entities(self, entities: dict[str, list[ox.Triple]],
                          predicates: dict[str, set[ox.NamedNode]] | None = None) -> None:
        """Replace each entity's merged description in the default graph. With the predicates it may hold,
        only those are looked up: an entity's mentions (gaf:denotedBy, one per mention in every document)
        grow with the corpus, its description does not."""
        for e in entities:
            node = ox.NamedNode(e)
            if predicates is None or e not in predicates:
                old = [q for q in self._store.quads_for_pattern(node, None, None, _DEFAULT) if q.predicate != _DENOTED]
            else:
                old = [q for p in predicates[e] | DESCRIBED if p != _DENOTED
                       for q in self._store.quads_for_pattern(node, p, None, _DEFAULT)]
            for q in old:
                self._store.remove(q)
        self._store.bulk_extend([ox.Quad(t.subject, t.predicate, t.object, _DEFAULT)
                                 for ts in entities.values() for t in ts])

    def mark_incomplete(self, on: bool) -> None:
        """Mark the store as being written (readers refuse it until the mark goes), or no longer."""
        self._mark_incomplete(on)

    def _mark_incomplete(self, on: bool) -> None:
        marker = self.path / INCOMPLETE
        if on:
            with open(marker, "w") as fh:
                fh.write(str(os.getpid()))
                fh.flush()
                os.fsync(fh.fileno())
        elif marker.exists():
            marker.unlink()

    def incomplete(self) -> bool:
        """Did a writer die while writing? (the corpus stage repairs it from its index)"""
        return (self.path / INCOMPLETE).exists()

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
        """Run a SPARQL query (kg's prefixes declared) over the query dataset (`query_dataset`: each fact
        once). bind: values for variables of its projection, so that no string from outside is pasted in."""
        subs = {ox.Variable(k): v for k, v in bind.items()} if bind else None
        try:
            return self._store.query(sparql, prefixes=query_prefixes(), default_graph=query_dataset(),
                                     substitutions=subs)
        except SyntaxError as e:
            raise syntax_error(e, sparql) from None

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

    def _named_quads(self, consolidated: bool) -> Iterator[ox.Quad]:
        for g in self._store.named_graphs():
            yield from self._store.quads_for_pattern(None, None, None, g)
        if consolidated:
            name = ox.NamedNode(consolidated_graph_iri())
            for q in self.default_quads():
                yield ox.Quad(q.subject, q.predicate, q.object, name)

    def default_quads(self) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, _DEFAULT)

    def __len__(self) -> int:
        return len(self._store)

    def quad_counts(self) -> dict[str, int]:
        """Quads per part of the store: the default graph (each fact once), the documents' graphs, the
        event clusters and the vocabulary; they add up to len(store)."""
        special = {vocabulary_graph_iri().value: "vocabulary", corroboration_graph().value: "clusters"}
        out = {"default": 0, "documents": 0, "clusters": 0, "vocabulary": 0}
        rows = self._store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        for row in rows:
            out[special.get(row["g"].value, "documents")] += int(row["n"].value)
        out["default"] = len(self._store) - sum(out.values())
        return out

    def dump(self, output, fmt: str, doc_id: str | None = None, consolidated: bool = False) -> None:
        """Serialise with Oxigraph's own serialiser. Quad formats get the named graphs — each document's,
        the clusters, the vocabulary: what the store is derived from and its provenance — and, with
        `consolidated`, the default graph too, as the named graph `consolidated_graph_iri()` (it is a view,
        derived again by `kg repair` from the rest); triple formats get the query dataset (each fact once)
        or one document's graph."""
        rdf_format = RDF_FORMATS.get(fmt)
        if rdf_format is None:
            raise KgError("export_format", fmt=fmt)
        if fmt in QUAD_FORMATS:
            if doc_id:
                ox.serialize(self.quads(doc_id), output, rdf_format)
            else:
                ox.serialize(self._named_quads(consolidated), output, rdf_format,
                             prefixes={p: str(ns) for p, ns in PREFIXES.items()})
        else:
            if doc_id:
                triples = (q.triple for q in self.quads(doc_id))
            else:   # an entity shared by several documents is in each of their graphs: write its triples once
                rows = self._store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", default_graph=query_dataset())
                triples = (ox.Triple(r[0], r[1], r[2]) for r in rows)
            ox.serialize(triples, output, rdf_format, prefixes={p: str(ns) for p, ns in PREFIXES.items()})
