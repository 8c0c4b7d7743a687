"""Data files: rows are validated when read, and a bad row is an error naming the file and the line."""
from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.lexicon.files import DataFileError, read_rows, word_lists, word_set


def write(tmp_path, text: str, name: str = "lexicon.tsv") -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_rows_skip_comments_and_blank_lines_and_keep_line_numbers(tmp_path):
    path = write(tmp_path, "# a comment\n\nharbour\tport\n# another\nquay\twharf\n")
    assert read_rows(path, 2) == [(3, ["harbour", "port"]), (5, ["quay", "wharf"])]


def test_a_row_with_too_few_fields_names_the_file_and_line(tmp_path):
    path = write(tmp_path, "# columns: word, value\nseven\t7\neight\n")
    with pytest.raises(DataFileError) as e:
        read_rows(path, 2)
    assert f"{path}:3:" in str(e.value) and "1 tab-separated field(s) where 2 are expected" in str(e.value)


def test_an_empty_field_is_an_error(tmp_path):
    path = write(tmp_path, "seven\t\n")
    with pytest.raises(DataFileError, match=r":1: an empty field"):
        read_rows(path, 2)


def test_a_missing_file_is_a_path_error(tmp_path):
    with pytest.raises(KgError) as e:
        read_rows(str(tmp_path / "nowhere.tsv"), 1)
    assert e.value.code == "path_missing"


def test_package_files_are_named_from_the_package_root():
    rows = read_rows("kg/lexicon/data/titles.txt", 1)
    assert ["prime minister"] in [r for _, r in rows]


def test_word_set_normalises_entries(tmp_path):
    assert word_set(write(tmp_path, "Harbour Master\nquay  keeper\n")) == {"harbour master", "quay keeper"}


def test_word_lists_read_the_lists_a_component_names(tmp_path):
    path = write(tmp_path, "cue\tharbour\ncue\tquay\nphrase\tlighthouse keeper\n")
    lists = word_lists(path, ("cue", "phrase", "unused"), phrases=("phrase",))
    assert lists == {"cue": {"harbour", "quay"}, "phrase": {"lighthouse keeper"}, "unused": frozenset()}


@pytest.mark.parametrize("row, reason", [
    ("cues\tharbour", "unknown list 'cues' (known: cue, phrase)"),
    ("cue\tHarbour", "'Harbour': entries are compared with lower-cased words"),
    ("cue\tharbour ", "'harbour ': entries are compared with lower-cased words"),
    ("cue\tharbour master", "'harbour master': list 'cue' is compared one word at a time"),
])
def test_word_lists_refuse_rows_that_could_never_match(tmp_path, row, reason):
    path = write(tmp_path, f"cue\tquay\n{row}\n")
    with pytest.raises(DataFileError) as e:
        word_lists(path, ("cue", "phrase"), phrases=("phrase",))
    assert f"{path}:2: {reason}" in str(e.value)
