"""`kg export --format graphml`: the graph view as GraphML, through networkx.

The GraphML is made to open cleanly in Gephi, Cytoscape and yEd: nodes carry `label`, `name` and
`type` and scalar attributes only; edges carry `label`, `interaction` and `weight` with unique ids;
key ids are named (not networkx's d0, d1… which Gephi reads as yEd label slots) and unique, as GraphML
requires: a name nodes and edges share (`label`) is `label` for nodes and `edge_label` for edges.
"""
from __future__ import annotations

import io
from typing import BinaryIO

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from kg.outputs.view import Scope, to_networkx
from kg.rdf.store import Store


class _UniqueKeyIds(GraphMLWriter):
    """networkx names a key after its attribute alone, so nodes' and edges' `label` got one id twice."""

    def get_key(self, name, attr_type, scope, default):
        if (name, attr_type, scope) in self.keys:
            return self.keys[(name, attr_type, scope)]
        taken = set(self.keys.values())
        key_id = super().get_key(name, attr_type, scope, default)   # adds the <key> first in the document
        if key_id in taken:
            key_id = next(k for k in (f"{scope}_{name}", f"{scope}_{name}_{attr_type}") if k not in taken)
            self.keys[(name, attr_type, scope)] = key_id
            self.xml[0].set("id", key_id)
        return key_id


def graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    writer = _UniqueKeyIds(encoding="utf-8", prettyprint=True, infer_numeric_types=True, named_key_ids=True)
    writer.add_graph_element(g)
    buf = io.BytesIO()
    writer.dump(buf)
    return buf.getvalue()


def write(store: Store, scope: Scope, out: BinaryIO, fmt: str = "graphml") -> None:
    out.write(graphml_bytes(to_networkx(store, scope)))
