"""TOML data files: errors are the coded data_file message with the line of the table or key at fault."""
from __future__ import annotations

import pytest

from kg.model.tomldata import DataError, TomlFile

TEXT = """# a rule file
[rules]
words = ["a", "b"]
preps.on = "x"
preps.in = "y"

[rules.more]
z = 1
"""


def test_the_line_of_a_table_a_key_and_a_dotted_key():
    f = TomlFile.parse(TEXT, "r.toml")
    assert f.data["rules"]["preps"] == {"on": "x", "in": "y"}
    assert (f.line("rules"), f.line("rules", "words"), f.line("rules", "preps.in"), f.line("rules", "preps.at"),
            f.line("rules.more", "z"), f.line("rules", "z"), f.line("nowhere")) == (2, 3, 5, 4, 8, 2, 1)


def test_errors_name_the_file_and_the_line():
    f = TomlFile.parse(TEXT, "r.toml")
    with pytest.raises(DataError, match=r"^r.toml:3: \[rules\] words: too few; fix the data file") as e:
        f.fail("rules", "too few", "words")
    assert e.value.code == "data_file"
    # the first unknown key's line
    with pytest.raises(DataError, match=r"^r.toml:4: \[rules\] preps: unknown key\(s\) preps, words \(known: more\)"):
        f.check_keys("rules", f.data["rules"], {"more"})
    with pytest.raises(DataError, match=r"^r.toml:2: "):     # a syntax error, at tomllib's line
        TomlFile.parse("[rules]\nz = = 1\nwords = []\n", "r.toml")
    with pytest.raises(DataError, match=r"^r.toml:3: "):     # or at the end
        TomlFile.parse("[rules]\nz = 1\nwords = [\n", "r.toml")
