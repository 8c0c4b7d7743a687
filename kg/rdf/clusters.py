"""The corroboration graph: cross-document event clusters as RDF terms (kg.corpus.clusters decides them).

Each cluster of two reports or more is one node in `<base>graph/corroboration`, like GDELT's
NumMentions / NumArticles / NumSources:

    <cluster> a kg:EventCluster ; sem:eventType kge:Release ; sem:hasActor <country/RU> ;
        kg:mentionCount 9 ; kg:articleCount 8 ; kg:sourceCount 8 ;
        prov:wasDerivedFrom <doc/a>, <doc/b> ; schema:publisher "Outlet A", "Outlet B" .
    <report event> kg:reportedEvent <cluster> .

`Store.update_clusters` swaps clusters in and out of that graph.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.namespace import RDF, XSD

from kg.model.vocab import KG, KGE, PROV, SCHEMA, SEM, base_iri
from kg.rdf.mapping import Iris, N, entity_iri


def corroboration_graph() -> ox.NamedNode:
    return ox.NamedNode(f"{base_iri()}graph/corroboration")


@dataclass(frozen=True)
class Cluster:
    """One real-world event reported by several documents: what its node says."""

    type: str                       # the event type code (kg/model/data/event_types.toml)
    signature: str                  # "|"-joined principal actors: with `type` and the first report, its identity
    actors: tuple[str, ...]         # entity keys of the principal actors the graph names
    reports: tuple[str, ...]        # IRIs of the member events, one per report
    documents: tuple[str, ...]      # ids of the reporting documents, sorted
    sources: tuple[str, ...]        # their outlets, sorted

    @property
    def iri(self) -> str:
        """Stable while the cluster keeps its type, actors and earliest-sorting report."""
        h = hashlib.sha1(f"{self.type}|{self.signature}|{min(self.reports)}".encode()).hexdigest()[:16]
        return f"{base_iri()}event-cluster/{h}"


def _count(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=N(XSD.integer))


def cluster_triples(c: Cluster) -> list[ox.Triple]:
    """The triples of one cluster node and of its reports' links to it."""
    T = ox.Triple
    node = ox.NamedNode(c.iri)
    out = [T(node, N(RDF.type), N(KG.EventCluster)),
           T(node, N(SEM.eventType), N(KGE[c.type])),
           T(node, N(KG.mentionCount), _count(len(c.reports))),
           T(node, N(KG.articleCount), _count(len(c.documents))),
           T(node, N(KG.sourceCount), _count(len(c.sources)))]
    out += [T(node, N(SEM.hasActor), ox.NamedNode(entity_iri(k))) for k in c.actors]
    out += [T(node, N(PROV.wasDerivedFrom), ox.NamedNode(Iris(d).doc)) for d in c.documents]
    out += [T(node, N(SCHEMA.publisher), ox.Literal(s)) for s in c.sources]
    out += [T(ox.NamedNode(r), N(KG.reportedEvent), node) for r in c.reports]
    return out
