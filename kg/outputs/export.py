"""`kg export`: find the format's writer in the registry (kg.outputs.writers) and run it on the store,
into a file or standard output."""
from __future__ import annotations

import io
import sys
from pathlib import Path

from kg.errors import KgError
from kg.outputs.scope import Scope, ViewFilter
from kg.outputs.writers import Reads, writer_for
from kg.rdf.store import Store


class _OpenOnWrite(io.RawIOBase):
    """A file opened at its first byte, so a writer that fails before writing (an empty graph, say)
    leaves an existing file as it was and creates no empty one."""

    def __init__(self, path: str | Path):
        super().__init__()
        self.path, self.fh = path, None

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if self.fh is None:
            if not len(data):
                return 0
            self.fh = open(self.path, "wb")
        return self.fh.write(data)

    def finish(self) -> None:
        if self.fh is None:          # nothing written: the output is still an (empty) file
            self.fh = open(self.path, "wb")
        self.fh.close()

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
        super().close()


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
    out = _OpenOnWrite(output)
    try:
        write(store, scope, out, fmt)
        out.finish()
    finally:
        out.close()
