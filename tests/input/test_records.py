"""Records and files that broke a batch or were lost silently (issue 18, items 2, 3, 7 and 10).

Every bad record is one error line naming file:line and the rest of the batch is built; ids are
unique within a build (a collision is an error naming both sources); only regular files are read;
publication dates are checked before they are used.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.input.readers import Defaults, Failure, parse_published, read_documents
from tests.conftest import KG, ROOT, run_kg

PROSE = ("The foreign minister met her counterpart in Vienna on Tuesday, and the two officials said they had "
         "agreed to resume the talks on trade next month.")


def _jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _read(*paths, **defaults):
    items = list(read_documents(list(paths), Defaults(**defaults)))
    return [a for a in items if not isinstance(a, Failure)], [f for f in items if isinstance(f, Failure)]


BAD_RECORDS = [
    ({"id": "t-list", "title": ["a", "b"], "text": PROSE}, "'title' must be a string, not list"),
    ({"id": "u-obj", "url": {"href": "x"}, "text": PROSE}, "'url' must be a string, not dict"),
    ({"id": "late", "published": "9999-12-31", "text": PROSE}, "outside the dates kg takes"),
    ({"id": "early", "published": "0001-01-01", "text": PROSE}, "outside the dates kg takes"),
    ({"id": "feb30", "published": "2024-02-30", "text": PROSE}, "is not a YYYY-MM-DD date"),
    ({"id": "sur", "text": PROSE + " \ud800"}, "unpaired surrogate (U+D800)"),
    ({"id": {"a": 1}, "text": PROSE}, "'id' must be a string or a number, not dict"),
    ({"id": ["x"], "text": PROSE}, "'id' must be a string or a number, not list"),
    ({"id": "num-text", "text": 12}, "missing or empty 'text'"),
]


def test_each_bad_record_is_its_own_error_and_the_rest_is_read(tmp_path):
    f = tmp_path / "batch.jsonl"
    records = [{"id": "good-0", "text": PROSE}] + [r for r, _ in BAD_RECORDS] + [{"id": 7, "text": PROSE}]
    _jsonl(f, records)
    good, bad = _read(f)
    assert [a.id for a in good] == ["good-0", "7"]
    assert len(bad) == len(BAD_RECORDS)
    for n, (_, reason) in enumerate(BAD_RECORDS, start=2):
        [msg] = [b.message for b in bad if b.origin == f"{f}:{n}"]
        assert reason in msg and "\n" not in msg, (n, msg)


def test_bad_records_through_the_cli_store_and_index_agree(tmp_path):
    f = tmp_path / "batch.jsonl"
    _jsonl(f, [r for r, _ in BAD_RECORDS] + [{"id": "after", "text": PROSE}])
    store = tmp_path / "store"
    r = run_kg("build", f, "--store", store, timeout=300)
    assert r.returncode == 1, r.stdout + r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == len(BAD_RECORDS) and all(ln.startswith("kg: error: ") for ln in lines), lines
    assert "Traceback" not in r.stderr
    _assert_store_and_index_agree(store, {"after"})


def _assert_store_and_index_agree(store, expected: set[str]) -> None:
    from kg.rdf.store import Store
    st = Store(store, read_only=True)
    in_store = set(st.document_ids())
    st.close()
    db = sqlite3.connect(str(store / "kg-index.sqlite3"))
    in_index = {row[0] for row in db.execute("SELECT id FROM docs")}
    db.close()
    assert in_store == in_index == expected, (in_store, in_index)


# --- fuzz: any record is either read or one error line naming its line -----------------------------------
WRONG = st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.booleans(),
                  st.lists(st.integers(), max_size=2),
                  st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
TEXTS = st.one_of(st.just(PROSE), st.text(max_size=40), st.just(PROSE + "\ud800"), st.just(PROSE + "\udfff x"),
                  st.just(PROSE.replace(" ", "\x0c", 3)), st.just(PROSE + "\x1b[31m\x00"), WRONG)
DATES = st.one_of(st.none(), st.just("9999-12-31"), st.just("0001-01-01"), st.just("2024-07-09"), st.text(max_size=12),
                  st.dates().map(str), WRONG)
RECORDS = st.fixed_dictionaries({"id": st.one_of(st.text(min_size=1, max_size=8), st.integers(0, 10**6), WRONG),
                                 "text": TEXTS},
                                optional={"title": st.one_of(st.text(max_size=10), WRONG),
                                          "url": st.one_of(st.text(max_size=10), WRONG),
                                          "source": st.one_of(st.text(max_size=10), WRONG), "published": DATES})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(RECORDS, min_size=1, max_size=6))
def test_fuzzed_records_are_read_or_named_one_by_one(tmp_path_factory, records):
    f = tmp_path_factory.mktemp("fuzz") / "f.jsonl"
    _jsonl(f, records)
    items = list(read_documents([f]))
    origins = [it.origin for it in items]
    assert len(items) == len(records) and origins == [f"{f}:{n}" for n in range(1, len(records) + 1)]
    for it in items:
        if isinstance(it, Failure):
            assert "\n" not in it.message and it.message.startswith(f"{f}:")
        else:
            it.text.encode("utf-8")                                     # no surrogate got through
            assert not any(0 <= ord(c) < 32 and c not in "\n\t" for c in it.text)   # nor a control character
            assert it.published is None or 1800 <= it.published.year <= 2199


# --- ids unique within a build ---------------------------------------------------------------------------
def test_files_with_one_id_are_an_error_naming_both(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("same.txt", "same.html", "sub/same.txt", "a b.txt", "a_b.txt"):
        body = f"<html><body><h1>Headline</h1><p>{PROSE}</p></body></html>" if name.endswith("html") else PROSE
        (tmp_path / name).write_text(body, encoding="utf-8")
    good, bad = _read(tmp_path)
    assert sorted(a.id for a in good) == ["a_b", "same"]
    assert len(bad) == 3
    for b in bad:
        assert "is already taken by" in b.message and str(tmp_path) in b.message.split("taken by", 1)[1]


def test_one_id_in_two_jsonl_files_is_an_error(tmp_path):
    _jsonl(tmp_path / "a.jsonl", [{"id": "x", "text": PROSE}])
    _jsonl(tmp_path / "b.jsonl", [{"id": "x", "text": PROSE + " More."}])
    good, bad = _read(tmp_path / "a.jsonl", tmp_path / "b.jsonl")
    assert [a.id for a in good] == ["x"] and good[0].origin == f"{tmp_path / 'a.jsonl'}:1"
    [b] = bad
    assert b.origin == f"{tmp_path / 'b.jsonl'}:1" and f"taken by {tmp_path / 'a.jsonl'}:1" in b.message


# --- regular files only ----------------------------------------------------------------------------------
def test_a_fifo_and_a_device_are_refused_at_once(tmp_path):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "z.txt"
    zero.symlink_to("/dev/zero")
    r = subprocess.run([*KG, "build", str(fifo), str(zero), "--store", str(tmp_path / "s")], capture_output=True,
                       text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 1, r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 2 and all("not a regular file" in ln for ln in lines), lines


def test_a_text_on_stdin(tmp_path):
    r = subprocess.run([*KG, "build", "-", "--store", str(tmp_path / "s")], input=f"Talks in Vienna\n{PROSE}\n",
                       capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert r.returncode == 0 and "built 1 document" in r.stdout, r.stdout + r.stderr


# --- dates -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["", "2024-07-09-garbage", "09/07/2024", "2024-02-30", "20240709"])
def test_published_must_be_a_date(value):
    with pytest.raises(KgError, match="is not a YYYY-MM-DD date"):
        parse_published(value)


def test_published_on_the_command_line_is_checked(tmp_path):
    for value in ("", "2024-07-09-garbage", "9999-12-31"):
        r = run_kg("build", "-", "--store", tmp_path / "s", "--published", value, timeout=120)
        assert r.returncode == 2 and len(r.stderr.splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr


def test_a_python_repr_never_becomes_an_id(tmp_path):
    _jsonl(tmp_path / "a.jsonl", [{"id": ["a", "b"], "text": PROSE}])
    good, bad = _read(tmp_path / "a.jsonl")
    assert good == [] and "'id' must be a string or a number" in bad[0].message


def test_a_file_name_with_a_newline_or_an_escape_stays_one_line(tmp_path):
    odd = tmp_path / "bad\nname\x1b[31m.txt"
    odd.write_text("")
    r = run_kg("build", odd, "--store", tmp_path / "s", timeout=120)
    assert r.returncode == 1 and "\x1b" not in r.stderr
    [line] = r.stderr.splitlines()
    assert "bad\\nname\\x1b[31m.txt" in line and "the document is empty" in line, line
