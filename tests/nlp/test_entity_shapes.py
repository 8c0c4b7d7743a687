"""The edges of names (kg.nlp.components.entities.shapes), titles cut off names, and acronyms of countries."""
from __future__ import annotations


def labels(doc):
    return {e.label: e.kind.coarse.value for e in doc.entities.values()}


def test_a_credit_line_is_several_names_without_its_date(extract_text):
    d = extract_text("Lakeside, (WNA - PortalOne / Daily Point News - 31st Dec, 2024) Montenegro on Tuesday "
                     "extradited the man, the country's interior ministry said.")
    got = labels(d)
    assert {"WNA", "PortalOne", "Daily Point News"} <= set(got)
    assert not any("/" in name or "31st" in name for name in got)


def test_an_unclosed_bracket_ends_a_name_and_the_acronym_joins_it(extract_text):
    d = extract_text("Agents of the Federal Example Office (FEO) arrested him. The FEO said so.")
    org = next(e for e in d.entities.values() if e.label == "Federal Example Office")
    assert "FEO" in org.alt_labels
    assert not any("(" in e.label for e in d.entities.values())


def test_a_possessor_that_is_no_country_is_cut_but_a_saints_name_is_kept(extract_text):
    d = extract_text("Flags will fly at half-staff, the Kingdom’s Privy Council said. "
                     "The blast hit St Mary's Hospital.")
    got = labels(d)
    assert "Privy Council" in got and "St Mary's Hospital" in got
    assert "Flags" not in got and "Hospital" not in got


def test_a_generic_word_alone_is_no_entity(extract_text):
    d = extract_text("Cleanup at the residence was ordered by the Court to be stopped.")
    assert "Court" not in labels(d)


def test_a_media_noun_or_an_apposition_finds_a_missed_outlet(extract_text):
    d = extract_text("Reports on RTV2, a private TV station, said the minister was hurt, "
                     "the Ruritanian RTA news agency said.")
    got = labels(d)
    assert got.get("RTV2") == "ORG" and got.get("RTA") == "ORG"


def test_a_title_read_as_an_organisation_is_cut_off_a_person(extract_text):
    d = extract_text("Substitute Ander Ruizabal scored the winner in the 86th minute.")
    p = next(e for e in d.entities.values() if e.label == "Ander Ruizabal")
    assert p.kind == "Person" and "substitute" in p.job_titles
    d = extract_text("Harbor Mills and General Mills merged.")
    assert labels(d).get("General Mills") == "ORG"


def test_titles_after_a_comma_and_before_a_particle_surname(extract_text):
    d = extract_text("Ferdinand Kopp, board chair, will step down. Interim head coach Wim van Kessel takes over.")
    people = {e.label: e for e in d.entities.values() if e.kind == "Person"}
    assert "board chair" in people["Ferdinand Kopp"].job_titles
    assert "interim head coach" in people["Wim van Kessel"].job_titles


def test_an_acronym_of_a_country_is_the_country(extract_text):
    d = extract_text("The outbreak spread in the Central African Republic. CAR health officials said cases rose.")
    c = next(e for e in d.entities.values() if e.kind == "Country")
    assert c.label == "Central African Republic" and "CAR" in c.alt_labels
    assert [e for e in d.entities.values() if e.label == "CAR"] == []
