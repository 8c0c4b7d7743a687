"""Namespaces of the graph's vocabulary (a public interface: users write SPARQL against it).

schema.org is used in its http form everywhere (rdflib binds https by default).
"""
from __future__ import annotations

import os

from rdflib import Namespace
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD, NamespaceManager
from rdflib import Graph

SCHEMA = Namespace("http://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
WD = Namespace("http://www.wikidata.org/entity/")
GEONAMES = Namespace("https://sws.geonames.org/")

#: the project's own terms (classes, properties) — declared in kg/rdf/ontology.ttl
KG = Namespace("https://kg.example.org/ns#")
#: the event taxonomy, a skos:ConceptScheme — declared in kg/rdf/ontology.ttl
KGE = Namespace("https://kg.example.org/event-type/")

DEFAULT_BASE = "https://kg.example.org/id/"

PREFIXES = {
    "schema": SCHEMA, "sem": SEM, "nif": NIF, "itsrdf": ITSRDF, "gaf": GAF, "prov": PROV,
    "time": TIME, "kg": KG, "kge": KGE, "skos": SKOS, "owl": OWL, "rdf": RDF, "rdfs": RDFS,
    "xsd": XSD, "wd": WD,
}


def base_iri() -> str:
    """Base IRI for minted resources: $KG_BASE or the default."""
    return os.environ.get("KG_BASE", DEFAULT_BASE)


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, so users' queries may use them without declaring."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def bind_prefixes(graph: Graph) -> Graph:
    nm = NamespaceManager(graph, bind_namespaces="none")
    for p, ns in PREFIXES.items():
        nm.bind(p, ns, override=True, replace=True)
    graph.namespace_manager = nm
    return graph
