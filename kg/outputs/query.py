"""Run SPARQL over the store and render the results as a table, CSV, TSV or JSON.

The ready queries ship inside the package (kg/outputs/queries/*.rq; the checkout's top-level
queries/ is the same folder), so `kg query actors` works from any folder. Each declares its own
PREFIX lines and runs unchanged on any SPARQL server; its first comment line is its title.
"""
from __future__ import annotations

import io
import json
import re
from enum import Enum
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError


class ResultFormat(str, Enum):
    """How `kg query` prints its rows (the CLI offers these; SPARQL's own result formats are `kg serve`'s)."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


_NAME = re.compile(r"[A-Za-z][\w-]*")
#: what cannot hold a keyword or a variable: strings, IRIs, comments (in this order of precedence)
_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                     r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SELECT_STAR = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.IGNORECASE)
_FIRST_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00C0-\uFFFF][\w\u00B7\u00C0-\uFFFF]*)")


def star_order(sparql: str) -> list[str] | None:
    """For a `SELECT *` query, its variables in the order they first appear (Oxigraph sorts them by name,
    which is not how people read their own query); None for any other query."""
    text = _OPAQUE.sub(" ", sparql)
    first = _FIRST_SELECT.search(text)
    if first is None or not _SELECT_STAR.match(text, first.start()):
        return None
    return list(dict.fromkeys(m[1] for m in _VARIABLE.finditer(text, first.end())))


def column_order(names: list[str], order: list[str] | None) -> list[int]:
    """Indices of `names` in `order` (the ones it does not list last, as they were)."""
    if not order:
        return list(range(len(names)))
    ranked = {n: i for i, n in enumerate(order)}
    return sorted(range(len(names)), key=lambda i: (ranked.get(names[i], len(ranked)), i))


def canned_queries() -> dict[str, str]:
    """Ready query name -> its text, from the package's own files."""
    folder = resources.files("kg.outputs").joinpath("queries")
    return {f.name[:-3]: f.read_text(encoding="utf-8")
            for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".rq")}


def query_title(text: str) -> str:
    """A query's first comment line, without the '#'."""
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            return line.lstrip().lstrip("#").strip()
        if line.strip():
            break
    return ""


def read_query(query: str) -> str:
    """A .rq file's text, a ready query's text by name (`actors`, or `actors.rq` where no such file is
    here), or the query string itself."""
    stripped = query.strip()
    if stripped.lower().endswith((".rq", ".sparql")) and "\n" not in stripped:
        p = Path(stripped)
        if p.exists():
            return p.read_text(encoding="utf-8")
        name = p.name[: -len(p.suffix)]
        if p.parent == Path(".") and name in (canned := canned_queries()):
            return canned[name]
        raise KgError("query_missing", path=query, names=", ".join(canned_queries()))
    if _NAME.fullmatch(stripped):   # one bare word: a SPARQL query is never that
        canned = canned_queries()
        if stripped in canned:
            return canned[stripped]
        raise KgError("query_unknown", name=stripped, names=", ".join(canned))
    return query


def short(term, _namespaces=None, _memo=None) -> str:
    """A readable form of an RDF term: prefixed IRIs, plain literal values."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        v = term.value
        if _memo is not None:
            r = _memo.get(v)
            if r is not None:
                return r
        r = v
        for p, ns in (_namespaces if _namespaces is not None else _prefixes()):
            if v.startswith(ns) and len(v) > len(ns):
                r = f"{p}:{v[len(ns):]}"
                break
        if _memo is not None:
            _memo[v] = r
        return r
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def _prefixes() -> list[tuple[str, str]]:
    from kg.model.vocab import PREFIXES  # here: the CLI reads ResultFormat without loading rdflib
    return [(p, str(ns)) for p, ns in PREFIXES.items()]


def rows(results, order: list[str] | None = None) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a SELECT result (or a one-cell ASK result); `order`: the columns' (star_order)."""
    if isinstance(results, ox.QueryBoolean):
        return ["result"], [["true" if bool(results) else "false"]]
    # One prefix list and one IRI -> short form memo per result: results repeat the same IRIs many
    # times, and trying every prefix on every cell made `kg query` measurably slower than Oxigraph.
    namespaces, memo = _prefixes(), {}
    if isinstance(results, ox.QueryTriples):
        return ["subject", "predicate", "object"], [
            [short(term, namespaces, memo) for term in (t.subject, t.predicate, t.object)] for t in results]
    names = [v.value for v in results.variables]
    idx = column_order(names, order)
    names = [names[i] for i in idx]
    Literal = ox.Literal
    out = []
    for sol in results:
        row = []
        for i in idx:
            t = sol[i]
            row.append(t.value if type(t) is Literal else short(t, namespaces, memo))
        out.append(row)
    return names, out


def render(results, fmt: ResultFormat | str = ResultFormat.TABLE, title: str | None = None,
           order: list[str] | None = None) -> str:
    try:
        fmt = ResultFormat(fmt)
    except ValueError:
        raise KgError("result_format", fmt=fmt, choices=", ".join(f.value for f in ResultFormat)) from None
    header, body = rows(results, order)
    if fmt is ResultFormat.JSON:
        return json.dumps([dict(zip(header, r)) for r in body], ensure_ascii=False, indent=2)
    if fmt in (ResultFormat.CSV, ResultFormat.TSV):
        import csv
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt is ResultFormat.CSV else "\t", lineterminator="\n")
        w.writerow(header)
        w.writerows(body)
        return buf.getvalue()
    from rich.console import Console
    from rich.table import Table
    table = Table(title=title, show_lines=False, header_style="bold")
    for h in header:
        table.add_column(h, overflow="fold")
    for r in body:
        table.add_row(*r)
    console = Console(file=io.StringIO(), width=160, force_terminal=False)
    console.print(table)
    console.print(f"{len(body)} row{'s' if len(body) != 1 else ''}")
    return console.file.getvalue()
