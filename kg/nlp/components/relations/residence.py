"""Where people live or were born, from the parse: 'X was born in Y', 'X, born in Y', 'X, who has lived
in Y since 1990', 'X moved to Y'.

The parse rules (relation_parse.json, "residence") find the verb, the places of its prepositions and
its subject; this module reads the person: the subject, the noun a participle or relative clause
hangs on, the agent of the clause, or the name opening a "Name (note): Born ..." line.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Token

from kg.model.kinds import Coarse, Kind, coarse_of
from kg.model.predicates import Pred
from kg.nlp.components.relations.parse import Trigger
from kg.nlp.components.relations.people import People

HOME, BIRTH = Pred.HOME_LOCATION.value, Pred.BIRTH_PLACE.value


def _places(t: Trigger, p: People) -> list[str]:
    out = []
    for o in t.arg("place"):
        for x in [o, *o.conjuncts]:
            k = p.keys.get(x.i)
            if k in p.ents and coarse_of(p.ents[k].kind) is Coarse.PLACE:
                out.append(k)
    return out


def _opening_name(v: Token, p: People) -> list[str]:
    """'George Washington (first President): Born Feb. 22, 1732, in ...': the first person named."""
    doc = v.doc
    if not (v.i == v.sent.start or doc[v.i - 1].text in p.words.sets["dateline_marks"]):
        return []
    first = next((p.keys[t.i] for t in v.sent if t.i < v.i and p.keys.get(t.i) in p.ents
                  and p.ents[p.keys[t.i]].kind == Kind.PERSON and t.pos_ != "PRON"), None)
    return [first] if first else []


def _people(t: Trigger, p: People) -> list[str]:
    v = t.token
    subj = t.arg("subject")
    if subj:
        s = subj[0]
        return p.np_person(v.head) if p.relative(s) and v.dep_ == "relcl" else p.np_person(s)
    if v.dep_ in ("acl", "advcl", "relcl") and v.tag_ == "VBN" or v.dep_ == "acl":
        return p.np_person(v.head) if v.dep_ != "advcl" else p.clause_agent(v.head)
    if v.dep_ in ("conj", "xcomp"):
        return p.clause_agent(v)
    return []


def by_parse(triggers: list[Trigger], p: People, add: Callable[[str, str, str, Token], None]) -> None:
    """Each person's homeLocation (and birthPlace, for "born") in each place the verb names."""
    for t in triggers:
        places = _places(t, p)
        if not places:
            continue
        is_born = t.cls == "born"
        people = _people(t, p)
        if not people and is_born:
            people = _opening_name(t.token, p)
        for person in people:
            for k in places:
                add(person, HOME, k, t.token.sent)
                if is_born:
                    add(person, BIRTH, k, t.token.sent)
