"""The error table: every message formats to one line with its code, every code is raised somewhere."""
from __future__ import annotations

import pickle
import re
import string

import pytest

from kg.errors import MESSAGES, KgError, warning
from tests.conftest import ROOT


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_each_message_formats_to_one_line_with_its_code(code):
    e = KgError(code, **{f: f"<{f}>" for f in fields(MESSAGES[code])})
    line = e.line()
    assert line.startswith("kg: error: ") and line.endswith(f" [{code}]")
    assert "\n" not in line and "{" not in e.message and "}" not in e.message
    assert all(f"<{f}>" in e.message for f in fields(MESSAGES[code]))      # every field is shown
    assert str(e) == f"{e.message} [{code}]"


def test_a_missing_field_is_an_error_not_a_half_message():
    with pytest.raises(KeyError):
        KgError("doc_missing")


def test_every_code_is_used_in_kg():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "kg").rglob("*.py")
                        if p != ROOT / "kg" / "errors.py")
    dead = [c for c in MESSAGES if not re.search(rf"""["']{c}["']""", sources)]
    assert not dead, f"messages no module raises: {dead}"


def test_warnings_take_the_same_form():
    assert warning("serve_public", host="0.0.0.0") == (
        "kg: warning: listening on 0.0.0.0: anyone who can reach it can read the whole store [serve_public]")


def test_an_error_survives_a_process_boundary():
    e = pickle.loads(pickle.dumps(KgError("doc_missing", doc="d1")))
    assert e.code == "doc_missing" and e.fields == {"doc": "d1"} and str(e).endswith("[doc_missing]")


def test_the_export_format_message_names_every_format():
    from kg.outputs.writers import WRITERS
    message = KgError("export_format", fmt="gif").message
    assert set(message.split("choose one of ", 1)[1].split(", ")) == set(WRITERS)


def test_a_password_in_a_url_is_never_shown():
    from kg.errors import redact
    assert redact("https://ann:p@ss:w@example.org:8890/sparql?x=1") == "https://ann:***@example.org:8890/sparql?x=1"
    assert redact("see http://tok@host/a and https://a:b@h/") == "see http://tok@host/a and https://a:***@h/"
    e = KgError("push_unreachable", url="http://ann:secret@h/update", reason="refused by http://ann:secret@h")
    assert "secret" not in e.line() and e.line().count("ann:***@") == 2
