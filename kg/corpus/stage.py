"""The store-wide stages around each document's write, and the write path itself.

    corpus = Corpus(store.path, store)          # repairs what a killed writer left, if anything
    for doc in extracted:                       # document-local keys, from the NLP
        resolved = corpus.resolve(doc)          # store-wide keys (kg/corpus/identity.py)
        corpus.commit(doc, resolved)            # the index first: the plain document, persons, events, facts
    corpus.finish()                             # write the last batch, re-key, recluster

The index is the record of what was extracted; the RDF store is derived from it. A committed document
is recorded in the index with the other documents of its batch (`BATCH_DOCS`; one SQLite transaction,
with a `pending` mark each), committed, then written to the store with them: each document's graph, its
own triples in the default graph, and the merged description of every entity whose facts changed, from the per-entity
fact counts the index keeps (kg.rdf.consolidate). A writer killed part-way leaves the pending marks
(and the store marked incomplete); the next writer writes those documents again from the index — the
same write, so the result is what an uninterrupted build gives. The same holds for the store-wide
stages (`finish`): what they still have to do is noted in the index, not in memory.

Memory stays flat on any corpus size: what a build touched (surnames, event groups, entities) is noted in
index tables rather than in Python sets, `finish` takes it back in sorted batches, and the store's write
buffers are flushed to disk every FLUSH_TRIPLES triples written (Oxigraph's RocksDB keeps every write in its
in-memory memtables until a flush, about 0.85 KB per quad).
"""
from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path

import pyoxigraph as ox
from pyoxigraph import Literal

from kg.corpus import identity, identity_groups, stories
from kg.corpus.clusters import event_rows
from kg.corpus.index import FORMAT, TOUCHED, Index, transaction
from kg.corpus.recluster import recompute
from kg.errors import crash_point
from kg.model import ExtractedDocument, keys
from kg.model.keys import Space
from kg.rdf.consolidate import consolidate, split
from kg.rdf.mapping import document_triples, entity_space
from kg.rdf.store import Store

#: triples written to the store between two flushes of its write buffers (~40 MB of memtables)
FLUSH_TRIPLES = 50_000
#: documents written to the store together (their entities' merged descriptions are rewritten once)
BATCH_DOCS = 64
#: surname summaries kept in memory by a build (kg.corpus.identity_groups)
SUMMARIES = 20_000


class Corpus:
    """The index of the store at `path`; `store` is the Store it writes (None: read the index only, as
    `kg explain` does). `Corpus(store)` is short for `Corpus(store.path, store)`."""

    def __init__(self, path: str | os.PathLike | Store, store: Store | None = None):
        if not isinstance(path, (str, os.PathLike)):   # a Store, or anything with the store's path
            if store is None and isinstance(path, Store):
                store = path
            path = path.path
        self.path = Path(path)
        self.store = store
        self.index = Index(self.path)
        self.unflushed = 0      # triples written since the store's write buffers were last flushed
        self._batch: dict[str, list | None] = {}   # committed to the index, not yet written to the store
        self._summaries: OrderedDict[str, identity_groups.Surname] = OrderedDict()
        if store is not None and isinstance(store, Store):
            self._catch_up()

    def _catch_up(self) -> None:
        """Finish what a killed writer left (pending writes, store-wide stages), and bring an index of an
        older kg to this one's format by deriving the store's consolidated layer again from the records."""
        if self.index.format() != FORMAT:
            db = self.index.db
            with transaction(db):
                for doc_id in self.index.document_ids():
                    self.index.mark_pending(doc_id, "write")
                self.index.set_format()
        if self.index.stale_clusters:     # events of an older format: recorded again, clustered again
            self.store.update_clusters(self.index.stale_clusters, [])
            for doc_id in self.index.document_ids():
                doc = self.index.get_document(doc_id)
                self.commit(doc, self.resolve(doc))
        if self.index.pending() or self.index.pending_entities() or self.store.incomplete():
            self.write_pending()
        if any(self.index.touched(t) for t in TOUCHED):
            self.finish()

    def close(self) -> None:
        self.index.close()

    def written(self, triples: int) -> None:
        """Count triples written to the store; flush its write buffers to disk once FLUSH_TRIPLES have
        accumulated, so the store's memory does not grow with the corpus."""
        self.unflushed += triples
        if self.unflushed >= FLUSH_TRIPLES and self.store is not None:
            self.store.flush()
            self.unflushed = 0

    # --- per document ---------------------------------------------------------------------------
    def _group_records(self, surname: str, exclude_doc: str | None = None) -> list[identity.PersonRecord]:
        rows = self.index.db.execute("SELECT * FROM persons WHERE surname = ?", (surname,)).fetchall()
        return [identity.PersonRecord.from_row(r) for r in rows if r[0] != exclude_doc]

    def decisions(self, doc: ExtractedDocument) -> dict[str, identity.Decision]:
        """Store-wide keys for a document's people: for a new document, provisional ones from each surname's
        summary (kg.corpus.identity_groups; `finish` settles them exactly), for one built again, exact ones."""
        recs = identity.person_records(doc)
        new = self.index.db.execute("SELECT 1 FROM docs WHERE id = ?", (doc.article.id,)).fetchone() is None
        out: dict[str, identity.Decision] = {}
        for surname in sorted({r.surname for r in recs}):
            mine = [r for r in recs if r.surname == surname]
            if new:
                out.update(identity_groups.decide(self._summary(surname), [], mine))
            else:
                out.update(identity_groups.decide(None, self._group_records(surname, doc.article.id), mine))
        return out

    def _summary(self, surname: str) -> identity_groups.Surname:
        """A surname's summary, read from its records once per build and kept up to date (at most
        SUMMARIES of them in memory)."""
        if surname in self._summaries:
            self._summaries.move_to_end(surname)
        else:
            self._summaries[surname] = identity_groups.Surname.of(self._group_records(surname))
            if len(self._summaries) > SUMMARIES:
                self._summaries.popitem(last=False)
        return self._summaries[surname]

    @staticmethod
    def apply(doc: ExtractedDocument, decisions: dict[str, identity.Decision]) -> ExtractedDocument:
        return identity.apply(doc, decisions)

    def resolve(self, doc: ExtractedDocument) -> ExtractedDocument:
        """The document with store-wide keys (the argument is not modified)."""
        return identity.apply(doc, self.decisions(doc))

    def commit(self, doc: ExtractedDocument, resolved: ExtractedDocument | None = None,
               decisions: dict[str, identity.Decision] | None = None, triples: list | None = None) -> int:
        """Record a document in the index (replacing its previous version) and queue its write to the store;
        returns its triple count. triples: its graph (kg.rdf.mapping.document_triples of `resolved`) when
        the caller has it already."""
        if resolved is None:
            resolved = self.resolve(doc)
        if triples is None:
            triples = document_triples(resolved)
        if decisions is None:
            decisions = self.decisions(doc) if resolved is not doc else {}
        self._record(doc, resolved, decisions, triples)
        self._batch[doc.article.id] = triples
        if len(self._batch) >= BATCH_DOCS:
            self.write_pending()
        return len(triples)

    def _record(self, doc: ExtractedDocument, resolved: ExtractedDocument, decisions, triples) -> None:
        db = self.index.db
        old_s, old_g = self.index.delete_document(doc.article.id)
        recs = identity.person_records(doc)
        ren = {k: e.key for k, e in doc.entities.items()}
        for r in recs:
            r.assigned = decisions[r.local].key if r.local in decisions else ren.get(r.local, r.local)
        rows = event_rows(resolved)
        vector = stories.document_vector(resolved)
        self.index.open_batch()          # one transaction for the batch, committed before it is written
        with transaction(db):
            self.index.put_document(doc)
            db.executemany("INSERT OR REPLACE INTO persons VALUES (?,?,?,?,?,?,?,?,?)", [r.row() for r in recs])
            db.executemany(f"INSERT OR REPLACE INTO events VALUES ({','.join('?' * 17)})", rows)
            stories.record(db, doc.article.id, vector)     # its story, and its events' groups, in `finish`
            self.index.touch(old_s | {r.surname for r in recs}, old_g)
            self.index.replace_facts(doc.article.id, _fact_rows(triples))
            self.index.mark_pending(doc.article.id, "write")

    def remove(self, doc_id: str) -> bool:
        """Remove a document: its index rows at once, its graph and facts with the next batch written."""
        found = doc_id in self._batch or self.index.get_document(doc_id) is not None \
            or (self.store is not None and doc_id in self.store.document_ids())
        s, g = self.index.delete_document(doc_id)
        self._summaries.clear()          # a summary cannot take a record out
        db = self.index.db
        with transaction(db):
            self.index.touch(s, g)
            self.index.replace_facts(doc_id, [])
            self.index.mark_pending(doc_id, "remove")
        self._batch[doc_id] = None
        return found or bool(s or g)

    def write_pending(self) -> int:
        """Write what the index records but the store does not have yet: the documents of the current batch
        (or, after a crash, those still marked pending) and the merged descriptions of the entities touched."""
        self.index.commit_batch()        # what the store is written from is on disk first
        if self.store is None:
            return 0
        docs = dict(self._batch)
        for doc_id, op in self.index.pending():
            if doc_id not in docs:
                docs[doc_id] = self._triples_of(doc_id) if op == "write" else None
        touched = self.index.pending_entities()
        if not docs and not touched and not self.store.incomplete():
            return 0
        counts = {e: _parse_counts(e, self.index.fact_counts(e)) for e in touched}
        merged = {e: consolidate(ox.NamedNode(e), c) for e, c in counts.items()}
        n = self.store.replace_documents(docs, merged, {e: {p for p, _, _ in c} for e, c in counts.items()})
        self.index.clear_pending(docs, touched)
        self._batch.clear()
        self.written(n + sum(len(v) for v in merged.values()))
        return n

    def _triples_of(self, doc_id: str) -> list | None:
        """A pending document's graph, derived again from its record (None if the record is gone)."""
        doc = self.index.get_document(doc_id)
        if doc is None:
            return None
        resolved = self.resolve(doc)
        triples = document_triples(resolved)
        db = self.index.db
        with transaction(db):
            self.index.replace_facts(doc_id, _fact_rows(triples))   # the facts of what is written now
        return triples

    # --- after a build --------------------------------------------------------------------------
    def finish(self) -> dict:
        """Write the last batch, consolidate identities over the surnames touched, then the stories of the
        documents touched, then the event clusters of the (type, story) groups that changed."""
        self.write_pending()
        self._summaries.clear()          # what follows decides every touched surname exactly
        rekeyed: set[str] = set()
        for _ in range(3):   # one pass settles it (evidence does not depend on keys); the rest is a guard
            stale: set[str] = set()
            for batch in self.index.drain("touched_surnames"):
                for s in batch:
                    recs = self._group_records(s)
                    res = identity.resolve_group(recs)
                    stale |= {r.doc for r in recs if res[(r.doc, r.local)].key != r.assigned}
            for doc_id in sorted(stale):
                doc = self.index.get_document(doc_id)
                if doc is None:
                    continue
                self.commit(doc, self.resolve(doc))
            self.write_pending()
            rekeyed |= stale
            if not stale:
                break
        self.index.db.execute("DELETE FROM touched_surnames")   # what re-keying touched again is settled
        seen: set[str] = set()           # one walk of each story touched, however many batches hold it
        for batch in self.index.drain("touched_docs"):
            self.index.touch(groups=stories.update(self.index.db, batch, seen))
        groups = self.index.touched("touched_groups")
        clusters = 0
        if groups:
            self.store.mark_incomplete(True)      # readers wait until the clusters are whole again
            crash_point("store-wide")
            clusters = recompute(self.store, self.index, (g for b in self.index.drain("touched_groups") for g in b),
                                 on_write=self.written)
            self.store.mark_incomplete(False)
        return {"rekeyed": sorted(rekeyed), "groups": groups, "clusters": clusters}

    # --- explanations ---------------------------------------------------------------------------
    def explain(self, name: str) -> list[dict]:
        """Every person record whose name or key matches `name`, grouped by store-wide key, with why."""
        toks = identity.name_tokens(name)
        surname = identity.surname_key(toks[-1]) if toks else identity.surname_key(name)
        recs = self._group_records(surname)
        res = identity.resolve_group(recs) if recs else {}
        groups: dict[str, dict] = {}
        for r in sorted(recs, key=lambda r: (r.doc, r.local)):
            d = res[(r.doc, r.local)]
            g = groups.setdefault(d.key, {"key": d.key, "label": d.label, "reports": []})
            g["reports"].append({"doc": r.doc, "local": r.local, "form": r.label, "reason": d.reason,
                                 "mentions": self._mentions(r.doc, r.local)})
        wanted = keys.slug(" ".join(toks)) if toks else keys.slug(name)

        def matches(g: dict) -> bool:
            return wanted in g["key"] or any(keys.slug(" ".join(identity.name_tokens(r["form"]))) == wanted
                                             for r in g["reports"])
        return sorted(groups.values(), key=lambda g: (not matches(g), g["key"]))   # the best match first

    def _mentions(self, doc_id: str, local: str) -> list[dict]:
        """The mentions of a document's entity, each with its sentence."""
        doc = self.index.get_document(doc_id)
        if doc is None or local not in doc.entities:
            return []
        out = []
        for m in doc.entities[local].mentions:
            sent = next((doc.text[s.start:s.end] for s in doc.sentences if s.start <= m.start < s.end), "")
            out.append({"text": m.text, "start": m.start, "end": m.end, "sentence": sent.strip()})
        return out


#: why entities of a key space are one node
_ONE_NODE = {Space.COUNTRY: "the same country code from the gazetteer", Space.PLACE: "the same gazetteer place",
             Space.ORG: "the same organisation key (name, or country + institution)"}

_ENTITIES_NAMED = """SELECT ?e ?label ?doc ?anchor ?b ?name WHERE {
  ?e rdfs:label|skos:altLabel ?n . FILTER(LCASE(STR(?n)) = LCASE(?name))
  FILTER NOT EXISTS { ?e a schema:Person }
  ?e rdfs:label ?label .
  GRAPH ?g { ?e gaf:denotedBy ?m . ?m nif:anchorOf ?anchor ; nif:beginIndex ?b .
             ?g prov:wasDerivedFrom/schema:identifier ?doc }
} ORDER BY ?e ?doc ?b"""


def explain_entities(store: Store, name: str) -> list[dict]:
    """Non-person entities named `name` (label or variant): their mentions per document and why they are one
    node (the same canonical key: ISO code, gazetteer place, organisation name)."""
    out: dict[str, dict] = {}
    for s in store.query(_ENTITIES_NAMED, bind={"name": Literal(name)}):
        e = s["e"].value
        g = out.setdefault(e, {"iri": e, "label": s["label"].value, "reason": "", "reports": {}})
        g["reports"].setdefault(s["doc"].value, [])
        m = (s["anchor"].value, int(s["b"].value))
        if m not in g["reports"][s["doc"].value]:
            g["reports"][s["doc"].value].append(m)
    for g in out.values():
        forms = sorted({a for ms in g["reports"].values() for a, _ in ms})
        why = _ONE_NODE.get(entity_space(g["iri"]), "the same key")
        g["reason"] = f"{', '.join(repr(f) for f in forms)} all resolve to {why}"
        g["reports"] = [{"doc": d, "mentions": [{"text": a, "start": b} for a, b in ms]}
                        for d, ms in g["reports"].items()]
    return list(out.values())


def _fact_rows(triples) -> list[tuple[str, str, str]]:
    """A document's facts about entities as index rows: (entity IRI, predicate IRI, object in N-Triples)."""
    return [(t.subject.value, t.predicate.value, str(t.object)) for t in split(triples)[1]]


def _parse_counts(entity: str, rows: list[tuple[str, str, int]]) -> list[tuple[ox.NamedNode, ox.Term, int]]:
    """The index's fact counts of an entity as terms (parsed in one go by Oxigraph's N-Triples parser)."""
    if not rows:
        return []
    text = "".join(f"<{entity}> <{p}> {o} .\n" for p, o, _ in rows)
    quads = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    return [(q.predicate, q.object, n) for q, (_, _, n) in zip(quads, rows)]
