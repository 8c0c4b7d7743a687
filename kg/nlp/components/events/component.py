"""The `kg_events` factory: the cues loaded and the trigger matcher compiled once per pipeline, then per
document each trigger's event assembled from its arguments, place, time, modality and sources."""
from dataclasses import replace
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.lexicon import words as wordlists
from kg.model import Event, Kind, Mention, keys, taxonomy
from kg.model.kinds import PLACE_KINDS
from kg.model.taxonomy import EventType, Modality, Trigger
from kg.nlp import docdata
from kg.nlp.components.events import arguments, cues, dates, links, modality, nominals, places, senses, sources
from kg.nlp.components.events.triggers import TriggerMatcher, phrase_end, reporting_verb


@Language.factory("kg_events", default_config={"cues": None, "senses": None, "participants": None})
def make_events(nlp: Language, name: str, cues: Optional[str], senses: Optional[str] = None,
                participants: Optional[str] = None) -> "EventExtractor":
    """`cues`: the path of a cue file like kg/nlp/data/event_cues.toml, `senses` of a sense-check file like
    kg/nlp/data/event_senses.toml, `participants` of a noun list like kg/lexicon/data/participant_nouns.tsv
    (None: those files). The event types are not a setting of the component: they are the whole program's,
    chosen by $KG_EVENT_TYPES."""
    return EventExtractor(nlp, cues, senses_path=senses, participants_path=participants)


#: the tense a date without a year is read in, by the event's modality (reported ones are past: the default)
_TENSES = {Modality.EXPECTED.value: "FUTURE", Modality.HYPOTHETICAL.value: None}


class EventExtractor:
    """`types` defaults to the program's taxonomy; tests pass variants of it."""

    def __init__(self, nlp: Language, cue_path: Optional[str] = None, types: Optional[tuple[EventType, ...]] = None,
                 senses_path: Optional[str] = None, participants_path: Optional[str] = None):
        labels = frozenset(nlp.get_pipe("parser").labels) if "parser" in nlp.pipe_names else None
        nouns = wordlists.participant_nouns(participants_path or wordlists.PARTICIPANT_NOUNS)
        self.cues = replace(cues.load(cue_path, labels), participants=nouns)
        types = taxonomy.EVENT_TYPES if types is None else types
        self.types: dict[str, EventType] = {t.code: t for t in types}
        self.journeys = frozenset(t.code for t in types if t.motion)
        self.matcher = TriggerMatcher(nlp.vocab, types, self.cues.attribution)
        self.senses = senses.SenseChecker(nlp.vocab, senses.load(frozenset(self.types), senses_path, labels), types)

    def __call__(self, doc: Doc) -> Doc:
        hits = self.matcher(doc)
        day = dates.Dates.of(doc)
        found = {t.i: self._event(t, trig, doc, day) for t, trig in self.senses(doc, hits.triggers)}
        links.share(doc, found, self.cues, self.journeys)
        sources.speech_sources(doc, found, self.types, self.cues)
        sources.phrase_sources(doc, found, hits.attributions, self.cues)
        out = docdata.events(doc)
        for _, ev in sorted(found.items()):
            self._finish(ev, doc)
            out.append(ev)
        nominals.prune(doc, out)
        return doc

    def _event(self, t: Token, trig: Trigger, doc: Doc, day: dates.Dates) -> Event:
        etype = self.types[trig.type]
        c = self.cues
        # the lemma of a trigger of several words is all of them: "step down", "file for bankruptcy"
        hv = _hyphen_verb(t) if trig.pos == "NOUN" else None
        end = hv.idx + len(hv) if hv is not None else phrase_end(t, trig)
        ev = Event(type=trig.type, lemma=" ".join(filter(None, (t.lemma_.lower(), trig.requires))),
                   trigger=Mention(t.idx, end, doc.text[t.idx:end],
                                   docdata.sentence_numbers(doc).get(t.sent.start, -1)))
        t = hv or t                 # "crash-landed": the verb's phrases are the event's
        if trig.pos == "VERB" or hv is not None:
            arguments.verb_arguments(t, ev, doc, etype, c)
            if etype.subject == "patient":   # "four Indians died": the subject undergoes it
                ev.patients, ev.agents = ev.agents + ev.patients, []
        else:
            arguments.noun_arguments(t, ev, doc, etype, c)
        places.places(t, ev, doc, etype, c)
        rv = reporting_verb(t, trig, etype.reported_by)
        if rv is not None:          # "an earthquake struck central Chile": where and whom it struck
            places.places(rv, ev, doc, etype, c)
            _objects(rv, ev, doc, c)
        lv = arguments.light_verb(t, c)
        ev.modality = modality.modality(t, c)
        if lv is not None and ev.modality == Modality.ASSERTED.value:
            ev.modality = modality.modality(lv, c)    # "will hold talks": the verb's
        tense = _TENSES.get(ev.modality, "PAST")      # "will vote on Sunday": the coming Sunday
        dates.time(t, ev, doc, day, c.clause_breaks, tense)
        sc = arguments.small_clause(t) if trig.pos == "VERB" else None
        if sc is not None:          # "found her guilty of fraud in Ohio on Monday": the adjective's phrases
            if not ev.places:
                places.places(sc, ev, doc, etype, c)
            if ev.time is None:
                dates.time(sc, ev, doc, day, c.clause_breaks, tense)
        if lv is not None:
            if not ev.places:
                places.places(lv, ev, doc, etype, c)
            if ev.time is None:
                dates.time(lv, ev, doc, day, c.clause_breaks, tense)
        return ev

    def _finish(self, ev: Event, doc: Doc) -> None:
        """Refine the type by its patients, resolve metonymy, drop repeats and mark the actors."""
        ents = docdata.entities(doc)
        for r in self.types[ev.type].refine:
            if any(keys.space_of(k) in r.patient_in for k in ev.patients):
                ev.type = r.type    # seizing people is abducting them
                break
        # a site or a thing does not act: "a car bomb killed two" has no agent (the bomb is an instrument)
        ev.agents = _dedupe(arguments.metonymy(k, doc) for k in ev.agents
                            if k not in ents or ents[k].kind not in _NOT_AGENTS)
        ev.patients = [k for k in _dedupe(arguments.metonymy(k, doc) for k in ev.patients) if k not in ev.agents]
        ev.participants = [k for k in _dedupe(arguments.metonymy(k, doc) for k in ev.participants)
                           if k not in ev.agents and k not in ev.patients]
        ev.places = [k for k in _dedupe(ev.places) if k not in ev.actors or ents[k].kind == Kind.COUNTRY]
        for k in ev.actors:
            if k in ents:
                ents[k].is_actor = True


_NOT_AGENTS = frozenset({Kind.SITE, Kind.ARTIFACT})


def _hyphen_verb(t: Token) -> Token | None:
    """The verb a trigger noun is the first half of, joined by a hyphen ("crash-landed", "fire-bombed")."""
    doc = t.doc
    if t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and t.head.i == t.i + 2 and t.head.pos_ == "VERB" \
            and not doc[t.i + 1].whitespace_ and not t.whitespace_:
        return t.head
    return None


def _objects(verb: Token, ev: Event, doc: Doc, c: cues.Cues) -> None:
    """The direct objects of a verb reporting an event noun: a named place is where it happened, another
    entity or an unnamed site what it struck ("the explosion targeted a bakery")."""
    ents = docdata.entities(doc)
    for o in verb.children:
        for k in arguments.object_keys(o, doc, c) if o.dep_ == "dobj" else ():
            if k in ents:
                (ev.places if ents[k].kind in PLACE_KINDS and ents[k].kind is not Kind.SITE else ev.patients).append(k)


def _dedupe(items) -> list[str]:
    seen: dict[str, None] = {}
    for k in items:
        if k:
            seen.setdefault(k, None)
    return list(seen)
