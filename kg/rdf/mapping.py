"""Map one ExtractedDocument to the RDF triples of its named graph.

IRIs are minted deterministically: entities from their canonical key (so the same entity in two
documents is one node), everything else from the document id and character offsets.

Triples are built as pyoxigraph terms, which the store takes as they are (a build maps tens of
thousands of documents, and rdflib terms and graphs cost more than the NLP on short articles);
`document_graph` gives the same triples as an rdflib Graph for SHACL validation and for Python users.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kg.model import Entity, Event, ExtractedDocument, Mention, Relation, keys
from kg.model.vocab import GAF, ITSRDF, KG, KGE, NIF, PROV, SCHEMA, SEM, base_iri, bind_prefixes

PRECISION_TYPE = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
MODALITY = {"asserted": KG.Asserted, "reported": KG.Reported, "expected": KG.Expected,
            "alleged": KG.Alleged, "claimed": KG.Claimed, "negated": KG.Negated}
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:\S+$", re.I)

#: a vocabulary term (an rdflib URIRef from kg.rdf.vocab) as a pyoxigraph node, made once
N = lru_cache(maxsize=None)(ox.NamedNode)


def _safe(s: str) -> str:
    return quote(s, safe="-_.~")


def _int(n: int, datatype=XSD.nonNegativeInteger) -> ox.Literal:
    return ox.Literal(str(n), datatype=N(datatype))


class Iris:
    """IRI minting for one document under a base IRI (as rdflib URIRefs; `Triples` makes nodes of them)."""

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
    space, name = keys.split(key)
    return URIRef(f"{base or base_iri()}entity/{_safe(space)}/{_safe(name)}")


def document_triples(doc: ExtractedDocument, base: str | None = None) -> list[ox.Triple]:
    """All triples of one document (pyoxigraph terms), to be stored in its own named graph."""
    out: list[ox.Triple] = []
    add = out.append
    T = ox.Triple
    art = doc.article
    iris = Iris(art.id, base)
    text = art.text
    d = ox.NamedNode(iris.doc)
    ctx_iri = iris.char(0, len(text))
    ctx = ox.NamedNode(ctx_iri)
    type_, lit = N(RDF.type), ox.Literal

    # the article and its text
    add(T(d, type_, N(SCHEMA.NewsArticle)))
    add(T(d, N(SCHEMA.identifier), lit(art.id)))
    if art.title:
        add(T(d, N(SCHEMA.headline), lit(art.title)))
    if art.published:
        add(T(d, N(SCHEMA.datePublished), lit(art.published.isoformat(), datatype=N(XSD.date))))
    if art.url:
        add(T(d, N(SCHEMA.url), ox.NamedNode(art.url) if _SCHEME.match(art.url) and _iri_ok(art.url) else lit(art.url)))
    if art.source:
        add(T(d, N(SCHEMA.publisher), lit(art.source)))
    if art.byline:
        add(T(d, N(SCHEMA.author), lit(art.byline)))
    if art.dateline:
        add(T(d, N(SCHEMA.locationCreated), lit(art.dateline)))
    add(T(d, N(SCHEMA.text), ctx))
    add(T(ox.NamedNode(iris.graph), N(PROV.wasDerivedFrom), d))
    add(T(ctx, type_, N(NIF.Context)))
    add(T(ctx, N(NIF.isString), lit(text)))
    add(T(ctx, N(NIF.beginIndex), _int(0)))
    add(T(ctx, N(NIF.endIndex), _int(len(text))))
    add(T(ctx, N(NIF.sourceUrl), d))

    begin, end_, anchor_of, ref = N(NIF.beginIndex), N(NIF.endIndex), N(NIF.anchorOf), N(NIF.referenceContext)
    anchored: dict[tuple[int, int], ox.NamedNode] = {}

    def anchor(start: int, end: int) -> ox.NamedNode:
        """The node of the text span start..end; its offsets and text are written once."""
        node = anchored.get((start, end))
        if node is None:
            node = anchored[(start, end)] = ox.NamedNode(iris.char(start, end))
            add(T(node, begin, _int(start)))
            add(T(node, end_, _int(end)))
            add(T(node, anchor_of, lit(text[start:end])))
            add(T(node, ref, ctx))
        return node

    sentence_nodes = []
    for s in doc.sentences:
        node = anchor(s.start, s.end)
        sentence_nodes.append(node)
        add(T(node, type_, N(NIF.Sentence)))

    phrase, in_sentence = N(NIF.Phrase), N(NIF.sentence)

    def mention(m: Mention) -> ox.NamedNode:
        node = anchor(m.start, m.end)
        add(T(node, type_, phrase))
        if 0 <= m.sentence < len(sentence_nodes):
            add(T(node, in_sentence, sentence_nodes[m.sentence]))
        return node

    for q in art.quotes:
        node = anchor(q.start, q.end)
        add(T(node, type_, N(SCHEMA.Quotation)))
        if q.author:
            add(T(node, N(SCHEMA.author), lit(q.author)))
        if q.handle:
            add(T(node, N(SCHEMA.alternateName), lit(q.handle)))
        if q.date:
            add(T(node, N(SCHEMA.dateCreated), lit(q.date.isoformat(), datatype=N(XSD.date))))
        if q.language:
            add(T(node, N(SCHEMA.inLanguage), lit(q.language)))
    for b, e, lang in art.skip_spans:
        add(T(anchor(b, e), N(KG.language), lit(lang)))

    entity_nodes: dict[str, ox.NamedNode] = {}   # per document: nothing kept between documents

    def entity(key: str) -> ox.NamedNode:
        node = entity_nodes.get(key)
        if node is None:
            node = entity_nodes[key] = ox.NamedNode(iris.entity(key))
        return node

    for ent in doc.entities.values():
        _entity(add, entity(ent.key), ent, mention)
    for rel in doc.relations:
        _relation(add, iris, entity, rel, mention)
    for ev in doc.events:
        _event(add, iris, entity, ev, mention)
    return list(dict.fromkeys(out))


def _iri_ok(url: str) -> bool:
    try:
        ox.NamedNode(url)
        return True
    except ValueError:
        return False


def _entity(add, node: ox.NamedNode, ent: Entity, mention) -> None:
    T, lit, type_ = ox.Triple, ox.Literal, N(RDF.type)
    for t in ent.kind.rdf_types:
        add(T(node, type_, N(t)))
    if ent.is_actor:
        add(T(node, type_, N(SEM.Actor)))
    add(T(node, N(RDFS.label), lit(ent.label)))
    for alt in sorted(ent.alt_labels - {ent.label}):
        add(T(node, N(SKOS.altLabel), lit(alt)))
    for t in sorted(ent.job_titles):
        add(T(node, N(SCHEMA.jobTitle), lit(t)))
    if ent.iso_code:
        add(T(node, N(SCHEMA.identifier), lit(ent.iso_code)))
        add(T(node, N(SCHEMA.addressCountry), lit(ent.iso_code)))
    for s in ent.same_as:
        add(T(node, N(OWL.sameAs), ox.NamedNode(s)))
    if ent.count is not None:
        add(T(node, N(KG["count"]), _int(ent.count, XSD.integer)))
    if ent.count_qualifier:
        add(T(node, N(KG.countQualifier), lit(ent.count_qualifier)))
    if ent.count_max is not None:
        add(T(node, N(KG.maxCount), _int(ent.count_max, XSD.integer)))
    denoted, ident = N(GAF.denotedBy), N(ITSRDF.taIdentRef)
    for m in ent.mentions:
        mn = mention(m)
        add(T(node, denoted, mn))
        add(T(mn, ident, node))


def _relation(add, iris: Iris, entity, rel: Relation, mention) -> None:
    T = ox.Triple
    s, o = entity(rel.subject), entity(rel.object)
    p = N(rel.predicate.term)
    add(T(s, p, o))
    if rel.evidence is not None:
        st = ox.NamedNode(iris.statement(rel))
        add(T(st, N(RDF.type), N(KG.Statement)))
        add(T(st, N(RDF.subject), s))
        add(T(st, N(RDF.predicate), p))
        add(T(st, N(RDF.object), o))
        add(T(st, N(KG.evidence), mention(rel.evidence)))


def _event(add, iris: Iris, entity, ev: Event, mention) -> None:
    T, lit = ox.Triple, ox.Literal
    node = ox.NamedNode(iris.event(ev))
    add(T(node, N(RDF.type), N(SEM.Event)))
    add(T(node, N(SEM.eventType), N(KGE[ev.type])))
    add(T(node, N(RDFS.label), lit(f"{ev.type}: {ev.trigger.text}")))
    if ev.lemma:
        add(T(node, N(KG.trigger), lit(ev.lemma)))
    add(T(node, N(GAF.denotedBy), mention(ev.trigger)))
    add(T(node, N(KG.modality), N(MODALITY.get(ev.modality, KG.Asserted))))
    for prop, role_keys in ((KG.agent, ev.agents), (KG.patient, ev.patients), (SEM.hasActor, ev.actors),
                            (SEM.hasPlace, ev.places)):
        for k in role_keys:
            add(T(node, N(prop), entity(k)))
    if ev.time is not None:
        add(T(node, N(SEM.hasTimeStamp), lit(ev.time.value, datatype=N(PRECISION_TYPE[ev.time.precision]))))
        if ev.time.mention is not None:
            add(T(node, N(KG.timeMention), mention(ev.time.mention)))
    for k in ev.sources:
        add(T(node, N(PROV.wasAttributedTo), entity(k)))


# --- rdflib view ------------------------------------------------------------------------------------
def rdflib_graph(triples: list[ox.Triple]) -> Graph:
    """The triples as an rdflib Graph, through N-Triples (both libraries' own parser and serialiser)."""
    g = bind_prefixes(Graph())
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    return g


def document_graph(doc: ExtractedDocument, base: str | None = None) -> Graph:
    """All triples of one document as an rdflib Graph (for validation and Python users)."""
    return rdflib_graph(document_triples(doc, base))
