"""What the pictures share: one colour per node type, event-type colours, and a seeded layout.

Used by the HTML page, the PNG/SVG picture and the yEd GraphML, so a type has the same colour in each.
"""
from __future__ import annotations

import hashlib

import networkx as nx

from kg.model.kinds import Kind
from kg.outputs.view import type_name

#: one colour per entity kind; the legends list them in this order
KIND_COLORS: dict[Kind, str] = {
    Kind.PERSON: "#e15759", Kind.GROUP: "#ff9da7", Kind.ORGANIZATION: "#4e79a7",
    Kind.GOVERNMENT_ORGANIZATION: "#2f4b7c", Kind.NEWS_MEDIA_ORGANIZATION: "#76b7b2", Kind.COUNTRY: "#59a14f",
    Kind.CITY: "#8cd17d", Kind.ADMINISTRATIVE_AREA: "#b6992d", Kind.PLACE: "#9c755f", Kind.LANDMARK: "#d4a6c8",
    Kind.FACILITY: "#b9a37e", Kind.SITE: "#d7c9a7", Kind.ARTIFACT: "#7f7f7f",
}
#: the same colours by the `type` a view's node shows (its kind's first RDF class: Person, PersonGroup…)
TYPE_COLORS: dict[str, str] = {type_name(k.rdf_types[0]): c for k, c in KIND_COLORS.items()}
OTHER_COLOR = "#bab0ac"
EVENT_COLORS = ["#f28e2b", "#edc948", "#b07aa1", "#ffbe7d", "#d37295", "#a0cbe8", "#f1ce63", "#86bcb6", "#fabfd2",
                "#79706e"]


def node_color(attrs: dict) -> str:
    """Entities by their type; events by their event type (a stable pick from EVENT_COLORS)."""
    if attrs.get("kind") == "event":
        et = attrs.get("eventType", "Event")
        return EVENT_COLORS[int(hashlib.sha1(et.encode()).hexdigest(), 16) % len(EVENT_COLORS)]
    return TYPE_COLORS.get(attrs.get("type", ""), OTHER_COLOR)


def _component_layout(c: nx.Graph, seed: int) -> dict:
    n = c.number_of_nodes()
    if n == 1:
        return {next(iter(c)): (0.0, 0.0)}
    if n == 2:
        a, b = list(c)
        return {a: (-0.5, 0.0), b: (0.5, 0.0)}
    if n < 500:
        return nx.spring_layout(c, seed=seed, k=2.0 / n ** 0.5, iterations=150)
    # networkx's spring layout needs scipy from 500 nodes on; ForceAtlas2 runs on numpy alone and spreads
    # the hub-and-spoke shape of a news corpus (many actors around a few countries) well
    pos = nx.forceatlas2_layout(c, seed=seed, max_iter=150, scaling_ratio=4.0)
    return {v: (float(x), float(y)) for v, (x, y) in pos.items()}


def layout(g: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]², the same for the same graph: each connected component laid out
    force-directed (seeded) at a size that grows with it, then the components packed in rows,
    largest first, so small islands do not squeeze the main graph into a corner."""
    if g.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(g.to_undirected())
    comps = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    placed, boxes = [], []
    for nodes in comps:
        pos = _component_layout(simple.subgraph(nodes), seed)
        radius = 0.5 * len(nodes) ** 0.5
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        size = 2 * radius if len(nodes) > 1 else 0.6
        placed.append({v: ((x - cx) / span * size, (y - cy) / span * size) for v, (x, y) in pos.items()})
        boxes.append(size + 0.6)
    row_width = max(boxes[0], sum(b * b for b in boxes) ** 0.5 * 1.3)
    out, x, y, row_h = {}, 0.0, 0.0, 0.0
    for pos, box in zip(placed, boxes):
        if x > 0 and x + box > row_width:
            x, y, row_h = 0.0, y - row_h, 0.0
        for v, (px, py) in pos.items():
            out[v] = (x + box / 2 + px, y - box / 2 + py)
        x += box
        row_h = max(row_h, box)
    xs, ys = [p[0] for p in out.values()], [p[1] for p in out.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    return {v: ((px - cx) / half, (py - cy) / half) for v, (px, py) in out.items()}
