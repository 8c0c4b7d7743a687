"""The corpus index: a small SQLite side table in the store folder (`kg-index.sqlite3`).

It holds, per document, what the store-wide stages need without re-running NLP:

* `docs`: the document's plain ExtractedDocument with its *document-local* keys (zlib JSON), so a
  document whose entity identities change can be re-mapped exactly as if built fresh;
* `persons`: one row per person entity (surname, name tokens, nationality, titles, context) and the
  store-wide key it is currently written with — identity resolution reads these by surname;
* `doc_terms`, `stories`: each document's most distinctive words and the story they put it in
  (kg.corpus.stories);
* `events`: one row per event (type, lemma, principal actors by role, date interval, places, figures,
  source, the words of its sentence) — cross-document event clustering reads these by (type, story);
* `clusters`: which event-cluster nodes of the corroboration graph belong to which (type, story).

Nothing here is held in memory per document: every stage streams by surname or by signature.
The RDF store stays the source of truth for queries; the index is bookkeeping, rebuilt by building
the documents again if it is lost.
"""
from __future__ import annotations

import sqlite3
import zlib
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from pydantic import TypeAdapter

from kg.model import ExtractedDocument

INDEX_FILE = "kg-index.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS persons (
  doc TEXT NOT NULL, local TEXT NOT NULL, surname TEXT NOT NULL, label TEXT NOT NULL,
  tokens TEXT NOT NULL, nat TEXT NOT NULL, titles TEXT NOT NULL, context TEXT NOT NULL,
  assigned TEXT NOT NULL, PRIMARY KEY (doc, local));
CREATE INDEX IF NOT EXISTS persons_surname ON persons (surname);
CREATE TABLE IF NOT EXISTS events (
  doc TEXT NOT NULL, i INTEGER NOT NULL, iri TEXT NOT NULL, type TEXT NOT NULL, lemma TEXT NOT NULL,
  agents TEXT NOT NULL, patients TEXT NOT NULL, others TEXT NOT NULL, lo INTEGER, hi INTEGER,
  dated INTEGER NOT NULL, places TEXT NOT NULL, countries TEXT NOT NULL, figure TEXT NOT NULL,
  time TEXT NOT NULL, source TEXT NOT NULL, words TEXT NOT NULL, PRIMARY KEY (doc, i));
CREATE INDEX IF NOT EXISTS events_type ON events (type, doc);
CREATE TABLE IF NOT EXISTS doc_terms (doc TEXT NOT NULL, term TEXT NOT NULL, w REAL NOT NULL,
  PRIMARY KEY (doc, term)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS doc_terms_term ON doc_terms (term, doc, w);
CREATE TABLE IF NOT EXISTS term_df (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stories (doc TEXT PRIMARY KEY, story TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stories_story ON stories (story);
CREATE TABLE IF NOT EXISTS touched_docs (k TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS draining_touched_docs (k TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS clusters (grp TEXT NOT NULL, iri TEXT NOT NULL, PRIMARY KEY (grp, iri));
CREATE TABLE IF NOT EXISTS facts (
  entity TEXT NOT NULL, p TEXT NOT NULL, o TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (entity, p, o)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS doc_facts (
  doc TEXT NOT NULL, entity TEXT NOT NULL, p TEXT NOT NULL, o TEXT NOT NULL,
  PRIMARY KEY (doc, entity, p, o)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pending (doc TEXT PRIMARY KEY, op TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pending_entities (entity TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS touched_surnames (k TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS touched_groups (k TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS draining_touched_surnames (k TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS draining_touched_groups (k TEXT PRIMARY KEY) WITHOUT ROWID;
"""

#: the index's format: 2 keeps the facts the store's consolidated layer is derived from; 3 the stories
FORMAT = "3"
#: tables an index of an older format has in another shape: dropped and derived again from `docs`
RESHAPED = ("events", "clusters")

#: what a build or removal touched, until `Corpus.finish` consolidates it: on disk, not in memory, so a
#: build holds nothing per document however many documents it streams; and kept when a build is killed,
#: so that the next writer finishes the store-wide stages the killed one did not
TOUCHED = ("touched_surnames", "touched_groups", "touched_docs")


@contextmanager
def transaction(db: sqlite3.Connection):
    """One SQLite transaction — or, inside one already open (a batch of documents: `Index.open_batch`), a
    part of that one, committed with it."""
    if db.in_transaction:
        yield
        return
    db.execute("BEGIN")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


class Index:
    def __init__(self, store_path: str | Path):
        self.path = Path(store_path) / INDEX_FILE
        self.db = sqlite3.connect(str(self.path), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        #: an older index's event clusters, dropped with its events (Corpus records them again): their nodes
        self.stale_clusters: list[str] = []
        cols = [r[1] for r in self.db.execute("PRAGMA table_info(events)")]
        if cols and "words" not in cols:
            self.stale_clusters = [r[0] for r in self.db.execute("SELECT iri FROM clusters")]
            self.db.executescript("".join(f"DROP TABLE IF EXISTS {t};" for t in RESHAPED))
        fresh_counts = not self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'term_df'").fetchone()
        self.db.executescript(SCHEMA)
        if fresh_counts:      # an index from before the document frequencies were kept
            from kg.corpus import stories
            stories.count_all_terms(self.db)

    def close(self) -> None:
        self.db.close()

    def open_batch(self) -> None:
        """Begin the transaction that records the documents of one batch (what `transaction` joins)."""
        if not self.db.in_transaction:
            self.db.execute("BEGIN")

    def commit_batch(self) -> None:
        """Commit the batch's records: a writer killed before loses them — neither the index nor the store
        has them, so the next build extracts them again."""
        if self.db.in_transaction:
            self.db.execute("COMMIT")

    # --- documents ----------------------------------------------------------------------------
    def put_document(self, doc: ExtractedDocument) -> None:
        self.db.execute("INSERT OR REPLACE INTO docs VALUES (?, ?)", (doc.article.id, dumps(doc)))

    def get_document(self, doc_id: str) -> ExtractedDocument | None:
        row = self.db.execute("SELECT data FROM docs WHERE id = ?", (doc_id,)).fetchone()
        return loads(row[0]) if row else None

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM docs ORDER BY id")]

    def delete_document(self, doc_id: str) -> tuple[set[str], set[str]]:
        """Forget a document; returns (surnames, "family|story" event groups) it touched."""
        from kg.corpus import stories
        from kg.corpus.families import family_group
        surnames = {r[0] for r in self.db.execute("SELECT surname FROM persons WHERE doc = ?", (doc_id,))}
        story = stories.story_of(self.db, doc_id)
        groups = {family_group(f"{t}|{story}") for (t,) in self.db.execute("SELECT type FROM events WHERE doc = ?",
                                                                          (doc_id,)) if story is not None}
        with transaction(self.db):
            stories.forget(self.db, doc_id)
            self.db.execute("DELETE FROM docs WHERE id = ?", (doc_id,))
            self.db.execute("DELETE FROM persons WHERE doc = ?", (doc_id,))
            self.db.execute("DELETE FROM events WHERE doc = ?", (doc_id,))
        return surnames, groups

    # --- what the store-wide stages still have to look at -------------------------------------------
    def touch(self, surnames=(), groups=()) -> None:
        """Note surnames and "type|story" event groups to consolidate in `Corpus.finish`."""
        self.db.executemany("INSERT OR IGNORE INTO touched_surnames VALUES (?)", [(s,) for s in surnames])
        self.db.executemany("INSERT OR IGNORE INTO touched_groups VALUES (?)", [(g,) for g in groups])

    def touched(self, table: str) -> int:
        """How much is noted in `table`, with what a drain that did not finish (a killed build) left."""
        assert table in TOUCHED
        return sum(self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in (table, f"draining_{table}"))

    def drain(self, table: str, batch: int = 500):
        """Take everything noted in `table` (it is emptied at once, so what is touched meanwhile waits for
        the next drain) and yield it in sorted batches of at most `batch` keys. The keys taken are kept
        aside until the drain ends, so a drain cut short by a crash is taken up again by the next one."""
        assert table in TOUCHED
        db, aside = self.db, f"draining_{table}"
        with transaction(db):
            db.execute(f"INSERT OR IGNORE INTO {aside} SELECT k FROM {table}")
            db.execute(f"DELETE FROM {table}")
        rows = [r[0] for r in db.execute(f"SELECT k FROM {aside} ORDER BY k LIMIT ?", (batch,))]
        while rows:
            yield rows
            rows = [r[0] for r in db.execute(f"SELECT k FROM {aside} WHERE k > ? ORDER BY k LIMIT ?",
                                             (rows[-1], batch))]
        db.execute(f"DELETE FROM {aside}")


    # --- the facts the consolidated layer is derived from (kg.rdf.consolidate) -----------------------
    def replace_facts(self, doc_id: str, facts: list[tuple[str, str, str]]) -> None:
        """Set a document's facts about entities (entity IRI, predicate IRI, object as N-Triples), keeping
        the per-entity counts and noting the entities whose merged description may change. Call it inside
        the caller's transaction."""
        db = self.db
        old = db.execute("SELECT entity, p, o FROM doc_facts WHERE doc = ?", (doc_id,)).fetchall()
        new = set(facts)
        gone = [f for f in old if f not in new]
        came = [f for f in new if f not in set(old)]
        db.execute("DELETE FROM doc_facts WHERE doc = ?", (doc_id,))
        db.executemany("INSERT INTO doc_facts VALUES (?, ?, ?, ?)", [(doc_id, *f) for f in new])
        # a count that falls to 0 stays: the predicates an entity was ever described with are what its old
        # merged description may hold (the store clears those, not every quad the entity has)
        db.executemany("UPDATE facts SET n = n - 1 WHERE entity = ? AND p = ? AND o = ?", gone)
        db.executemany("INSERT INTO facts VALUES (?, ?, ?, 1) ON CONFLICT (entity, p, o) DO UPDATE SET n = n + 1",
                       came)
        db.executemany("INSERT OR IGNORE INTO pending_entities VALUES (?)", {(f[0],) for f in gone + came})

    def fact_counts(self, entity: str) -> list[tuple[str, str, int]]:
        """(predicate, object, documents stating it) of an entity's facts; a count may be 0 (no longer stated)."""
        return self.db.execute("SELECT p, o, n FROM facts WHERE entity = ?", (entity,)).fetchall()

    # --- writes recorded here but not yet in the RDF store (a crash leaves them for the next writer) ---------
    def mark_pending(self, doc_id: str, op: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO pending VALUES (?, ?)", (doc_id, op))

    def pending(self) -> list[tuple[str, str]]:
        return self.db.execute("SELECT doc, op FROM pending ORDER BY doc").fetchall()

    def pending_entities(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT entity FROM pending_entities ORDER BY entity")]

    def clear_pending(self, docs, entities) -> None:
        with transaction(self.db):
            self.db.executemany("DELETE FROM pending WHERE doc = ?", [(d,) for d in docs])
            self.db.executemany("DELETE FROM pending_entities WHERE entity = ?", [(e,) for e in entities])

    def format(self) -> str | None:
        row = self.db.execute("SELECT v FROM meta WHERE k = 'format'").fetchone()
        return row[0] if row else None

    def set_format(self, value: str = FORMAT) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (value,))


# --- plain JSON for the document model (no pickles: robust to new optional fields) -------------

@lru_cache(maxsize=1)
def _adapter() -> TypeAdapter[ExtractedDocument]:
    """pydantic's codec over the document dataclasses (kinds come back as Kind, predicates as Pred, dates
    as date)."""
    return TypeAdapter(ExtractedDocument)


def dumps(doc: ExtractedDocument) -> bytes:
    return zlib.compress(_adapter().dump_json(doc), 3)


def loads(data: bytes) -> ExtractedDocument:
    return _adapter().validate_json(zlib.decompress(data))
