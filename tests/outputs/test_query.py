"""The canned queries (queries/*.rq) give the same rows however often a triple is repeated across
document graphs. Every document that mentions an entity repeats its type and label triples, and the
default graph of `kg query` is the union of all graphs *with* those repetitions (Oxigraph does not
deduplicate), so a query that joins entity triples naively returns each row once per repetition
(or, with OPTIONALs, a cross product that never finishes on a large store)."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.model.vocab import sparql_prologue
from kg.outputs.query import rows
from kg.rdf.store import Store

QUERIES = sorted((Path(__file__).resolve().parents[2] / "queries").glob("*.rq"))


def _normalised(results) -> list[tuple]:
    """Rows as a sorted list, with the items of GROUP_CONCAT cells sorted (their order is arbitrary);
    ?example is left out (SAMPLE: any one sentence)."""
    header, body = rows(results)
    keep = [i for i, h in enumerate(header) if h != "example"]

    def cell(c: str) -> str:
        for sep in ("; ", " | "):
            if sep in c:
                return sep.join(sorted(c.split(sep)))
        return c
    return sorted(tuple(cell(r[i]) for i in keep) for r in body)


@pytest.fixture(scope="module")
def once_and_thrice(seed_store):
    st = Store(seed_store, read_only=True)
    once, thrice = ox.Store(), ox.Store()
    for q in st.quads():
        once.add(q)
        thrice.add(q)
        if "/id/entity/" not in q.subject.value or q.predicate.value.endswith("#denotedBy"):
            continue           # mentions (gaf:denotedBy) belong to one document
        for k in (1, 2):       # an entity's triple in two more graphs, as in two more documents
            thrice.add(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(f"https://kg.example.org/graph/copy{k}")))
    return once, thrice


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_repeated_triples_change_nothing(path, once_and_thrice):
    once, thrice = once_and_thrice
    q = sparql_prologue() + path.read_text(encoding="utf-8")
    a = _normalised(once.query(q, use_default_graph_as_union=True))
    b = _normalised(thrice.query(q, use_default_graph_as_union=True))
    assert a, f"{path.name} returns nothing on the seed"
    assert a == b
