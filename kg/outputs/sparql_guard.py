"""Static checks on a SPARQL request before it reaches the store: is it an update, does it call SERVICE?

pyoxigraph would follow `SERVICE <url>` over HTTP and run updates (including `LOAD <url>`) if
asked, so the read-only endpoint refuses them before evaluation. The check is lexical: strings,
IRIs and comments are blanked out first, so `"SERVICE"` in a literal or `<http://x/LOAD>` is
not mistaken for the keyword, and `?service` or `ex:load` are names, not keywords.
"""
from __future__ import annotations

import re

_TOKENS = re.compile(r'''
    (?P<long>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\')
  | (?P<short>"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n\r]*)
''', re.VERBOSE | re.DOTALL)

UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_PROLOGUE = re.compile(r"\s*(?:PREFIX\s+[A-Za-z0-9_.\-\u00C0-\uFFFF]*:\s*<>|BASE\s*<>)", re.IGNORECASE)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:\-])", re.IGNORECASE)
_FIRST_WORD = re.compile(r"\s*([A-Za-z]+)")


def blank_out(sparql: str) -> str:
    """The query with string literals as "", IRIs as <> and comments removed (keywords stay in place)."""
    def repl(m: re.Match) -> str:
        if m.group("long") is not None or m.group("short") is not None:
            return '""'
        if m.group("iri") is not None:
            return "<>"
        return " "
    return _TOKENS.sub(repl, sparql)


def classify(sparql: str) -> str:
    """'update' for a SPARQL Update (INSERT, DELETE, LOAD, DROP…), 'service' for a query with a
    SERVICE clause, otherwise 'query' (which the store's parser then checks properly)."""
    text = blank_out(sparql)
    pos = 0
    while True:
        m = _PROLOGUE.match(text, pos)
        if not m:
            break
        pos = m.end()
    first = _FIRST_WORD.match(text, pos)
    if first and first.group(1).upper() in UPDATE_KEYWORDS:
        return "update"
    if _SERVICE.search(text):
        return "service"
    return "query"
