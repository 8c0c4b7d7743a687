"""kg/corpus/clusters.py: which reports are one event (hand-made documents, no NLP; the clusters of a real
build: tests/corpus/test_identity.py and tests/corpus/test_stories.py)."""
import random
from datetime import date

from kg.corpus.clusters import PEOPLE, UNDATED_WINDOW, Report, cluster_of, cluster_rows, event_rows
from kg.model import Article, Entity, Event, ExtractedDocument, Kind, Mention, Pred, Relation, Sentence
from kg.model.document import TimeValue


def _doc(doc_id: str, published: date | None, when: TimeValue | None = None, source: str = "Outlet",
         agent: str = "country:BD") -> ExtractedDocument:
    """Prisoners of Lyria released in Port Ash, a city of Borduria (made-up countries and places)."""
    text = "Borduria released 12 Lyrian prisoners in Port Ash."
    group = Entity(f"group:{doc_id}/19", Kind.GROUP, "Lyrian prisoners", count=12, count_qualifier="at least")
    ents = {agent: Entity(agent, Kind.COUNTRY, "Borduria"), group.key: group,
            "place:port_ash_BD": Entity("place:port_ash_BD", Kind.CITY, "Port Ash"),
            "country:LY": Entity("country:LY", Kind.COUNTRY, "Lyria")}
    rels = [Relation(group.key, Pred.NATIONALITY, "country:LY"),
            Relation("place:port_ash_BD", Pred.CONTAINED_IN_PLACE, "country:BD")]
    ev = Event("Release", Mention(9, 17, "released", 0), agents=[agent], patients=[group.key],
               places=["place:port_ash_BD"], time=when, lemma="release")
    return ExtractedDocument(article=Article(doc_id, text, published=published, source=source),
                             sentences=[Sentence(0, len(text))], entities=ents, events=[ev], relations=rels)


def _wire(doc_id: str, text: str, published: date | None) -> ExtractedDocument:
    """A report with no actor at all: only its sentence says what happened."""
    start = text.index("stabbed")
    ev = Event("Attack", Mention(start, start + 7, "stabbed", 0), lemma="stab")
    return ExtractedDocument(article=Article(doc_id, text, published=published), sentences=[Sentence(0, len(text))],
                             events=[ev])


def _clusters(docs, similarity=0.3):
    rows = [r for d in docs for r in event_rows(d)]
    return sorted(sorted(m.doc for m in c) for c in cluster_rows(rows, lambda a, b: similarity))


def test_a_report_is_keyed_by_its_principal_actors_and_dated():
    (row,) = event_rows(_doc("a", date(2024, 5, 7)))
    r = Report(*row)
    assert r.agents == "country:BD" and r.patients == f"{PEOPLE}country:LY"   # a group of people by nationality
    assert r.countries == "country:BD" and r.places == "place:port_ash_BD" and r.lemma == "release"
    day = date(2024, 5, 7).toordinal()
    assert (r.lo, r.hi) == (day - UNDATED_WINDOW, day + UNDATED_WINDOW)
    assert r.dated == 1 and r.figure == "at least 12" and r.time == "" and r.source == "Outlet"
    assert r.iri.endswith("/a/9-Release") and r.words.split() == sorted({"borduria", "released", "lyrian", "prisoners",
                                                                           "port", "ash"})


def test_reports_with_compatible_dates_are_one_cluster():
    docs = [_doc("a", date(2024, 5, 7), source="A"), _doc("b", date(2024, 5, 9), source="B"),
            _doc("c", date(2024, 5, 1), TimeValue("2023-02", "month"), source="C")]
    assert _clusters(docs) == [["a", "b"], ["c"]]       # a report dated a year earlier stays apart
    rows = [Report(*r) for d in docs[:2] for r in event_rows(d)]
    c = cluster_of("Release|a", rows)
    assert c.actors == ("country:BD",) and c.documents == ("a", "b") and c.sources == ("A", "B")


def test_same_type_and_actor_in_different_years_never_merge():
    docs = [_doc("a", date(2024, 5, 7), TimeValue("2024", "year")),
            _doc("b", date(2024, 5, 7), TimeValue("2019", "year"))]
    assert _clusters(docs, similarity=1.0) == [["a"], ["b"]]


def test_different_agents_in_one_role_never_merge():
    docs = [_doc("a", date(2024, 5, 7)), _doc("b", date(2024, 5, 7), agent="country:LY")]
    assert _clusters(docs, similarity=1.0) == [["a"], ["b"]]


SENTENCE = "A man was stabbed outside a bakery on the harbour front late on Saturday, witnesses told reporters."


def test_the_same_wire_sentence_without_actors_merges():
    docs = [_wire("a", SENTENCE, date(2024, 5, 7)), _wire("b", SENTENCE, date(2024, 5, 8))]
    assert _clusters(docs, similarity=0.0) == [["a", "b"]]


def test_undated_reports_need_more_than_a_dated_pair():
    other = "Police said a woman was stabbed in a park near the station."
    dated = [_wire("a", other, date(2024, 5, 7)), _wire("b", SENTENCE, date(2024, 5, 8))]
    undated = [_wire("a", other, None), _wire("b", SENTENCE, date(2024, 5, 8))]
    # the same lemma in two fairly similar documents: enough when both are dated, not when one is not
    assert _clusters(dated, similarity=0.3) == [["a", "b"]]
    assert _clusters(undated, similarity=0.3) == [["a"], ["b"]]


def test_clusters_do_not_depend_on_the_order_of_reports():
    docs = [_doc(f"d{i}", date(2024, 5, 7 + i % 3), TimeValue("2023", "year") if i % 4 == 0 else None)
            for i in range(9)] + [_wire(f"w{i}", SENTENCE, date(2024, 5, 7)) for i in range(3)]
    rows = [r for d in docs for r in event_rows(d)]
    want = sorted(sorted(m.iri for m in c) for c in cluster_rows(rows, lambda a, b: 0.2))
    for seed in range(5):
        random.Random(seed).shuffle(rows)
        assert sorted(sorted(m.iri for m in c) for c in cluster_rows(rows, lambda a, b: 0.2)) == want


def _contradictions(tmp_path, dates: list[tuple[str, str]]) -> list[str]:
    """The "dates" rows of queries/contradictions.rq for one cluster whose reports carry `dates`."""
    import pyoxigraph as ox
    from rdflib.namespace import XSD

    from kg.model.vocab import GAF, NIF, SEM
    from kg.rdf.clusters import Cluster, cluster_triples
    from kg.rdf.mapping import N
    from kg.rdf.store import Store
    from tests.conftest import ROOT
    reports = [f"https://kg.example.org/id/event/d{i}/0-Release" for i in range(len(dates))]
    c = Cluster("Release", "d0", (), tuple(reports), tuple(f"d{i}" for i in range(len(dates))), ("A", "B"))
    T, lit = ox.Triple, ox.Literal
    extra = []
    for r, (value, xsd) in zip(reports, dates):
        m, s = ox.NamedNode(r + "#m"), ox.NamedNode(r + "#s")
        extra += [T(ox.NamedNode(r), N(SEM.hasTimeStamp), lit(value, datatype=N(XSD[xsd]))),
                  T(ox.NamedNode(r), N(GAF.denotedBy), m), T(m, N(NIF.sentence), s),
                  T(s, N(NIF.anchorOf), lit(f"It happened on {value}."))]
    st = Store(tmp_path / "s")
    st.ensure_vocabulary()
    st.update_clusters([], cluster_triples(c) + extra)
    rows = list(st.query((ROOT / "queries" / "contradictions.rq").read_text()))
    return [r["values"].value for r in rows if r["what"].value == "dates"]


def test_contradictions_ignore_a_mere_difference_of_precision(tmp_path):
    assert _contradictions(tmp_path / "a", [("2024-03-07", "date"), ("2024-03", "gYearMonth")]) == []
    (values,) = _contradictions(tmp_path / "b", [("2024-03-07", "date"), ("2024-04", "gYearMonth")])
    assert set(values.split(" | ")) == {"2024-03-07", "2024-04"}


def _told_twice(doc_id: str, published: date | None) -> ExtractedDocument:
    """One happening told twice in one article (one event with two mentions): a headline with the verb
    "knifed", then the wire sentence with "stabbed"."""
    text = "Man knifed on harbour front.\n" + SENTENCE
    first, second = text.index("knifed"), text.index("stabbed")
    ev = Event("Attack", Mention(first, first + 6, "knifed", 0), lemma="knife",
               also=[Mention(second, second + 7, "stabbed", 1)], also_lemmas=["stab"])
    return ExtractedDocument(article=Article(doc_id, text, published=published),
                             sentences=[Sentence(0, 28), Sentence(29, len(text))], events=[ev])


def test_a_report_told_twice_is_one_row_with_each_mention_lemma_and_sentence():
    (row,) = event_rows(_told_twice("a", date(2024, 5, 7)))
    r = Report(*row)
    assert r.lemma == "knife|stab" and r.iri.endswith("/a/4-Attack")
    assert len(r.words.split(" | ")) == 2 and "bakery" in r.words.split(" | ")[1]


def test_a_second_mention_carries_the_wire_sentence_to_another_report():
    # the other outlet only has the wire sentence: it meets the second mention of the first report
    docs = [_told_twice("a", date(2024, 5, 7)), _wire("b", SENTENCE, date(2024, 5, 8))]
    assert _clusters(docs, similarity=0.0) == [["a", "b"]]
    # and without that mention, a headline alone is not enough
    alone = _told_twice("a", date(2024, 5, 7))
    alone.events[0].also, alone.events[0].also_lemmas = [], []
    assert _clusters([alone, _wire("b", SENTENCE, date(2024, 5, 8))], similarity=0.0) == [["a"], ["b"]]


def test_a_noun_of_the_verb_or_a_word_for_the_same_happening_counts_as_the_same_word():
    from kg.lexicon.trigger_words import forms
    assert forms("announce") & forms("announcement") and forms("shoot") & forms("shooting")
    assert forms("arrest") & forms("detain")
    assert not forms("say") & forms("statement") and not forms("die") & forms("kill")


def test_reports_told_with_a_verb_and_its_noun_merge_and_a_common_word_does_not_suffice():
    def report(doc_id, text, word, lemma):
        start = text.index(word)
        ev = Event("Arrest", Mention(start, start + len(word), word, 0), lemma=lemma)
        return ExtractedDocument(article=Article(doc_id, text, published=date(2024, 5, 7)),
                                 sentences=[Sentence(0, len(text))], events=[ev])
    a = report("a", "Officers detained a courier at the border crossing.", "detained", "detain")
    b = report("b", "The arrest came after a long inquiry by customs officers.", "arrest", "arrest")
    assert _clusters([a, b], similarity=0.3) == [["a", "b"]]
    c = report("c", "The detention came after a long inquiry by customs officers.", "detention", "hold")
    assert _clusters([a, c], similarity=0.3) == [["a"], ["c"]]


def test_a_person_and_an_organisation_in_one_role_do_not_block_a_merge():
    # one outlet names the detained player, another only his club: one party told two ways
    a, b = _wire("a", SENTENCE, date(2024, 5, 7)), _wire("b", SENTENCE, date(2024, 5, 8))
    a.events[0].patients, b.events[0].patients = ["person:aldo_verani"], ["org:harbour_rovers"]
    assert _clusters([a, b], similarity=0.0) == [["a", "b"]]
    b.events[0].patients = ["person:marco_sellin"]           # two different people: never
    assert _clusters([a, b], similarity=1.0) == [["a"], ["b"]]


# --- types that share a KAIROS or ACE class (kg/corpus/families.py) -------------------------------------------

def _told(doc_id: str, etype: str, text: str, word: str, lemma: str, published=date(2024, 5, 7)):
    start = text.index(word)
    ev = Event(etype, Mention(start, start + len(word), word, 0), lemma=lemma)
    return ExtractedDocument(article=Article(doc_id, text, published=published), sentences=[Sentence(0, len(text))],
                             events=[ev])


def test_types_that_share_an_aligned_class_are_compatible_and_clustered_together():
    from kg.corpus.families import compatible, family, family_group
    assert compatible("Die", "Kill") and compatible("Kill", "Attack") and compatible("Win", "Lose")
    assert not compatible("Die", "Attack") and not compatible("Statement", "Arrest")
    assert {"Die", "Kill", "Attack"} <= set(family("Die")) and family("Die") == family("Attack")
    assert family("NoSuchType") == ("NoSuchType",) and family_group("Kill|s1") == family_group("Die|s1")
    assert family_group(family_group("Kill|s1")) == family_group("Kill|s1")


DIED = "An elderly cyclist died after a collision with a delivery van on the coast road near Marlow Bay."


def test_one_happening_told_with_words_of_two_types_sharing_a_class_is_one_cluster():
    a = _told("a", "Die", DIED, "died", "die")
    b = _told("b", "Kill", DIED.replace("died", "was killed"), "killed", "kill")
    rows = [r for d in (a, b) for r in event_rows(d)]
    (c,) = cluster_rows(rows, lambda x, y: 0.4)
    assert sorted(m.doc for m in c) == ["a", "b"]
    assert cluster_of("Attack|a", c).type in ("Die", "Kill")       # its reports' type, not the family's name


def test_types_sharing_no_class_or_told_apart_in_one_document_never_merge():
    a = _told("a", "Die", DIED, "died", "die")
    b = _told("b", "Attack", DIED.replace("died", "was attacked"), "attacked", "attack")
    assert _clusters([a, b], similarity=1.0) == [["a"], ["b"]]          # Die and Attack share no class
    # one document's "died" and "killed": its own event identity said they are two events
    both = _told("a", "Die", DIED, "died", "die")
    both.events.append(Event("Kill", Mention(2, 9, "elderly", 0), lemma="kill"))
    rows = event_rows(both)
    assert len(cluster_rows(rows, lambda x, y: 1.0)) == 2
