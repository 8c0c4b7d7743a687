"""What an export or a view covers: the whole store (its consolidated default graph), or one document's graph."""
from __future__ import annotations

from dataclasses import dataclass

from kg.errors import KgError
from kg.rdf.mapping import graph_iri
from kg.rdf.store import Store


@dataclass(frozen=True)
class Scope:
    """The whole store (doc_id None: the query dataset, each fact once) or one document."""

    doc_id: str | None = None
    consolidated: bool = False      # quad exports of the whole store: the consolidated default graph too

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
