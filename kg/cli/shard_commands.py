"""`kg build --shards` and `kg load`: the NLP and the store's work run apart (kg/corpus/shards.py)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from kg.cli import StoreOpt, _count_inputs, _n, _progress, _show, _store_path, app


def build_shards(paths, folder: Path, store, defaults, model, workers: int, engine: str, scheduler) -> None:
    """`kg build --shards`: the NLP only, to shard files."""
    from kg.corpus.build import build_shards as run
    from kg.errors import KgError
    if store is not None:
        raise KgError("shards_and_store")
    with _progress(_count_inputs(paths)) as on_document:
        report = run([str(p) for p in paths], str(folder), defaults, model=model, on_document=on_document,
                     on_failure=lambda f: _show(f"kg: error: {f.message}"), workers=workers, engine=engine,
                     scheduler=scheduler)
    files = report.corpus["shards"]
    typer.echo(f"extracted {_n(report.documents, 'document')} ({len(report.failures)} failed) -> "
               f"{_n(len(files), 'shard file')} in {folder}; load them with `kg load {folder} --store STORE`")
    if report.failures:
        raise typer.Exit(1)


@app.command()
def load(
    shards: List[Path] = typer.Argument(..., help="Shard files (part-*.jsonl.gz) or folders of them, written by "
                                                  "`kg build --shards`."),
    store: Optional[Path] = StoreOpt,
    validate: bool = typer.Option(False, "--validate", help="Check each document's graph against the SHACL "
                                                            "shapes before storing it."),
):
    """Load documents extracted by `kg build --shards` into the store: identity, mapping, the writes and the
    event clusters, without running the NLP again (a document loaded again is replaced).

    Example: [bold]kg build corpus.jsonl --workers 2 --shards shards/[/bold]
             [bold]kg load shards/ --store .kg && kg query events[/bold]
    """
    from kg.corpus.build import load as run_load
    from kg.corpus.shards import PER_SHARD, shard_files
    from kg.outputs.stats import store_totals
    from kg.rdf.store import Store

    files = shard_files([str(p) for p in shards])
    st = Store(_store_path(store))
    with _progress(len(files) * PER_SHARD if len(files) > 1 else 0, label="loading") as on_document:
        report = run_load([str(f) for f in files], st, on_document=on_document, validate=validate,
                          on_failure=lambda f: _show(f"kg: error: {f.message}"))
    typer.echo(f"loaded {_n(report.documents, 'document')} ({len(report.failures)} failed) -> {st.path}, which holds "
               f"{store_totals(st)}")
    if report.failures:
        raise typer.Exit(1)
