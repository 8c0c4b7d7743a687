"""`kg_paragraphs`: a line break ends a sentence (headlines, paragraphs and quoted posts are not
run together), and so does a dateline ("NAIROBI, May 3 (Reuters) -"), so that the parser does not
make the dateline's city the subject of the first sentence. Runs before the parser, which
respects boundaries already set. The dateline pattern is kg.input.clean's, which cleans it off the
page; the component has no data of its own (an empty config)."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.input.clean import DATELINE
from kg.nlp import docdata


@Language.factory("kg_paragraphs", default_config={})
def make_paragraphs(nlp: Language, name: str):
    return paragraph_boundaries


def paragraph_boundaries(doc: Doc) -> Doc:
    full = docdata.text(doc)
    starts = [0]
    # tokens that follow a line break: found from the text, not by walking every token
    for m in re.finditer(r"\n\s*", full):
        j = _token_at(doc, m.end())
        if j is not None and j > 0:
            doc[j].is_sent_start = True
            starts.append(j)
    for i in starts:
        m = DATELINE.match(full, doc[i].idx)
        if m:
            j = _token_at(doc, m.end())
            if j is not None and j > i:
                doc[j].is_sent_start = True
    return doc


def _token_at(doc: Doc, offset: int) -> int | None:
    """Index of the first token starting at or after a character offset."""
    span = doc.char_span(offset, len(docdata.text(doc)), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start if span.start_char >= offset else (span.start + 1 if span.start + 1 < len(doc) else None)
