"""Roles in apposition, from the parse: 'X, a spokeswoman for Y', 'X, an ecologist at Y', "X, Y's vice
president", 'X, a deputy from Z', 'X is a professor at Y' give the role noun's organisation
(worksFor) or place (homeLocation)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc, Token

from kg.model import Entity
from kg.model.kinds import Coarse, coarse_of
from kg.model.predicates import Pred
from kg.nlp.components.relations.words import Words

WORKS, HOME = Pred.WORKS_FOR.value, Pred.HOME_LOCATION.value


@dataclass(frozen=True)
class Appositions:
    doc: Doc
    ents: dict[str, Entity]
    keys: dict[int, str]
    words: Words
    roles: frozenset[str]
    add: Callable[[str, str, str, object], None]

    def key_class(self, t: Token) -> tuple[str | None, Coarse | None]:
        k = self.keys.get(t.i)
        if k in self.ents and t.pos_ != "PRON":
            return k, coarse_of(self.ents[k].kind)
        return None, None

    def role_nouns(self, t: Token) -> list[Token]:
        """The nouns in apposition with (or predicated of) the name ending at t, with their conjuncts."""
        nouns = [c for c in t.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if t.dep_ == "appos" and t.head.pos_ == "NOUN":
            nouns.append(t.head)
        if t.dep_ == "nsubj" and t.head.lemma_ == "be":
            nouns += [c for c in t.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        for n in list(nouns):
            nouns += [c for c in n.conjuncts if c.pos_ == "NOUN"]
        return nouns

    def _object(self, x: Token) -> tuple[str | None, Coarse | None]:
        k, oc = self.key_class(x)
        if k is None:   # "governor of the Upper Nile region"
            named = [y for y in x.children if y.dep_ == "compound" and self.key_class(y)[1] is Coarse.PLACE]
            k, oc = self.key_class(named[0]) if named else (None, None)
        return k, oc

    def _prepositional(self, pk: str, n: Token, c: Token, is_role: bool, sent) -> None:
        """'a spokeswoman for Y', 'an ecologist at Y', 'a deputy from Z'."""
        sets = self.words.sets
        for o in c.children:
            if o.dep_ != "pobj":
                continue
            for x in [o, *o.conjuncts]:
                k, oc = self._object(x)
                if oc is Coarse.ORGANIZATION and (is_role or c.lower_ == "at") and c.lower_ in sets["employer_preps"]:
                    self.add(pk, WORKS, k, sent)
                elif oc is Coarse.PLACE and (is_role and c.lower_ == "of" or c.lower_ == "from") \
                        and n.lower_ != "native":
                    self.add(pk, HOME, k, sent)
                elif oc is Coarse.PLACE and n.lower_ in sets["native"] and c.lower_ in ("of", "from"):
                    self.add(pk, HOME, k, sent)

    def read(self, pk: str, t: Token) -> None:
        for n in self.role_nouns(t):
            is_role = n.lower_ in self.roles or n.lemma_.lower() in self.roles
            # "a staff member of the planning department at Y": prepositions of the role's noun phrase
            inner = [n] + [g for p in n.children if p.dep_ == "prep" and p.lower_ == "of"
                           for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN" and not self.key_class(g)[0]]
            for c in [c for m in inner for c in m.children]:
                if c.dep_ == "prep" and c.lower_ in self.words.sets["apposition_preps"]:
                    self._prepositional(pk, n, c, is_role, t.sent)
                elif c.dep_ in ("poss", "compound", "nmod") and c.i < n.i and is_role:
                    k, oc = self.key_class(c)
                    if oc is Coarse.ORGANIZATION:
                        self.add(pk, WORKS, k, t.sent)


def role_words(words: Words) -> frozenset[str]:
    """One-word roles and titles, and title abbreviations: what makes an apposition a role."""
    return frozenset({w for w in words["role"] if " " not in w} | {w for w in words["title"] if " " not in w}
                     | set(words["title_abbrev"]))


def by_parse(doc: Doc, ents: dict[str, Entity], keys: dict[int, str], words: Words, roles: frozenset[str],
             add: Callable) -> None:
    reader = Appositions(doc, ents, keys, words, roles, add)
    for i in sorted(keys):
        pk, cls = reader.key_class(doc[i])
        if cls is not Coarse.PERSON or keys.get(i + 1) == pk:
            continue       # the last token of the name carries its dependants
        reader.read(pk, doc[i])
