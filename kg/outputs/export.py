"""`kg export`: find the format's writer in the registry (kg.outputs.writers) and run it on the store,
into a file or standard output."""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from kg.errors import KgError, crash_point
from kg.outputs.scope import Scope, ViewFilter
from kg.outputs.writers import Reads, writer_for
from kg.rdf.store import Store


class AtomicFile(io.RawIOBase):
    """A file written under a temporary name in its own folder and renamed over the target only once the
    writer has finished (`commit`): a writer that fails, or an export killed (even by SIGKILL), leaves the
    previous file exactly as it was, never a truncated one. The rename is `os.replace`, atomic on POSIX
    within one file system, which is why the temporary file sits next to the target. A temporary file a
    killed export left behind is removed by the next export to the same target."""

    def __init__(self, path: str | Path):
        super().__init__()
        self.path = Path(path)
        self.tmp = self.path.with_name(f".{self.path.name}.kg-tmp-{os.getpid()}")
        self.fh = None
        self._sweep()

    def _sweep(self) -> None:
        """Remove temporary files of exports to this target whose process is gone."""
        prefix = f".{self.path.name}.kg-tmp-"
        for old in self.path.parent.glob(prefix + "*"):
            pid = old.name[len(prefix):]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                old.unlink(missing_ok=True)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if self.fh is None:
            self.fh = open(self.tmp, "wb")     # the umask's permissions, as a plain open would give
        n = self.fh.write(data)
        crash_point("export-write")            # the crash tests kill the export here, mid-file
        return n

    def commit(self) -> None:
        """The whole file is written: put it in place of the target."""
        if self.fh is None:          # nothing written: the output is still an (empty) file
            self.fh = open(self.tmp, "wb")
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.path)

    def close(self) -> None:
        """Without a commit (the writer failed), drop the temporary file; the target is untouched."""
        if self.fh is not None:
            self.fh.close()
        self.tmp.unlink(missing_ok=True)
        super().close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def export(store: Store, fmt: str, output: str | Path | None, doc_id: str | None = None, yed: bool = False,
           consolidated: bool = False, view: ViewFilter | None = None) -> None:
    """Write the store (or one document of it) as `fmt` to `output`, or to standard output when None.
    consolidated: quad formats carry the consolidated default graph too (as a named graph);
    view: the part of the graph view drawn (graph-view formats only)."""
    writer = writer_for(fmt, yed)
    view = view or ViewFilter()
    if view.active and writer.reads is Reads.RDF:
        raise KgError("view_filter_rdf", options="--entities-only, --around, --since, --until, --min-weight "
                                                  "and --clusters")
    scope = Scope(doc_id, consolidated, view).check(store)
    write = writer.load()
    if output is None:
        sys.stdout.flush()
        write(store, scope, sys.stdout.buffer, fmt)
        sys.stdout.buffer.flush()
        return
    out = AtomicFile(output)
    try:
        write(store, scope, out, fmt)
        out.commit()
    finally:
        out.close()
