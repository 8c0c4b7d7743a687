"""`kg_ner_context`: entity types from the words around a name, where relations depend on them.

Runs right after `kg_ner_fixes`, on doc.ents:
- capitalised datelines are places: "PERUGIA, Italy", "ROYAL OAK, Mich.", "SAN FRANCISCO (AP)";
- a state abbreviation after "Town," is a place ("Tulsa, Okla.");
- a wire service after a dateline place is an organisation: "Tokyo KYODO", "Paris AFP",
  "Hefei, February 11 (XINHUA)";
- a name read as a person or organisation but used as a place ("a Fargo native", "his Ciudad Madero
  home", "Denver-based") is a place when the gazetteer knows it;
- a name after a title or in apposition with an age ("Prince Ranariddh", "Kruhlow, 72,") is a person
  when it is no known place, and so is the victim of a killing verb.
Words come from kg/nlp/data/relation_patterns.json (lexicons) and the gazetteers.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.lexicon import gazetteer as gz
from kg.lexicon import words as wordlists
from kg.nlp import docdata

PLACE_AFTER = {"native", "natives", "home", "resident", "residents", "-based", "based"}
ROMAN = re.compile(r"[IVXLC]+")
KILL_LEMMAS = {"kill", "murder", "assassinate", "slay", "shoot"}


def lexicons() -> dict[str, list[str]]:
    from kg.nlp.components.relations.words import load
    return load().lists


def _abbrevs() -> set[str]:
    return set(lexicons()["region_abbrev"])


def _known_place(text: str) -> bool:
    n = gz.norm(text)
    return bool(gz.country_names().get(n)) or n in gz.places()


def _is_caps(tok) -> bool:
    t = tok.text.replace("-", "").replace(".", "").replace("'", "")
    return len(t) >= 2 and t.isalpha() and t.isupper()


@Language.component("kg_ner_context")
def ner_context(doc: Doc) -> Doc:
    ents = list(doc.ents)
    new: list[Span] = []
    ent_at = {t.i: e for e in ents for t in e}
    abbrevs = _abbrevs()

    def free(i: int, j: int) -> bool:
        return all(k not in ent_at for k in range(i, j))

    for sent in doc.sents:
        toks = [t for t in sent]
        if not toks:
            continue
        # 1. capitalised dateline at the start of a sentence (after an opening bracket or quote)
        k = 0
        while k < len(toks) and toks[k].is_punct and toks[k].text in "(\"'`":
            k += 1
        j = k
        while j < len(toks) and _is_caps(toks[j]):
            j += 1
        if j > k and j < len(toks) and toks[j].text in (",", "(") and (j - k > 1 or len(toks[k].text) > 3):
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            follows_place = nxt is not None and (nxt.ent_type_ in ("GPE", "LOC") or nxt.text in abbrevs
                                                 or _known_place(nxt.text) or (toks[j].text == "(" and _is_caps(nxt)))
            if follows_place:
                new.append(Span(doc, toks[k].i, toks[j - 1].i + 1, label="GPE"))
                if nxt.text in abbrevs and free(nxt.i, nxt.i + 1):
                    new.append(Span(doc, nxt.i, nxt.i + 1, label="GPE"))
        # 2. a state abbreviation after "Town,"
        for t in toks[2:]:
            if t.text in abbrevs and doc[t.i - 1].text == "," and doc[t.i - 2].ent_type_ in ("GPE", "LOC") \
                    and free(t.i, t.i + 1):
                new.append(Span(doc, t.i, t.i + 1, label="GPE"))
        # 3. wire services: "Tokyo KYODO", "(XINHUA)" after a dateline
        for t in toks:
            if not _is_caps(t) or t.text in abbrevs:
                continue
            if t.i > sent.start and t.i + 1 < len(doc) and doc[t.i - 1].text == "(" and doc[t.i + 1].text == ")" \
                    and t.i - sent.start <= 12 and any(x.ent_type_ in ("GPE", "LOC", "DATE") or x.i in _new_places(new)
                                                      for x in doc[sent.start:t.i - 1]):
                if not _known_place(t.text):
                    new.append(Span(doc, t.i, t.i + 1, label="ORG"))
                continue
            if t.i == sent.start or (t.i - 1 > sent.start and _is_caps(doc[t.i - 1])):
                continue
            # the place right before: the longest known place name ending at t-1
            for n in (3, 2, 1):
                b = t.i - n
                if b < sent.start:
                    continue
                name = doc[b:t.i]
                if _known_place(name.text) and not all(_is_caps(x) for x in name) \
                        and all(x.is_title and (not x.is_stop or (x.i == b and x.text == "The")) for x in name) \
                        and not any(x.ent_type_ == "PERSON" for x in name) and not ROMAN.fullmatch(t.text):
                    e = t.i + 1
                    while e < sent.end:
                        if _is_caps(doc[e]) and doc[e].text not in ("GMT",):
                            e += 1
                        elif doc[e].text == "-" and e + 1 < sent.end and _is_caps(doc[e + 1]):
                            e += 2
                        else:
                            break
                    new.append(Span(doc, b, t.i, label="GPE"))
                    new.append(Span(doc, t.i, e, label="ORG"))
                    break
    # 7. unrecognised names as the killer or the victim of a killing verb: "Ruby fatally shot Oswald"
    for v in doc:
        if v.pos_ != "VERB" or v.lemma_.lower() not in KILL_LEMMAS | {"assassinate"}:
            continue
        args = [c for c in v.children if c.dep_ in ("nsubj", "dobj", "nsubjpass")]
        args += [o for a in v.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
        for a in args:
            if a.pos_ != "PROPN" or not a.is_title or a.i in ent_at or a.tag_ == "NNPS":
                continue
            start = a.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" \
                    and doc[start - 1].is_title and doc[start - 1].i not in ent_at:
                start -= 1
            name = doc[start:a.i + 1]
            if _known_place(name.text) or gz.country_of(name.text) or gz.norm(doc[start].text) in wordlists.titles():
                continue
            new.append(Span(doc, start, a.i + 1, label="PERSON"))
    # 6. a title swallowed by the organisation before a name: "Coast Guard Lt. Steve Hardy"
    titles = set(wordlists.titles()) | set(lexicons()["title_abbrev"]) | set(lexicons()["role"])
    for e in ents:
        if e.label_ == "ORG" and len(e) >= 2 and e.end < len(doc) and doc[e.end].pos_ == "PROPN" \
                and doc[e.end].is_title and (e[-1].lower_ in titles or e[-1].lower_ + "." in titles):
            new.append(Span(doc, e.start, e.end - 1, label="ORG"))
    # 4. names used as places; 5. names of people
    kill_nouns = {"assassination", "killing", "murder", "slaying", "killer", "assassin", "murderer"}
    for e in ents:
        if e.label_ in ("GPE", "ORG", "LOC", "FAC") and len(e) <= 3 and e[0].is_title and not gz.country_of(e.text):
            place = gz.places().get(gz.norm(e.text))
            minor = place is None or (place.kind == "City" and not place.seat_of)
            r = e.root
            victim = (r.dep_ in ("dobj", "nsubjpass") and r.head.lemma_.lower() in KILL_LEMMAS) or \
                (r.dep_ in ("poss", "compound") and r.head.lower_ in kill_nouns) or \
                (r.dep_ == "pobj" and r.head.lower_ == "of" and r.head.head.lower_ in kill_nouns)
            if victim and minor and r.tag_ != "NNPS":
                new.append(Span(doc, e.start, e.end, label="PERSON"))
                continue
        if e.label_ in ("PERSON", "ORG") and _known_place(e.text):
            after = doc[e.end] if e.end < len(doc) else None
            before = doc[e.start - 1] if e.start > 0 else None
            if after is not None and (after.lower_ in PLACE_AFTER or (after.text == "-" and e.end + 1 < len(doc)
                                                                         and doc[e.end + 1].lower_ == "based")) \
                    and before is not None and before.lower_ in ("a", "an", "his", "her", "their", "the", "my", "our"):
                new.append(Span(doc, e.start, e.end, label="GPE"))
        elif e.label_ in ("GPE", "ORG", "LOC", "FAC") and not _known_place(e.text) and not gz.country_of(e.text) \
                and e[0].is_title and e.root.tag_ != "NNPS":
            before = doc[e.start - 1] if e.start > 0 else None
            after = doc[e.end:e.end + 3]
            titled = before is not None and before.is_title and gz.norm(before.text) in wordlists.titles() \
                and e.label_ != "NORP" and len(e) <= 3
            org_word = any(x.lower_ in lexicons()["org_words"] for x in e)
            rel_who = len(after) >= 1 and (after[0].lower_ == "who" or (after[0].text == "," and len(after) > 1 and after[1].lower_ == "who"))
            role = False
            if len(after) >= 2 and after[0].text == "," and after[1].lower_ in ("a", "an", "the"):
                for x in doc[e.end + 2:min(len(doc), e.end + 8)]:
                    if x.is_punct:
                        break
                    if x.pos_ == "NOUN" and (x.lower_ in lexicons()["role"] or gz.norm(x.text) in wordlists.titles()):
                        role = True
                        break
            person_cue = not org_word and not e.text.isupper() and e.label_ == "ORG" and (rel_who or role)
            aged = len(after) == 3 and after[0].text == "," and after[1].like_num and after[2].text == "," and len(e) <= 3
            victim = e.root.dep_ in ("dobj", "nsubjpass") and e.root.head.lemma_.lower() in KILL_LEMMAS and len(e) <= 3
            if titled or aged or victim or person_cue:
                new.append(Span(doc, e.start, e.end, label="PERSON"))
    if not new:
        return doc
    keep = [e for e in ents if not docdata.in_skip(doc, e.start_char, e.end_char)]
    new = [s for s in new if not docdata.in_skip(doc, s.start_char, s.end_char)]
    # new spans win over the ones they overlap
    taken = {i for s in new for i in range(s.start, s.end)}
    doc.ents = filter_spans(new + [e for e in keep if not any(i in taken for i in range(e.start, e.end))])
    return doc


def _new_places(spans: list[Span]) -> set[int]:
    return {i for s in spans if s.label_ == "GPE" for i in range(s.start, s.end)}
