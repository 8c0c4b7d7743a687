"""The entities, token keys and relations of one Doc while kg_entities builds them (kept in
doc.user_data through kg.nlp.docdata), and the one way to add a mention."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.model import Entity, Mention
from kg.model.kinds import Kind
from kg.nlp import docdata


class Registry:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.ents = docdata.entities(doc)
        self.tok2key = docdata.token_keys(doc)
        self.rels = docdata.relations(doc)

    def sent_of(self, tok: Token) -> int:
        return docdata.sentence_of(self.doc, tok.i)

    def add(self, key: str, kind: Kind, label: str, span: Span, **kw) -> Entity:
        """A mention of the entity `key` (created with `kind`, `label` and `kw` if new) at `span`."""
        e = self.ents.get(key)
        if e is None:
            e = self.ents[key] = Entity(key=key, kind=kind, label=label, **kw)
        text, end = span.text, span.end_char
        if text.endswith(".") and "." not in text[:-1] and len(text) > 2:   # "Twitter/X." -> "Twitter/X"
            text, end = text[:-1], end - 1
            if e.label == span.text:
                e.label = text
        e.alt_labels.add(text)
        self.mention(e, span, end)
        return e

    def mention(self, e: Entity, span: Span, end: int | None = None) -> None:
        """A mention of `e` at `span` that is no name of it ("the Kenyan government" of Kenya)."""
        end = span.end_char if end is None else end
        m = Mention(span.start_char, end, docdata.text(self.doc)[span.start_char:end], self.sent_of(span[0]))
        if m not in e.mentions:
            e.mentions.append(m)
        for t in span:
            self.tok2key.setdefault(t.i, e.key)
