"""The consolidated layer: each entity described once, however many documents describe it.

A document's graph states what that document says about each entity it mentions (its type, label,
titles, relations): evidence, kept per document. The store's default graph — what queries see by
default — holds each entity's description once, merged from the documents that mention it, next to
the documents' own triples (articles, mentions, events, statements), so that a naive query returns
each fact once. This module is the pure part: which triples are facts about entities, and how the
facts of many documents merge.

Merging (`consolidate`), from how many documents state each (predicate, object):
* the kind: the one most documents give (each document counted once, under its most specific kind;
  a tie goes to the more specific kind), written with all its classes;
* the label: the one most documents give (then the longest, then the first in order); the other
  labels become skos:altLabel;
* everything else (alt labels, titles, codes, same-as links, relations to other entities, sem:Actor):
  every value any document gives, once.
"""
from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.namespace import RDF, RDFS, SKOS

from kg.model.kinds import KINDS, Kind
from kg.model.vocab import GAF, base_iri

_TYPE, _LABEL, _ALT = ox.NamedNode(RDF.type), ox.NamedNode(RDFS.label), ox.NamedNode(SKOS.altLabel)
#: what a merged description holds whatever its facts' predicates: the kind's classes, the label, alt labels
DESCRIBED = frozenset({_TYPE, _LABEL, _ALT})
_DENOTED = ox.NamedNode(GAF.denotedBy)
_KIND_OF_CLASS = {str(info.rdf_types[0]): kind for kind, info in KINDS.items()}


def entity_prefix() -> str:
    return f"{base_iri()}entity/"


def is_fact(t: ox.Triple, prefix: str | None = None) -> bool:
    """A statement about an entity that every document mentioning it may make (not its mentions)."""
    s = t.subject
    return isinstance(s, ox.NamedNode) and s.value.startswith(prefix or entity_prefix()) and t.predicate != _DENOTED


def split(triples: Iterable[ox.Triple]) -> tuple[list[ox.Triple], list[ox.Triple]]:
    """(the document's own triples, its facts about entities)."""
    prefix = entity_prefix()
    own, facts = [], []
    for t in triples:
        (facts if is_fact(t, prefix) else own).append(t)
    return own, facts


def _kind(type_counts: dict[str, int]) -> Kind | None:
    """The kind most documents give: a document typed GovernmentOrganization is also typed Organization,
    so a kind's own count is its first class's count less that of the more specific kinds under it."""
    best, best_n = None, 0
    for kind, info in KINDS.items():      # most specific first within each coarse class
        first = str(info.rdf_types[0])
        n = type_counts.get(first, 0)
        if not n:
            continue
        n -= sum(type_counts.get(str(other.rdf_types[0]), 0) for k2, other in KINDS.items()
                 if k2 is not kind and info.rdf_types[0] in other.rdf_types[1:])
        if n > best_n:
            best, best_n = kind, n
    return best


def consolidate(entity: ox.NamedNode, counts: Iterable[tuple[ox.NamedNode, ox.Term, int]]) -> list[ox.Triple]:
    """The entity's merged description from (predicate, object, number of documents stating it)."""
    counts = [(p, o, n) for p, o, n in counts if n > 0]
    types = {o.value: n for p, o, n in counts if p == _TYPE and isinstance(o, ox.NamedNode)}
    kind = _kind(types)
    kind_classes = {str(c) for c in kind.rdf_types} if kind is not None else set()
    labels = sorted(((n, len(o.value), o.value, o) for p, o, n in counts if p == _LABEL),
                    key=lambda x: (-x[0], -x[1], x[2]))
    out = [ox.Triple(entity, _TYPE, ox.NamedNode(c)) for c in (kind.rdf_types if kind is not None else ())]
    out += [ox.Triple(entity, _TYPE, ox.NamedNode(t)) for t in sorted(types)
            if t not in kind_classes and t not in _KIND_OF_CLASS and not _is_supertype(t)]
    if labels:
        out.append(ox.Triple(entity, _LABEL, labels[0][3]))
    alts = {o for p, o, _ in counts if p == _ALT} | {x[3] for x in labels[1:]}
    out += [ox.Triple(entity, _ALT, o) for o in sorted(alts, key=str) if not labels or o != labels[0][3]]
    seen = set()
    for p, o, _ in sorted(counts, key=lambda c: (str(c[0]), str(c[1]))):
        if p in (_TYPE, _LABEL, _ALT) or (p, o) in seen:
            continue
        seen.add((p, o))
        out.append(ox.Triple(entity, p, o))
    return out


def _is_supertype(cls: str) -> bool:
    """Organization, Place: classes that come with a kind, never written on their own beside another kind."""
    return any(cls == str(c) for info in KINDS.values() for c in info.rdf_types[1:])
