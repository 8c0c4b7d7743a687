"""kg/lexicon/data/trigger_words.tsv: read and validated (a malformed row names its line)."""
import pytest

from kg.lexicon.files import DataFileError
from kg.lexicon.trigger_words import forms


def test_the_package_file_loads():
    assert forms("election") & forms("elect") and forms("explosion") & forms("blast")


@pytest.mark.parametrize("row,why", [("same\tarrest", "two words or more"), ("suffix\tment ion", "one ending"),
                                     ("same\tArrest detain", "lower-case"), ("alike\tarrest detain", "'alike'")])
def test_a_malformed_row_names_its_line(tmp_path, row, why):
    p = tmp_path / "words.tsv"
    p.write_text("# comment\nsuffix\tment\n" + row + "\n")
    with pytest.raises(DataFileError, match=why) as e:
        forms("arrest", str(p))
    assert f"{p}:3:" in str(e.value)
