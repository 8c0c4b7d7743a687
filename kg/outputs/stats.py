"""`kg stats`: how many documents, quads, entities of each broad class and events of each type."""
from __future__ import annotations

from kg.model.vocab import KG, SCHEMA
from kg.outputs.query import render
from kg.rdf.store import Store

#: the classes counted: people, groups, organisations, countries and places of any kind
COUNTED = (SCHEMA.Person, SCHEMA.Organization, SCHEMA.Country, SCHEMA.Place, KG.PersonGroup)
STATS_QUERY = """
SELECT ?type (COUNT(DISTINCT ?x) AS ?count) WHERE {
  { ?x a ?t . VALUES ?t { %s } BIND(?t AS ?type) }
  UNION { ?x a sem:Event ; sem:eventType ?type }
} GROUP BY ?type ORDER BY DESC(?count)"""


def stats_text(store: Store) -> str:
    head = f"store {store.path}: {len(store.document_ids())} documents, {len(store)} quads\n"
    return head + render(store.query(STATS_QUERY % " ".join(f"<{c}>" for c in COUNTED)), "table")
