"""Readers: .txt, .html and .jsonl documents with their metadata."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from kg.input.readers import Defaults, Failure, read_documents

DATA = Path(__file__).resolve().parent.parent / "data" / "good"


def test_html_main_text_and_metadata():
    [art] = list(read_documents([DATA / "summit.html"]))
    assert art.title == "Japan and South Korea agree to resume security talks"
    assert art.published == date(2023, 3, 17)
    assert art.source == "World News Daily"
    assert "welcomed by Mr Kishida" in art.text
    # navigation, the list of other stories and the footer are not the article
    assert "Taylor Swift" not in art.text and "newsletter" not in art.text and "Sport" not in art.text


def test_txt_first_line_is_the_headline(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Ferry sinks off Bali\nA ferry sank off Bali on Sunday, officials said.\n", encoding="utf-8")
    [art] = list(read_documents([p], Defaults(published=date(2024, 1, 2))))
    assert art.id == "a" and art.title == "Ferry sinks off Bali" and art.published == date(2024, 1, 2)
    assert art.text.startswith("Ferry sinks off Bali\nA ferry sank")


def test_jsonl_records_and_a_bad_line(tmp_path):
    p = tmp_path / "c.jsonl"
    record = {"id": "n1", "text": "Rain fell in Lima.", "published": "2022-02-03", "source": "Wire"}
    p.write_text(json.dumps(record) + "\n"
                 + "{not json\n", encoding="utf-8")
    items = list(read_documents([p]))
    assert items[0].id == "n1" and items[0].published == date(2022, 2, 3) and items[0].source == "Wire"
    assert isinstance(items[1], Failure) and items[1].origin.endswith("c.jsonl:2")
