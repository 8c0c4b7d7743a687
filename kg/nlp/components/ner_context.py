"""`kg_ner_context`: entity types from the words around a name, where relations depend on them.

Runs right after `kg_ner_fixes`, on doc.ents, in these stages:
1. capitalised datelines are places: "PERUGIA, Italy", "ROYAL OAK, Mich.", "SAN FRANCISCO (AP)";
2. a state abbreviation after "Town," is a place ("Tulsa, Okla.");
3. a wire service after a dateline place is an organisation: "Tokyo KYODO", "Paris AFP",
   "Hefei, February 11 (XINHUA)";
4. unrecognised names as the killer or the victim of a killing verb are people ("Ruby fatally shot
   Oswald");
5. a title swallowed by the organisation before a name is cut off ("Coast Guard Lt. Steve Hardy");
6. a name read as a person or organisation but used as a place ("a Fargo native", "his Ciudad Madero
   home", "Denver-based") is a place when the gazetteer knows it; a name after a title, in
   apposition with an age or a role ("Prince Ranariddh", "Kruhlow, 72,") or the victim of a killing
   is a person when it is no known place.
New spans win over the ones they overlap. The words are data: ner_context.toml, and the lexicons and
kill words kg_relations reads (relation_lexicons.toml, kill_words.toml); the tokens the stages look at
(capitalised words, "Town, ST", killing verbs) are found by one spaCy Matcher, and names are looked up
in the gazetteer's index of normalised names.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.lexicon import gazetteer as gz
from kg.lexicon import words as wordlists
from kg.nlp import docdata
from kg.nlp.components.relations.datafiles import RuleDataError, display, word_lists
from kg.nlp.components.relations.words import load

ROMAN = re.compile(r"[IVXLC]+")
PLACE_LABELS = ("GPE", "LOC")
NAME_LABELS = ("GPE", "ORG", "LOC", "FAC")
DEFAULTS = {"context": "ner_context.toml", "lexicons": "relation_lexicons.toml", "kill_words": "kill_words.toml"}
REQUIRED = ("dateline_openers", "dateline_marks", "not_wire", "place_after", "place_before", "articles",
            "person_relative")


def _known_place(text: str) -> bool:
    n = gz.norm(text)
    return bool(gz.country_names().get(n)) or n in gz.places()


def _is_caps(tok: Token) -> bool:
    t = tok.text.replace("-", "").replace(".", "").replace("'", "")
    return len(t) >= 2 and t.isalpha() and t.isupper()


class NerContext:
    def __init__(self, nlp: Language, context: str, lexicons: str, kill_words: str):
        words = load(lexicons, kill_words)
        self.w = word_lists(context)
        for key in REQUIRED:
            if key not in self.w:
                raise RuleDataError(display(context), key, "missing (kg_ner_context reads it)")
        self.w = {k: frozenset(v) for k, v in self.w.items()}
        self.abbrevs = words.sets["region_abbrev"]
        self.role = words.sets["role"]
        self.org_words = words.sets["org_words"]
        self.titles = frozenset(wordlists.titles() | words.sets["title_abbrev"] | words.sets["role"])
        self.kill_verbs = words.sets["kill_verbs"]
        self.kill_nouns = words.sets["kill_nouns"] | frozenset(words["agent_nouns"])
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.matcher.add("caps", [[{"IS_UPPER": True}]])   # a superset of _is_caps
        self.matcher.add("town_state", [[{"ENT_TYPE": {"IN": list(PLACE_LABELS)}}, {"ORTH": ","},
                                         {"ORTH": {"IN": sorted(self.abbrevs)}}]])
        self.matcher.add("kill_verb", [[{"POS": "VERB", "LEMMA": {"IN": sorted(self.kill_verbs)}}]])

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        ent_at = {t.i: e for e in ents for t in e}
        found: dict[str, list[int]] = {"caps": [], "town_state": [], "kill_verb": []}
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            found[doc.vocab.strings[match_id]].append(end - 1)
        caps = sorted(i for i in set(found["caps"]) if _is_caps(doc[i]))
        new: list[Span] = []
        for sent in doc.sents:
            self._dateline(doc, sent, ent_at, new)
            new += [Span(doc, i, i + 1, label="GPE") for i in sorted(set(found["town_state"]))
                    if sent.start + 2 <= i < sent.end and i not in ent_at]
            self._wire_services(doc, sent, [i for i in caps if sent.start <= i < sent.end], new)
        self._kill_arguments(doc, sorted(set(found["kill_verb"])), ent_at, new)
        self._titles_in_orgs(doc, ents, new)
        for e in ents:
            self._name_by_context(doc, e, new)
        if not new:
            return doc
        keep = [e for e in ents if not docdata.in_skip(doc, e.start_char, e.end_char)]
        new = [s for s in new if not docdata.in_skip(doc, s.start_char, s.end_char)]
        taken = {i for s in new for i in range(s.start, s.end)}
        doc.ents = filter_spans(new + [e for e in keep if not any(i in taken for i in range(e.start, e.end))])
        return doc

    def _dateline(self, doc: Doc, sent: Span, ent_at: dict, new: list[Span]) -> None:
        """1. A capitalised dateline at the start of a sentence (after an opening bracket or quote)."""
        k, end = sent.start, sent.end
        while k < end and doc[k].is_punct and doc[k].text in self.w["dateline_openers"]:
            k += 1
        j = k
        while j < end and _is_caps(doc[j]):
            j += 1
        if not (k < j < end and doc[j].text in self.w["dateline_marks"] and (j - k > 1 or len(doc[k].text) > 3)):
            return
        # the parser may end a sentence at the mark ("MANCHESTER:" alone): what follows it still counts
        nxt = doc[j + 1] if j + 1 < len(doc) else None
        alone = doc[j].text == ":" and _known_place(doc[k:j].text)   # "LONDON: The minister said"
        if nxt is not None and (alone or nxt.ent_type_ in PLACE_LABELS or nxt.text in self.abbrevs
                                or _known_place(nxt.text) or (doc[j].text == "(" and _is_caps(nxt))):
            new.append(Span(doc, k, j, label="GPE"))
            if nxt.text in self.abbrevs and nxt.i not in ent_at:
                new.append(Span(doc, nxt.i, nxt.i + 1, label="GPE"))

    def _wire_services(self, doc: Doc, sent: Span, caps: list[int], new: list[Span]) -> None:
        """3. Wire services: "(XINHUA)" after a dateline, "Tokyo KYODO" after a known place."""
        for i in caps:
            t = doc[i]
            if t.text in self.abbrevs:
                continue
            if sent.start < i and i + 1 < len(doc) and doc[i - 1].text == "(" and doc[i + 1].text == ")" \
                    and i - sent.start <= 12 and any(x.ent_type_ in ("GPE", "LOC", "DATE") or x.i in _new_places(new)
                                                     for x in doc[sent.start:i - 1]):
                if not _known_place(t.text):
                    new.append(Span(doc, i, i + 1, label="ORG"))
                continue
            if i == sent.start or (i - 1 > sent.start and _is_caps(doc[i - 1])):
                continue
            self._place_then_wire(doc, sent, t, new)

    def _place_then_wire(self, doc: Doc, sent: Span, t: Token, new: list[Span]) -> None:
        """The longest known place name ending right before t, then t and what follows in capitals."""
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
                    if _is_caps(doc[e]) and doc[e].text not in self.w["not_wire"]:
                        e += 1
                    elif doc[e].text == "-" and e + 1 < sent.end and _is_caps(doc[e + 1]):
                        e += 2
                    else:
                        break
                new.append(Span(doc, b, t.i, label="GPE"))
                new.append(Span(doc, t.i, e, label="ORG"))
                return

    def _kill_arguments(self, doc: Doc, verbs: list[int], ent_at: dict, new: list[Span]) -> None:
        """4. Unrecognised names as the killer or the victim of a killing verb: "Ruby fatally shot Oswald"."""
        for v in (doc[i] for i in verbs):
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
                if _known_place(name.text) or gz.country_of(name.text) \
                        or gz.norm(doc[start].text) in wordlists.titles():
                    continue
                new.append(Span(doc, start, a.i + 1, label="PERSON"))

    def _titles_in_orgs(self, doc: Doc, ents: list[Span], new: list[Span]) -> None:
        """5. A title swallowed by the organisation before a name: "Coast Guard Lt. Steve Hardy"."""
        for e in ents:
            if e.label_ == "ORG" and len(e) >= 2 and e.end < len(doc) and doc[e.end].pos_ == "PROPN" \
                    and doc[e.end].is_title and (e[-1].lower_ in self.titles or e[-1].lower_ + "." in self.titles):
                new.append(Span(doc, e.start, e.end - 1, label="ORG"))

    def _victim(self, r: Token) -> bool:
        return (r.dep_ in ("dobj", "nsubjpass") and r.head.lemma_.lower() in self.kill_verbs) or \
            (r.dep_ in ("poss", "compound") and r.head.lower_ in self.kill_nouns) or \
            (r.dep_ == "pobj" and r.head.lower_ == "of" and r.head.head.lower_ in self.kill_nouns)

    def _name_by_context(self, doc: Doc, e: Span, new: list[Span]) -> None:
        """6. A name used as a place ("a Fargo native"), or the name of a person."""
        if e.label_ in NAME_LABELS and len(e) <= 3 and e[0].is_title and not gz.country_of(e.text):
            place = gz.places().get(gz.norm(e.text))
            minor = place is None or (place.kind == "City" and not place.seat_of)
            if self._victim(e.root) and minor and e.root.tag_ != "NNPS":
                new.append(Span(doc, e.start, e.end, label="PERSON"))
                return
        if e.label_ in ("PERSON", "ORG") and _known_place(e.text):
            after = doc[e.end] if e.end < len(doc) else None
            before = doc[e.start - 1] if e.start > 0 else None
            hyphen_based = after is not None and after.text == "-" and e.end + 1 < len(doc) \
                and doc[e.end + 1].lower_ == "based"
            if after is not None and (after.lower_ in self.w["place_after"] or hyphen_based) \
                    and before is not None and before.lower_ in self.w["place_before"]:
                new.append(Span(doc, e.start, e.end, label="GPE"))
        elif e.label_ in NAME_LABELS and not _known_place(e.text) and not gz.country_of(e.text) \
                and e[0].is_title and e.root.tag_ != "NNPS" and self._person_cue(doc, e):
            new.append(Span(doc, e.start, e.end, label="PERSON"))

    def _person_cue(self, doc: Doc, e: Span) -> bool:
        """After a title, in apposition with an age or a role, before "who", or the victim of a killing."""
        before = doc[e.start - 1] if e.start > 0 else None
        after = doc[e.end:e.end + 3]
        titled = before is not None and before.is_title and gz.norm(before.text) in wordlists.titles() \
            and e.label_ != "NORP" and len(e) <= 3
        org_word = any(x.lower_ in self.org_words for x in e)
        rel_who = len(after) >= 1 and (after[0].lower_ in self.w["person_relative"] or (
            after[0].text == "," and len(after) > 1 and after[1].lower_ in self.w["person_relative"]))
        role = False
        if len(after) >= 2 and after[0].text == "," and after[1].lower_ in self.w["articles"]:
            for x in doc[e.end + 2:min(len(doc), e.end + 8)]:
                if x.is_punct:
                    break
                if x.pos_ == "NOUN" and (x.lower_ in self.role or gz.norm(x.text) in wordlists.titles()):
                    role = True
                    break
        person_cue = not org_word and not e.text.isupper() and e.label_ == "ORG" and (rel_who or role)
        aged = len(after) == 3 and after[0].text == "," and after[1].like_num and after[2].text == "," and len(e) <= 3
        victim = e.root.dep_ in ("dobj", "nsubjpass") and e.root.head.lemma_.lower() in self.kill_verbs and len(e) <= 3
        return titled or aged or victim or person_cue


def _new_places(spans: list[Span]) -> set[int]:
    return {i for s in spans if s.label_ == "GPE" for i in range(s.start, s.end)}


@Language.factory("kg_ner_context", default_config=DEFAULTS)
def make_ner_context(nlp: Language, name: str, context: str, lexicons: str, kill_words: str) -> NerContext:
    return NerContext(nlp, context, lexicons, kill_words)
