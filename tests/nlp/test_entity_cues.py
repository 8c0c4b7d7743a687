"""Typing cues and the vote of a name's mentions (kg.nlp.components.entities.cues), and the short forms
that join their long form within a document (kg.nlp.components.entities.merges)."""
from __future__ import annotations

import pytest

from kg.lexicon.files import DataFileError
from kg.nlp.components.entities import cues


def kind_of(doc, label):
    return next((e.kind.coarse.value for e in doc.entities.values() if e.label == label), None)


def labels(doc, kind):
    return sorted(e.label for e in doc.entities.values() if e.kind == kind)


def test_an_appositive_kind_noun_makes_an_organisation(extract_text):
    d = extract_text("Harbor Fish, the casual dining chain, filed for bankruptcy on Sunday. "
                     "Harbor Fish said it would close stores.")
    assert kind_of(d, "Harbor Fish") == "ORG"


def test_a_kind_noun_before_the_name_or_a_business_title_after_it(extract_text):
    d = extract_text("Her company Lumina was once valued at $9bn. She launched Lumina in 2003.")
    assert kind_of(d, "Lumina") == "ORG"
    d = extract_text("Former Tandem CEO Jane Roe joined the board.")
    assert kind_of(d, "Tandem") == "ORG" and kind_of(d, "Jane Roe") == "PER"


def test_examples_of_a_plural_kind_noun_are_organisations(extract_text):
    d = extract_text("Competition came from fast casual chains like Burrito Barn as well as rising costs.")
    assert kind_of(d, "Burrito Barn") == "ORG"
    d = extract_text("Grandco, which owns Pasta Palace and other chains, spun the company off.")
    assert kind_of(d, "Pasta Palace") == "ORG"


def test_a_club_word_ending_the_name(extract_text):
    d = extract_text("Westford United fired Peter van Dijk on Monday.")
    assert kind_of(d, "Westford United") == "ORG"
    assert kind_of(d, "Peter van Dijk") == "PER"


def test_the_city_of_and_a_region_noun_make_places(extract_text):
    d = extract_text("Another attack in the central Ukrainian city of Novo Mirsk killed ten people. "
                     "Tremors were felt in the coastal cities of Tanga, Lindi and Mtwara.")
    for name in ("Novo Mirsk", "Tanga", "Lindi", "Mtwara"):
        assert kind_of(d, name) == "LOC", name


def test_a_region_noun_is_cut_off_the_name(extract_text):
    d = extract_text("Strikes hit two sites in southern Kirawa province on Friday.")
    assert kind_of(d, "Kirawa") == "LOC"
    assert kind_of(d, "Kirawa province") is None


def test_a_publisher_before_a_name_is_still_a_person(extract_text):
    d = extract_text("The tabloid publisher Daniel Mercer testified on Tuesday.")
    assert kind_of(d, "Daniel Mercer") == "PER"


def test_a_cue_list_with_capitals_is_a_data_file_error(tmp_path):
    f = tmp_path / "cues.tsv"
    f.write_text("org_noun\tCompany\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        cues.load(str(f))


def test_a_hyphenated_name_with_a_particle_stays_one_place(extract_text):
    d = extract_text("The quake hit various regions, including Al Hamra and Kenitra provinces. "
                     "Most of the dead were in Al-Hamra, the epicentre.")
    assert kind_of(d, "Al Hamra") == "LOC"
    assert kind_of(d, "Hamra") is None and kind_of(d, "Al") is None


def test_a_hyphenated_surname_is_one_person(extract_text):
    d = extract_text("Representative Maria Lopez-Vidal spoke on Monday. Lopez-Vidal said the bill would pass.")
    assert labels(d, "Person") == ["Maria Lopez-Vidal"]


def test_a_surname_joins_the_one_person_and_two_smiths_stay_two(extract_text):
    d = extract_text("Ngozi Okafor will lead the unit. Okafor said Ngozi was ready.")
    assert labels(d, "Person") == ["Ngozi Okafor"]
    d = extract_text("Ann Smith met Bob Smith in Leeds. Then Ann Smith left. Smith was tired.")
    people = {e.label: e for e in d.entities.values() if e.kind == "Person"}
    assert sorted(people) == ["Ann Smith", "Bob Smith"]
    assert len(people["Ann Smith"].mentions) == 3 and len(people["Bob Smith"].mentions) == 1


def test_a_short_form_of_a_club_joins_its_full_name(extract_text):
    d = extract_text("Westford United fired its coach on Monday. United, which finished eighth, "
                     "lost again.")
    orgs = [e for e in d.entities.values() if e.kind.coarse.value == "ORG"]
    assert [o.label for o in orgs] == ["Westford United"]
    assert "United" in orgs[0].alt_labels
