"""Speed without loss: every spaCy component left on is used by extraction (switching one off changes
what is extracted — e.g. without `attribute_ruler` there are no part-of-speech tags, hence no noun
chunks, groups or nominal organisations), and the pipeline in kg.nlp.pipeline disables only what the
rules do not read."""
from __future__ import annotations

import pytest


def _summary(doc):
    return (sorted((k, e.label, len(e.mentions)) for k, e in doc.entities.items()),
            sorted((ev.type, ev.trigger.start, tuple(ev.actors)) for ev in doc.events),
            sorted((r.subject, r.predicate, r.object) for r in doc.relations))


@pytest.mark.parametrize("component", ["attribute_ruler", "lemmatizer", "tagger", "ner"])
def test_each_component_left_on_is_used(nlp, seed_doc, component):
    from kg.nlp.pipeline import DISABLED, extract
    if component not in nlp.pipe_names:
        pytest.skip(f"{component} not in this model")
    assert component not in DISABLED
    with nlp.select_pipes(disable=[component]):
        try:
            changed = _summary(next(extract([seed_doc.article], nlp))) != _summary(seed_doc)
        except Exception:   # noqa: BLE001 - a component the rules cannot do without
            changed = True
    assert changed, f"switching off {component} changes nothing: add it to DISABLED"


def test_attribute_ruler_gives_the_pos_tags_noun_chunks_need(nlp):
    text = "Two Indian nationals were killed near the border."
    with nlp.select_pipes(disable=["attribute_ruler"]):
        doc = nlp(text)
        assert all(t.pos_ == "" for t in doc)
    doc = nlp(text)
    assert [c.text for c in doc.noun_chunks] and doc[2].pos_ in ("NOUN", "PROPN")
