"""What the custom components leave on a spaCy Doc (in doc.user_data), in one place.

Components communicate through these accessors only; `kg.nlp.pipeline.to_document` turns them into
the plain document model at the end of the pipeline.
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from kg.lexicon import gazetteer as gz
from kg.lexicon import words as wordlists
from kg.model import Entity, Event, Mention, Relation, keys
from kg.model.kinds import Kind


def text(doc: Doc) -> str:
    """The document's text, computed once (spaCy's Doc.text rebuilds the string on every call)."""
    t = doc.user_data.get("kg_text")
    if t is None:
        t = doc.user_data["kg_text"] = doc.text
    return t


def sentence_numbers(doc: Doc) -> dict[int, int]:
    """token index of each sentence start -> sentence number, computed once per document."""
    idx = doc.user_data.get("kg_sent_index")
    if idx is None:
        idx = doc.user_data["kg_sent_index"] = {s.start: i for i, s in enumerate(doc.sents)}
    return idx


def sentence_of(doc: Doc, i: int) -> int:
    """The number of the sentence token i is in (`tok.sent` builds a Span; this is a bisection)."""
    starts = doc.user_data.get("kg_sent_starts")
    if starts is None:
        starts = doc.user_data["kg_sent_starts"] = sorted(sentence_numbers(doc))
    k = bisect_right(starts, i) - 1
    return sentence_numbers(doc)[starts[k]] if k >= 0 else -1


def skip_spans(doc: Doc) -> list[tuple[int, int]]:
    return [(b, e) for b, e, *_ in doc.user_data.get("kg_skip", [])]


def in_skip(doc: Doc, start: int, end: int) -> bool:
    """Does [start, end) overlap a passage not to extract from (another language, metadata)?"""
    if not doc.user_data.get("kg_skip"):
        return False
    return any(b < end and start < e for b, e in skip_spans(doc))


def doc_id(doc: Doc) -> str:
    return doc.user_data.get("kg_doc_id", "doc")


def entities(doc: Doc) -> dict[str, Entity]:
    return doc.user_data.setdefault("kg_entities", {})


def token_keys(doc: Doc) -> dict[int, str]:
    """token index -> entity key, for every token of an entity mention (and resolved pronouns)."""
    return doc.user_data.setdefault("kg_tok2key", {})


def nominal_keys(doc: Doc) -> dict[int, str]:
    """head token index -> key of the unnamed participant it heads (kg.nlp.components.events.nominals); kept
    apart from token_keys, which the pronouns and relations read."""
    return doc.user_data.setdefault("kg_nominals", {})


def nominal_heads(doc: Doc) -> dict[tuple, str]:
    """(kind, head lemma) -> the first unnamed participant so headed, for a definite phrase referring back."""
    return doc.user_data.setdefault("kg_nominal_heads", {})


def ensure_country(doc: Doc, iso: str) -> str:
    """The key of a country's entity, creating the entity (with its ISO code and GeoNames link) if
    the document has not named it yet (it is then known only through a demonym or a capital)."""
    key = keys.country(iso)
    ents = entities(doc)
    if key not in ents:
        c = gz.countries()[iso]
        ents[key] = Entity(key, Kind.COUNTRY, c.name, iso_code=iso, same_as=gz.geonames_iri(c.geonames))
    return key


def sentence_evidence(tok: Token) -> Mention:
    """The evidence of a relation: the whole sentence of `tok` (to_document numbers it)."""
    s = tok.sent
    return Mention(s.start_char, s.end_char, s.text, -1)


def relations(doc: Doc) -> list[Relation]:
    return doc.user_data.setdefault("kg_relations", [])


def events(doc: Doc) -> list[Event]:
    return doc.user_data.setdefault("kg_events", [])


def published(doc: Doc):
    return doc.user_data.get("kg_published")


def reference_date(doc: Doc, offset: int):
    """The date relative times at `offset` count from: the publication date, or the date of an
    embedded post when the text is that post or the paragraph that quotes it ("… tomorrow's talks,"
    X wrote on Twitter) right before it (kg/lexicon/data/posting_cues.txt)."""
    for start, end, day in doc.user_data.get("kg_quotes", []):
        if start <= offset < end:
            return day
        full = text(doc)
        para_start = full.rfind("\n", 0, start - 1) + 1
        para = full[para_start:start].lower()
        if para_start <= offset < start and any(p in para for p in wordlists.posting_cues()):
            return day
    return published(doc)
