"""kg/corpus/event_explain.py: `kg explain --event` reads the clustering's own score back (hand-made documents
in a real corpus index, no NLP; the command on a real build: tests/corpus/test_identity.py)."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from kg.corpus import clusters, recluster, stories
from kg.corpus.event_explain import explain_event, find
from kg.corpus.index import Index
from kg.errors import KgError
from kg.model.document import TimeValue
from tests.corpus.test_clusters import SENTENCE, _doc, _wire

OTHER = "Police said a woman was stabbed in a park near the station."


def _corpus(tmp_path, docs, story="s"):
    """A corpus index holding `docs` as a build leaves it: documents, event rows, one story, clusters."""
    index = Index(tmp_path)
    db = index.db
    for d in docs:
        index.put_document(d)
        db.executemany(f"INSERT INTO events VALUES ({','.join('?' * 17)})", clusters.event_rows(d))
        stories.record(db, d.article.id, stories.document_vector(d))
        db.execute("INSERT INTO stories VALUES (?, ?)", (d.article.id, story))
    groups = {r[0] for r in db.execute("SELECT DISTINCT type || '|' || ? FROM events", (story,))}
    recluster.recompute(SimpleNamespace(update_clusters=lambda removed, triples: None), index, groups)
    return SimpleNamespace(index=index, resolve=lambda d: d)


def _year(d, value):
    d.events[0].time = TimeValue(value, "year")
    return d


@pytest.fixture
def stabbings(tmp_path):
    """Two outlets with one wire sentence (no actors), the same sentence in a report dated 2019, and another
    stabbing told in other words by an undated article."""
    docs = [_wire("a", SENTENCE, date(2024, 5, 7)), _wire("b", SENTENCE, date(2024, 5, 8)),
            _year(_wire("c", SENTENCE, date(2024, 5, 8)), "2019"), _wire("d", OTHER, None)]
    c = _corpus(tmp_path, docs)
    yield c
    c.index.close()


def test_a_cluster_lists_its_reports_and_why_each_joined(stabbings):
    rec = explain_event(stabbings, "event/a/10-Attack", "store")
    assert rec["cluster"] and rec["type"] == "Attack" and rec["group_reports"] == 4
    assert [r["doc"] for r in rec["reports"]] == ["a", "b"]
    for r in rec["reports"]:
        assert r["sentence"] == SENTENCE and r["trigger"] == ["stabbed"] and r["agents"] == []
        best = r["joined"]["best"]
        assert any(x.startswith("the same sentence (wire copy, 100%") for x in best["reasons"])
        assert any(x.startswith("the same trigger word 'stab'") for x in best["reasons"])
    assert rec["reports"][0]["date"].startswith("undated (article of 2024-05-07")


def test_the_explanation_is_the_clustering_score_itself(stabbings):
    rec = explain_event(stabbings, "a/10-Attack", "store")
    rows = {r.doc: r for r in (clusters.Report(*x) for x in stabbings.index.db.execute("SELECT * FROM events"))}
    best = rec["reports"][0]["joined"]["best"]
    assert best["evidence"] == round(clusters.evidence(rows["a"], rows["b"], _cos(stabbings, "a", "b")), 3)
    assert best["margin"] == pytest.approx(best["evidence"] - clusters.needed(rows["a"], rows["b"]), abs=1e-3)
    weights = [float(x.rsplit("+", 1)[1]) for x in best["reasons"]]
    assert sum(weights) == pytest.approx(best["evidence"], abs=0.2)     # each part, rounded to one decimal


def _cos(corpus, a, b):
    return stories.cosine(stories.vector_of(corpus.index.db, a), stories.vector_of(corpus.index.db, b))


def test_reports_kept_apart_say_what_blocked_them_nearest_first(stabbings):
    rec = explain_event(stabbings, "a/10-Attack", "store")
    assert rec["apart_total"] == 2
    dated, undated = rec["apart"]                  # the same sentence a year off is nearer than other words
    assert dated["doc"] == "c" and dated["blocked"]["blocked"].startswith("dates cannot be one: 2019 vs undated")
    assert undated["doc"] == "d" and undated["blocked"] is None and undated["date"] == "undated (no article date)"
    assert undated["mean_margin"] < 0 and undated["best"]["needed"] == clusters.LINK + clusters.UNDATED


def test_a_report_of_its_own_is_explained_too(stabbings):
    rec = explain_event(stabbings, "<https://kg.example.org/id/event/c/10-Attack>", "store")
    assert rec["cluster"] is None and [r["doc"] for r in rec["reports"]] == ["c"]
    assert rec["reports"][0]["joined"] is None
    assert {r["doc"] for r in rec["apart"]} == {"a", "b", "d"}
    assert rec["apart"][0]["in_cluster"] is not None          # a and b are a cluster of their own


def test_different_agents_in_one_role_are_named_with_their_labels(tmp_path):
    c = _corpus(tmp_path, [_doc("x", date(2024, 5, 7)), _doc("y", date(2024, 5, 7)),
                           _doc("z", date(2024, 5, 7), agent="country:LY")])
    rec = explain_event(c, "x/9-Release", "store")
    assert [r["doc"] for r in rec["reports"]] == ["x", "y"] and rec["reports"][0]["agents"] == ["Borduria"]
    assert rec["reports"][0]["patients"] == ["people of Lyria"] and rec["reports"][0]["places"] == ["Port Ash"]
    (z,) = rec["apart"]
    assert z["blocked"]["blocked"] == "different agents: Lyria vs Borduria"
    c.index.close()


def test_a_cluster_is_found_by_its_iri_or_its_hash(stabbings):
    iri = explain_event(stabbings, "a/10-Attack", "store")["cluster"]
    assert find(stabbings.index.db, iri, "store")[0] == "cluster"
    by_hash = explain_event(stabbings, iri.rsplit("/", 1)[1], "store")
    assert by_hash["cluster"] == iri and [r["doc"] for r in by_hash["reports"]] == ["a", "b"]


@pytest.mark.parametrize("ref, code", [("event/q/1-Attack", "explain_event_unknown"),
                                       ("https://kg.example.org/id/event/a/11-Attack", "explain_event_unknown"),
                                       ("10-Attack", "explain_event_ambiguous")])
def test_an_unknown_or_ambiguous_iri_is_a_coded_error(stabbings, ref, code):
    with pytest.raises(KgError) as e:
        explain_event(stabbings, ref, "store")
    assert e.value.code == code and "\n" not in str(e.value)


def test_an_empty_store_is_a_coded_error(tmp_path):
    index = Index(tmp_path)
    with pytest.raises(KgError) as e:
        find(index.db, "event/a/1-Attack", tmp_path)
    assert e.value.code == "explain_event_empty"
    index.close()


def test_reports_of_two_types_sharing_a_class_meet_in_one_group_and_cluster(tmp_path):
    from tests.corpus.test_clusters import DIED, _told
    killed = DIED.replace("died", "was killed")
    docs = [_told("a", "Die", DIED, "died", "die"), _told("b", "Kill", killed, "killed", "kill"),
            _told("c", "Attack", DIED.replace("died", "was attacked"), "attacked", "attack")]
    c = _corpus(tmp_path, docs)
    (grp, iri), = c.index.db.execute("SELECT grp, iri FROM clusters").fetchall()
    rows, _ = recluster.group_rows(c.index.db, "Kill|s")
    assert {r[3] for r in rows} == {"Die", "Kill", "Attack"}          # one family, one group
    rec = explain_event(c, f"b/{killed.index('killed')}-Kill", "store")
    assert rec["cluster"] == iri and [r["doc"] for r in rec["reports"]] == ["a", "b"]
    assert "Die" in rec["group_types"] and "Kill" in rec["group_types"]
    (attack,) = rec["apart"]
    assert attack["doc"] == "c" and attack["blocked"]["blocked"] == "Attack and Die share no KAIROS or ACE class"
    c.index.close()


def test_the_record_prints_as_lines_like_kg_explain_name(stabbings):
    from kg.outputs.explain import event_lines
    rec = explain_event(stabbings, "a/10-Attack", "store")
    lines = event_lines(rec)
    assert lines[0].startswith(f"Attack <{rec['cluster']}>: 2 reports in 2 documents; story s has 4 reports of the "
                               "types clustered with it (Abduct, Arrest, Attack, ")
    assert lines[1].startswith("  a: 'stabbed'; undated (article of 2024-05-07") and lines[2] == f"      in: {SENTENCE}"
    assert lines[3].startswith("      joined: mean margin +") and "strongest link b: evidence" in lines[3]
    assert "      blocked with a: dates cannot be one: 2019 vs undated (article of 2024-05-07 ± 14 days)" in lines
    assert any(x.startswith("      not enough: mean margin -") and "of 2.5 needed" in x for x in lines)
