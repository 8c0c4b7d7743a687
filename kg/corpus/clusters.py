"""One event, many reports: cross-document event clusters in their own named graph.

Every event of every document is a *report*. Reports of the same type whose principal actors are the
same (agents, patients and participants; a group of people counts as "people of its nationality", a
city as its country) and whose dates and places are compatible are one real-world event. The
clusters of two reports or more live in `<base>graph/corroboration`, recomputed after each build or
removal for the (type, actors) groups that changed, so each document graph stays self-contained:

    <cluster> a kg:EventCluster ; sem:eventType kge:Release ; sem:hasActor <country/RU> ;
        kg:mentionCount 9 ; kg:articleCount 8 ; kg:sourceCount 8 ;
        prov:wasDerivedFrom <doc/a>, <doc/b> ; schema:publisher "Outlet A", "Outlet B" .
    <report event> kg:reportedEvent <cluster> .

like GDELT's NumMentions / NumArticles / NumSources. Dates are compatible when their intervals
(a day, a month or a year, widened by a day) overlap; an undated report is dated by its
article's publication date, give or take two weeks. Places are compatible when either report has
none, or they share a place or a country.
"""
from __future__ import annotations

import hashlib
from calendar import monthrange
from datetime import date, timedelta
from itertools import islice
from typing import Callable, Iterable
from urllib.parse import urlparse

from kg.model import ExtractedDocument
from kg.model.vocab import base_iri
from kg.rdf.mapping import Iris, entity_iri

UNDATED_WINDOW = 14   # days either side of the publication date for an undated report
SLACK = 1             # days of tolerance around a stated date


def corroboration_graph_iri() -> str:
    return f"{base_iri()}graph/corroboration"


def _interval(value: str, precision: str) -> tuple[int, int] | None:
    try:
        parts = [int(p) for p in value.split("-")]
        if precision == "day" and len(parts) == 3:
            d = date(*parts)
            return d.toordinal(), d.toordinal()
        if precision == "month" and len(parts) >= 2:
            return date(parts[0], parts[1], 1).toordinal(), date(parts[0], parts[1], monthrange(parts[0], parts[1])[1]).toordinal()
        if len(parts) >= 1:
            return date(parts[0], 1, 1).toordinal(), date(parts[0], 12, 31).toordinal()
    except ValueError:
        return None
    return None


def source_of(doc: ExtractedDocument) -> str:
    a = doc.article
    if a.source:
        return a.source
    if a.url:
        host = urlparse(a.url).netloc
        if host:
            return host.removeprefix("www.")
    return f"doc:{a.id}"


def event_rows(doc: ExtractedDocument) -> list[tuple]:
    """Index rows for every event of a (resolved) document."""
    ents = doc.entities
    country_of: dict[str, str] = {}
    for r in doc.relations:
        if r.predicate in ("containedInPlace", "location") and r.object.startswith("country:"):
            country_of.setdefault(r.subject, r.object)
    nat: dict[str, str] = {}
    for r in doc.relations:
        if r.predicate == "nationality" and r.object.startswith("country:"):
            nat.setdefault(r.subject, r.object)

    def principal(k: str) -> str | None:
        e = ents.get(k)
        if k.startswith("group:"):
            return f"people:{nat[k]}" if k in nat else None
        if e is not None and e.kind in ("City", "AdministrativeArea") and k in country_of:
            return country_of[k]
        return k

    iris = Iris(doc.article.id)
    pub = doc.article.published
    src = source_of(doc)
    rows = []
    for i, ev in enumerate(doc.events):
        actors = sorted({p for k in ev.agents + ev.patients + ev.participants if (p := principal(k))})
        if not actors:
            continue
        lo = hi = None
        if ev.time is not None and (iv := _interval(ev.time.value, ev.time.precision)):
            lo, hi = iv[0] - SLACK, iv[1] + SLACK
        elif pub is not None:
            lo, hi = (pub - timedelta(days=UNDATED_WINDOW)).toordinal(), (pub + timedelta(days=UNDATED_WINDOW)).toordinal()
        places = sorted(set(ev.places))
        countries = sorted({p if p.startswith("country:") else country_of.get(p, "") for p in places} - {""})
        figures = []
        for k in ev.agents + ev.patients + ev.participants:
            e = ents.get(k)
            if e is not None and e.kind == "Group" and (e.count is not None or e.count_qualifier):
                n = str(e.count) if e.count is not None else ""
                if getattr(e, "count_max", None) is not None:
                    n = f"{n} to {e.count_max}"
                figures.append(" ".join(x for x in (e.count_qualifier or "", n) if x))
        rows.append((doc.article.id, i, str(iris.event(ev)), ev.type, "|".join(actors), lo, hi, "|".join(places),
                     "|".join(countries), "; ".join(sorted(set(figures))), ev.time.value if ev.time else "", src))
    return rows


def _compatible(a: tuple, b: tuple) -> bool:
    (alo, ahi, apl, aco), (blo, bhi, bpl, bco) = a, b
    if alo is not None and blo is not None and (ahi < blo or bhi < alo):
        return False
    if apl and bpl and not (apl & bpl) and not (aco & bco):
        return False
    return True


def cluster_rows(rows: list[tuple]) -> list[list[tuple]]:
    """Greedy complete-linkage clustering of one (type, actors) group; deterministic."""
    def sort_key(r):
        return (r[5] is None, r[5] or 0, r[2])

    clusters: list[list[tuple]] = []
    feats: list[list[tuple]] = []
    for r in sorted(rows, key=sort_key):
        f = (r[5], r[6], set(filter(None, r[7].split("|"))), set(filter(None, r[8].split("|"))))
        for c, fs in zip(clusters, feats):
            if all(_compatible(f, g) for g in fs):
                c.append(r)
                fs.append(f)
                break
        else:
            clusters.append([r])
            feats.append([f])
    return clusters


def _lit(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def cluster_triples(etype: str, sig: str, members: list[tuple]) -> tuple[str, list[str]]:
    """The cluster's IRI and its N-Triples lines."""
    from rdflib.namespace import PROV, RDF, XSD

    from kg.model.vocab import KG, KGE, SCHEMA, SEM
    first = min(m[2] for m in members)
    h = hashlib.sha1(f"{etype}|{sig}|{first}".encode()).hexdigest()[:16]
    node = f"<{base_iri()}event-cluster/{h}>"
    docs = sorted({m[0] for m in members})
    sources = sorted({m[11] for m in members})
    xsd_int = f"<{XSD.integer}>"
    lines = [f"{node} <{RDF.type}> <{KG.EventCluster}> .",
             f"{node} <{SEM.eventType}> <{KGE[etype]}> .",
             f"{node} <{KG.mentionCount}> \"{len(members)}\"^^{xsd_int} .",
             f"{node} <{KG.articleCount}> \"{len(docs)}\"^^{xsd_int} .",
             f"{node} <{KG.sourceCount}> \"{len(sources)}\"^^{xsd_int} ."]
    for a in sig.split("|"):
        if not a.startswith("people:"):
            lines.append(f"{node} <{SEM.hasActor}> <{entity_iri(a)}> .")
    from kg.rdf.mapping import Iris
    for d in docs:
        lines.append(f"{node} <{PROV.wasDerivedFrom}> <{Iris(d).doc}> .")
    for s in sources:
        lines.append(f"{node} <{SCHEMA.publisher}> {_lit(s)} .")
    for m in members:
        lines.append(f"<{m[2]}> <{KG.reportedEvent}> {node} .")
    return node[1:-1], lines


def recompute(store, index, groups: Iterable[str], batch: int = 300,
              on_write: Callable[[int], None] | None = None) -> int:
    """Recompute the clusters of the given "type|sig" groups; returns how many clusters are stored.

    A set is taken in sorted order; any other iterable is streamed as given, `batch` groups per store
    update. on_write(n) is told how many triples each update inserted."""
    from kg.model.vocab import KG
    g = corroboration_graph_iri()
    it = iter(sorted(groups) if isinstance(groups, (set, frozenset)) else groups)
    written = 0
    while chunk := list(islice(it, batch)):
        ops, inserts, new_rows = [], [], []
        for grp in chunk:
            for (iri,) in index.db.execute("SELECT iri FROM clusters WHERE grp = ?", (grp,)):
                ops.append(f"DELETE WHERE {{ GRAPH <{g}> {{ <{iri}> ?p ?o }} }}")
                ops.append(f"DELETE WHERE {{ GRAPH <{g}> {{ ?s <{KG.reportedEvent}> <{iri}> }} }}")
            etype, _, sig = grp.partition("|")
            rows = index.db.execute("SELECT * FROM events WHERE type = ? AND sig = ?", (etype, sig)).fetchall()
            for members in cluster_rows(rows):
                if len(members) < 2:
                    continue
                iri, lines = cluster_triples(etype, sig, members)
                inserts.extend(lines)
                new_rows.append((grp, iri))
        if inserts:
            ops.append(f"INSERT DATA {{ GRAPH <{g}> {{\n" + "\n".join(inserts) + "\n} }")
        if ops:
            store._store.update(" ;\n".join(ops))
        index.db.execute("BEGIN")
        index.db.executemany("DELETE FROM clusters WHERE grp = ?", [(x,) for x in chunk])
        index.db.executemany("INSERT OR REPLACE INTO clusters VALUES (?, ?)", new_rows)
        index.db.execute("COMMIT")
        written += len(new_rows)
        if on_write:
            on_write(len(inserts))
    return written
