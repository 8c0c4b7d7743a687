"""End to end through the CLI on the seed: build -> query -> export."""
from __future__ import annotations

import json

import networkx as nx

from tests.conftest import ROOT, SEED, SEED_PUBLISHED, run_kg


def test_build_twice_leaves_store_unchanged(tmp_path):
    store = tmp_path / "s"
    assert run_kg("build", SEED, "--store", store, "--published", SEED_PUBLISHED).returncode == 0
    first = run_kg("export", "--store", store, "--format", "nquads").stdout
    assert run_kg("build", SEED, "--store", store, "--published", SEED_PUBLISHED).returncode == 0
    second = run_kg("export", "--store", store, "--format", "nquads").stdout
    assert sorted(first.splitlines()) == sorted(second.splitlines())
    assert len(first.splitlines()) > 1000


def test_every_query_runs_on_seed(seed_store):
    for q in sorted((ROOT / "queries").glob("*.rq")):
        r = run_kg("query", q, "--store", seed_store, "--format", "json")
        assert r.returncode == 0, (q.name, r.stderr)
        assert json.loads(r.stdout), f"{q.name} returned no rows on the seed"


def test_who_met_whom_finds_the_summit(seed_store):
    r = run_kg("query", ROOT / "queries" / "who_met_whom.rq", "--store", seed_store, "--format", "json")
    rows = json.loads(r.stdout)
    assert any({row["a"], row["b"]} == {"Narendra Modi", "Vladimir Putin"} for row in rows)


def test_actors_have_titles_and_countries(seed_store):
    rows = json.loads(run_kg("query", ROOT / "queries" / "actors.rq", "--store", seed_store, "-f", "json").stdout)
    by_name = {r["name"]: r for r in rows}
    assert by_name["Narendra Modi"]["titles"] == "prime minister"
    assert by_name["Narendra Modi"]["countries"] == "India"
    assert "president" in by_name["Vladimir Putin"]["titles"]
    assert by_name["Vladimir Putin"]["countries"] == "Russia"


def test_graphml_export_reads_back(seed_store, tmp_path):
    out = tmp_path / "seed.graphml"
    r = run_kg("export", "--store", seed_store, "--format", "graphml", "-o", out)
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<?xml")
    assert 'id="d0"' not in text and 'key="d3"' not in text   # named key ids, not networkx defaults
    g = nx.read_graphml(out)
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {"Narendra Modi", "Vladimir Putin", "India", "Russia"} <= labels
    assert all("label" in d and "type" in d for _, d in g.nodes(data=True))
    edge_ids = [k for _, _, k in g.edges(keys=True)]
    assert len(edge_ids) == len(set(edge_ids)) > 10
    import igraph
    ig = igraph.Graph.Read_GraphML(str(out))
    assert ig.vcount() == g.number_of_nodes() and ig.ecount() == g.number_of_edges()
    assert "Narendra Modi" in ig.vs["label"]


def _two_document_store(path):
    """Two documents naming the same people and places, each with its own Meet event."""
    from rdflib import RDF, RDFS, Graph, Literal, URIRef

    from kg.model.vocab import GAF, KG, KGE, NIF, SCHEMA, SEM, base_iri
    from kg.rdf.store import Store
    b = base_iri()
    india, modi = URIRef(f"{b}entity/country/IN"), URIRef(f"{b}entity/person/narendra_modi")
    st = Store(path)
    for i in (1, 2):
        g = Graph()
        for t in ((india, RDF.type, SCHEMA.Place), (india, RDF.type, SCHEMA.Country),
                  (india, RDFS.label, Literal("India")), (india, SCHEMA.identifier, Literal("IN")),
                  (modi, RDF.type, SCHEMA.Person), (modi, RDFS.label, Literal("Narendra Modi")),
                  (modi, SCHEMA.nationality, india)):
            g.add(t)
        ev, m = URIRef(f"{b}event/d{i}/1-Meet"), URIRef(f"{b}text/d{i}#char=5,8")
        sent = URIRef(f"{b}text/d{i}#char=0,20")
        for t in ((ev, RDF.type, SEM.Event), (ev, SEM.eventType, KGE.Meet), (ev, RDFS.label, Literal("Meet: met")),
                  (ev, GAF.denotedBy, m), (m, NIF.sentence, sent),
                  (sent, NIF.anchorOf, Literal(f"Modi met them ({i}).")), (ev, SEM.hasActor, modi),
                  (ev, SEM.hasPlace, india)):
            g.add(t)
        if i == 1:
            g.add((ev, KG.agent, modi))
        st.replace_document(f"d{i}", g)
    return st, str(india), str(modi), f"{b}event/d1/1-Meet", f"{b}event/d2/1-Meet"


def test_graph_counts_statements_over_documents_and_scopes_to_one(tmp_path):
    from kg.outputs.scope import Scope
    from kg.outputs.view import to_networkx
    st, india, modi, ev1, ev2 = _two_document_store(tmp_path / "s")
    g = to_networkx(st)
    assert set(g) == {india, modi, ev1, ev2}
    assert g.nodes[india] | {} == {"label": "India", "name": "India", "type": "Country", "kind": "entity", "iri": india,
                                   "iso": "IN"}
    assert g.nodes[ev1]["type"] == "Event" and g.nodes[ev1]["eventType"] == "Meet"
    assert g.nodes[ev1]["sentence"] == "Modi met them (1)." and g.nodes[ev2]["sentence"] == "Modi met them (2)."
    edges = sorted((s, o, d["label"], d["weight"]) for s, o, d in g.edges(data=True))
    assert edges == sorted([(modi, india, "nationality", 2),          # stated in both documents
                            (ev1, modi, "agent", 1),                  # no "participant" where an agent says more
                            (ev2, modi, "participant", 1), (ev1, india, "place", 1), (ev2, india, "place", 1)])
    keys = [k for _, _, k in g.edges(keys=True)]
    assert sorted(keys) == [f"e{i}" for i in range(5)]
    one = to_networkx(st, Scope("d2"))
    assert set(one) == {india, modi, ev2}
    assert sorted((s, o, d["label"], d["weight"]) for s, o, d in one.edges(data=True)) == sorted(
        [(modi, india, "nationality", 1), (ev2, modi, "participant", 1), (ev2, india, "place", 1)])


def test_turtle_export_parses(seed_store, tmp_path):
    from rdflib import Graph
    out = tmp_path / "seed.ttl"
    assert run_kg("export", "--store", seed_store, "--format", "turtle", "-o", out).returncode == 0
    g = Graph().parse(out, format="turtle")
    assert len(g) > 1000


NAIVE_PERSONS = "SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name }"
NAIVE_TITLES = "SELECT ?who ?title WHERE { ?p a schema:Person ; rdfs:label ?who ; schema:jobTitle ?title }"


def test_a_naive_query_returns_each_person_once_when_documents_repeat_them(tmp_path):
    """Three articles naming the same two officials: the default graph describes each once."""
    texts = [
        "Finance Minister Maria Lindqvist met Prime Minister Tomas Berger in Oslo on Monday.",
        "Prime Minister Tomas Berger said on Tuesday that Finance Minister Maria Lindqvist would present the budget.",
        "Maria Lindqvist, the finance minister, and Tomas Berger visited a shipyard in Bergen.",
    ]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"n{i}", "text": t, "published": "2024-05-06"}) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")
    store = tmp_path / "s"
    assert run_kg("build", corpus, "--store", store).returncode == 0
    (tmp_path / "p.rq").write_text(NAIVE_PERSONS, encoding="utf-8")
    (tmp_path / "t.rq").write_text(NAIVE_TITLES, encoding="utf-8")
    names = [r["name"] for r in json.loads(run_kg("query", tmp_path / "p.rq", "--store", store, "-f", "json").stdout)]
    assert sorted(names) == ["Maria Lindqvist", "Tomas Berger"]
    rows = json.loads(run_kg("query", tmp_path / "t.rq", "--store", store, "-f", "json").stdout)
    pairs = [(r["who"], r["title"]) for r in rows]
    assert len(pairs) == len(set(pairs)) and ("Tomas Berger", "prime minister") in pairs
