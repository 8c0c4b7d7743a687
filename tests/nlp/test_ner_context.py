"""kg_ner_context: entity types from the words around a name, stage by stage, on sentences written for
these tests. Each test sets the entities the stage starts from, so it shows what the stage itself does."""
from __future__ import annotations

import pytest

from kg.input.readers import make_article
from kg.nlp.components.relations.datafiles import RuleDataError, read_text
from kg.nlp.pipeline import _prepare


def before_context(nlp, text: str):
    doc = _prepare(nlp, make_article("t", text, "<test>"))
    for name, proc in nlp.pipeline:
        if name == "kg_ner_context":
            break
        doc = proc(doc)
    return doc


def labelled(nlp, text: str, ents: list[tuple[str, str]], component=None):
    """The (text, label) entities after the stage, starting from `ents` (first occurrences of the texts)."""
    from spacy.tokens import Span
    doc = before_context(nlp, text)
    spans = []
    for words, label in ents:
        start = next(t.i for t in doc if doc[t.i:t.i + len(words.split())].text == words)
        spans.append(Span(doc, start, start + len(words.split()), label=label))
    doc.ents = spans
    (component or nlp.get_pipe("kg_ner_context"))(doc)
    return {(e.text, e.label_) for e in doc.ents}


def test_a_capitalised_dateline_is_a_place(nlp):
    out = labelled(nlp, "GREENVALE, Ore. (AP) _ The county fair opened on Friday with a parade.", [])
    assert {("GREENVALE", "GPE"), ("Ore.", "GPE")} <= out
    assert not {e for e in labelled(nlp, "GREENVALE residents voted on Friday.", []) if e[0] == "GREENVALE"}


def test_a_known_place_before_a_colon_is_a_dateline(nlp):
    # the parser may end the sentence at the colon; the name the model gave the org stays a place
    out = labelled(nlp, "LIVERPOOL: Everton sacked their manager on Monday after a poor run.", [("LIVERPOOL", "ORG")])
    assert ("LIVERPOOL", "GPE") in out
    # an unknown capitalised word before a colon is a heading, not a place
    out = labelled(nlp, "UPDATE: Everton sacked their manager on Monday after a poor run.", [])
    assert ("UPDATE", "GPE") not in out


def test_a_state_abbreviation_after_a_town(nlp):
    assert ("Okla.", "GPE") in labelled(nlp, "Flooding closed schools in Tulsa, Okla., on Monday.", [("Tulsa", "GPE")])
    # no town before the comma: nothing to place it in
    assert ("Okla.", "GPE") not in labelled(nlp, "Flooding closed schools, Okla., on Monday.", [])


def test_wire_services_after_a_dateline(nlp):
    out = labelled(nlp, "Hefei, February 11 (KORVAX) -- The new plant opened on Tuesday.",
                   [("Hefei", "GPE"), ("February 11", "DATE")])
    assert ("KORVAX", "ORG") in out
    out = labelled(nlp, "Moscow NOVOSTROI in Russian 12 Mar 94 p 2: the report on the harvest was published today.",
                   [("Moscow", "GPE")])
    assert ("NOVOSTROI", "ORG") in out
    # a bracketed capitalised word with no place or date before it is no wire service
    assert ("KORVAX", "ORG") not in labelled(nlp, "The plant (KORVAX) opened on Tuesday.", [])


def test_the_victim_of_a_killing_verb_is_a_person(nlp):
    assert ("Brannigan", "PERSON") in labelled(nlp, "Kessler fatally shot Brannigan in the garage.", [])
    assert ("Brannigan", "PERSON") not in labelled(nlp, "Kessler quietly left Brannigan in the garage.", [])


def test_a_title_swallowed_by_the_organisation_is_cut_off(nlp):
    out = labelled(nlp, "Harbor Patrol Captain Dana Whitlow said the boat sank.",
                   [("Harbor Patrol Captain", "ORG"), ("Dana Whitlow", "PERSON")])
    assert ("Harbor Patrol", "ORG") in out
    out = labelled(nlp, "Harbor Patrol Division Dana Whitlow said the boat sank.",
                   [("Harbor Patrol Division", "ORG"), ("Dana Whitlow", "PERSON")])
    assert ("Harbor Patrol Division", "ORG") in out


def test_a_known_place_used_as_a_place(nlp):
    assert ("Tacoma", "GPE") in labelled(nlp, "They met a Tacoma native at the fair.", [("Tacoma", "PERSON")])
    assert ("Tacoma", "PERSON") in labelled(nlp, "They met Tacoma at the fair.", [("Tacoma", "PERSON")])


@pytest.mark.parametrize("text,name", [
    ("Veltmann, 72, said the bridge was unsafe.", "Veltmann"),
    ("Veltmann, a retired teacher, said the bridge was unsafe.", "Veltmann"),
    ("Veltmann, who chairs the board, said the bridge was unsafe.", "Veltmann"),
])
def test_a_name_in_apposition_with_an_age_or_a_role_is_a_person(nlp, text, name):
    assert (name, "PERSON") in labelled(nlp, text, [(name, "ORG")])


def test_an_organisation_word_keeps_a_name_an_organisation(nlp):
    out = labelled(nlp, "Marlowe Industries, a maker of boats, said the yard was closing.",
                   [("Marlowe Industries", "ORG")])
    assert ("Marlowe Industries", "ORG") in out


def test_the_kill_words_come_from_the_kill_word_file(nlp, tmp_path):
    """"stab" is one of kill_words.toml's extra verbs: without it, stabbing makes no victim here."""
    text = "Kessler fatally stabbed Brannigan in the garage."
    assert ("Brannigan", "PERSON") in labelled(nlp, text, [])
    kill = read_text("kill_words.toml").replace('extra_verbs = ["stab", ', 'extra_verbs = [')
    path = tmp_path / "kill.toml"
    path.write_text(kill, encoding="utf-8")
    mine = nlp.create_pipe("kg_ner_context", name="kg_ner_context_test", config={"kill_words": str(path)})
    assert ("Brannigan", "PERSON") not in labelled(nlp, text, [], mine)


def test_a_context_file_lacking_a_list_is_an_error(nlp, tmp_path):
    path = tmp_path / "ctx.toml"
    path.write_text('place_after = ["native"]\n', encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"ctx\.toml: dateline_openers: missing"):
        nlp.create_pipe("kg_ner_context", name="kg_ner_context_bad", config={"context": str(path)})
