"""How the text commits to an event: negated, or the modality of an adverb on the trigger or on a clause
it is embedded in ("reportedly struck"), or of the verb governing its clause ("is expected to announce",
"claimed that"); asserted otherwise. The cues are data (kg/nlp/data/event_cues.toml, [modality])."""
from __future__ import annotations

from spacy.tokens import Token

from kg.model.taxonomy import Modality
from kg.nlp.components.events.cues import Cues

#: the links an embedded clause is followed up through to the clauses governing it
_CLAUSE_LINKS = ("xcomp", "ccomp", "advcl", "conj")


def modality(t: Token, cues: Cues) -> str:
    adverbs = cues.modal_adverbs
    for c in t.children:
        if c.dep_ == "neg":
            return Modality.NEGATED.value
        if c.lower_ in adverbs:
            return adverbs[c.lower_]
    x = t
    while x.dep_ in _CLAUSE_LINKS and x.head.i != x.i:
        h = x.head
        for c in h.children:
            if c.lower_ in adverbs and c.dep_ == "advmod":
                return adverbs[c.lower_]
        g = cues.modal_governors.get(h.lemma_.lower())
        if g and not (g in cues.not_into_advcl and x.dep_ == "advcl"):
            return g
        x = h
    return Modality.ASSERTED.value
