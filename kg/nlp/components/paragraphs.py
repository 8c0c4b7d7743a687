"""`kg_paragraphs`: a line break ends a sentence (headlines, paragraphs and quoted posts are not
run together). Runs before the parser, which respects boundaries already set."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("kg_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    for t in doc[1:]:
        prev = doc[t.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            t.is_sent_start = True
        elif not t.is_space:
            t.is_sent_start = None if t.is_sent_start is None else t.is_sent_start
    return doc
