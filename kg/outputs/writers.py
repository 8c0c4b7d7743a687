"""The export formats: one entry per format, naming the function that writes it.

A new format is one module with a `write`-shaped function and one entry here; `kg export --format`
offers every entry. A writer is `write(store, scope, out, fmt)`: it writes the scope of the store as
`fmt` to the binary stream `out`. Entries name their function as `module:function` (as Python entry
points do) and are imported only when used, so reading this table (the CLI does, for its choices and
help) loads neither networkx nor matplotlib.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from importlib import import_module
from typing import TYPE_CHECKING, BinaryIO, Callable

from kg.errors import KgError

if TYPE_CHECKING:
    from kg.outputs.scope import Scope
    from kg.rdf.store import Store

    WriteFn = Callable[[Store, Scope, BinaryIO, str], None]


class Reads(Enum):
    """What a writer needs from the store."""

    VIEW = "graph views"        # the graph view (kg.outputs.view.to_networkx)
    RDF = "RDF statements"      # the statements themselves (the store's dump)


@dataclass(frozen=True)
class Writer:
    target: str          # "kg.outputs.<module>:<function>"
    reads: Reads

    def load(self) -> WriteFn:
        module, function = self.target.split(":")
        return getattr(import_module(module), function)


_RDF = "kg.outputs.rdf_dump:write"

#: format name -> its writer, in the order --help lists them
WRITERS: dict[str, Writer] = {
    "graphml": Writer("kg.outputs.graphml:write", Reads.VIEW),
    "html": Writer("kg.outputs.html:write", Reads.VIEW),
    "png": Writer("kg.outputs.picture:write", Reads.VIEW),
    "svg": Writer("kg.outputs.picture:write", Reads.VIEW),
    "turtle": Writer(_RDF, Reads.RDF),
    "trig": Writer(_RDF, Reads.RDF),
    "nquads": Writer(_RDF, Reads.RDF),
    "ntriples": Writer(_RDF, Reads.RDF),
    "jsonld": Writer(_RDF, Reads.RDF),
    "rdfxml": Writer(_RDF, Reads.RDF),
}
#: `--format graphml --yed`: the GraphML with yFiles graphics
YED = Writer("kg.outputs.yed:write", Reads.VIEW)

#: the formats as a choice type (typer checks and lists them)
ExportFormat = Enum("ExportFormat", {name: name for name in WRITERS}, type=str)


def describe() -> str:
    """The formats by what they read, for --help: 'graph views: graphml, …; RDF statements: turtle, …'."""
    return "; ".join(f"{r.value}: " + ", ".join(n for n, w in WRITERS.items() if w.reads is r) for r in Reads)


def writer_for(fmt: str, yed: bool = False) -> Writer:
    """The writer of a format name; KgError for an unknown format or --yed with anything but GraphML."""
    if fmt not in WRITERS:
        raise KgError("export_format", fmt=fmt)
    if yed:
        if fmt != "graphml":
            raise KgError("yed_needs_graphml")
        return YED
    return WRITERS[fmt]
