"""kg/corpus/shards.py, `kg build --shards` and `kg load`: the NLP written to shard files, loaded into a store
later, gives the store a direct build gives; a damaged shard is reported line by line and loses nothing."""
from __future__ import annotations

import gzip
from datetime import date

from kg.corpus import shards
from tests.conftest import run_kg
from tests.corpus.test_clusters import _doc
from tests.corpus.test_identity import PEOPLE, RELEASES, quads, write_jsonl


def test_shards_loaded_give_the_store_a_build_gives(tmp_path):
    corpus = write_jsonl(tmp_path / "in.jsonl", {**PEOPLE, **RELEASES})
    direct = run_kg("build", corpus, "--store", tmp_path / "direct")
    assert direct.returncode == 0, direct.stderr
    out = run_kg("build", corpus, "--shards", tmp_path / "shards")
    assert out.returncode == 0, out.stderr
    assert "extracted 11 documents (0 failed) -> 1 shard file" in out.stdout and "kg load" in out.stdout
    assert not (tmp_path / "shards" / "CURRENT").exists()          # no store there: shard files only
    loaded = run_kg("load", tmp_path / "shards", "--store", tmp_path / "loaded")
    assert loaded.returncode == 0, loaded.stderr
    assert "loaded 11 documents (0 failed)" in loaded.stdout
    assert quads(tmp_path / "loaded") == quads(tmp_path / "direct")


def test_shards_split_at_their_size_and_are_written_whole(tmp_path):
    docs = [_doc(f"d{i}", date(2024, 5, 1 + i)) for i in range(5)]
    files = shards.write_shards(docs, tmp_path, per_shard=2)
    assert [f.name for f in files] == ["part-00000.jsonl.gz", "part-00001.jsonl.gz", "part-00002.jsonl.gz"]
    assert not list(tmp_path.glob("*.tmp"))
    back = list(shards.read_shards([tmp_path]))
    assert [d.article.id for d in back] == [d.article.id for d in docs] and back[0] == docs[0]


def test_a_damaged_shard_line_is_one_error_and_the_rest_is_loaded(tmp_path):
    (good,) = shards.write_shards([_doc("a", date(2024, 5, 1)), _doc("b", date(2024, 5, 2))], tmp_path / "s")
    lines = gzip.decompress(good.read_bytes()).splitlines()
    with gzip.open(good, "wb") as fh:
        fh.write(lines[0] + b"\n" + b'{"article": "not a document"}\n')
    out = run_kg("load", tmp_path / "s", "--store", tmp_path / "st")
    assert out.returncode == 1
    assert f"{good}:2: not a document kg wrote" in out.stderr and "Traceback" not in out.stderr
    assert "loaded 1 document (1 failed)" in out.stdout


def test_wrong_uses_say_what_to_do(tmp_path):
    (tmp_path / "empty").mkdir()
    out = run_kg("load", tmp_path / "empty", "--store", tmp_path / "st")
    assert out.returncode != 0 and "no shard files" in out.stderr and "kg build INPUTS --shards" in out.stderr
    corpus = write_jsonl(tmp_path / "in.jsonl", {"p3": PEOPLE["p3"]})
    both = run_kg("build", corpus, "--shards", tmp_path / "sh", "--store", tmp_path / "st")
    assert both.returncode != 0 and "give --store to `kg load`" in both.stderr
    assert not (tmp_path / "sh").exists()
