"""`kg_events`: events from verbs and event nouns, with agent, patient, participants, place, time,
modality and source.

Triggers come from the lexicon kg/nlp/data/event_triggers.tsv (lemma, part of speech, type).
Arguments come from the dependency parse:
- active verbs: nsubj = agent, dobj = patient; passives: nsubjpass = patient, "by" = agent;
- participial and infinitival clauses take the subject of the clause they hang on ("agreed to
  discharge", "making his first visit"); object-control verbs give their object ("asked Washington to
  extradite");
- event nouns: possessor or "by" = agent, "of" = patient, "between X and Y"/"with X" =
  participants, the subject of a light verb or copula ("made a visit", "is on a visit") = agent;
- a capital or seat of government as agent or patient stands for its country (metonymy);
- coordinated arguments all count.
Places come from in/at/to-phrases, times from date expressions in the trigger's clause (normalised
by kg.nlp.times), modality from adverbs and governing verbs, sources from "X reported" and
"according to X".
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.lexicon import gazetteer as gz
from kg.model import Event, Mention, taxonomy
from kg.nlp import docdata
from kg.nlp.times import normalise_time

OBJECT_CONTROL = {"ask", "urge", "tell", "allow", "force", "persuade", "trick", "order", "help", "invite",
                  "permit", "call", "encourage", "con", "mislead", "pressure", "instruct", "let", "lure"}
LIGHT_VERBS = {"make", "hold", "have", "pay", "conduct", "give", "take", "stage", "host", "attend", "be",
               "begin", "start", "continue", "launch", "carry", "announce", "join", "impose", "issue", "order",
               "deliver", "lodge", "file", "reach", "sign", "mount", "declare", "agree", "end", "extend"}
PLACE_PREPS = {"in", "at", "inside", "outside", "near", "across", "throughout", "on"}
MOTION_PREPS = {"to", "into"}
MOTION_TYPES = {"Visit", "Expel"}
MODAL_ADVERBS = {"reportedly": "reported", "allegedly": "alleged", "purportedly": "alleged",
                 "apparently": "reported", "supposedly": "alleged"}
MODAL_GOVERNORS = {"expect": "expected", "due": "expected", "set": "expected", "schedule": "expected",
                   "plan": "expected", "likely": "expected", "claim": "claimed", "allege": "alleged",
                   "report": "reported", "say": "reported", "believe": "reported"}
CLAUSE_BREAKS = {"ccomp", "parataxis", "relcl"}
UNDERGOER_SUBJECT = {"Die"}
SPEECH_TYPES = {"Statement", "Report", "Claim", "Announce"}
PLACE_KINDS = {"Country", "City", "AdministrativeArea", "Place", "Landmark", "Continent"}


@Language.component("kg_events")
def extract_events(doc: Doc) -> Doc:
    ents = docdata.entities(doc)
    tok2key = docdata.token_keys(doc)
    out = docdata.events(doc)
    sent_index = docdata.sentence_numbers(doc)
    triggers = taxonomy.triggers()
    found: dict[int, Event] = {}
    for t in doc:
        pos = "VERB" if t.pos_ == "VERB" else "NOUN" if t.pos_ == "NOUN" else None
        if pos is None or docdata.in_skip(doc, t.idx, t.idx + len(t)):
            continue
        if t.i in tok2key and pos == "NOUN":
            continue   # part of a name or a nominal entity
        cands = triggers.get((t.lemma_.lower(), pos)) or (triggers.get((t.lower_, pos)) if pos == "NOUN" else None)
        if not cands:
            continue
        trig = _pick(t, cands)
        if trig is None:
            continue
        ev = Event(type=trig.type, trigger=Mention(t.idx, t.idx + len(t), t.text, sent_index.get(t.sent.start, -1)),
                   lemma=t.lemma_.lower())
        if pos == "VERB":
            _verb_arguments(t, ev, doc)
            if trig.type in UNDERGOER_SUBJECT:   # "four Indians died": the subject undergoes it
                ev.patients, ev.agents = ev.agents + ev.patients, []
        else:
            _noun_arguments(t, ev, doc)
        _places(t, ev, doc, trig.type)
        _time(t, ev, doc)
        lv = _light_verb(t)
        if lv is not None:
            if not ev.places:
                _places(lv, ev, doc, trig.type)
            if ev.time is None:
                _time(lv, ev, doc)
        ev.modality = _modality(t)
        found[t.i] = ev
    _sources(doc, found)
    for i, ev in sorted(found.items()):
        if ev.type == "Seize" and any(k.startswith(("person:", "group:")) for k in ev.patients):
            ev.type = "Abduct"    # seizing people is abducting them
        ev.agents = _dedupe(_metonymy(k, doc) for k in ev.agents)
        ev.patients = [k for k in _dedupe(_metonymy(k, doc) for k in ev.patients) if k not in ev.agents]
        ev.participants = [k for k in _dedupe(_metonymy(k, doc) for k in ev.participants)
                           if k not in ev.agents and k not in ev.patients]
        ev.places = [k for k in _dedupe(ev.places) if k not in ev.actors or ents[k].kind == "Country"]
        for k in ev.actors:
            if k in ents:
                ents[k].is_actor = True
        out.append(ev)
    return doc


def _pick(t: Token, cands):
    for c in cands:
        if c.requires is None:
            return c
        if any(ch.lower_ == c.requires and ch.dep_ in ("prt", "prep", "advmod") for ch in t.children):
            return c
    return None


def _dedupe(keys) -> list[str]:
    seen: dict[str, None] = {}
    for k in keys:
        if k:
            seen.setdefault(k, None)
    return list(seen)


def _metonymy(key: str, doc: Doc) -> str:
    """A capital or seat of government acting stands for its country; the place stays a place."""
    ents = docdata.entities(doc)
    if key.startswith("place:") and key in ents:
        p = gz.places().get(gz.norm(ents[key].label))
        if p is not None and p.seat_of and p.seat_of in gz.countries():
            return docdata.ensure_country(doc, p.seat_of)
    return key


def keys_of(tok: Token | None, doc: Doc) -> list[str]:
    """Entity keys a syntactic argument refers to, with its coordinated siblings."""
    if tok is None:
        return []
    tok2key = docdata.token_keys(doc)
    out = []
    for x in [tok, *tok.conjuncts]:
        k = tok2key.get(x.i)
        if k is None:
            # "Kenya's President William Ruto": the title heads the phrase, the name is its apposition
            for c in x.children:
                if c.dep_ == "appos" and tok2key.get(c.i, "").startswith("person:"):
                    k = tok2key[c.i]
                    break
        if k is not None:
            out.append(k)
        # "A and B agreed" misparsed as "A" modifying "B": a coordinated name hanging on the head
        if any(c.lower_ in ("and", "&") for c in x.subtree if c.i < x.i):
            for c in x.children:
                if c.dep_ in ("nmod", "conj") and c.i < x.i and tok2key.get(c.i, "").startswith(("person:", "country:", "org:")):
                    out.append(tok2key[c.i])
    return out


def _subject(v: Token, doc: Doc) -> tuple[list[str], list[str]]:
    """(agents, patients) from the subject of v or of the clause v hangs on."""
    for c in v.children:
        relative = c.lower_ in ("who", "which", "that") and v.dep_ == "relcl"
        if c.dep_ in ("nsubj", "csubj"):
            return keys_of(v.head if relative else c, doc), []
        if c.dep_ == "nsubjpass":
            return [], keys_of(v.head if relative else c, doc)
    head = v.head
    if head.i == v.i:
        return [], []
    if v.dep_ == "xcomp":
        if head.lemma_.lower() in OBJECT_CONTROL:
            obj = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if obj:
                return keys_of(obj[0], doc), []
        a, p = _subject(head, doc)
        return (a or p), []     # "Russia was expected to announce": the raised subject acts
    if v.dep_ == "advcl" and v.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in v.children):
        # a bare past participle is passive: "its citizens allegedly misled into ..." (the noun right
        # before it undergoes it), "Arrested in May, he ..." (the main subject does)
        j = v.i - 1
        while j >= 0 and (doc[j].pos_ in ("ADV", "PUNCT") or doc[j].is_quote):
            j -= 1
        if j >= 0 and doc[j].pos_ in ("NOUN", "PROPN") and keys_of(doc[j], doc):
            return [], keys_of(doc[j], doc)
        a, p = _subject(head, doc)
        return [], (a or p)
    if v.dep_ in ("advcl", "conj", "pcomp"):
        a, p = _subject(head, doc)
        if v.dep_ == "conj":
            return a, p
        return (a or p), []
    if v.dep_ == "acl":
        noun_keys = keys_of(head, doc)
        if not noun_keys and v.tag_ == "VB" and head.dep_ in ("dobj", "pobj", "nsubjpass") and head.head.pos_ == "VERB":
            # "announce the decision to discharge X": the decider acts
            return _subject(head.head, doc)[0], []
        if v.tag_ in ("VBN", "VBD"):   # "workers tricked into…", "a dinner hosted by…": passive
            return [], noun_keys
        return noun_keys, []
    if v.dep_ == "relcl":
        rel = [c for c in v.children if c.lower_ in ("who", "which", "that") and c.dep_ in ("nsubj", "nsubjpass")]
        if rel and rel[0].dep_ == "nsubj":
            return keys_of(head, doc), []
        return [], keys_of(head, doc)
    return [], []


def _verb_arguments(v: Token, ev: Event, doc: Doc) -> None:
    agents, patients = _subject(v, doc)
    ev.agents += agents
    ev.patients += patients
    for c in v.children:
        if c.dep_ == "agent":
            ev.agents += [k for o in c.children if o.dep_ == "pobj" for k in keys_of(o, doc)]
        elif c.dep_ in ("dobj", "dative"):
            ev.patients += keys_of(c, doc)
        elif c.dep_ == "prep" and c.lower_ in ("with", "between", "against", "on", "into") :
            keys = [k for o in c.children if o.dep_ == "pobj" for k in keys_of(o, doc)]
            keys = [k for k in keys if not k.startswith(("place:",))]
            if c.lower_ == "against":
                ev.patients += keys
            else:
                ev.participants += [k for k in keys if not k.startswith("country:") or c.lower_ != "on"]
        elif c.dep_ == "prep" and c.lower_ in ("in", "from", "by") and ev.type in ("Recruit", "Arrest", "Report"):
            ev.participants += [k for o in c.children if o.dep_ == "pobj" for k in keys_of(o, doc)
                                if k.startswith(("org:", "group:", "person:"))]


def _light_verb(n: Token) -> Token | None:
    """The light verb an event noun is the object of ("imposed sanctions", "held talks")."""
    if n.pos_ == "NOUN" and n.dep_ in ("dobj", "attr") and n.head.lemma_.lower() in LIGHT_VERBS:
        return n.head
    return None


def _governing_clause_subject(n: Token, doc: Doc) -> list[str]:
    """The subject of the light verb or copula an event noun is the object of ("made a visit")."""
    h = n.head
    if n.dep_ in ("dobj", "attr") and h.lemma_.lower() in LIGHT_VERBS:
        return _subject(h, doc)[0]
    if n.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ == "on" and h.head.lemma_.lower() == "be":
        return _subject(h.head, doc)[0]
    return []


def _noun_arguments(n: Token, ev: Event, doc: Doc) -> None:
    for c in n.children:
        if c.dep_ == "poss":
            ev.agents += keys_of(c, doc)
        elif c.dep_ == "compound" or (c.dep_ == "amod" and c.ent_type_):
            ev.participants += [k for k in keys_of(c, doc) if not k.startswith("place:")]
        elif c.dep_ == "prep":
            objs = [o for o in c.children if o.dep_ == "pobj"]
            keys = [k for o in objs for k in keys_of(o, doc)]
            if c.lower_ == "by":
                ev.agents += keys
            elif c.lower_ == "of":
                ev.patients += [k for k in keys if not k.startswith("place:")]
            elif c.lower_ in ("on", "against") and ev.type in ("Sanction", "Attack", "Demand", "Criticize", "Threaten"):
                ev.patients += [k for k in keys if not k.startswith("place:") or k.startswith("country:")]
            elif c.lower_ in ("between", "with", "among"):
                ev.participants += [k for k in keys if not k.startswith("place:")]
            elif c.lower_ in ("in", "from") and ev.type in ("Report", "Statement"):
                ev.agents += [k for k in keys if k.startswith(("org:", "person:"))]
        elif c.dep_ == "acl" and c.tag_ == "VBN":
            by = [k for a in c.children if a.dep_ == "agent" for o in a.children for k in keys_of(o, doc)]
            if c.lemma_.lower() in ("host", "organise", "organize", "hold", "lead", "conduct", "launch", "carry", "stage"):
                ev.agents += by          # "a dinner hosted by X": X holds it
            else:
                ev.participants += by    # "talks mediated by X", "a truce brokered by X": X takes part
    if not ev.agents and not ev.participants:
        ev.agents += _governing_clause_subject(n, doc)


def _clause_tokens(t: Token, breaks: set[str]):
    """Tokens of t's subtree, not descending into embedded clauses of the kinds in `breaks`."""
    stack = [t]
    while stack:
        x = stack.pop()
        yield x
        for c in x.children:
            if c.dep_ in breaks:
                continue
            stack.append(c)


def _places(t: Token, ev: Event, doc: Doc, etype: str) -> None:
    tok2key = docdata.token_keys(doc)
    ents = docdata.entities(doc)
    for x in _clause_tokens(t, CLAUSE_BREAKS | {"nsubj", "nsubjpass", "agent", "advcl"}):
        if x.dep_ != "pobj" or x.head.dep_ != "prep":
            continue
        prep = x.head.lower_
        direct = x.head.head.i == t.i
        if prep in PLACE_PREPS or (prep in MOTION_PREPS and etype in MOTION_TYPES and direct):
            for y in [x, *x.conjuncts]:
                k = tok2key.get(y.i)
                if k and k in ents and ents[k].kind in PLACE_KINDS:
                    if prep == "on" and ents[k].kind != "Landmark" and etype not in ("Attack", "Kill", "Injure"):
                        continue
                    ev.places.append(k)


def _time(t: Token, ev: Event, doc: Doc) -> None:
    """The nearest date expression in the trigger's clause that normalises ("Monday" + "evening" as one)."""
    starts = doc.user_data.get("kg_ent_starts")
    if starts is None:
        starts = doc.user_data["kg_ent_starts"] = {e.start: e for e in doc.ents}
    ends = {e.end: e for e in starts.values()}
    cands = []
    for x in _clause_tokens(t, CLAUSE_BREAKS):
        if x.ent_type_ in ("DATE", "TIME") and x.ent_iob_ == "B" and x.i in starts:
            cands.append((_tree_distance(t, x), x.i, starts[x.i]))
    sent_index = docdata.sentence_numbers(doc)
    for _, _, span in sorted(cands, key=lambda c: (c[0], c[1])):
        variants = [span]
        after = starts.get(span.end)
        if after is not None and after.label_ in ("DATE", "TIME"):
            variants.insert(0, doc[span.start:after.end])
        before = ends.get(span.start)
        if before is not None and before.label_ in ("DATE", "TIME"):
            variants.append(doc[before.start:span.end])
        for v in variants:
            tv = normalise_time(v.text, docdata.reference_date(doc, v.start_char))
            if tv is not None:
                tv.mention = Mention(v.start_char, v.end_char, v.text, sent_index.get(v.sent.start, -1))
                ev.time = tv
                return


def _tree_distance(a: Token, b: Token) -> int:
    anc_a = [a, *a.ancestors]
    anc_b = [b, *b.ancestors]
    for i, x in enumerate(anc_b):
        if x in anc_a:
            return i + anc_a.index(x)
    return 99


def _modality(t: Token) -> str:
    for c in t.children:
        if c.dep_ == "neg":
            return "negated"
        if c.lower_ in MODAL_ADVERBS:
            return MODAL_ADVERBS[c.lower_]
    x = t
    while x.dep_ in ("xcomp", "ccomp", "advcl", "conj") and x.head.i != x.i:
        h = x.head
        for c in h.children:
            if c.lower_ in MODAL_ADVERBS and c.dep_ == "advmod":
                return MODAL_ADVERBS[c.lower_]
        g = MODAL_GOVERNORS.get(h.lemma_.lower())
        if g and not (g == "reported" and x.dep_ == "advcl"):
            return g
        x = h
    return "asserted"


def _sources(doc: Doc, found: dict[int, Event]) -> None:
    """'X reported (that) ...', '... , X said', 'according to (a report in) X' -> prov:wasAttributedTo X."""
    for i, ev in found.items():
        if ev.type not in SPEECH_TYPES or not ev.agents:
            continue
        t = doc[i]
        src = [k for k in ev.agents if k.startswith(("org:", "person:"))]
        if not src:
            continue
        for c in t.children:
            if c.dep_ in ("ccomp", "parataxis"):
                for x in c.subtree:
                    if x.i in found and x.i != i:
                        found[x.i].sources += [k for k in src if k not in found[x.i].sources]
        if t.dep_ in ("parataxis", "ccomp") and t.head.i in found and ev.type == "Report":
            h = found[t.head.i]
            h.sources += [k for k in src if k not in h.sources]
            for x in t.head.subtree:
                if x.i in found and x.i != i and x.i != t.head.i and not _inside(x, t):
                    found[x.i].sources += [k for k in src if k not in found[x.i].sources]
    for t in doc:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            src = []
            for x in doc[t.i + 1].subtree:
                k = docdata.token_keys(doc).get(x.i)
                if k and k.startswith(("org:", "person:")):
                    src.append(k)
                    break
            if not src:
                continue
            sent = t.sent
            for i, ev in found.items():
                if sent.start <= i < sent.end and not (t.i <= i < max(x.i for x in doc[t.i + 1].subtree) + 1):
                    ev.sources += [k for k in src if k not in ev.sources]
                    if ev.modality == "asserted":
                        ev.modality = "reported"


def _inside(x: Token, t: Token) -> bool:
    return x.i == t.i or any(a.i == t.i for a in x.ancestors)
