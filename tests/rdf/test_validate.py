"""SHACL validation: the seed's graph conforms; deliberately broken graphs do not, and say why."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.model.vocab import GAF, KG, KGE, NIF, SCHEMA, SEM
from kg.rdf.mapping import document_graph
from kg.rdf.validate import validate_graph
from tests.conftest import run_kg


@pytest.fixture(scope="module")
def seed_graph(seed_doc):
    return document_graph(seed_doc)


def _copy(g):
    from rdflib import Graph
    out = Graph()
    out += g
    return out


def test_seed_graph_conforms(seed_graph):
    assert validate_graph(seed_graph) == []


def test_seed_store_conforms_through_the_cli(seed_store):
    r = run_kg("validate", "--store", seed_store)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "conforms" in r.stderr and r.stdout == ""


def _first(g, p, o=None):
    return next(iter(g.subjects(p, o)))


def _break(g, how: str):
    """Break one promise of the vocabulary; returns the (focus, path) the violation must name."""
    from rdflib.namespace import XSD  # imported here: pytest trips over XSD as a module attribute
    if how == "article_without_identifier":
        a = _first(g, RDF.type, SCHEMA.NewsArticle)
        g.remove((a, SCHEMA.identifier, None))
        return a, "schema:identifier"
    if how == "context_without_text":
        c = _first(g, RDF.type, NIF.Context)
        g.remove((c, NIF.isString, None))
        return c, "nif:isString"
    if how == "mention_string_offsets":
        m = _first(g, RDF.type, NIF.Phrase)
        g.set((m, NIF.beginIndex, Literal("three")))
        return m, "nif:beginIndex"
    if how == "mention_begin_after_end":
        m = _first(g, RDF.type, NIF.Phrase)
        end = int(g.value(m, NIF.endIndex))
        g.set((m, NIF.beginIndex, Literal(end + 5, datatype=XSD.nonNegativeInteger)))
        return m, "nif:beginIndex"
    if how == "mention_without_context":
        m = _first(g, RDF.type, NIF.Phrase)
        g.remove((m, NIF.referenceContext, None))
        g.add((m, NIF.referenceContext, URIRef("https://kg.example.org/id/text/nowhere")))
        return m, "nif:referenceContext"
    if how == "anchor_not_the_text":
        m = _first(g, RDF.type, NIF.Phrase)
        g.set((m, NIF.anchorOf, Literal(str(g.value(m, NIF.anchorOf)) + "x")))
        return _first(g, RDF.type, NIF.Context), ""
    if how == "event_two_types":
        e = _first(g, RDF.type, SEM.Event)
        g.add((e, SEM.eventType, KGE.Kill if (e, SEM.eventType, KGE.Kill) not in g else KGE.Meet))
        return e, "sem:eventType"
    if how == "event_type_not_in_taxonomy":
        e = _first(g, RDF.type, SEM.Event)
        g.set((e, SEM.eventType, URIRef(f"{KGE}Teleport")))   # the closed namespace would refuse it
        return e, "sem:eventType"
    if how == "event_not_grounded":
        e = _first(g, RDF.type, SEM.Event)
        g.remove((e, GAF.denotedBy, None))
        return e, "gaf:denotedBy"
    if how == "event_time_as_string":
        e = _first(g, RDF.type, SEM.Event)
        g.set((e, SEM.hasTimeStamp, Literal("last Monday")))
        return e, "sem:hasTimeStamp"
    if how == "entity_without_label":
        p = _first(g, RDF.type, SCHEMA.Person)
        g.remove((p, RDFS.label, None))
        return p, "rdfs:label"
    if how == "country_without_identifier":
        c = _first(g, RDF.type, SCHEMA.Country)
        g.remove((c, SCHEMA.identifier, None))
        return c, "schema:identifier"
    if how == "negative_count":
        grp = URIRef("https://kg.example.org/id/entity/group/test")
        g.add((grp, RDF.type, KG.PersonGroup))
        g.add((grp, RDFS.label, Literal("some people")))
        g.add((grp, KG["count"], Literal(-2, datatype=XSD.integer)))
        return grp, "kg:count"
    raise AssertionError(how)


BREAKS = ["article_without_identifier", "context_without_text", "mention_string_offsets", "mention_begin_after_end",
          "mention_without_context", "anchor_not_the_text", "event_two_types", "event_type_not_in_taxonomy",
          "event_not_grounded", "event_time_as_string", "entity_without_label", "country_without_identifier",
          "negative_count"]


@pytest.mark.parametrize("how", BREAKS)
def test_broken_graph_does_not_conform(seed_graph, how):
    from kg.rdf.validate import short
    g = _copy(seed_graph)
    focus, path = _break(g, how)
    violations = validate_graph(g)
    assert violations, f"{how} was not caught"
    assert any(v.focus == short(focus) and v.path == path for v in violations), [str(v) for v in violations]
    assert all(v.message and "\n" not in str(v) for v in violations)


def test_validate_cli_prints_each_violation_and_exits_1(seed_graph, tmp_path):
    from kg.rdf.store import Store
    g = _copy(seed_graph)
    _break(g, "event_type_not_in_taxonomy")
    _break(g, "negative_count")
    st = Store(tmp_path / "s")
    st.ensure_vocabulary()
    st.replace_document("broken", g)
    st.replace_document("good", seed_graph)
    st.close()

    r = run_kg("validate", "--store", tmp_path / "s")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    lines = r.stdout.splitlines()
    assert any(ln.startswith("broken: ") and "sem:eventType" in ln and "taxonomy" in ln for ln in lines), lines
    assert any(ln.startswith("broken: entity/group/test kg:count = '-2': ") for ln in lines), lines
    assert not any(ln.startswith("good: ") for ln in lines)
    assert "in 1 of 2 documents: does not conform" in r.stderr

    assert run_kg("validate", "--store", tmp_path / "s", "--doc", "good").returncode == 0
    r = run_kg("validate", "--store", tmp_path / "s", "--doc", "missing")
    assert r.returncode == 2 and "no document 'missing'" in r.stderr


def test_build_validate_stores_only_conforming_documents( tmp_path, monkeypatch):
    """`build --validate` reports a non-conforming document as a failure and does not store it."""
    import kg.corpus.build
    from kg.input.readers import Defaults
    from kg.rdf.store import Store

    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "ok", "text": "French President Emmanuel Macron met the German chancellor in Berlin on '
                      'Monday, and the two leaders said that they had discussed the budget of the union."}\n'
                      '{"id": "bad", "text": "President Joe Biden met King Charles in London on Tuesday, and the two '
                      'men said that they had talked about the war in Ukraine and about trade."}\n')
    real = kg.corpus.build.document_triples

    def breaking(doc):
        triples = real(doc)
        if doc.article.id == "bad":
            triples = [t for t in triples if t.predicate.value != str(SCHEMA.identifier)]
        return triples
    monkeypatch.setattr(kg.corpus.build, "document_triples", breaking)
    st = Store(tmp_path / "s")
    report = kg.corpus.build.build([str(corpus)], st, Defaults(), validate=True)
    assert st.document_ids() == ["ok"]
    assert report.documents == 1 and len(report.failures) == 1
    msg = report.failures[0].message
    assert msg.startswith(f"{corpus}:2: the graph of document 'bad' breaks") and "schema:identifier" in msg
    st.close()



def test_every_kind_of_entity_is_a_target_of_the_shapes():
    from rdflib.namespace import SH

    from kg.model import Kind
    from kg.rdf.validate import shapes_graph
    targets = set(shapes_graph().objects(None, SH.targetClass))
    assert [k for k in Kind if not set(k.rdf_types) & targets] == []
