"""`kg export --format graphml --yed`: yFiles labels for yEd; plain GraphML stays free of them."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx

from tests.conftest import run_kg

Y = "{http://www.yworks.com/xml/graphml}"
G = "{http://graphml.graphdrawing.org/xmlns}"


def test_yed_graphml_has_shape_node_labels(seed_store, tmp_path):
    out = tmp_path / "seed-yed.graphml"
    r = run_kg("export", "--store", seed_store, "--format", "graphml", "--yed", "-o", out)
    assert r.returncode == 0, r.stderr
    root = ET.parse(out).getroot()
    keys = {k.get("id"): k for k in root.findall(f"{G}key")}
    assert keys["yed_nodegraphics"].get("yfiles.type") == "nodegraphics"
    assert keys["yed_edgegraphics"].get("yfiles.type") == "edgegraphics"
    nodes = root.findall(f"{G}graph/{G}node")
    labels = [n.find(f".//{Y}ShapeNode/{Y}NodeLabel").text for n in nodes]
    assert len(labels) == len(nodes) and {"Narendra Modi", "Vladimir Putin", "India"} <= set(labels)
    for n in nodes:
        geo = n.find(f".//{Y}Geometry")
        assert float(geo.get("width")) > 0 and n.find(f".//{Y}Fill").get("color").startswith("#")
    edges = root.findall(f"{G}graph/{G}edge")
    edge_labels = {e.find(f".//{Y}PolyLineEdge/{Y}EdgeLabel").text for e in edges}
    assert {"agent", "nationality"} <= edge_labels
    # the same attributes as plain GraphML remain, so Gephi and Cytoscape still read it
    g = nx.read_graphml(out)
    plain = tmp_path / "plain.graphml"
    assert run_kg("export", "--store", seed_store, "--format", "graphml", "-o", plain).returncode == 0
    p = nx.read_graphml(plain)
    assert g.number_of_nodes() == p.number_of_nodes() and g.number_of_edges() == p.number_of_edges()
    assert {d["label"] for _, d in g.nodes(data=True)} == {d["label"] for _, d in p.nodes(data=True)}


def test_plain_graphml_stays_clean(seed_store, tmp_path):
    out = tmp_path / "plain.graphml"
    assert run_kg("export", "--store", seed_store, "--format", "graphml", "-o", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "yworks" not in text and "yfiles" not in text


def test_yed_needs_graphml(seed_store, tmp_path):
    r = run_kg("export", "--store", seed_store, "--format", "turtle", "--yed", "-o", tmp_path / "x.ttl")
    assert r.returncode == 2 and "--yed" in r.stderr and "Traceback" not in r.stderr
