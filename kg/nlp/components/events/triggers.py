"""Trigger words found by spaCy's PhraseMatcher, compiled once per pipeline from the taxonomy's verbs and
nouns (and the attribution phrases, "according to", in the same pass over the document).

A token triggers a type when it is a VERB or NOUN whose lower-cased lemma is one of the type's words (a
noun also by its own lower-cased form: "talks"), when it is outside skipped text and, for a noun, not part
of a name, and when the words a trigger requires hang on it in the parse, each on the one before: the
particle of "call on", "for" then "bankruptcy" of "file for bankruptcy". Of the triggers of one word, the
one requiring the most words that are there wins ("declare an emergency" over "declare"). The matchers look
words up by their LEMMA and LOWER attributes (a hash look-up per token, in C); the part of speech is then
checked on the few tokens found: a Matcher pattern with POS and a set of lemmas costs fifty times more.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.model.taxonomy import EventType, Trigger
from kg.nlp import docdata

#: the dependency labels a required particle or preposition hangs on its verb with ("called on", "brought up")
PARTICLE_DEPS = frozenset({"prt", "prep", "advmod"})
#: the dependency labels a required word of a longer trigger hangs on the one before with: an object
#: ("take the stand", "declare an emergency"), a complement ("found guilty"), a preposition's object ("file
#: for bankruptcy"), or a particle
CHAIN_DEPS = PARTICLE_DEPS | {"dobj", "pobj", "acomp", "oprd", "attr", "xcomp", "ccomp", "compound", "amod",
                              "npadvmod"}
_POS = ("VERB", "NOUN")
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_ATTRIBUTION = "ATTRIBUTION"


@dataclass(frozen=True)
class Hits:
    triggers: list[tuple[Token, Trigger]]     # in document order
    attributions: list[tuple[int, int]]       # (start, end) token spans of "according to", in document order


def _lemma_forms(words) -> list[str]:
    """The cased forms a lemma can have: the lemmatizer keeps a word's own case when it has no rule for it."""
    return sorted({f for w in words for f in (w, w.capitalize(), w.upper())})


class TriggerMatcher:
    def __init__(self, vocab: Vocab, types: tuple[EventType, ...], phrases: tuple[tuple[str, ...], ...]):
        self.by_word: dict[tuple[str, str], list[Trigger]] = {}
        self.reported_by = {t.code: t.reported_by for t in types if t.reported_by}
        for t in types:
            for trig in t.triggers:
                self.by_word.setdefault((trig.lemma, trig.pos), []).append(trig)
        words = sorted({lemma for lemma, _ in self.by_word})
        self.lemmas = PhraseMatcher(vocab, attr="LEMMA")
        self.lemmas.add("LEMMA", [Doc(vocab, words=[f], lemmas=[f]) for f in _lemma_forms(words)])
        # the form finds what the lemma cannot: a noun by its own form ("talks"), a word whose lemma is its
        # text in an odd case; the look-up in __call__ keeps the lemma first
        self.forms = PhraseMatcher(vocab, attr="LOWER")
        self.forms.add("FORM", [Doc(vocab, words=[w]) for w in words])
        if phrases:
            self.forms.add(_ATTRIBUTION, [Doc(vocab, words=list(p)) for p in phrases])
        self._attribution = vocab.strings[_ATTRIBUTION]

    def __call__(self, doc: Doc) -> Hits:
        tok2key = docdata.token_keys(doc)
        starts: set[int] = set()
        attributions = []
        for match_id, start, end in self.forms(doc):
            if match_id == self._attribution:
                attributions.append((start, end))
            else:
                starts.add(start)
        starts.update(start for _, start, _ in self.lemmas(doc))
        triggers = []
        used: set[int] = set()
        for i in sorted(starts):
            t = doc[i]
            pos = t.pos_
            if pos not in _POS or (pos == "NOUN" and i in tok2key):
                continue   # not a verb or noun, or a noun that is part of a name or a nominal entity
            cands = self.by_word.get((t.lemma_.lower(), pos))
            if not cands and pos == "NOUN":
                cands = self.by_word.get((t.lower_, pos))
            trig, chain = _pick(t, cands or ())
            if trig is not None and not docdata.in_skip(doc, t.idx, t.idx + len(t)):
                triggers.append((t, trig))
                used.update(c.i for c in chain)
        # a word of a longer trigger is not a trigger of its own: "bankruptcy" of "filed for bankruptcy"; nor
        # is the verb an event noun is the subject of when the verb tells the same happening ("an earthquake
        # struck": no attack)
        used.update(t.head.i for t, trig in triggers if reporting_verb(t, trig, self.reported_by.get(trig.type)))
        return Hits([(t, trig) for t, trig in triggers if t.i not in used], sorted(attributions))


def reporting_verb(t: Token, trig: Trigger, verbs) -> Token | None:
    """The verb that trigger noun `t` is the subject of, when it is one of `verbs` (the type's reported_by):
    "an earthquake struck the coast" (or "that struck the coast") tells the earthquake, where it struck and whom."""
    if verbs and trig.pos == "NOUN" and t.dep_ in _SUBJECTS and t.head.lemma_.lower() in verbs:
        return t.head
    if verbs and trig.pos == "NOUN":     # "an earthquake that struck the coast"
        for c in t.children:
            if c.dep_ == "relcl" and c.lemma_.lower() in verbs and any(
                    x.dep_ == "nsubj" and x.tag_ in ("WDT", "WP") for x in c.children):
                return c
    return None


def phrase_end(t: Token, trig: Trigger) -> int:
    """Where the words of a trigger of several words end when they are one phrase ("took the stand",
    "filed for bankruptcy", "stepped down"), else where the trigger word ends ("found her guilty")."""
    chain = _chain(t, trig.requires.split()) if trig.requires else None
    if not chain:
        return t.idx + len(t)
    last = max(chain, key=lambda c: c.i)
    between = t.doc[t.i + 1:last.i]
    if last.i < t.i or any(x.pos_ not in ("DET", "ADP", "PART") and x not in chain for x in between):
        return t.idx + len(t)
    return last.idx + len(last)


def _pick(t: Token, cands) -> tuple[Trigger | None, tuple[Token, ...]]:
    """The candidate with the most required words that are all on the word (each hanging on the one before:
    "file for bankruptcy"), else the first that requires none; and the tokens of its required words."""
    for c in sorted(cands, key=lambda c: -len(c.requires.split()) if c.requires else 0):
        if c.requires is None:
            return c, ()
        chain = _chain(t, c.requires.split())
        if chain is not None:
            return c, chain
    return None, ()


def _chain(t: Token, words: list[str]) -> tuple[Token, ...] | None:
    """The tokens of `words` when `words[0]` is a dependent of `t` (by its form or lemma), `words[1]` of that
    one, and so on; None when they are not there."""
    if not words:
        return ()
    for ch in t.children:
        if ch.dep_ in CHAIN_DEPS and words[0] in (ch.lower_, ch.lemma_.lower()):
            rest = _chain(ch, words[1:])
            if rest is not None:
                return (ch, *rest)
    return None
