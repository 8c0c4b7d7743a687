"""Is a SPARQL request safe for the read-only endpoint? Decided on the parse of the query, not its text.

pyoxigraph follows `SERVICE <url>` over HTTP when asked, so a query that calls SERVICE anywhere
(nested, in a subquery, in EXISTS, behind escapes) is refused before it runs. Text matching was
fooled by escapes (`ex:a\\#b` looks like a comment to a lexer); a SPARQL parser is not: rdflib's
parser builds the query's tree and any `ServiceGraphPattern` node in it refuses the query. Unicode
escapes (`\\u0053ERVICE`) are expanded by the parser first, as SPARQL 1.1 prescribes.

A query rdflib cannot parse (a syntax error, or syntax Oxigraph accepts beyond SPARQL 1.1) is
refused when the word SERVICE appears in it at all once escapes are expanded: an over-approximation
that costs a rare false refusal, never a request. The endpoint's workers cannot open network
connections anyway (kg.outputs.sandbox), the second wall. Updates cannot run through
`Store.query`; they are named here only to give the right message.
"""
from __future__ import annotations

import re

from pyparsing import ParseResults

_SERVICE_WORD = re.compile(r"service", re.IGNORECASE)

#: deepest nesting of (), {} and [] a query may have: Oxigraph's parser recurses once per level and a few
#: thousand levels overflow its stack (the process dies with SIGSEGV); real queries nest a dozen
MAX_DEPTH = 256
#: what the depth count skips (strings, IRIs, escapes, comments) and what it counts (the brackets)
_TOKENS = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
                     r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|\\.|#[^\n]*|[{}()\[\]]''',
                     re.DOTALL)


def nesting_depth(sparql: str) -> int:
    """How deep the query's brackets nest, outside strings, IRIs and comments (an over-count, never less:
    an escaped `\\#` is not taken for a comment)."""
    depth = deepest = 0
    for m in _TOKENS.finditer(sparql):
        t = m.group()
        if t in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif t in ")}]":
            depth -= 1
    return deepest


def check_depth(sparql: str) -> None:
    """KgError for a query nested deeper than MAX_DEPTH, before any parser sees it."""
    depth = nesting_depth(sparql)
    if depth > MAX_DEPTH:
        from kg.errors import KgError
        raise KgError("query_too_deep", depth=depth, limit=MAX_DEPTH)


def _has_service(node) -> bool:
    """Depth-first over rdflib's parse tree (CompValue dicts and ParseResults lists), iteratively."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, CompValue):
            if n.name == "ServiceGraphPattern":
                return True
            stack.extend(n.values())
        elif isinstance(n, (ParseResults, list, tuple)):
            stack.extend(n)
    return False


def classify(sparql: str) -> str:
    """'update' for a SPARQL Update, 'service' for a query that calls SERVICE (or may: see the module
    docstring), otherwise 'query' (the store's parser then reports any syntax error itself)."""
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate

    try:
        tree = parseQuery(sparql)
    except Exception:   # noqa: BLE001 - pyparsing errors, RecursionError on deep nesting: decide below
        tree = None
    if tree is not None:
        return "service" if _has_service(tree) else "query"
    try:
        parseUpdate(sparql)
        return "update"
    except Exception:   # noqa: BLE001
        pass
    try:
        expanded = expandUnicodeEscapes(sparql)
    except Exception:   # noqa: BLE001 - a broken escape: judge the text as it is
        expanded = sparql
    return "service" if _SERVICE_WORD.search(expanded) else "query"
