"""Groups of people ("two Nepali nationals", "about 20 people", "a group of men", "Tens of thousands
of Georgians"): one entity per mention (a group exists in its document only), with its count, the
count's qualifier and upper bound, its nationality and where its members are from."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from kg.lexicon import gazetteer as gz
from kg.model import Relation, keys
from kg.model.keys import Space
from kg.model.kinds import Kind
from kg.model.predicates import Pred
from kg.nlp import docdata
from kg.nlp.components.entities.nominal import country_modifier
from kg.nlp.components.entities.registry import Registry

if TYPE_CHECKING:
    from kg.nlp.components.entities.component import Lexicons

_RANGE = re.compile(r"\d[\d,]*\s*(to|-|–|and)\s*\d|\b(between|from)\b")


def add_groups(doc: Doc, reg: Registry, lex: Lexicons) -> None:
    for t in doc:
        head = _group_head(doc, t, reg, lex)
        if head is None:
            continue
        iso, _ = country_modifier(head, doc, lex)
        if _is_demonym(t):
            iso = gz.demonyms()[t.lower_]
        partitive = head.head if head.head.lower_ == "of" and head.head.head.like_num else None
        count, qual, count_max = _count(head, partitive, lex)
        if count is None and iso is None and not _counted_or_acting(head, lex):
            continue
        span, qual = _extent(doc, head, partitive, qual, lex)
        key = keys.group(docdata.doc_id(doc), span.start_char)
        reg.add(key, Kind.GROUP, span.text, span, count=count, count_qualifier=qual, count_max=count_max)
        if iso:
            reg.rels.append(Relation(key, Pred.NATIONALITY, docdata.ensure_country(doc, iso),
                                     docdata.sentence_evidence(span[0])))
        _home_locations(head, key, span, reg, lex)


def _group_head(doc: Doc, t: Token, reg: Registry, lex: Lexicons) -> Token | None:
    """t, if it can head a group: a plural group noun or demonym, a collective noun, or "group of" +
    a group noun; not already part of an entity, nor of a passage not to extract from."""
    if t.i in reg.tok2key:
        return None
    tag, low = t.tag_, t.lower_
    if tag not in ("NNS", "NNPS") and not (low in lex.group_of and t.pos_ == "NOUN") \
            and not (tag == "NN" and low in lex.collective) \
            and not (tag == "NNP" and low.endswith("s") and _is_demonym(t)):
        return None
    demonym = _is_demonym(t)
    if docdata.in_skip(doc, t.idx, t.idx + len(t)):
        return None
    if t.lower_ in lex.group_of:
        members = [c for p in t.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
        return t if members and gz.norm(members[0].text) in lex.group_nouns else None
    if gz.norm(t.lemma_ + "s") in lex.group_nouns or gz.norm(t.text) in lex.group_nouns or demonym:
        if t.head.lower_ == "of" and t.head.head.lower_ in lex.group_of:
            return None   # part of "a group of men": the group is the entity
        return t
    return None


def _is_demonym(t: Token) -> bool:
    return bool(gz.demonyms().get(t.lower_)) and t.text[0].isupper()


def _counted_or_acting(head: Token, lex: Lexicons) -> bool:
    """Without a count or a nationality, a plural is a group when quantified ("many Kenyans",
    "dozens of pupils") or when it acts or undergoes as a definite or actor noun ("the pupils were freed")."""
    mods = [c for c in head.children if c.i < head.i]
    return head.lower_ in lex.group_of or any(m.lower_ in lex.group_quantifier for m in mods) \
        or (head.head.lower_ == "of" and head.head.head.lower_ in lex.group_multiple) \
        or (head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") and (
            gz.norm(head.text) in lex.actor_nouns or any(m.lower_ == "the" and m.dep_ == "det" for m in mods)))


def _extent(doc: Doc, head: Token, partitive: Token | None, qual: str | None,
            lex: Lexicons) -> tuple[Span, str | None]:
    """The group's span: from the first left modifier (and "Dozens of", a partitive's count) to the
    head, or the whole "group of" phrase without its relative clause; and the qualifier a multiple gives."""
    left = min([head.i] + [c.i for c in head.subtree if c.i < head.i])
    if partitive is not None:
        left = min(left, partitive.head.left_edge.i)
    if head.head.lower_ == "of" and (head.head.head.lower_ in lex.group_multiple
                                     or head.head.head.lower_ in lex.extent_multiple):
        left = min(left, head.head.head.left_edge.i)   # "Tens of thousands of Georgians"
        qual = lex.qualifiers.get(head.head.head.lower_, qual)
    right = head.i + 1
    if head.lower_ in lex.group_of:
        right = max(c.i for c in head.subtree if c.dep_ != "acl"
                    and not any(a.dep_ == "acl" for a in c.ancestors if a.i > head.i and a.i <= c.i)) + 1
    while left < right and doc[left].dep_ in ("det", "predet") and doc[left].lower_ in lex.group_trim:
        left += 1
    return doc[left:right], qual


def _home_locations(head: Token, key: str, span: Span, reg: Registry, lex: Lexicons) -> None:
    """"men from the states of Bavaria and Saxony": the places after "from" are the group's home."""
    near = head.children if head.lower_ not in lex.group_of else list(head.subtree)
    for prep in [c for c in near if c.lower_ == "from" and c.dep_ == "prep"]:
        for pobj in prep.subtree:
            k = reg.tok2key.get(pobj.i)
            if keys.in_space(k, Space.PLACE, Space.COUNTRY) and reg.ents[k].kind is not Kind.LANDMARK:
                if all((r.subject, r.object) != (key, k) for r in reg.rels):
                    reg.rels.append(Relation(key, Pred.HOME_LOCATION, k, docdata.sentence_evidence(span[0])))


def _count(head: Token, partitive: Token | None, lex: Lexicons) -> tuple[int | None, str | None, int | None]:
    if partitive is not None:   # "30 to 40 of its nationals": the count is the partitive's
        numeric = [c for c in partitive.head.subtree if c.i < partitive.i]
    else:
        numeric = [c for c in head.subtree if c.i < head.i
                   and (c.like_num or c.lower_ in lex.qualifiers or c.dep_ in ("nummod", "quantmod"))]
    return parse_count(numeric, lex)


def _number(t: Token, lex: Lexicons) -> int | None:
    if t.like_num:
        try:
            return int(t.text.replace(",", ""))
        except ValueError:
            return lex.numbers.get(t.lower_)
    return lex.numbers.get(t.lower_) if t.dep_ in ("nummod", "quantmod", "compound") else None


def parse_count(tokens: list[Token], lex: Lexicons) -> tuple[int | None, str | None, int | None]:
    """(count, qualifier, upper bound) from the words before a group noun: "nearly 100", "30 to 40"."""
    nums = [(t, n) for t in tokens if (n := _number(t, lex)) is not None]
    qual = None
    for t in tokens:
        if t.lower_ in lex.qualifiers and not t.like_num:
            qual = lex.qualifiers[t.lower_]
    text = " ".join(t.lower_ for t in tokens)
    if "at least" in text:
        qual = "at least"
    if len(nums) >= 2 and _RANGE.search(text):
        lo, hi = sorted(n for _, n in nums[:2])
        return lo, qual or "range", hi
    count = nums[-1][1] if nums else None
    if count is not None and qual is None:
        qual = "exactly"
    return count, qual, None
