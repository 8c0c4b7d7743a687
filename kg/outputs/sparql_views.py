"""The workers' views of the store: RocksDB checkpoints (snapshots) taken when no writer holds it.

A snapshot outlives the files it was taken from, so a writer compacting the store cannot pull them
from under a query, and it keeps the last complete version for as long as a `kg build` runs.
"""
from __future__ import annotations

import os
import shutil
import uuid


def _store_signature(path: str) -> tuple:
    """Names, sizes and times of the store's data files: they change when a writer commits."""
    sig = []
    with os.scandir(path) as it:
        for e in it:
            if e.name.startswith(("CURRENT", "MANIFEST")) or e.name.endswith((".sst", ".log")):
                try:
                    st = e.stat()
                except FileNotFoundError:   # compacted away while we looked: the signature changes anyway
                    continue
                sig.append((e.name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(sig))


def _writer_active(store_path: str):
    """Not None while a `kg build` holds the store: the worker then keeps its last snapshot."""
    try:
        from kg.rdf.lock import writer_pid
    except ImportError:  # a kg without writer locks
        return None
    return writer_pid(store_path)


def take_snapshot(store_path: str, into: str) -> str:
    """A point-in-time copy of the store in a new directory under `into`, returned.

    RocksDB's checkpoint (pyoxigraph's `Store.backup`, from a read-only view): table files hard-linked on
    the same file system, copied otherwise. The checkpoint of a read-only store leaves out the write-ahead
    log, where writes stay until a flush (kg build and kg remove flush before they end; a killed writer
    does not), so the log files are copied in too. Raises OSError, RuntimeError or ValueError when it
    cannot be made, e.g. when a writer started meanwhile and moved files (try again)."""
    import pyoxigraph as ox
    d = os.path.join(into, f"{os.getpid()}-{uuid.uuid4().hex[:12]}")
    try:
        ox.Store.read_only(store_path).backup(d)
        with os.scandir(store_path) as it:
            for e in it:
                if e.name.endswith(".log"):
                    shutil.copy2(e.path, os.path.join(d, e.name))
    except BaseException:
        shutil.rmtree(d, ignore_errors=True)
        shutil.rmtree(d + ".tmp", ignore_errors=True)   # RocksDB builds the checkpoint there first
        raise
    return d


class StoreView:
    """One worker's read-only view of the store: a snapshot when possible, the store itself otherwise."""

    def __init__(self, store_path: str, snapshots: str | None):
        self.store_path, self.snapshots = store_path, snapshots
        self.store = self.sig = self.dir = None

    def refresh(self) -> None:
        """Take a new view if the store changed and no writer holds it; otherwise keep the last one."""
        import time

        import pyoxigraph as ox
        for attempt in range(3):
            if _writer_active(self.store_path) is not None:
                if self.store is None:       # a worker started during a build: a sibling's snapshot
                    self._borrow()
                return                       # keep the last view (none to be had: the caller answers busy)
            d = None
            try:
                now = _store_signature(self.store_path)
                if self.store is not None and now == self.sig:
                    return
                if self.snapshots and attempt < 2:   # no snapshot twice over: the last try reads the store itself
                    d = take_snapshot(self.store_path, self.snapshots)
                store = ox.Store.read_only(d or self.store_path)
            except (OSError, ValueError, RuntimeError):   # files came or went meanwhile (a writer started): look again
                if d:
                    shutil.rmtree(d, ignore_errors=True)
                time.sleep(0.05)
                continue
            old, self.store, self.sig, self.dir = self.dir, store, now, d
            if old:
                shutil.rmtree(old, ignore_errors=True)
            return

    def _borrow(self) -> None:
        """Open the newest snapshot of another worker, read-only and not ours to remove: it holds the last
        complete version, which its owner keeps for as long as the build runs."""
        import pyoxigraph as ox
        if not self.snapshots:
            return
        mine = f"{os.getpid()}-"
        with os.scandir(self.snapshots) as it:
            theirs = sorted((e for e in it if e.is_dir() and not e.name.startswith(mine)
                             and not e.name.endswith(".tmp")), key=lambda e: -e.stat().st_mtime_ns)
        for e in theirs:
            try:
                self.store = ox.Store.read_only(e.path)
            except (OSError, ValueError, RuntimeError):
                continue
            self.sig = self.dir = None      # not ours; replaced by our own snapshot once the build ends
            return

    def drop(self) -> None:
        self.store = self.sig = None
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
