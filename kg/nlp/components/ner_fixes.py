"""`kg_ner_fixes`: correct the statistical NER with general rules and gazetteers.

- drop entities in passages marked as not English or as metadata;
- names after an honorific ("Mr Scholz") or in apposition with a job title ("Ola Nordmann,
  Norway's foreign ministry spokesperson") are people;
- country names, capitals, states and provinces are places whatever the model said ("Bavaria"
  as NORP, "Saxony" as PERSON), and so are coordinated names after "states of";
- a hyphenated pair of known names ("the Biden-Xi talks") is two mentions, not one place;
- a mid-sentence "The" + name ("according to The Guardian") is an organisation (a title);
- seats of government ("the White House") are places (landmarks).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.lexicon import gazetteer as gz
from kg.lexicon import words as wordlists
from kg.nlp import docdata

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "professor", "mr.", "mrs.", "ms.", "dr."}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
PLACE_CUES = {"in", "from", "of", "to", "at", "near", "outside", "across"}
REGION_NOUNS = {"state", "states", "province", "provinces", "region", "regions", "district", "districts",
                "county", "counties", "city", "cities", "town", "towns", "village", "villages"}


@Language.component("kg_ner_fixes")
def ner_fixes(doc: Doc) -> Doc:
    fixed: list[Span] = []
    person_names = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e if t.is_title}
    for ent in doc.ents:
        if docdata.in_skip(doc, ent.start_char, ent.end_char) or _inside_title(doc, ent):
            continue
        if ent.label_ == "ORG" and _org_is_nominal(ent):
            continue
        fixed.extend(_fix(doc, ent, person_names))
    spans = _honorific_names(doc) + _titled_names(doc) + _region_lists(doc) + fixed
    spans = _consistent_people(doc, spans)
    spans = _whole_names(doc, spans)
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


def _fix(doc: Doc, ent: Span, person_names: set[str]) -> list[Span]:
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
    # "Biden-Xi": a hyphenated pair of names
    if "-" in text and ent.label_ in ("GPE", "ORG", "NORP", "PERSON"):
        parts = [t for t in ent if t.text != "-"]
        if len(parts) >= 2 and all(t.is_title for t in parts) and all(doc[t.i + 1].text == "-" for t in parts[:-1]):
            out = []
            for t in parts:
                if t.text in person_names:
                    out.append(Span(doc, t.i, t.i + 1, label="PERSON"))
                elif gz.country_of(t.text):
                    out.append(Span(doc, t.i, t.i + 1, label="GPE"))
            if out:
                return out
    if ent.label_ == "NORP" and ent.start > 0 and doc[ent.start - 1].text == "The" and not doc[ent.start - 1].is_sent_start \
            and ent[-1].dep_ not in ("amod", "compound") and not (doc[ent.start - 1].i > 0 and doc[ent.start - 2].text in "“\"‘"):
        return [Span(doc, ent.start - 1, ent.end, label="ORG")]
    if key in gz.country_names():
        return [Span(doc, ent.start, ent.end, label="GPE")]
    place = gz.places().get(key)
    if place is not None:
        if place.kind == "Landmark":
            return [Span(doc, ent.start, ent.end, label="FAC")]
        if ent.label_ in ("GPE", "LOC", "FAC"):
            return [ent]
        if len(ent) == 1 and ent.root.dep_ == "amod" and ent.root.head.pos_ == "NOUN" and ent.label_ != "GPE":
            return [ent] if ent.label_ == "NORP" else []   # "Western governments": an adjective, not a province
        if ent.label_ == "NORP" or (ent.label_ == "PERSON" and len(ent) == 1 and _place_context(doc, ent)):
            return [Span(doc, ent.start, ent.end, label="GPE")]
        if ent.label_ == "ORG" and len(ent) == 1 and (place.kind == "AdministrativeArea" or _place_context(doc, ent)):
            return [Span(doc, ent.start, ent.end, label="GPE")]   # "raided homes in Malaga"
    return [ent]


def _consistent_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """One name, one type: a name whose last word is a person's surname elsewhere in the document
    ("Mr Scholz") is a person too ("Olaf Scholz" tagged ORG); so is the surname alone where the model
    missed it ("Scholz left", "the Biden-Xi summit")."""
    surnames = {s[-1].text for s in spans if s.label_ == "PERSON" and s[-1].is_title}
    out = []
    covered = set()
    for s in spans:
        if s.label_ in ("ORG", "GPE", "NORP") and 1 <= len(s) <= 4 and s[-1].text in surnames \
                and all((t.is_title or t.is_upper) and (t.pos_ == "PROPN" or gz.norm(t.text) in wordlists.titles()) for t in s) \
                and not gz.country_of(s.text):
            s = Span(doc, s.start, s.end, label="PERSON")
        out.append(s)
        covered.update(range(s.start, s.end))
    for t in doc:
        if t.i not in covered and t.text in surnames and t.pos_ == "PROPN" and not gz.country_of(t.text) \
                and gz.norm(t.text) not in gz.places():
            out.append(Span(doc, t.i, t.i + 1, label="PERSON"))
    return out


def _whole_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """A person's name is not cut in two: adjacent person spans merge ("Mohammed bin Abdulrahman" +
    "Al Thani"), and capitalised name words the model left out just before it join it
    ("Major General Surachate Hakparn": the model tagged only "Hakparn"), titles excluded."""
    taken = {i for s in spans for i in range(s.start, s.end) if s.label_ != "PERSON"}
    people = sorted((s for s in spans if s.label_ == "PERSON"), key=lambda s: s.start)
    others = [s for s in spans if s.label_ != "PERSON"]
    merged: list[Span] = []
    for s in people:
        start = s.start
        while start > 0 and start - 1 not in taken and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                and not _ends_title(doc, start - 1) and doc[start - 1].lower_ not in HONORIFICS \
                and not doc[start - 1].is_sent_start and s.end - start < 4:
            start -= 1
        if merged and merged[-1].end >= start:
            start = merged[-1].start
            merged.pop()
        merged.append(Span(doc, start, max(s.end, start + 1), label="PERSON"))
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
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            sp = doc.char_span(m.start(), m.end())
            if sp is None or any(i in taken for i in range(sp.start, sp.end)):
                continue
            if docdata.in_skip(doc, m.start(), m.end()):
                continue
            out.append(Span(doc, sp.start, sp.end, label=label))
            taken.update(range(sp.start, sp.end))
    return out


def _is_title_case(sent: Span) -> bool:
    """A Title Case headline ("Russia Allows Recruits To Leave"), where capitals say nothing of names."""
    words = [t for t in sent if t.is_alpha][1:]
    if len(words) < 4:
        return False
    # every lower-case word is a short function word, and some function word or verb is capitalised
    lower_ok = all(t.is_stop or len(t) <= 3 for t in words if t.text[0].islower())
    capital_small = any(t.text[0].isupper() and (t.is_stop or t.pos_ in ("VERB", "AUX")) for t in words)
    return lower_ok and capital_small


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


def _ends_title(doc: Doc, j: int) -> bool:
    """Token j is the last word of a job title ("President", "Secretary of State")."""
    return any(gz.norm(doc[j - n + 1:j + 1].text) in wordlists.titles() for n in range(1, 5) if j - n + 1 >= 0)


def _org_is_nominal(ent: Span) -> bool:
    """'defence ministry spokesperson', 'Foreign Ministry': left to the nominal-organisation rules,
    which know whose ministry it is."""
    words = [t for t in ent if t.lower_ != "the"]
    while words and gz.norm(words[-1].text) in wordlists.titles():
        words = words[:-1]
    return bool(words) and gz.norm(" ".join(t.text for t in words)) in wordlists.org_heads()


def _inside_title(doc: Doc, ent: Span) -> bool:
    """'State' in 'Secretary of State', 'Commons' in 'Speaker of the Commons' is part of a title."""
    if ent.label_ not in ("ORG", "GPE", "NORP") or len(ent) > 2:
        return False
    titles = wordlists.titles()
    for a in range(max(0, ent.start - 3), ent.start):
        for b in range(ent.end, min(len(doc), ent.end + 2) + 1):
            if gz.norm(doc[a:b].text) in titles:
                return True
    return False


def _place_context(doc: Doc, ent: Span) -> bool:
    """A one-word 'person' that reads as a place: after in/from/of, or coordinated with a place."""
    prev = doc[ent.start - 1] if ent.start else None
    if prev is not None and (prev.lower_ in PLACE_CUES or prev.lower_ in REGION_NOUNS):
        return True
    head = ent.root
    for other in doc.ents:
        if other.label_ in ("GPE", "LOC") and (head.head.i in range(other.start, other.end) or
                                               any(c.i in range(other.start, other.end) for c in head.children)):
            return True
    return head.dep_ == "conj" and head.head.ent_type_ in ("GPE", "LOC", "NORP")


def _honorific_names(doc: Doc) -> list[Span]:
    out = []
    for t in doc:
        if t.lower_.rstrip(".") in {h.rstrip(".") for h in HONORIFICS} and t.is_title:
            j = t.i + 1
            if j < len(doc) and doc[j].text == ".":
                j += 1
            k = j
            while k < len(doc) and doc[k].is_title and doc[k].pos_ == "PROPN":
                k += 1
            if k > j and not gz.country_of(doc[j:k].text):
                out.append(Span(doc, t.i, k, label="PERSON"))
    return out


def _titled_names(doc: Doc) -> list[Span]:
    """Capitalised names in apposition with, or right after, a job title."""
    out = []
    titles = wordlists.titles()
    for t in doc:
        if t.pos_ != "PROPN" or not t.is_title or t.ent_type_ in ("NORP", "FAC", "LOC"):
            continue
        # the last token of a run of title-case proper nouns
        if t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN" and doc[t.i + 1].is_title:
            continue
        start = t.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and doc[start - 1].dep_ == "compound":
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


def _region_lists(doc: Doc) -> list[Span]:
    """'the states of Bavaria and Saxony': coordinated names after a region noun are places."""
    out = []
    for t in doc:
        if t.lower_ in REGION_NOUNS and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of":
            for c in doc[t.i + 1].children:
                if c.dep_ == "pobj" and c.pos_ == "PROPN":
                    for n in [c, *c.conjuncts]:
                        if n.pos_ == "PROPN" and n.is_title:
                            out.append(Span(doc, n.i, n.i + 1, label="GPE"))
    return out
