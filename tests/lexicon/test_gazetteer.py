"""The gazetteer: countries by name and demonym, places, and how a country qualifies a noun."""
from __future__ import annotations

from kg.lexicon import gazetteer as gz
from kg.model.kinds import Kind


def test_countries_by_name_demonym_and_possessive():
    assert gz.country_of("Kenya") == gz.country_of("Kenyan") == gz.country_of("Kenyans") == "KE"
    assert gz.country_of("Kenya's") == "KE"
    assert gz.country_of("Harbourland") is None


def test_a_country_qualifies_a_noun_with_its_first_demonym_else_its_name():
    assert gz.adjective_of("FR") == "French"
    assert gz.adjective_of("KE") == "Kenyan"
    # a country with no demonym row is named as it is
    no_demonym = next(iso for iso in gz.countries() if iso not in set(gz.demonyms().values()))
    assert gz.adjective_of(no_demonym) == gz.countries()[no_demonym].name


def test_seats_of_government_are_landmarks_standing_for_their_country():
    wh = gz.places()["the white house"]
    assert wh.kind is Kind.LANDMARK and wh.seat_of == "US"
