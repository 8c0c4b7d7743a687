"""`kg export --format html`: one self-contained page with an interactive graph (no network needed).

The page inlines Cytoscape.js (vendored in kg/outputs/static/, see VENDORED.md) and the graph as
JSON: entities coloured by type, events (diamonds) by event type, labelled edges, a search box,
and a side panel that shows the sentences a clicked node came from. The URL fragment can preset
both: `page.html#search=Modi` or `page.html#select=Narendra%20Modi`.
"""
from __future__ import annotations

import html as htmllib
import json
from importlib import resources

from kg.outputs.drawing import TYPE_COLORS, layout, node_color
from kg.outputs.export import _scope, to_networkx
from kg.rdf.store import Store

MAX_SENTENCES = 25

SENTENCES_QUERY = """
SELECT DISTINCT ?node ?sentence ?begin WHERE {
  %(scope_open)s ?node gaf:denotedBy ?m . ?m nif:sentence ?s . ?s nif:anchorOf ?sentence .
  OPTIONAL { ?s nif:beginIndex ?begin } %(scope_close)s
} ORDER BY ?node ?begin
"""


def static_text(name: str) -> str:
    return resources.files("kg.outputs").joinpath("static", name).read_text(encoding="utf-8")


def graph_data(store: Store, doc_id: str | None = None) -> dict:
    """Nodes (with position, colour and source sentences) and edges, as the page's JSON."""
    g = to_networkx(store, doc_id)
    sentences: dict[str, list[str]] = {}
    for sol in store.query(SENTENCES_QUERY % _scope(doc_id)):
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
        nodes.append({"data": {"id": n, "label": d.get("label", n), "type": d.get("type", ""), "kind": d.get("kind", ""),
                               "color": node_color(d), "sentences": sentences.get(n) or ([d["sentence"].strip()]
                                                                                      if d.get("sentence") else []),
                               **extra},
                      "position": {"x": round(x * 900, 1), "y": round(-y * 700, 1)}})
    edges = [{"data": {"id": f"e{i}", "source": s, "target": o, "label": d.get("label", "")}}
             for i, (s, o, d) in enumerate(g.edges(data=True))]
    return {"nodes": nodes, "edges": edges}


def _json_for_script(data) -> str:
    """JSON safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(store: Store, doc_id: str | None = None) -> str:
    data = graph_data(store, doc_id)
    n_events = sum(1 for n in data["nodes"] if n["data"]["kind"] == "event")
    title = f"kg graph — {doc_id}" if doc_id else "kg graph"
    summary = f"{len(data['nodes']) - n_events} entities, {n_events} events, {len(data['edges'])} edges"
    present = {n["data"]["type"] for n in data["nodes"] if n["data"]["kind"] != "event"}
    legend = "".join(f'<span class="sw" style="background:{c}"></span>{htmllib.escape(t)} '
                     for t, c in TYPE_COLORS.items() if t in present)
    legend += '<span class="sw ev"></span>event (colour = event type)'
    page = PAGE.replace("%%TITLE%%", htmllib.escape(title)).replace("%%SUMMARY%%", htmllib.escape(summary))
    page = page.replace("%%LEGEND%%", legend).replace("%%DATA%%", _json_for_script(data))
    js = static_text("cytoscape.min.js").replace("</script", "<\\/script")
    return page.replace("%%CYTOSCAPE%%", js)


def write_html(store: Store, output, doc_id: str | None = None) -> None:
    text = render_html(store, doc_id)
    if hasattr(output, "write"):
        output.write(text)
    else:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%%TITLE%%</title>
<style>
 html, body { margin: 0; height: 100%; font: 14px system-ui, sans-serif; color: #222; }
 body { display: flex; flex-direction: column; }
 header { padding: 6px 10px; border-bottom: 1px solid #ddd; display: flex; gap: 14px; align-items: center;
          flex-wrap: wrap; }
 header h1 { font-size: 16px; margin: 0; }
 #search { padding: 4px 6px; width: 220px; }
 #legend { font-size: 12px; }
 .sw { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin: 0 3px 0 8px;
       vertical-align: -1px; }
 .sw.ev { border-radius: 0; transform: rotate(45deg); background: #f28e2b; margin-right: 6px; }
 main { flex: 1; display: flex; min-height: 0; }
 #cy { flex: 1; min-width: 0; background: #fcfcfc; }
 #info { width: 330px; overflow: auto; padding: 10px 12px; border-left: 1px solid #ddd; }
 #info h2 { font-size: 15px; margin: 0 0 4px; }
 #info .meta { color: #666; font-size: 12px; margin-bottom: 8px; }
 #info li { margin-bottom: 6px; line-height: 1.35; }
</style></head>
<body>
<header><h1>%%TITLE%%</h1><span id="summary">%%SUMMARY%%</span>
 <input id="search" type="search" placeholder="Search nodes…" aria-label="Search nodes">
 <span id="matches"></span><span id="legend">%%LEGEND%%</span></header>
<main><div id="cy"></div>
 <aside id="info"><p class="meta">Click a node to see the sentences it came from.</p></aside></main>
<div id="kg-status" hidden></div>
<script type="application/json" id="kg-data">%%DATA%%</script>
<script>%%CYTOSCAPE%%</script>
<script>
(function () {
  var data = JSON.parse(document.getElementById('kg-data').textContent);
  var cy = cytoscape({
    container: document.getElementById('cy'),
    elements: data.nodes.concat(data.edges),
    layout: { name: 'preset', fit: true, padding: 30 },
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: { 'background-color': 'data(color)', 'label': 'data(label)', 'font-size': 10,
          'text-valign': 'bottom', 'text-margin-y': 3, 'width': 18, 'height': 18, 'border-width': 1,
          'border-color': '#555', 'text-wrap': 'ellipsis', 'text-max-width': 140 } },
      { selector: 'node[kind = "event"]', style: { 'shape': 'diamond', 'width': 14, 'height': 14, 'font-size': 8,
          'color': '#555' } },
      { selector: 'edge', style: { 'width': 1, 'line-color': '#aaa', 'target-arrow-color': '#aaa',
          'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'arrow-scale': 0.7, 'label': 'data(label)',
          'font-size': 7, 'color': '#777', 'text-rotation': 'autorotate' } },
      { selector: '.faded', style: { 'opacity': 0.15 } },
      { selector: '.match', style: { 'border-width': 4, 'border-color': '#d62728' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1f77b4' } }
    ]
  });
  function el(tag, text, cls) {
    var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls;
    return e;
  }
  function show(node) {
    var d = node.data(), info = document.getElementById('info');
    info.replaceChildren();
    info.appendChild(el('h2', d.label));
    var meta = [d.kind === 'event' ? 'event: ' + (d.eventType || '') : d.type];
    if (d.date) meta.push(d.date);
    if (d.jobTitle) meta.push(d.jobTitle);
    info.appendChild(el('div', meta.join(' · '), 'meta'));
    var links = node.connectedEdges().map(function (e) {
      var other = e.source().id() === node.id() ? e.target() : e.source();
      return (e.source().id() === node.id() ? '→ ' : '← ') + e.data('label') + ': ' + other.data('label');
    });
    if (links.length) { var ul = el('ul', undefined, 'links'); links.forEach(function (t) { ul.appendChild(el('li', t)); });
      info.appendChild(el('h3', 'Links')); info.appendChild(ul); }
    info.appendChild(el('h3', 'Sentences'));
    var ol = el('ol', undefined, 'sentences');
    (d.sentences || []).forEach(function (s) { ol.appendChild(el('li', s)); });
    if (!(d.sentences || []).length) info.appendChild(el('p', '(no sentence recorded)', 'meta'));
    info.appendChild(ol);
    info.appendChild(el('div', d.id, 'meta'));
    document.getElementById('kg-status').dataset.selected = d.label;
  }
  cy.on('tap', 'node', function (evt) { cy.$(':selected').unselect(); evt.target.select(); show(evt.target); });
  function search(text) {
    var q = (text || '').trim().toLowerCase();
    cy.elements().removeClass('faded match');
    var out = document.getElementById('matches');
    if (!q) { out.textContent = ''; return 0; }
    var hits = cy.nodes().filter(function (n) { return n.data('label').toLowerCase().indexOf(q) >= 0; });
    cy.elements().not(hits.closedNeighborhood()).addClass('faded');
    hits.addClass('match');
    out.textContent = hits.length + (hits.length === 1 ? ' match' : ' matches');
    if (hits.length) cy.fit(hits.closedNeighborhood(), 60);
    return hits.length;
  }
  var box = document.getElementById('search');
  box.addEventListener('input', function () { search(box.value); });
  function fromHash() {
    var h = new URLSearchParams(location.hash.replace(/^#/, ''));
    if (h.get('search') !== null) { box.value = h.get('search'); search(box.value); }
    if (h.get('select') !== null) {
      var want = h.get('select');
      var node = cy.nodes().filter(function (n) { return n.data('label') === want || n.id() === want; }).first();
      if (node.nonempty()) node.emit('tap');
    }
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
  var status = document.getElementById('kg-status');
  status.dataset.nodes = cy.nodes().length;
  status.dataset.edges = cy.edges().length;
  status.dataset.ready = 'true';
  window.kgCy = cy;
})();
</script>
</body></html>
"""
