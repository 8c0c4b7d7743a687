"""Relations between entities: the one table of what may link what, its RDF term and its label in views.

A relation the NLP proposes is kept only if its subject and object have the coarse classes the
predicate allows (`Predicate.allows`); the exports draw every predicate of this table as an edge.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.model.keys import NamedEnum
from kg.model.kinds import Coarse
from kg.model.vocab import SCHEMA


class Pred(NamedEnum):
    """A relation's predicate; the value is its schema.org local name (kept in the model and the index)."""

    NATIONALITY = "nationality"
    WORKS_FOR = "worksFor"
    LOCATION = "location"
    CONTAINED_IN_PLACE = "containedInPlace"
    HOME_LOCATION = "homeLocation"
    BIRTH_PLACE = "birthPlace"

    @property
    def info(self) -> Predicate:
        return PREDICATES[self]

    @property
    def term(self) -> URIRef:
        return PREDICATES[self].term


@dataclass(frozen=True)
class Predicate:
    domain: frozenset[Coarse]
    range: frozenset[Coarse]
    term: URIRef
    label: str                      # the edge label in GraphML, HTML and pictures
    carries: bool = False           # "born in Waxhaw, S.C.": holds of the container of its object too

    def allows(self, subject: Coarse | None, obj: Coarse | None) -> bool:
        return subject in self.domain and obj in self.range


_PEOPLE = frozenset({Coarse.PERSON, Coarse.GROUP})
_PLACE = frozenset({Coarse.PLACE})

PREDICATES: dict[Pred, Predicate] = {
    Pred.NATIONALITY: Predicate(_PEOPLE, _PLACE, SCHEMA.nationality, "nationality"),
    Pred.WORKS_FOR: Predicate(frozenset({Coarse.PERSON}), frozenset({Coarse.ORGANIZATION}), SCHEMA.worksFor,
                              "works for"),
    Pred.LOCATION: Predicate(frozenset({Coarse.ORGANIZATION}), _PLACE, SCHEMA.location, "located in", carries=True),
    Pred.CONTAINED_IN_PLACE: Predicate(_PLACE, _PLACE, SCHEMA.containedInPlace, "contained in", carries=True),
    Pred.HOME_LOCATION: Predicate(_PEOPLE, _PLACE, SCHEMA.homeLocation, "home location", carries=True),
    Pred.BIRTH_PLACE: Predicate(frozenset({Coarse.PERSON}), _PLACE, SCHEMA.birthPlace, "birth place", carries=True),
}


def predicate(name: str) -> Pred:
    """The predicate of a name; ValueError naming the known ones otherwise (for data files)."""
    try:
        return Pred(name)
    except ValueError:
        raise ValueError(f"unknown predicate '{name}' (known: {', '.join(p.value for p in Pred)})") from None
