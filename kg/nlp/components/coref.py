"""`kg_coref`: rule-based coreference within a document, and the roles people hold.

- role nominals ("the French leader", "the Chinese president") resolve to the one person of that
  nationality (and title, when several) already in the document; a bare "the president" to the person
  last mentioned with that title;
- descriptions ("Acme ... the company said", "the ministry", "the country", "the city") resolve to the
  entity of the kind the noun says mentioned last before them, never to another argument of their clause;
- pronouns resolve to the nearest entity before them of a kind they can stand for (he, his, she,
  her: a person; it/its: a country or organisation; they/them/their: a group or an institution);
- titles before a name or in apposition ("Dutch prime minister Mark Rutte", "Ola Nordmann,
  Norway's foreign ministry spokesperson") give schema:jobTitle, schema:nationality and
  schema:worksFor, each grounded in its sentence.

Word lists come from kg/nlp/data/coref.tsv and the shared lexicons (titles, pronouns, group nouns,
org_heads), named in the component's config; titles and role heads are found by PhraseMatchers.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.lexicon import gazetteer as gz
from kg.lexicon import words as wordlists
from kg.lexicon.files import path_of, word_lists
from kg.model import Mention, Relation, keys
from kg.model.keys import Space
from kg.model.kinds import Kind
from kg.model.predicates import Pred
from kg.nlp import docdata
from kg.nlp.phrases import Found, Phrases

WORDS = path_of("coref.tsv", "kg.nlp")
#: a title is looked up ending right before a name, up to this many words
TITLE_WORDS = 6


@dataclass(frozen=True)
class Lexicons:
    titles: frozenset[str]
    pronouns: MappingProxyType[str, frozenset[Kind]]
    possessed: frozenset[str]        # "its citizens", "its military": what only a country's "its" owns
    country_nominals: frozenset[str]
    role_heads: frozenset[str]
    described: MappingProxyType[str, frozenset[Kind]]   # "the company": the last organisation named
    role_modifiers: frozenset[str]                      # "the outgoing chancellor": still the one named
    role_aliases: MappingProxyType[str, frozenset[str]]  # "the monarch": the king named


#: the lists of descriptions in WORDS and the kinds of entity each may refer to
_DESCRIBED = {"described_org": frozenset({Kind.ORGANIZATION, Kind.NEWS_MEDIA_ORGANIZATION}),
              "described_government": frozenset({Kind.GOVERNMENT_ORGANIZATION}),
              "described_country": frozenset({Kind.COUNTRY}), "described_city": frozenset({Kind.CITY}),
              "described_area": frozenset({Kind.ADMINISTRATIVE_AREA})}


@Language.factory("kg_coref", default_config={"words": WORDS, "titles": wordlists.TITLES,
                                              "pronouns": wordlists.PRONOUNS, "group_nouns": wordlists.GROUP_NOUNS,
                                              "org_heads": wordlists.ORG_HEADS})
def make_coref(nlp: Language, name: str, words: str, titles: str, pronouns: str, group_nouns: str,
               org_heads: str) -> Coref:
    lists = word_lists(words, ("country_nominal", "role_head", "role_modifier", "role_alias", *_DESCRIBED),
                       phrases=("role_head", "role_alias"))
    described = {w: kinds for name, kinds in _DESCRIBED.items() for w in lists[name]}
    aliases: dict[str, set[str]] = {}
    for entry in lists["role_alias"]:
        alias, _, title = entry.partition("=")
        aliases.setdefault(alias.strip(), set()).add(title.strip())
    lex = Lexicons(wordlists.titles(titles), wordlists.pronouns(pronouns),
                   wordlists.group_nouns(group_nouns) | frozenset(wordlists.org_heads(org_heads)),
                   lists["country_nominal"], lists["role_head"] | frozenset(aliases), MappingProxyType(described),
                   lists["role_modifier"], MappingProxyType({a: frozenset(ts) for a, ts in aliases.items()}))
    return Coref(nlp, lex)


class Coref:
    """The component: lexicons loaded and the title and role PhraseMatchers compiled once."""

    def __init__(self, nlp: Language, lex: Lexicons):
        self.lex = lex
        self.titles = Phrases(nlp, lex.titles)
        self.roles = Phrases(nlp, lex.role_heads)
        self.nominals = Phrases(nlp, lex.country_nominals)

    def __call__(self, doc: Doc) -> Doc:
        _roles(doc, self.titles(doc))
        _role_nominals(doc, self.roles(doc), self.nominals(doc), self.lex)
        _descriptions(doc, self.lex)
        _pronouns(doc, self.lex)
        return doc


def _add_rel(doc: Doc, rel: Relation) -> None:
    rels = docdata.relations(doc)
    if all((r.subject, r.predicate, r.object) != (rel.subject, rel.predicate, rel.object) for r in rels):
        rels.append(rel)


def _roles(doc: Doc, titles: Found) -> None:
    ents = docdata.entities(doc)
    for key, ent in list(ents.items()):
        if ent.kind is not Kind.PERSON:
            continue
        for m in ent.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            # titles before the name: "US Secretary of State Antony Blinken", "Dutch prime minister X"
            _apply_role(doc, key, span, _title_before(doc, span.start, titles))
            # appositions: "X, Norway's foreign ministry spokesperson," / "X, the president of Mexico"
            for a in span.root.children:
                if a.dep_ == "appos":
                    _apply_role(doc, key, span, _title_in(list(a.subtree), titles))
            # the name in apposition to a title: "Qatar's prime minister, Mohammed Al Thani, said"
            if span.root.dep_ == "appos" and span.root.head.i < span.start:
                h = span.root.head
                _apply_role(doc, key, span, _title_in([t for t in h.subtree if t.i <= h.i], titles))
            # "its board chair, Ana Ruiz, will ...": a title, then the name between commas
            if span.start >= 2 and doc[span.start - 1].text == "," and span.end < len(doc) \
                    and doc[span.end].text == ",":
                _apply_role(doc, key, span, _title_before(doc, span.start - 1, titles))
            for group in _predicated(span):
                _apply_role(doc, key, span, _title_in(group, titles))


def _predicated(span: Span) -> list[list[Token]]:
    """What a clause says the person is or becomes: "X, who became Acme's chief operating officer",
    "X would be taking over as interim head coach", "X was named as its envoy"."""
    root = span.root
    clauses = [c for c in root.children if c.dep_ == "relcl"]
    verbs = clauses + ([root.head] if root.dep_ in ("nsubj", "nsubjpass") else [])
    out = []
    for v in clauses:       # a relative clause states it ("who became"); a main clause may only muse on it
        out += [_phrase(c) for c in v.children if c.dep_ in ("attr", "oprd") and c.pos_ == "NOUN"]
    for v in verbs:
        # "as" a role, not as another person ("will star as prosecutor Jim Garrison": an actor's part)
        out += [_phrase(o) for p in v.children if p.dep_ == "prep" and p.lower_ == "as"
                for o in p.children if o.dep_ == "pobj" and o.ent_type_ != "PERSON"]
    return out


def _phrase(noun: Token) -> list[Token]:
    """The noun with the words before it in its phrase ("Acme's chief operating officer"), not the
    clauses after it."""
    return [t for t in noun.subtree if t.i <= noun.i]


def _title_before(doc: Doc, j: int, titles: Found) -> tuple[str, list[Token]] | None:
    """The longest job title ending right before token j (no punctuation in it but hyphens), with the
    run of tokens right before it (its country or organisation)."""
    for k in titles.ending_at(j):
        if j - k > TITLE_WORDS or any(t.is_punct and t.text != "-" for t in doc[k:j]):
            continue
        left = list(doc[max(0, k - 4):k])
        while left and (left[0].is_punct or left[0].pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ")
                        or left[0].is_sent_start is False and any(x.is_punct for x in left[1:])):
            left = left[1:]
        # keep only the run of tokens that directly precedes the title (no punctuation between)
        run: list[Token] = []
        for t in reversed(left):
            if t.is_punct and t.text not in ("'s", "’s") or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ"):
                break
            run.insert(0, t)
        return titles.spans[k, j], run
    return None


def _title_in(group: list[Token], titles: Found) -> tuple[str, list[Token]] | None:
    """The longest job title among the tokens of `group` (the first of equally long ones), with the
    group's other tokens."""
    inside = {t.i for t in group}
    best: tuple[str, int, int] | None = None
    for (s, e), title in sorted(titles.spans.items(), key=lambda m: (m[0][0], -m[0][1])):
        if all(i in inside for i in range(s, e)) and (best is None or len(title) > len(best[0])):
            best = (title, s, e)
    if best is None:
        return None
    title, s, e = best
    return title, [t for t in group if not s <= t.i < e]


def _apply_role(doc: Doc, key: str, span: Span, found: tuple[str, list[Token]] | None) -> None:
    if not found:
        return
    title, context = found
    ents = docdata.entities(doc)
    tok2key = docdata.token_keys(doc)
    ents[key].job_titles.add(title)
    ev = docdata.sentence_evidence(span.root)
    for t in context:
        k = tok2key.get(t.i)
        if keys.in_space(k, Space.ORG):
            _add_rel(doc, Relation(key, Pred.WORKS_FOR, k, ev))
            return
    iso = None
    for i, t in enumerate(context):
        k = tok2key.get(t.i)
        if keys.in_space(k, Space.COUNTRY):
            iso = keys.iso_of(k)
        elif t.ent_type_ in ("NORP", "GPE"):
            # "South Korean": a demonym of two words
            two = " ".join(x.text for x in context[i:i + 2])
            iso = gz.country_of(two) or gz.country_of(t.text) or iso
    # "the president of Mexico"
    for t in context:
        if t.lower_ == "of":
            for o in t.children:
                k = tok2key.get(o.i)
                if keys.in_space(k, Space.COUNTRY):
                    iso = keys.iso_of(k)
                elif keys.in_space(k, Space.ORG):
                    _add_rel(doc, Relation(key, Pred.WORKS_FOR, k, ev))
                    return
    if iso and iso in gz.countries():
        _add_rel(doc, Relation(key, Pred.NATIONALITY, docdata.ensure_country(doc, iso), ev))


def _nationality(doc: Doc, key: str) -> set[str]:
    return {r.object for r in docdata.relations(doc)
            if r.subject == key and r.predicate in (Pred.NATIONALITY, Pred.WORKS_FOR)}


def _role_nominals(doc: Doc, roles: Found, nominals: Found, lex: Lexicons) -> None:
    """"the Japanese leader": the person of that nationality already named; "the Chinese side": the country."""
    tok2key = docdata.token_keys(doc)
    sent_index = docdata.sentence_numbers(doc)
    nominal_ends = {e for s, e in nominals.spans if e - s == 1}
    for end in sorted({e for _, e in roles.spans} | nominal_ends):
        t = doc[end - 1]
        if t.i in tok2key or t.pos_ != "NOUN":
            continue
        if end in nominal_ends:
            _country_nominal(doc, t, sent_index)
        else:
            _role_nominal(doc, t, roles.spans[roles.ending_at(end)[0], end], sent_index, lex)


def _demonym_and_the(t: Token) -> tuple[str | None, Token | None]:
    """The country of a demonym modifying t, and t's "the"; (None, None) unless it has both."""
    dem = [c for c in t.children if c.dep_ in ("amod", "compound", "nmod") and gz.demonyms().get(c.lower_)]
    det = [c for c in t.children if c.dep_ == "det" and c.lower_ == "the"]
    return (gz.demonyms()[dem[0].lower_], det[0]) if dem and det else (None, None)


def _role_nominal(doc: Doc, t: Token, head_text: str, sent_index: dict[int, int], lex: Lexicons) -> None:
    iso, the = _demonym_and_the(t)
    ents = docdata.entities(doc)
    if iso is None:
        # a bare "the president": the person last mentioned with that title ("President Ana Ruiz ... the
        # president"), or with a title the head stands for ("King X ... the monarch")
        the = _bare_the(t, len(head_text.split()), lex.role_modifiers)
        heads = lex.role_aliases.get(head_text, frozenset()) | {head_text}
        cands = [k for k, e in ents.items() if e.kind is Kind.PERSON and any(m.start < t.idx for m in e.mentions)
                 and any(h == jt or jt.endswith(" " + h) for jt in e.job_titles for h in heads)]
        cands = [k for k in cands if k not in _clause_mates(doc, t)] if the is not None else []
    else:
        cands = [k for k, e in ents.items() if e.kind is Kind.PERSON and any(m.start < t.idx for m in e.mentions)
                 and keys.country(iso) in _nationality(doc, k)]
    if len(cands) > 1 and iso is not None:
        titled = [k for k in cands if any(head_text in jt or jt in head_text for jt in ents[k].job_titles)]
        cands = titled or cands
    if not cands:
        return
    # the most recently mentioned candidate
    key = max(cands, key=lambda k: max(m.start for m in ents[k].mentions if m.start < t.idx))
    _mention(doc, key, doc[the.i:t.i + 1], sent_index)


def _bare_the(t: Token, words: int, allowed: frozenset[str] = frozenset()) -> Token | None:
    """The "the" of "the <noun>" (the noun's phrase of `words` words ending at t), when nothing else modifies
    it ("the parent company", "the city of X" are other things) but the `allowed` adjectives ("the outgoing
    president"); a possessive is still the entity ("the company's acquisition of X")."""
    left = [c for c in t.children if (c.i < t.i - words + 1 or (c.i < t.i and c.dep_ not in ("compound", "amod")))
            and not (c.dep_ == "amod" and c.lower_ in allowed)]
    right = [c for c in t.children
             if c.i > t.i and (c.dep_ in ("prep", "appos") or (c.dep_ == "case" and t.dep_ != "poss"))]
    if len(left) != 1 or left[0].lower_ != "the" or left[0].dep_ != "det" or right or t.dep_ == "compound":
        return None
    return left[0]


def _clause_mates(doc: Doc, t: Token) -> set[str]:
    """The entities of the other arguments of t's verb ("Acme sued the company": not Acme)."""
    tok2key = docdata.token_keys(doc)
    verb = t.head if t.dep_ != "pobj" else t.head.head
    mates = {tok2key.get(x.i) for c in verb.children if c.i != t.i for x in c.subtree}
    return mates | {tok2key.get(verb.i)}


def _descriptions(doc: Doc, lex: Lexicons) -> None:
    """"the company", "the ministry", "the city": the entity of that kind mentioned last before it."""
    ents = docdata.entities(doc)
    tok2key = docdata.token_keys(doc)
    sent_index = docdata.sentence_numbers(doc)
    for t in doc:
        kinds = lex.described.get(t.lower_) if t.pos_ == "NOUN" and t.tag_ == "NN" else None
        if not kinds or t.i in tok2key or docdata.in_skip(doc, t.idx, t.idx + len(t)):
            continue
        the = _bare_the(t, 1)
        if the is None:
            _capital(doc, t, sent_index)
            continue
        mates = _clause_mates(doc, t)
        last = {k: max(m.start for m in e.mentions if m.start < the.idx) for k, e in ents.items()
                if e.kind in kinds and k not in mates and any(m.start < the.idx for m in e.mentions)}
        if last:
            _mention(doc, max(last, key=last.get), doc[the.i:t.i + 1], sent_index)


def _capital(doc: Doc, t: Token, sent_index: dict[int, int]) -> None:
    """"the Ukrainian capital": the country's capital, when the document names it."""
    iso, the = _demonym_and_the(t)
    capital = gz.countries()[iso].capital if t.lower_ == "capital" and iso in gz.countries() else None
    if capital is None:
        return
    for k, e in docdata.entities(doc).items():
        if e.kind is Kind.CITY and gz.norm(capital) in {gz.norm(x) for x in (e.label, *e.alt_labels)}:
            _mention(doc, k, doc[the.i:t.i + 1], sent_index)
            return


def _country_nominal(doc: Doc, t: Token, sent_index: dict[int, int]) -> None:
    """"the Russian side", "the Indian side": the country itself."""
    iso, the = _demonym_and_the(t)
    if iso is not None:
        _mention(doc, docdata.ensure_country(doc, iso), doc[the.i:t.i + 1], sent_index)


def _mention(doc: Doc, key: str, span: Span, sent_index: dict[int, int]) -> None:
    docdata.entities(doc)[key].mentions.append(Mention(span.start_char, span.end_char, span.text,
                                                       sent_index.get(span[-1].sent.start, -1)))
    tok2key = docdata.token_keys(doc)
    for x in span:
        tok2key[x.i] = key


def _pronouns(doc: Doc, lex: Lexicons) -> None:
    """Resolve pronouns: the nearest compatible mention before them in the sentence, else the
    subject of an earlier sentence (within two), else the nearest; never a co-argument of the
    same verb ("He thanked Xi": he is not Xi)."""
    ents = docdata.entities(doc)
    tok2key = docdata.token_keys(doc)
    sents = list(doc.sents)
    sent_no = {s.start: i for i, s in enumerate(sents)}
    for t in doc:
        want = lex.pronouns.get(t.lower_)
        if t.pos_ != "PRON" or t.i in tok2key or want is None:
            continue
        clause_mates = {tok2key.get(c.i) for c in t.head.children if c.i != t.i} | {tok2key.get(t.head.i)}
        # "its citizens", "its military": a possessive of a people or an institution is a country's
        only_country = t.lower_ == "its" and gz.norm(t.head.text) in lex.possessed

        def ok(j: int) -> str | None:
            k = tok2key.get(j)
            if not k or k not in ents or ents[k].kind not in want or k in clause_mates:
                return None
            if docdata.in_skip(doc, doc[j].idx, doc[j].idx + 1):
                return None
            if only_country and ents[k].kind is not Kind.COUNTRY:
                return None
            return k

        found = next((k for j in range(t.i - 1, t.sent.start - 1, -1) if (k := ok(j))), None)
        if not found:
            found = _in_earlier_sentences(sents, sent_no[t.sent.start], ok)
        if found:
            tok2key[t.i] = found


def _in_earlier_sentences(sents: list[Span], i: int, ok) -> str | None:
    """The subject of one of the two sentences before sentence i that `ok` accepts, else its nearest mention."""
    for prev in reversed(sents[max(0, i - 2):i]):
        subjects = [x for x in prev if x.dep_ in ("nsubj", "nsubjpass") and ok(x.i)]
        if subjects:
            return ok(subjects[0].i)
        nearest = [ok(x.i) for x in reversed(prev) if ok(x.i)]
        if nearest:
            return nearest[0]
    return None
