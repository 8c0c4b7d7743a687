"""The graph's vocabularies as closed namespaces: a term that is not declared here is an error, not a new IRI.

Users write SPARQL against these terms, so they are a public interface. schema.org is used in its
http form everywhere (rdflib's SDO is the https one). `KG` lists the project's own terms, which
`data/ontology.ttl` declares (a test checks that the two agree); `KGE` holds the event types of the
taxonomy (`kg.model.taxonomy`), closed over the codes of `data/event_types.toml`.
"""
from __future__ import annotations

import os

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace, NamespaceManager


class SCHEMA(DefinedNamespace):
    """The schema.org terms kg writes or reads."""

    _NS = Namespace("http://schema.org/")
    _fail = True
    # classes
    Thing: URIRef
    Person: URIRef
    Organization: URIRef
    GovernmentOrganization: URIRef
    NewsMediaOrganization: URIRef
    Place: URIRef
    Country: URIRef
    City: URIRef
    AdministrativeArea: URIRef
    LandmarksOrHistoricalBuildings: URIRef
    CivicStructure: URIRef
    NewsArticle: URIRef
    Quotation: URIRef
    # properties
    identifier: URIRef
    headline: URIRef
    datePublished: URIRef
    dateCreated: URIRef
    url: URIRef
    publisher: URIRef
    author: URIRef
    locationCreated: URIRef
    text: URIRef
    alternateName: URIRef
    inLanguage: URIRef
    jobTitle: URIRef
    addressCountry: URIRef
    nationality: URIRef
    worksFor: URIRef
    memberOf: URIRef
    affiliation: URIRef
    location: URIRef
    containedInPlace: URIRef
    homeLocation: URIRef
    birthPlace: URIRef
    parentOrganization: URIRef


class SEM(DefinedNamespace):
    """Simple Event Model."""

    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    _fail = True
    Event: URIRef
    Actor: URIRef
    eventType: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTime: URIRef
    hasTimeStamp: URIRef


class NIF(DefinedNamespace):
    """NLP Interchange Format core: text anchors."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True
    Context: URIRef
    Sentence: URIRef
    Phrase: URIRef
    isString: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    referenceContext: URIRef
    sentence: URIRef
    sourceUrl: URIRef


class ITSRDF(DefinedNamespace):
    """Internationalization Tag Set: a mention's entity."""

    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")
    _fail = True
    taIdentRef: URIRef


class GAF(DefinedNamespace):
    """Grounded Annotation Framework: an instance and the mentions that denote it."""

    _NS = Namespace("http://groundedannotationframework.org/gaf#")
    _fail = True
    denotedBy: URIRef


class KG(DefinedNamespace):
    """The project's own terms, declared in kg/model/data/ontology.ttl."""

    _NS = Namespace("https://kg.example.org/ns#")
    _fail = True
    # classes
    PersonGroup: URIRef
    Artifact: URIRef
    Site: URIRef
    Modality: URIRef
    Statement: URIRef
    EventCluster: URIRef
    EventTypes: URIRef
    TimeExpression: URIRef
    # modalities
    Asserted: URIRef
    Reported: URIRef
    Expected: URIRef
    Alleged: URIRef
    Claimed: URIRef
    Negated: URIRef
    Hypothetical: URIRef
    # properties
    agent: URIRef
    patient: URIRef
    modality: URIRef
    count: URIRef
    maxCount: URIRef
    countQualifier: URIRef
    evidence: URIRef
    trigger: URIRef
    quadClass: URIRef
    language: URIRef
    timeMention: URIRef
    timexType: URIRef
    timexValue: URIRef
    timexMod: URIRef
    anchorTime: URIRef
    reportedEvent: URIRef
    mentionCount: URIRef
    articleCount: URIRef
    sourceCount: URIRef


#: open namespaces: their local names are identifiers of things, not terms
WD = Namespace("http://www.wikidata.org/entity/")
GEONAMES = Namespace("https://sws.geonames.org/")


def _event_types():
    from rdflib.namespace import ClosedNamespace

    from kg.model.taxonomy import EVENT_TYPES
    return ClosedNamespace(URIRef("https://kg.example.org/event-type/"), [t.code for t in EVENT_TYPES])


#: the event taxonomy's concepts, one per type code
KGE = _event_types()


def _aligned(vocabulary: str, iri: str):
    from rdflib.namespace import ClosedNamespace

    from kg.model.taxonomy import alignment_classes
    return ClosedNamespace(URIRef(iri), sorted(alignment_classes()[vocabulary]))


#: the classes event types are aligned to (data/alignments.toml). Neither ontology publishes RDF IRIs for its
#: classes, so kg names them in namespaces of its own, the last path segment being the class name as the
#: ontology spells it: kairos:Conflict.Attack.DetonateExplode, ace:Justice:Arrest-Jail
KAIROS = _aligned("kairos", "https://kg.example.org/align/kairos/")
ACE = _aligned("ace", "https://kg.example.org/align/ace2005/")

DEFAULT_BASE = "https://kg.example.org/id/"

PREFIXES = {
    "schema": SCHEMA._NS, "sem": SEM._NS, "nif": NIF._NS, "itsrdf": ITSRDF._NS, "gaf": GAF._NS, "prov": PROV._NS,
    "time": TIME._NS, "kg": KG._NS, "kge": Namespace(str(KGE)), "skos": SKOS._NS, "owl": OWL._NS, "rdf": RDF._NS,
    "rdfs": RDFS._NS, "xsd": XSD._NS, "wd": WD,
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
