"""Two parts of one institution's name that the model split are joined back, before names are typed:

- at "and", when the second part ends with an institution noun and the first does not end a name of
  its own: "the Hillcrest Primary" + "and" + "Secondary School" -> "Hillcrest Primary and Secondary
  School"; a name with "of" goes on over "and" and a capitalised word no other name has: "the
  Department of Soil Science and Hydrology" (not "the University of Ruritania and Acme", Acme being a
  name of its own);
- at a bracketed abbreviation followed by the rest of the name: "Dale County (OR) Court of Appeals";
- after a place the model found, the rest of the name it did not: "Dale County Second District Court".
The institution nouns are data (entity_cues.tsv: institution_head).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

NAMES = ("ORG", "FAC", "GPE", "LOC")
CONNECTORS = ("of", "and", "the", "for", "on", "de")
MAX_PART = 6


def join_parts(doc: Doc, heads: frozenset[str]) -> None:
    ents = list(doc.ents)
    at = {e.start: e for e in ents}
    joined = []
    for e in ents:
        if e.label_ not in NAMES:
            continue
        span = (_and_join(doc, e, at, heads) or _bracket_join(doc, e, heads)
                or _place_then_institution(doc, e, at, heads))
        if span is not None:
            joined.append(span)
    if joined:
        doc.ents = filter_spans(joined + ents)


def _run(doc: Doc, start: int) -> int:
    """The end of the capitalised words (with inner connectors) from `start`, in one sentence."""
    end = start
    i = start
    while i < len(doc) and i - start < MAX_PART and not (i > start and doc[i].is_sent_start):
        t = doc[i]
        if t.is_title and t.is_alpha:
            i += 1
            end = i
        elif t.lower_ in CONNECTORS and i > start:
            i += 1
        else:
            break
    return end


def _and_join(doc: Doc, e: Span, at: dict[int, Span], heads: frozenset[str]) -> Span | None:
    words = [t for t in e if t.lower_ != "the"]
    if e.label_ != "ORG" or e.end + 1 >= len(doc) or doc[e.end].lower_ != "and" or not words \
            or words[-1].lower_ in heads:
        return None
    nxt = at.get(e.end + 1)
    if nxt is not None:
        # "the Hillcrest Primary and Secondary School": a first part that cannot stand alone
        if len(words) >= 2 and nxt.label_ == "ORG" and len(nxt) <= 3 and nxt[-1].lower_ in heads:
            return Span(doc, e.start, nxt.end, label="ORG")
        return None
    # "the Department of Soil Science and Hydrology": the of-part goes on over "and"
    of = [t.i for t in e if t.lower_ == "of"]
    if not of or not any(t.lower_ in heads for t in doc[e.start:of[0]]):
        return None
    end = _run(doc, e.end + 1)
    if end == e.end + 1 or end - e.end - 1 > 2 or any(doc[i].lower_ in CONNECTORS for i in range(e.end + 1, end)):
        return None
    return Span(doc, e.start, end, label="ORG")


def _bracket_join(doc: Doc, e: Span, heads: frozenset[str]) -> Span | None:
    """"Dale County (OR) Court of Appeals": a name, a bracketed abbreviation, an institution's name."""
    i = e.end
    if i + 3 >= len(doc) or doc[i].text != "(" or doc[i + 2].text != ")":
        return None
    abbr = doc[i + 1].text.replace(".", "")
    if not (abbr.isalpha() and abbr.isupper() and len(abbr) <= 4):
        return None
    end = _run(doc, i + 3)
    if end == i + 3 or not any(t.lower_ in heads for t in doc[i + 3:end]):
        return None
    return Span(doc, e.start, end, label="ORG")


def _place_then_institution(doc: Doc, e: Span, at: dict[int, Span], heads: frozenset[str]) -> Span | None:
    """"filed in Dale County Second District Court": a place the model found, then the rest of an
    institution's name that it did not."""
    if e.label_ not in ("GPE", "LOC") or e.end >= len(doc) or not doc[e.end].is_title or doc[e.end].is_sent_start:
        return None
    nxt = at.get(e.end)
    end = nxt.end if nxt is not None and nxt.label_ == "ORG" else _run(doc, e.end)
    if end == e.end or doc[end - 1].lower_ not in heads or (nxt is not None and nxt.label_ != "ORG"):
        return None
    return Span(doc, e.start, end, label="ORG")
