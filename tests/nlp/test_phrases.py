"""Lexicon look-ups through the PhraseMatcher: every occurrence, indexed by its first and last token."""
from __future__ import annotations

import pytest

from kg.nlp.phrases import Phrases


@pytest.fixture(scope="module")
def tokenizer_only():
    import spacy
    return spacy.blank("en")


def spans(found, doc):
    return {doc[s:e].text: phrase for (s, e), phrase in found.spans.items()}


def test_overlapping_phrases_are_all_found_longest_first(tokenizer_only):
    p = Phrases(tokenizer_only, ["harbour master", "deputy harbour master", "master"])
    doc = tokenizer_only("The deputy harbour master resigned.")
    assert spans(p(doc), doc) == {"deputy harbour master": "deputy harbour master",
                                  "harbour master": "harbour master", "master": "master"}
    found = p(doc)
    assert found.ending_at(4) == [1, 2, 3]          # "deputy harbour master", "harbour master", "master"
    assert found.starting_at(1) == [4] and found.starting_at(2) == [4]
    assert (2, 4) in found and (1, 3) not in found
    assert found.ending_at(5) == [] and found.starting_at(0) == []


def test_matching_ignores_case_but_not_spelling(tokenizer_only):
    p = Phrases(tokenizer_only, ["defence minister"])
    doc = tokenizer_only("DEFENCE MINISTER Ola Nordmann met the Defense Minister of Ruritania.")
    assert spans(p(doc), doc) == {"DEFENCE MINISTER": "defence minister"}


def test_abbreviations_match_however_the_tokenizer_splits_them(tokenizer_only):
    # "Sen." is one token (a tokenizer exception), "sen." two: both are the title "sen."
    p = Phrases(tokenizer_only, ["sen.", "vice-president"])
    doc = tokenizer_only("Sen. Ada Quill and the sen. from Ohio met the vice-president.")
    assert sorted(spans(p(doc), doc)) == ["Sen.", "sen.", "vice-president"]


def test_as_tokens_takes_each_phrase_word_as_one_token(tokenizer_only):
    p = Phrases(tokenizer_only, ["mr.", "cantons of"], as_tokens=True)
    doc = tokenizer_only("Mr. Quill toured the cantons of Uri and Zug.")
    assert spans(p(doc), doc) == {"Mr.": "mr.", "cantons of": "cantons of"}
