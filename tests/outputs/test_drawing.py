"""The shared layout: deterministic, and a large component is spread by force, not put on a circle."""
import statistics

import networkx as nx

from kg.outputs.drawing import layout


def _hubs_and_spokes(n_hubs=6, spokes=110):
    g = nx.Graph()
    for h in range(n_hubs):
        g.add_edge(f"hub{h}", f"hub{(h + 1) % n_hubs}")
        g.add_edges_from((f"hub{h}", f"leaf{h}_{i}") for i in range(spokes))
    return g


def test_a_component_of_hundreds_of_nodes_puts_its_hubs_inside_their_spokes():
    g = _hubs_and_spokes()
    assert g.number_of_nodes() > 500
    pos = layout(g)
    for h in range(6):
        leaves = [pos[v] for v in g if v.startswith(f"leaf{h}_")]
        cx, cy = statistics.mean(x for x, _ in leaves), statistics.mean(y for _, y in leaves)
        out = [((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 for x, y in leaves]
        hx, hy = pos[f"hub{h}"]
        # on a circle a hub is on the rim like its leaves; spread by force it sits among them
        assert ((hx - cx) ** 2 + (hy - cy) ** 2) ** 0.5 < 0.5 * statistics.median(out)


def test_the_layout_is_the_same_for_the_same_graph():
    g = _hubs_and_spokes(3, 200)
    assert layout(g) == layout(g)
