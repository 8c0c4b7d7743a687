"""Recompute the event clusters of the (family, story) groups a build or removal touched.

A build of a large corpus touches hundreds of thousands of groups, most of them one or two reports of a
story; what each group costs beyond its own pairs must stay flat. So a chunk of groups is read at once —
one query for the reports of the chunk's stories, one for the stored clusters it replaces, one for the
term vectors of the documents that share a group with another document — never a query per group, a
per-type lookup or a vector read per group; and a group of fewer than two reports is not clustered at all.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import islice
from typing import Callable, Iterable

from kg.corpus import families
from kg.corpus.clusters import cluster_of, cluster_rows
from kg.corpus.index import transaction
from kg.corpus.stories import cosine
from kg.rdf.clusters import cluster_triples

#: SQLite's bound parameters per statement are kept below this
_PARAMS = 900

Similarity = Callable[[str, str], float]


def _chunks(items: list, n: int = _PARAMS):
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _vectors(db, docs: set[str]) -> dict[str, dict[str, float]]:
    """The term vectors (kg.corpus.stories) of `docs`, read in as few queries as the parameter limit allows."""
    out: dict[str, dict[str, float]] = {d: {} for d in docs}
    for part in _chunks(sorted(docs)):
        for doc, term, w in db.execute(f"SELECT doc, term, w FROM doc_terms WHERE doc IN ({','.join('?' * len(part))})",
                                       part):
            out[doc][term] = w
    return out


def _similarity(vectors: dict[str, dict[str, float]]) -> Similarity:
    @lru_cache(maxsize=None)       # one per pair of documents, however many reports they share
    def similarity(a: str, b: str) -> float:
        return cosine(vectors.get(a, {}), vectors.get(b, {}))
    return similarity


def chunk_rows(db, groups: Iterable[str], least: int = 2) -> dict[str, tuple[list[tuple], Similarity]]:
    """For each "family|story" group (kg.corpus.families.family_group) of `groups`: the index rows of its
    reports and the similarity of their documents — what `cluster_rows` takes. Groups with fewer than
    `least` reports are left out (by default those where nothing clusters)."""
    wanted = set(groups)
    byrow: dict[str, list[tuple]] = {}
    for part in _chunks(sorted({g.partition("|")[2] for g in wanted})):
        sql = ("SELECT s.story, e.* FROM stories s JOIN events e ON e.doc = s.doc "
               f"WHERE s.story IN ({','.join('?' * len(part))})")
        for story, *row in db.execute(sql, part):
            grp = f"{families.family(row[3])[0]}|{story}"
            if grp in wanted:
                byrow.setdefault(grp, []).append(tuple(row))
    byrow = {g: rows for g, rows in byrow.items() if len(rows) >= least}
    shared = {d for rows in byrow.values() if len({r[0] for r in rows}) > 1 for d in {r[0] for r in rows}}
    similarity = _similarity(_vectors(db, shared))
    return {g: (rows, similarity) for g, rows in byrow.items()}


def group_rows(db, grp: str) -> tuple[list[tuple], Similarity]:
    """The index rows of one "type|story" group's family and the similarity of their documents, for
    kg explain --event (the same reading recompute does for a chunk; a lone report too)."""
    fam = families.family_group(grp)
    return chunk_rows(db, [fam], least=1).get(fam, ([], lambda a, b: 0.0))


def _stored(db, chunk: list[str]) -> tuple[list[str], list[str]]:
    """The group names a chunk's clusters may be stored under (each family group, and each of its types'
    own group, as an older kg stored them) and the cluster IRIs stored under them."""
    names = sorted({f"{t}|{grp.partition('|')[2]}" for grp in chunk for t in families.family(grp.partition("|")[0])}
                   | set(chunk))
    iris: list[str] = []
    for part in _chunks(names):
        iris += [iri for (iri,) in db.execute(f"SELECT iri FROM clusters WHERE grp IN ({','.join('?' * len(part))})",
                                              part)]
    return names, iris


def recompute(store, index, groups: Iterable[str], batch: int = 300,
              on_write: Callable[[int], None] | None = None) -> int:
    """Recompute the clusters of the given "type|story" groups (each as its "family|story" group); returns
    how many clusters are stored.

    A set is taken in sorted order; any other iterable is streamed as given, `batch` groups per store
    update. on_write(n) is told how many triples each update inserted."""
    it = iter(sorted(groups) if isinstance(groups, (set, frozenset)) else groups)
    written = 0
    while chunk := list(islice(it, batch)):
        chunk = sorted({families.family_group(g) for g in chunk})
        names, removed = _stored(index.db, chunk)
        triples, new_rows = [], []
        for grp, (rows, similarity) in sorted(chunk_rows(index.db, chunk).items()):
            for members in cluster_rows(rows, similarity):
                if len(members) < 2:
                    continue
                c = cluster_of(grp, members)
                triples += cluster_triples(c)
                new_rows.append((grp, c.iri))
        store.update_clusters(removed, triples)
        with transaction(index.db):
            index.db.executemany("DELETE FROM clusters WHERE grp = ?", [(x,) for x in names])
            index.db.executemany("INSERT OR REPLACE INTO clusters VALUES (?, ?)", new_rows)
        written += len(new_rows)
        if on_write:
            on_write(len(triples))
    return written
