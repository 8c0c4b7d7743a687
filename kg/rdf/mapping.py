"""Map one ExtractedDocument to the RDF triples of its named graph.

IRIs are minted deterministically: entities from their canonical key (so the same entity in two
documents is one node), everything else from the document id and character offsets.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kg.model import Entity, Event, ExtractedDocument, Mention, Relation, TimeValue
from kg.rdf.vocab import GAF, ITSRDF, KG, KGE, NIF, PROV, SCHEMA, SEM, base_iri, bind_prefixes

PRECISION_TYPE = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
MODALITY = {"asserted": KG.Asserted, "reported": KG.Reported, "expected": KG.Expected,
            "alleged": KG.Alleged, "claimed": KG.Claimed, "negated": KG.Negated}
ORG_KINDS = {"Organization", "GovernmentOrganization", "NewsMediaOrganization", "Corporation",
             "EducationalOrganization", "PoliticalParty", "SportsOrganization", "MilitaryOrganization"}
PLACE_KINDS = {"Country": [SCHEMA.Country, SCHEMA.Place], "City": [SCHEMA.City, SCHEMA.Place],
               "AdministrativeArea": [SCHEMA.AdministrativeArea, SCHEMA.Place],
               "Place": [SCHEMA.Place], "Landmark": [SCHEMA.LandmarksOrHistoricalBuildings, SCHEMA.Place],
               "Continent": [SCHEMA.Continent, SCHEMA.Place]}


def _safe(s: str) -> str:
    return quote(s, safe="-_.~")


class Iris:
    """IRI minting for one document under a base IRI."""

    def __init__(self, doc_id: str, base: str | None = None):
        self.base = base or base_iri()
        self.doc_id = doc_id
        self.doc = URIRef(f"{self.base}doc/{_safe(doc_id)}")
        self.graph = graph_iri(doc_id, self.base)
        self._text = f"{self.base}text/{_safe(doc_id)}"

    def char(self, start: int, end: int) -> URIRef:
        return URIRef(f"{self._text}#char={start},{end}")

    def event(self, ev: Event) -> URIRef:
        return URIRef(f"{self.base}event/{_safe(self.doc_id)}/{ev.trigger.start}-{ev.type}")

    def statement(self, rel: Relation) -> URIRef:
        h = hashlib.sha1(f"{rel.subject}|{rel.predicate}|{rel.object}".encode()).hexdigest()[:12]
        return URIRef(f"{self.base}stmt/{_safe(self.doc_id)}/{h}")

    def entity(self, key: str) -> URIRef:
        return entity_iri(key, self.base)


def graph_iri(doc_id: str, base: str | None = None) -> URIRef:
    return URIRef(f"{base or base_iri()}graph/{_safe(doc_id)}")


def entity_iri(key: str, base: str | None = None) -> URIRef:
    kind, _, name = key.partition(":")
    return URIRef(f"{base or base_iri()}entity/{_safe(kind)}/{_safe(name)}")


def document_graph(doc: ExtractedDocument, base: str | None = None) -> Graph:
    """All triples of one document, to be stored in its own named graph."""
    g = bind_prefixes(Graph())
    art = doc.article
    iris = Iris(art.id, base)
    text = art.text
    ctx = iris.char(0, len(text))

    # the article and its text
    g.add((iris.doc, RDF.type, SCHEMA.NewsArticle))
    g.add((iris.doc, SCHEMA.identifier, Literal(art.id)))
    if art.title:
        g.add((iris.doc, SCHEMA.headline, Literal(art.title)))
    if art.published:
        g.add((iris.doc, SCHEMA.datePublished, Literal(art.published.isoformat(), datatype=XSD.date)))
    if art.url:
        g.add((iris.doc, SCHEMA.url, URIRef(art.url) if re.match(r"^[a-z][a-z0-9+.-]*:\S+$", art.url, re.I) else Literal(art.url)))
    if art.source:
        g.add((iris.doc, SCHEMA.publisher, Literal(art.source)))
    if art.byline:
        g.add((iris.doc, SCHEMA.author, Literal(art.byline)))
    if art.dateline:
        g.add((iris.doc, SCHEMA.locationCreated, Literal(art.dateline)))
    g.add((iris.doc, SCHEMA.text, ctx))
    g.add((iris.graph, PROV.wasDerivedFrom, iris.doc))
    g.add((ctx, RDF.type, NIF.Context))
    g.add((ctx, NIF.isString, Literal(text)))
    g.add((ctx, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)))
    g.add((ctx, NIF.endIndex, Literal(len(text), datatype=XSD.nonNegativeInteger)))
    g.add((ctx, NIF.sourceUrl, iris.doc))

    sentence_nodes = []
    for s in doc.sentences:
        node = iris.char(s.start, s.end)
        sentence_nodes.append(node)
        _anchor(g, node, s.start, s.end, text, ctx)
        g.add((node, RDF.type, NIF.Sentence))

    def mention(m: Mention) -> URIRef:
        node = iris.char(m.start, m.end)
        _anchor(g, node, m.start, m.end, text, ctx)
        g.add((node, RDF.type, NIF.Phrase))
        if 0 <= m.sentence < len(sentence_nodes):
            g.add((node, NIF.sentence, sentence_nodes[m.sentence]))
        return node

    for q in art.quotes:
        node = iris.char(q.start, q.end)
        _anchor(g, node, q.start, q.end, text, ctx)
        g.add((node, RDF.type, SCHEMA.Quotation))
        if q.author:
            g.add((node, SCHEMA.author, Literal(q.author)))
        if q.handle:
            g.add((node, SCHEMA.alternateName, Literal(q.handle)))
        if q.date:
            g.add((node, SCHEMA.dateCreated, Literal(q.date.isoformat(), datatype=XSD.date)))
        if q.language:
            g.add((node, SCHEMA.inLanguage, Literal(q.language)))
    for b, e, lang in art.skip_spans:
        node = iris.char(b, e)
        _anchor(g, node, b, e, text, ctx)
        g.add((node, KG.language, Literal(lang)))

    for ent in doc.entities.values():
        _entity(g, iris, ent, mention)
    for rel in doc.relations:
        _relation(g, iris, rel, mention)
    for ev in doc.events:
        _event(g, iris, ev, mention, doc.entities)
    return g


def _anchor(g: Graph, node: URIRef, start: int, end: int, text: str, ctx: URIRef) -> None:
    g.add((node, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((node, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
    g.add((node, NIF.anchorOf, Literal(text[start:end])))
    g.add((node, NIF.referenceContext, ctx))


def entity_types(kind: str) -> list[URIRef]:
    if kind == "Person":
        return [SCHEMA.Person]
    if kind == "Group":
        return [KG.PersonGroup]
    if kind in ORG_KINDS:
        return [SCHEMA.Organization] if kind == "Organization" else [SCHEMA[kind], SCHEMA.Organization]
    return PLACE_KINDS.get(kind, [SCHEMA.Thing])


def _entity(g: Graph, iris: Iris, ent: Entity, mention) -> None:
    node = iris.entity(ent.key)
    for t in entity_types(ent.kind):
        g.add((node, RDF.type, t))
    if ent.is_actor:
        g.add((node, RDF.type, SEM.Actor))
    g.add((node, RDFS.label, Literal(ent.label)))
    for alt in sorted(ent.alt_labels - {ent.label}):
        g.add((node, SKOS.altLabel, Literal(alt)))
    for t in sorted(ent.job_titles):
        g.add((node, SCHEMA.jobTitle, Literal(t)))
    if ent.iso_code:
        g.add((node, SCHEMA.identifier, Literal(ent.iso_code)))
        g.add((node, SCHEMA.addressCountry, Literal(ent.iso_code)))
    for s in ent.same_as:
        g.add((node, OWL.sameAs, URIRef(s)))
    if ent.count is not None:
        g.add((node, KG["count"], Literal(ent.count, datatype=XSD.integer)))
    if ent.count_qualifier:
        g.add((node, KG.countQualifier, Literal(ent.count_qualifier)))
    if ent.count_max is not None:
        g.add((node, KG.maxCount, Literal(ent.count_max, datatype=XSD.integer)))
    for m in ent.mentions:
        mn = mention(m)
        g.add((node, GAF.denotedBy, mn))
        g.add((mn, ITSRDF.taIdentRef, node))


def _relation(g: Graph, iris: Iris, rel: Relation, mention) -> None:
    s, o = iris.entity(rel.subject), iris.entity(rel.object)
    p = SCHEMA[rel.predicate]
    g.add((s, p, o))
    if rel.evidence is not None:
        st = iris.statement(rel)
        g.add((st, RDF.type, KG.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((st, KG.evidence, mention(rel.evidence)))


def time_literal(t: TimeValue) -> Literal:
    return Literal(t.value, datatype=PRECISION_TYPE[t.precision])


def _event(g: Graph, iris: Iris, ev: Event, mention, entities: dict[str, Entity]) -> None:
    node = iris.event(ev)
    g.add((node, RDF.type, SEM.Event))
    g.add((node, SEM.eventType, KGE[ev.type]))
    g.add((node, RDFS.label, Literal(f"{ev.type}: {ev.trigger.text}")))
    if ev.lemma:
        g.add((node, KG.trigger, Literal(ev.lemma)))
    g.add((node, GAF.denotedBy, mention(ev.trigger)))
    g.add((node, KG.modality, MODALITY.get(ev.modality, KG.Asserted)))
    for k in ev.agents:
        g.add((node, KG.agent, iris.entity(k)))
    for k in ev.patients:
        g.add((node, KG.patient, iris.entity(k)))
    for k in ev.actors:
        g.add((node, SEM.hasActor, iris.entity(k)))
    for k in ev.places:
        g.add((node, SEM.hasPlace, iris.entity(k)))
    if ev.time is not None:
        g.add((node, SEM.hasTimeStamp, time_literal(ev.time)))
        if ev.time.mention is not None:
            g.add((node, KG.timeMention, mention(ev.time.mention)))
    for k in ev.sources:
        g.add((node, PROV.wasAttributedTo, iris.entity(k)))
