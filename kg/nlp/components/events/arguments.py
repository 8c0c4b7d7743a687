"""Agents, patients and participants of an event, from the dependency parse.

- active verbs: nsubj = agent, dobj = patient; passives: nsubjpass = patient, "by" = agent;
- participial and infinitival clauses take the subject of the clause they hang on ("agreed to
  discharge", "making his first visit"); object-control verbs give their object ("asked Washington to
  extradite");
- prepositions link as the event type's frame says (kg/model/data/event_types.toml: verb_preps, noun_preps),
  each to the key spaces it admits;
- event nouns: possessor = agent (or patient, as the type says: "his arrest"), a name modifying the noun =
  participant, the subject of a light verb or
  copula ("made a visit", "is on a visit") = agent, and the light verb's prepositions link as the noun's
  ("imposed a fine on X");
- a capital or seat of government as agent or patient stands for its country (metonymy);
- coordinated arguments all count;
- an argument that names no entity is an unnamed participant when its head noun is one of the participant
  nouns ("gunmen stormed the campus"; kg.nlp.components.events.nominals).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.lexicon import gazetteer as gz
from kg.model import Event, Space, keys
from kg.model.taxonomy import EventType, Linking
from kg.nlp import docdata
from kg.nlp.components.events import nominals
from kg.nlp.components.events.cues import Cues

_ACTOR_NAMES = (Space.PERSON, Space.COUNTRY, Space.ORG)


def keys_of(tok: Token | None, doc: Doc, cues: Cues, nominal: bool = True) -> list[str]:
    """Entity keys a syntactic argument refers to, with its coordinated siblings; with `nominal`, a common
    noun that names none may be an unnamed participant."""
    if tok is None:
        return []
    tok2key = docdata.token_keys(doc)
    out = []
    for x in [tok, *tok.conjuncts]:
        if x.i not in tok2key and x.lemma_.lower() in cues.measure_nouns:   # "a total of 87 pupils were freed"
            x = next((o for p in x.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj"), x)
        k = tok2key.get(x.i)
        if k is None:
            # "Kenya's President William Ruto", "the militant group X": the title or the body heads the phrase,
            # the name is its apposition
            body = x.lemma_.lower() in cues.institution_nouns
            for c in x.children:
                if c.dep_ == "appos" and keys.in_space(tok2key.get(c.i), Space.PERSON, *((Space.ORG,) if body else ())):
                    k = tok2key[c.i]
                    break
        if k is None and nominal:
            k = nominals.participant(x, doc, cues.participants) or nominals.pronoun(x, doc)
        if k is not None:
            out.append(k)
        out += [m for p in x.children if p.dep_ == "prep" and p.lower_ in cues.inclusion_preps
                for o in p.children if o.dep_ == "pobj" for m in keys_of(o, doc, cues)]   # "including X"
        # "A and B agreed" misparsed as "A" modifying "B": a coordinated name hanging on the head
        if any(c.lower_ in cues.coordinators for c in x.subtree if c.i < x.i):
            for c in x.children:
                if c.dep_ in ("nmod", "conj") and c.i < x.i and keys.in_space(tok2key.get(c.i), *_ACTOR_NAMES):
                    out.append(tok2key[c.i])
    return out


def subject_keys(s: Token, doc: Doc, cues: Cues) -> list[str]:
    """What a subject refers to; those who speak or act for a country or an organisation without naming
    anyone stand for it ("officials from Kenya and Uganda held talks", "officials in Kyiv said": Ukraine,
    "a statement from the union"); residents of a place do not stand for it."""
    found = keys_of(s, doc, cues, nominal=False) or _named_body(s, doc, cues)
    if found:
        return found
    if s.lemma_.lower() in cues.voice_nouns:
        found = [m for c in s.children if c.dep_ == "prep" and c.lower_ in cues.from_preps
                 for o in c.children if o.dep_ == "pobj" for k in keys_of(o, doc, cues, nominal=False)
                 for m in [metonymy(k, doc)] if keys.in_space(m, Space.COUNTRY, Space.ORG)]
    return found or keys_of(s, doc, cues)


def _named_body(n: Token, doc: Doc, cues: Cues) -> list[str]:
    """"the Red Dawn militant group", "the Varga regime", "Ostrov's team": the name modifying or owning a noun
    of a body."""
    if n.pos_ != "NOUN" or n.lemma_.lower() not in cues.institution_nouns:
        return []
    tok2key = docdata.token_keys(doc)
    names = [c for c in n.children if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < n.i
             and keys.in_space(tok2key.get(c.i), *_ACTOR_NAMES)]
    # its own name before its owner's: "Kenya's state-run KNA news agency" is KNA
    return [tok2key[c.i] for c in sorted(names, key=lambda c: (c.dep_ == "poss", -c.i))][:1]


def subject(v: Token, doc: Doc, cues: Cues) -> tuple[list[str], list[str]]:
    """(agents, patients) from the subject of v or of the clause v hangs on."""
    for c in v.children:
        relative = c.lower_ in cues.relative_pronouns and v.dep_ == "relcl"
        if c.dep_ in ("nsubj", "csubj"):
            if relative:
                return keys_of(v.head, doc, cues), []
            # "after the FA, Uefa and Fifa criticised", the first of the list taken for the preposition's
            first = _stranded_subject(c.left_edge, doc, cues, v) if c.left_edge.i > 1 and any(
                x.dep_ == "cc" for x in c.subtree) and doc[c.left_edge.i - 1].text == "," else None
            return subject_keys(c, doc, cues) + (keys_of(first, doc, cues, nominal=False) if first else []), []
        if c.dep_ == "nsubjpass":
            return [], keys_of(v.head if relative else c, doc, cues)
    stranded = _stranded_subject(v, doc, cues, v) if v.dep_ in ("conj", "advcl", "ROOT") and v.pos_ == "VERB" \
        else None
    found = subject_keys(stranded, doc, cues) if stranded is not None else []
    if found:
        return found, []
    head = v.head
    if head.i == v.i:
        return [], []
    if v.dep_ == "xcomp":
        return _controlled(v, doc, cues)
    if v.dep_ == "advcl" and v.tag_ in ("VBN", "VBD") and not any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in v.children):
        return _bare_participle(v, doc, cues)
    if v.dep_ in ("advcl", "conj", "pcomp"):
        a, p = subject(head, doc, cues)
        if v.dep_ == "conj":
            return a, p
        return (a or p), []
    if v.dep_ == "acl":
        return _clause_on_noun(v, doc, cues)
    if v.dep_ == "relcl":
        rel = [c for c in v.children if c.lower_ in cues.relative_pronouns and c.dep_ in ("nsubj", "nsubjpass")]
        if rel and rel[0].dep_ == "nsubj":
            return keys_of(head, doc, cues), []
        return [], keys_of(head, doc, cues)
    return [], []


def _stranded_subject(at: Token, doc: Doc, cues: Cues, v: Token) -> Token | None:
    """"called for calm after the EU and Spain condemned the raid", parsed as "after the EU and Spain" and a
    second verb: the object of the preposition right before `at` (the verb v, or the start of its subject)
    is v's subject."""
    j = at.i - 1
    while j > at.sent.start and (doc[j].pos_ == "ADV" or (at.i != v.i and doc[j].text == ",")):
        j -= 1
    x = doc[j]
    while x.dep_ == "conj" and x.head.i < x.i:
        x = x.head
    prep = x.head
    if x.dep_ == "pobj" and prep.lower_ in cues.subordinators and x.pos_ in ("PROPN", "NOUN", "PRON") and (
            prep.head.i == v.head.i or v.dep_ == "ROOT"):
        return x
    return None


def _controlled(v: Token, doc: Doc, cues: Cues) -> tuple[list[str], list[str]]:
    """The subject of an infinitive: the object of an object-control verb, else the raised subject."""
    head = v.head
    if head.lemma_.lower() in cues.object_control:
        obj = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if obj:
            return keys_of(obj[0], doc, cues), []
    a, p = subject(head, doc, cues)
    return (a or p), []     # "Russia was expected to announce": the raised subject acts


def _bare_participle(v: Token, doc: Doc, cues: Cues) -> tuple[list[str], list[str]]:
    """A bare past participle is passive: "its citizens allegedly misled into ..." (the noun right before
    it undergoes it), "Arrested in May, he ..." (the main subject does)."""
    j = v.i - 1
    while j >= 0 and (doc[j].pos_ in ("ADV", "PUNCT") or doc[j].is_quote):
        j -= 1
    if j >= 0 and doc[j].pos_ in ("NOUN", "PROPN") and keys_of(doc[j], doc, cues):
        return [], keys_of(doc[j], doc, cues)
    a, p = subject(v.head, doc, cues)
    return [], (a or p)


def _clause_on_noun(v: Token, doc: Doc, cues: Cues) -> tuple[list[str], list[str]]:
    head = v.head
    noun_keys = keys_of(head, doc, cues)
    if not noun_keys and head.dep_ in ("dobj", "pobj", "nsubjpass") and head.head.pos_ == "VERB" and (
            v.tag_ == "VB" or (v.tag_ == "VBG" and head.lemma_.lower() in cues.issued_nouns)):
        # "announce the decision to discharge X", "signed a decree approving X": the decider acts
        return subject(head.head, doc, cues)[0], []
    if not noun_keys and v.tag_ == "VBG" and head.lemma_.lower() in cues.issued_nouns:
        # "the council's resolution demanding a ceasefire": its owner
        return [k for c in head.children if c.dep_ == "poss" for k in keys_of(c, doc, cues)], []
    if v.tag_ in ("VBN", "VBD"):   # "workers tricked into…", "a dinner hosted by…": passive
        return [], noun_keys
    return noun_keys, []


def _link(ev: Event, link: Linking, found: list[str]) -> None:
    """Add the keys the linking admits to the event's list for its property."""
    target = {"agent": ev.agents, "patient": ev.patients, "participant": ev.participants, "place": ev.places}
    target[link.property].extend(k for k in found if link.admits(k))


def _objects(prep: Token, doc: Doc, cues: Cues) -> list[str]:
    return [k for o in prep.children if o.dep_ == "pobj" for k in object_keys(o, doc, cues)]


def object_keys(obj: Token, doc: Doc, cues: Cues) -> list[str]:
    """What an object refers to; an object that names no one stands for its owner or the actor its modifier
    names ("condemned Ruritania's action", "struck rebel positions"), unless it is a person ("his wife")."""
    found = keys_of(obj, doc, cues, nominal=False) or _named_body(obj, doc, cues)
    if found or obj.pos_ not in ("NOUN", "NUM", "PRON"):     # "killed three", "them": unnamed people
        return found
    tok2key = docdata.token_keys(doc)
    for c in obj.children if obj.lemma_.lower() not in cues.people_nouns else ():
        owner = c.dep_ == "poss" and c.pos_ == "PROPN"
        if (owner or c.dep_ in ("compound", "amod")) and keys.in_space(tok2key.get(c.i), *_ACTOR_NAMES):
            return [tok2key[c.i]]
    return keys_of(obj, doc, cues)


def _inverted_speaker(v: Token) -> Token | None:
    """The object the parser gave a speech verb that follows its quote, which is its speaker."""
    if v.i == 0 or not (v.doc[v.i - 1].is_quote or v.doc[v.i - 1].text == ","):
        return None
    return next((c for c in v.children if c.dep_ == "dobj" and c.i > v.i and c.pos_ in ("NOUN", "PROPN")), None)


def small_clause(v: Token) -> Token | None:
    """The adjective a verb's object is predicated by ("found her guilty", "declared him dead"): the parser
    makes the object the adjective's subject."""
    return next((c for c in v.children if c.dep_ in ("ccomp", "oprd", "xcomp", "acomp") and c.pos_ == "ADJ"
                 and any(x.dep_ == "nsubj" for x in c.children)
                 and not any(x.dep_ in ("aux", "auxpass", "cop") for x in c.children)), None)


def verb_arguments(v: Token, ev: Event, doc: Doc, etype: EventType, cues: Cues) -> None:
    agents, patients = subject(v, doc, cues)
    inverted = _inverted_speaker(v) if etype.speech and not agents and not patients else None
    if inverted is not None:         # '"It is over," declared the mayor': the speaker
        agents = subject_keys(inverted, doc, cues)
    ev.agents += agents
    ev.patients += patients
    sc = small_clause(v)
    if sc is not None and not any(c.dep_ == "dobj" for c in v.children):
        ev.patients += [k for x in sc.children if x.dep_ == "nsubj" for k in object_keys(x, doc, cues)]
    # "won 2-1 against X": the phrases on a score the verb took as its object are the verb's
    score = [p for c in v.children if c.dep_ == "dobj" and nominals.is_score(c) for p in c.subtree if p.dep_ == "prep"]
    for c in [*v.children, *score]:
        if c.dep_ == "agent":
            ev.agents += _objects(c, doc, cues)
        elif c.dep_ in ("dobj", "dative") and c is not inverted:
            found = object_keys(c, doc, cues)
            ev.patients += found
            if not found and "with" in etype.verb_preps:   # "severed ties with X": the object's with-phrase
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "with":
                        _link(ev, etype.verb_preps["with"], _objects(p, doc, cues))
        elif c.dep_ == "npadvmod" and c.i > v.i and not any(x.dep_ == "dobj" for x in v.children):
            # "extradited to Spain the Belgian banker X": an object moved after a phrase, misparsed
            ev.patients += [k for k in keys_of(c, doc, cues, nominal=False)
                            if keys.in_space(k, Space.PERSON, Space.ORG)]
        elif c.dep_ == "prep" and c.lower_ in etype.verb_preps:
            _link(ev, etype.verb_preps[c.lower_], _objects(c, doc, cues))
        elif c.dep_ == "prep" and c.lower_ in cues.inclusion_preps:
            # "were arrested, including X": members of the subject of a passive, else of the object
            passive = any(x.dep_ == "nsubjpass" for x in v.children)
            if passive or any(x.dep_ == "dobj" for x in v.children):
                ev.patients += [k for o in c.children if o.dep_ == "pobj" for k in keys_of(o, doc, cues)]


def _position(n: Token, cues: Cues) -> Token:
    """The phrase an event noun stands in: its own, or that of the measure it counts ("held three days of
    talks", "launched a wave of strikes")."""
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lemma_.lower() in cues.measure_nouns:
        return n.head.head
    return n


def light_verb(n: Token, cues: Cues) -> Token | None:
    """The light verb an event noun is the object of ("imposed sanctions", "held talks"), or the verb of
    occurrence it is the subject of ("the talks resumed", "the meeting took place")."""
    if n.pos_ != "NOUN":
        return None
    n = _position(n, cues)
    lemma = n.head.lemma_.lower()
    if n.dep_ in ("dobj", "attr") and (lemma in cues.light_verbs or lemma in cues.undergo_verbs):
        return n.head
    if n.dep_ in ("nsubj", "nsubjpass") and lemma in cues.occurrence_verbs:
        return n.head
    for c in n.children:     # "the fine, which the regulator imposed", "the sanctions, which were imposed by X"
        if c.dep_ == "relcl" and c.lemma_.lower() in cues.light_verbs and any(
                x.lower_ in cues.relative_pronouns and x.dep_ in ("dobj", "nsubjpass") for x in c.children):
            return c
        if c.dep_ == "acl" and _participle(c) and c.lemma_.lower() in cues.light_verbs:
            return c         # "the sanctions imposed on Monday by X"
    return None


def _participle(c: Token) -> bool:
    """A past participle: tagged so, or tagged a past tense with a by-phrase ("the fine handed down by X")."""
    return c.tag_ == "VBN" or (c.tag_ == "VBD" and any(x.dep_ == "agent" for x in c.children))


def _governing_clause_subject(n: Token, doc: Doc, cues: Cues) -> list[str]:
    """The subject of the light verb or copula an event noun is the object of ("made a visit")."""
    n = _position(n, cues)
    h = n.head
    if n.dep_ in ("dobj", "attr") and h.lemma_.lower() in cues.light_verbs:
        return subject(h, doc, cues)[0]
    if n.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ == "on" and h.head.lemma_.lower() == "be":
        return subject(h.head, doc, cues)[0]
    if n.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ in cues.adjunct_preps and h.head.pos_ in ("VERB", "AUX") \
            and n.lemma_.lower() in cues.adjunct_nouns:       # "X said during a visit to Y": X visits
        objects = [k for c in h.head.children if c.dep_ in ("dobj", "nsubjpass") for k in keys_of(c, doc, cues)]
        if not any(keys.in_space(k, Space.PERSON) for k in objects):    # "arrested X during a visit": whose?
            return subject(h.head, doc, cues)[0]
    return []


def noun_arguments(n: Token, ev: Event, doc: Doc, etype: EventType, cues: Cues) -> None:
    doer = ev.patients if etype.subject == "patient" else ev.agents
    # "his arrest": the possessor undergoes it, unless an of-phrase says who does ("the court's sentencing of X")
    undergoes = etype.possessor == "patient" and not any(c.dep_ == "prep" and c.lower_ == "of" for c in n.children)
    for c in n.children:
        if c.dep_ == "poss":
            found = _possessor(c, doc, cues)
            # people undergo ("his arrest"); a country or an organisation does it ("Kenya's arrests")
            ev.patients.extend(k for k in found if undergoes and keys.in_space(k, Space.PERSON, Space.GROUP))
            doer.extend(k for k in found if not (undergoes and keys.in_space(k, Space.PERSON, Space.GROUP)))
        elif c.dep_ == "compound" or (c.dep_ == "amod" and c.ent_type_):
            found = keys_of(c, doc, cues, nominal=False) or _demonym(c, doc)
            ev.places += [k for k in found if keys.in_space(k, Space.PLACE)]    # "the Kyiv attack"
            actors = [k for k in found if not keys.in_space(k, Space.PLACE)]
            # "the Iranian attack": a demonym acts; a name in a compound only takes part ("the Ukraine war")
            (doer if c.dep_ == "amod" else ev.participants).extend(actors)
        elif c.dep_ == "prep":
            if c.lower_ in etype.noun_preps:
                _link(ev, etype.noun_preps[c.lower_], _objects(c, doc, cues))
        elif c.dep_ == "acl" and _participle(c):
            by = [k for a in c.children if a.dep_ == "agent" for o in a.children for k in keys_of(o, doc, cues)]
            if c.lemma_.lower() in cues.holders or c.lemma_.lower() in cues.light_verbs:
                ev.agents += by          # "a dinner hosted by X", "the fine imposed by X": X does it
            else:
                ev.participants += by    # "talks mediated by X", "a truce brokered by X": X takes part
    lv = light_verb(n, cues)
    for c in lv.children if lv is not None else ():
        # "imposed a fine on X", "held talks with X": the light verb's phrases are the noun's
        if c.dep_ == "prep" and c.lower_ != "of" and c.lower_ in etype.noun_preps:
            _link(ev, etype.noun_preps[c.lower_], _objects(c, doc, cues))
        elif c.dep_ == "dative":     # "gave him a warning", "gave Spain victory": the type says who gets it
            (ev.agents if etype.recipient == "agent" else ev.patients).extend(keys_of(c, doc, cues))
    _shared_of_phrase(n, ev, doc, etype, cues)
    if lv is not None and lv.lemma_.lower() in cues.undergo_verbs:
        if not ev.patients:     # "11 people suffered injuries": they were injured
            ev.patients += subject(lv, doc, cues)[0]
    elif not ev.agents and not ev.participants:
        ev.agents += _governing_clause_subject(n, doc, cues) or _claimed_by(n, doc, cues)
    if lv is not None and lv.dep_ == "relcl" and lv.head.i == n.i and not ev.agents:
        by = next((c for c in lv.children if c.dep_ == "agent"), None)   # "which were imposed by X"
        ev.agents += _objects(by, doc, cues) if by is not None else subject(lv, doc, cues)[0]


def _shared_of_phrase(n: Token, ev: Event, doc: Doc, etype: EventType, cues: Cues) -> None:
    """"the slaughter and maiming of civilians": coordinated nouns share the of-phrase one of them has."""
    if "of" not in etype.noun_preps or any(c.dep_ == "prep" and c.lower_ == "of" for c in n.children):
        return
    for x in n.conjuncts:
        if x.pos_ == "NOUN":
            for c in x.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    _link(ev, etype.noun_preps["of"], _objects(c, doc, cues))


def _claimed_by(n: Token, doc: Doc, cues: Cues) -> list[str]:
    """Who claimed or accepted responsibility for the event noun ("the group claimed responsibility for the
    bombing")."""
    resp = n.head.head if n.dep_ == "pobj" and n.head.lower_ == "for" else None
    if resp is None or resp.lemma_.lower() not in cues.responsibility or resp.dep_ != "dobj" \
            or resp.head.lemma_.lower() not in cues.responsibility_verbs:
        return []
    return subject(resp.head, doc, cues)[0]


def _possessor(c: Token, doc: Doc, cues: Cues) -> list[str]:
    """The possessor of an event noun; "their" is the subject of the clause it is in when that subject
    names several ("A and B signed a treaty after their talks")."""
    if c.lower_ == "their":
        v = next((a for a in c.ancestors if a.pos_ in ("VERB", "AUX") and a.dep_ != "prep"), None)
        bound = subject(v, doc, cues)[0] if v is not None else []
        if len(bound) > 1:
            return bound
    return keys_of(c, doc, cues)


def _demonym(t: Token, doc: Doc) -> list[str]:
    """The country a demonym adjective stands for ("the Iranian attack": Iran)."""
    iso = gz.demonyms().get(t.lower_) if t.dep_ == "amod" and t.text[:1].isupper() else None
    return [docdata.ensure_country(doc, iso)] if iso and iso in gz.countries() else []


def metonymy(key: str, doc: Doc) -> str:
    """A capital or seat of government acting stands for its country; the place stays a place."""
    ents = docdata.entities(doc)
    if keys.in_space(key, Space.PLACE) and key in ents:
        p = gz.places().get(gz.norm(ents[key].label))
        if p is not None and p.seat_of and p.seat_of in gz.countries():
            return docdata.ensure_country(doc, p.seat_of)
    return key
