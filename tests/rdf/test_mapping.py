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
