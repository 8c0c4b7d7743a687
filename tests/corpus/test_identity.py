"""Corpora: store-wide identity, one event many reports, incremental add / replace / remove.

Small multi-document corpora written to JSONL here; built in-process (the spaCy model is loaded once
per session) except where the command line itself is under test.
"""
from __future__ import annotations

import json

import pytest

from kg.corpus.identity import PersonRecord, name_tokens, resolve_group
from tests.conftest import run_kg

PEOPLE = {
    "p1": ("British Prime Minister Rishi Sunak met US officials in London on Monday. Sunak said Britain and "
           "the United States agreed on trade.", "Daily Courier"),
    "p2": ("PM Sunak told reporters in London that Britain would send aid to Ukraine. The U.S. welcomed the "
           "decision.", "Morning Wire"),
    "p3": "Mr Sunak spoke with US officials about trade with Britain on Tuesday.",
    "h1": "Tom Harper, a fisherman from Maine, caught a record lobster on Sunday.",
    "h2": "Ellen Harper, a Canadian novelist, published her new book in Toronto.",
    "h3": "The striker Harper scored twice in the final in Madrid.",
}

RELEASES = {
    "r1": ("Brazil agreed to release nearly 50 Bolivian prisoners on Monday, officials said.",
           "Outlet A", "2024-05-07"),
    "r2": ("Brazil will release 30 Bolivian prisoners, the foreign ministry in Brasilia announced on Tuesday.",
           "Outlet B", "2024-05-08"),
    "r3": ("Brazil released dozens of Bolivian prisoners this week after talks in La Paz.", "Outlet C", "2024-05-09"),
    "r4": ("Argentina released Bolivian prisoners on Monday, officials said.", "Outlet D", "2024-05-07"),
    "r5": ("In January 2019, Brazil released 20 Bolivian prisoners.", "Outlet E", "2024-05-07"),
}


def write_jsonl(path, docs: dict, published="2024-05-07"):
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, v in docs.items():
            text, source, pub = (v + (None, None))[:3] if isinstance(v, tuple) else (v, None, None)
            rec = {"id": doc_id, "text": text, "published": pub or published}
            if source:
                rec["source"] = source
            fh.write(json.dumps(rec) + "\n")
    return path


def build_into(store_path, *files, **kw):
    from kg.corpus.build import build
    from kg.rdf.store import Store
    st = Store(store_path)
    try:
        return build([str(f) for f in files], st, **kw)
    finally:
        if hasattr(st, "close"):
            st.close()


def select(store_path, sparql):
    from kg.rdf.store import Store
    st = Store(store_path, read_only=True)
    try:
        res = st.query(sparql)
        names = [v.value for v in res.variables]
        return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in res]
    finally:
        if hasattr(st, "close"):
            st.close()


def persons(store_path):
    rows = select(store_path, """SELECT ?p ?label (GROUP_CONCAT(DISTINCT ?alt; separator="|") AS ?alts) WHERE {
        ?p a schema:Person ; rdfs:label ?label . OPTIONAL { ?p skos:altLabel ?alt } } GROUP BY ?p ?label""")
    return {r["p"].rsplit("/", 1)[-1]: (r["label"], set(filter(None, (r["alts"] or "").split("|")))) for r in rows}


def quads(store_path):
    """Every quad but the vocabulary graph's (the same for every build from one checkout)."""
    from kg.rdf.store import Store, vocabulary_graph_iri
    st = Store(store_path, read_only=True)
    try:
        return {str(q) for q in st.quads() if q.graph_name != vocabulary_graph_iri()}
    finally:
        if hasattr(st, "close"):
            st.close()


# --- the rule, on records ---------------------------------------------------------------------------

def rec(doc, label, nat=(), titles=(), context=()):
    return PersonRecord(doc, f"person:{doc}_{label}", label, name_tokens(label), set(nat), set(titles), set(context))


def test_titles_and_honorifics_are_not_names():
    assert name_tokens("Prime Minister Narendra Modi") == ["Narendra", "Modi"]
    assert name_tokens("PM Modi") == ["Modi"]
    assert name_tokens("Mr Modi") == ["Modi"]


def test_middle_names_merge_into_the_fullest_name():
    rs = [rec("a", "Vinay Kwatra"), rec("b", "Vinay Mohan Kwatra"), rec("c", "Kwatra", context={"country:IN"}),
          rec("b2", "Vinay Mohan Kwatra", context={"country:IN"})]
    res = resolve_group(rs)
    assert {d.key for d in res.values()} == {"person:vinay_mohan_kwatra"}
    assert "fuller" in res[("a", "person:a_Vinay Kwatra")].reason


def test_result_does_not_depend_on_order():
    rs = [rec("a", "Vinay Kwatra"), rec("b", "Vinay Mohan Kwatra"), rec("c", "Kwatra", nat={"country:IN"}),
          rec("d", "Asha Kwatra", nat={"country:NP"})]
    first = {k: v.key for k, v in resolve_group(rs).items()}
    assert first == {k: v.key for k, v in resolve_group(list(reversed(rs))).items()}


def test_transliterations_of_one_name_are_one_person_and_say_why():
    rs = [rec("a", "Oleksiy Hrytsenkyy"), rec("b", "Oleksiy Hrytsenko"), rec("c", "Oleksiy Hrytsenkiy"),
          rec("d", "Oleksiy Hrytsenky"), rec("e", "Oleksiy Hrytsenky")]
    res = resolve_group([r for r in rs if r.surname == rs[0].surname])
    assert rs[0].surname == rs[2].surname == rs[3].surname != rs[1].surname   # "-enko" is another name
    keys = {(doc, v.key) for (doc, _), v in res.items()}
    assert {k for _, k in keys} == {"person:oleksiy_hrytsenky"}                # the spelling most use
    assert "another spelling of 'Oleksiy Hrytsenky'" in res[("a", "person:a_Oleksiy Hrytsenkyy")].reason
    # given names spelled two ways: "Sergei" / "Sergey"
    assert resolve_group([rec("a", "Sergei Lavrin"), rec("b", "Sergey Lavrin")])[("b", "person:b_Sergey Lavrin")].key \
        == "person:sergei_lavrin"
    # a known transliteration pair of a whole word (kg/lexicon/data/spellings.tsv)
    assert rec("a", "Muammar Qaddafi").surname == rec("b", "Muammar Gaddafi").surname


def test_one_spelling_key_but_other_given_names_stay_apart():
    res = resolve_group([rec("a", "Oleksiy Hrytsenkyy"), rec("b", "Taras Hrytsenky")])
    assert len({v.key for v in res.values()}) == 2


def test_same_surname_different_people_stay_apart():
    rs = [rec("a", "Tom Harper", context={"place:maine_US"}), rec("b", "Ellen Harper", context={"place:toronto_CA"}),
          rec("c", "Harper", context={"place:madrid_ES"}), rec("d", "Harper", context={"place:lagos_NG"})]
    res = resolve_group(rs)
    keys = [res[(r.doc, r.local)].key for r in rs]
    assert len(set(keys)) == 4                    # two full names, two unrelated lone surnames
    assert "kept apart" in res[("c", "person:c_Harper")].reason


def test_lone_surname_fitting_two_people_stays_apart():
    rs = [rec("a", "Tom Harper", nat={"country:US"}), rec("b", "Ellen Harper", nat={"country:US"}),
          rec("c", "Harper", nat={"country:US"})]
    res = resolve_group(rs)
    assert res[("c", "person:c_Harper")].key == "person:harper"
    assert "could be any of" in res[("c", "person:c_Harper")].reason


def test_conflicting_nationality_blocks_a_merge():
    rs = [rec("a", "Maria Silva", nat={"country:BR"}), rec("b", "Maria Luisa Silva", nat={"country:PT"})]
    res = resolve_group(rs)
    assert res[("a", "person:a_Maria Silva")].key != res[("b", "person:b_Maria Luisa Silva")].key


# --- built corpora ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def people_store(tmp_path_factory):
    d = tmp_path_factory.mktemp("people")
    store = d / "store"
    report = build_into(store, write_jsonl(d / "people.jsonl", PEOPLE))
    assert report.documents == len(PEOPLE) and not report.failures
    return store


def test_short_and_titled_forms_are_one_person_across_documents(people_store):
    ps = persons(people_store)
    sunaks = {k: v for k, v in ps.items() if "sunak" in k}
    assert list(sunaks) == ["rishi_sunak"], sunaks
    label, alts = sunaks["rishi_sunak"]
    assert label == "Rishi Sunak"
    assert {"PM Sunak", "Mr Sunak", "Sunak"} <= alts


def test_country_variants_are_one_country(people_store):
    rows = select(people_store, """SELECT ?c (GROUP_CONCAT(DISTINCT ?a; separator="|") AS ?forms) WHERE {
        ?c a schema:Country ; schema:identifier "US" ; gaf:denotedBy/nif:anchorOf ?a } GROUP BY ?c""")
    assert len(rows) == 1
    assert {"U.S.", "US", "United States"} <= set(rows[0]["forms"].split("|"))


def test_harpers_stay_three(people_store):
    harpers = {k for k in persons(people_store) if "harper" in k}
    assert harpers == {"tom_harper", "ellen_harper", "harper"}


def test_build_order_does_not_change_the_graph(tmp_path, people_store):
    store = tmp_path / "rev"
    rev = dict(reversed(list(PEOPLE.items())))
    build_into(store, write_jsonl(tmp_path / "a.jsonl", dict(list(rev.items())[:3])))
    build_into(store, write_jsonl(tmp_path / "b.jsonl", dict(list(rev.items())[3:])))
    assert quads(store) == quads(people_store)


def test_explain_shows_mentions_and_reasons(people_store):
    r = run_kg("explain", "Sunak", "--store", people_store, "--format", "json")
    assert r.returncode == 0, r.stderr
    groups = json.loads(r.stdout)
    assert groups[0]["key"] == "person:rishi_sunak"
    by_doc = {x["doc"]: x for x in groups[0]["reports"]}
    assert set(by_doc) == {"p1", "p2", "p3"}
    assert "surname of 'Rishi Sunak'" in by_doc["p3"]["reason"]
    assert by_doc["p2"]["mentions"][0]["text"] == "PM Sunak"
    text = run_kg("explain", "Harper", "--store", people_store)
    assert "kept apart" in text.stdout
    us = json.loads(run_kg("explain", "U.S.", "--store", people_store, "-f", "json").stdout)
    assert len(us) == 1 and {r["doc"] for r in us[0]["reports"]} == {"p1", "p2", "p3"}
    assert "country code" in us[0]["reason"]


@pytest.fixture(scope="module")
def release_store(tmp_path_factory):
    d = tmp_path_factory.mktemp("releases")
    store = d / "store"
    report = build_into(store, write_jsonl(d / "rel.jsonl", RELEASES))
    assert report.documents == len(RELEASES)
    return store


CLUSTERS = """SELECT ?c ?m ?a ?s (GROUP_CONCAT(DISTINCT ?doc; separator="|") AS ?docs) WHERE {
  ?c a kg:EventCluster ; sem:eventType kge:Release ; kg:mentionCount ?m ; kg:articleCount ?a ; kg:sourceCount ?s ;
     prov:wasDerivedFrom/schema:identifier ?doc } GROUP BY ?c ?m ?a ?s"""


def test_one_event_many_reports(release_store):
    rows = select(release_store, CLUSTERS)
    assert len(rows) == 1, rows
    row = rows[0]
    assert set(row["docs"].split("|")) == {"r1", "r2", "r3"}      # not r4 (Argentina) nor r5 (2019)
    assert (row["m"], row["a"], row["s"]) == ("3", "3", "3")
    # each report keeps its own grounding
    reports = select(release_store, """SELECT ?r ?anchor WHERE { ?r kg:reportedEvent ?c ;
        gaf:denotedBy/nif:anchorOf ?anchor . ?c sem:eventType kge:Release }""")
    assert len(reports) == 3 and {r["anchor"] for r in reports} <= {"release", "released"}


def test_corroboration_and_contradiction_queries(release_store):
    from tests.conftest import ROOT
    r = run_kg("query", ROOT / "queries" / "corroboration.rq", "--store", release_store, "-f", "json")
    rows = json.loads(r.stdout)
    assert rows[0]["sources"] == "3" and "Brazil" in rows[0]["actors"]
    r = run_kg("query", ROOT / "queries" / "contradictions.rq", "--store", release_store, "-f", "json")
    rows = json.loads(r.stdout)
    figures = [x for x in rows if x["what"] == "figures"]
    assert figures and {"nearly 50", "exactly 30"} <= set(figures[0]["values"].split(" | "))
    # the cluster's reports are dated to a day ("on Monday") and to a month ("this week"): a mere difference
    # of precision, no contradiction
    stamps = {x["d"] for x in select(release_store, "SELECT DISTINCT ?d WHERE { ?r kg:reportedEvent ?c ; "
                                                    "sem:hasTimeStamp ?d }")}
    assert len(stamps) == 2 and min(stamps, key=len) == max(stamps, key=len)[:7], stamps
    assert [x for x in rows if x["what"] == "dates"] == []


def test_explain_event_lists_the_reports_and_what_kept_the_others_apart(release_store):
    (row,) = select(release_store, "SELECT ?c WHERE { ?c a kg:EventCluster ; sem:eventType kge:Release }")
    r = run_kg("explain", "--event", row["c"], "--store", release_store, "-f", "json")
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout)
    assert rec["cluster"] == row["c"] and [x["doc"] for x in rec["reports"]] == ["r1", "r2", "r3"]
    assert all(x["agents"] == ["Brazil"] and x["joined"]["best"]["reasons"] for x in rec["reports"])
    apart = {x["doc"]: x["blocked"]["blocked"] for x in rec["apart"] if x["blocked"]}
    assert apart["r4"] == "different agents: Argentina vs Brazil"
    assert apart["r5"].startswith("dates cannot be one: 2019")
    # a report's own IRI, in its short form, explains the same cluster, as text
    short = rec["reports"][1]["iri"].split("/id/", 1)[1]
    text = run_kg("explain", "-e", short, "--store", release_store).stdout
    assert text.startswith(f"Release <{row['c']}>: 3 reports in 3 documents") and "kept apart" in text
    assert "shared actors: Brazil" in text
    bad = run_kg("explain", "-e", "event/r9/1-Release", "--store", release_store)
    assert bad.returncode == 2 and bad.stderr.strip().endswith("[explain_event_unknown]")


def test_clusters_do_not_depend_on_build_order_nor_on_a_removal_built_again(tmp_path, release_store):
    store = tmp_path / "rev"
    rev = dict(reversed(list(RELEASES.items())))
    build_into(store, write_jsonl(tmp_path / "a.jsonl", dict(list(rev.items())[:2])))     # r5, r4: no cluster
    assert select(store, CLUSTERS) == []
    build_into(store, write_jsonl(tmp_path / "b.jsonl", dict(list(rev.items())[2:])))     # r3, r2, r1
    assert quads(store) == quads(release_store)
    # one report of three removed: the cluster keeps the other two, counted again
    assert run_kg("remove", "r3", "--store", store).returncode == 0
    (row,) = select(store, CLUSTERS)
    assert set(row["docs"].split("|")) == {"r1", "r2"} and (row["m"], row["a"], row["s"]) == ("2", "2", "2")
    # and built again, the store is what one build of all five gives
    build_into(store, write_jsonl(tmp_path / "c.jsonl", {"r3": RELEASES["r3"]}))
    assert quads(store) == quads(release_store)


def test_incremental_add_replace_remove(tmp_path):
    store = tmp_path / "inc"
    build_into(store, write_jsonl(tmp_path / "1.jsonl", {k: RELEASES[k] for k in ("r1", "r4")}))
    assert select(store, CLUSTERS) == []
    # adding a report of the same event creates the cluster
    build_into(store, write_jsonl(tmp_path / "2.jsonl", {"r2": RELEASES["r2"]}))
    rows = select(store, CLUSTERS)
    assert len(rows) == 1 and set(rows[0]["docs"].split("|")) == {"r1", "r2"}
    # adding a short name resolves to nobody yet; adding the full name later re-keys it
    build_into(store, write_jsonl(tmp_path / "3.jsonl", {"p3": PEOPLE["p3"]}))
    assert "sunak" in persons(store)
    build_into(store, write_jsonl(tmp_path / "4.jsonl", {"p1": PEOPLE["p1"]}))
    assert "sunak" not in persons(store) and "rishi_sunak" in persons(store)
    # building a document again replaces it
    before = quads(store)
    build_into(store, write_jsonl(tmp_path / "4b.jsonl", {"p1": PEOPLE["p1"]}))
    assert quads(store) == before
    # removing: the document's graph goes, the cluster shrinks away, the lone surname falls back
    r = run_kg("remove", "r2", "p1", "--store", store)
    assert r.returncode == 0, r.stderr
    assert select(store, CLUSTERS) == []
    ps = persons(store)
    assert "rishi_sunak" not in ps and "sunak" in ps
    left = select(store, "SELECT DISTINCT ?id WHERE { ?d a schema:NewsArticle ; schema:identifier ?id }")
    assert {r["id"] for r in left} == {"r1", "r4", "p3"}
    # an entity only r2 mentioned (Brasilia) is gone from the store
    assert not select(store, "SELECT ?p WHERE { ?p rdfs:label \"Brasilia\" }")
    r = run_kg("remove", "nope", "--store", store)
    assert r.returncode == 1 and "nope" in r.stderr


# --- memory: nothing held per document ---------------------------------------------------------------

def test_store_write_buffers_are_flushed_every_so_many_triples(tmp_path):
    from types import SimpleNamespace

    from kg.corpus import stage as corpus_mod
    flushes = []
    c = corpus_mod.Corpus(tmp_path, SimpleNamespace(flush=lambda: flushes.append(1)))
    for _ in range(5):
        c.written(corpus_mod.FLUSH_TRIPLES // 2)
    assert len(flushes) == 2 and c.unflushed == corpus_mod.FLUSH_TRIPLES // 2
    c.close()
    # without a store to write (kg explain opens the index only, passing the path or something holding it)
    # nothing is flushed
    c = corpus_mod.Corpus(SimpleNamespace(path=tmp_path))
    assert c.store is None and c.path == tmp_path
    c.written(10 * corpus_mod.FLUSH_TRIPLES)
    c.close()


def test_flushing_after_every_document_gives_the_same_graph(tmp_path, people_store, monkeypatch):
    from kg.corpus import stage as corpus_mod
    from kg.rdf.store import Store
    flushes = []
    real = Store.flush
    monkeypatch.setattr(corpus_mod, "FLUSH_TRIPLES", 1)
    monkeypatch.setattr(corpus_mod, "BATCH_DOCS", 1)   # each document written on its own (the build batches them)
    monkeypatch.setattr(Store, "flush", lambda self: (flushes.append(1), real(self)))
    store = tmp_path / "flushed"
    report = build_into(store, write_jsonl(tmp_path / "p.jsonl", PEOPLE))
    assert len(flushes) > len(PEOPLE)               # every document, the clusters, and the end of the build
    assert report.corpus["groups"] > 0 and "clusters" in report.corpus
    assert quads(store) == quads(people_store)


def test_explain_says_when_a_near_spelling_was_merged(tmp_path):
    docs = {"s1": "Ukraine's envoy Bohdan Kovalenskyy met officials in Warsaw on Monday.",
            "s2": "Bohdan Kovalensky, Ukraine's envoy, said talks in Warsaw went well.",
            "s3": "Bohdan Kovalenskiy arrived in Warsaw on Sunday for the talks."}
    store = tmp_path / "store"
    build_into(store, write_jsonl(tmp_path / "s.jsonl", docs))
    people = {k for k in persons(store) if "bohdan" in k}
    assert len(people) == 1
    r = run_kg("explain", "Kovalensky", "--store", store, "--format", "json")
    assert r.returncode == 0, r.stderr
    groups = json.loads(r.stdout)
    assert {x["doc"] for x in groups[0]["reports"]} == {"s1", "s2", "s3"}
    assert sum("another spelling" in x["reason"] for x in groups[0]["reports"]) == 2
