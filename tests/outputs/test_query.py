"""The ready queries ship in the package, run by name from any folder, declare their own prefixes, and
give the same rows however often a triple is repeated across document graphs. Every document that
mentions an entity repeats its type and label triples, and the default graph of `kg query` is the
union of all graphs *with* those repetitions (Oxigraph does not deduplicate), so a query that joins
entity triples naively returns each row once per repetition (or, with OPTIONALs, a cross product
that never finishes on a large store)."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import KgError
from kg.model.vocab import PREFIXES
from kg.outputs.query import canned_queries, query_title, read_query, rows
from kg.rdf.store import Store

ROOT = Path(__file__).resolve().parents[2]
QUERIES = sorted((ROOT / "kg" / "outputs" / "queries").glob("*.rq"))


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
    q = path.read_text(encoding="utf-8")    # no prefixes predeclared: each query declares its own
    a = _normalised(once.query(q, use_default_graph_as_union=True))
    b = _normalised(thrice.query(q, use_default_graph_as_union=True))
    assert a, f"{path.name} returns nothing on the seed"
    assert a == b


def test_the_top_level_queries_folder_is_the_packaged_one():
    top = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "queries").glob("*.rq")}
    assert top and top == {f"{name}.rq": text for name, text in canned_queries().items()}


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_each_query_declares_its_prefixes_as_kg_names_them(path):
    text = path.read_text(encoding="utf-8")
    declared = dict(re.findall(r"^PREFIX (\w+): <([^>]*)>$", text, re.M))
    assert declared and all(str(PREFIXES[p]) == ns for p, ns in declared.items())
    ox.Store().query(text)        # parses where nothing is predeclared, as on another server
    assert query_title(text).endswith(".")


def test_a_ready_query_is_read_by_name_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    actors = canned_queries()["actors"]
    assert read_query("actors") == actors and read_query("actors.rq") == actors
    (tmp_path / "actors.rq").write_text("SELECT * WHERE { ?s ?p ?o }")   # a file here wins over the name
    assert read_query("actors.rq") == "SELECT * WHERE { ?s ?p ?o }"
    assert read_query("SELECT ?x WHERE { ?x ?p ?o }") == "SELECT ?x WHERE { ?x ?p ?o }"


@pytest.mark.parametrize("arg, code", [("actor", "query_unknown"), ("elsewhere/actors.rq", "query_missing"),
                                       ("nothing.rq", "query_missing")])
def test_an_unknown_query_names_the_ready_ones(arg, code, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(KgError) as e:
        read_query(arg)
    assert e.value.code == code and "who_met_whom" in str(e.value)


def test_select_star_columns_come_in_the_order_the_query_names_them(seed_store):
    from kg.outputs.query import render, star_order
    q = 'SELECT * WHERE { ?zed a schema:Person ; rdfs:label "Vladimir Putin" ; rdfs:label ?alpha } # ?first'
    assert star_order(q) == ["zed", "alpha"]                 # not by name, as Oxigraph gives them
    assert star_order("SELECT ?b ?a WHERE { ?a ?p ?b }") is None
    assert star_order('SELECT ?x WHERE { { SELECT * WHERE { ?y ?p ?x } } }') is None   # the outer one counts
    out = render(Store(seed_store, read_only=True).query(q), "csv", order=star_order(q))
    assert out.splitlines()[0] == "zed,alpha"
