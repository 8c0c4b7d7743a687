"""Reading the rule files of kg_relations and kg_ner_context, named in their pipeline config.

A name without a folder ("relation_patterns.tsv") is a file of kg/nlp/data; anything else is a path,
so a test or a user can point a component at a file of their own. A malformed file is a
`RuleDataError` naming the file and the rule, never a rule silently dropped.
"""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from kg.errors import KgError


class RuleDataError(KgError):
    """A rule file is malformed: the message names the file, the rule (or line) and what is wrong."""

    def __init__(self, path: str, where: str, reason: str):
        super().__init__("rule_data", path=path, where=where, reason=reason)


def display(name: str) -> str:
    """How messages name a rule file: kg/nlp/data/NAME for the package's own files, else the path."""
    return name if ("/" in name or "\\" in name) else f"kg/nlp/data/{name}"


def read_text(name: str) -> str:
    if "/" in name or "\\" in name:
        try:
            return Path(name).read_text(encoding="utf-8")
        except OSError as e:
            raise RuleDataError(name, "file", f"cannot be read ({e.strerror or e})") from None
    try:
        return resources.files("kg.nlp").joinpath("data", name).read_text(encoding="utf-8")
    except (OSError, ValueError):
        raise RuleDataError(display(name), "file", "no such file in kg/nlp/data") from None


def numbered_lines(name: str) -> list[tuple[int, list[str]]]:
    """(line number, tab-separated fields) of each rule line; comments and blank lines skipped."""
    out = []
    for n, line in enumerate(read_text(name).splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            out.append((n, line.rstrip("\r").split("\t")))
    return out


def read_toml(name: str) -> dict:
    try:
        return tomllib.loads(read_text(name))
    except tomllib.TOMLDecodeError as e:
        raise RuleDataError(display(name), "syntax", str(e)) from None


def read_json(name: str) -> dict:
    try:
        data = json.loads(read_text(name))
    except json.JSONDecodeError as e:
        raise RuleDataError(display(name), f"line {e.lineno}", e.msg) from None
    if not isinstance(data, dict):
        raise RuleDataError(display(name), "top level", "must be an object")
    return data


def word_lists(name: str) -> dict[str, tuple[str, ...]]:
    """The lists of a word-list file (TOML: name = ["word", "a phrase", ...]), each validated."""
    out = {}
    for key, words in read_toml(name).items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise RuleDataError(display(name), key, "must be a list of non-empty strings")
        out[key] = tuple(dict.fromkeys(words))
    return out
