"""Within one document, the short forms of a name are the entity the long form names, whatever type
the model gave each mention, when nothing in the text tells them apart:

- a surname or first name alone ("Okafor", "Ngozi") is the one person whose full name ends or starts
  with it ("Ngozi Okafor"), even when the model took it for an organisation or a place;
- a short form of an organisation ("Brightwave" for "Brightwave Zenith", "Harlow" for "Harlow Group",
  "United" for "Eastfield United") is the one organisation whose name it starts or ends, and so is
  the start of an institution's name ("Hillcrest" for "Hillcrest Primary School");
- the last part of a hyphenated name ("Karabakh" for "Upper-Karabakh") is that name;
- a singular and a plural ("Zorani", "Zoranis") are one.
A short form that fits several long forms ("Smith" with "Ann Smith" and "Bob Smith") joins none.
Countries and gazetteer places are never merged into something else.
"""
from __future__ import annotations

from spacy.tokens import Doc

from kg.model import Entity
from kg.model.kinds import Kind
from kg.nlp import docdata


def merge_short_forms(doc: Doc, ents: dict[str, Entity], suffixes: frozenset[str],
                      heads: frozenset[str] = frozenset()) -> None:
    for short in sorted(ents.values(), key=lambda e: len(e.label)):
        if short.key not in ents or short.kind in (Kind.COUNTRY, Kind.GROUP) or short.same_as:
            continue
        targets = _targets(short, [e for e in ents.values() if e is not short], suffixes, heads)
        if len(targets) == 1:
            merge(doc, ents, short, targets[0])


def _targets(short: Entity, others: list[Entity], suffixes: frozenset[str], heads: frozenset[str]) -> list[Entity]:
    words = short.label.split()
    if short.kind is not Kind.PERSON and len(words) == 1 and words[0][:1].isupper():
        people = [e for e in others if e.kind is Kind.PERSON and len(e.label.split()) >= 2
                  and words[0] in (e.label.split()[-1], e.label.split()[0])]
        if people:
            return people
    if short.kind.is_organization or short.kind is Kind.PERSON and len(words) == 1:
        orgs = [e for e in others if e.kind.is_organization and _short_org(words, e.label.split(), suffixes, heads)]
        if orgs:
            return orgs
    if short.kind is Kind.PERSON and len(words) > 1:
        return []
    low = _fold(short.label)
    return [e for e in others if e.kind not in (Kind.COUNTRY, Kind.GROUP)
            and not (e.kind is Kind.PERSON and len(e.label.split()) > 1)
            and (e.label.lower().endswith("-" + short.label.lower()) or _fold(e.label) in (low, low + "s"))]


def _fold(label: str) -> str:
    """"Al-Bayda", "Al Bayda" and "al bayda" are one spelling."""
    return " ".join(label.lower().replace("-", " ").split())


def _short_org(words: list[str], long: list[str], suffixes: frozenset[str], heads: frozenset[str]) -> bool:
    """`words` start or end the longer name `long`, and what is left is a legal or generic suffix
    ("Co", "Group", "Party") or, for a two-word name, its other word ("Eastfield United"); or they
    start an institution's name ("Hillcrest" for "Hillcrest Primary and Secondary School")."""
    n = len(words)
    if n >= len(long):
        return False
    rest = long[n:] if long[:n] == words else long[:-n] if long[-n:] == words else None
    if rest is None:
        return False
    return all(w.lower().strip(".") in suffixes for w in rest) or len(long) == 2 and rest[0][:1].isupper() \
        or long[:n] == words and rest[-1].lower() in heads


def merge(doc: Doc, ents: dict[str, Entity], short: Entity, target: Entity) -> None:
    """`short`'s mentions, labels, titles and relations become `target`'s; when they differ in type, the
    one with more mentions gives it (an organisation wins over a person: a plural name is a group)."""
    if short.kind is not target.kind:
        if short.kind.is_organization and target.kind is Kind.PERSON and len(target.label.split()) == 1:
            target.kind = short.kind
        elif not target.same_as and not target.kind.is_person and (
                len(short.mentions) > len(target.mentions)
                or len(short.mentions) == len(target.mentions) and short.kind.is_place):
            target.kind = short.kind   # a tie goes to the place: "in X" is where things happen
    target.alt_labels |= short.alt_labels
    target.mentions += [m for m in short.mentions if m not in target.mentions]
    target.job_titles |= short.job_titles
    tok2key = docdata.token_keys(doc)
    for i, k in list(tok2key.items()):
        if k == short.key:
            tok2key[i] = target.key
    for r in docdata.relations(doc):
        if r.subject == short.key:
            r.subject = target.key
        if r.object == short.key:
            r.object = target.key
    del ents[short.key]
