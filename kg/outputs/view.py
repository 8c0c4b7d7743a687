"""The graph view every picture and GraphML export draws: entities and events as nodes, event roles and
entity relations as edges, over the whole store or one document (`kg.outputs.scope.Scope`), filtered
as the scope's `ViewFilter` says (kg.outputs.view_filters).

What a node can be and what an edge is called come from the contract: entity classes and their
order of preference from `kg.model.kinds.ENTITY_CLASSES`, relation edges and their labels from
`kg.model.predicates.PREDICATES`. Only the event roles (the properties events are written with) are
listed here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
from rdflib import URIRef

from kg.model.kinds import ENTITY_CLASSES
from kg.model.predicates import PREDICATES
from kg.model.vocab import KG, SCHEMA, SEM
from kg.outputs import view_filters
from kg.outputs.query import short
from kg.outputs.scope import WHOLE, Scope
from kg.rdf.store import Store


def type_name(cls: URIRef) -> str:
    """The `type` a node of this class shows: the class's local name (Person, PersonGroup, Country…)."""
    return str(cls).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


#: entity class -> its rank (0 = most specific, preferred when a node has several classes)
CLASS_RANK: dict[str, int] = {str(c): i for i, c in enumerate(ENTITY_CLASSES)}
#: relation edges: predicate IRI -> label (every predicate of the contract)
RELATION_LABELS: dict[str, str] = {str(p.term): p.label for p in PREDICATES.values()}
#: event-role edges: property IRI -> label; sem:hasActor only where no kg:agent/kg:patient says more
ROLE_LABELS: dict[str, str] = {str(KG.agent): "agent", str(KG.patient): "patient", str(SEM.hasPlace): "place",
                               str(SEM.hasActor): "participant"}
#: node attributes: predicate IRI -> (attribute, the kind of node it belongs to)
NODE_ATTRIBUTES: dict[str, tuple[str, str]] = {
    str(SCHEMA.jobTitle): ("jobTitle", "entity"), str(SCHEMA.identifier): ("iso", "entity"),
    str(KG.count): ("count", "entity"), str(SEM.eventType): ("eventType", "event"),
    str(SEM.hasTimeStamp): ("date", "event")}
EVENT_CLASS = str(SEM.Event)

# The graph is gathered with a few single-pattern queries (each row one triple of one named graph) and
# put together in Python. One query joining the classes, labels and optional attributes over the
# union of the graphs multiplied the rows of every entity mentioned in many documents (a country
# named in 245 articles gave 245 x 245 x ... rows) and took minutes on a store of a million quads.
TYPES_QUERY = "SELECT ?node ?class WHERE { %s }"
LABELS_QUERY = "SELECT ?node ?label WHERE { %s }"
VALUES_QUERY = "SELECT ?node ?p ?v WHERE { %s }"
EDGES_QUERY = "SELECT ?s ?p ?o WHERE { %s }"
#: an event's sentence, from its own document (joined within one graph: a fifth cheaper than over the union)
SENTENCE_QUERY = """
SELECT ?node ?sentence WHERE {
  GRAPH %s { ?node a sem:Event ; gaf:denotedBy ?m . ?m nif:sentence ?s . ?s nif:anchorOf ?sentence }
}
"""

#: each report's event cluster, with what its node shows (kg.rdf.clusters writes them)
CLUSTERS_QUERY = """
SELECT ?event ?cluster ?type ?articles WHERE {
  ?event kg:reportedEvent ?cluster . ?cluster sem:eventType ?type ; kg:articleCount ?articles
}
"""


def _values(var: str, iris) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris)} }}"


@dataclass
class _Nodes:
    entity_type: dict[str, str] = field(default_factory=dict)   # entity -> its best class
    event_typed: dict[str, int] = field(default_factory=dict)   # event -> how often it is typed sem:Event
    labels: dict[str, str] = field(default_factory=dict)
    attrs: dict[str, dict] = field(default_factory=dict)


def _classes(store: Store, scope: Scope, nodes: _Nodes) -> None:
    """The best entity class of each node, and how often each node is typed sem:Event."""
    pattern = scope.wrap(f"?node a ?class . {_values('class', [*CLASS_RANK, EVENT_CLASS])}")
    for node, cls in store.query(TYPES_QUERY % pattern):   # (rows unpack faster than sol["var"])
        node, cls = node.value, cls.value
        if cls == EVENT_CLASS:
            nodes.event_typed[node] = nodes.event_typed.get(node, 0) + 1
            continue
        old = nodes.entity_type.get(node)
        if old is None or CLASS_RANK[cls] < CLASS_RANK[old]:
            nodes.entity_type[node] = cls


def _labels(store: Store, scope: Scope, nodes: _Nodes) -> None:
    """The first label the store gives each entity or event."""
    for node, label in store.query(LABELS_QUERY % scope.wrap("?node rdfs:label ?label")):
        node = node.value
        if node not in nodes.labels and (node in nodes.entity_type or node in nodes.event_typed):
            nodes.labels[node] = short(label)


def _attributes(store: Store, scope: Scope, nodes: _Nodes) -> None:
    """Scalar attributes of the labelled nodes (the first value of each wins)."""
    memo: dict[str, str] = {}
    pattern = scope.wrap(f"?node ?p ?v . {_values('p', NODE_ATTRIBUTES)}")
    for node, p, v in store.query(VALUES_QUERY % pattern):
        node = node.value
        if node not in nodes.labels:
            continue
        key, kind = NODE_ATTRIBUTES[p.value]
        if (node in nodes.entity_type) if kind == "entity" else (node in nodes.event_typed):
            got = nodes.attrs.setdefault(node, {})
            if key not in got:
                got[key] = int(v.value) if key == "count" else short(v, _memo=memo).removeprefix("kge:")


def _events(store: Store, scope: Scope, nodes: _Nodes) -> list[str]:
    """The events shown (labelled, with a type), each given the sentence it came from."""
    events = [n for n in nodes.event_typed if n in nodes.labels and "eventType" in nodes.attrs.get(n, ())]
    is_event = set(events)
    if events:
        for node, sentence in store.query(SENTENCE_QUERY % scope.graph):
            got = nodes.attrs.get(node.value)
            if got is not None and "sentence" not in got and node.value in is_event:
                got["sentence"] = sentence.value
    return events


def _edge_counts(store: Store, scope: Scope, event_typed: dict[str, int]) -> dict[tuple[str, str, str], int]:
    """In how many documents each edge statement is made, over the scope; event roles need an event subject;
    sem:hasActor gives way where kg:agent/kg:patient links the same pair."""
    counts: dict[tuple[str, str, str], int] = {}
    pattern = scope.wrap_each(f"?s ?p ?o . {_values('p', [*ROLE_LABELS, *RELATION_LABELS])}")
    for s, p, o in store.query(EDGES_QUERY % pattern):
        key = (s.value, p.value, o.value)
        counts[key] = counts.get(key, 0) + 1
    said = {(s, o) for s, p, o in counts if p in (str(KG.agent), str(KG.patient))}
    out = {}
    for (s, p, o), count in counts.items():
        if p in ROLE_LABELS:
            if s not in event_typed or (p == str(SEM.hasActor) and (s, o) in said):
                continue
        out[(s, p, o)] = count
    return out


def clusters(store: Store) -> dict[str, dict]:
    """Report event -> the node attributes of its event cluster (for --clusters)."""
    out = {}
    for event, cluster, etype, articles in store.query(CLUSTERS_QUERY):
        t = short(etype).removeprefix("kge:")
        label = f"{t}: {articles.value} articles"
        out[event.value] = {"id": cluster.value, "label": label, "name": label, "type": "EventCluster",
                            "kind": "event", "iri": cluster.value, "eventType": t, "articles": int(articles.value)}
    return out


def to_networkx(store: Store, scope: Scope = WHOLE) -> nx.MultiDiGraph:
    """Entities and events as nodes; event roles and entity relations as edges; then the scope's filters.

    Nodes: entities (of ENTITY_CLASSES, with an rdfs:label) and events (sem:Event with a sem:eventType
    and an rdfs:label); `type` is the most specific class. Where the documents disagree on a label or
    attribute the first value the store gives wins. Edges: one per (subject, predicate, object)
    between two nodes, `weight` the number of documents that state it.
    """
    g = _full_view(store, scope)
    if scope.view.active:
        g = view_filters.apply(g, scope.view, clusters(store) if scope.view.clusters else None)
    return g


def _full_view(store: Store, scope: Scope) -> nx.MultiDiGraph:
    scope.check(store)
    nodes = _Nodes()
    _classes(store, scope, nodes)
    _labels(store, scope, nodes)
    _attributes(store, scope, nodes)
    events = _events(store, scope, nodes)
    g = nx.MultiDiGraph()
    for node, cls in nodes.entity_type.items():
        if node in nodes.labels:
            label = nodes.labels[node]
            g.add_node(node, label=label, name=label, type=type_name(cls), kind="entity", iri=node,
                       **nodes.attrs.get(node, {}))
    for node in events:
        if node not in g:
            label = nodes.labels[node]
            g.add_node(node, label=label, name=label, type="Event", kind="event", iri=node, **nodes.attrs[node])
    labels = {**ROLE_LABELS, **RELATION_LABELS}
    n = 0
    for (s, p, o), count in sorted(_edge_counts(store, scope, nodes.event_typed).items()):
        if s in g and o in g:
            g.add_edge(s, o, key=f"e{n}", label=labels[p], interaction=labels[p], weight=count)
            n += 1
    return g
