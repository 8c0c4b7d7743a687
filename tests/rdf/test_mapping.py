"""kg/rdf/mapping.py: IRIs minted from keys and the triples of a hand-made document (no NLP)."""
from collections import Counter

import pyoxigraph as ox

from kg.model import Article, Entity, Event, ExtractedDocument, Kind, Mention, Pred, Relation, Sentence, keys
from kg.model.keys import Space
from kg.model.vocab import NIF
from kg.rdf.mapping import document_triples, entity_iri, entity_space


def test_the_key_space_reads_back_from_an_entity_iri():
    for key in (keys.person("Ada Lovelace"), keys.country("FR"), keys.organization("defence ministry", "FR"),
                keys.place("Lyon", "FR"), keys.group("doc/1", 4)):
        assert entity_space(str(entity_iri(key))) is keys.space_of(key)
    assert entity_space("http://example.org/other") is None
    assert entity_space(str(entity_iri("country:FR"))) is Space.COUNTRY


def test_each_text_span_is_written_once_however_often_it_is_mentioned():
    text = "Ada met Charles in Lyon."
    ada, lyon = Mention(0, 3, "Ada", 0), Mention(19, 23, "Lyon", 0)
    ents = {"person:ada": Entity("person:ada", Kind.PERSON, "Ada", mentions=[ada]),
            "place:lyon_FR": Entity("place:lyon_FR", Kind.CITY, "Lyon", mentions=[lyon])}
    doc = ExtractedDocument(article=Article("d", text), sentences=[Sentence(0, len(text))], entities=ents,
                            events=[Event("Meet", Mention(4, 7, "met", 0), agents=["person:ada"],
                                          places=["place:lyon_FR"])],
                            relations=[Relation("person:ada", Pred.HOME_LOCATION, "place:lyon_FR", ada)])
    triples = document_triples(doc)
    assert len(triples) == len(set(triples))
    begins = Counter(t.subject for t in triples if t.predicate == ox.NamedNode(NIF.beginIndex))
    # the text (and its one sentence, the same span), Ada (the entity's and the relation's evidence), Lyon, "met"
    assert set(begins.values()) == {1} and len(begins) == 4


def _timed_doc():
    import datetime

    from kg.model import TimeExpression, TimeValue
    text = "On Monday the talks began; they will last three years, and rates rise daily."
    monday = Mention(0, 9, "On Monday", 0)
    times = [TimeExpression(Mention(3, 9, "Monday", 0), "DATE", "2024-07-08", "t1", anchor="t0"),
             TimeExpression(Mention(42, 53, "three years", 0), "DURATION", "P3Y", "t2"),
             TimeExpression(Mention(70, 75, "daily", 0), "SET", "P1D", "t3"),
             TimeExpression(Mention(77, 83, "Feb 30", 0), "DATE", "2024-02-30", "t4")]
    ev = Event("Meet", Mention(20, 25, "began", 0), time=TimeValue("2024-07-08", "day", monday))
    art = Article("d", text + " Feb 30", published=datetime.date(2024, 7, 9))
    return ExtractedDocument(article=art, sentences=[Sentence(0, len(text))], events=[ev], times=times)


def test_each_time_expression_is_a_node_with_its_timex3_type_value_anchor_and_date_literal():
    from rdflib.namespace import RDF, TIME, XSD

    from kg.model.vocab import KG, SCHEMA, SEM
    from kg.rdf.mapping import document_graph
    g = document_graph(_timed_doc())
    nodes = {str(g.value(g.value(t, KG.timeMention), NIF.anchorOf)): t for t in g.subjects(RDF.type, KG.TimeExpression)}
    assert set(nodes) == {"Monday", "three years", "daily", "Feb 30"}
    monday = nodes["Monday"]
    assert (monday, RDF.type, TIME.Instant) in g and str(g.value(monday, KG.timexType)) == "DATE"
    assert g.value(monday, TIME.inXSDDate).datatype == XSD.date
    assert (g.value(monday, KG.anchorTime), RDF.type, SCHEMA.NewsArticle) in g   # t0: the publication date
    assert str(g.value(nodes["three years"], KG.timexValue)) == "P3Y"
    assert (nodes["three years"], RDF.type, TIME.Duration) in g
    assert g.value(nodes["three years"], TIME.unitType) == TIME.unitYear
    assert str(g.value(nodes["daily"], KG.timexType)) == "SET"
    # an impossible date keeps its TIMEX3 value but gets no ill-typed literal
    assert str(g.value(nodes["Feb 30"], KG.timexValue)) == "2024-02-30"
    assert g.value(nodes["Feb 30"], TIME.inXSDDate) is None
    # the event points at the time node its time was read from, and keeps its simple time stamp
    event = next(g.subjects(RDF.type, SEM.Event))
    assert g.value(event, SEM.hasTime) == monday and str(g.value(event, SEM.hasTimeStamp)) == "2024-07-08"
    assert g.value(event, KG.timeMention) is None


def test_a_time_of_day_is_a_date_time_literal_and_a_week_has_none():
    from rdflib.namespace import TIME, XSD

    from kg.rdf.timenodes import xsd_position
    assert xsd_position("2024-07-08T20:00") == (TIME.inXSDDateTime, XSD.dateTime, "2024-07-08T20:00:00")
    assert xsd_position("2024-07") == (TIME.inXSDgYearMonth, XSD.gYearMonth, "2024-07")
    assert xsd_position("2024-13") is None
    for value in ("2024-W28", "2024-Q3", "199", "PRESENT_REF", "P3Y", "2024-07-08TNI"):
        assert xsd_position(value) is None


def test_a_week_is_an_interval_with_its_first_and_last_day_and_a_duration_has_its_amount():
    import datetime

    from rdflib.namespace import RDF, TIME, XSD

    from kg.model import TimeExpression
    from kg.model.vocab import KG
    from kg.rdf.mapping import document_graph
    text = "Prices fell this week after two weeks of gains, for the first time since the 1990s."
    times = [TimeExpression(Mention(12, 21, "this week", 0), "DATE", "2024-W28", "t1", anchor="t0",
                            begin="2024-07-08", end="2024-07-14"),
             TimeExpression(Mention(28, 37, "two weeks", 0), "DURATION", "P2W", "t2"),
             TimeExpression(Mention(73, 82, "the 1990s", 0), "DATE", "199", "t3", begin="1990-01-01", end="1999-12-31"),
             TimeExpression(Mention(56, 66, "first time", 0), "DURATION", "PXY", "t4")]
    doc = ExtractedDocument(article=Article("d", text, published=datetime.date(2024, 7, 10)),
                            sentences=[Sentence(0, len(text))], times=times)
    g = document_graph(doc)
    nodes = {str(g.value(g.value(t, KG.timeMention), NIF.anchorOf)): t for t in g.subjects(RDF.type, KG.TimeExpression)}
    week = nodes["this week"]
    assert (week, RDF.type, TIME.ProperInterval) in g and (week, RDF.type, TIME.Instant) not in g
    begin, end = g.value(week, TIME.hasBeginning), g.value(week, TIME.hasEnd)
    assert (begin, RDF.type, TIME.Instant) in g
    assert (g.value(begin, TIME.inXSDDate).toPython(), g.value(end, TIME.inXSDDate).toPython()) == (
        datetime.date(2024, 7, 8), datetime.date(2024, 7, 14))
    assert g.value(begin, TIME.inXSDDate).datatype == XSD.date
    # the interval's own node has no date literal: a week is not a day, a month or a year
    assert not [o for p, o in g.predicate_objects(week) if getattr(o, "datatype", None) in (XSD.date, XSD.gYear)]
    assert str(g.value(g.value(nodes["the 1990s"], TIME.hasEnd), TIME.inXSDDate)) == "1999-12-31"
    two_weeks = nodes["two weeks"]
    assert (two_weeks, RDF.type, TIME.Duration) in g and g.value(two_weeks, TIME.unitType) == TIME.unitWeek
    assert g.value(two_weeks, TIME.numericDuration).toPython() == 2
    # a duration of no definite length keeps its value and is a temporal duration only
    assert (nodes["first time"], RDF.type, TIME.TemporalDuration) in g
    assert g.value(nodes["first time"], TIME.unitType) is None
