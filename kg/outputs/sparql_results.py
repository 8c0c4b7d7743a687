"""Content negotiation and serialisation of SPARQL results, with a row limit.

SELECT and ASK results are written here (JSON, XML, CSV, TSV per the W3C result formats) so that
a result can be cut at the row limit; CONSTRUCT and DESCRIBE go through Oxigraph's RDF serialiser.
"""
from __future__ import annotations

import csv
import io
import json
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

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
def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    return {"type": "triple", "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate),
                                        "object": _json_term(t.object)}}


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    return (f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>{_xml_term(t.predicate)}</predicate>"
            f"<object>{_xml_term(t.object)}</object></triple>")


def _csv_term(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, (ox.NamedNode, ox.Literal)):
        return t.value
    return str(t)


def write_boolean(value: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    return (("true" if value else "false") + "\n").encode()


def write_solutions(results, fmt: str, max_rows: int) -> tuple[bytes, bool]:
    """Serialised solutions and whether they were cut at max_rows."""
    names = [v.value for v in results.variables]
    rows = list(islice(results, max_rows + 1))
    truncated = len(rows) > max_rows
    rows = rows[:max_rows]
    if fmt == "json":
        bindings = [{n: _json_term(s[n]) for n in names if s[n] is not None} for s in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode(), truncated
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        out += [f"<variable name={quoteattr(n)}/>" for n in names]
        out.append("</head><results>")
        for s in rows:
            out.append("<result>")
            out += [f"<binding name={quoteattr(n)}>{_xml_term(s[n])}</binding>" for n in names if s[n] is not None]
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode(), truncated
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(names)
        w.writerows([[_csv_term(s[n]) for n in names] for s in rows])
        return buf.getvalue().encode(), truncated
    # TSV: terms in their N-Triples / Turtle form
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join("" if s[n] is None else str(s[n]) for n in names) for s in rows]
    return ("\n".join(lines) + "\n").encode(), truncated


def write_triples(triples, fmt: str, max_rows: int, prefixes: dict[str, str]) -> tuple[bytes, bool]:
    items = list(islice(triples, max_rows + 1))
    truncated = len(items) > max_rows
    items = items[:max_rows]
    rdf_format = RDF_FORMATS[fmt]
    if fmt in ("turtle", "rdfxml"):
        return ox.serialize(items, format=rdf_format, prefixes=prefixes), truncated
    return ox.serialize(items, format=rdf_format), truncated
