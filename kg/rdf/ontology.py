"""The vocabulary graph: the shipped ontology plus the event taxonomy as SKOS concepts, each with its
alignment to the KAIROS and ACE 2005 event classes (skos:exactMatch for the first class of a vocabulary the
type lists in `exact`, skos:closeMatch for the others)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.model.taxonomy import EVENT_TYPES
from kg.model.vocab import ACE, KAIROS, KG, KGE, bind_prefixes

#: the namespace of each vocabulary a type can be aligned to
_ALIGNED = {"kairos": KAIROS, "ace": ACE}


@lru_cache(maxsize=1)
def vocabulary_graph() -> Graph:
    g = bind_prefixes(Graph())
    ontology = resources.files("kg.model").joinpath("data", "ontology.ttl").read_text(encoding="utf-8")
    g.parse(data=ontology, format="turtle")
    for t in EVENT_TYPES:
        c = KGE[t.code]
        g.add((c, RDF.type, SKOS.Concept))
        g.add((c, SKOS.inScheme, KG.EventTypes))
        g.add((c, SKOS.prefLabel, Literal(t.label, lang="en")))
        g.add((c, RDFS.label, Literal(t.label)))
        g.add((c, SKOS.definition, Literal(t.definition, lang="en")))
        if t.cameo:
            g.add((c, SKOS.notation, Literal(t.cameo)))
        if t.quad_class:
            g.add((c, KG.quadClass, Literal(t.quad_class, datatype=XSD.integer)))
        for vocabulary, name, exact in t.alignment():
            g.add((c, SKOS.exactMatch if exact else SKOS.closeMatch, _ALIGNED[vocabulary][name]))
    return g
