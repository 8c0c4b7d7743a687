"""Export the store: RDF formats through Oxigraph's serialiser, GraphML through networkx.

The GraphML is made to open cleanly in Gephi, Cytoscape and yEd: nodes carry `label`, `name` and
`type` and scalar attributes only; edges carry `label`, `interaction` and `weight` with unique ids;
key ids are named (not networkx's d0, d1… which Gephi reads as yEd label slots).
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.errors import KgError
from kg.outputs.query import short
from kg.rdf.mapping import graph_iri
from kg.rdf.store import RDF_FORMATS, Store

GRAPH_FORMATS = ("graphml", "html", "png", "svg")
EXPORT_FORMATS = GRAPH_FORMATS + ("turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml")

ENTITY_TYPES = """
VALUES ?class { schema:Person schema:Organization schema:GovernmentOrganization schema:NewsMediaOrganization
                schema:Country schema:City schema:AdministrativeArea schema:Place
                schema:LandmarksOrHistoricalBuildings kg:PersonGroup }
"""

NODES_QUERY = """
SELECT ?node ?kind ?label ?class ?title ?iso ?count ?etype ?date ?sentence WHERE {
  { %(scope_open)s ?node a ?class . %(values)s ?node rdfs:label ?label .
    OPTIONAL { ?node schema:jobTitle ?title } OPTIONAL { ?node schema:identifier ?iso }
    OPTIONAL { ?node kg:count ?count } %(scope_close)s BIND("entity" AS ?kind) }
  UNION
  { %(scope_open)s ?node a sem:Event ; sem:eventType ?etype ; rdfs:label ?label .
    OPTIONAL { ?node sem:hasTimeStamp ?date }
    OPTIONAL { ?node gaf:denotedBy/nif:sentence/nif:anchorOf ?sentence } %(scope_close)s
    BIND("event" AS ?kind) BIND(sem:Event AS ?class) }
}
"""

EDGES_QUERY = """
SELECT ?s ?p ?o (COUNT(*) AS ?n) WHERE {
  %(scope_open)s
  { ?s ?p ?o . ?s a sem:Event . VALUES ?p { kg:agent kg:patient sem:hasPlace } }
  UNION
  { ?s sem:hasActor ?o . ?s a sem:Event . BIND(sem:hasActor AS ?p)
    FILTER NOT EXISTS { ?s kg:agent|kg:patient ?o } }
  UNION
  { ?s ?p ?o . VALUES ?p { schema:nationality schema:worksFor schema:memberOf schema:affiliation schema:location
                           schema:containedInPlace schema:homeLocation schema:parentOrganization } }
  %(scope_close)s
} GROUP BY ?s ?p ?o
"""

EDGE_LABELS = {"kg:agent": "agent", "kg:patient": "patient", "sem:hasPlace": "place", "sem:hasActor": "participant",
               "schema:nationality": "nationality", "schema:worksFor": "works for", "schema:memberOf": "member of",
               "schema:affiliation": "affiliation", "schema:location": "located in",
               "schema:containedInPlace": "contained in", "schema:homeLocation": "home location",
               "schema:parentOrganization": "parent organization"}
TYPE_RANK = ["Person", "PersonGroup", "GovernmentOrganization", "NewsMediaOrganization", "Organization", "Country",
             "City", "AdministrativeArea", "LandmarksOrHistoricalBuildings", "Place", "Event"]


def _scope(doc_id: str | None) -> dict:
    if doc_id:
        return {"scope_open": f"GRAPH <{graph_iri(doc_id)}> {{", "scope_close": "}"}
    return {"scope_open": "", "scope_close": ""}


def to_networkx(store: Store, doc_id: str | None = None) -> nx.MultiDiGraph:
    """Entities and events as nodes; event roles and entity relations as edges."""
    if doc_id and doc_id not in store.document_ids():
        raise KgError("doc_missing", doc=doc_id)
    g = nx.MultiDiGraph()
    scope = _scope(doc_id)
    for sol in store.query(NODES_QUERY % {**scope, "values": ENTITY_TYPES}):
        node = sol["node"].value
        cls = short(sol["class"]).split(":")[-1]
        attrs = g.nodes[node] if node in g else {}
        label = short(sol["label"])
        if node not in g:
            g.add_node(node, label=label, name=label, type=cls, kind=short(sol["kind"]), iri=node)
            attrs = g.nodes[node]
        elif TYPE_RANK.index(cls) < TYPE_RANK.index(attrs["type"]) if cls in TYPE_RANK and attrs["type"] in TYPE_RANK else False:
            attrs["type"] = cls
        for var, key in (("title", "jobTitle"), ("iso", "iso"), ("count", "count"), ("etype", "eventType"),
                         ("date", "date"), ("sentence", "sentence")):
            v = sol[var]
            if v is not None and key not in attrs:
                attrs[key] = int(v.value) if key == "count" else short(v).removeprefix("kge:")
    n = 0
    for sol in store.query(EDGES_QUERY % scope):
        s, o = sol["s"].value, sol["o"].value
        if s not in g or o not in g:
            continue
        label = EDGE_LABELS.get(short(sol["p"]), short(sol["p"]))
        g.add_edge(s, o, key=f"e{n}", label=label, interaction=label, weight=int(sol["n"].value))
        n += 1
    return g


def write_graphml(store: Store, path: str | Path, doc_id: str | None = None) -> nx.MultiDiGraph:
    g = to_networkx(store, doc_id)
    # default attributes so every node/edge has every key (Cytoscape and Gephi like complete tables)
    nx.write_graphml(g, str(path), named_key_ids=True, infer_numeric_types=True)
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
            g = to_networkx(store, doc_id)
            buf = io.BytesIO()
            nx.write_graphml(g, buf, named_key_ids=True, infer_numeric_types=True)
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
