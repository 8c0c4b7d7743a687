"""The graph view draws what the contract says: entity classes from kg.model.kinds, relation edges and
their labels from kg.model.predicates, over the whole store or one document."""
from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.errors import KgError
from kg.model.kinds import KINDS, Kind
from kg.model.predicates import PREDICATES, Pred
from kg.model.vocab import KG, KGE, SCHEMA, SEM, base_iri
from kg.outputs.scope import WHOLE, Scope
from kg.outputs.view import to_networkx, type_name
from kg.rdf.store import Store

KNOWS = URIRef("http://schema.org/knows")   # no predicate of the table (nor of kg's vocabulary)


def node(name: str) -> URIRef:
    return URIRef(f"{base_iri()}entity/test/{name}")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """One document stating every predicate of the table once, between entities of every kind; a second
    document with one event and a relation the table does not have."""
    st = Store(tmp_path_factory.mktemp("view") / "s")
    g = Graph()
    for kind, info in KINDS.items():
        for cls in info.rdf_types:
            g.add((node(kind.value), RDF.type, cls))
        g.add((node(kind.value), RDFS.label, Literal(f"a {kind.value}")))
    for p in PREDICATES.values():
        g.add((node(Kind.PERSON.value), p.term, node(Kind.CITY.value)))
    st.replace_document("d1", g)
    g = Graph()
    ev = URIRef(f"{base_iri()}event/d2/1-Meet")
    for t in ((ev, RDF.type, SEM.Event), (ev, SEM.eventType, KGE.Meet), (ev, RDFS.label, Literal("Meet: met")),
              (ev, KG.agent, node(Kind.PERSON.value)), (ev, SEM.hasActor, node(Kind.PERSON.value)),
              (ev, SEM.hasPlace, node(Kind.COUNTRY.value)), (node(Kind.PERSON.value), RDFS.label, Literal("someone")),
              (node(Kind.PERSON.value), RDF.type, SCHEMA.Person),
              (node(Kind.COUNTRY.value), RDF.type, SCHEMA.Country),
              (node(Kind.COUNTRY.value), RDFS.label, Literal("a Country")),
              (node(Kind.PERSON.value), KNOWS, node(Kind.COUNTRY.value))):
        g.add(t)
    st.replace_document("d2", g)
    return st


def test_every_kind_is_a_node_typed_by_its_most_specific_class(store):
    g = to_networkx(store, WHOLE)
    for kind, info in KINDS.items():
        assert g.nodes[str(node(kind.value))]["type"] == type_name(info.rdf_types[0]), kind
    assert g.nodes[str(node(Kind.GROUP.value))]["type"] == "PersonGroup"
    assert g.nodes[str(node(Kind.LANDMARK.value))]["type"] == "LandmarksOrHistoricalBuildings"


def test_every_predicate_of_the_table_is_an_edge_with_its_label(store):
    g = to_networkx(store, Scope("d1"))
    labels = sorted(d["label"] for _, _, d in g.edges(data=True))
    assert labels == sorted(p.label for p in PREDICATES.values())
    assert PREDICATES[Pred.BIRTH_PLACE].label in labels          # stored before, drawn now


def test_event_roles_and_relations_outside_the_table(store):
    g = to_networkx(store, Scope("d2"))
    ev = f"{base_iri()}event/d2/1-Meet"
    assert g.nodes[ev]["type"] == "Event" and g.nodes[ev]["eventType"] == "Meet"
    edges = sorted((s, o, d["label"]) for s, o, d in g.edges(data=True))
    # the agent says more than "participant"; schema:knows is no predicate of the table: no edge
    assert edges == [(ev, str(node(Kind.COUNTRY.value)), "place"), (ev, str(node(Kind.PERSON.value)), "agent")]


def test_scope_of_a_missing_document(store):
    with pytest.raises(KgError) as e:
        to_networkx(store, Scope("nope"))
    assert e.value.code == "doc_missing"
    assert Scope("d1").wrap("?s ?p ?o").startswith(f"GRAPH <{base_iri()}graph/d1>")
    assert WHOLE.wrap("?s ?p ?o") == "?s ?p ?o" and WHOLE.graph == "?g"
