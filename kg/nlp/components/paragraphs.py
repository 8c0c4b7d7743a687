"""`kg_paragraphs`: a line break ends a sentence (headlines, paragraphs and quoted posts are not
run together), and so does a dateline ("MOSCOW, July 9 (Reuters) -"), so that the parser does not
make the dateline's city the subject of the first sentence. Runs before the parser, which
respects boundaries already set."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.input.clean import DATELINE


@Language.component("kg_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    starts = [0]
    for t in doc[1:]:
        prev = doc[t.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            t.is_sent_start = True
            starts.append(t.i)
    for i in starts:
        m = DATELINE.match(doc.text, doc[i].idx)
        if m:
            after = doc.char_span(m.end(), m.end(), alignment_mode="expand")
            j = next((t.i for t in doc[i:] if t.idx >= m.end()), None)
            if j is not None and j > i and j < len(doc):
                doc[j].is_sent_start = True
    return doc
