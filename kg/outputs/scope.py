"""What an export or a view covers: the whole store (its consolidated default graph), or one document's graph,
and which part of the graph view it draws (`ViewFilter`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kg.errors import KgError
from kg.rdf.mapping import graph_iri
from kg.rdf.store import Store


@dataclass(frozen=True)
class ViewFilter:
    """Which part of the graph view a picture or GraphML export draws (kg.outputs.view_filters applies it)."""

    entities_only: bool = False     # events collapsed into actor-actor edges
    around: str | None = None       # an entity's name: only its neighbourhood ...
    depth: int = 2                  # ... of this many hops
    since: date | None = None       # events dated in [since, until] only
    until: date | None = None
    min_weight: int = 1             # edges stated (or events counted) at least this often
    clusters: bool = False          # one node per event cluster instead of one per report

    @property
    def prunes(self) -> bool:
        """Whether the view drops the nodes left without an edge (every filter but --clusters does)."""
        return (self.entities_only or self.around is not None or self.since is not None
                or self.until is not None or self.min_weight > 1)

    @property
    def active(self) -> bool:
        return self.prunes or self.clusters


@dataclass(frozen=True)
class Scope:
    """The whole store (doc_id None: the query dataset, each fact once) or one document."""

    doc_id: str | None = None
    consolidated: bool = False      # quad exports of the whole store: the consolidated default graph too
    view: ViewFilter = field(default_factory=ViewFilter)

    def check(self, store: Store) -> Scope:
        """The scope itself, or KgError('doc_missing') when its document is not in the store."""
        if self.doc_id and self.doc_id not in store.document_ids():
            raise KgError("doc_missing", doc=self.doc_id)
        return self

    @property
    def graph(self) -> str:
        """The graph term of a GRAPH pattern: the document's graph IRI, or a variable for any graph."""
        return f"<{graph_iri(self.doc_id)}>" if self.doc_id else "?g"

    def wrap(self, pattern: str) -> str:
        """A SPARQL group pattern restricted to the scope."""
        return f"GRAPH {self.graph} {{ {pattern} }}" if self.doc_id else pattern

    def wrap_each(self, pattern: str) -> str:
        """The pattern in each document's graph: one row per document that states it (to count them)."""
        return f"GRAPH {self.graph} {{ {pattern} }}"


WHOLE = Scope()
