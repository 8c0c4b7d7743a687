"""Who a phrase or a clause is about: the person a noun phrase denotes, the agent of a clause.

The parse rules (kill.py, residence.py) find a trigger and its syntactic neighbours with spaCy's
DependencyMatcher; these helpers then climb the tree from a neighbour to the person it stands for,
through appositions, relative clauses, predicates ("X was the man who"), agents of passives and the
governors of prepositional clauses ("convicted of killing"). The climbing is recursive with a depth
limit, which is why it is code and not a pattern; its words are data (relation_lexicons.toml,
kill_words.toml).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.model import Entity
from kg.model.kinds import Kind
from kg.nlp.components.relations.words import Words


@dataclass(frozen=True)
class People:
    doc: Doc
    ents: dict[str, Entity]
    keys: dict[int, str]
    words: Words

    def person(self, tok: Token | None) -> list[str]:
        """Person keys a token and its conjuncts refer to (resolved pronouns included)."""
        if tok is None:
            return []
        out = []
        for x in [tok, *tok.conjuncts]:
            k = self.keys.get(x.i)
            if k is None:   # a name only partly recognised: "John Wilkes Booth" as "John Wilkes"
                k = next((self.keys.get(c.i) for c in x.children
                          if c.dep_ == "compound" and self.keys.get(c.i) in self.ents), None)
            if k in self.ents and self.ents[k].kind == Kind.PERSON:
                out.append(k)
        return out

    def relative(self, t: Token) -> bool:
        return t.lower_ in self.words.sets["relative"]

    def np_person(self, n: Token, depth: int = 0) -> list[str]:
        """The person a noun phrase denotes: itself, or what it is predicated of ("X was the man who"),
        in apposition with ("X, the lone gunman"), or is named as ("recognized as the man who")."""
        if depth > 4:
            return []
        ks = self.person(n)
        if ks:
            return ks
        if n.dep_ == "appos":
            return self.person(n.head)
        for c in n.children:
            if c.dep_ == "appos" and self.person(c):
                return self.person(c)
        h = n.head
        if n.dep_ in ("attr", "oprd", "acomp"):
            subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return self.np_person(subj[0], depth + 1)
        if n.dep_ == "pobj" and h.lower_ == "as":
            v = h.head
            for s in [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]:
                ks = self.np_person(s, depth + 1)
                if ks:
                    return ks
            if v.dep_ == "relcl":
                return self.np_person(v.head, depth + 1)
        if self.relative(n) and h.dep_ == "relcl":
            return self.np_person(h.head, depth + 1)
        # "the shots that killed him": who fired the instrument
        if n.lower_ in self.words.sets["instruments"] and n.dep_ in ("dobj", "nsubj") and h.pos_ in ("VERB", "AUX"):
            return self.clause_agent(h, depth + 1)
        return []

    def _by_agent(self, v: Token) -> list[str]:
        return [k for c in v.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"
                for k in self.person(o)]

    def clause_agent(self, v: Token, depth: int = 0) -> list[str]:
        """Who does what verb v says, climbing through relative, participial and prepositional clauses."""
        if depth > 5:
            return []
        for c in v.children:
            if c.dep_ == "agent":
                return [k for o in c.children if o.dep_ == "pobj" for k in self.person(o)]
        for c in v.children:
            if c.dep_ in ("nsubj", "csubj"):
                if self.relative(c) and v.dep_ == "relcl":
                    return self.np_person(v.head, depth + 1)
                return self.np_person(c, depth + 1)
            if c.dep_ == "nsubjpass":    # "was shot and mortally wounded by X"
                return [k for cj in v.conjuncts for k in self._by_agent(cj)]
        h = v.head
        if h is v or v.dep_ in ("relcl", "ccomp"):
            return []
        if v.dep_ == "pcomp" or (v.dep_ == "pobj" and h.pos_ == "ADP"):
            return self.governor_agent(h, depth + 1)
        if v.dep_ in ("acomp", "oprd") and v.pos_ == "ADJ":      # "pleaded guilty to killing"
            return self.clause_agent(h, depth + 1)
        if v.dep_ in ("xcomp", "advcl", "conj"):
            return self.clause_agent(h, depth + 1)
        return []

    def _accused(self, g: Token, depth: int) -> list[str]:
        """'X was convicted of', 'convicted X of', 'X, convicted of': the accused."""
        obj = [c for c in g.children if c.dep_ == "dobj"]
        if obj and self.np_person(obj[0], depth + 1):
            return self.np_person(obj[0], depth + 1)
        passive = [c for c in g.children if c.dep_ == "nsubjpass"]
        if not passive and g.dep_ == "conj":     # "was tried and convicted of"
            passive = [c for c in g.head.children if c.dep_ == "nsubjpass"]
        if passive:
            p = passive[0]
            if self.relative(p) and g.dep_ == "relcl":
                return self.np_person(g.head, depth + 1)
            return self.np_person(p, depth + 1)
        if g.dep_ == "acl":        # "Adamson, convicted of murdering"
            return self.np_person(g.head, depth + 1)
        return []

    def governor_agent(self, prep: Token, depth: int) -> list[str]:
        """'convicted of killing', 'the idea for killing', 'acted alone in killing': whose act it is."""
        g = prep.head
        sets = self.words.sets
        if g.pos_ in ("VERB", "AUX", "ADJ"):
            if g.lemma_.lower() in sets["accuse_verbs"]:
                return self._accused(g, depth)
            if g.lemma_.lower() in sets["act_verbs"] or g.pos_ == "ADJ" or prep.lower_ in sets["clause_preps"]:
                return self.clause_agent(g, depth + 1)
            return []
        if g.pos_ in ("NOUN", "PROPN"):
            poss = [c for c in g.children if c.dep_ == "poss"]
            if poss:
                return self.person(poss[0])
            if g.dep_ in ("dobj", "attr") and g.head.pos_ in ("VERB", "AUX"):
                return self.clause_agent(g.head, depth + 1)
        return []
