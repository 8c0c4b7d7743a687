"""One writer per store: an OS file lock plus a pid file, so a second writer fails at once, naming the first.

The lock is an OS lock (filelock), so the OS releases it when its holder dies, even by SIGKILL: a
stale pid file never blocks anyone. The pid lives in its own file because filelock truncates the
lock file on every attempt.
"""
from __future__ import annotations

import atexit
import os
from pathlib import Path

from filelock import FileLock, Timeout

from kg.errors import KgError

LOCK_FILE = "kg.lock"
PID_FILE = "kg.pid"
#: how long a starting writer waits out a holder that has no pid file (a probe, or a writer just starting)
PROBE_GRACE = 0.5


def _pid_suffix(store_dir: Path) -> str:
    """' (PID 1234)' from the pid file, or '' when it is missing or unreadable."""
    try:
        pid = int((store_dir / PID_FILE).read_text().strip())
    except (OSError, ValueError):
        return ""
    return f" (PID {pid})"


class WriterLock:
    """Held by a Store opened for writing, for as long as it is open."""

    def __init__(self, store_dir: str | os.PathLike):
        self.dir = Path(store_dir)
        self._lock = FileLock(str(self.dir / LOCK_FILE))

    def acquire(self) -> None:
        """Take the lock or raise KgError('store_locked') naming the holder.

        A holder without a pid file is most likely a reader's probe (`writer_pid`), which lets go within
        microseconds: only then is the lock tried again, for at most PROBE_GRACE seconds. A real writer
        writes its pid file as soon as it holds the lock, so a second writer still fails at once."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            if _pid_suffix(self.dir):
                raise KgError("store_locked", path=self.dir, pid=_pid_suffix(self.dir)) from None
            try:
                self._lock.acquire(timeout=PROBE_GRACE, poll_interval=0.005)
            except Timeout:
                raise KgError("store_locked", path=self.dir, pid=_pid_suffix(self.dir)) from None
        except OSError as e:   # e.g. a read-only folder: say so, not "locked"
            raise KgError("store_open", path=self.dir, reason=f"cannot create {LOCK_FILE}: {e.strerror or e}") from None
        (self.dir / PID_FILE).write_text(f"{os.getpid()}\n")
        atexit.register(self.release)   # tidy the pid file on a normal exit; the OS frees the lock anyway

    def release(self) -> None:
        atexit.unregister(self.release)
        if self._lock.is_locked:
            try:
                (self.dir / PID_FILE).unlink()
            except OSError:
                pass
            self._lock.release()


def writer_pid(store_dir: str | os.PathLike) -> str | None:
    """' (PID n)' (or '') when a live process holds the store for writing; None when nobody does.

    Probes by trying the lock without waiting and letting it go at once. A store on read-only media
    cannot be locked, so nobody can be writing it.
    """
    d = Path(store_dir)
    if not (d / LOCK_FILE).exists():
        return None
    probe = FileLock(str(d / LOCK_FILE))
    try:
        probe.acquire(timeout=0)
    except Timeout:
        return _pid_suffix(d)
    except OSError:
        return None
    probe.release()
    return None
