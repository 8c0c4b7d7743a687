"""The plain, typed document model: what the NLP side hands to the RDF side and the corpus stages.

Everything here is a dataclass of strings, ints and lists, so it pickles cheaply between processes
and can be built by hand in tests. Offsets are character offsets into `ExtractedDocument.text`
(the cleaned text), end-exclusive.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from kg.model.kinds import Kind
from kg.model.predicates import Pred


@dataclass
class Article:
    """One input document with its metadata, before NLP."""

    id: str
    text: str                       # cleaned body text; every offset refers to it
    title: str | None = None
    url: str | None = None
    published: datetime.date | None = None
    source: str | None = None       # outlet name
    byline: str | None = None
    dateline: str | None = None
    origin: str | None = None       # file (and line) it came from, for error messages
    skip_spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, language) not to extract from
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Quote:
    """An embedded social post or quotation kept as a quote, with its author and date when known."""

    start: int
    end: int
    author: str | None = None
    handle: str | None = None
    date: datetime.date | None = None
    language: str | None = None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    sentence: int = -1              # index into ExtractedDocument.sentences


@dataclass
class Sentence:
    start: int
    end: int


@dataclass
class Entity:
    """One real-world entity of the document (not one mention).

    `key` is the canonical, document-independent identity ("person:olaf_scholz", "country:IN"),
    from which the IRI is minted, so that the same entity in two documents is one node.
    """

    key: str                         # minted by kg.model.keys
    kind: Kind
    label: str
    alt_labels: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    job_titles: set[str] = field(default_factory=set)
    iso_code: str | None = None
    same_as: list[str] = field(default_factory=list)
    count: int | None = None         # for groups: how many
    count_qualifier: str | None = None  # exactly, approximately, at least, at most, nearly
    count_max: int | None = None     # upper bound of a range ("30 to 40"): count is the lower bound
    is_actor: bool = False

    def __post_init__(self):
        if not isinstance(self.kind, Kind):
            self.kind = Kind(self.kind)


@dataclass
class Relation:
    """A fact between two entities, grounded in the sentence that states it (kg.model.predicates)."""

    subject: str                     # entity key
    predicate: Pred
    object: str                      # entity key
    evidence: Mention | None = None

    def __post_init__(self):
        if not isinstance(self.predicate, Pred):
            self.predicate = Pred(self.predicate)


@dataclass
class TimeValue:
    value: str                       # ISO: 2024-07-08, 2024-07, 2024
    precision: str                   # day, month, year
    mention: Mention | None = None


@dataclass
class TimeExpression:
    """A time expression of the text, as TimeML's TIMEX3: its mention, its type (DATE, TIME, DURATION,
    SET), its normalised value ("2013-03-22", "2013-W12", "P3Y", "XXXX-WI", "PRESENT_REF"…), the mod that
    words like "early" or "about" add (START, END, APPROX…), its id in the document, and what it is
    relative to: "t0" (the publication date), the tid of another time of the text, or None; for a
    calendar value, the first and last day it covers (ISO dates: a week, a quarter, a decade…)."""
    mention: Mention
    type: str
    value: str
    tid: str
    mod: str | None = None
    anchor: str | None = None
    begin: str | None = None
    end: str | None = None


@dataclass
class Event:
    """One happening of the document. `trigger` is its principal mention (the one its IRI is minted from);
    `also` holds the document's other mentions of the same happening ("said … in a statement", "the attack"
    referring back), in text order; `mentions` is all of them."""

    type: str                        # taxonomy code, e.g. "Meet" (kg/model/data/event_types.toml)
    trigger: Mention
    agents: list[str] = field(default_factory=list)        # entity keys
    patients: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    time: TimeValue | None = None
    modality: str = "asserted"       # asserted, reported, expected, alleged, claimed, negated, hypothetical
    sources: list[str] = field(default_factory=list)       # entity keys of who reported it
    lemma: str = ""
    also: list[Mention] = field(default_factory=list)       # further mentions of it, in text order
    also_lemmas: list[str] = field(default_factory=list)    # their trigger lemmas, when known

    @property
    def mentions(self) -> list[Mention]:
        return [self.trigger, *self.also]

    @property
    def lemmas(self) -> list[str]:
        """The trigger lemmas of all its mentions, the principal's first, each once."""
        seen: dict[str, None] = {}
        for x in [self.lemma or self.trigger.text.lower(), *self.also_lemmas]:
            if x:
                seen.setdefault(x, None)
        return list(seen)

    @property
    def actors(self) -> list[str]:
        seen: dict[str, None] = {}
        for k in self.agents + self.patients + self.participants:
            seen.setdefault(k, None)
        return list(seen)


@dataclass
class ExtractedDocument:
    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text
