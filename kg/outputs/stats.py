"""`kg stats`: how many documents, quads, entities of each broad class and events of each type.

`store_totals` is the one definition of the store's counts, which `kg build` reports too, so the numbers
a user sees agree: an entity is a node of the default graph typed with an entity class (counted once,
however many documents mention it), an event a sem:Event, quads every quad of every graph.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.model.kinds import ENTITY_CLASSES
from kg.model.vocab import KG, SCHEMA, SEM
from kg.outputs.query import render
from kg.rdf.store import Store

TOTALS_QUERY = """
SELECT (COUNT(DISTINCT ?e) AS ?entities) (COUNT(DISTINCT ?v) AS ?events) WHERE {
  { ?e a ?c . VALUES ?c { %s } } UNION { ?v a <%s> }
}"""


@dataclass(frozen=True)
class Totals:
    documents: int
    entities: int
    events: int
    quads: int

    def __str__(self) -> str:
        return (f"{self.documents:,} document{'s' * (self.documents != 1)}, {self.entities:,} entities, "
                f"{self.events:,} events, {self.quads:,} quads")


def store_totals(store: Store) -> Totals:
    q = TOTALS_QUERY % (" ".join(f"<{c}>" for c in ENTITY_CLASSES), SEM.Event)
    row = next(iter(store.query(q)))
    return Totals(len(store.document_ids()), int(row["entities"].value), int(row["events"].value), len(store))

#: the classes counted: people, groups, organisations, countries and places of any kind
COUNTED = (SCHEMA.Person, SCHEMA.Organization, SCHEMA.Country, SCHEMA.Place, KG.PersonGroup)
STATS_QUERY = """
SELECT ?type (COUNT(DISTINCT ?x) AS ?count) WHERE {
  { ?x a ?t . VALUES ?t { %s } BIND(?t AS ?type) }
  UNION { ?x a sem:Event ; sem:eventType ?type }
} GROUP BY ?type ORDER BY DESC(?count)"""


def stats_text(store: Store) -> str:
    c = store.quad_counts()
    head = (f"store {store.path}: {store_totals(store)}\n"
            f"quads: {c['default']:,} in the default graph (each fact once), {c['documents']:,} in the documents' "
            f"graphs, {c['clusters']:,} in the event clusters, {c['vocabulary']:,} in the vocabulary\n")
    return head + render(store.query(STATS_QUERY % " ".join(f"<{c}>" for c in COUNTED)), "table")
