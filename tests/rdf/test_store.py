"""kg/rdf/store.py: writing, replacing and serialising document graphs (hand-made triples, no NLP)."""
import io

import pyoxigraph as ox

from kg.rdf.store import Store

SHARED = ox.Triple(ox.NamedNode("https://kg.example.org/id/entity/country/FR"),
                   ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("France"))


def _doc(i: int) -> list[ox.Triple]:
    return [SHARED, ox.Triple(ox.NamedNode(f"https://kg.example.org/id/doc/d{i}"),
                              ox.NamedNode("http://schema.org/identifier"), ox.Literal(f"d{i}"))]


def test_triple_formats_write_an_entity_shared_by_documents_once(tmp_path):
    st = Store(tmp_path / "s")
    for i in range(3):
        st.replace_document(f"d{i}", _doc(i))
    out = io.BytesIO()
    st.dump(out, "ntriples")
    lines = out.getvalue().decode().splitlines()
    assert len(lines) == len(set(lines)) == 4          # the shared label once, one identifier per document
    quads = io.BytesIO()
    st.dump(quads, "nquads")                           # quad formats keep every graph's copy
    assert len(quads.getvalue().decode().splitlines()) == 6
    both = io.BytesIO()
    st.dump(both, "nquads", consolidated=True)         # and, asked for, the merged one under a name
    assert len(both.getvalue().decode().splitlines()) == 6 + 4
    st.close()


def test_replacing_a_document_swaps_its_graph_and_leaves_the_others(tmp_path):
    st = Store(tmp_path / "s")
    st.replace_document("d0", _doc(0))
    st.replace_document("d1", _doc(1))
    assert st.replace_document("d0", _doc(9)[1:]) == 1
    ids = {q.object.value for q in st.quads() if q.predicate.value == "http://schema.org/identifier"}
    assert ids == {"d9", "d1"} and st.document_ids() == ["d0", "d1"]
    st.close()


def test_a_merged_description_is_rewritten_through_its_predicates_not_its_mentions(tmp_path):
    fr = SHARED.subject
    label = SHARED.predicate
    founded = ox.NamedNode("http://schema.org/foundingDate")
    denoted = ox.NamedNode("http://groundedannotationframework.org/gaf#denotedBy")
    st = Store(tmp_path / "s")
    mentions = [ox.Triple(fr, denoted, ox.NamedNode(f"https://kg.example.org/id/doc/d0#char={i},{i + 6}"))
                for i in range(50)]
    st.replace_documents({"d0": [SHARED, *mentions]})
    looked: list[tuple] = []
    real = st._store

    class Counting:                       # what the rewrite looks up in the store, by pattern
        def __getattr__(self, name):
            return getattr(real, name)

        def quads_for_pattern(self, s, p, o, g=None):
            looked.append((s, p))
            return real.quads_for_pattern(s, p, o, g)
    st._store = Counting()
    old = ox.Triple(fr, founded, ox.Literal("1792"))
    st.replace_documents({}, {fr.value: [SHARED, old]}, {fr.value: {label, founded}})
    assert (fr, None) not in looked       # never every quad of the entity: its 50 mentions are not read
    # a predicate the entity no longer has facts with, but was described with, is cleared
    st.replace_documents({}, {fr.value: [SHARED]}, {fr.value: {label, founded}})
    st._store = real
    default = [q for q in real.quads_for_pattern(fr, None, None, ox.DefaultGraph())]
    assert {q.predicate for q in default} == {label, denoted} and len(default) == 51
    st.close()


def test_a_syntax_error_is_placed_in_the_users_text_and_given_whole(tmp_path):
    import pytest

    from kg.errors import KgError
    st = Store(tmp_path / "s")
    with pytest.raises(KgError) as e:
        st.query("SELECT ?x WHERE {\n  ?x a schema:Person ;\n     rdfs:label ?n . ?x a nope:Thing }")
    assert e.value.code == "query_prefix" and "at 3:27:" in e.value.message and "'nope:'" in e.value.message
    assert "PREFIX nope: <IRI>" in e.value.message and "schema, sem" in e.value.message
    with pytest.raises(KgError) as e:
        st.query("SELECT ?x WHERE { ?x a schema:Person ")
    line = e.value.line()
    assert e.value.code == "query_syntax" and "error at 1:38:" in line and "\n" not in line
    assert line.endswith('"{", "{|", "}", "~", [_] [query_syntax]'), line     # the parser's list, to its end
    st.close()
