"""kg/nlp/pipeline.py: every time expression the tagger finds reaches the document model (not only
the times events hang on), with its TIMEX3 type, value and anchor, outside passages kept out of
extraction."""
from __future__ import annotations


def test_every_time_expression_of_the_text_is_in_the_document(extract_text):
    doc = extract_text("The ferry company said on Monday that sailings resume on March 20 and will run daily. "
                       "Repairs took three weeks. Fares are now higher than this week's offer.",
                       published="2025-03-12")
    got = {t.mention.text: (t.type, t.value) for t in doc.times}
    assert got["Monday"] == ("DATE", "2025-03-10")            # past tense: the last Monday
    assert got["March 20"] == ("DATE", "2025-03-20")          # near future: the same year
    assert got["daily"] == ("SET", "P1D")
    assert got["three weeks"] == ("DURATION", "P3W")
    assert got["now"] == ("DATE", "PRESENT_REF")
    assert got["this week"] == ("DATE", "2025-W11")
    # a calendar value carries the first and last day it covers; a duration none
    assert {(t.begin, t.end) for t in doc.times if t.mention.text == "this week"} == {("2025-03-10", "2025-03-16")}
    assert {(t.begin, t.end) for t in doc.times if t.mention.text == "three weeks"} == {(None, None)}
    for t in doc.times:
        assert doc.text[t.mention.start:t.mention.end] == t.mention.text and t.mention.sentence >= 0
    assert {t.anchor for t in doc.times if t.mention.text == "Monday"} == {"t0"}


def test_a_time_in_a_passage_kept_out_of_extraction_is_left_out(extract_text, nlp):
    from datetime import date

    from kg.model import Article
    from kg.nlp.pipeline import extract
    text = "The vote was held on Sunday. El voto fue el domingo 3 de marzo de 2024."
    start = text.index("El voto")
    art = Article("skip", text, published=date(2024, 3, 5), skip_spans=[(start, len(text), "es")])
    doc = next(extract([art], nlp=nlp))
    assert [t.mention.text for t in doc.times] == ["Sunday"]
