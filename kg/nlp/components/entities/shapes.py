"""The edges of a name, before it is typed: what the model put in a name that is not part of it, and
the names it left out.

- a credit line is several names: "(Wire - Portal / Daily News - 12th Jan)" -> "Wire", "Portal",
  "Daily News" (a part opening with a number is a date, not a name);
- a title is not part of an organisation's name: "Substitute Ana Ruiz" is a person;
- an unclosed bracket ends a name: "Federal Example Office (FEO" -> "Federal Example Office";
- a possessor "the <Word>" that is no country is not part of the name: "the Kingdom's Privy Council"
  -> "Privy Council" ("Kenya's foreign ministry" is the nominal rules' business, "St Mary's Hospital"
  is a name);
- a common noun alone is no name: a capitalised plural opening a sentence ("Flags will fly"), or a
  generic word or phrase ("the Court", "the State", "Big Tech": entity_cues.tsv generic_name,
  generic_phrase);
- a people's adjective is no person: "the Slovak agency", "Tamilistani rebels" with "Tamilistan";
- a title of several words at a name's end is cut off ("the Eastbrook Village Head's palace"), and so
  is a day before a person's name ("On Tuesday Ana Ruiz said"), a people's plural after "of" before a
  possessive ("by Acme of Ruritanians' data"); a crime's name after "one count of" is no name;
- a possessive inside a name is kept whole: "St Mary's Hospital", not "St Mary" (possessive_head);
- a name the model missed before a media noun ("the Ruritanian RTA news agency"), before a kind of
  organisation ("the ruling Zorvak party") or in apposition with one ("RTV2, a private TV station")
  is an organisation, and so is a "work" that reports ("the Harbour Newsroom reported").
The nouns are data (entity_cues.tsv: media_noun, and org_noun for the apposition).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.lexicon import gazetteer as gz
from kg.model.kinds import Kind

SEPARATORS = ("/", "-", "–", "|")
_POS = ("'s", "’s")


def reshape(doc: Doc, w: dict[str, frozenset[str]], titles: frozenset[str]) -> None:
    out: list[Span] = []
    for e in doc.ents:
        e = _reporting_work(e, w["media_verb"])
        out += _split_credits(doc, _title_cut(doc, e, titles)) if e.label_ == "ORG" else [e]
    out = [_title_tail(doc, _people_of_cut(doc, _possessor_cut(doc, _bracket_cut(doc, e))), titles, w)
           for e in out]
    out = [_kind_cut(_date_cut(doc, e, w["date_word"]), w["org_kind_after"]) for e in out]
    charges = _charges(doc, out, w["charge_word"])
    out = [_keep_possessive(doc, e, w["possessive_head"]) for e in out
           if e is not None and not _common_noun(e, w["generic_name"]) and not _demonym(doc, e)
           and gz.norm(e.text).removeprefix("the ") not in w["generic_phrase"]
           and e.text not in charges]
    taken = {i for e in out for i in range(e.start, e.end)}
    out += [s for s in _missed_media(doc, taken, w) + _missed_kind(doc, taken, w["org_kind_after"])
            if not any(i in taken for i in range(s.start, s.end))]
    doc.ents = filter_spans(out)


def _split_credits(doc: Doc, e: Span) -> list[Span]:
    """"Wire - Portal / Daily News - 12th Jan": the parts between spaced separators, numbers left out."""
    cuts = [t.i for t in e if t.text in SEPARATORS and t.whitespace_ and t.i > e.start and doc[t.i - 1].whitespace_]
    if not cuts:
        return [e]
    out, start = [], e.start
    for c in [*cuts, e.end]:
        if c > start and doc[start].text[:1].isupper():
            out.append(Span(doc, start, c, label=e.label_))
        start = c + 1
    return out


def _title_cut(doc: Doc, e: Span, titles: frozenset[str]) -> Span:
    """"Substitute Ana Ruiz" read as an organisation: the title is cut off and the rest, a given name and
    a surname, is a person ("General Mills" stays a company)."""
    for n in (3, 2, 1):
        rest = e[n:]
        if len(rest) >= 2 and gz.norm(e[:n].text) in titles and all(
                t.is_title and t.pos_ == "PROPN" for t in rest) and not gz.country_of(rest.text) \
                and gz.norm(rest.text) not in gz.places():
            return Span(doc, e.start + n, e.end, label="PERSON")
    return e


def _bracket_cut(doc: Doc, e: Span) -> Span | None:
    opens = [t.i for t in e if t.text == "("]
    if not opens or any(t.text == ")" for t in e):
        return e
    return Span(doc, e.start, opens[0], label=e.label_) if opens[0] > e.start else None


def _possessor_cut(doc: Doc, e: Span | None) -> Span | None:
    if e is None or e.label_ != "ORG":
        return e
    pos = [t.i for t in e if t.text in _POS]
    if len(pos) != 1 or pos[0] + 1 >= e.end or pos[0] == e.start:
        return e
    owner = doc[e.start:pos[0]]
    if len(owner) != 2:
        return e
    place = gz.places().get(gz.norm(owner[1].text))
    # a town's name that is also a word ("University") does not own a name; "the Kremlin's" does
    if owner[0].lower_ != "the" or gz.country_of(owner[1].text) \
            or (place is not None and place.kind is not Kind.CITY) or not doc[pos[0] + 1].is_title:
        return e
    return Span(doc, pos[0] + 1, e.end, label=e.label_)


def _common_noun(e: Span, generic: frozenset[str]) -> bool:
    if len(e) != 1 or e.label_ not in ("ORG", "GPE", "LOC", "FAC", "PERSON"):
        return False
    t = e[0]
    return t.lower_ in generic or (t.is_sent_start and t.tag_ in ("NNS",) and t.text[1:].islower())


def _people_of_cut(doc: Doc, e: Span | None) -> Span | None:
    """"transfers by Acme of Ruritanians' data": a people's plural and its possessive end no name."""
    if e is None or e.label_ != "ORG" or len(e) < 3 or e[-2].lower_ != "of" or e.end >= len(doc):
        return e
    people = gz.norm(e[-1].text) in gz.demonyms() or re.search(r"(an|ese|ish|i)s$", e[-1].text) is not None
    if doc[e.end].text in ("'", "’", *_POS) and e[-1].tag_ == "NNPS" and people:
        return Span(doc, e.start, e.end - 2, label="ORG")
    return e


def _title_tail(doc: Doc, e: Span | None, titles: frozenset[str], w: dict[str, frozenset[str]]) -> Span | None:
    """A title of several words at the end of a name, alone or with the word after it, is no part of
    it: "the Eastbrook Village Head's palace", "a Dale County Magistrate judge". What is left is the
    place the title is of when it reads as one ("Dale County"), else nothing ("Eastbrook" stays to
    what its other mentions say)."""
    if e is None or e.label_ not in ("ORG", "FAC", "GPE", "LOC") or len(e) < 2:
        return e
    nxt = doc[e.end].lower_ if e.end < len(doc) and doc[e.end].is_lower else ""
    for n in (2, 1):
        tail = e[-n:].text.lower()
        if n < len(e) and (n == 2 and tail in titles or nxt and f"{tail} {nxt}" in titles):
            rest = e[:-n]
            if rest[0].lower_ == "the":
                rest = rest[1:]
            if not len(rest):
                return None
            place = rest[-1].lower_ in w["place_name_end"] or gz.norm(rest.text) in gz.places()
            return Span(doc, rest.start, rest.end, label="GPE") if place else None
    return e


def _date_cut(doc: Doc, e: Span | None, days: frozenset[str]) -> Span | None:
    """"On Tuesday Ana Ruiz, the envoy, said": the day is not part of the name."""
    if e is None or e.label_ != "PERSON" or len(e) < 2 or e[0].lower_ not in days:
        return e
    return Span(doc, e.start + 1, e.end, label="PERSON")


def _charges(doc: Doc, ents: list[Span | None], words: frozenset[str]) -> set[str]:
    """Names of crimes: the capitalised word after "one count of", "charges of" ("Burglary"); each
    mention of it is dropped."""
    return {e.text for e in ents if e is not None and len(e) <= 3 and e.start >= 2
            and doc[e.start - 1].lower_ == "of" and doc[e.start - 2].lower_ in words}


def _demonym(doc: Doc, e: Span) -> bool:
    """A "person" that is a people's adjective: "the Slovak news agency", "Khalistani separatists" (the
    name of a place with "-i", the place named in the document or known to the gazetteer)."""
    if e.label_ not in ("PERSON", "ORG") or len(e) != 1:
        return False
    text = e[0].text
    if gz.norm(text) in gz.demonyms():
        return True
    nxt = doc[e.end] if e.end < len(doc) else None
    if not (len(text) >= 5 and text.endswith("i") and nxt is not None and nxt.is_lower and nxt.is_alpha):
        return False
    stem = text[:-1]
    return gz.country_of(stem) is not None or gz.norm(stem) in gz.places() or any(
        t.text == stem or t.text.endswith("-" + stem) for t in doc)


def _keep_possessive(doc: Doc, e: Span, heads: frozenset[str]) -> Span:
    """A name ending right before "'s" + a capitalised institution noun ("St Mary" + "'s Hospital")
    takes them ("Orbis's Xbox" is Orbis's product); so does a lower-case one where the document writes
    the whole name elsewhere ("Eastbrook Children's hospital" with "Eastbrook Children's Hospital")."""
    if e.end + 1 < len(doc) and doc[e.end].text in _POS and doc[e.end + 1].lower_ in heads \
            and e.label_ in ("ORG", "FAC", "PERSON") and (doc[e.end + 1].is_title or _written_whole(doc, e)):
        return Span(doc, e.start, e.end + 2, label="ORG" if e.label_ == "PERSON" else e.label_)
    return e


def _written_whole(doc: Doc, e: Span) -> bool:
    """The document writes the name with its capitalised noun elsewhere ("... Children's Hospital")."""
    words, n = [t.text for t in e], len(e)
    return any(doc[i].text in _POS and doc[i + 1].is_title and doc[i + 1].lower_ == doc[e.end + 1].lower_
               and [t.text for t in doc[i - n:i]] == words for i in range(n, len(doc) - 1))


def _missed_media(doc: Doc, taken: set[int], w: dict[str, frozenset[str]]) -> list[Span]:
    out = []
    for t in doc:
        if t.i in taken or not _namelike(t):
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is None:
            continue
        media = nxt.lower_ in w["media_noun"] or (nxt.lower_ == "news" and t.i + 2 < len(doc)
                                                   and doc[t.i + 2].lower_ in w["media_noun"])
        if media or (nxt.text == "," and _apposition_kind(doc, t.i + 1, w["org_noun"] | w["media_noun"])):
            out.append(Span(doc, t.i, t.i + 1, label="ORG"))
    return out


def _kind_cut(e: Span | None, kinds: frozenset[str]) -> Span | None:
    """"the Zorvak party": the lower-case kind is not part of the name."""
    if e is not None and e.label_ == "ORG" and len(e) >= 2 and e[-1].is_lower and e[-1].lower_ in kinds \
            and not (len(e) == 2 and e[0].lower_ == "the"):
        return Span(e.doc, e.start, e.end - 1, label="ORG")
    return e


def _reporting_work(e: Span, verbs: frozenset[str]) -> Span:
    """"the Harbour Newsroom reported": a "work" that reports is an outlet."""
    if e.label_ == "WORK_OF_ART" and e.root.dep_ == "nsubj" and e.root.head.lemma_.lower() in verbs:
        return Span(e.doc, e.start, e.end, label="ORG")
    return e


def _missed_kind(doc: Doc, taken: set[int], kinds: frozenset[str]) -> list[Span]:
    """"the ruling Zorvak party": a capitalised name the model missed before a lower-case kind of
    organisation."""
    return [Span(doc, t.i, t.i + 1, label="ORG") for t in doc[1:-1]
            if t.i not in taken and t.pos_ == "PROPN" and t.is_title and t.is_alpha and not t.is_sent_start
            and doc[t.i + 1].is_lower and doc[t.i + 1].lower_ in kinds and not gz.country_of(t.text)
            and gz.norm(t.text) not in gz.demonyms()]


def _namelike(t: Token) -> bool:
    """A word that can only be a name: capitalised letters (and digits) that are no ordinary word."""
    text = t.text
    return len(text) >= 2 and text[0].isupper() and text.isalnum() and t.pos_ == "PROPN" \
        and (text.isupper() or any(c.isdigit() for c in text)) and not gz.country_of(text)


def _apposition_kind(doc: Doc, comma: int, nouns: frozenset[str]) -> bool:
    if comma + 1 >= len(doc) or doc[comma + 1].lower_ not in ("a", "an", "the"):
        return False
    last = None
    for t in doc[comma + 2:min(len(doc), comma + 8)]:
        if t.tag_ == "POS":
            return False
        if t.pos_ in ("ADJ", "NOUN", "PROPN") or t.text == "-":
            last = t
            continue
        break
    return last is not None and last.lower_ in nouns
