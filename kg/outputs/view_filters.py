"""The filters of the graph view (`kg export --entities-only --around --since/--until --min-weight
--clusters`): functions from the view's networkx graph to a smaller one, so a store of hundreds of
documents gives a picture people can read. `kg.outputs.view` applies them in the order of `apply`.

An edge from an event to an entity is a role (agent, patient, participant, place); `weight` counts the
documents that state an edge (or, once events are collapsed, the events that link two entities).
"""
from __future__ import annotations

import re
from calendar import monthrange
from datetime import date

import networkx as nx

from kg.errors import KgError
from kg.outputs.scope import ViewFilter

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
ACTOR_ROLES = ("agent", "patient", "participant")


def date_span(value: str) -> tuple[date, date] | None:
    """The days a date of the graph covers: 2024-07-08 one day, 2024-07 a month, 2024 a year."""
    m = _DATE.fullmatch(value or "")
    if not m:
        return None
    y, mo, d = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    try:
        if d:
            return date(y, mo, d), date(y, mo, d)
        if mo:
            return date(y, mo, 1), date(y, mo, monthrange(y, mo)[1])
        return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None


def in_window(g: nx.MultiDiGraph, since: date | None, until: date | None) -> None:
    """Drop the events not dated within [since, until] (an undated event too: it cannot be placed)."""
    for n, d in list(g.nodes(data=True)):
        if d.get("kind") != "event":
            continue
        span = date_span(d.get("date", ""))
        if span is None or (since and span[1] < since) or (until and span[0] > until):
            g.remove_node(n)


def merge_clusters(g: nx.MultiDiGraph, clusters: dict[str, dict]) -> None:
    """One node per event cluster in place of its reports (event -> the cluster node's attributes, with
    its `id`); the reports' role edges move to it, parallel ones added up."""
    edges: dict[tuple[str, str, str], int] = {}
    for event, attrs in clusters.items():
        if event not in g:
            continue
        c = attrs["id"]
        if c not in g:
            g.add_node(c, **{k: v for k, v in attrs.items() if k != "id"})
        node = g.nodes[c]
        member = g.nodes[event]
        if member.get("date") and (not node.get("date") or member["date"] < node["date"]):
            node["date"] = member["date"]          # the earliest report's date
        if member.get("sentence") and "sentence" not in node:
            node["sentence"] = member["sentence"]
        for _, o, d in g.out_edges(event, data=True):
            edges[(c, o, d["label"])] = edges.get((c, o, d["label"]), 0) + d.get("weight", 1)
        for s, _, d in g.in_edges(event, data=True):
            edges[(s, c, d["label"])] = edges.get((s, c, d["label"]), 0) + d.get("weight", 1)
        g.remove_node(event)
    for (s, o, label), w in edges.items():
        if s in g and o in g:
            g.add_edge(s, o, key=f"c{g.number_of_edges()}", label=label, interaction=label, weight=w)


def _pairs(g: nx.MultiDiGraph, event: str) -> set[tuple[str, str]]:
    """The actor pairs an event links: agent -> patient, or (without both) every two of its actors."""
    roles: dict[str, list[str]] = {r: [] for r in ACTOR_ROLES}
    for _, o, d in g.out_edges(event, data=True):
        if d.get("label") in roles and g.nodes[o].get("kind") != "event":
            roles[d["label"]].append(o)
    if roles["agent"] and roles["patient"]:
        return {(a, p) for a in roles["agent"] for p in roles["patient"] if a != p}
    actors = sorted(set(roles["agent"] + roles["patient"] + roles["participant"]))
    return {(a, b) for i, a in enumerate(actors) for b in actors[i + 1:]}


def collapse_events(g: nx.MultiDiGraph) -> None:
    """Events out, actor-actor edges in: one edge per (actor, actor, event type), `weight` the events."""
    counts: dict[tuple[str, str, str], int] = {}
    events = [n for n, d in g.nodes(data=True) if d.get("kind") == "event"]
    for e in events:
        etype = str(g.nodes[e].get("eventType", "event"))
        for a, b in _pairs(g, e):
            counts[(a, b, etype)] = counts.get((a, b, etype), 0) + 1
    g.remove_nodes_from(events)
    for n, ((a, b, etype), w) in enumerate(sorted(counts.items())):
        g.add_edge(a, b, key=f"v{n}", label=etype, interaction=etype, weight=w, kind="event")


def heavy(g: nx.MultiDiGraph, min_weight: int) -> None:
    g.remove_edges_from([(s, o, k) for s, o, k, w in g.edges(keys=True, data="weight", default=1) if w < min_weight])


def find_entities(g: nx.MultiDiGraph, name: str) -> list[str]:
    """The entities a name means: those labelled so (any case) or with that IRI, else the one whose label
    contains it; KgError when none or several do."""
    want = name.casefold().strip()
    entities = [(n, str(d.get("label", ""))) for n, d in g.nodes(data=True) if d.get("kind") != "event"]
    exact = [n for n, label in entities if label.casefold() == want or n == name]
    if exact:
        return exact
    partial = sorted((label, n) for n, label in entities if want in label.casefold())
    if len(partial) == 1:
        return [partial[0][1]]
    if not partial:
        raise KgError("around_missing", name=name)
    raise KgError("around_ambiguous", name=name, candidates="; ".join(label for label, _ in partial[:8]))


def around(g: nx.MultiDiGraph, name: str, depth: int) -> nx.MultiDiGraph:
    """The neighbourhood of `depth` hops (either direction) of the entities `name` means."""
    undirected = g.to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in find_entities(g, name):
        keep |= set(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
    return g.subgraph(keep).copy()


def apply(g: nx.MultiDiGraph, view: ViewFilter, clusters: dict[str, dict] | None = None) -> nx.MultiDiGraph:
    """The view's filters in turn: dates, clusters, entities only, weights, neighbourhood; then, if any
    filter but --clusters is on, the nodes left without an edge go."""
    if view.since is not None or view.until is not None:
        in_window(g, view.since, view.until)
    if view.clusters:
        merge_clusters(g, clusters or {})
    if view.entities_only:
        collapse_events(g)
    if view.min_weight > 1:
        heavy(g, view.min_weight)
    if view.prunes:
        g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    if view.around is not None:
        g = around(g, view.around, view.depth)
    return g
