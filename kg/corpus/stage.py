"""The store-wide stages around each document's write: identity resolution before mapping, and after
a build (or a removal) consolidation of the identities and of the cross-document event clusters.

    corpus = Corpus(store.path, store)
    for doc in extracted:                      # document-local keys, from the NLP
        resolved = corpus.resolve(doc)         # store-wide keys (kg/corpus/identity.py)
        n = store.replace_document(id, document_triples(resolved))
        corpus.commit(doc, resolved, triples=n)  # index rows: persons, events, the plain document
    corpus.finish()                            # re-key documents whose people changed, recluster events

Each document graph is still written in its own transaction; documents re-keyed by `finish` are
re-mapped from their stored plain form, exactly as a fresh build would write them.

Memory stays flat on any corpus size: what a build touched (surnames, event groups) is noted in the
index's temporary tables rather than in Python sets, `finish` takes it back in sorted batches, and
the store's write buffers are flushed to disk every FLUSH_TRIPLES triples written (Oxigraph's
RocksDB keeps every write in its in-memory memtables until a flush, about 0.85 KB per quad: without
flushing a 5,000-document build held ~700 MB of them).
"""
from __future__ import annotations

import os
from pathlib import Path

from pyoxigraph import Literal

from kg.corpus import identity
from kg.corpus.clusters import event_rows, recompute
from kg.corpus.index import Index
from kg.model import ExtractedDocument, keys
from kg.model.keys import Space
from kg.rdf.mapping import document_triples, entity_space
from kg.rdf.store import Store

#: triples written to the store between two flushes of its write buffers (~40 MB of memtables)
FLUSH_TRIPLES = 50_000


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
        recs = identity.person_records(doc)
        out: dict[str, identity.Decision] = {}
        for surname in sorted({r.surname for r in recs}):
            mine = [r for r in recs if r.surname == surname]
            res = identity.resolve_group(self._group_records(surname, doc.article.id) + mine)
            for r in mine:
                out[r.local] = res[(r.doc, r.local)]
        return out

    @staticmethod
    def apply(doc: ExtractedDocument, decisions: dict[str, identity.Decision]) -> ExtractedDocument:
        return identity.apply(doc, decisions)

    def resolve(self, doc: ExtractedDocument) -> ExtractedDocument:
        """The document with store-wide keys (the argument is not modified)."""
        return identity.apply(doc, self.decisions(doc))

    def commit(self, doc: ExtractedDocument, resolved: ExtractedDocument | None = None,
               decisions: dict[str, identity.Decision] | None = None, *, triples: int) -> None:
        """Record a stored document in the index (replacing its previous version).

        triples: how many triples its graph has in the store (counted towards the next flush)."""
        db = self.index.db
        old_s, old_g = self.index.delete_document(doc.article.id)
        if resolved is None:
            resolved = self.resolve(doc)
        recs = identity.person_records(doc)
        ren = {k: e.key for k, e in doc.entities.items()}
        if decisions is None:
            decisions = self.decisions(doc) if resolved is not doc else {}
        for r in recs:
            r.assigned = decisions[r.local].key if r.local in decisions else ren.get(r.local, r.local)
        rows = event_rows(resolved)
        db.execute("BEGIN")
        self.index.put_document(doc)
        db.executemany("INSERT OR REPLACE INTO persons VALUES (?,?,?,?,?,?,?,?,?)", [r.row() for r in recs])
        db.executemany("INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        self.index.touch(old_s | {r.surname for r in recs}, old_g | {f"{r[3]}|{r[4]}" for r in rows})
        db.execute("COMMIT")
        self.written(triples)

    def remove(self, doc_id: str) -> bool:
        """Remove a document's graph and its index rows; entities it alone mentioned go with its graph."""
        found = self.store.remove_document(doc_id)
        s, g = self.index.delete_document(doc_id)
        self.index.touch(s, g)
        return found or bool(s or g)

    # --- after a build --------------------------------------------------------------------------
    def finish(self) -> dict:
        """Consolidate identities over the surnames touched, then recompute touched event clusters."""
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
                resolved = self.resolve(doc)
                n = self.store.replace_document(doc_id, document_triples(resolved))
                self.commit(doc, resolved, triples=n)
            rekeyed |= stale
            if not stale:
                break
        self.index.db.execute("DELETE FROM touched_surnames")
        groups = self.index.touched("touched_groups")
        clusters = (recompute(self.store, self.index, (g for b in self.index.drain("touched_groups") for g in b),
                              on_write=self.written) if groups else 0)
        return {"rekeyed": sorted(rekeyed), "groups": groups, "clusters": clusters}

    # --- explanations ---------------------------------------------------------------------------
    def explain(self, name: str) -> list[dict]:
        """Every person record whose name or key matches `name`, grouped by store-wide key, with why."""
        toks = identity.name_tokens(name)
        surname = keys.slug(toks[-1]) if toks else keys.slug(name)
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
