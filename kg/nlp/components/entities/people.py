"""People: one entity per person, full names first; a short form ("Scholz", "Mr Scholz", "Xi") joins
the full name that shares its last (or, for surname-first names, its first) word."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from kg.model import keys
from kg.model.kinds import Kind
from kg.nlp import docdata
from kg.nlp.components.entities.registry import Registry

if TYPE_CHECKING:
    from kg.nlp.components.entities.component import Lexicons


def add_people(doc: Doc, reg: Registry, lex: Lexicons) -> None:
    full: dict[str, list[str]] = {}     # last word of a full name (lower case) -> the keys of those names
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    for span in sorted(people, key=lambda s: -len(name_tokens(s, lex))):
        name = name_tokens(span, lex)
        if len(name) >= 2:
            key = _variant_of(name, full, reg)
            key = key or keys.person(" ".join(name))
            if key not in full.setdefault(name[-1].lower(), []):
                full[name[-1].lower()].append(key)
            reg.add(key, Kind.PERSON, " ".join(name), span)
        elif name:
            _add_short_name(span, name[0], full, reg, lex)


def _add_short_name(span: Span, name: str, full: dict[str, list[str]], reg: Registry, lex: Lexicons) -> None:
    """A one-word name: the full name ending (else, when only one does, starting) with it, or a person
    of its own, known with its regnal title if it has one ("Pope Francis"). Where two people share the
    surname ("Ann Smith", "Bob Smith"), "Smith" is the one named last before it, as a reader takes it."""
    key = _nearest_before(span, full.get(name.lower(), []), reg)
    if key is None:
        firsts = {k for k, e in reg.ents.items() if e.kind is Kind.PERSON and len(e.label.split()) >= 2
                  and e.label.split()[0].lower() == name.lower()}
        key = firsts.pop() if len(firsts) == 1 else None
    if key is not None:
        reg.add(key, Kind.PERSON, name, span)
        return
    regnal = [t for t in span if t.lower_ in lex.regnal]
    label = f"{regnal[0].text.capitalize()} {name}" if regnal else name
    reg.add(keys.person(label), Kind.PERSON, label, span)


def name_tokens(span: Span, lex: Lexicons) -> list[str]:
    """The words of a person's name, without the honorifics and titles before it ("Mr", "President");
    a title word after a given name is a surname ("Stephanie Pope", "Ana King")."""
    toks = [t for t in span if t.text not in (".", "'s", "’s")]
    while toks and (toks[0].lower_ in lex.honorifics or toks[0].lower_ in lex.titles):
        toks = toks[1:]
    toks = [t for t in toks if t.lower_ not in lex.honorifics]
    if not toks:
        return []
    # keep hyphenated parts joined as written: "al-Sisi" is one word
    text = docdata.text(span.doc)[toks[0].idx:toks[-1].idx + len(toks[-1])]
    return text.split()


def _variant_of(name: list[str], full: dict[str, list[str]], reg: Registry) -> str | None:
    """'Ana Lopez' and 'Ana Maria Lopez': same first and last word."""
    for key in full.get(name[-1].lower(), []):
        if reg.ents[key].label.split()[0].lower() == name[0].lower():
            return key
    return None


def _nearest_before(span: Span, cands: list[str], reg: Registry) -> str | None:
    """The one candidate, or of several the one with a full mention closest before `span`."""
    if len(cands) <= 1:
        return cands[0] if cands else None
    before = [(max(m.start for m in reg.ents[k].mentions if m.start < span.start_char), k) for k in cands
              if any(m.start < span.start_char for m in reg.ents[k].mentions)]
    return max(before)[1] if before else None
