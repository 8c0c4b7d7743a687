"""Run SPARQL queries in worker processes with a deadline, so a runaway query cannot wedge a server.

A pyoxigraph query cannot be cancelled once it runs, and a thread cannot be killed, so each query
runs in one of a few worker processes; when the deadline passes, that worker is killed and a fresh
one takes its place while the others go on answering.

Each worker reads a snapshot of the store, a RocksDB checkpoint in a directory of the pool's own
(`take_snapshot`). A writer that compacts the store meanwhile cannot pull files from under a query,
and while a `kg build` runs the server goes on answering from the last complete version: each worker
takes its snapshot when it starts, and one started during a build (replacing a stopped one) reads a
sibling's. When no
writer holds the store and its files have changed, the worker takes a new snapshot, so built
documents become visible. Where no snapshot can be made the worker opens the store itself.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import shutil
import signal
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from kg.outputs.sparql_views import StoreView, take_snapshot  # noqa: F401 - take_snapshot: re-exported


class QueryTimeout(Exception):
    pass


class PoolBusy(Exception):
    pass


@dataclass
class Job:
    query: str
    accept: str | None = None
    fmt_param: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    max_rows: int = 10_000


@dataclass
class Reply:
    status: int
    media_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    truncated: bool = False


def _error(status: int, code: str, **fields) -> Reply:
    from kg.errors import KgError
    return Reply(status, body=f"{KgError(code, **fields).line()}\n".encode())


def _execute(store, job: Job) -> Reply:
    import pyoxigraph as ox

    from kg.errors import KgError
    from kg.model.vocab import PREFIXES
    from kg.outputs.sparql_guard import check_depth, classify
    from kg.outputs.sparql_results import negotiate, write_boolean, write_solutions, write_triples
    try:
        check_depth(job.query)   # before any parser: a deep nesting overflows Oxigraph's stack
    except KgError as e:
        return _error(400, e.code, **e.fields)
    kind = classify(job.query)   # here, under the deadline: parsing a huge query cannot wedge the server
    if kind == "update":
        return _error(403, "serve_update_refused")
    if kind == "service":
        return _error(403, "serve_service_refused")

    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    kwargs = {"prefixes": prefixes}
    try:   # a default-graph-uri or named-graph-uri that is no IRI is the client's mistake: 400
        if job.default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        if job.named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    except ValueError as e:
        return _error(400, "serve_bad_request", reason=f"not an IRI: {str(e).splitlines()[0]}")
    if not job.default_graphs:   # the consolidated default graph, the clusters and the vocabulary: each fact once
        from kg.rdf.store import query_dataset
        kwargs["default_graph"] = query_dataset()
    try:
        results = store.query(job.query, **kwargs)
    except SyntaxError as e:
        from kg.rdf.store import syntax_error
        return Reply(400, body=f"{syntax_error(e, job.query).line()}\n".encode())
    except ValueError as e:  # a bad graph IRI
        return _error(400, "serve_bad_request", reason=str(e).splitlines()[0])
    if isinstance(results, ox.QueryBoolean):
        kind = "boolean"
    elif isinstance(results, ox.QueryTriples):
        kind = "graph"
    else:
        kind = "solutions"
    chosen = negotiate(kind, job.accept, job.fmt_param)
    if chosen is None:
        from kg.outputs.sparql_results import OFFERS
        return _error(406, "serve_not_acceptable", accept=job.accept, offers=", ".join(m for _, m in OFFERS[kind]))
    fmt, media = chosen
    if kind == "boolean":
        return Reply(200, media, write_boolean(bool(results), fmt))
    if kind == "graph":
        body, truncated = write_triples(results, fmt, job.max_rows, prefixes)
    else:
        from kg.outputs.query import star_order
        body, truncated = write_solutions(results, fmt, job.max_rows, star_order(job.query))
    charset = "" if fmt in ("jsonld", "json") else "; charset=utf-8"
    return Reply(200, media + charset, body, truncated)


def cap_memory(limit_bytes: int | None) -> None:
    """Bound this process's address space (RLIMIT_AS): a query past it fails to allocate, as a MemoryError
    or (in Oxigraph's Rust code) an abort, and never takes the machine's memory. Never above the hard limit."""
    import resource
    if not limit_bytes:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = limit_bytes if hard == resource.RLIM_INFINITY else min(limit_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def worker_main(conn, store_path: str, snapshots: str | None = None, memory_bytes: int | None = None) -> None:
    """A worker process: answer jobs from the pipe until it closes, within `memory_bytes` of address space."""
    import signal
    import sys

    from kg.outputs.sandbox import cut_off_network
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server shuts its workers down itself
    if not cut_off_network():   # the second wall behind the SERVICE refusal
        from kg.errors import warning
        print(warning("serve_no_sandbox"), file=sys.stderr)
    import pyoxigraph  # noqa: F401 - loaded before the cap, so the cap bounds queries, not the start
    cap_memory(memory_bytes)

    view = StoreView(store_path, snapshots)
    try:
        view.refresh()   # at start, not at the first query: a build may begin before that
    except Exception:  # noqa: BLE001 - the first job tries again and reports what fails
        view.drop()
    try:
        conn.send("ready")
    except (EOFError, OSError):
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            view.drop()
            return
        try:
            view.refresh()
            if view.store is None:
                reply = _error(503, "serve_store_busy")
            else:
                try:
                    reply = _execute(view.store, job)
                except OSError:
                    # files went from under a direct view (no snapshot): reopen once, or say busy
                    view.drop()
                    view.refresh()
                    reply = _execute(view.store, job) if view.store is not None else _error(503, "serve_store_busy")
        except MemoryError:
            reply = _error(503, "serve_memory", limit=(memory_bytes or 0) >> 20)
        except Exception as e:  # noqa: BLE001 - the server turns it into a 500, the worker lives on
            first = str(e).splitlines()[0] if str(e) else ""
            reply = _error(500, "serve_query_failed", reason=f"{type(e).__name__}: {first}")
        try:
            conn.send(reply)
        except (EOFError, OSError):
            view.drop()
            return


class _Worker:
    def __init__(self, ctx, store_path: str, snapshots: str | None, memory_bytes: int | None = None):
        self.conn, child = ctx.Pipe()
        self.snapshots = snapshots
        self.proc = ctx.Process(target=worker_main, args=(child, store_path, snapshots, memory_bytes), daemon=True,
                                name="kg-sparql-worker")
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Until the worker holds its view of the store (or is found dead: the first job reports it)."""
        try:
            if self.conn.poll(timeout):
                self.conn.recv()
        except (EOFError, OSError):
            pass

    def stop(self) -> None:
        try:
            self.conn.close()
        except OSError:
            pass
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)
        if self.snapshots and self.proc.pid:   # a killed worker leaves its snapshot behind
            for name in os.listdir(self.snapshots):
                if name.startswith(f"{self.proc.pid}-"):
                    shutil.rmtree(os.path.join(self.snapshots, name), ignore_errors=True)


class QueryPool:
    """`size` worker processes; `run(job, timeout)` answers a job within the deadline or raises."""

    def __init__(self, store_path: str | Path, size: int = 2, memory_mb: int = 0):
        self.store_path = str(store_path)
        self.size = max(1, size)
        self.memory_mb = memory_mb          # each worker's address-space cap (0: none)
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.snapshots: str | None = None

    def start(self) -> None:
        self.snapshots = _snapshot_root(self.store_path)
        workers = [self._spawn() for _ in range(self.size)]    # started together, ready one by one
        for w in workers:
            self._add(w)

    def _spawn(self) -> _Worker:
        return _Worker(self._ctx, self.store_path, self.snapshots, self.memory_mb << 20)

    def _add(self, w: _Worker | None = None) -> None:
        w = w or self._spawn()
        w.wait_ready()
        with self._lock:
            if self._closed:
                w.stop()
                return
            self._all.add(w)
        self._idle.put(w)

    def _replace(self, w: _Worker) -> None:
        with self._lock:
            self._all.discard(w)
        w.stop()
        if not self._closed:
            threading.Thread(target=self._add, daemon=True, name="kg-sparql-respawn").start()

    def run(self, job: Job, timeout: float) -> Reply:
        """Blocking: wait for a free worker, send the job, wait for the reply; all within `timeout` s."""
        import time
        deadline = time.monotonic() + timeout
        try:
            w = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise PoolBusy() from None
        try:
            w.conn.send(job)
            if w.conn.poll(max(0.0, deadline - time.monotonic())):
                reply = w.conn.recv()
            else:
                self._replace(w)  # kill the runaway query with its process
                w = None
                raise QueryTimeout()
        except (EOFError, OSError, BrokenPipeError):
            if w is None:
                return _error(500, "serve_worker_died")
            w.proc.join(timeout=2)
            died_of = w.proc.exitcode
            self._replace(w)
            w = None
            if self.memory_mb and died_of == -signal.SIGABRT:   # Oxigraph aborts when an allocation fails
                return _error(503, "serve_memory", limit=self.memory_mb)
            return _error(500, "serve_worker_died")
        finally:
            if w is not None:
                self._idle.put(w)
        return reply

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.stop()
        if self.snapshots:
            shutil.rmtree(self.snapshots, ignore_errors=True)


def _snapshot_root(store_path: str) -> str | None:
    """A directory for the workers' snapshots next to the store (hard links need the same file system);
    roots left by servers that died without closing are removed. None if the parent is not writable."""
    store = Path(store_path).resolve()
    prefix = f".{store.name}.kg-serve-"
    try:
        for old in store.parent.glob(prefix + "*"):
            pid = old.name[len(prefix):].split("-")[0]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(old, ignore_errors=True)
        return tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=store.parent)
    except OSError:
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
