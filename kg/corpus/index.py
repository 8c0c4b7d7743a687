"""The corpus index: a small SQLite side table in the store folder (`kg-index.sqlite3`).

It holds, per document, what the store-wide stages need without re-running NLP:

* `docs`: the document's plain ExtractedDocument with its *document-local* keys (zlib JSON), so a
  document whose entity identities change can be re-mapped exactly as if built fresh;
* `persons`: one row per person entity (surname, name tokens, nationality, titles, context) and the
  store-wide key it is currently written with — identity resolution reads these by surname;
* `events`: one row per event (type, principal-actor signature, date interval, places, figures,
  source) — cross-document event clustering reads these by (type, signature);
* `clusters`: which event-cluster nodes of the corroboration graph belong to which (type, signature).

Nothing here is held in memory per document: every stage streams by surname or by signature.
The RDF store stays the source of truth for queries; the index is bookkeeping, rebuilt by building
the documents again if it is lost.
"""
from __future__ import annotations

import sqlite3
import zlib
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
  doc TEXT NOT NULL, i INTEGER NOT NULL, iri TEXT NOT NULL, type TEXT NOT NULL, sig TEXT NOT NULL,
  lo INTEGER, hi INTEGER, places TEXT NOT NULL, countries TEXT NOT NULL, figure TEXT NOT NULL,
  time TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (doc, i));
CREATE INDEX IF NOT EXISTS events_group ON events (type, sig);
CREATE TABLE IF NOT EXISTS clusters (grp TEXT NOT NULL, iri TEXT NOT NULL, PRIMARY KEY (grp, iri));
"""

#: what a build or removal touched, until `Corpus.finish` consolidates it: on disk (this connection's temporary
#: database), not in memory, so a build holds nothing per document however many documents it streams
TOUCHED = ("touched_surnames", "touched_groups")
TEMP_SCHEMA = """
CREATE TEMP TABLE IF NOT EXISTS touched_surnames (k TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS touched_groups (k TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS draining (k TEXT PRIMARY KEY) WITHOUT ROWID;
"""


class Index:
    def __init__(self, store_path: str | Path):
        self.path = Path(store_path) / INDEX_FILE
        self.db = sqlite3.connect(str(self.path), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.db.executescript(TEMP_SCHEMA)

    def close(self) -> None:
        self.db.close()

    # --- documents ----------------------------------------------------------------------------
    def put_document(self, doc: ExtractedDocument) -> None:
        self.db.execute("INSERT OR REPLACE INTO docs VALUES (?, ?)", (doc.article.id, dumps(doc)))

    def get_document(self, doc_id: str) -> ExtractedDocument | None:
        row = self.db.execute("SELECT data FROM docs WHERE id = ?", (doc_id,)).fetchone()
        return loads(row[0]) if row else None

    def delete_document(self, doc_id: str) -> tuple[set[str], set[str]]:
        """Forget a document; returns (surnames, event groups) it touched."""
        surnames = {r[0] for r in self.db.execute("SELECT surname FROM persons WHERE doc = ?", (doc_id,))}
        groups = {f"{t}|{s}" for t, s in self.db.execute("SELECT type, sig FROM events WHERE doc = ?", (doc_id,))}
        self.db.execute("BEGIN")
        self.db.execute("DELETE FROM docs WHERE id = ?", (doc_id,))
        self.db.execute("DELETE FROM persons WHERE doc = ?", (doc_id,))
        self.db.execute("DELETE FROM events WHERE doc = ?", (doc_id,))
        self.db.execute("COMMIT")
        return surnames, groups

    # --- what the store-wide stages still have to look at -------------------------------------------
    def touch(self, surnames=(), groups=()) -> None:
        """Note surnames and "type|sig" event groups to consolidate in `Corpus.finish`."""
        self.db.executemany("INSERT OR IGNORE INTO touched_surnames VALUES (?)", [(s,) for s in surnames])
        self.db.executemany("INSERT OR IGNORE INTO touched_groups VALUES (?)", [(g,) for g in groups])

    def touched(self, table: str) -> int:
        assert table in TOUCHED
        return self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def drain(self, table: str, batch: int = 500):
        """Take everything noted in `table` (it is emptied at once, so what is touched meanwhile waits for
        the next drain) and yield it in sorted batches of at most `batch` keys."""
        assert table in TOUCHED
        db = self.db
        db.execute("BEGIN")
        db.execute("DELETE FROM draining")
        db.execute(f"INSERT INTO draining SELECT k FROM {table}")
        db.execute(f"DELETE FROM {table}")
        db.execute("COMMIT")
        rows = [r[0] for r in db.execute("SELECT k FROM draining ORDER BY k LIMIT ?", (batch,))]
        while rows:
            yield rows
            rows = [r[0] for r in db.execute("SELECT k FROM draining WHERE k > ? ORDER BY k LIMIT ?",
                                             (rows[-1], batch))]
        db.execute("DELETE FROM draining")


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
