"""Map one ExtractedDocument to the RDF triples of its named graph.

IRIs are minted deterministically under the base IRI ($KG_BASE): entities from their canonical key
(so the same entity in two documents is one node), everything else from the document id and
character offsets.

Triples are built as pyoxigraph terms, which the store takes as they are (a build maps tens of
thousands of documents, and rdflib terms and graphs cost more than the NLP on short articles);
`document_graph` gives the same triples as an rdflib Graph for SHACL validation and for Python users.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import quote, unquote

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kg.model import Article, Entity, Event, ExtractedDocument, Mention, Relation, TimeExpression, keys
from kg.model.keys import Space
from kg.model.vocab import GAF, ITSRDF, KG, KGE, NIF, PROV, SCHEMA, SEM, base_iri, bind_prefixes
from kg.rdf.timenodes import owl_time

PRECISION_TYPE = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
MODALITY = {"asserted": KG.Asserted, "reported": KG.Reported, "expected": KG.Expected,
            "alleged": KG.Alleged, "claimed": KG.Claimed, "negated": KG.Negated,
            "hypothetical": KG.Hypothetical}
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:\S+$", re.I)

#: a vocabulary term (an rdflib URIRef from kg.model.vocab) as a pyoxigraph node, made once
N = lru_cache(maxsize=None)(ox.NamedNode)


#: the terms of every text span, made once (the hot path of a build's mapping)
_TYPE, _PHRASE, _IN_SENTENCE = N(RDF.type), N(NIF.Phrase), N(NIF.sentence)
_BEGIN, _END, _ANCHOR_OF, _CONTEXT = N(NIF.beginIndex), N(NIF.endIndex), N(NIF.anchorOf), N(NIF.referenceContext)


def _safe(s: str) -> str:
    return quote(s, safe="-_.~")


def _int(n: int, datatype=XSD.nonNegativeInteger) -> ox.Literal:
    return ox.Literal(str(n), datatype=N(datatype))


class Iris:
    """IRI minting for one document under a base IRI (as rdflib URIRefs; `_Triples` makes nodes of them)."""

    def __init__(self, doc_id: str):
        self.base = base_iri()
        self.doc_id = doc_id
        self.doc = URIRef(f"{self.base}doc/{_safe(doc_id)}")
        self.graph = graph_iri(doc_id)
        self._text = f"{self.base}text/{_safe(doc_id)}"

    def char(self, start: int, end: int) -> URIRef:
        return URIRef(f"{self._text}#char={start},{end}")

    def event(self, ev: Event) -> URIRef:
        return URIRef(f"{self.base}event/{_safe(self.doc_id)}/{ev.trigger.start}-{ev.type}")

    def time(self, tx: TimeExpression) -> URIRef:
        return URIRef(f"{self.base}time/{_safe(self.doc_id)}/{tx.mention.start}-{tx.mention.end}")

    def statement(self, rel: Relation) -> URIRef:
        h = hashlib.sha1(f"{rel.subject}|{rel.predicate}|{rel.object}".encode()).hexdigest()[:12]
        return URIRef(f"{self.base}stmt/{_safe(self.doc_id)}/{h}")

    def entity(self, key: str) -> URIRef:
        return entity_iri(key)


def graph_iri(doc_id: str) -> URIRef:
    return URIRef(f"{base_iri()}graph/{_safe(doc_id)}")


def entity_iri(key: str) -> URIRef:
    space, name = keys.split(key)
    return URIRef(f"{base_iri()}entity/{_safe(space)}/{_safe(name)}")


class _Triples:
    """The triples of one document as they are made: each text span's node (offsets, text, context) and
    each entity's node are made once."""

    def __init__(self, doc: ExtractedDocument):
        self.iris = Iris(doc.article.id)
        self.text = doc.article.text
        self.out: list[ox.Triple] = []
        self.add = self.out.append
        self.context = ox.NamedNode(self.iris.char(0, len(self.text)))
        self.sentences: list[ox.NamedNode] = []
        self._anchored: dict[tuple[int, int], ox.NamedNode] = {}
        self._entities: dict[str, ox.NamedNode] = {}   # per document: nothing kept between documents
        self.times: dict[tuple[int, int], ox.NamedNode] = {}   # (start, end) of each time expression -> node

    def anchor(self, start: int, end: int) -> ox.NamedNode:
        """The node of the text span start..end; its offsets and text are written once."""
        node = self._anchored.get((start, end))
        if node is None:
            T, add = ox.Triple, self.add
            node = self._anchored[(start, end)] = ox.NamedNode(self.iris.char(start, end))
            add(T(node, _BEGIN, _int(start)))
            add(T(node, _END, _int(end)))
            add(T(node, _ANCHOR_OF, ox.Literal(self.text[start:end])))
            add(T(node, _CONTEXT, self.context))
        return node

    def mention(self, m: Mention) -> ox.NamedNode:
        node = self.anchor(m.start, m.end)
        self.add(ox.Triple(node, _TYPE, _PHRASE))
        if 0 <= m.sentence < len(self.sentences):
            self.add(ox.Triple(node, _IN_SENTENCE, self.sentences[m.sentence]))
        return node

    def entity(self, key: str) -> ox.NamedNode:
        node = self._entities.get(key)
        if node is None:
            node = self._entities[key] = ox.NamedNode(self.iris.entity(key))
        return node


def entity_space(iri: str) -> Space | None:
    """The key space of an entity IRI that `entity_iri` minted (".../entity/country/FR" -> Space.COUNTRY)."""
    _, sep, rest = iri.partition("/entity/")
    return keys.space_of(f"{unquote(rest.split('/', 1)[0])}:") if sep else None


def document_triples(doc: ExtractedDocument) -> list[ox.Triple]:
    """All triples of one document (pyoxigraph terms), to be stored in its own named graph."""
    g = _Triples(doc)
    _article(g, doc.article)
    for s in doc.sentences:
        node = g.anchor(s.start, s.end)
        g.sentences.append(node)
        g.add(ox.Triple(node, N(RDF.type), N(NIF.Sentence)))
    _quotes(g, doc.article)
    for ent in doc.entities.values():
        _entity(g, ent)
    _times(g, doc.times)
    for rel in doc.relations:
        _relation(g, rel)
    for ev in doc.events:
        _event(g, ev)
    return list(dict.fromkeys(g.out))


def _article(g: _Triples, art: Article) -> None:
    """The article's metadata and its text as the NIF context every span refers to."""
    T, lit, add = ox.Triple, ox.Literal, g.add
    d, ctx = ox.NamedNode(g.iris.doc), g.context
    add(T(d, N(RDF.type), N(SCHEMA.NewsArticle)))
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
    add(T(ox.NamedNode(g.iris.graph), N(PROV.wasDerivedFrom), d))
    add(T(ctx, N(RDF.type), N(NIF.Context)))
    add(T(ctx, N(NIF.isString), lit(g.text)))
    add(T(ctx, N(NIF.beginIndex), _int(0)))
    add(T(ctx, N(NIF.endIndex), _int(len(g.text))))
    add(T(ctx, N(NIF.sourceUrl), d))


def _quotes(g: _Triples, art: Article) -> None:
    """Embedded posts and quotations, and the spans in another language (kept out of extraction)."""
    T, lit, add = ox.Triple, ox.Literal, g.add
    for q in art.quotes:
        node = g.anchor(q.start, q.end)
        add(T(node, N(RDF.type), N(SCHEMA.Quotation)))
        if q.author:
            add(T(node, N(SCHEMA.author), lit(q.author)))
        if q.handle:
            add(T(node, N(SCHEMA.alternateName), lit(q.handle)))
        if q.date:
            add(T(node, N(SCHEMA.dateCreated), lit(q.date.isoformat(), datatype=N(XSD.date))))
        if q.language:
            add(T(node, N(SCHEMA.inLanguage), lit(q.language)))
    for b, e, lang in art.skip_spans:
        add(T(g.anchor(b, e), N(KG.language), lit(lang)))


def _iri_ok(url: str) -> bool:
    try:
        ox.NamedNode(url)
        return True
    except ValueError:
        return False


def _entity(g: _Triples, ent: Entity) -> None:
    T, lit, type_, add, node = ox.Triple, ox.Literal, N(RDF.type), g.add, g.entity(ent.key)
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
        mn = g.mention(m)
        add(T(node, denoted, mn))
        add(T(mn, ident, node))


def _relation(g: _Triples, rel: Relation) -> None:
    T, add = ox.Triple, g.add
    s, o = g.entity(rel.subject), g.entity(rel.object)
    p = N(rel.predicate.term)
    add(T(s, p, o))
    if rel.evidence is not None:
        st = ox.NamedNode(g.iris.statement(rel))
        add(T(st, N(RDF.type), N(KG.Statement)))
        add(T(st, N(RDF.subject), s))
        add(T(st, N(RDF.predicate), p))
        add(T(st, N(RDF.object), o))
        add(T(st, N(KG.evidence), g.mention(rel.evidence)))


def _event(g: _Triples, ev: Event) -> None:
    T, lit, add, entity = ox.Triple, ox.Literal, g.add, g.entity
    node = ox.NamedNode(g.iris.event(ev))
    add(T(node, N(RDF.type), N(SEM.Event)))
    add(T(node, N(SEM.eventType), N(KGE[ev.type])))
    add(T(node, N(RDFS.label), lit(f"{ev.type}: {ev.trigger.text}")))
    for lemma in ev.lemmas if ev.lemma else ():
        add(T(node, N(KG.trigger), lit(lemma)))
    for m in ev.mentions:           # the principal mention first, then the document's other mentions of it
        add(T(node, N(GAF.denotedBy), g.mention(m)))
    add(T(node, N(KG.modality), N(MODALITY.get(ev.modality, KG.Asserted))))
    for prop, role_keys in ((KG.agent, ev.agents), (KG.patient, ev.patients), (SEM.hasActor, ev.actors),
                            (SEM.hasPlace, ev.places)):
        for k in role_keys:
            add(T(node, N(prop), entity(k)))
    if ev.time is not None:
        add(T(node, N(SEM.hasTimeStamp), lit(ev.time.value, datatype=N(PRECISION_TYPE[ev.time.precision]))))
        when = _time_node_of(g, ev.time.mention)
        if when is not None:
            add(T(node, N(SEM.hasTime), when))
        elif ev.time.mention is not None:
            add(T(node, N(KG.timeMention), g.mention(ev.time.mention)))
    for k in ev.sources:
        add(T(node, N(PROV.wasAttributedTo), entity(k)))


def _times(g: _Triples, times: list[TimeExpression]) -> None:
    """Each time expression as a node: its mention, TIMEX3 type, value and mod, what it is anchored to,
    and its OWL-Time description (kg.rdf.timenodes: for a calendar position, the typed literal users query)."""
    T, lit, add = ox.Triple, ox.Literal, g.add
    by_tid = {}
    for tx in times:
        node = g.times.setdefault((tx.mention.start, tx.mention.end), ox.NamedNode(g.iris.time(tx)))
        by_tid[tx.tid] = node
        add(T(node, N(RDF.type), N(KG.TimeExpression)))
        add(T(node, N(KG.timexType), lit(tx.type)))
        add(T(node, N(KG.timexValue), lit(tx.value)))
        if tx.mod:
            add(T(node, N(KG.timexMod), lit(tx.mod)))
        for triple in owl_time(node, tx):   # its OWL-Time class, position or bounds, or amount
            add(triple)
        add(T(node, N(KG.timeMention), g.mention(tx.mention)))
    for tx in times:
        if tx.anchor:
            anchor = ox.NamedNode(g.iris.doc) if tx.anchor == "t0" else by_tid.get(tx.anchor)
            if anchor is not None:
                add(T(g.times[(tx.mention.start, tx.mention.end)], N(KG.anchorTime), anchor))


def _time_node_of(g: _Triples, m: Mention | None) -> ox.NamedNode | None:
    """The time expression node an event's time was read from: the one its time mention overlaps most."""
    if m is None:
        return None
    best, best_overlap = None, 0
    for (b, e), node in g.times.items():
        overlap = min(e, m.end) - max(b, m.start)
        if overlap > best_overlap:
            best, best_overlap = node, overlap
    return best


# --- rdflib view ------------------------------------------------------------------------------------
def rdflib_graph(triples: list[ox.Triple]) -> Graph:
    """The triples as an rdflib Graph, through N-Triples (both libraries' own parser and serialiser)."""
    g = bind_prefixes(Graph())
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    return g


def document_graph(doc: ExtractedDocument) -> Graph:
    """All triples of one document as an rdflib Graph (for validation and Python users)."""
    return rdflib_graph(document_triples(doc))
