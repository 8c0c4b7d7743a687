"""An acronym and the full name it stands for, in one document, are one organisation keyed by the
full name: "EU" and "European Union", "MFA" and "Kenya's Ministry of Foreign Affairs"; an acronym of a
country's name is the country ("CAR" with "Central African Republic" in the text)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from kg.model import Entity, keys
from kg.model.keys import Space
from kg.nlp import docdata

if TYPE_CHECKING:
    from kg.nlp.components.entities.component import Lexicons

_ACRONYM = re.compile(r"[A-Z]{2,6}")
_POSSESSOR = re.compile(r"^\S+['’]s\s+")
_WORD = re.compile(r"[\w']+")


def merge_acronyms(doc: Doc, ents: dict[str, Entity], lex: Lexicons) -> None:
    tok2key = docdata.token_keys(doc)
    orgs = [e for e in ents.values() if e.kind.is_organization and keys.in_space(e.key, Space.ORG)]
    countries = [e for e in ents.values() if keys.in_space(e.key, Space.COUNTRY)]
    for short in orgs:
        acro = short.label.replace(".", "")
        if not _ACRONYM.fullmatch(acro):
            continue
        longs = [e for e in orgs + countries if e is not short and any(
            len(name.split()) >= 2 and initials(name, lex.acronym_skip) == acro for name in {e.label, *e.alt_labels})]
        if len(longs) != 1:
            continue
        target = longs[0]
        target.alt_labels |= short.alt_labels
        target.mentions += short.mentions
        for i, k in list(tok2key.items()):
            if k == short.key:
                tok2key[i] = target.key
        del ents[short.key]


def initials(label: str, skip: frozenset[str]) -> str:
    """"Kenya's Ministry of Foreign Affairs" -> "MFA": the first letters of the words, without the
    possessor and the `skip` words."""
    label = _POSSESSOR.sub("", label)
    return "".join(w[0] for w in _WORD.findall(label) if w.lower() not in skip).upper()
