"""Attribution (prov:wasAttributedTo) and modality (reported, alleged, expected, claimed, negated)."""
from __future__ import annotations

from tests.nlp.test_events import events


def test_agency_reported_attributes_the_reported_clause(extract_text):
    d = extract_text("Pakistani troops killed four militants near Peshawar, news agency Reuters reported.")
    kill = events(d, "Kill")[0]
    assert kill["sources"] == {"Reuters"}
    report = events(d, "Report")[0]
    assert report["agents"] == {"Reuters"}


def test_according_to_a_report_in(extract_text):
    d = extract_text("About 200 Indonesian workers were recruited by the company, "
                     "according to a report in The Jakarta Post.")
    rec = events(d, "Recruit")[0]
    assert rec["sources"] == {"The Jakarta Post"}
    assert rec["modality"] == "reported"


def test_modality_adverbs_and_governors(extract_text):
    d = extract_text("Police allegedly beat two protesters. Israel reportedly struck a depot. "
                     "Chile is expected to announce new tariffs. The ministry did not confirm the figures.")
    assert events(d, "Injure")[0]["modality"] == "alleged"
    assert events(d, "Attack")[0]["modality"] == "reported"
    assert events(d, "Announce")[0]["modality"] == "expected"
    assert events(d, "Statement")[0]["modality"] == "negated"


def test_plain_statement_is_asserted_and_unattributed(extract_text):
    d = extract_text("Brazilian police arrested a former minister in Brasilia.")
    ev = events(d, "Arrest")[0]
    assert ev["modality"] == "asserted" and ev["sources"] == set()
