"""kg/corpus/clusters.py: which reports are one event (hand-made documents, no NLP; the clusters of a real
build: tests/corpus/test_identity.py)."""
from datetime import date

from kg.corpus.clusters import PEOPLE, UNDATED_WINDOW, cluster_of, cluster_rows, event_rows
from kg.model import Article, Entity, Event, ExtractedDocument, Kind, Mention, Pred, Relation
from kg.model.document import TimeValue


def _doc(doc_id: str, published: date, when: TimeValue | None = None, source: str = "Outlet") -> ExtractedDocument:
    """Prisoners of Lyria released in Port Ash, a city of Borduria (made-up countries and places)."""
    text = "Borduria released 12 Lyrian prisoners in Port Ash."
    group = Entity(f"group:{doc_id}/19", Kind.GROUP, "Lyrian prisoners", count=12, count_qualifier="at least")
    ents = {"country:BD": Entity("country:BD", Kind.COUNTRY, "Borduria"), group.key: group,
            "place:port_ash_BD": Entity("place:port_ash_BD", Kind.CITY, "Port Ash"),
            "country:LY": Entity("country:LY", Kind.COUNTRY, "Lyria")}
    rels = [Relation(group.key, Pred.NATIONALITY, "country:LY"),
            Relation("place:port_ash_BD", Pred.CONTAINED_IN_PLACE, "country:BD")]
    ev = Event("Release", Mention(9, 17, "released", 0), agents=["country:BD"], patients=[group.key],
               places=["place:port_ash_BD"], time=when)
    return ExtractedDocument(article=Article(doc_id, text, published=published, source=source), entities=ents,
                             events=[ev], relations=rels)


def test_a_report_is_keyed_by_its_principal_actors_and_dated():
    (row,) = event_rows(_doc("a", date(2024, 5, 7)))
    doc, _, iri, etype, sig, lo, hi, places, countries, figure, time, source = row
    assert sig == f"country:BD|{PEOPLE}country:LY"          # the group of people counts by its nationality
    assert countries == "country:BD" and places == "place:port_ash_BD"
    assert (lo, hi) == (date(2024, 5, 7).toordinal() - UNDATED_WINDOW, date(2024, 5, 7).toordinal() + UNDATED_WINDOW)
    assert figure == "at least 12" and time == "" and source == "Outlet" and iri.endswith("/a/9-Release")


def test_reports_with_compatible_dates_are_one_cluster():
    rows = [r for d in (_doc("a", date(2024, 5, 7), source="A"), _doc("b", date(2024, 5, 9), source="B"),
                        _doc("c", date(2024, 5, 1), TimeValue("2023-02", "month"), source="C"))
            for r in event_rows(d)]
    clusters = cluster_rows(rows)
    assert sorted(len(c) for c in clusters) == [1, 2]        # a report dated a year earlier stays apart
    pair = next(c for c in clusters if len(c) == 2)
    c = cluster_of(f"Release|{pair[0][4]}", pair)
    assert c.actors == ("country:BD",) and c.documents == ("a", "b") and c.sources == ("A", "B")
