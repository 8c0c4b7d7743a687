"""SHACL validation of document graphs against the shipped shapes (kg/rdf/shapes.ttl), with pyshacl.

A document is validated on its own graph with the vocabulary graph mixed in (so an event type can be
checked against the taxonomy); results come back as plain Violations that print on one line each.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS

from kg.errors import KgError
from kg.model.vocab import PREFIXES, base_iri, bind_prefixes
from kg.rdf.mapping import rdflib_graph
from kg.rdf.ontology import vocabulary_graph


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    value: str = ""

    def __str__(self) -> str:
        path = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value else ""
        return f"{self.focus}{path}{value}: {self.message}"


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    try:
        text = resources.files("kg.rdf").joinpath("shapes.ttl").read_text(encoding="utf-8")
        return Graph().parse(data=text, format="turtle")
    except Exception as e:  # noqa: BLE001 - a broken install is reported on one line
        raise KgError("shapes_error", reason=str(e).splitlines()[0] if str(e) else type(e).__name__) from None


@lru_cache(maxsize=1)
def vocabulary_facts() -> Graph:
    """The part of the vocabulary graph the shapes look at (types, taxonomy membership, subclasses):
    a fifth of it, and mixed into every document validated."""
    g = Graph()
    for p in (RDF.type, SKOS.inScheme, RDFS.subClassOf):
        for t in vocabulary_graph().triples((None, p, None)):
            g.add(t)
    return g


def short(term) -> str:
    """A readable name: minted IRIs relative to the base, vocabulary IRIs as prefix:name."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        s = str(term)
        return repr(s if len(s) <= 60 else s[:57] + "...")
    s = str(term)
    base = base_iri()
    if s.startswith(base):
        return s[len(base):]
    for prefix, ns in PREFIXES.items():
        if s.startswith(str(ns)) and len(s) > len(str(ns)):
            return f"{prefix}:{s[len(str(ns)):]}"
    return f"<{s}>" if isinstance(term, URIRef) else s


def validate_graph(graph: Graph) -> list[Violation]:
    """The violations of one document graph (empty when it conforms)."""
    import pyshacl

    data = bind_prefixes(Graph())
    data += graph
    data += vocabulary_facts()
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True,
                                            inplace=True, allow_warnings=True)
    if conforms:
        return []
    out = []
    for r in results.objects(None, SH.result):   # top-level results only, not the sh:detail of sh:node
        if results.value(r, SH.resultSeverity) != SH.Violation:
            continue
        msgs = sorted(str(m) for m in results.objects(r, SH.resultMessage))
        out.append(Violation(focus=short(results.value(r, SH.focusNode)), path=short(results.value(r, SH.resultPath)),
                             message=msgs[0] if msgs else "does not conform",
                             value=short(results.value(r, SH.value))))
    return sorted(set(out), key=lambda v: (v.focus, v.path, v.message, v.value))


def store_graph(store, doc_id: str) -> Graph:
    """One document's named graph from the store, as an rdflib Graph."""
    return rdflib_graph([q.triple for q in store.quads(doc_id)])


def validate_store(store, doc_id: str | None = None) -> Iterator[tuple[str, list[Violation]]]:
    """(document id, violations) for one document or for every document of the store."""
    ids = store.document_ids()
    if doc_id is not None:
        if doc_id not in ids:
            raise KgError("doc_missing", doc=doc_id)
        ids = [doc_id]
    for i in ids:
        yield i, validate_graph(store_graph(store, i))
