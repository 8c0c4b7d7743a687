"""Content negotiation and serialisation of SPARQL results, with a row limit.

SELECT and ASK results go through Oxigraph's result serialisers (JSON, XML, TSV) and a CSV writer of
our own, CONSTRUCT and DESCRIBE through its RDF serialiser; each is cut at the row limit.
"""
from __future__ import annotations

import csv
import io
from itertools import islice

import pyoxigraph as ox

#: result kind -> [(format name, media type sent back)]; the first is the default
OFFERS = {
    "solutions": [("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
                  ("csv", "text/csv"), ("tsv", "text/tab-separated-values")],
    "graph": [("turtle", "text/turtle"), ("ntriples", "application/n-triples"), ("jsonld", "application/ld+json"),
              ("rdfxml", "application/rdf+xml")],
}
OFFERS["boolean"] = OFFERS["solutions"]
#: media types (and SPARQLWrapper's extras) -> format name, per result kind
ACCEPTS = {
    "solutions": {"application/sparql-results+json": "json", "application/json": "json", "text/javascript": "json",
                  "application/javascript": "json", "application/sparql-results+xml": "xml", "application/xml": "xml",
                  "text/xml": "xml", "text/csv": "csv", "text/tab-separated-values": "tsv"},
    "graph": {"text/turtle": "turtle", "application/turtle": "turtle", "application/x-turtle": "turtle",
              "text/n3": "turtle", "text/rdf+n3": "turtle", "application/rdf+n3": "turtle",
              "application/n-triples": "ntriples", "text/plain": "ntriples", "application/ld+json": "jsonld",
              "application/x-json+ld": "jsonld", "application/json": "jsonld", "application/rdf+xml": "rdfxml",
              "application/xml": "rdfxml", "text/xml": "rdfxml"},
}
ACCEPTS["boolean"] = ACCEPTS["solutions"]
#: the `format` request parameter (used when the Accept header leaves the choice open)
FORMAT_PARAM = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle", "ttl": "turtle",
                "n3": "turtle", "nt": "ntriples", "ntriples": "ntriples", "n-triples": "ntriples", "json-ld": "jsonld",
                "jsonld": "jsonld", "rdf+xml": "rdfxml", "rdfxml": "rdfxml"}
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
               "rdfxml": ox.RdfFormat.RDF_XML}


def _media_ranges(accept: str) -> list[str]:
    """Media ranges of an Accept header, best first (q=0 dropped; ties keep their order)."""
    ranges = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((-q, i, media))
    return [m for _, _, m in sorted(ranges)]


def negotiate(kind: str, accept: str | None, fmt_param: str | None = None) -> tuple[str, str] | None:
    """(format name, media type) for a result kind, or None when nothing acceptable is offered."""
    offers = OFFERS[kind]
    media_of = dict(offers)
    names = {n for n, _ in offers}
    by_param = FORMAT_PARAM.get((fmt_param or "").lower())
    ranges = _media_ranges(accept) if accept else []
    if by_param in names and all(r in ("*/*", "*") for r in ranges):
        return by_param, media_of[by_param]
    if not ranges:
        return offers[0]
    for media in ranges:
        name = ACCEPTS[kind].get(media)
        if name:
            return name, media_of[name]
        if media in ("*/*", "*"):
            return offers[0]
        if media.endswith("/*"):
            for name, offered in offers:
                if offered.startswith(media[:-1]):
                    return name, offered
    return None


# --- SELECT / ASK -------------------------------------------------------------------------------
# Oxigraph serialises results (JSON, XML, TSV), but only a whole QuerySolutions, and one cannot be
# built from rows. So the rows kept under the limit are handed back to it in TSV — each term in its
# own N-Triples form — and read in by `parse_query_results`, which gives a QuerySolutions to serialise.
# CSV is written here: Oxigraph 0.5 leaves an IRI with a comma unquoted, which breaks the row.
RESULTS_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "tsv": ox.QueryResultsFormat.TSV}


def _nt(t) -> str:
    """A term as SPARQL TSV writes it (N-Triples / Turtle form); '' when unbound."""
    if t is None:
        return ""
    if isinstance(t, ox.Triple):
        return f"<<( {_nt(t.subject)} {_nt(t.predicate)} {_nt(t.object)} )>>"
    return str(t)


def _csv_term(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, (ox.NamedNode, ox.Literal)):
        return t.value
    return str(t)


def write_csv(names: list[str], rows) -> bytes:
    """SPARQL CSV (plain values; fields with commas, quotes or line breaks quoted, as RFC 4180 says)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(names)
    w.writerows([_csv_term(t) for t in s] for s in rows)
    return buf.getvalue().encode()


def write_boolean(value, fmt: str) -> bytes:
    """An ASK result (a QueryBoolean or a bool) in `fmt`, by Oxigraph's serialiser."""
    if not isinstance(value, ox.QueryBoolean):
        value = ox.parse_query_results("true" if value else "false", ox.QueryResultsFormat.TSV)
    return value.serialize(format=RESULTS_FORMATS.get(fmt, ox.QueryResultsFormat.TSV))


def write_solutions(results, fmt: str, max_rows: int, order: list[str] | None = None) -> tuple[bytes, bool]:
    """Serialised solutions and whether they were cut at max_rows; `order`: the columns' (a SELECT *'s)."""
    names = [v.value for v in results.variables]
    rows = list(islice(results, max_rows + 1))
    truncated = len(rows) > max_rows
    rows = rows[:max_rows]
    if order:
        from kg.outputs.query import column_order
        idx = column_order(names, order)
        names, rows = [names[i] for i in idx], [[s[i] for i in idx] for s in rows]
    if fmt == "csv":
        return write_csv(names, rows), truncated
    tsv = "\t".join(f"?{n}" for n in names) + "\n" + "".join("\t".join(map(_nt, s)) + "\n" for s in rows)
    kept = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
    return kept.serialize(format=RESULTS_FORMATS[fmt]), truncated


def write_triples(triples, fmt: str, max_rows: int, prefixes: dict[str, str]) -> tuple[bytes, bool]:
    """Serialised CONSTRUCT / DESCRIBE triples (Oxigraph's RDF serialiser) and whether they were cut."""
    items = list(islice(triples, max_rows + 1))
    truncated = len(items) > max_rows
    items = items[:max_rows]
    rdf_format = RDF_FORMATS[fmt]
    if fmt in ("turtle", "rdfxml"):
        return ox.serialize(items, format=rdf_format, prefixes=prefixes), truncated
    return ox.serialize(items, format=rdf_format), truncated
