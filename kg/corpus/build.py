"""The build job: read documents, extract, map to RDF, and commit each document to the store — or the
extraction only, to shard files (`build_shards`), loaded into a store later (`load`).

Reading and extraction stream; one writer commits documents to the store, in bulk-loaded batches.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from kg.input.readers import Defaults, Failure, read_documents
from kg.model import ExtractedDocument
from kg.rdf.mapping import document_triples, rdflib_graph
from kg.rdf.store import Store


@dataclass
class BuildReport:
    documents: int = 0
    entities: int = 0
    events: int = 0
    triples: int = 0
    failures: list[Failure] = field(default_factory=list)
    corpus: dict = field(default_factory=dict)     # what the store-wide stages did (re-keyed documents, clusters)


def build(paths: list[str], store: Store, defaults: Defaults | None = None, model: str | None = None,
          on_failure: Callable[[Failure], None] | None = None,
          on_document: Callable[[ExtractedDocument], None] | None = None, validate: bool = False,
          workers: int = 1, engine: str = "local", scheduler: str | None = None) -> BuildReport:
    """validate: check each document graph against the SHACL shapes first; one that breaks them is a
    failure, not stored.

    workers/engine/scheduler choose where the NLP runs (kg/corpus/engines.py); this process is the one
    writer. Store-wide identities and event clusters are resolved around each write (kg/corpus/stage.py).
    """
    report = BuildReport()
    docs = _extracted(paths, defaults, model, report, on_failure, workers, engine, scheduler)
    return _store_documents(docs, store, report, on_failure, on_document, validate)


def build_shards(paths: list[str], folder: str, defaults: Defaults | None = None, model: str | None = None,
                 on_failure: Callable[[Failure], None] | None = None,
                 on_document: Callable[[ExtractedDocument], None] | None = None,
                 workers: int = 1, engine: str = "local", scheduler: str | None = None) -> BuildReport:
    """The NLP only: each document's plain extraction to shard files in `folder` (kg.corpus.shards), for
    `load` to put into a store later."""
    from kg.corpus.shards import write_shards
    report = BuildReport()

    def counted():
        for doc in _extracted(paths, defaults, model, report, on_failure, workers, engine, scheduler):
            report.documents += 1
            report.entities += len(doc.entities)
            report.events += len(doc.events)
            if on_document:
                on_document(doc)
            yield doc
    report.corpus = {"shards": [str(f) for f in write_shards(counted(), folder)]}
    return report


def load(paths: list[str], store: Store, on_failure: Callable[[Failure], None] | None = None,
         on_document: Callable[[ExtractedDocument], None] | None = None, validate: bool = False) -> BuildReport:
    """Put the documents of shard files (`build_shards`) into the store, as `build` would have: no NLP."""
    from kg.corpus.shards import read_shards
    report = BuildReport()
    return _store_documents(_no_failures(read_shards(paths), report, on_failure), store, report, on_failure,
                            on_document, validate)


def _extracted(paths, defaults, model, report, on_failure, workers, engine, scheduler):
    """The extracted documents of the inputs (failures counted in the report, not yielded)."""
    from kg.corpus.engines import extract_documents

    articles = _no_failures(read_documents(paths, defaults), report, on_failure)
    # a document that passed the byte limit must not then stop the whole batch at spaCy's character limit
    max_length = (defaults or Defaults()).max_bytes + 1
    docs = extract_documents(articles, model, workers=workers, engine=engine, scheduler=scheduler,
                             max_length=max_length)
    return _no_failures(docs, report, on_failure)


def _no_failures(items, report: BuildReport, on_failure):
    """The items that are not failures; each failure is counted in the report and told to on_failure."""
    for it in items:
        if isinstance(it, Failure):
            report.failures.append(it)
            if on_failure:
                on_failure(it)
        else:
            yield it


def _store_documents(docs, store: Store, report: BuildReport, on_failure, on_document, validate) -> BuildReport:
    """Resolve, map and commit each document to the store, then the store-wide stages."""
    from kg.corpus.stage import Corpus

    store.ensure_vocabulary()
    corpus = Corpus(store.path, store)
    for doc in docs:
        local, decisions = doc, corpus.decisions(doc)
        doc = corpus.apply(local, decisions)
        graph = document_triples(doc)
        if validate and (failure := _invalid(doc, rdflib_graph(graph))) is not None:
            report.failures.append(failure)
            if on_failure:
                on_failure(failure)
            continue
        report.triples += corpus.commit(local, doc, decisions, triples=graph)   # written with its batch
        report.documents += 1
        report.entities += len(doc.entities)
        report.events += len(doc.events)
        if on_document:
            on_document(doc)
    report.corpus = corpus.finish()
    corpus.close()
    store.flush()
    return report


def _invalid(doc: ExtractedDocument, graph) -> Failure | None:
    """A Failure naming the first SHACL violation of a document graph, or None when it conforms."""
    from kg.errors import KgError
    from kg.rdf.validate import validate_graph
    violations = validate_graph(graph)
    if not violations:
        return None
    origin = doc.article.origin or doc.article.id
    return Failure(origin, str(KgError("invalid_document", path=origin, doc=doc.article.id, n=len(violations),
                                       first=violations[0])))
