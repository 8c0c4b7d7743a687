"""kg/corpus/index.py: the plain-document codec and the touched-keys tables (hand-made documents, no NLP)."""
from __future__ import annotations

import json
import zlib
from datetime import date

from kg.corpus.index import Index, dumps, loads
from kg.model import Article, Entity, Event, ExtractedDocument, Kind, Mention, Pred, Quote, Relation, Sentence
from kg.model.document import TimeValue


def _everything() -> ExtractedDocument:
    """A document with every field of every dataclass set to something other than its default."""
    text = "Ada Lovelace met the Analytical Society in Paris on 3 May 1840."
    m = Mention(0, 12, "Ada Lovelace", 0)
    art = Article("doc-1", text, title="A meeting", url="https://example.org/a", published=date(1840, 5, 4),
                  source="The Example", byline="By A. Writer", dateline="PARIS", origin="f.jsonl:1",
                  skip_spans=[(40, 45, "fr")],
                  quotes=[Quote(13, 30, author="Ada", handle="@ada", date=date(1840, 5, 3), language="en")])
    ada = Entity("person:ada_lovelace", Kind.PERSON, "Ada Lovelace", alt_labels={"Lovelace", "Ada"}, mentions=[m],
                 job_titles={"countess", "mathematician"}, iso_code="GB", same_as=["http://example.org/ada"],
                 count=1, count_qualifier="exactly", count_max=2, is_actor=True)
    paris = Entity("place:paris_FR", Kind.CITY, "Paris", mentions=[Mention(43, 48, "Paris", 0)])
    ev = Event("Meet", Mention(13, 16, "met", 0), agents=[ada.key], patients=["org:analytical_society"],
               participants=["person:x"], places=[paris.key],
               time=TimeValue("1840-05-03", "day", Mention(52, 62, "3 May 1840", 0)), modality="reported",
               sources=["org:the_example"], lemma="meet")
    rel = Relation(ada.key, Pred.HOME_LOCATION, paris.key, Mention(0, 48, text[:48], 0))
    return ExtractedDocument(article=art, sentences=[Sentence(0, len(text))], entities={ada.key: ada, paris.key: paris},
                             events=[ev], relations=[rel])


def test_a_document_with_every_field_set_survives_the_round_trip():
    doc = _everything()
    back = loads(dumps(doc))
    assert back == doc
    e = back.entities["person:ada_lovelace"]
    assert type(e.kind) is Kind and type(back.relations[0].predicate) is Pred
    assert isinstance(back.article.published, date) and isinstance(back.article.quotes[0].date, date)
    assert back.article.skip_spans == [(40, 45, "fr")] and isinstance(e.alt_labels, set)
    assert back.events[0].time.mention == doc.events[0].time.mention


def test_documents_stored_by_an_older_kg_still_load():
    """The JSON shape of the former hand-written codec; a field it did not know is left at its default,
    one it had that the model dropped is ignored."""
    old = {"article": {"id": "d", "text": "Rome.", "published": "2024-01-02", "skip_spans": [[0, 1, "it"]],
                       "quotes": [], "retired_field": 1},
           "sentences": [{"start": 0, "end": 5}],
           "entities": {"place:rome_IT": {"key": "place:rome_IT", "kind": "City", "label": "Rome", "alt_labels": [],
                                          "mentions": [{"start": 0, "end": 4, "text": "Rome", "sentence": 0}],
                                          "job_titles": []}},
           "events": [], "relations": []}
    doc = loads(zlib.compress(json.dumps(old).encode()))
    rome = doc.entities["place:rome_IT"]
    assert rome.kind is Kind.CITY and rome.count is None and rome.same_as == []
    assert doc.article.published == date(2024, 1, 2) and doc.article.skip_spans == [(0, 1, "it")]


def test_the_index_keeps_documents_by_id(tmp_path):
    idx = Index(tmp_path)
    doc = _everything()
    idx.put_document(doc)
    assert idx.get_document("doc-1") == doc and idx.get_document("nope") is None
    idx.delete_document("doc-1")
    assert idx.get_document("doc-1") is None
    idx.close()


def test_touched_surnames_and_groups_wait_in_the_index_not_in_memory(tmp_path):
    idx = Index(tmp_path)
    idx.touch(["b", "a", "c"], ["x|1"])
    idx.touch(["a"], [])
    assert idx.touched("touched_surnames") == 3 and idx.touched("touched_groups") == 1
    seen = []
    for batch in idx.drain("touched_surnames", batch=2):
        seen.append(batch)
        idx.touch(["0"])                       # touched meanwhile: waits for the next drain
    assert seen == [["a", "b"], ["c"]]
    assert [b for b in idx.drain("touched_surnames")] == [["0"]]
    assert list(idx.drain("touched_surnames")) == [] and idx.touched("touched_groups") == 1
    idx.close()
    assert Index(tmp_path).touched("touched_groups") == 1   # on disk: a killed build leaves it for the next writer
