"""The NLP stage: a spaCy pipeline whose custom steps are registered components, configured by
name, and a function that turns Articles into ExtractedDocuments (plain data)."""
from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Iterable, Iterator

from kg.model import Article, ExtractedDocument, Mention, Sentence, TimeExpression
from kg.nlp import docdata
from kg.nlp.components import coref, entities, event_identity, events, ner_context, ner_fixes, paragraphs, relations
from kg.nlp.model import load_model
from kg.nlp.timex import calendar
from kg.nlp.timex import component as timex

#: the modules whose import registers the components with spaCy (the pipeline refers to them by name)
COMPONENT_MODULES = (paragraphs, ner_fixes, ner_context, entities, coref, events, relations, timex, event_identity)

#: the custom components, in order; each is a registered `Doc -> Doc` callable
CUSTOM_COMPONENTS = ("kg_ner_fixes", "kg_ner_context", "kg_entities", "kg_coref", "kg_events", "kg_relations",
                     "kg_timex", "kg_event_identity")
#: spaCy components extraction does not use (none: the tagger, parser, attribute_ruler, lemmatizer
#: and ner all feed the rules)
DISABLED: tuple[str, ...] = ()


def build_pipeline(model: str | None = None):
    nlp = load_model(model)
    if "kg_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    for name in CUSTOM_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp


def _prepare(nlp, article: Article):
    doc = nlp.make_doc(article.text)
    doc.user_data["kg_doc_id"] = article.id
    doc.user_data["kg_text"] = article.text
    doc.user_data["kg_skip"] = list(article.skip_spans)
    doc.user_data["kg_published"] = article.published
    doc.user_data["kg_quotes"] = [(q.start, q.end, q.date) for q in article.quotes if q.date]
    return doc


def to_document(doc, article: Article) -> ExtractedDocument:
    """Collect what the components left on the Doc into the plain document model."""
    sentences = _sentences(doc)
    out = ExtractedDocument(article=article, sentences=sentences, entities=dict(docdata.entities(doc)),
                            events=list(docdata.events(doc)), relations=list(docdata.relations(doc)))
    starts = [s.start for s in sentences]

    def sentence_for(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    # sentence numbers by offset (components count spaCy's sentences, which may include blank ones)
    def fix(m):
        return replace(m, sentence=sentence_for(m.start)) if m is not None else None

    for e in out.entities.values():
        e.mentions = [fix(m) for m in e.mentions]
    for ev in out.events:
        ev.trigger = fix(ev.trigger)
        ev.also = [fix(m) for m in ev.also]
        if ev.time is not None:
            ev.time.mention = fix(ev.time.mention)
    text = article.text
    for r in out.relations:
        if r.evidence is not None:   # a relation is grounded in its whole sentence
            i = sentence_for(r.evidence.start)
            sn = sentences[i]
            r.evidence = type(r.evidence)(sn.start, sn.end, text[sn.start:sn.end], i)
    out.times = [replace(t, mention=fix(t.mention)) for t in time_expressions(doc, article)]
    return out


def _sentences(doc) -> list[Sentence]:
    """The non-blank sentences, trimmed of surrounding white space."""
    sentences = []
    for s in doc.sents:
        text = s.text
        start = s.start_char + (len(text) - len(text.lstrip()))
        end = s.start_char + len(text.rstrip())
        if end > start:
            sentences.append(Sentence(start, end))
    return sentences


def time_expressions(doc, article: Article) -> list[TimeExpression]:
    """The tagger's TIMEX3s as the document model's time expressions, those in passages kept out of
    extraction (another language) left out."""
    out = []
    for t in doc.user_data.get(timex.KEY, []):
        if docdata.in_skip(doc, t.start, t.end):
            continue
        span = calendar.bounds(t.value) if t.type in ("DATE", "TIME") else None
        begin, end = (span[0].isoformat(), span[1].isoformat()) if span else (None, None)
        out.append(TimeExpression(Mention(t.start, t.end, article.text[t.start:t.end]), t.type, t.value,
                                  t.tid, t.mod, t.anchor, begin, end))
    return out


def extract(articles: Iterable[Article], nlp=None, batch_size: int = 32) -> Iterator[ExtractedDocument]:
    """Run the pipeline over articles, streaming; yields plain ExtractedDocuments."""
    nlp = nlp or build_pipeline()
    pending: list[Article] = []

    def docs():
        for a in articles:
            pending.append(a)
            yield _prepare(nlp, a)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        article = pending.pop(0)
        yield to_document(doc, article)
