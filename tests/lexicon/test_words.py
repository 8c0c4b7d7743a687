"""The shared lexicons: the package's files load, and a malformed row names its file and line."""
from __future__ import annotations

import pytest

from kg.lexicon import words
from kg.lexicon.files import DataFileError
from kg.model.kinds import Kind


def write(tmp_path, text: str) -> str:
    p = tmp_path / "lexicon.tsv"
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_the_package_lexicons_load():
    assert "secretary of state" in words.titles()
    assert words.org_heads()["ministry of foreign affairs"] == ("foreign ministry", Kind.GOVERNMENT_ORGANIZATION)
    assert words.numbers()["twelve"] == 12 and words.numbers()["dozen"] == 12
    assert words.count_qualifiers()["about"] == "approximately"
    assert {"mr", "mr.", "dame"} <= words.honorifics()
    assert words.pronouns()["she"] == {Kind.PERSON}
    assert Kind.GROUP in words.pronouns()["they"] and Kind.COUNTRY in words.pronouns()["its"]
    assert "tweeted" in words.posting_cues()


def test_a_lexicon_is_read_from_the_path_given(tmp_path):
    assert words.numbers(write(tmp_path, "# word\tvalue\nscore\t20\n")) == {"score": 20}


@pytest.mark.parametrize("loader, text, line, reason", [
    (words.numbers, "seven\t7\neight\tabout eight\n", 2, "'about eight' is not a whole number"),
    (words.numbers, "Seven\t7\n", 1, "'Seven' is compared with one lower-cased token"),
    (words.count_qualifiers, "at least\tat least\n", 1, "'at least' is compared with one lower-cased token"),
    (words.pronouns, "# pronoun\tkinds\nit\tCountry Organisation\n", 2, "unknown kind 'Organisation'"),
    (words.org_heads, "coast guard\tcoast guard\tGovernmentOrganization\nnavy\tnavy\n", 2, "2 tab-separated field"),
    (words.org_heads, "coast guard\tcoast guard\tAgency\n", 1, "unknown kind 'Agency'"),
    (words.honorifics, "mr\nMs\n", 2, "'Ms' is compared with one lower-cased token"),
])
def test_a_malformed_row_names_the_file_and_line(tmp_path, loader, text, line, reason):
    path = write(tmp_path, text)
    with pytest.raises(DataFileError) as e:
        loader(path)
    assert f"{path}:{line}: {reason}" in str(e.value)
