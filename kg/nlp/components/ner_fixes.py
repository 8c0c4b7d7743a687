"""`kg_ner_fixes`: correct the statistical NER with general rules and gazetteers.

- drop entities in passages marked as not English or as metadata;
- names after an honorific ("Mr Scholz") or in apposition with a job title ("Ola Nordmann,
  Norway's foreign ministry spokesperson") are people;
- country names, capitals, states and provinces are places whatever the model said ("Bavaria"
  as NORP, "Saxony" as PERSON), and so are coordinated names after "states of";
- a hyphenated pair of known names ("the Biden-Xi talks") is two mentions, not one place;
- a mid-sentence "The" + name ("according to The Guardian") is an organisation (a title);
- seats of government ("the White House") are places (landmarks).

Word lists come from kg/nlp/data/ner_fixes.tsv and the shared lexicons (titles, org_heads,
honorifics), named in the component's config; titles are found by a PhraseMatcher compiled once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.lexicon import gazetteer as gz
from kg.lexicon import words as wordlists
from kg.lexicon.files import path_of, word_lists
from kg.model.kinds import Kind
from kg.nlp import docdata
from kg.nlp.phrases import Found, Phrases

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
WORDS = path_of("ner_fixes.tsv", "kg.nlp")
LISTS = ("place_cue", "region_noun", "name_particle", "name_infix")


@dataclass(frozen=True)
class Lexicons:
    titles: frozenset[str]
    org_heads: MappingProxyType[str, tuple[str, Kind]]
    honorifics: frozenset[str]
    place_cues: frozenset[str]
    region_nouns: frozenset[str]
    particles: frozenset[str]
    infixes: frozenset[str] = frozenset()    # "Erik ten Hag", "Ursula von der Leyen": inside a name


@Language.factory("kg_ner_fixes", default_config={"words": WORDS, "titles": wordlists.TITLES,
                                                  "org_heads": wordlists.ORG_HEADS,
                                                  "honorifics": wordlists.HONORIFICS})
def make_ner_fixes(nlp: Language, name: str, words: str, titles: str, org_heads: str, honorifics: str) -> NerFixes:
    lists = word_lists(words, LISTS)
    lex = Lexicons(wordlists.titles(titles), wordlists.org_heads(org_heads), wordlists.honorifics(honorifics),
                   lists["place_cue"], lists["region_noun"], lists["name_particle"], lists["name_infix"])
    return NerFixes(nlp, lex)


class NerFixes:
    """The component: lexicons loaded and matchers compiled once, applied to each Doc."""

    def __init__(self, nlp: Language, lex: Lexicons):
        self.lex = lex
        self.titles = Phrases(nlp, lex.titles)
        stems = {h.rstrip(".") for h in lex.honorifics}
        self.honorifics = Phrases(nlp, stems | {h + "." for h in stems}, as_tokens=True)   # "Mr", "Mr."
        self.region_of = Phrases(nlp, [f"{n} of" for n in lex.region_nouns], as_tokens=True)

    def __call__(self, doc: Doc) -> Doc:
        lex, titles = self.lex, self.titles(doc)
        honorifics = sorted(s for s, _ in self.honorifics(doc).spans if doc[s].is_title)
        fixed: list[Span] = []
        person_names = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e if t.is_title
                        and doc[max(0, t.i - 1)].text != "-" and (t.i + 1 == len(doc) or doc[t.i + 1].text != "-")}
        for ent in doc.ents:
            if docdata.in_skip(doc, ent.start_char, ent.end_char) or _inside_title(ent, titles):
                continue
            if ent.label_ == "ORG" and _org_is_nominal(ent, lex):
                continue
            fixed.extend(_fix(doc, ent, person_names, lex))
        spans = (_honorific_names(doc, honorifics) + _titled_names(doc, lex.titles)
                 + _region_lists(doc, sorted(s for s, _ in self.region_of(doc).spans)) + fixed)
        spans = _consistent_people(doc, spans, lex.titles)
        spans = _whole_names(doc, spans, lex.honorifics, {e for s, e in titles.spans if e - s <= 4}, lex.infixes)
        spans = _trusted_in_title_case(doc, spans)
        spans = _every_occurrence(doc, spans)
        spans = [s for s in spans if not docdata.in_skip(doc, s.start_char, s.end_char)]
        # prefer the longer span; on a tie, the rule-made one (listed first) wins
        doc.ents = filter_spans(spans)
        return doc


def _strip(doc: Doc, ent: Span) -> Span | None:
    """Trim a leading determiner and a trailing possessive: "Jane Doe's" -> "Jane Doe"."""
    start, end = ent.start, ent.end
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_space
                           or (doc[end - 1].is_punct and doc[end - 1].text not in ".)")):
        end -= 1
    while start < end and doc[start].is_space:
        start += 1
    if ent.label_ != "ORG":
        while start < end and doc[start].lower_ == "the":
            start += 1
    if start >= end:
        return None
    return Span(doc, start, end, label=ent.label_)


def _fix(doc: Doc, ent: Span, person_names: set[str], lex: Lexicons) -> list[Span]:
    if ent.label_ not in ENTITY_LABELS:
        return [ent]
    ent = _strip(doc, ent)
    if ent is None:
        return []
    if ent.label_ == "PERSON" and (not any(len(re.sub(r"\W", "", t.text)) >= 2 for t in ent)
                                   or not any(t.text[:1].isupper() for t in ent)):
        return []   # "X." (the platform), initials alone, lower-case words ("don"): not a name
    text = ent.text
    key = gz.norm(text)
    if ent.label_ in ("GPE", "LOC") and re.fullmatch(r"[A-Z]{1,3}\d{1,2}\+?", text) and key not in gz.places():
        return [Span(doc, ent.start, ent.end, label="ORG")]   # "the G7", "G20": groups of states
    if "-" in text and ent.label_ in ("GPE", "ORG", "NORP", "PERSON"):
        pair = _hyphenated_pair(doc, ent, person_names - {p.title() for p in lex.particles})
        if pair:
            return pair
    if ent.label_ == "NORP" and _titled_with_the(doc, ent):
        return [Span(doc, ent.start - 1, ent.end, label="ORG")]
    if key in gz.country_names():
        return [Span(doc, ent.start, ent.end, label="GPE")]
    place = gz.places().get(key)
    if place is not None:
        return _known_place(doc, ent, place, lex)
    return [ent]


def _hyphenated_pair(doc: Doc, ent: Span, person_names: set[str]) -> list[Span]:
    """"Biden-Xi": a hyphenated pair of names, each a person or a country, is two mentions; "Al-Bayda"
    or "Ocasio-Cortez", where a part is neither (or only part of a hyphenated name), is one name."""
    parts = [t for t in ent if t.text != "-"]
    if not (len(parts) >= 2 and all(t.is_title for t in parts) and all(doc[t.i + 1].text == "-" for t in parts[:-1])):
        return []
    out = []
    for t in parts:
        if t.text in person_names:
            out.append(Span(doc, t.i, t.i + 1, label="PERSON"))
        elif gz.country_of(t.text):
            out.append(Span(doc, t.i, t.i + 1, label="GPE"))
    return out if len(out) == len(parts) else []


def _titled_with_the(doc: Doc, ent: Span) -> bool:
    """A mid-sentence "The" + name, not in quotes and not a modifier: a title ("according to The Guardian")."""
    if ent.start == 0:
        return False
    the = doc[ent.start - 1]
    return the.text == "The" and not the.is_sent_start and ent[-1].dep_ not in ("amod", "compound") \
        and not (the.i > 0 and doc[ent.start - 2].text in "“\"‘")


def _known_place(doc: Doc, ent: Span, place: gz.PlaceEntry, lex: Lexicons) -> list[Span]:
    """A name the gazetteer knows as a place: a landmark, a place, or (as an adjective) nothing."""
    if place.kind is Kind.LANDMARK:
        return [Span(doc, ent.start, ent.end, label="FAC")]
    if ent.label_ in ("GPE", "LOC", "FAC"):
        return [ent]
    if len(ent) == 1 and ent.root.dep_ == "amod" and ent.root.head.pos_ == "NOUN" and ent.label_ != "GPE":
        return [ent] if ent.label_ == "NORP" else []   # "Western governments": an adjective, not a province
    if ent.label_ == "NORP" or (ent.label_ == "PERSON" and len(ent) == 1 and _place_context(doc, ent, lex)):
        return [Span(doc, ent.start, ent.end, label="GPE")]
    if ent.label_ == "ORG" and len(ent) == 1 and (place.kind is Kind.ADMINISTRATIVE_AREA
                                                  or _place_context(doc, ent, lex)):
        return [Span(doc, ent.start, ent.end, label="GPE")]   # "raided homes in Malaga"
    return [ent]


def _consistent_people(doc: Doc, spans: list[Span], titles: frozenset[str]) -> list[Span]:
    """One name, one type: a name whose last word is a person's surname elsewhere in the document
    ("Mr Scholz") is a person too ("Olaf Scholz" tagged ORG); so is the surname alone where the model
    missed it ("Scholz left", "the Biden-Xi summit")."""
    surnames = {s[-1].text for s in spans if s.label_ == "PERSON" and s[-1].is_title}
    out = []
    covered = set()
    for s in spans:
        if s.label_ in ("ORG", "GPE", "NORP") and 1 <= len(s) <= 4 and s[-1].text in surnames \
                and all((t.is_title or t.is_upper) and (t.pos_ == "PROPN" or gz.norm(t.text) in titles) for t in s) \
                and not gz.country_of(s.text):
            s = Span(doc, s.start, s.end, label="PERSON")
        out.append(s)
        covered.update(range(s.start, s.end))
    for t in doc:
        if t.i not in covered and t.text in surnames and t.pos_ == "PROPN" and not gz.country_of(t.text) \
                and gz.norm(t.text) not in gz.places():
            out.append(Span(doc, t.i, t.i + 1, label="PERSON"))
    return out


def _name_end(doc: Doc, end: int, infixes: frozenset[str]) -> int:
    """Where a name ends that lower-case name words and a capitalised word carry on ("Erik" + "ten Hag")."""
    while True:
        j = end
        while j < len(doc) and doc[j].is_lower and doc[j].lower_ in infixes:    # "ten" may be read as a number
            j += 1
        if j == end and not (end > 0 and doc[end - 1].is_lower and doc[end - 1].lower_ in infixes):
            return end
        if j < len(doc) and doc[j].is_title and doc[j].pos_ == "PROPN":   # "Leyen" may be read as a place
            end = j + 1
        else:
            return end


def _whole_names(doc: Doc, spans: list[Span], honorifics: frozenset[str], title_ends: set[int],
                 infixes: frozenset[str] = frozenset()) -> list[Span]:
    """A person's name is not cut in two: adjacent person spans merge ("Mohammed bin Abdulrahman" +
    "Al Thani"), capitalised name words the model left out just before it join it
    ("Major General Surachate Hakparn": the model tagged only "Hakparn"), titles excluded (a title of
    up to four words ends at no token of `title_ends`), and so do lower-case name words and the name
    after them ("Erik ten Hag")."""
    taken = {i for s in spans for i in range(s.start, s.end) if s.label_ != "PERSON"}
    people = sorted((s for s in spans if s.label_ == "PERSON"), key=lambda s: s.start)
    others = [s for s in spans if s.label_ != "PERSON"]
    merged: list[Span] = []
    for s in people:
        start = s.start
        while start > 0 and start - 1 not in taken and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                and start not in title_ends and doc[start - 1].lower_ not in honorifics \
                and not doc[start - 1].is_sent_start and s.end - start < 4:
            start -= 1
        if merged and merged[-1].end >= start:
            start = merged[-1].start
            merged.pop()
        end = _name_end(doc, s.end, infixes)
        while end - 1 > start and doc[end - 1].is_lower:    # "Ivan Petrov de facto": a name ends in a name
            end -= 1
        merged.append(Span(doc, start, end, label="PERSON"))
    return merged + others


def _every_occurrence(doc: Doc, spans: list[Span]) -> list[Span]:
    """One name, one reading: where the model tagged a name once and missed it elsewhere in the
    document ("the G7" tagged in one sentence, not in another), the other occurrences join it."""
    text = docdata.text(doc)
    taken = set()
    for s in spans:
        taken.update(range(s.start, s.end))
    names = {}
    for s in spans:
        if s.label_ in ("ORG", "GPE", "PERSON", "FAC", "LOC") and len(s.text) >= 2 and s.text[0].isupper():
            names.setdefault(s.text, s.label_)
    out = list(spans)
    for name, label in names.items():
        for start in _occurrences(text, name):
            sp = doc.char_span(start, start + len(name))
            if sp is None or any(i in taken for i in range(sp.start, sp.end)):
                continue
            if docdata.in_skip(doc, start, start + len(name)):
                continue
            out.append(Span(doc, sp.start, sp.end, label=label))
            taken.update(range(sp.start, sp.end))
    return out


def _occurrences(text: str, name: str):
    r"""Offsets of `name` as a whole word (no word character or hyphen either side), left to right and
    not overlapping: the regex (?<![\w-])NAME(?![\w-]) without compiling one per name."""
    def word(ch: str) -> bool:
        return ch.isalnum() or ch in "_-"

    i = text.find(name)
    while i >= 0:
        end = i + len(name)
        if (i == 0 or not word(text[i - 1])) and (end == len(text) or not word(text[end])):
            yield i
            i = text.find(name, end)
        else:
            i = text.find(name, i + 1)


def _is_title_case(sent: Span) -> bool:
    """A Title Case headline ("Russia Allows Recruits To Leave"), where capitals say nothing of names:
    after the first, four words or more, every lower-case one a short function word, and some function
    word or verb capitalised (stops at the first long lower-case word, as most sentences have one)."""
    words, capital_small, first = 0, False, True
    for t in sent:
        if not t.is_alpha:
            continue
        if first:
            first = False
            continue
        words += 1
        if t.text[0].islower():
            if not (t.is_stop or len(t) <= 3):
                return False
        elif not capital_small and t.text[0].isupper() and (t.is_stop or t.pos_ in ("VERB", "AUX")):
            capital_small = True
    return words >= 4 and capital_small


def _trusted_in_title_case(doc: Doc, spans: list[Span]) -> list[Span]:
    """In a Title Case sentence keep only names the rest of the document also has, and gazetteer places."""
    title_sents = {s.start for s in doc.sents if _is_title_case(s)} if doc.has_annotation("SENT_START") else set()
    if not title_sents:
        return spans
    elsewhere = {gz.norm(s.text) for s in spans if s.sent.start not in title_sents}
    words_elsewhere = {w for n in elsewhere for w in n.split()}
    out = []
    for s in spans:
        if s.sent.start in title_sents and s.label_ in ENTITY_LABELS:
            n = gz.norm(s.text)
            if not (n in elsewhere or gz.country_of(s.text) or n in gz.places()
                    or (s.label_ == "PERSON" and all(w in words_elsewhere for w in n.split()))):
                continue
        out.append(s)
    return out


def _org_is_nominal(ent: Span, lex: Lexicons) -> bool:
    """'defence ministry spokesperson', 'Foreign Ministry': left to the nominal-organisation rules,
    which know whose ministry it is."""
    words = [t for t in ent if t.lower_ != "the"]
    while words and gz.norm(words[-1].text) in lex.titles:
        words = words[:-1]
    return bool(words) and gz.norm(" ".join(t.text for t in words)) in lex.org_heads


def _inside_title(ent: Span, titles: Found) -> bool:
    """'State' in 'Secretary of State', 'Commons' in 'Speaker of the Commons' is part of a title: one
    that starts up to three words before the name and ends up to two after it, or starts with it and
    goes on ('Data Protection' in 'Data Protection Commissioner')."""
    if ent.label_ not in ("ORG", "GPE", "NORP") or len(ent) > 2:
        return False
    return any(ent.end <= e <= ent.end + 2 and (a < ent.start or e > ent.end)
               for a in range(max(0, ent.start - 3), ent.start + 1) for e in titles.starting_at(a))


def _place_context(doc: Doc, ent: Span, lex: Lexicons) -> bool:
    """A one-word 'person' that reads as a place: after in/from/of, or coordinated with a place."""
    prev = doc[ent.start - 1] if ent.start else None
    if prev is not None and (prev.lower_ in lex.place_cues or prev.lower_ in lex.region_nouns):
        return True
    head = ent.root
    near = [head.head, *head.children]      # token attributes, not a scan of doc.ents for each name
    if any(t.ent_type_ in ("GPE", "LOC") for t in near):
        return True
    return head.dep_ == "conj" and head.head.ent_type_ in ("GPE", "LOC", "NORP")


def _honorific_names(doc: Doc, honorifics: list[int]) -> list[Span]:
    """The title-case proper nouns after an honorific (at the token indices `honorifics`): "Mr. Ruto"."""
    out = []
    for i in honorifics:
        j = i + 1
        if j < len(doc) and doc[j].text == ".":
            j += 1
        k = j
        while k < len(doc) and doc[k].is_title and doc[k].pos_ == "PROPN":
            k += 1
        if k > j and not gz.country_of(doc[j:k].text):
            out.append(Span(doc, i, k, label="PERSON"))
    return out


def _titled_names(doc: Doc, titles: frozenset[str]) -> list[Span]:
    """Capitalised names in apposition with, or right after, a job title."""
    out = []
    for t in doc:
        if t.pos_ != "PROPN" or not t.is_title or t.ent_type_ in ("NORP", "FAC", "LOC"):
            continue
        # the last token of a run of title-case proper nouns
        if t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN" and doc[t.i + 1].is_title:
            continue
        start = t.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                and doc[start - 1].dep_ == "compound":
            start -= 1
        if t.i - start + 1 < 2 or t.i - start + 1 > 4:
            continue
        name = doc[start:t.i + 1]
        if gz.country_of(name.text) or gz.norm(name.text) in gz.places():
            continue
        if t.ent_type_ in ("GPE", "ORG") and not (doc[start - 1].is_title if start else False):
            continue   # only a title written as one ("Chancellor Olaf Scholz") overrides the model's ORG/GPE
        appos_title = any(c.dep_ == "appos" and gz.norm(c.lemma_) in titles or gz.norm(c.text) in titles
                          for c in t.children if c.dep_ == "appos")
        prev = doc[start - 1] if start else None
        prev_title = prev is not None and gz.norm(prev.text) in titles and prev.pos_ == "NOUN"
        if appos_title or prev_title:
            out.append(Span(doc, start, t.i + 1, label="PERSON"))
    return out


def _region_lists(doc: Doc, region_of: list[int]) -> list[Span]:
    """'the states of Bavaria and Saxony': coordinated names after a region noun (at the token indices
    `region_of`, each followed by "of") are places."""
    out = []
    for i in region_of:
        for c in doc[i + 1].children:
            if c.dep_ == "pobj" and c.pos_ == "PROPN":
                for n in [c, *c.conjuncts]:
                    if n.pos_ == "PROPN" and n.is_title:
                        out.append(Span(doc, n.i, n.i + 1, label="GPE"))
    return out
