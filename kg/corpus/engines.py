"""Extraction engines: one process, a pool of N processes, or a Dask cluster.

All three yield plain ExtractedDocuments (or reader Failures for documents the NLP choked on) in
input order, so the single writer in kg/corpus/build.py sees the same stream whatever the engine:

* local: `nlp.pipe` with batching in this process;
* `--workers N`: N spawned processes, each loading the model once (the pool initializer); batches
  of Articles go out, plain ExtractedDocuments come back (never spaCy `Doc`s); at most 2N batches
  are in flight, so memory stays flat on any corpus size;
* `--engine dask`: the same on a Dask cluster — a WorkerPlugin loads the model once per worker.
  A LocalCluster of N worker processes (one thread each) is started when no scheduler address is
  given. Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 in its workers by default, which turns
  off glibc's adaptive malloc thresholds and makes spaCy ~30 % slower; we unset it (see
  `dask_config`) — on a real cluster set the same in the workers' Dask config (docs/scaling.md).
"""
from __future__ import annotations

import logging
import os
from collections import deque
from typing import Iterable, Iterator

from kg.errors import KgError
from kg.input.readers import Failure
from kg.model import Article, ExtractedDocument

#: documents per task sent to a worker
CHUNK = 16

_NLP: dict = {}
#: spaCy's character limit; the readers' byte limit is the real guard
MAX_LENGTH = 5_000_001


def _nlp(model: str | None, max_length: int | None = None):
    if model not in _NLP:
        from kg.nlp.pipeline import build_pipeline
        _NLP[model] = build_pipeline(model)
    nlp = _NLP[model]
    nlp.max_length = max(nlp.max_length, max_length or MAX_LENGTH)
    return nlp


def _chunks(items: Iterable[Article], n: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for a in items:
        batch.append(a)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_batch(batch: list[Article], model: str | None = None,
                  max_length: int | None = None) -> list[ExtractedDocument | Failure]:
    """Extract a batch in this process; a document that makes the NLP fail becomes a Failure."""
    from kg.nlp.pipeline import extract
    nlp = _nlp(model, max_length)
    try:
        return list(extract(batch, nlp, batch_size=len(batch)))
    except Exception:  # noqa: BLE001 - find the culprit document by document
        out: list[ExtractedDocument | Failure] = []
        for a in batch:
            try:
                out.extend(extract([a], nlp))
            except Exception as e:  # noqa: BLE001
                origin = a.origin or a.id
                reason = f"{type(e).__name__}: {e}"
                out.append(Failure(origin, str(KgError("extraction_failed", path=origin, reason=reason))))
        return out


def _pool_init(model: str | None) -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _nlp(model)


def _ordered(submit, batches: Iterable[list[Article]], in_flight: int) -> Iterator[ExtractedDocument | Failure]:
    pending: deque = deque()
    for b in batches:
        pending.append(submit(b))
        if len(pending) >= in_flight:
            yield from pending.popleft()()
    while pending:
        yield from pending.popleft()()


def extract_pool(articles: Iterable[Article], model: str | None, workers: int,
                 chunk: int = CHUNK) -> Iterator[ExtractedDocument | Failure]:
    import multiprocessing as mp
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_pool_init, initargs=(model,)) as pool:
        def submit(b):
            return pool.apply_async(extract_batch, (b, model, MAX_LENGTH)).get
        yield from _ordered(submit, _chunks(articles, chunk), 2 * workers)


# --- Dask ---------------------------------------------------------------------------------------------

def dask_config() -> dict:
    """Dask settings for spaCy workers: no MALLOC_TRIM_THRESHOLD_ (glibc's adaptive default is faster)."""
    return {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
            "distributed.worker.daemon": False}


def _make_plugin(model: str | None):
    from distributed.diagnostics.plugin import WorkerPlugin

    class KgModelPlugin(WorkerPlugin):
        """Loads the spaCy pipeline once when a worker starts."""
        name = "kg-nlp-model"

        def __init__(self, model):
            self.model = model

        def setup(self, worker):
            _nlp(self.model)

    return KgModelPlugin(model)


def extract_dask(articles: Iterable[Article], model: str | None, workers: int = 2, scheduler: str | None = None,
                 chunk: int = CHUNK) -> Iterator[ExtractedDocument | Failure]:
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set(dask_config()):
        cluster = None
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        try:
            client.register_plugin(_make_plugin(model))
            n = max(1, len(client.scheduler_info().get("workers", {})) or workers)

            def submit(b):
                return client.submit(extract_batch, b, model, MAX_LENGTH, pure=False).result
            yield from _ordered(submit, _chunks(articles, chunk), 2 * n)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def extract_documents(articles: Iterable[Article], model: str | None = None, workers: int = 1,
                      engine: str = "local", scheduler: str | None = None, batch_size: int = 32,
                      max_length: int | None = None) -> Iterator[ExtractedDocument | Failure]:
    global MAX_LENGTH
    if max_length:
        MAX_LENGTH = max(MAX_LENGTH, max_length)
    if engine == "dask":
        yield from extract_dask(articles, model, workers, scheduler)
    elif workers > 1:
        yield from extract_pool(articles, model, workers)
    else:
        from kg.nlp.pipeline import extract
        yield from extract(articles, _nlp(model, max_length), batch_size=batch_size)
