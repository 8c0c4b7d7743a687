"""kg/corpus/stories.py: documents are one story through the distinctive words they share — not through a
word so many documents of the store share that it says nothing, and whatever order they came in."""
from __future__ import annotations

import math

from kg.corpus import stories
from kg.corpus.index import Index


def _unit(*words: str) -> dict[str, float]:
    return {w: 1 / math.sqrt(len(words)) for w in words}


def _stories(tmp_path, batches: list[dict[str, dict[str, float]]]) -> list[list[str]]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    index = Index(tmp_path)
    db = index.db
    for batch in batches:                        # each batch: one build, then its `finish`
        db.execute("BEGIN")
        for doc, vec in batch.items():
            stories.record(db, doc, vec)
        db.execute("COMMIT")
        seen: set[str] = set()
        for keys in index.drain("touched_docs"):
            stories.update(db, keys, seen)
    out: dict[str, list[str]] = {}
    for doc, story in db.execute("SELECT doc, story FROM stories ORDER BY doc"):
        out.setdefault(story, []).append(doc)
    index.close()
    return sorted(out.values())


DOCS = {"a": _unit("quarry", "landslide", "village"), "b": _unit("quarry", "landslide", "rescue"),
        "c": _unit("quarry", "tariff", "steel"), "d": _unit("tariff", "steel", "exports")}


def test_shared_distinctive_words_make_a_story(tmp_path):
    assert _stories(tmp_path, [DOCS]) == [["a", "b", "c", "d"]]


def test_a_word_in_more_than_max_df_documents_links_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(stories, "MAX_DF", 2)
    # "quarry" is in three documents: only "landslide" links a-b and "tariff"/"steel" link c-d
    assert _stories(tmp_path, [DOCS]) == [["a", "b"], ["c", "d"]]


def test_a_word_crossing_max_df_in_a_later_build_gives_the_stories_of_one_build(tmp_path, monkeypatch):
    monkeypatch.setattr(stories, "MAX_DF", 2)
    first = {k: DOCS[k] for k in ("a", "c")}             # "quarry" in two documents: it links a and c
    later = {"e": _unit("quarry", "volcano"), "f": _unit("quarry", "harbour")}   # now in four: it no longer does
    assert _stories(tmp_path / "two", [first]) == [["a", "c"]]
    assert _stories(tmp_path / "both", [first, later]) == _stories(tmp_path / "one", [first | later]) \
        == [["a"], ["c"], ["e"], ["f"]]


def test_a_chain_larger_than_max_story_is_split_where_it_is_loosest(tmp_path, monkeypatch):
    # a-b and c-d share two of three words (cosine 0.67), a-c and b-c one (0.33): one component of four
    monkeypatch.setattr(stories, "MAX_STORY", 3)
    assert _stories(tmp_path / "split", [DOCS]) == [["a", "b"], ["c", "d"]]
    monkeypatch.setattr(stories, "MAX_STORY", 4)
    assert _stories(tmp_path / "whole", [DOCS]) == [["a", "b", "c", "d"]]


def test_the_split_does_not_depend_on_the_order_documents_came_in(tmp_path, monkeypatch):
    monkeypatch.setattr(stories, "MAX_STORY", 2)
    forward = _stories(tmp_path / "f", [{k: DOCS[k] for k in ("a", "b")}, {k: DOCS[k] for k in ("c", "d")}])
    backward = _stories(tmp_path / "b", [{k: DOCS[k] for k in ("d", "c")}, {k: DOCS[k] for k in ("b", "a")}])
    assert forward == backward == _stories(tmp_path / "o", [DOCS])
    assert all(len(s) <= 2 for s in forward)


def test_near_identical_copies_beyond_max_story_are_cut_in_runs_of_ids(tmp_path, monkeypatch):
    monkeypatch.setattr(stories, "MAX_STORY", 2)
    copies = {f"w{i}": _unit("quarry", "landslide", "village") for i in range(5)}
    assert _stories(tmp_path, [copies]) == [["w0", "w1"], ["w2", "w3"], ["w4"]]
