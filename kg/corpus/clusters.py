"""One event, many reports: cross-document event clusters, recomputed incrementally.

Every event of every document is a *report*. Reports of the same type whose principal actors are the
same (agents, patients and participants; a group of people counts as "people of its nationality", a
city as its country) and whose dates and places are compatible are one real-world event. Clusters of
two reports or more are stored in their own named graph (kg.rdf.clusters), recomputed after each
build or removal for the (type, actors) groups that changed, so each document graph stays
self-contained. Dates are compatible when their intervals (a day, a month or a year, widened by a
day) overlap; an undated report is dated by its article's publication date, give or take two weeks.
Places are compatible when either report has none, or they share a place or a country.
"""
from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from itertools import islice
from typing import Callable, Iterable
from urllib.parse import urlparse

from kg.model import ExtractedDocument, Kind, Pred, keys
from kg.model.keys import Space
from kg.rdf.clusters import Cluster, cluster_triples
from kg.rdf.mapping import Iris

UNDATED_WINDOW = 14   # days either side of the publication date for an undated report
SLACK = 1             # days of tolerance around a stated date
#: a signature atom standing for a group of people by their nationality ("people:country:RU"); not an entity
PEOPLE = "people:"


def _interval(value: str, precision: str) -> tuple[int, int] | None:
    try:
        parts = [int(p) for p in value.split("-")]
        if precision == "day" and len(parts) == 3:
            d = date(*parts)
            return d.toordinal(), d.toordinal()
        if precision == "month" and len(parts) >= 2:
            last = monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1).toordinal(), date(parts[0], parts[1], last).toordinal()
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


def _countries(doc: ExtractedDocument, *preds: Pred) -> dict[str, str]:
    """The first country each entity is linked to by one of `preds`."""
    out: dict[str, str] = {}
    for r in doc.relations:
        if r.predicate in preds and keys.in_space(r.object, Space.COUNTRY):
            out.setdefault(r.subject, r.object)
    return out


def _figure(e) -> str:
    """How many people a group counts, as the text says it ("at least 30 to 40")."""
    n = str(e.count) if e.count is not None else ""
    if e.count_max is not None:
        n = f"{n} to {e.count_max}"
    return " ".join(x for x in (e.count_qualifier or "", n) if x)


def event_rows(doc: ExtractedDocument) -> list[tuple]:
    """Index rows for every event of a (resolved) document."""
    ents = doc.entities
    country_of = _countries(doc, Pred.CONTAINED_IN_PLACE, Pred.LOCATION)
    nat = _countries(doc, Pred.NATIONALITY)

    def principal(k: str) -> str | None:
        e = ents.get(k)
        if keys.in_space(k, Space.GROUP):
            return f"{PEOPLE}{nat[k]}" if k in nat else None
        if e is not None and e.kind in (Kind.CITY, Kind.ADMINISTRATIVE_AREA) and k in country_of:
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
            lo = (pub - timedelta(days=UNDATED_WINDOW)).toordinal()
            hi = (pub + timedelta(days=UNDATED_WINDOW)).toordinal()
        places = sorted(set(ev.places))
        countries = sorted({p if keys.in_space(p, Space.COUNTRY) else country_of.get(p, "") for p in places} - {""})
        figures = {_figure(e) for k in ev.agents + ev.patients + ev.participants
                   if (e := ents.get(k)) is not None and e.kind == Kind.GROUP
                   and (e.count is not None or e.count_qualifier)}
        rows.append((doc.article.id, i, str(iris.event(ev)), ev.type, "|".join(actors), lo, hi, "|".join(places),
                     "|".join(countries), "; ".join(sorted(figures)), ev.time.value if ev.time else "", src))
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


def cluster_of(group: str, members: list[tuple]) -> Cluster:
    """The cluster record of index rows clustered together within one "type|sig" group."""
    etype, _, sig = group.partition("|")
    return Cluster(type=etype, signature=sig, actors=tuple(a for a in sig.split("|") if not a.startswith(PEOPLE)),
                   reports=tuple(m[2] for m in members), documents=tuple(sorted({m[0] for m in members})),
                   sources=tuple(sorted({m[11] for m in members})))


def recompute(store, index, groups: Iterable[str], batch: int = 300,
              on_write: Callable[[int], None] | None = None) -> int:
    """Recompute the clusters of the given "type|sig" groups; returns how many clusters are stored.

    A set is taken in sorted order; any other iterable is streamed as given, `batch` groups per store
    update. on_write(n) is told how many triples each update inserted."""
    it = iter(sorted(groups) if isinstance(groups, (set, frozenset)) else groups)
    written = 0
    while chunk := list(islice(it, batch)):
        removed, triples, new_rows = [], [], []
        for grp in chunk:
            removed += [iri for (iri,) in index.db.execute("SELECT iri FROM clusters WHERE grp = ?", (grp,))]
            etype, _, sig = grp.partition("|")
            rows = index.db.execute("SELECT * FROM events WHERE type = ? AND sig = ?", (etype, sig)).fetchall()
            for members in cluster_rows(rows):
                if len(members) < 2:
                    continue
                c = cluster_of(grp, members)
                triples += cluster_triples(c)
                new_rows.append((grp, c.iri))
        store.update_clusters(removed, triples)
        index.db.execute("BEGIN")
        index.db.executemany("DELETE FROM clusters WHERE grp = ?", [(x,) for x in chunk])
        index.db.executemany("INSERT OR REPLACE INTO clusters VALUES (?, ?)", new_rows)
        index.db.execute("COMMIT")
        written += len(new_rows)
        if on_write:
            on_write(len(triples))
    return written
