"""Participants that are not named entities: "two gunmen", "the driver", "the campus", "a car bomb".

Where an event's argument (a subject, an object, a by-phrase, the object of a linking or place preposition)
names no entity, and its head noun is one of kg/lexicon/data/participant_nouns.tsv, the noun phrase becomes
an argument node of the kind the noun says: people (kg:PersonGroup), a site (kg:Site) or an artefact
(kg:Artifact), grounded in its mention like any entity. Such a node exists in its document only; a definite
phrase with the same head ("a soldier" ... "the soldier") is the same node again. Nodes are made only for
arguments, so a noun no event needs makes none, and they are kept apart from the entity tokens the other
components read (they are no antecedent of a pronoun and no party to a relation).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.lexicon import words as wordlists
from kg.model import Entity, Kind, Mention, keys
from kg.nlp import docdata

#: determiners that refer back to a participant already named ("the soldier", "that vehicle")
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: left dependents that belong to the participant's phrase
_MODIFIERS = frozenset({"det", "amod", "compound", "nummod", "quantmod", "poss", "nmod", "advmod", "predet"})
#: where a number stands for people
_NUMBER_ROLES = frozenset({"nsubj", "nsubjpass", "dobj"})
#: leading words left out of the label ("the campus" is labelled "campus")
_TRIM = frozenset({"the", "a", "an", "this", "that", "these", "those"})


def kind_of(t: Token, nouns) -> Kind | None:
    """The kind of participant a common noun heads, by its lemma (or, for plural-only words, its form); a
    number standing alone as a subject or object is people ("killed three", "five were wounded")."""
    if t.pos_ == "NUM" and (t.dep_ in _NUMBER_ROLES or (t.dep_ == "pobj" and t.head.lower_ == "of")) \
            and _count(t) is not None and not is_score(t):      # "the deaths of 11"
        return Kind.GROUP
    if t.pos_ != "NOUN":
        return None
    for word, plural in ((t.lemma_.lower(), False), (t.lower_, True)):   # "barracks": lemma "barrack"
        found = nouns.get(word)
        if found is not None and (not found[1] or plural):
            return found[0]
    return None


def participant(t: Token, doc: Doc, nouns) -> str | None:
    """The key of the unnamed participant the noun t heads, made when first needed; None if t heads none."""
    made = docdata.nominal_keys(doc)
    if t.i in made:
        return made[t.i]
    kind = kind_of(t, nouns)
    if kind is None or docdata.in_skip(doc, t.idx, t.idx + len(t)):
        return None
    span = _extent(doc, t)
    key = _antecedent(doc, t, kind)
    if key is None:
        start = span.start_char
        key = keys.group(docdata.doc_id(doc), start) if kind is Kind.GROUP else keys.thing(docdata.doc_id(doc), start)
    ents = docdata.entities(doc)
    e = ents.get(key)
    if e is None:
        e = ents[key] = Entity(key=key, kind=kind, label=span.text)
        if kind is Kind.GROUP:    # "two gunmen", "killed three": how many, as the text says
            num = t if t.pos_ == "NUM" else next((c for c in t.children if c.dep_ == "nummod"), None)
            e.count = _count(num) if num is not None else None
            e.count_qualifier = "exactly" if e.count is not None else None
    e.mentions.append(Mention(span.start_char, span.end_char, span.text, docdata.sentence_of(doc, t.i)))
    made[t.i] = key
    docdata.nominal_heads(doc).setdefault((kind, t.lemma_.lower()), key)
    return key


def is_score(t: Token) -> bool:
    """A number joined to another by a dash is a score or a range ("won 2-1", "a 3–0 defeat"), no people."""
    doc = t.doc
    after = t.i + 2 < len(doc) and doc[t.i + 1].text in _DASHES and not t.whitespace_ and doc[t.i + 2].like_num
    before = t.i >= 2 and doc[t.i - 1].text in _DASHES and not doc[t.i - 1].whitespace_ and doc[t.i - 2].like_num
    return after or before


_DASHES = frozenset({"-", "–", "—"})


def _count(t: Token) -> int | None:
    """The value of a number token: digits ("15", "1,200") or a number word ("three")."""
    text = t.text.replace(",", "")
    if text.isdigit():
        n = int(text)
        return n if not 1800 <= n <= 2100 or len(text) != 4 else None    # "in 2016" is a year
    return wordlists.numbers().get(t.lower_)


def _extent(doc: Doc, head: Token) -> Span:
    """From the first left modifier of the head (its own left edge) to the head, leading articles left out."""
    left = min([head.i] + [c.left_edge.i for c in head.children if c.i < head.i and c.dep_ in _MODIFIERS])
    while left < head.i and doc[left].lower_ in _TRIM:
        left += 1
    return doc[left:head.i + 1]


def _antecedent(doc: Doc, t: Token, kind: Kind) -> str | None:
    """"the soldier" after "a soldier": the participant already made with that head, when t is definite."""
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in t.children):
        return None
    return docdata.nominal_heads(doc).get((kind, t.lemma_.lower()))


def prune(doc: Doc, events) -> None:
    """Drop the unnamed participants no event kept ("a car bomb" is no agent): they exist only as arguments."""
    used = {k for ev in events for k in (*ev.actors, *ev.places)}
    made = docdata.nominal_keys(doc)
    ents = docdata.entities(doc)
    for i, k in list(made.items()):
        if k not in used:
            ents.pop(k, None)
            del made[i]


#: pronouns that may stand for unnamed people, and whether they are plural
_PRONOUNS = {"they": True, "them": True, "their": True, "he": False, "him": False, "his": False, "she": False,
             "her": False}
#: how many sentences back a pronoun's unnamed antecedent may be
_PRONOUN_REACH = 2


def pronoun(t: Token, doc: Doc) -> str | None:
    """A pronoun no named entity stands for ("Gunmen stormed a village. They killed five."): the nearest unnamed
    people before it, of its number, in its sentence or the two before, and no other argument of its verb."""
    plural = _PRONOUNS.get(t.lower_)
    if t.pos_ != "PRON" or plural is None:
        return None
    made, ents = docdata.nominal_keys(doc), docdata.entities(doc)
    first = docdata.sentence_of(doc, t.i) - _PRONOUN_REACH
    for i in sorted((i for i in made if i < t.i), reverse=True):
        if docdata.sentence_of(doc, i) < first:
            break
        e, tok = ents[made[i]], doc[i]
        if e.kind is not Kind.GROUP or tok.head.i == t.head.i:
            continue
        if (tok.tag_ in ("NNS", "NNPS") or tok.pos_ == "NUM" or (e.count or 0) > 1) == plural:
            return made[i]
    return None
