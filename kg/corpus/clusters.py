"""One event, many reports: cross-document event clusters, recomputed incrementally.

Every event of every document is a *report*. Clustering has two stages (the usual design for event
coreference): documents are first grouped into stories by what they say (kg.corpus.stories), then the
reports of one type family (types sharing a KAIROS or ACE class: kg.corpus.families) within one story are
compared pair by pair (`evidence`), on what each report says:

* what never merges: types that share no class (or two types in one document, which its own event identity
  told apart), dates that cannot be the same (intervals of a day, a month or a year, widened by a
  day; an undated report is dated by its article, give or take two weeks), places that share neither a
  place nor a country (a place whose country is unknown blocks nothing), and principal actors of the same
  role that are different entities of one kind (two people, two organisations; a group of people counts as
  "people of its nationality", a city as its country);
* what counts for: the same trigger word (its lemma, a noun made of it, or a word for the same happening:
  kg/lexicon/data/trigger_words.tsv), shared principal actors, the words of the trigger's sentence
  (the same wire copy in two articles is strong evidence), how similar the two documents are, and a stated
  date on both sides. A report that neither states a date nor has a dated article needs more evidence:
  unknown is not a match.

Pairs with enough evidence are linked most-evident first; two clusters join only when no pair across them
is incompatible. The result depends on the set of reports, not on their order. Clusters of two reports or
more are stored in their own named graph (kg.rdf.clusters), recomputed after each build or removal for the
(family, story) groups that changed, so each document graph stays self-contained. `margin` is the one pair
score; given a list it also says why (the Block, or each Reason), which kg explain --event reads back.
"""
from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, NamedTuple
from urllib.parse import urlparse

from kg.corpus import families, linkage
from kg.corpus.stories import idf, words
from kg.lexicon import trigger_words
from kg.model import ExtractedDocument, Kind, Pred, keys
from kg.model.keys import Space
from kg.rdf.clusters import Cluster
from kg.rdf.mapping import Iris

UNDATED_WINDOW = 14   # days either side of the publication date for an undated report
SLACK = 1             # days of tolerance around a stated date
#: a signature atom standing for a group of people by their nationality ("people:country:RU"); not an entity
PEOPLE = "people:"
#: the country of a place that neither the text nor its key says (a place of it may be anywhere)
UNKNOWN = "?"
_PLACE_COUNTRY = re.compile(r"_([A-Z]{2})$")

# the evidence for one event (see `evidence`): weights, and what a pair needs
LEMMA = 1.5        # the same trigger word (or one for the same thing), when it is not a common word
RARE = 2.0         # the IDF (kg.corpus.stories) from which a lemma is not common
ACTOR = 1.0        # each shared principal actor (two at most)
SENTENCE = 2.0     # the trigger's sentence: the share of its words the other's has
WIRE = 0.6         # from this share on, the same sentence (wire copy): the whole weight
DOCUMENT = 2.0     # the cosine of the two documents
DATE = 0.5         # both state a date (and the dates agree)
LINK = 2.0         # what a pair needs (on average over two clusters)
UNDATED = 0.5      # more, when a side has no date at all


def _interval(value: str, precision: str) -> tuple[int, int] | None:
    try:
        parts = [int(p) for p in value.split("-")]
        if precision == "day" and len(parts) == 3:
            d = date(*parts)
            return d.toordinal(), d.toordinal()
        if precision == "month" and len(parts) >= 2:
            last = monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1).toordinal(), date(parts[0], parts[1], last).toordinal()
        if len(parts) >= 1:
            return date(parts[0], 1, 1).toordinal(), date(parts[0], 12, 31).toordinal()
    except ValueError:
        return None
    return None


def source_of(doc: ExtractedDocument) -> str:
    a = doc.article
    if a.source:
        return a.source
    if a.url:
        host = urlparse(a.url).netloc
        if host:
            return host.removeprefix("www.")
    return f"doc:{a.id}"


def _countries(doc: ExtractedDocument, *preds: Pred) -> dict[str, str]:
    """The first country each entity is linked to by one of `preds`."""
    out: dict[str, str] = {}
    for r in doc.relations:
        if r.predicate in preds and keys.in_space(r.object, Space.COUNTRY):
            out.setdefault(r.subject, r.object)
    return out


def _country(place: str, country_of: dict[str, str]) -> str:
    """The country key of a place: itself, the country the document puts it in, the country its gazetteer key
    names ("place:leeds_GB"), or UNKNOWN."""
    if keys.in_space(place, Space.COUNTRY):
        return place
    if place in country_of:
        return country_of[place]
    m = _PLACE_COUNTRY.search(place)
    return keys.country(m.group(1)) if m and keys.in_space(place, Space.PLACE) else UNKNOWN


def _figure(e) -> str:
    """How many people a group counts, as the text says it ("at least 30 to 40")."""
    n = str(e.count) if e.count is not None else ""
    if e.count_max is not None:
        n = f"{n} to {e.count_max}"
    return " ".join(x for x in (e.count_qualifier or "", n) if x)


class Report(NamedTuple):
    """One row of the index's `events` table: what clustering knows of a report."""

    doc: str
    i: int
    iri: str
    type: str
    lemma: str          # "|"-joined trigger lemmas of its mentions, the principal's first
    agents: str         # "|"-joined principal actors by role
    patients: str
    others: str
    lo: int | None      # date interval (ordinal days), stated or from the article
    hi: int | None
    dated: int          # 2: the report states a date, 1: its article's date, 0: neither
    places: str
    countries: str
    figure: str
    time: str
    source: str
    words: str          # the content words of each of its mentions' sentences, sorted, " | " between sentences


def event_rows(doc: ExtractedDocument) -> list[tuple]:
    """Index rows (Report) for every event of a (resolved) document."""
    ents = doc.entities
    country_of = _countries(doc, Pred.CONTAINED_IN_PLACE, Pred.LOCATION)
    nat = _countries(doc, Pred.NATIONALITY)

    def principal(ks: list[str]) -> str:
        out = set()
        for k in ks:
            e = ents.get(k)
            if keys.in_space(k, Space.THING):
                continue     # an unnamed site or artefact has no identity beyond its document
            if keys.in_space(k, Space.GROUP):
                if k in nat:
                    out.add(f"{PEOPLE}{nat[k]}")
            elif e is not None and e.kind in (Kind.CITY, Kind.ADMINISTRATIVE_AREA) and k in country_of:
                out.add(country_of[k])
            else:
                out.add(k)
        return "|".join(sorted(out))

    iris = Iris(doc.article.id)
    pub = doc.article.published
    src = source_of(doc)
    rows = []
    for i, ev in enumerate(doc.events):
        lo = hi = None
        dated = 0
        if ev.time is not None and (iv := _interval(ev.time.value, ev.time.precision)):
            lo, hi, dated = iv[0] - SLACK, iv[1] + SLACK, 2
        elif pub is not None:
            lo = (pub - timedelta(days=UNDATED_WINDOW)).toordinal()
            hi = (pub + timedelta(days=UNDATED_WINDOW)).toordinal()
            dated = 1
        places = sorted(set(ev.places))
        countries = sorted({_country(p, country_of) for p in places})
        figures = {_figure(e) for k in ev.agents + ev.patients + ev.participants
                   if (e := ents.get(k)) is not None and e.kind == Kind.GROUP
                   and (e.count is not None or e.count_qualifier)}
        said = sorted({m.sentence for m in ev.mentions if 0 <= m.sentence < len(doc.sentences)})
        sents = [doc.text[doc.sentences[s].start:doc.sentences[s].end] for s in said]
        rows.append((doc.article.id, i, str(iris.event(ev)), ev.type, "|".join(x.lower() for x in ev.lemmas),
                     principal(ev.agents), principal(ev.patients), principal(ev.participants), lo, hi, dated,
                     "|".join(places), "|".join(countries), "; ".join(sorted(figures)),
                     ev.time.value if ev.time else "", src,
                     " | ".join(" ".join(sorted(set(words(x)))) for x in sents)))
    return rows


@lru_cache(maxsize=65536)
def _set(field: str) -> frozenset[str]:
    """The "|"-joined values of an index field (cached: a report is compared with many others)."""
    return frozenset(filter(None, field.split("|")))


def _same_entity(a: str, b: str) -> bool:
    """Two actor keys that may name one entity: equal, or one name's words within the other's
    ("person:jackson", "person:vincent_jackson") in the same key space."""
    if a == b:
        return True
    (sa, na), (sb, nb) = keys.split(a), keys.split(b)
    if sa != sb or sa not in (Space.PERSON.value, Space.ORG.value):
        return False
    ta, tb = set(na.split("_")), set(nb.split("_"))
    return ta <= tb or tb <= ta


def _conflict(a: set[str], b: set[str]) -> bool:
    """Both roles filled, nobody in one can be anybody in the other, and two of them are of one kind (two
    people, two organisations): a person in one and an organisation in the other may be one party told two
    ways ("the club's striker was arrested", "the club … arrested")."""
    return bool(a and b) and not any(_same_entity(x, y) for x in a for y in b) \
        and any(keys.split(x)[0] == keys.split(y)[0] for x in a for y in b)


class Block(NamedTuple):
    """What keeps two reports apart (`incompatible`): "dates", "places", "agents" or "patients", and what each
    side has there (place or actor keys; for dates, nothing: the reports' own fields say it)."""

    what: str
    a: tuple[str, ...] = ()
    b: tuple[str, ...] = ()


def incompatible(a: Report, b: Report, why: list[Block] | None = None) -> bool:
    """What never merges: dates apart, places apart, different principal actors in one role. `why`, when
    given, is told what blocks them (kg explain --event)."""
    block = None
    if a.type != b.type and (a.doc == b.doc or not families.compatible(a.type, b.type)):
        block = Block("types", (a.type,), (b.type,))     # one document's are told apart by its own identity
    elif a.lo is not None and b.lo is not None and (a.hi < b.lo or b.hi < a.lo):
        block = Block("dates")
    elif a.places and b.places and not (_set(a.places) & _set(b.places)) and UNKNOWN not in \
            (ca := _set(a.countries)) | (cb := _set(b.countries)) and not (ca & cb):
        block = Block("places", tuple(sorted(_set(a.places))), tuple(sorted(_set(b.places))))
    else:       # (a place of unknown country may be in the other's)
        for role in ("agents", "patients"):
            sa, sb = _set(getattr(a, role)), _set(getattr(b, role))
            if _conflict(sa, sb):
                block = Block(role, tuple(sorted(sa)), tuple(sorted(sb)))
                break
    if block is not None and why is not None:
        why.append(block)
    return block is not None


def _sentences(r: Report) -> tuple[frozenset[str], ...]:
    """The content words of each sentence a report's mentions are in."""
    return _sentence_words(r.words)


@lru_cache(maxsize=65536)
def _sentence_words(words: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(x.split()) for x in words.split(" | "))


def _same_word(la: str, lb: str) -> tuple[float, str, str]:
    """How much the trigger lemmas of two reports' mentions say they tell one happening with one word (or a
    noun of its verb, or a word for the same thing: kg.lexicon.trigger_words): 0 to 1, less for a common
    word ("say" tells less than "stab"); with the two words."""
    return max(((min(1.0, min(idf(x), idf(y)) / RARE), x, y) for x in _set(la) for y in _set(lb)
                if x == y or trigger_words.forms(x) & trigger_words.forms(y)), default=(0.0, "", ""))


class Reason(NamedTuple):
    """One part of the evidence that two reports are one event (`evidence`)."""

    what: str                   # "word", "actors", "sentence", "documents" or "dates"
    weight: float               # what it adds to the evidence
    value: float                # its measure: the word's rarity (0-1), shared actors, share of sentence
    #                             words, the documents' cosine, 1 for dates stated on both sides
    items: tuple[str, ...] = ()  # the two trigger words, or the shared actors' keys


def evidence(a: Report, b: Report, similarity: float, why: list[Reason] | None = None) -> float:
    """How much says two compatible reports are one event; `similarity` is their documents' (kg.corpus.stories).
    `why`, when given, is told each part (kg explain --event reads the clustering's own scores this way)."""
    rare, wa, wb = _same_word(a.lemma, b.lemma)
    actors_a = _set(a.agents) | _set(a.patients) | _set(a.others)
    actors_b = _set(b.agents) | _set(b.patients) | _set(b.others)
    shared = sorted(x for x in actors_a if any(_same_entity(x, y) for y in actors_b))
    overlap = max((len(wa_ & wb_) / len(wa_ | wb_) for wa_ in _sentences(a) for wb_ in _sentences(b)
                   if wa_ and wb_), default=0.0)
    both = a.dated == 2 and b.dated == 2
    word, actors = LEMMA * rare, ACTOR * min(2, len(shared))
    sentence = SENTENCE if overlap >= WIRE else SENTENCE * overlap
    if why is not None:
        why += [Reason("word", word, rare, (wa, wb) if wa else ()),
                Reason("actors", actors, len(shared), tuple(shared)), Reason("sentence", sentence, overlap),
                Reason("documents", DOCUMENT * similarity, similarity), Reason("dates", DATE if both else 0.0, both)]
    return word + actors + sentence + DOCUMENT * similarity + (DATE if both else 0.0)


def needed(a: Report, b: Report) -> float:
    """The evidence two reports need: more when either is not dated at all."""
    return LINK + (UNDATED if not (a.dated and b.dated) else 0.0)


def margin(a: Report, b: Report, similarity: Callable[[str, str], float],
           why: list | None = None) -> float | None:
    """A pair's evidence less what it needs, None when it is incompatible; `why` is told the Block, or each
    Reason. The one score both clustering and kg explain --event use."""
    if incompatible(a, b, why):
        return None
    return pair_evidence(a, b, similarity, why) - needed(a, b)


def pair_evidence(a: Report, b: Report, similarity: Callable[[str, str], float], why: list | None = None) -> float:
    """`evidence` with the documents' similarity (none within one document)."""
    return evidence(a, b, similarity(a.doc, b.doc) if a.doc != b.doc else 0.0, why)


def cluster_rows(rows: list[tuple], similarity: Callable[[str, str], float] = lambda a, b: 0.0) -> list[list[Report]]:
    """Cluster the reports of one (type, story) group by average linkage (kg.corpus.linkage): each pair's
    margin is its evidence less what it needs; the two clusters whose pairs have the highest mean margin join
    while that mean is not negative, never across an incompatible pair. A group of more than `EXACT` reports
    is scored on its candidate pairs only (blocking). Deterministic for a set of rows, whatever its order."""
    reps = sorted((Report(*r) for r in rows), key=lambda r: r.iri)
    exact = len(reps) <= linkage.EXACT
    pairs = linkage.all_pairs(len(reps)) if exact else linkage.candidate_pairs(
        [linkage.blocking_keys(_set(r.lemma), _set(r.agents) | _set(r.patients) | _set(r.others), _sentences(r))
         for r in reps], [linkage.span(r.lo, r.hi) for r in reps])
    margins: dict[tuple[int, int], float | None] = {}
    for x, y in pairs:
        margins[x, y] = margin(reps[x], reps[y], similarity)
    groups = linkage.average_linkage(len(reps), margins, absent=-LINK,
                                     blocked=None if exact else lambda x, y: incompatible(reps[x], reps[y]))
    return [[reps[i] for i in ms] for ms in groups]


def cluster_of(group: str, members: list[Report]) -> Cluster:
    """The cluster record of reports clustered together within one "family|story" group (kg.corpus.families):
    its type is its reports' commonest (the smallest code of a tie)."""
    counts: dict[str, int] = {}
    for m in members:
        counts[m.type] = counts.get(m.type, 0) + 1
    etype = min(counts, key=lambda t: (-counts[t], t))
    story = group.partition("|")[2]
    actors = sorted({a for m in members for a in _set(m.agents) | _set(m.patients) | _set(m.others)
                     if not a.startswith(PEOPLE)})
    return Cluster(type=etype, signature=story, actors=tuple(actors),
                   reports=tuple(m.iri for m in members), documents=tuple(sorted({m.doc for m in members})),
                   sources=tuple(sorted({m.source for m in members})))
