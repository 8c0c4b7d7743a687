"""The graph view's filters (kg export --entities-only --around --since/--until --min-weight --clusters),
on a small store written by hand: three documents, two of them reporting one arrest (an event cluster)."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.errors import KgError
from kg.model.vocab import KG, KGE, SCHEMA, SEM, base_iri
from kg.outputs.graphml import graphml_bytes
from kg.outputs.scope import Scope, ViewFilter
from kg.outputs.view import to_networkx
from kg.outputs.view_filters import date_span
from kg.rdf.clusters import Cluster, cluster_triples
from kg.rdf.store import Store


def person(key: str) -> URIRef:
    return URIRef(f"{base_iri()}entity/person/{key}")


PEOPLE = {"ana": "Ana Ortiz", "ben": "Ben Okafor", "cy": "Cy Lindqvist", "dee": "Dee Marsh"}


def _event(g: Graph, doc: str, n: int, etype, when: str | None, agent: str, patient: str | None = None) -> URIRef:
    ev = URIRef(f"{base_iri()}event/{doc}/{n}-{etype.rsplit('/', 1)[-1]}")
    g.add((ev, RDF.type, SEM.Event))
    g.add((ev, SEM.eventType, etype))
    g.add((ev, RDFS.label, Literal(f"{etype.rsplit('/', 1)[-1]}: word")))
    g.add((ev, KG.agent, person(agent)))
    if patient:
        g.add((ev, KG.patient, person(patient)))
    if when:
        kind = rdflib.XSD.date if len(when) == 10 else rdflib.XSD.gYearMonth
        g.add((ev, SEM.hasTimeStamp, Literal(when, datatype=kind)))
    return ev


def _doc(events) -> Graph:
    g = Graph()
    for key, name in PEOPLE.items():
        g.add((person(key), RDF.type, SCHEMA.Person))
        g.add((person(key), RDFS.label, Literal(name)))
    for e in events:
        _event(g, *e)
    return g


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """d1: Ana arrests Ben (2024-03-02), Ana meets Cy (2024-05); d2: Ana arrests Ben (2024-03-02); d3: Cy
    criticises Dee (undated); Ana works for Cy (a relation in d1 and d2)."""
    st = Store(tmp_path_factory.mktemp("filters") / "s")
    d1 = _doc([("d1", 1, KGE.Arrest, "2024-03-02", "ana", "ben"), ("d1", 2, KGE.Meet, "2024-05", "ana", None)])
    meet = URIRef(f"{base_iri()}event/d1/2-Meet")
    d1.add((meet, SEM.hasActor, person("ana")))
    d1.add((meet, SEM.hasActor, person("cy")))
    d2 = _doc([("d2", 1, KGE.Arrest, "2024-03-02", "ana", "ben")])
    for d in (d1, d2):
        d.add((person("ana"), SCHEMA.worksFor, person("cy")))
    st.replace_documents({"d1": list(_ox(d1)), "d2": list(_ox(d2)),
                          "d3": list(_ox(_doc([("d3", 1, KGE.Criticize, None, "cy", "dee")])))})
    reports = tuple(f"{base_iri()}event/{d}/1-Arrest" for d in ("d1", "d2"))
    st.update_clusters([], cluster_triples(Cluster("Arrest", "ana|ben", (), reports, ("d1", "d2"), ("A", "B"))))
    yield st
    st.close()


def _ox(g: Graph):
    nt = g.serialize(format="nt", encoding="utf-8")
    return (q.triple for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))


def view(store, **kw):
    return to_networkx(store, Scope(view=ViewFilter(**kw)))


def labels(g) -> set[str]:
    return {d["label"] for _, d in g.nodes(data=True)}


def test_the_unfiltered_view_has_every_report(store):
    g = view(store)
    assert sum(1 for _, d in g.nodes(data=True) if d["kind"] == "event") == 4
    assert labels(g) >= set(PEOPLE.values())


def test_entities_only_turns_events_into_actor_edges_with_counts(store):
    g = view(store, entities_only=True)
    assert all(d["kind"] == "entity" for _, d in g.nodes(data=True))
    by_label = {(g.nodes[s]["label"], g.nodes[o]["label"], d["label"]): d["weight"] for s, o, d in g.edges(data=True)}
    assert by_label[("Ana Ortiz", "Ben Okafor", "Arrest")] == 2          # two reports: two events
    assert by_label[("Ana Ortiz", "Cy Lindqvist", "Meet")] == 1          # no patient: its actors paired
    assert by_label[("Cy Lindqvist", "Dee Marsh", "Criticize")] == 1
    assert by_label[("Ana Ortiz", "Cy Lindqvist", "works for")] == 2     # relations stay, stated twice


def test_a_date_window_keeps_the_events_in_it(store):
    g = view(store, since=date(2024, 5, 10), until=date(2024, 12, 31))
    events = [d for _, d in g.nodes(data=True) if d["kind"] == "event"]
    assert [e["eventType"] for e in events] == ["Meet"]                 # 2024-05 overlaps; undated is out
    assert "Dee Marsh" not in labels(g)                                 # left without an edge: dropped
    assert date_span("2024-02") == (date(2024, 2, 1), date(2024, 2, 29)) and date_span("") is None


def test_min_weight_keeps_what_several_documents_say(store):
    g = view(store, entities_only=True, min_weight=2)
    assert {(g.nodes[s]["label"], d["label"]) for s, o, d in g.edges(data=True)} == {
        ("Ana Ortiz", "Arrest"), ("Ana Ortiz", "works for")}
    assert "Dee Marsh" not in labels(g)


def test_around_draws_a_neighbourhood(store):
    g = view(store, entities_only=True, around="dee marsh", depth=1)
    assert labels(g) == {"Dee Marsh", "Cy Lindqvist"}
    wider = view(store, entities_only=True, around="Marsh", depth=2)
    assert labels(wider) == {"Dee Marsh", "Cy Lindqvist", "Ana Ortiz"}
    with pytest.raises(KgError) as e:
        view(store, around="O")                                  # Ortiz, Okafor…: several
    assert e.value.code == "around_ambiguous" and "Ana Ortiz" in e.value.message
    with pytest.raises(KgError) as e:
        view(store, around="Nobody Here")
    assert e.value.code == "around_missing"


def test_clusters_draw_one_node_per_real_world_event(store):
    g = view(store, clusters=True)
    events = [d for _, d in g.nodes(data=True) if d["kind"] == "event"]
    assert sorted(e["type"] for e in events) == ["Event", "Event", "EventCluster"]
    [cluster] = [n for n, d in g.nodes(data=True) if d["type"] == "EventCluster"]
    assert g.nodes[cluster]["label"] == "Arrest: 2 articles" and g.nodes[cluster]["date"] == "2024-03-02"
    roles = {(d["label"], g.nodes[o]["label"], d["weight"]) for _, o, d in g.out_edges(cluster, data=True)}
    assert roles == {("agent", "Ana Ortiz", 2), ("patient", "Ben Okafor", 2)}


def test_graphml_key_ids_are_unique(store):
    root = ET.fromstring(graphml_bytes(view(store)))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = root.findall("g:key", ns)
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids))
    by_id = {k.get("id"): (k.get("for"), k.get("attr.name")) for k in keys}
    assert by_id["label"] == ("node", "label") and by_id["edge_label"] == ("edge", "label")
    used = {d.get("key") for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")}
    assert used <= set(ids)                                     # every data element names a declared key
