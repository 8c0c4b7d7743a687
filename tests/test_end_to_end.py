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


def test_turtle_export_parses(seed_store, tmp_path):
    from rdflib import Graph
    out = tmp_path / "seed.ttl"
    assert run_kg("export", "--store", seed_store, "--format", "turtle", "-o", out).returncode == 0
    g = Graph().parse(out, format="turtle")
    assert len(g) > 1000
