"""Store-wide identity: one key (hence one IRI) per real entity across documents.

The NLP gives each document's entities a canonical key where the name allows it ("country:US",
"org:IN/foreign_ministry", "person:narendra_modi") and merges name variants *within* the document.
This stage maps those document-local keys to store-wide keys, using the person records of every
document in the index (kg/corpus/index.py), grouped by surname. The Corpus stage (kg/corpus/stage.py)
runs it between extraction and mapping, and again over the surnames a build touched
(`Corpus.finish`), re-mapping the few documents whose keys changed.

The rule for people (a pure function of the records sharing a surname, so the final keys do not
depend on the order documents were built in):

1. A name is its tokens without honorifics and titles ("PM Modi", "Prime Minister Narendra Modi",
   "Mr Modi" -> "Modi", "Narendra Modi").
2. Full names (two tokens or more) with the same first and last token, where one's tokens are a
   subsequence of the other's ("Vinay Kwatra" < "Vinay Mohan Kwatra"), and no conflicting known
   nationality, are one person keyed by the fullest name: `person:vinay_mohan_kwatra`. A name
   contained in two different fuller names stays its own.
3. A surname alone ("Modi") joins the one full-name person with that surname that shares some
   evidence with it — the same nationality, a common job title, or a co-mentioned country,
   organisation or place — and conflicts on none. With no such person, or with several, it stays
   alone; lone surnames from different documents are one person only if they share such evidence,
   otherwise each gets its own key (`person:harper--<hash>`).

Limits: identical full names are one person (two "John Smith"s with no nationality are merged);
evidence is coarse (two unrelated people both co-mentioned with "United States" may merge).
Countries and places are keyed by the gazetteer (ISO code, GeoNames), organisations by name.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from kg.lexicon import words
from kg.model import Entity, ExtractedDocument, Pred, Relation, keys
from kg.model.keys import Space, slug

#: words dropped from person names before comparing them (titles and honorifics, lower case)


def _title_words() -> frozenset[str]:
    return words.name_title_words()


def spelling(word: str) -> str:
    """The key a word of a person's name is compared by across documents: transliterations of one name
    fold to one key ("Zelenskyy", "Zelensky", "Zelenskiy" -> "zelenski"; kg/lexicon/data/spellings.tsv)."""
    pairs, rules = words.spellings()
    w = unicodedata.normalize("NFKD", word.replace("’", "'")).encode("ascii", "ignore").decode().lower().strip(".")
    w = pairs.get(w, w)
    for rx, rep in rules:
        w = rx.sub(rep, w)
    return w


def surname_key(word: str) -> str:
    """What person records are grouped by (the index's `surname`): the spelling key of the last name."""
    return slug(spelling(word)) or slug(word)


def spelled(toks: list[str]) -> str:
    return " ".join(spelling(t) for t in toks)


def name_tokens(label: str) -> list[str]:
    toks = [t for t in re.split(r"\s+", label.replace("’", "'").strip()) if t]
    toks = [re.sub(r"'s$", "", t) for t in toks]
    out = [t for t in toks if t.lower().strip(".,") not in _title_words() and re.search(r"\w", t)]
    return out or toks[-1:]


@dataclass
class PersonRecord:
    doc: str
    local: str                      # the document-local key
    label: str
    tokens: list[str]
    nat: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)
    assigned: str = ""

    @property
    def surname(self) -> str:
        """The spelling key of the last name: the records that may be one person share it."""
        return surname_key(self.tokens[-1])

    def row(self):
        return (self.doc, self.local, self.surname, self.label, json.dumps(self.tokens),
                json.dumps(sorted(self.nat)), json.dumps(sorted(self.titles)), json.dumps(sorted(self.context)),
                self.assigned)

    @classmethod
    def from_row(cls, r) -> "PersonRecord":
        doc, local, _surname, label, tokens, nat, titles, context, assigned = r
        return cls(doc, local, label, json.loads(tokens), set(json.loads(nat)), set(json.loads(titles)),
                   set(json.loads(context)), assigned)


@dataclass
class Decision:
    key: str
    label: str
    reason: str


def person_records(doc: ExtractedDocument) -> list[PersonRecord]:
    """One record per person entity of a document (with its document-local key)."""
    nat: dict[str, set[str]] = {}
    for r in doc.relations:
        if r.predicate == Pred.NATIONALITY and keys.in_space(r.object, Space.COUNTRY):
            nat.setdefault(r.subject, set()).add(r.object)
    context = {k for k in doc.entities if not keys.in_space(k, Space.PERSON, Space.GROUP)}
    out = []
    for k, e in doc.entities.items():
        if not e.kind.is_person:
            continue
        toks = name_tokens(e.label)
        out.append(PersonRecord(doc.article.id, k, e.label, toks, nat.get(k, set()),
                                {t.lower() for t in e.job_titles}, context))
    return out


# --- the rule ------------------------------------------------------------------------------------

def _low(toks):
    return [spelling(t) for t in toks]


def _subsumes(a: list[str], b: list[str]) -> bool:
    """Full name a contains full name b: same first and last token, b a subsequence of a."""
    a, b = _low(a), _low(b)
    if len(a) <= len(b) or a[-1] != b[-1]:
        return False
    if a[0] != b[0] and not (len(b[0]) == 1 and a[0].startswith(b[0])):
        return False
    it = iter(a)
    return all(any(x == y or (len(y) == 1 and x.startswith(y)) for x in it) for y in b)


def compatible_nat(a: set[str], b: set[str]) -> bool:
    return not a or not b or bool(a & b)


@dataclass
class Known:
    """What is known of one person (a full name, or the names taken as one person): the union of the
    evidence of its records."""

    label: str
    tokens: list[str] = field(default_factory=list)
    nat: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)
    records: list[PersonRecord] = field(default_factory=list)

    def absorb(self, o: PersonRecord | Known) -> None:
        self.nat |= o.nat
        self.titles |= o.titles
        self.context |= o.context


def resolve_group(records: list[PersonRecord]) -> dict[tuple[str, str], Decision]:
    """Store-wide keys for all person records sharing a surname; a pure function of the set."""
    out: dict[tuple[str, str], Decision] = {}
    names = _full_names([r for r in records if len(r.tokens) >= 2])
    canon, why = canonical(names)
    people: dict[str, Known] = {}
    for s, c in canon.items():
        people.setdefault(c, Known(names[c].label)).absorb(names[s])
        for r in names[s].records:
            reason = why[s]
            if slug(" ".join(r.tokens)) != slug(names[s].label):
                reason += (f"; '{' '.join(r.tokens)}' is another spelling of '{names[s].label}' (one spelling key, "
                           f"'{s}', once transliteration variants are folded)")
            out[(r.doc, r.local)] = Decision(person_key(names[c]), names[c].label, reason)
    lone = _surnames_joining(sorted((r for r in records if len(r.tokens) < 2), key=lambda r: (r.doc, r.local)),
                             people, out)
    _surnames_alone(lone, people, out)
    return out


def _full_names(full: list[PersonRecord]) -> dict[str, Known]:
    """Distinct full names (by slug), each with the union of its records' evidence."""
    names: dict[str, Known] = {}
    for r in sorted(full, key=lambda r: (spelled(r.tokens), slug(" ".join(r.tokens)), r.label, r.doc)):
        n = names.setdefault(spelled(r.tokens), Known(" ".join(r.tokens), r.tokens))
        n.absorb(r)
        n.records.append(r)
    for n in names.values():
        # of the spellings of one name, the one most records use (then the first in order) names it
        counts = Counter(" ".join(r.tokens) for r in n.records)
        n.label = min(counts, key=lambda form: (-counts[form], slug(form), form))
        n.tokens = n.label.split()
    return names


def person_key(n: Known) -> str:
    return keys.make(Space.PERSON, slug(n.label))


def canonical(names: dict[str, Known]) -> tuple[dict[str, str], dict[str, str]]:
    """Each full name's canonical name (the one fuller name containing it, or itself), and why."""
    def sup(s: str) -> list[str]:
        n = names[s]
        return sorted(m for m, o in names.items()
                      if m != s and _subsumes(o.tokens, n.tokens) and compatible_nat(o.nat, n.nat))

    maximal = {s for s in names if not sup(s)}
    canon: dict[str, str] = {}
    why: dict[str, str] = {}
    for s in names:
        above = [m for m in sup(s) if m in maximal]
        if s in maximal:
            canon[s], why[s] = s, "fullest known form of this name"
        elif len(above) == 1:
            canon[s] = above[0]
            why[s] = (f"'{names[s].label}' has the first and last name of the fuller '{names[above[0]].label}'"
                      " and no conflicting nationality")
        else:
            canon[s] = s
            why[s] = (f"'{names[s].label}' fits several fuller names "
                      f"({', '.join(names[m].label for m in above)}); kept apart")
    return canon, why


def _surnames_joining(short: list[PersonRecord], people: dict[str, Known],
                      out: dict[tuple[str, str], Decision]) -> list[tuple[PersonRecord, list[str]]]:
    """A surname alone joins the one person it shares evidence with (decided into `out`); the others are
    returned with the labels of the persons they could be."""
    lone = []
    for r in short:
        cands = [(c, ev) for c in sorted(people)
                 if compatible_nat(r.nat, people[c].nat) and (ev := shared_evidence(r, people[c]))]
        if len(cands) == 1:
            c, ev = cands[0]
            out[(r.doc, r.local)] = Decision(person_key(people[c]), people[c].label,
                                             f"'{r.label}' names only the surname of '{people[c].label}', the only "
                                             f"person with that surname sharing evidence with it ({ev})")
        else:
            lone.append((r, [people[c].label for c, _ in cands]))
    return lone


def _surnames_alone(lone: list[tuple[PersonRecord, list[str]]], people: dict[str, Known],
                    out: dict[tuple[str, str], Decision]) -> None:
    """Lone surnames among themselves: one person per group connected by shared evidence."""
    comps = _connected([r for r, _ in lone])
    ambiguous = {(r.doc, r.local): amb for r, amb in lone}
    for comp in comps:
        name = slug(comp[0].tokens[-1])
        if len(comps) > 1:
            name += f"--{hashlib.sha1(min((x.doc, x.local) for x in comp)[0].encode()).hexdigest()[:6]}"
        label = comp[0].tokens[-1]
        for x in comp:
            if amb := ambiguous[(x.doc, x.local)]:
                reason = f"'{x.label}' could be any of {', '.join(amb)}; kept apart"
            elif people:
                reason = (f"no known person with this surname ({', '.join(sorted(p.label for p in people.values()))})"
                          f" shares a nationality, title or context with '{x.label}'; kept apart")
            else:
                reason = "no full name with this surname is known"
            if len(comp) > 1:
                reason += f"; joined with {len(comp) - 1} other mention(s) of '{label}' sharing evidence"
            elif len(comps) > 1:
                reason += "; other lone mentions of this surname share no evidence with it"
            out[(x.doc, x.local)] = Decision(keys.make(Space.PERSON, name), label, reason)


def _connected(records: list[PersonRecord]) -> list[list[PersonRecord]]:
    """The groups of records linked, directly or through others, by shared evidence and compatible
    nationalities; each group is listed from its last record (in the order given) back, the one it is named
    by. Near-linear: records are linked through what they share (a nationality, a title, a co-mentioned
    entity), never compared pair by pair."""
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    sharing: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        for atom in [f"n {x}" for x in r.nat] + [f"t {x}" for x in r.titles] + [f"c {x}" for x in r.context]:
            sharing.setdefault(atom, []).append(i)
    for idx in sharing.values():
        by_nat: dict[frozenset[str], list[int]] = {}
        for i in idx:
            by_nat.setdefault(frozenset(records[i].nat), []).append(i)
        classes = list(by_nat.items())
        for k, (nat, members) in enumerate(classes):
            for i in members[1:]:
                union(members[0], i)          # one nationality (or none) shared: all compatible
            for other, others in classes[k + 1:]:
                if compatible_nat(nat, other):
                    union(members[0], others[0])
    comps: dict[int, list[PersonRecord]] = {}
    for i in range(len(records)):
        comps.setdefault(find(i), []).append(records[i])
    return [c[::-1] for c in comps.values()]


def shared_evidence(r: PersonRecord, o: PersonRecord | Known) -> str:
    """What r shares with o (nationality, job title, co-mentioned entities), or ""."""
    parts = []
    if r.nat & o.nat:
        parts.append("nationality " + ", ".join(sorted(keys.iso_of(x) or x for x in r.nat & o.nat)))
    if r.titles & o.titles:
        parts.append("title " + ", ".join(sorted(r.titles & o.titles)))
    if r.context & o.context:
        ctx = sorted(r.context & o.context)
        parts.append("co-mentioned " + ", ".join(ctx[:3]) + (" …" if len(ctx) > 3 else ""))
    return "; ".join(parts)


# --- applying keys to a document --------------------------------------------------------------------

def apply(doc: ExtractedDocument, decisions: dict[str, Decision]) -> ExtractedDocument:
    """A copy of `doc` with local keys replaced by store-wide ones (entities merged where two meet)."""
    if not decisions or all(d.key == k and d.label == doc.entities[k].label for k, d in decisions.items()
                            if k in doc.entities):
        return doc
    ren = {k: d.key for k, d in decisions.items()}

    def k2(k: str) -> str:
        return ren.get(k, k)

    ents: dict[str, Entity] = {}
    for k, e in doc.entities.items():
        nk = k2(k)
        label = decisions[k].label if k in decisions else e.label
        alts = set(e.alt_labels) | {e.label}
        if nk in ents:
            m = ents[nk]
            m.alt_labels |= alts
            m.mentions.extend(x for x in e.mentions if x not in m.mentions)
            m.job_titles |= e.job_titles
            m.same_as.extend(x for x in e.same_as if x not in m.same_as)
            m.is_actor = m.is_actor or e.is_actor
        else:
            ents[nk] = replace(e, key=nk, label=label, alt_labels=alts, mentions=list(e.mentions),
                               job_titles=set(e.job_titles), same_as=list(e.same_as))
    rels, seen = [], set()
    for r in doc.relations:
        nr = Relation(k2(r.subject), r.predicate, k2(r.object), r.evidence)
        sig = (nr.subject, nr.predicate, nr.object)
        if sig in seen or nr.subject == nr.object:
            continue
        seen.add(sig)
        rels.append(nr)

    def ks(xs):
        return list(dict.fromkeys(k2(x) for x in xs))

    events = [replace(ev, agents=ks(ev.agents), patients=ks(ev.patients), participants=ks(ev.participants),
                      places=ks(ev.places), sources=ks(ev.sources)) for ev in doc.events]
    return ExtractedDocument(article=doc.article, sentences=doc.sentences, entities=ents, events=events,
                             relations=rels, times=doc.times)
