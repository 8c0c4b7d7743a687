"""`kg export --format html`: one self-contained page with an interactive graph (no network needed).

The page (kg/outputs/static/page.html) inlines Cytoscape.js (vendored there, see VENDORED.md) and the graph as
JSON: entities coloured by type, events (diamonds) by event type, labelled edges, a search box,
and a side panel that shows the sentences a clicked node came from. The URL fragment can preset
both: `graph.html#search=Modi` or `graph.html#select=Narendra%20Modi`.
"""
from __future__ import annotations

import html as htmllib
import json
from importlib import resources
from typing import BinaryIO

from kg.outputs.drawing import TYPE_COLORS, layout, node_color
from kg.outputs.scope import WHOLE, Scope
from kg.outputs.view import to_networkx
from kg.rdf.store import Store

MAX_SENTENCES = 25

SENTENCES_QUERY = "SELECT DISTINCT ?node ?sentence ?begin WHERE { %s } ORDER BY ?node ?begin"
SENTENCES_PATTERN = ("?node gaf:denotedBy ?m . ?m nif:sentence ?s . ?s nif:anchorOf ?sentence . "
                     "OPTIONAL { ?s nif:beginIndex ?begin }")


def static_text(name: str) -> str:
    return resources.files("kg.outputs").joinpath("static", name).read_text(encoding="utf-8")


def graph_data(store: Store, scope: Scope = WHOLE) -> dict:
    """Nodes (with position, colour and source sentences) and edges, as the page's JSON."""
    g = to_networkx(store, scope)
    sentences: dict[str, list[str]] = {}
    for sol in store.query(SENTENCES_QUERY % scope.wrap(SENTENCES_PATTERN)):
        node = sol["node"].value
        if node in g:
            got = sentences.setdefault(node, [])
            text = " ".join(sol["sentence"].value.split())
            if text not in got and len(got) < MAX_SENTENCES:
                got.append(text)
    pos = layout(g)
    nodes = []
    for n, d in g.nodes(data=True):
        x, y = pos.get(n, (0.0, 0.0))
        extra = {k: d[k] for k in ("eventType", "date", "jobTitle", "iso", "count") if k in d}
        said = sentences.get(n) or ([d["sentence"].strip()] if d.get("sentence") else [])
        nodes.append({"data": {"id": n, "label": d.get("label", n), "type": d.get("type", ""),
                               "kind": d.get("kind", ""), "color": node_color(d), "sentences": said,
                               "degree": g.degree(n), **extra},
                      "position": {"x": round(x * 900, 1), "y": round(-y * 700, 1)}})
    edges = [{"data": {"id": f"e{i}", "source": s, "target": o, "label": d.get("label", "")}}
             for i, (s, o, d) in enumerate(g.edges(data=True))]
    return {"nodes": nodes, "edges": edges}


def _json_for_script(data) -> str:
    """JSON safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(store: Store, scope: Scope = WHOLE) -> str:
    data = graph_data(store, scope)
    n_events = sum(1 for n in data["nodes"] if n["data"]["kind"] == "event")
    title = f"kg graph — {scope.doc_id}" if scope.doc_id else "kg graph"
    summary = f"{len(data['nodes']) - n_events} entities, {n_events} events, {len(data['edges'])} edges"
    present = {n["data"]["type"] for n in data["nodes"] if n["data"]["kind"] != "event"}
    legend = "".join(f'<span class="sw" style="background:{c}"></span>{htmllib.escape(t)} '
                     for t, c in TYPE_COLORS.items() if t in present)
    if n_events:   # (an --entities-only view has none)
        legend += '<span class="sw ev"></span>event (colour = event type)'
    page = static_text("page.html").replace("%%TITLE%%", htmllib.escape(title))
    page = page.replace("%%SUMMARY%%", htmllib.escape(summary))
    page = page.replace("%%LEGEND%%", legend).replace("%%DATA%%", _json_for_script(data))
    js = static_text("cytoscape.min.js").replace("</script", "<\\/script")
    return page.replace("%%CYTOSCAPE%%", js)


def write(store: Store, scope: Scope, out: BinaryIO, fmt: str = "html") -> None:
    out.write(render_html(store, scope).encode("utf-8"))
