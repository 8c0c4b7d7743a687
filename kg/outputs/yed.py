"""`kg export --format graphml --yed`: GraphML with yFiles graphics, so yEd shows labels, colours and a
layout at once, with no "Properties Mapper" step. Plain GraphML (without --yed) stays free of yFiles
elements for Gephi and Cytoscape; this adds `y:ShapeNode` / `y:PolyLineEdge` data next to the
same attributes, which yEd reads and other tools ignore.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import BinaryIO

import networkx as nx

from kg.outputs.drawing import layout, node_color
from kg.outputs.graphml import graphml_bytes
from kg.outputs.scope import Scope
from kg.outputs.view import to_networkx
from kg.rdf.store import Store

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
Y_NS = "http://www.yworks.com/xml/graphml"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GRAPHML_NS} http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"
NODE_KEY, EDGE_KEY = "yed_nodegraphics", "yed_edgegraphics"


def _g(tag: str) -> str:
    return f"{{{GRAPHML_NS}}}{tag}"


def _y(tag: str) -> str:
    return f"{{{Y_NS}}}{tag}"


def yed_graphml(g: nx.MultiDiGraph) -> bytes:
    """The GraphML of `g` with yFiles node and edge graphics added."""
    plain = graphml_bytes(g)
    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("y", Y_NS)
    ET.register_namespace("xsi", XSI_NS)
    root = ET.fromstring(plain)
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    graph = root.find(_g("graph"))
    at = list(root).index(graph)
    root.insert(at, ET.Element(_g("key"), {"for": "edge", "id": EDGE_KEY, "yfiles.type": "edgegraphics"}))
    root.insert(at, ET.Element(_g("key"), {"for": "node", "id": NODE_KEY, "yfiles.type": "nodegraphics"}))
    pos = layout(g)
    scale = 60.0 * max(8.0, g.number_of_nodes() ** 0.5)
    for el in graph.findall(_g("node")):
        nid = el.get("id")
        attrs = g.nodes[nid]
        event = attrs.get("kind") == "event"
        label = str(attrs.get("label", nid))
        w = 24.0 if event else max(40.0, 7.0 * len(label) + 12.0)
        h = 24.0 if event else 30.0
        x, y = pos.get(nid, (0.0, 0.0))
        shape = ET.SubElement(ET.SubElement(el, _g("data"), {"key": NODE_KEY}), _y("ShapeNode"))
        ET.SubElement(shape, _y("Geometry"), {"x": f"{x * scale - w / 2:.1f}", "y": f"{-y * scale - h / 2:.1f}",
                                              "width": f"{w:.1f}", "height": f"{h:.1f}"})
        ET.SubElement(shape, _y("Fill"), {"color": node_color(attrs).upper(), "transparent": "false"})
        ET.SubElement(shape, _y("BorderStyle"), {"color": "#444444", "type": "line", "width": "1.0"})
        lab = ET.SubElement(shape, _y("NodeLabel"), {"fontSize": "10" if event else "12", "textColor": "#000000",
                                                    "modelName": "sides" if event else "internal",
                                                    "modelPosition": "s" if event else "c", "visible": "true"})
        lab.text = label
        ET.SubElement(shape, _y("Shape"), {"type": "diamond" if event else "roundrectangle"})
    for el in graph.findall(_g("edge")):
        s, t, key = el.get("source"), el.get("target"), el.get("id")
        data = g.edges[s, t, key] if key is not None and g.has_edge(s, t, key) else {}
        line = ET.SubElement(ET.SubElement(el, _g("data"), {"key": EDGE_KEY}), _y("PolyLineEdge"))
        ET.SubElement(line, _y("LineStyle"), {"color": "#999999", "type": "line", "width": "1.0"})
        ET.SubElement(line, _y("Arrows"), {"source": "none", "target": "standard"})
        lab = ET.SubElement(line, _y("EdgeLabel"), {"fontSize": "9", "textColor": "#555555", "visible": "true"})
        lab.text = str(data.get("label", ""))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def write(store: Store, scope: Scope, out: BinaryIO, fmt: str = "graphml") -> None:
    out.write(yed_graphml(to_networkx(store, scope)))
