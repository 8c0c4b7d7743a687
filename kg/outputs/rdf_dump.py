"""`kg export --format turtle|trig|nquads|ntriples|jsonld|rdfxml`: the statements themselves, through
Oxigraph's serialiser (the store's `dump`)."""
from __future__ import annotations

from typing import BinaryIO

from kg.outputs.scope import Scope
from kg.rdf.store import Store


def write(store: Store, scope: Scope, out: BinaryIO, fmt: str) -> None:
    store.dump(out, fmt, scope.doc_id, consolidated=scope.consolidated)
