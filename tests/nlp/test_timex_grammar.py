"""The temporal tagger as a component and as data: TimeML's extent conventions, the kg_timex component on
a Doc, and the rule files validated when loaded (an unknown name is an error naming file and line)."""
from __future__ import annotations

import shutil
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from kg.lexicon.files import DataFileError
from kg.nlp.model import load_model
from kg.nlp.timex import Timex, tag
from kg.nlp.timex.grammar import load

REF = date(2024, 4, 24)


def extents(sentence: str) -> list[str]:
    return [t.text for t in tag(sentence, REF)]


@pytest.mark.parametrize("sentence,extent", [
    ("The council met on Friday.", "Friday"),                            # no preposition
    ("The shop opened in March.", "March"),
    ("Profit rose in the third quarter.", "the third quarter"),          # the time's own determiner
    ("Songs of the 1960s were played.", "the 1960s"),
    ("The 1990 budget was cut.", "1990"),                                # "the" belongs to "budget"
    ("The Oct. 23 meeting was put off.", "Oct. 23"),
    ("The law passed in early 2020.", "early 2020"),                     # modifiers are in the extent
    ("It lasted about three months.", "about three months"),
    ("The vote comes at the end of 2025.", "the end of 2025"),
    ("Talks lasted two hours or so.", "two hours or so"),
])
def test_extents_follow_timeml(sentence, extent):
    assert extent in extents(sentence)


def test_offsets_are_character_offsets_into_the_text_end_exclusive():
    text = "After a pause, the talks resumed on Monday, March 4, 2024."
    (t,) = tag(text, REF)
    assert isinstance(t, Timex) and text[t.start:t.end] == t.text == "Monday, March 4, 2024"
    assert (t.type, t.value, t.tid) == ("DATE", "2024-03-04", "t1")


def test_the_component_leaves_timexes_on_the_doc():
    nlp = load_model()
    nlp.add_pipe("kg_timex", name="kg_timex_under_test", last=True)
    try:
        doc = nlp.make_doc("The council met on Friday and will meet again next Tuesday.")
        doc.user_data["kg_published"] = REF
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        assert [(t.text, t.value) for t in doc.user_data["kg_timexes"]] == [
            ("Friday", "2024-04-19"), ("next Tuesday", "2024-04-30")]
        assert [t.value for t in tag(doc)] == ["2024-04-19", "2024-04-30"]   # the reference date from the Doc
    finally:
        nlp.remove_pipe("kg_timex_under_test")


def test_patterns_alone_without_a_parse():
    # no parse, no tense: the nearer Friday, unless the caller says which tense to assume
    assert [t.value for t in tag("The vote was on Friday.", REF, parse=False)] == ["2024-04-26"]
    assert [t.value for t in tag("The vote was on Friday.", REF, parse=False, default_tense="PAST")] == ["2024-04-19"]


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    """A copy of kg's rule files to break."""
    src = resources.files("kg").joinpath("nlp", "data", "timex")
    for name in ("words.tsv", "parts.tsv", "rules.tsv"):
        shutil.copyfile(str(src.joinpath(name)), tmp_path / name)
    return tmp_path


def _append(folder: Path, name: str, line: str) -> int:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return len(text.splitlines()) + 1


@pytest.mark.parametrize("name,line,reason", [
    ("rules.tsv", "DATE\tno_such_function\t-\t{month}", "unknown value function 'no_such_function'"),
    ("rules.tsv", "DATE\tdate\t-\t{no_such_part} {year}", "unknown pattern part {no_such_part}"),
    ("rules.tsv", "DATE\tdate\tno_such_check\t{month}", "unknown check 'no_such_check'"),
    ("rules.tsv", "EPOCH\tdate\t-\t{month}", "unknown type 'EPOCH'"),
    ("rules.tsv", "DATE\tdate\t-\t{month} ((", "not a regular expression"),
    ("rules.tsv", "DATE\tdate\t{month}", "3 tab-separated field(s) where 4 are expected"),
    ("parts.tsv", "fortnightly\tno_such_converter\t\\d+", "unknown converter 'no_such_converter'"),
    ("parts.tsv", "loop\ttext\t{loop}", "pattern part {loop} refers to itself"),
    ("words.tsv", "month\tSmarch\t13", "the value of a 'month' word must be a month number 1-12"),
    ("words.tsv", "holiday\tFounders Day\t02-30/Mon", "the value of a 'holiday' word must be"),
])
def test_an_unknown_name_in_the_data_is_an_error_naming_file_and_line(rules_copy, name, line, reason):
    n = _append(rules_copy, name, line)
    with pytest.raises(DataFileError) as e:
        load(str(rules_copy))
    assert f"{rules_copy}/{name}:{n}:" in str(e.value) and reason in str(e.value)


def test_a_rule_folder_of_ones_own(rules_copy):
    _append(rules_copy, "words.tsv", "holiday\tFounders Day\t03-14")
    found = tag("The parade was held on Founders Day.", REF, data=str(rules_copy))
    assert [(t.text, t.value) for t in found] == [("Founders Day", "2024-03-14")]
    assert tag("The parade was held on Founders Day.", REF) == []
