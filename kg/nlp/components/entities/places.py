"""Places, countries and named organisations from the NER's GPE/LOC/FAC and ORG mentions: a country
or gazetteer place gets its canonical name and GeoNames link; an organisation its kind (a news
outlet, a government body or an organisation) from the words in and around its name. A seat of
government that acts in the document ("the Kremlin said") is the government organisation at each of
its mentions there; in a document where it is only a site ("talks in the Kremlin") it is the place."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from kg.lexicon import gazetteer as gz
from kg.model import keys
from kg.model.kinds import Kind
from kg.nlp.components.entities.registry import Registry

if TYPE_CHECKING:
    from kg.nlp.components.entities.component import Lexicons

_THE = re.compile(r"^the\s+", flags=re.I)


def add_places_and_organisations(doc: Doc, reg: Registry, lex: Lexicons) -> None:
    acting = {_seat(span) for span in doc.ents if span.label_ in ("GPE", "LOC", "FAC", "ORG") and _acts(span)}
    for span in doc.ents:
        if _seat(span) in acting - {None}:
            # "the Kremlin said": the government seated there (every mention of the story: one node)
            surface = _THE.sub("", span.text)
            reg.add(keys.organization(surface), Kind.GOVERNMENT_ORGANIZATION, surface, span)
        elif span.label_ in ("GPE", "LOC", "FAC"):
            _add_place(span, reg)
        elif span.label_ == "ORG":
            iso = gz.country_of(span.text)
            if iso:
                add_country(span, iso, reg)
                continue
            kind = org_kind(doc, span, lex)
            bare = span.text[len(span[0].text):].strip() if span[0].lower_ == "the" and len(span) > 1 else span.text
            # "The Guardian", "The Jakarta Post" keep their article; "the European Union" does not
            name = span.text if kind is Kind.NEWS_MEDIA_ORGANIZATION and span[0].text == "The" else bare
            reg.add(keys.organization(bare), kind, name, span)


def add_country(span: Span, iso: str, reg: Registry) -> None:
    c = gz.countries()[iso]
    reg.add(keys.country(iso), Kind.COUNTRY, c.name, span, iso_code=iso, same_as=gz.geonames_iri(c.geonames))


def _add_place(span: Span, reg: Registry) -> None:
    text = span.text
    iso = gz.country_of(text) if span.label_ != "FAC" else None
    if iso and not _state_here(span, iso):
        add_country(span, iso, reg)
        return
    surface = _THE.sub("", text)
    p = gz.places().get(gz.norm(surface))
    if p is not None:
        key = keys.place(p.name, p.country if p.kind is not Kind.LANDMARK else None)
        label = surface if gz.norm(surface) == gz.norm(p.name) and not surface.isupper() else p.name
        # the gazetteer knows which country a city is in, but a relation is asserted only where the
        # text states it (kg_relations reads "Lyon, France"); the place links to GeoNames instead
        reg.add(key, p.kind, label, span, same_as=gz.geonames_iri(p.geonames))
        return
    kind = Kind.LANDMARK if span.label_ == "FAC" else Kind.PLACE
    reg.add(keys.place(surface), kind, surface, span)


def _state_here(span: Span, iso: str) -> bool:
    """A country's name that is also a state of another country ("Georgia") is the state where the
    document's other places are in that other country ("Atlanta, Georgia"; "Savannah ... Georgia"),
    the country otherwise ("Georgia and Armenia ... Tbilisi")."""
    p = gz.places().get(gz.norm(_THE.sub("", span.text)))
    if p is None or p.kind is not Kind.ADMINISTRATIVE_AREA or p.country in (None, iso):
        return False
    votes = {iso: 0, p.country: 0}
    for e in span.doc.ents:
        if e.label_ not in ("GPE", "LOC") or gz.norm(e.text) == gz.norm(span.text):
            continue
        other = gz.places().get(gz.norm(_THE.sub("", e.text)))
        c = gz.country_of(e.text) or (other.country if other is not None else None)
        if c in votes:
            # "Atlanta, Georgia": the town right before the name weighs most
            votes[c] += 3 if e.end + 1 == span.start and span.doc[e.end].text == "," else 1
    return votes[p.country] > votes[iso]


def _seat(span: Span) -> str | None:
    """The normalised name of a seat of government ("the Kremlin", "White House"), else None."""
    p = gz.places().get(gz.norm(_THE.sub("", span.text)))
    return p.name if p is not None and p.seat_of and p.kind is Kind.LANDMARK else None


def _acts(span: Span) -> bool:
    """The name is the subject of a verb, a possessor or the agent of a passive: an actor, not a site."""
    root = span.root
    return root.dep_ in ("nsubj", "poss") or root.dep_ == "pobj" and root.head.lower_ == "by" \
        and root.head.dep_ == "agent"


def org_kind(doc: Doc, span: Span, lex: Lexicons) -> Kind:
    """A news outlet by a cue before, in or after its name (or a mid-sentence "The"), a government
    organisation by a word of its name, else an organisation."""
    words = {t.lower_ for t in span}
    before = {t.lower_ for t in doc[max(0, span.start - 3):span.start]}
    after = {t.lower_ for t in doc[span.end:span.end + 2]}
    if before & lex.media_before or words & lex.media_name or (span[0].text == "The" and not span[0].is_sent_start) \
            or after & lex.media_after:
        return Kind.NEWS_MEDIA_ORGANIZATION
    if words & lex.government_name:
        return Kind.GOVERNMENT_ORGANIZATION
    return Kind.ORGANIZATION
