"""Trigger words: found by lemma or (nouns) by form, with the particle a word requires on the parse, never
inside a name; the matcher is built from whatever types it is given."""
from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from kg.model import taxonomy
from kg.model.taxonomy import Trigger
from kg.nlp.components.events.triggers import TriggerMatcher


def _doc(nlp, words, pos, lemmas, heads=None, deps=None) -> Doc:
    return Doc(nlp.vocab, words=words, pos=pos, lemmas=lemmas, heads=heads, deps=deps)


def _found(matcher, doc) -> list[tuple[str, str]]:
    return [(t.text, trig.type) for t, trig in matcher(doc).triggers]


def test_a_required_particle_must_hang_on_the_verb(nlp):
    m = TriggerMatcher(nlp.vocab, taxonomy.EVENT_TYPES, ())
    on = _doc(nlp, ["Unions", "called", "on", "us"], ["NOUN", "VERB", "ADP", "PRON"], ["union", "call", "on", "we"],
              heads=[1, 1, 1, 2], deps=["nsubj", "ROOT", "prep", "pobj"])
    assert _found(m, on) == [("called", "Appeal")]
    bare = _doc(nlp, ["Unions", "called", "us"], ["NOUN", "VERB", "PRON"], ["union", "call", "we"],
                heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"])
    assert _found(m, bare) == []


def test_lemma_in_its_own_case_form_and_part_of_speech(nlp):
    m = TriggerMatcher(nlp.vocab, taxonomy.EVENT_TYPES, ())
    # a lemma left in the text's case, a noun found by its form, a verb lemma used as an adjective
    doc = _doc(nlp, ["Ceasefire", "talks", "attack", "plans"], ["NOUN", "NOUN", "ADJ", "NOUN"],
               ["Ceasefire", "talk", "attack", "plan"])
    assert _found(m, doc) == [("Ceasefire", "Ceasefire"), ("talks", "Meet")]


def test_a_noun_inside_a_name_is_not_a_trigger(nlp):
    m = TriggerMatcher(nlp.vocab, taxonomy.EVENT_TYPES, ())
    doc = _doc(nlp, ["Summit", "Bank", "opened"], ["NOUN", "PROPN", "VERB"], ["summit", "Bank", "open"])
    assert _found(m, doc) == [("Summit", "Meet")]
    doc.user_data["kg_tok2key"] = {0: "org:summit_bank", 1: "org:summit_bank"}
    assert _found(m, doc) == []


def test_the_matcher_is_compiled_from_the_types_it_is_given(nlp):
    praise = taxonomy.event_type("Praise")
    types = tuple(dataclasses.replace(t, triggers=t.triggers + (Trigger("serenade", "VERB", "Praise"),))
                  if t is praise else t for t in taxonomy.EVENT_TYPES)
    doc = _doc(nlp, ["Fans", "serenaded", "her"], ["NOUN", "VERB", "PRON"], ["fan", "serenade", "she"])
    assert _found(TriggerMatcher(nlp.vocab, taxonomy.EVENT_TYPES, ()), doc) == []
    assert _found(TriggerMatcher(nlp.vocab, types, ()), doc) == [("serenaded", "Praise")]


def test_attribution_phrases_are_found_in_the_same_pass(nlp):
    m = TriggerMatcher(nlp.vocab, taxonomy.EVENT_TYPES, (("according", "to"), ("as", "told", "by")))
    doc = _doc(nlp, ["As", "told", "by", "her", ",", "according", "to", "him"], ["ADP"] * 8, ["x"] * 8)
    assert m(doc).attributions == [(0, 3), (5, 7)]


def test_a_trigger_of_several_words_reads_as_its_phrase_when_it_is_one(extract_text):
    d = extract_text("The witness took the stand on Monday. The bakery chain filed for bankruptcy. "
                     "The coach stepped down. A jury found the driver guilty.")
    assert {e.type: e.trigger.text for e in d.events} == {
        "TrialHearing": "took the stand", "DeclareBankruptcy": "filed for bankruptcy",
        "EndPosition": "stepped down", "Convict": "found"}      # words between: the trigger word alone


def test_a_trigger_noun_joined_by_a_hyphen_to_a_verb_is_the_verb(extract_text):
    d = extract_text("The cargo plane crash-landed in a field near Porto.")
    [ev] = [e for e in d.events if e.type == "Crash"]
    assert ev.trigger.text == "crash-landed" and {d.entities[k].label for k in ev.places} == {"Porto"}
