"""How the text commits to an event. The trigger's own clause first: negated ("did not", "no arrests",
"never", "without meeting"), a modality adverb ("reportedly"), a modal auxiliary ("would", "could",
"will"), a condition ("if they attack"); then, up the clauses it is embedded in, their adverbs,
auxiliaries and conditions and the verb governing each ("is expected to announce", "claimed that",
"refused to release"); a question is hypothetical; asserted otherwise. A clause coordinated with another
shares its auxiliary and its condition when it has no subject of its own ("could attack and seize"), never
the verb that governs the other ("claimed X and attacked Y": the attack is not claimed). The cues are data
(kg/nlp/data/event_cues.toml, [modality])."""
from __future__ import annotations

from spacy.tokens import Token

from kg.model.taxonomy import Modality
from kg.nlp.components.events.cues import Cues

#: the links an embedded clause is followed up through to the clauses governing it
_CLAUSE_LINKS = ("xcomp", "ccomp", "advcl", "conj")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


def _negated(t: Token, cues: Cues) -> bool:
    if t.dep_ in ("pcomp", "pobj") and t.head.lower_ in cues.negators:
        return True      # "left without meeting"
    if any(c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in cues.negators) for c in t.children):
        return True
    # "found him not guilty": the adjective the object is predicated by says no
    return t.pos_ == "VERB" and any(c.dep_ in ("ccomp", "oprd", "xcomp", "acomp") and c.pos_ == "ADJ" and any(
        x.dep_ == "neg" for x in c.children) for c in t.children)


def _own(x: Token, cues: Cues, shared_only: bool = False) -> str | None:
    """The modality a clause's own words give it: an adverb, a modal auxiliary, a condition."""
    for c in x.children:
        low = c.lower_
        if not shared_only and low in cues.modal_adverbs and c.dep_ == "advmod":
            return cues.modal_adverbs[low]
        if c.dep_ == "aux" and c.lemma_.lower() in cues.modal_auxiliaries:
            return cues.modal_auxiliaries[c.lemma_.lower()]
        if c.dep_ == "mark" and low in cues.conditional_marks:
            return cues.conditional
    return None


def modality(t: Token, cues: Cues) -> str:
    if _negated(t, cues):
        return Modality.NEGATED.value
    adverbs = cues.modal_adverbs
    for c in t.children:
        if c.lower_ in adverbs:
            return adverbs[c.lower_]
    own = _own(t, cues)
    if own:
        return own
    x = t
    while x.dep_ in _CLAUSE_LINKS and x.head.i != x.i:
        h = x.head
        if x.dep_ == "conj":
            if not any(c.dep_ in _SUBJECTS for c in x.children):
                shared = _own(h, cues, shared_only=True)
                if shared:
                    return shared
            x = h
            continue
        own = _own(h, cues)
        if own and not (own in cues.not_into_advcl and x.dep_ == "advcl"):
            return own
        g = cues.modal_governors.get(h.lemma_.lower())
        if g and not (g in cues.not_into_advcl and x.dep_ == "advcl"):
            return g
        x = h
    if _question(t):
        return cues.question
    return Modality.ASSERTED.value


def _question(t: Token) -> bool:
    """Does the trigger's sentence end in a question mark (quotes and spaces aside)?"""
    for x in reversed(t.sent):
        if x.is_space or x.is_quote:
            continue
        return x.text == "?"
    return False
