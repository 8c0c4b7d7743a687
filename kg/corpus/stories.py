"""Stories: the documents that report one happening, the first stage of cross-document event clustering.

A document is summarised by its most distinctive words (TF-IDF, the IDF taken from general English word
frequencies — `wordfreq` — so that a word's weight never depends on which other documents the store holds).
Two documents are one story when the cosine of their summaries reaches STORY_SIMILARITY; a story is a
connected component of that graph. A component of more than MAX_STORY documents is a chain of loosely
similar ones, not one story (and clustering inside it would cost more with every document added): it is
split into the components it has at a cosine higher by STORY_STEP, again while a part is too large.
Words that more than MAX_DF documents of the store share do not count: in a large corpus they are the
corpus's own common words. Both the similarity of two documents and the components (split or not) depend
on the set of documents only, never on the order they came in, so a build in
any order, or in several builds, gives the same stories (a word crossing MAX_DF has the stories of the
documents that have it looked at again). Candidates are found through the shared words themselves (an inverted
index in the corpus index, `doc_terms`), never by comparing all pairs.

A story is named by its smallest document id; event clusters are computed per (story, event type).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from kg.corpus.families import family_group
from kg.corpus.index import transaction
from kg.model import ExtractedDocument

#: how many distinctive words summarise a document
TERMS = 60
#: the cosine of two documents' summaries from which they are one story
STORY_SIMILARITY = 0.15
#: the most documents one story may hold before it is split at a stricter cosine
MAX_STORY = 150
#: how much stricter each split is
STORY_STEP = 0.05
#: a word at least this frequent in general English (Zipf scale, 7 = "the") weighs nothing
COMMON = 7.0
#: a word in more documents of the store than this says nothing about which story a document belongs to
#: (and finding the documents that share it would cost more with every document added)
MAX_DF = 250

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@lru_cache(maxsize=200_000)
def idf(word: str) -> float:
    """How distinctive a word is: 0 for the commonest, COMMON for one general English never uses."""
    from wordfreq import zipf_frequency
    return max(0.0, COMMON - zipf_frequency(word, "en"))


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


def words(text: str) -> list[str]:
    """The content words of a text, lower-cased, without stop words and possessive endings."""
    stop = _stop_words()
    out = []
    for w in _WORD.findall(text):
        w = w.lower().replace("’", "'").removesuffix("'s").strip("'-")
        if len(w) > 2 and w not in stop:
            out.append(w)
    return out


def document_vector(doc: ExtractedDocument) -> dict[str, float]:
    """The document's TERMS most distinctive words with unit-length TF-IDF weights."""
    tf = Counter(words(doc.text))
    v = {w: (1 + math.log(n)) * weight for w, n in tf.items() if (weight := idf(w)) > 0}
    top = sorted(v.items(), key=lambda x: (-x[1], x[0]))[:TERMS]
    norm = math.sqrt(sum(x * x for _, x in top)) or 1.0
    return {w: round(x / norm, 6) for w, x in top}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


# --- in the corpus index ------------------------------------------------------------------------------

def record(db, doc_id: str, vector: dict[str, float]) -> None:
    """Store a document's summary (inside the caller's transaction)."""
    _count_terms(db, doc_id, -1)
    db.execute("DELETE FROM doc_terms WHERE doc = ?", (doc_id,))
    db.executemany("INSERT INTO doc_terms VALUES (?, ?, ?)", [(doc_id, t, w) for t, w in vector.items()])
    _count_terms(db, doc_id, +1)
    db.execute("INSERT OR IGNORE INTO touched_docs VALUES (?)", (doc_id,))


def forget(db, doc_id: str) -> None:
    """Drop a document from the stories: the rest of its story is looked at again."""
    db.execute("INSERT OR IGNORE INTO touched_docs SELECT doc FROM stories WHERE story = "
               "(SELECT story FROM stories WHERE doc = ?)", (doc_id,))
    _count_terms(db, doc_id, -1)
    db.execute("DELETE FROM doc_terms WHERE doc = ?", (doc_id,))
    db.execute("DELETE FROM stories WHERE doc = ?", (doc_id,))


def _count_terms(db, doc_id: str, step: int) -> None:
    """Count a document's words in (+1) or out (-1) of `term_df`. A word that crosses MAX_DF starts or stops
    linking documents: the documents that have it are looked at again, so stories stay a function of the set."""
    db.execute("INSERT INTO term_df SELECT term, ? FROM doc_terms WHERE doc = ? AND true "
               "ON CONFLICT (term) DO UPDATE SET n = n + excluded.n", (step, doc_id))
    crossed = MAX_DF + 1 if step > 0 else MAX_DF
    db.execute("INSERT OR IGNORE INTO touched_docs SELECT b.doc FROM doc_terms a JOIN term_df f ON f.term = a.term "
               "JOIN doc_terms b ON b.term = a.term WHERE a.doc = ? AND f.n = ?", (doc_id, crossed))


def count_all_terms(db) -> None:
    """`term_df` from `doc_terms` (an index from before it was kept)."""
    db.execute("DELETE FROM term_df")
    db.execute("INSERT INTO term_df SELECT term, COUNT(*) FROM doc_terms GROUP BY term")


def story_of(db, doc_id: str) -> str | None:
    row = db.execute("SELECT story FROM stories WHERE doc = ?", (doc_id,)).fetchone()
    return row[0] if row else None


def neighbours(db, doc_id: str, threshold: float | None = None) -> list[str]:
    """The documents whose summary's cosine with this one's, over the words of at most MAX_DF documents,
    reaches `threshold` (default STORY_SIMILARITY; found through those shared words: at most MAX_DF rows
    per word)."""
    rows = db.execute("""SELECT b.doc FROM doc_terms a JOIN term_df f ON f.term = a.term AND f.n <= ?
                         JOIN doc_terms b ON a.term = b.term
                         WHERE a.doc = ? AND b.doc != a.doc GROUP BY b.doc HAVING SUM(a.w * b.w) >= ?""",
                      (MAX_DF, doc_id, (STORY_SIMILARITY if threshold is None else threshold) - 1e-9)).fetchall()
    return sorted(r[0] for r in rows)


def _component(db, start: str, threshold: float | None = None, within: set[str] | None = None) -> set[str]:
    """The documents linked to `start` under the cosine `threshold`, only through those `within`, if given."""
    component, todo = {start}, [start]
    while todo:
        for n in neighbours(db, todo.pop(), threshold):
            if n not in component and (within is None or n in within):
                component.add(n)
                todo.append(n)
    return component


def _components(db, docs: set[str], threshold: float) -> list[set[str]]:
    """The connected components of `docs` under the cosine `threshold`, in the order of their smallest ids."""
    out, seen = [], set()
    for start in sorted(docs):
        if start not in seen:
            out.append(_component(db, start, threshold, docs))
            seen |= out[-1]
    return out


def split(db, component: set[str], threshold: float = STORY_SIMILARITY) -> list[set[str]]:
    """A component as stories of at most MAX_STORY documents: split at ever stricter cosines; a part still
    too large at a cosine of 1 (near-identical copies) is cut in runs of document ids."""
    if len(component) <= MAX_STORY:
        return [component]
    if threshold + STORY_STEP > 1.0:
        ids = sorted(component)
        return [set(ids[i:i + MAX_STORY]) for i in range(0, len(ids), MAX_STORY)]
    parts = _components(db, component, threshold + STORY_STEP)
    return [story for part in parts for story in split(db, part, threshold + STORY_STEP)]


def vector_of(db, doc_id: str) -> dict[str, float]:
    return dict(db.execute("SELECT term, w FROM doc_terms WHERE doc = ?", (doc_id,)).fetchall())


def update(db, touched, seen: set[str] | None = None) -> set[str]:
    """Recompute the stories around the documents `touched` (added, replaced, or left by a removed one);
    returns the "family|story" event groups (kg.corpus.families) whose members may have changed (old and new
    stories). seen: the documents whose story was recomputed already by this drain (not walked again)."""
    groups: set[str] = set()
    seen = set() if seen is None else seen
    touched = set(touched)
    for start in sorted(touched):
        if start in seen or not db.execute("SELECT 1 FROM doc_terms WHERE doc = ?", (start,)).fetchone():
            continue
        component = _component(db, start)
        seen |= component
        for story in split(db, component):
            groups |= _name(db, story, touched)
    return groups


def _name(db, story: set[str], touched: set[str]) -> set[str]:
    """Record a story under its smallest document id; the event groups of the documents it moved."""
    groups: set[str] = set()
    name = min(story)
    with transaction(db):
        for d in sorted(story):
            old = story_of(db, d)
            if old != name or d in touched:
                types = [t for (t,) in db.execute("SELECT DISTINCT type FROM events WHERE doc = ?", (d,))]
                groups |= {family_group(f"{t}|{s}") for t in types for s in (old, name) if s}
                db.execute("INSERT OR REPLACE INTO stories VALUES (?, ?)", (d, name))
    return groups
