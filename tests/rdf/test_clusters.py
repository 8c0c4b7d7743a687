"""kg/rdf/clusters.py and Store.update_clusters: cluster nodes as terms, swapped in and out of the
corroboration graph (hand-made clusters, no NLP; the clustering itself: tests/corpus/test_identity.py)."""
import pyoxigraph as ox

from kg.model.vocab import KG, SEM
from kg.rdf.clusters import Cluster, cluster_triples, corroboration_graph
from kg.rdf.mapping import entity_iri
from kg.rdf.store import Store

EV = "https://kg.example.org/id/event/"


def _cluster(reports, docs, sources=("Outlet A", "Outlet B")) -> Cluster:
    return Cluster(type="Release", signature="country:BR|people:country:BO", actors=("country:BR",),
                   reports=tuple(reports), documents=tuple(docs), sources=tuple(sources))


def _count(triples, node, p) -> int:
    return next(int(t.object.value) for t in triples if t.subject == node and t.predicate == ox.NamedNode(p))


def test_a_cluster_node_counts_its_reports_articles_and_sources():
    c = _cluster([EV + "a/1-Release", EV + "b/7-Release", EV + "b/90-Release"], ["a", "b"], ["Outlet \"A\"\n"])
    triples = cluster_triples(c)
    node = ox.NamedNode(c.iri)
    assert (_count(triples, node, KG.mentionCount), _count(triples, node, KG.articleCount),
            _count(triples, node, KG.sourceCount)) == (3, 2, 1)
    assert ox.Triple(node, ox.NamedNode(SEM.hasActor), ox.NamedNode(entity_iri("country:BR"))) in triples
    links = {t.subject.value for t in triples if t.predicate == ox.NamedNode(KG.reportedEvent)}
    assert links == set(c.reports)
    # the node's IRI depends on the type, the actors and the first report, not on the other members
    assert _cluster([EV + "a/1-Release", EV + "c/3-Release"], ["a", "c"]).iri == c.iri
    assert _cluster([EV + "b/7-Release", EV + "c/3-Release"], ["b", "c"]).iri != c.iri


def _graph(st) -> set[str]:
    g = corroboration_graph()
    return {f"{q.subject} {q.predicate} {q.object}" for q in st.quads() if q.graph_name == g}


def test_clusters_are_swapped_in_and_out_of_their_graph(tmp_path):
    st = Store(tmp_path / "s")
    one = _cluster([EV + "a/1-Release", EV + "b/2-Release"], ["a", "b"])
    two = _cluster([EV + "c/5-Release", EV + "d/6-Release"], ["c", "d"])
    st.update_clusters([], cluster_triples(one) + cluster_triples(two))
    assert len(_graph(st)) == len(cluster_triples(one)) + len(cluster_triples(two))
    grown = _cluster([EV + "a/1-Release", EV + "b/2-Release", EV + "e/8-Release"], ["a", "b", "e"])
    assert grown.iri == one.iri
    st.update_clusters([one.iri], cluster_triples(grown))     # the same node, one more report
    expected = {f"{t.subject} {t.predicate} {t.object}" for t in cluster_triples(grown) + cluster_triples(two)}
    assert _graph(st) == expected
    st.update_clusters([one.iri, two.iri], [])
    assert _graph(st) == set() and st.document_ids() == []
    st.close()


def test_a_query_binds_values_instead_of_pasting_them(tmp_path):
    st = Store(tmp_path / "s")
    name = 'Ōsaka "the city"\n\\'
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    st.replace_document("d", [ox.Triple(ox.NamedNode("http://example.org/o"), label, ox.Literal(name))])
    rows = list(st.query("SELECT ?e ?n WHERE { ?e rdfs:label ?n }", bind={"n": ox.Literal(name)}))
    assert [r["e"].value for r in rows] == ["http://example.org/o"]
    st.close()
