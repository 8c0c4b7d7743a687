"""Nominal organisations of a country ("Brazil's foreign ministry", "the French army", "its
military"): an org_heads phrase, found by the PhraseMatcher, with the country that owns it. Without
a country, "the ministry" is the one organisation of that name recently mentioned, or nothing."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from kg.lexicon import gazetteer as gz
from kg.model import Relation, keys
from kg.model.keys import Space
from kg.model.kinds import Kind
from kg.model.predicates import Pred
from kg.nlp import docdata
from kg.nlp.components.entities.registry import Registry
from kg.nlp.phrases import Found

if TYPE_CHECKING:
    from kg.nlp.components.entities.component import Lexicons

#: a phrase is looked up ending at a noun (up to this many words) or starting at it (these many)
ENDING_AT = (3, 2, 1)
STARTING_AT = (4, 3)


def add_nominal_organisations(doc: Doc, reg: Registry, lex: Lexicons, found: Found) -> None:
    taken = set(reg.tok2key)
    # the tokens a phrase ends or starts at, in document order: the only ones that can name one
    ends = {e - 1 for s, e in found.spans if e - s in ENDING_AT}
    starts = {s for s, e in found.spans if e - s in STARTING_AT}
    for i in sorted(ends | starts):
        t = doc[i]
        if t.pos_ not in ("NOUN", "PROPN") or t.i in taken:
            continue
        match = _phrase_at(doc, t, found)
        if match is None:
            continue
        head = match.root
        if head.i != t.i and match.end - 1 != t.i:
            continue
        # a count makes it a group ("500 troops"), not the institution
        if any(c.dep_ == "nummod" for c in head.children):
            continue
        iso, mod = _owner(doc, match, head, lex)
        canon, kind = lex.org_heads[found.spans[match.start, match.end]]
        if kind is Kind.COUNTRY:
            if iso is not None:
                _country_acting(doc, match, mod, iso, reg, lex)
        elif iso is None:
            _mentioned_before(doc, match, canon, kind, reg)
        else:
            _add_organisation(doc, match, mod, iso, canon, kind, reg, lex)


def _phrase_at(doc: Doc, t: Token, found: Found) -> Span | None:
    """The longest phrase ending at t ("foreign ministry", "armed forces"), not across a line break,
    else the longest starting at t ("ministry of external affairs")."""
    for n in ENDING_AT:
        start = t.i - n + 1
        if start >= 0 and (start, t.i + 1) in found:
            phrase = doc[start:t.i + 1]
            if not any(x.is_space or "\n" in x.text for x in phrase):
                return phrase
    for n in STARTING_AT:
        if t.i + n <= len(doc) and (t.i, t.i + n) in found:
            return doc[t.i:t.i + n]
    return None


def _owner(doc: Doc, match: Span, head: Token, lex: Lexicons) -> tuple[str | None, Token | None]:
    """The country that owns the phrase's organisation, and the word that names it."""
    iso, mod = country_modifier(head, doc, lex)
    if iso is None:
        # "the Brazilian foreign ministry" where the demonym modifies the first word of the phrase
        iso, mod = country_modifier(match[0], doc, lex)
    if iso is None and head.dep_ == "compound":
        # "Brazil's foreign ministry spokesperson": the possessor hangs on the compound's head
        iso, mod = country_modifier(head.head, doc, lex)
        if mod is not None and mod.i > match.start:
            iso, mod = None, None
    return iso, mod


def _mentioned_before(doc: Doc, match: Span, canon: str, kind: Kind, reg: Registry) -> None:
    """"police said": a definite mention of the one organisation of that name of a country named in the
    last three sentences, unless the sentence names another country."""
    same = [k for k in reg.ents if keys.in_space(k, Space.ORG) and (iso := keys.iso_of(k))
            and k == keys.organization(canon, iso)]
    if len(same) != 1:
        return
    key = same[0]
    country = keys.country(keys.iso_of(key))
    other_country = any(keys.in_space(k := reg.tok2key.get(x.i), Space.COUNTRY) and k != country for x in match.sent)
    sent_no = reg.sent_of(match[0])
    recent = any(0 <= sent_no - m.sentence <= 3 for m in reg.ents[key].mentions)
    the = match.start > 0 and doc[match.start - 1].lower_ == "the"
    definite = the or match[0].is_title
    if recent and definite and not other_country and match[0].dep_ != "compound":
        span = doc[match.start - 1:match.end] if the else match
        reg.add(key, kind, reg.ents[key].label, span)


def _span_of(doc: Doc, match: Span, mod: Token | None, lex: Lexicons) -> Span:
    """The phrase with the word naming its country ("the Kenyan foreign ministry", "Kenya's police");
    "the country's" is no name of it ("the country's Interior Ministry" -> "Interior Ministry")."""
    if mod is not None and mod.pos_ == "NOUN" and mod.lower_ in lex.country_possessive:
        return match
    start = match.start
    if mod is not None and mod.i < match.start and mod.lower_ not in lex.country_possessive:
        start = mod.i
    while start > 0 and doc[start - 1].tag_ == "POS":
        start -= 1
    return doc[mod.i:match.end] if mod is not None and mod.i < start else doc[start:match.end]


def _country_acting(doc: Doc, match: Span, mod: Token | None, iso: str, reg: Registry, lex: Lexicons) -> None:
    """"the Kenyan government", "Kenya's authorities": the country itself acting, a mention of it that
    is no name of it."""
    reg.mention(reg.ents[docdata.ensure_country(doc, iso)], _span_of(doc, match, mod, lex))


def _add_organisation(doc: Doc, match: Span, mod: Token | None, iso: str, canon: str, kind: Kind,
                      reg: Registry, lex: Lexicons) -> None:
    """The organisation of country `iso` (named by `mod`), located in it."""
    span = _span_of(doc, match, mod, lex)
    key = keys.organization(canon, iso)
    e = reg.add(key, kind, f"{gz.adjective_of(iso)} {canon}", span)
    e.alt_labels.add(f"{gz.countries()[iso].name}'s {canon}")
    rel = Relation(key, Pred.LOCATION, keys.country(iso), docdata.sentence_evidence(span[0]))
    if all((r.subject, r.object) != (rel.subject, rel.object) or r.predicate is not Pred.LOCATION for r in reg.rels):
        reg.rels.append(rel)
    docdata.ensure_country(doc, iso)


def country_modifier(tok: Token, doc: Doc, lex: Lexicons) -> tuple[str | None, Token | None]:
    """The country a noun is premodified by: 'Kenyan police', "Kenya's ministry", 'its military'."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i:
            iso = gz.country_of(c.text)
            if iso:
                return iso, c
            if c.dep_ == "poss" and c.lower_ in lex.country_possessive:
                iso = _antecedent_country(doc, c)
                if iso:
                    return iso, c
            # "Brazil's foreign ministry spokesperson": the possessor of a compound head
            if c.dep_ == "compound":
                iso, m = country_modifier(c, doc, lex)
                if iso:
                    return iso, m
    return None, None


def _antecedent_country(doc: Doc, tok: Token) -> str | None:
    """Nearest country mentioned before `tok` in this or the previous sentence (for 'its'); for "the
    country's" the country that is a subject before it in the sentence, if one is."""
    start = tok.sent.start
    if start > 0:
        start = doc[start - 1].sent.start   # and the sentence before
    # a country named outright beats a demonym ("Iran ... all French citizens ... its prisons")
    tok2key = docdata.token_keys(doc)
    ents = docdata.entities(doc)
    if tok.pos_ == "NOUN":
        # "the country's": the country the sentence is about, its subject ("Norway handed him over to
        # Chile, which had sought him, the country's justice ministry said")
        subjects = [t for t in tok.sent if t.i < tok.i and t.dep_ == "nsubj"
                    and keys.in_space(tok2key.get(t.i), Space.COUNTRY)]
        if subjects:
            return keys.iso_of(tok2key[subjects[0].i])
    for types in (("GPE",), ("NORP",)):
        for t in reversed(doc[start:tok.i]):
            if t.ent_type_ in types:
                k = tok2key.get(t.i)
                if keys.in_space(k, Space.COUNTRY):
                    return keys.iso_of(k)
                if k in ents:   # "New Delhi ... its nationals": a seat of government stands for its country
                    p = gz.places().get(gz.norm(ents[k].label))
                    if p is not None and p.seat_of:
                        return p.seat_of
                iso = gz.country_of(t.text) or _seat_country(t)
                if iso:
                    return iso
    return None


def _seat_country(t: Token) -> str | None:
    """'Washington' (a capital or seat of government, standing for its country) -> 'US'."""
    p = gz.places().get(gz.norm(t.text))
    return p.seat_of if p is not None and p.seat_of else None
