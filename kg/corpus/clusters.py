"""One event, many reports: cross-document event clusters, recomputed incrementally.

Every event of every document is a *report*. Clustering has two stages (the usual design for event
coreference): documents are first grouped into stories by what they say (kg.corpus.stories), then the
reports of one type within one story are compared pair by pair (`evidence`), on what each report says:

* what never merges: dates that cannot be the same (intervals of a day, a month or a year, widened by a
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
(type, story) groups that changed, so each document graph stays self-contained.
"""
from __future__ import annotations

import heapq
import re
from calendar import monthrange
from datetime import date, timedelta
from itertools import islice
from typing import Callable, Iterable, NamedTuple
from urllib.parse import urlparse

from kg.corpus.stories import cosine, idf, vector_of, words
from kg.lexicon import trigger_words
from kg.model import ExtractedDocument, Kind, Pred, keys
from kg.model.keys import Space
from kg.rdf.clusters import Cluster, cluster_triples
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


def _set(field: str) -> set[str]:
    return set(filter(None, field.split("|")))


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


def incompatible(a: Report, b: Report) -> bool:
    """What never merges: dates apart, places apart, different principal actors in one role."""
    if a.lo is not None and b.lo is not None and (a.hi < b.lo or b.hi < a.lo):
        return True
    if a.places and b.places and not (_set(a.places) & _set(b.places)):
        ca, cb = _set(a.countries), _set(b.countries)
        if UNKNOWN not in ca | cb and not (ca & cb):    # a place of unknown country may be in the other's
            return True
    return _conflict(_set(a.agents), _set(b.agents)) or _conflict(_set(a.patients), _set(b.patients))


def _sentences(r: Report) -> list[set[str]]:
    """The content words of each sentence a report's mentions are in."""
    return [set(x.split()) for x in r.words.split(" | ")]


def _same_word(la: str, lb: str) -> float:
    """How much the trigger lemmas of two reports' mentions say they tell one happening with one word (or a
    noun of its verb, or a word for the same thing: kg.lexicon.trigger_words): 0 to 1, less for a common
    word ("say" tells less than "stab")."""
    return max((min(1.0, min(idf(x), idf(y)) / RARE) for x in _set(la) for y in _set(lb)
                if x == y or trigger_words.forms(x) & trigger_words.forms(y)), default=0.0)


def evidence(a: Report, b: Report, similarity: float) -> float:
    """How much says two compatible reports are one event; `similarity` is their documents' (kg.corpus.stories)."""
    score = LEMMA * _same_word(a.lemma, b.lemma)
    actors_a = _set(a.agents) | _set(a.patients) | _set(a.others)
    actors_b = _set(b.agents) | _set(b.patients) | _set(b.others)
    score += ACTOR * min(2, sum(1 for x in actors_a if any(_same_entity(x, y) for y in actors_b)))
    overlap = max((len(wa & wb) / len(wa | wb) for wa in _sentences(a) for wb in _sentences(b) if wa and wb),
                  default=0.0)
    score += SENTENCE if overlap >= WIRE else SENTENCE * overlap
    score += DOCUMENT * similarity
    if a.dated == 2 and b.dated == 2:
        score += DATE
    return score


def needed(a: Report, b: Report) -> float:
    """The evidence two reports need: more when either is not dated at all."""
    return LINK + (UNDATED if not (a.dated and b.dated) else 0.0)


def cluster_rows(rows: list[tuple], similarity: Callable[[str, str], float] = lambda a, b: 0.0) -> list[list[Report]]:
    """Cluster the reports of one (type, story) group by average linkage: each pair's margin is its evidence
    less what it needs; the two clusters whose pairs have the highest mean margin join while that mean is
    not negative, never across an incompatible pair. Deterministic for a set of rows, whatever its order."""
    reps = sorted((Report(*r) for r in rows), key=lambda r: r.iri)
    n = len(reps)
    margin: dict[tuple[int, int], float | None] = {}
    for x in range(n):
        for y in range(x + 1, n):
            a, b = reps[x], reps[y]
            margin[x, y] = None if incompatible(a, b) else \
                evidence(a, b, similarity(a.doc, b.doc) if a.doc != b.doc else 0.0) - needed(a, b)
    members = {i: [i] for i in range(n)}
    total = {(x, y): m for (x, y), m in margin.items()}      # sum of margins between two clusters (None: blocked)
    heap = [(-m, x, y) for (x, y), m in total.items() if m is not None and m >= 0]
    heapq.heapify(heap)
    while heap:
        neg, x, y = heapq.heappop(heap)
        if x not in members or y not in members or total.get((x, y)) is None \
                or -neg != total[x, y] / (len(members[x]) * len(members[y])):
            continue     # a stale entry: one side has joined another cluster since
        members[x] += members.pop(y)
        for z in members:
            if z == x:
                continue
            k_xz, k_yz = (min(x, z), max(x, z)), (min(y, z), max(y, z))
            t1, t2 = total.pop(k_xz, None), total.pop(k_yz, None)
            t = None if t1 is None or t2 is None else t1 + t2
            total[k_xz] = t
            if t is not None and (avg := t / (len(members[x]) * len(members[z]))) >= 0:
                heapq.heappush(heap, (-avg, *k_xz))
    return [[reps[i] for i in sorted(ms)] for ms in sorted(members.values())]


def cluster_of(group: str, members: list[Report]) -> Cluster:
    """The cluster record of reports clustered together within one "type|story" group."""
    etype, _, story = group.partition("|")
    actors = sorted({a for m in members for a in _set(m.agents) | _set(m.patients) | _set(m.others)
                     if not a.startswith(PEOPLE)})
    return Cluster(type=etype, signature=story, actors=tuple(actors),
                   reports=tuple(m.iri for m in members), documents=tuple(sorted({m.doc for m in members})),
                   sources=tuple(sorted({m.source for m in members})))


def recompute(store, index, groups: Iterable[str], batch: int = 300,
              on_write: Callable[[int], None] | None = None) -> int:
    """Recompute the clusters of the given "type|story" groups; returns how many clusters are stored.

    A set is taken in sorted order; any other iterable is streamed as given, `batch` groups per store
    update. on_write(n) is told how many triples each update inserted."""
    it = iter(sorted(groups) if isinstance(groups, (set, frozenset)) else groups)
    written = 0
    while chunk := list(islice(it, batch)):
        removed, triples, new_rows = [], [], []
        for grp in chunk:
            removed += [iri for (iri,) in index.db.execute("SELECT iri FROM clusters WHERE grp = ?", (grp,))]
            etype, _, story = grp.partition("|")
            rows = index.db.execute("SELECT e.* FROM events e JOIN stories s ON s.doc = e.doc "
                                    "WHERE e.type = ? AND s.story = ?", (etype, story)).fetchall()
            vectors = {d: vector_of(index.db, d) for d in sorted({r[0] for r in rows})}
            for members in cluster_rows(rows, lambda a, b: cosine(vectors[a], vectors[b])):
                if len(members) < 2:
                    continue
                c = cluster_of(grp, members)
                triples += cluster_triples(c)
                new_rows.append((grp, c.iri))
        store.update_clusters(removed, triples)
        index.db.execute("BEGIN")
        index.db.executemany("DELETE FROM clusters WHERE grp = ?", [(x,) for x in chunk])
        index.db.executemany("INSERT OR REPLACE INTO clusters VALUES (?, ?)", new_rows)
        index.db.execute("COMMIT")
        written += len(new_rows)
        if on_write:
            on_write(len(triples))
    return written
