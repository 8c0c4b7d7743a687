"""`kg export --format graphml`: the graph view as GraphML, through networkx.

The GraphML is made to open cleanly in Gephi, Cytoscape and yEd: nodes carry `label`, `name` and
`type` and scalar attributes only; edges carry `label`, `interaction` and `weight` with unique ids;
key ids are named (not networkx's d0, d1… which Gephi reads as yEd label slots).
"""
from __future__ import annotations

import io
from typing import BinaryIO

import networkx as nx

from kg.outputs.view import Scope, to_networkx
from kg.rdf.store import Store


def graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(g, buf, named_key_ids=True, infer_numeric_types=True)
    return buf.getvalue()


def write(store: Store, scope: Scope, out: BinaryIO, fmt: str = "graphml") -> None:
    out.write(graphml_bytes(to_networkx(store, scope)))
