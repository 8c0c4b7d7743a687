"""`kg export --format png|svg`: a static picture of the graph for reports (networkx layout + matplotlib).

Entities are circles coloured by type, events small diamonds coloured by event type, edges carry
their labels; the layout is seeded, so the same graph gives the same picture.
"""
from __future__ import annotations

from typing import BinaryIO

from kg.errors import KgError
from kg.outputs.drawing import TYPE_COLORS, layout, node_color
from kg.outputs.scope import Scope
from kg.outputs.view import to_networkx
from kg.rdf.store import Store


def write(store: Store, scope: Scope, out: BinaryIO, fmt: str, dpi: int = 100) -> None:
    """Write the picture (fmt png or svg) to a binary file object."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    g = to_networkx(store, scope)
    if g.number_of_nodes() == 0:
        raise KgError("picture_empty", scope=f" of '{scope.doc_id}'" if scope.doc_id else "")
    pos = layout(g)
    n = g.number_of_nodes()
    side = min(40.0, max(10.0, n ** 0.5 * 1.6))
    plt.rcParams["svg.fonttype"] = "none"  # text stays text in the SVG: smaller and searchable
    fig, ax = plt.subplots(figsize=(side * 1.35, side))
    try:
        ax.set_axis_off()
        entities = [v for v, d in g.nodes(data=True) if d.get("kind") != "event"]
        events = [v for v, d in g.nodes(data=True) if d.get("kind") == "event"]
        simple = nx.DiGraph(g)
        nx.draw_networkx_edges(simple, pos, ax=ax, edge_color="#999999", width=0.7, arrows=True, arrowsize=7,
                               node_size=160)
        nx.draw_networkx_nodes(g, pos, nodelist=entities, ax=ax, node_size=180, linewidths=0.6, edgecolors="#444444",
                               node_color=[node_color(g.nodes[v]) for v in entities])
        nx.draw_networkx_nodes(g, pos, nodelist=events, ax=ax, node_size=70, node_shape="D", linewidths=0.4,
                               edgecolors="#666666", node_color=[node_color(g.nodes[v]) for v in events])
        nx.draw_networkx_labels(g, pos, ax=ax, font_size=7, verticalalignment="bottom",
                                labels={v: g.nodes[v].get("label", v) for v in entities})
        nx.draw_networkx_labels(g, pos, ax=ax, font_size=5.5, font_color="#555555", verticalalignment="top",
                                labels={v: g.nodes[v].get("label", v) for v in events})
        edge_labels = {(s, o): d.get("label", "") for s, o, d in g.edges(data=True)}
        nx.draw_networkx_edge_labels(simple, pos, edge_labels=edge_labels, ax=ax, font_size=5, font_color="#777777",
                                     rotate=False, bbox={"alpha": 0})
        present = {g.nodes[v].get("type") for v in entities}
        handles = [Line2D([], [], marker="o", linestyle="", markersize=7, markerfacecolor=c, markeredgecolor="#444444",
                          label=t) for t, c in TYPE_COLORS.items() if t in present]
        if events:   # (an --entities-only view has none)
            handles.append(Line2D([], [], marker="D", linestyle="", markersize=5, markerfacecolor="#f28e2b",
                                  markeredgecolor="#666666", label="event (colour = event type)"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
        title = f"kg graph of {scope.doc_id}" if scope.doc_id else "kg graph"
        ax.set_title(f"{title}: {len(entities)} entities, {len(events)} events, {g.number_of_edges()} edges",
                     fontsize=10)
        fig.subplots_adjust(left=0.01, right=0.86, bottom=0.01, top=0.96)  # room for the legend; no 2nd draw
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(out, format=fmt, dpi=dpi, metadata=metadata)
    finally:
        plt.close(fig)
