"""The spaCy component `kg_timex` and the pure function `tag`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.timex.context import Context
from kg.nlp.timex.grammar import DEFAULT, Grammar, load
from kg.nlp.timex.model import Timex
from kg.nlp.timex.tagger import as_date, find

KEY = "kg_timexes"


class TimexTagger:
    """Tags a Doc's time expressions against its reference date (doc.user_data["kg_published"])."""

    def __init__(self, grammar: Grammar, near_future_days: int = 62, default_tense: str | None = None):
        self.grammar = grammar
        self.near_future_days = near_future_days
        self.default_tense = default_tense

    def run(self, text: str, reference_date, doc: Doc | None = None) -> list[Timex]:
        cx = Context(text, as_date(reference_date), doc, near_days=self.near_future_days,
                     default_tense=self.default_tense, words=self.grammar.words)
        return find(self.grammar, cx)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.user_data.get("kg_text") or doc.text
        doc.user_data[KEY] = self.run(text, doc.user_data.get("kg_published"), doc)
        return doc


@Language.factory("kg_timex", default_config={"data": DEFAULT, "near_future_days": 62})
def make_timex(nlp: Language, name: str, data: str, near_future_days: int) -> TimexTagger:
    """`data`: a folder with words.tsv, parts.tsv and rules.tsv (kg/... = in the package); `near_future_days`: how
    far after the reference date a date without a year may lie and keep the reference year when the
    tense does not say."""
    return TimexTagger(load(data), near_future_days)


def _base_doc(text: str) -> Doc:
    from kg.nlp.model import load_model
    nlp = load_model()
    with nlp.select_pipes(enable=[n for n in nlp.pipe_names if not n.startswith("kg_")]):
        return nlp(text)


def tag(text_or_doc, reference_date=None, *, parse: bool = True, data: str = DEFAULT, near_future_days: int = 62,
        default_tense: str | None = None) -> list[Timex]:
    """The TIMEX3s of a text or a spaCy Doc against `reference_date` (a date, datetime or ISO string; for a
    Doc, None means doc.user_data["kg_published"]). A text is parsed with kg's English pipeline for the
    tense and the checks, unless `parse` is False (patterns alone: faster; the tense is then
    `default_tense`: PAST, PRESENT, FUTURE or None = unknown)."""
    tagger = TimexTagger(load(data), near_future_days, default_tense)
    if isinstance(text_or_doc, Doc):
        doc = text_or_doc
        ref = reference_date if reference_date is not None else doc.user_data.get("kg_published")
        return tagger.run(doc.user_data.get("kg_text") or doc.text, ref, doc)
    doc = _base_doc(text_or_doc) if parse else None
    return tagger.run(text_or_doc, reference_date, doc)
