"""The temporal tagger: every time expression of a text as a TIMEX3 (TimeML) with its normalised value.

`tag(text_or_doc, reference_date)` is the pure entry point; the spaCy component `kg_timex` leaves the
same list on `doc.user_data["kg_timexes"]`. Rules are data (kg/nlp/data/timex/), see docs/time.md.
"""
from __future__ import annotations

from kg.nlp.timex.component import TimexTagger, tag
from kg.nlp.timex.model import Timex

__all__ = ["Timex", "TimexTagger", "tag"]
