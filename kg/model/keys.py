"""Entity keys: the canonical, document-independent identity of an entity, minted and read here only.

A key is `space:name`: `person:olaf_scholz`, `country:KE`, `org:FR/military` (an organisation of a
country), `org:world_health_organization`, `place:moscow_RU` (a gazetteer place with its country),
`group:DOC/OFFSET` (a group of people exists in one document only). The IRI of an entity is minted
from its key (kg.rdf.mapping), so the same key in two documents is one node.
"""
from __future__ import annotations

import re
import unicodedata
from enum import Enum
from functools import lru_cache


class NamedEnum(str, Enum):
    """A str enum that prints and formats as its value (as 3.11's StrEnum does), so keys and IRIs built
    with f-strings read "Person", not "Kind.PERSON"."""

    __str__ = str.__str__
    __format__ = str.__format__


class Space(NamedEnum):
    """The prefix of an entity key ("person:olaf_scholz"): where its identity is decided (kg.model.keys)."""

    PERSON = "person"
    GROUP = "group"
    ORG = "org"
    COUNTRY = "country"
    PLACE = "place"
    THING = "thing"

_SEP = ":"


@lru_cache(maxsize=200_000)
def norm(s: str) -> str:
    """Lower case, straight apostrophes, single spaces, no diacritics ('Zürich' -> 'zurich')."""
    s = s.replace("’", "'").replace("\u00a0", " ")
    if not s.isascii():
        s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    return " ".join(s.split()).lower()


def slug(s: str) -> str:
    """The name part of a key: 'Olaf Scholz' -> 'olaf_scholz' (never empty)."""
    return re.sub(r"[^a-z0-9]+", "_", norm(s)).strip("_") or "x"


def make(space: Space, name: str) -> str:
    return f"{space.value}{_SEP}{name}"


def split(key: str) -> tuple[str, str]:
    """(space name, local name) of a key; the space is '' for a string that is not a key."""
    space, sep, name = key.partition(_SEP)
    return (space, name) if sep else ("", key)


def space_of(key: str | None) -> Space | None:
    if not key:
        return None
    try:
        return Space(split(key)[0])
    except ValueError:
        return None


def name_of(key: str) -> str:
    return split(key)[1]


def in_space(key: str | None, *spaces: Space) -> bool:
    """Is `key` in one of `spaces`? (`in_space(k, Space.PERSON, Space.ORG)`)"""
    return space_of(key) in spaces


# --- the keys of each space ------------------------------------------------------------------------
def person(name: str) -> str:
    return make(Space.PERSON, slug(name))


def country(iso: str) -> str:
    return make(Space.COUNTRY, iso)


def iso_of(key: str) -> str | None:
    """The ISO code of a country key, or of the country an organisation key names (`org:FR/military`)."""
    space, name = split(key)
    if space == Space.COUNTRY.value:
        return name
    if space == Space.ORG.value and "/" in name:
        return name.split("/", 1)[0]
    return None


def organization(name: str, iso: str | None = None) -> str:
    """`org:world_health_organization`, or `org:FR/military` for the nominal organisation of a country."""
    return make(Space.ORG, f"{iso}/{slug(name)}" if iso else slug(name))


def place(name: str, country_code: str | None = None) -> str:
    return make(Space.PLACE, slug(name) + (f"_{country_code}" if country_code else ""))


def group(doc_id: str, offset: int) -> str:
    return make(Space.GROUP, f"{doc_id}/{offset}")


def thing(doc_id: str, offset: int) -> str:
    """An unnamed artefact an event needs ("a car bomb", "the truck"): it exists in one document only."""
    return make(Space.THING, f"{doc_id}/{offset}")
