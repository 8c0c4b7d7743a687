"""Entity kinds: the one list of what an entity can be, with its schema.org classes and key space.

Every module that asks "is this a person / an organisation / a place?" asks a Kind, never a string
list of its own. The coarse class is what relation signatures and event roles check; the RDF classes
are what the graph says (most specific first); the key space is the prefix of the entity's key.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.model.keys import NamedEnum, Space
from kg.model.vocab import KG, SCHEMA


class Coarse(NamedEnum):
    """What relations and roles check: a person, a group of people, an organisation or a place."""

    PERSON = "PER"
    GROUP = "GROUP"
    ORGANIZATION = "ORG"
    PLACE = "LOC"
    ARTIFACT = "ART"


class Kind(NamedEnum):
    """What an entity is. The value is the name kept in the document model and the index."""

    PERSON = "Person"
    GROUP = "Group"
    ORGANIZATION = "Organization"
    GOVERNMENT_ORGANIZATION = "GovernmentOrganization"
    NEWS_MEDIA_ORGANIZATION = "NewsMediaOrganization"
    COUNTRY = "Country"
    CITY = "City"
    ADMINISTRATIVE_AREA = "AdministrativeArea"
    PLACE = "Place"
    LANDMARK = "Landmark"
    FACILITY = "Facility"
    SITE = "Site"
    ARTIFACT = "Artifact"

    @property
    def info(self) -> KindInfo:
        return KINDS[self]

    @property
    def coarse(self) -> Coarse:
        return KINDS[self].coarse

    @property
    def rdf_types(self) -> tuple[URIRef, ...]:
        return KINDS[self].rdf_types

    @property
    def is_person(self) -> bool:
        return self is Kind.PERSON

    @property
    def is_organization(self) -> bool:
        return KINDS[self].coarse is Coarse.ORGANIZATION

    @property
    def is_place(self) -> bool:
        return KINDS[self].coarse is Coarse.PLACE


@dataclass(frozen=True)
class KindInfo:
    coarse: Coarse
    rdf_types: tuple[URIRef, ...]    # most specific first; the first is the type the views show
    space: Space


KINDS: dict[Kind, KindInfo] = {
    Kind.PERSON: KindInfo(Coarse.PERSON, (SCHEMA.Person,), Space.PERSON),
    Kind.GROUP: KindInfo(Coarse.GROUP, (KG.PersonGroup,), Space.GROUP),
    Kind.GOVERNMENT_ORGANIZATION: KindInfo(Coarse.ORGANIZATION, (SCHEMA.GovernmentOrganization, SCHEMA.Organization),
                                           Space.ORG),
    Kind.NEWS_MEDIA_ORGANIZATION: KindInfo(Coarse.ORGANIZATION, (SCHEMA.NewsMediaOrganization, SCHEMA.Organization),
                                           Space.ORG),
    Kind.ORGANIZATION: KindInfo(Coarse.ORGANIZATION, (SCHEMA.Organization,), Space.ORG),
    Kind.COUNTRY: KindInfo(Coarse.PLACE, (SCHEMA.Country, SCHEMA.Place), Space.COUNTRY),
    Kind.CITY: KindInfo(Coarse.PLACE, (SCHEMA.City, SCHEMA.Place), Space.PLACE),
    Kind.ADMINISTRATIVE_AREA: KindInfo(Coarse.PLACE, (SCHEMA.AdministrativeArea, SCHEMA.Place), Space.PLACE),
    Kind.LANDMARK: KindInfo(Coarse.PLACE, (SCHEMA.LandmarksOrHistoricalBuildings, SCHEMA.Place), Space.PLACE),
    Kind.FACILITY: KindInfo(Coarse.PLACE, (SCHEMA.CivicStructure, SCHEMA.Place), Space.PLACE),
    Kind.PLACE: KindInfo(Coarse.PLACE, (SCHEMA.Place,), Space.PLACE),
    # an unnamed place an event needs ("the campus", "a checkpoint"): one document's, like an artefact
    Kind.SITE: KindInfo(Coarse.PLACE, (KG.Site,), Space.THING),
    Kind.ARTIFACT: KindInfo(Coarse.ARTIFACT, (KG.Artifact,), Space.THING),
}

#: kinds by coarse class, for membership tests ("any organisation")
ORGANIZATION_KINDS = frozenset(k for k, i in KINDS.items() if i.coarse is Coarse.ORGANIZATION)
PLACE_KINDS = frozenset(k for k, i in KINDS.items() if i.coarse is Coarse.PLACE)

#: every RDF class an entity can have, in the views' order of preference (most specific first): the
#: general classes (Organization, Place) are each the first class of a kind of their own
ENTITY_CLASSES: tuple[URIRef, ...] = tuple(i.rdf_types[0] for i in KINDS.values())


def coarse_of(kind: str | None) -> Coarse | None:
    """The coarse class of a kind given as a Kind or its name; None for an unknown or missing kind."""
    if kind is None:
        return None
    try:
        return Kind(kind).coarse
    except ValueError:
        return None
