"""Export the store: RDF formats through Oxigraph's serialiser, GraphML through networkx.

The GraphML is made to open cleanly in Gephi, Cytoscape and yEd: nodes carry `label`, `name` and
`type` and scalar attributes only; edges carry `label`, `interaction` and `weight` with unique ids;
key ids are named (not networkx's d0, d1… which Gephi reads as yEd label slots).
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.errors import KgError
from kg.model.vocab import PREFIXES
from kg.outputs.query import short
from kg.rdf.mapping import graph_iri
from kg.rdf.store import RDF_FORMATS, Store

GRAPH_FORMATS = ("graphml", "html", "png", "svg")
EXPORT_FORMATS = GRAPH_FORMATS + ("turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml")

ENTITY_CLASSES = ("schema:Person", "schema:Organization", "schema:GovernmentOrganization", "schema:NewsMediaOrganization",
                  "schema:Country", "schema:City", "schema:AdministrativeArea", "schema:Place",
                  "schema:LandmarksOrHistoricalBuildings", "kg:PersonGroup")

# The graph is gathered with a few single-pattern queries (each row one triple of one named graph) and
# put together in Python. One query joining the classes, labels and optional attributes over the
# union of the graphs multiplied the rows of every entity mentioned in many documents (a country
# named in 245 articles gave 245 x 245 x ... rows) and took minutes on a store of a million quads.
TYPES_QUERY = """
SELECT ?node ?class WHERE { %(scope_open)s ?node a ?class . VALUES ?class { %(classes)s } %(scope_close)s }
"""

LABELS_QUERY = """
SELECT ?node ?label WHERE { %(scope_open)s ?node rdfs:label ?label %(scope_close)s }
"""

#: node attributes: predicate -> (attribute, the kind of node it belongs to)
NODE_ATTRIBUTES = {"schema:jobTitle": ("jobTitle", "entity"), "schema:identifier": ("iso", "entity"),
                   "kg:count": ("count", "entity"), "sem:eventType": ("eventType", "event"),
                   "sem:hasTimeStamp": ("date", "event")}
ATTRIBUTES_QUERY = """
SELECT ?node ?p ?v WHERE { %(scope_open)s ?node ?p ?v . VALUES ?p { %(predicates)s } %(scope_close)s }
"""

#: an event's sentence, from its own document (joined within one graph: a fifth cheaper than over the union)
SENTENCE_QUERY = """
SELECT ?node ?sentence WHERE {
  GRAPH %(graph)s { ?node a sem:Event ; gaf:denotedBy ?m . ?m nif:sentence ?s . ?s nif:anchorOf ?sentence }
}
"""

EDGE_LABELS = {"kg:agent": "agent", "kg:patient": "patient", "sem:hasPlace": "place", "sem:hasActor": "participant",
               "schema:nationality": "nationality", "schema:worksFor": "works for", "schema:memberOf": "member of",
               "schema:affiliation": "affiliation", "schema:location": "located in",
               "schema:containedInPlace": "contained in", "schema:homeLocation": "home location",
               "schema:parentOrganization": "parent organization"}
#: event roles: edges from an event (sem:hasActor only where no kg:agent/kg:patient says more)
EVENT_ROLES = ("kg:agent", "kg:patient", "sem:hasPlace", "sem:hasActor")
EDGES_QUERY = """
SELECT ?s ?p ?o WHERE { %(scope_open)s ?s ?p ?o . VALUES ?p { %(predicates)s } %(scope_close)s }
"""

TYPE_RANK = ["Person", "PersonGroup", "GovernmentOrganization", "NewsMediaOrganization", "Organization", "Country",
             "City", "AdministrativeArea", "LandmarksOrHistoricalBuildings", "Place", "Event"]


def _scope(doc_id: str | None) -> dict:
    if doc_id:
        return {"scope_open": f"GRAPH <{graph_iri(doc_id)}> {{", "scope_close": "}"}
    return {"scope_open": "", "scope_close": ""}


def _iri(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return f"{PREFIXES[prefix]}{local}"


def to_networkx(store: Store, doc_id: str | None = None) -> nx.MultiDiGraph:
    """Entities and events as nodes; event roles and entity relations as edges.

    Nodes: entities (of ENTITY_CLASSES, with an rdfs:label) and events (sem:Event with a sem:eventType
    and an rdfs:label); `type` is the most specific class (TYPE_RANK). Where the documents disagree on a
    label or attribute the first value the store gives wins. Edges: one per (subject, predicate,
    object) between two nodes, `weight` the number of times the store states it (over all documents:
    the statement's count times the subject's sem:Event typing count for event roles).
    """
    if doc_id and doc_id not in store.document_ids():
        raise KgError("doc_missing", doc=doc_id)
    scope = _scope(doc_id)
    rank = {name: i for i, name in enumerate(TYPE_RANK)}
    class_names = {_iri(c): c.split(":")[-1] for c in ENTITY_CLASSES + ("sem:Event",)}
    event_class = _iri("sem:Event")

    # classes: best entity type per node, and how often each node is typed sem:Event
    entity_type: dict[str, str] = {}
    event_typed: dict[str, int] = {}
    classes = " ".join(ENTITY_CLASSES) + " sem:Event"
    for node, cls in store.query(TYPES_QUERY % {**scope, "classes": classes}):   # (rows unpack faster than sol["var"])
        node, cls = node.value, cls.value
        if cls == event_class:
            event_typed[node] = event_typed.get(node, 0) + 1
            continue
        name = class_names[cls]
        old = entity_type.get(node)
        if old is None or rank[name] < rank[old]:
            entity_type[node] = name

    labels: dict[str, str] = {}
    for node, label in store.query(LABELS_QUERY % scope):
        node = node.value
        if node not in labels and (node in entity_type or node in event_typed):
            labels[node] = short(label)

    attrs: dict[str, dict] = {}
    cache: dict[str, str] = {}
    predicates = {_iri(p): spec for p, spec in NODE_ATTRIBUTES.items()}
    for node, p, v in store.query(ATTRIBUTES_QUERY % {**scope, "predicates": " ".join(NODE_ATTRIBUTES)}):
        node = node.value
        if node not in labels:
            continue
        key, kind = predicates[p.value]
        if (node in entity_type) if kind == "entity" else (node in event_typed):
            got = attrs.setdefault(node, {})
            if key not in got:
                got[key] = int(v.value) if key == "count" else short(v, _memo=cache).removeprefix("kge:")
    events = [n for n in event_typed if n in labels and "eventType" in attrs.get(n, ())]
    is_event = set(events)
    if events:
        for node, sentence in store.query(SENTENCE_QUERY % {"graph": f"<{graph_iri(doc_id)}>" if doc_id else "?g"}):
            got = attrs.get(node.value)
            if got is not None and "sentence" not in got and node.value in is_event:
                got["sentence"] = sentence.value

    g = nx.MultiDiGraph()
    for node, cls in entity_type.items():
        if node in labels:
            label = labels[node]
            g.add_node(node, label=label, name=label, type=cls, kind="entity", iri=node, **attrs.get(node, {}))
    for node in events:
        if node not in g:
            label = labels[node]
            g.add_node(node, label=label, name=label, type="Event", kind="event", iri=node, **attrs[node])

    # edges: count each statement; event roles need an event subject, sem:hasActor gives way to agent/patient
    edge_labels = {_iri(p): label for p, label in EDGE_LABELS.items()}
    roles = {_iri(p) for p in EVENT_ROLES}
    actor, agent_patient = _iri("sem:hasActor"), {_iri("kg:agent"), _iri("kg:patient")}
    counts: dict[tuple[str, str, str], int] = {}
    for s, p, o in store.query(EDGES_QUERY % {**scope, "predicates": " ".join(EDGE_LABELS)}):
        key = (s.value, p.value, o.value)
        counts[key] = counts.get(key, 0) + 1
    said = {(s, o) for s, p, o in counts if p in agent_patient}
    n = 0
    for (s, p, o), count in sorted(counts.items()):
        if p in roles:
            count *= event_typed.get(s, 0)
            if not count or (p == actor and (s, o) in said):
                continue
        if s in g and o in g:
            label = edge_labels[p]
            g.add_edge(s, o, key=f"e{n}", label=label, interaction=label, weight=count)
            n += 1
    return g


def _write(g: nx.MultiDiGraph, target) -> None:
    nx.write_graphml(g, target, named_key_ids=True, infer_numeric_types=True)


def write_graphml(store: Store, path: str | Path, doc_id: str | None = None) -> nx.MultiDiGraph:
    g = to_networkx(store, doc_id)
    _write(g, str(path))
    return g


def export(store: Store, fmt: str, output: str | Path | None, doc_id: str | None = None, yed: bool = False):
    if fmt not in EXPORT_FORMATS or (fmt not in GRAPH_FORMATS and RDF_FORMATS.get(fmt) is None):
        raise KgError("export_format", fmt=fmt)
    if yed and fmt != "graphml":
        raise KgError("yed_needs_graphml")
    if doc_id and doc_id not in store.document_ids():
        raise KgError("doc_missing", doc=doc_id)
    if fmt in ("html", "png", "svg") or yed:  # pictures: kg.outputs.html, .picture, .yed
        import sys
        if fmt == "html":
            from kg.outputs.html import write_html as write
        elif yed:
            from kg.outputs.yed import write_yed as write
        else:
            from kg.outputs.picture import draw

            def write(st, out, doc):
                draw(st, out, fmt, doc)
        if output is None:
            write(store, sys.stdout if fmt == "html" else sys.stdout.buffer, doc_id)
            sys.stdout.flush()
        else:
            write(store, output, doc_id)
        return
    if fmt == "graphml":
        if output is None:
            import io
            import sys
            buf = io.BytesIO()
            _write(to_networkx(store, doc_id), buf)
            sys.stdout.write(buf.getvalue().decode("utf-8"))
            return
        write_graphml(store, output, doc_id)
        return
    if output is None:
        import sys
        store.dump(sys.stdout.buffer, fmt, doc_id)
        sys.stdout.flush()
        return
    with open(output, "wb") as fh:
        store.dump(fh, fmt, doc_id)
