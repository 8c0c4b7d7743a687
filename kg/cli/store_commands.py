"""`kg validate`, `kg remove`, `kg repair`, `kg stats`: commands that look after a store."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from kg.cli import StoreOpt, _n, _show, _store_path, app
from kg.errors import KgError


@app.command()
def validate(
    store: Optional[Path] = StoreOpt,
    doc: Optional[str] = typer.Option(None, "--doc", help="Validate one document's graph only."),
):
    """Check the graph against the SHACL shapes of the vocabulary (kg/rdf/shapes.ttl, see docs/model.md).

    Prints one line per violation: document, focus node, path (= value): message. Exit 1 if any.

    Example: [bold]kg validate --store .kg[/bold]
             [bold]kg validate --doc 000_2b47ea7acca528d2[/bold]
    """
    from kg.rdf.store import Store
    from kg.rdf.validate import validate_store

    st = Store(_store_path(store), read_only=True)
    n_docs = n_bad = n_violations = 0
    for doc_id, violations in validate_store(st, doc):
        n_docs += 1
        n_bad += bool(violations)
        n_violations += len(violations)
        for v in violations:
            typer.echo(f"{doc_id}: {v}")
    if n_bad:
        typer.echo(f"{_n(n_violations, 'violation')} in {n_bad} of {_n(n_docs, 'document')}: does not conform",
                   err=True)
        raise typer.Exit(1)
    typer.echo(f"{_n(n_docs, 'document')} validated: conforms", err=True)


@app.command()
def remove(
    doc_ids: List[str] = typer.Argument(..., help="Document ids (as `kg stats` or schema:identifier show them)."),
    store: Optional[Path] = StoreOpt,
):
    """Remove documents: their graphs, and every entity no longer mentioned by any other document.

    People named by the removed documents are re-resolved (a short name may fall back to its own node)
    and the cross-document event clusters are recomputed.

    Example: [bold]kg remove 000_2b47ea7acca528d2 --store .kg[/bold]
    """
    from kg.corpus.stage import Corpus
    from kg.rdf.store import Store

    st = Store(_store_path(store))
    corpus = Corpus(st)
    missing = [d for d in doc_ids if not corpus.remove(d)]
    info = corpus.finish()
    corpus.close()
    st.flush()
    for d in missing:
        _show(KgError("doc_missing", doc=d).line())
    typer.echo(f"removed {_n(len(doc_ids) - len(missing), 'document')}; re-keyed {len(info['rekeyed'])}, "
               f"{info['clusters']} event clusters updated")
    if missing:
        raise typer.Exit(1)


@app.command()
def stats(store: Optional[Path] = StoreOpt):
    """Counts of documents, entities by type, events by type, and triples.

    Example: [bold]kg stats --store .kg[/bold]
    """
    from kg.outputs.stats import stats_text
    from kg.rdf.store import Store

    typer.echo(stats_text(Store(_store_path(store), read_only=True)), nl=False)


@app.command()
def repair(store: Optional[Path] = StoreOpt):
    """Finish what a kg process stopped while writing left undone, and bring a store built by an older kg
    up to date — both from the store's index, without running the NLP again.

    Example: [bold]kg repair --store .kg[/bold]
    """
    from kg.corpus.stage import Corpus
    from kg.rdf.store import Store

    st = Store(_store_path(store))
    Corpus(st).close()          # opening it for writing repairs it
    st.flush()
    st.close()
    kept = len(Store(_store_path(store), read_only=True).document_ids())
    typer.echo(f"{_store_path(store)}: repaired; {_n(kept, 'document')}")


