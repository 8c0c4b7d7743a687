"""The `kg_event_identity` factory: after every component that makes events, the mentions of one happening
in one document become one event (kg/nlp/data/event_identity.toml says when).

Events are taken in text order; each joins the nearest earlier happening it may be one with, by one of the
three links of the rules file (an event noun linked to a mention of its sentence, a definite event noun
referring back, the same trigger word repeated with a participant in common, or close by with no participant
on one side), and only when nothing conflicts
(kg.nlp.components.event_identity.merge). A verb mention is preferred as the principal mention, then the
earliest: the joined event keeps its type, lemma and IRI. The nearest happening a mention is linked to
decides: when the two conflict, the mention is a happening of its own (it is not joined to an older one).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.model import Event, Kind, Pred
from kg.nlp import docdata
from kg.nlp.components.event_identity import merge
from kg.nlp.components.event_identity.rules import Rules, load

_NOUNS = frozenset({"NOUN", "PROPN"})


@Language.factory("kg_event_identity", default_config={"rules": None})
def make_event_identity(nlp: Language, name: str, rules: Optional[str]) -> "EventIdentity":
    """`rules`: the path of a file like kg/nlp/data/event_identity.toml (None: that file)."""
    labels = frozenset(nlp.get_pipe("parser").labels) if "parser" in nlp.pipe_names else None
    return EventIdentity(load(rules, labels))


@dataclass
class _Happening:
    """One happening as it grows: its event so far and the tokens of its mentions."""

    event: Event
    tokens: list[Token] = field(default_factory=list)
    principal: Token | None = None
    aside: bool = False      # told as another one ("another attack"): not what a later "the attack" means

    @property
    def last(self) -> int:
        return max(t.i for t in self.tokens)


class EventIdentity:
    def __init__(self, rules: Rules):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        events = docdata.events(doc)
        if len(events) < 2:
            return doc
        at = {t.idx: t for t in doc}
        apart = _Places(doc)
        found: list[_Happening] = []
        for ev in sorted(events, key=lambda e: (e.trigger.start, e.type)):
            tok = at.get(ev.trigger.start)
            target = self._antecedent(found, ev, tok, apart) if tok is not None else None
            if target is None:
                aside = tok is not None and _modified_by(tok, self.rules.distinct)
                found.append(_Happening(ev, [tok] if tok is not None else [], tok, aside))
                continue
            if tok.pos_ not in _NOUNS and target.principal is not None and target.principal.pos_ in _NOUNS:
                target.event, target.principal = merge.join(ev, target.event), tok   # "In a statement, X said"
            else:
                target.event = merge.join(target.event, ev)
            target.tokens.append(tok)
            found.remove(target)
            found.append(target)       # `found` stays in the order of each happening's last mention
        events[:] = sorted((h.event for h in found), key=lambda e: (e.trigger.start, e.type))
        return doc

    def _antecedent(self, found: list[_Happening], ev: Event, tok: Token, apart: "_Places") -> _Happening | None:
        """The nearest earlier happening `ev` (at `tok`) is a mention of, if any."""
        r = self.rules
        if _modified_by(tok, r.distinct):
            return None
        sent = docdata.sentence_of(tok.doc, tok.i)
        reach = max(r.anaphora_window, r.repeat_window, r.bare_window)
        for h in reversed(found):              # the nearest first; none further back than any link reaches
            if not h.tokens:
                continue
            if sent - docdata.sentence_of(tok.doc, h.last) > reach:
                break
            if not (r.compatible_types(h.event.type, ev.type) or r.compatible_types(ev.type, h.event.type)):
                continue
            if self._linked(h, ev, tok):    # the nearest it is linked to decides: no looking past a conflict
                return h if merge.conflict(h.event, ev, apart, apart.unnamed) is None else None
        return None

    def _linked(self, h: _Happening, ev: Event, tok: Token) -> bool:
        r = self.rules
        sent = docdata.sentence_of(tok.doc, tok.i)
        for t in h.tokens:
            same = docdata.sentence_of(tok.doc, t.i) == sent
            if same and (tok.pos_ in _NOUNS or t.pos_ in _NOUNS) and _path(t, tok, r.breaks) <= r.max_path:
                return True
        gap = sent - docdata.sentence_of(tok.doc, h.last)
        if h.aside or _plural(tok, r.anaphoric) or all(_plural(t, r.anaphoric) for t in h.tokens):
            return False            # past its sentence, a plural is not one happening with a singular
        if tok.pos_ in _NOUNS and tok.lower_ in r.anaphoric and _definite(tok, r.determiners) \
                and 0 <= gap <= r.anaphora_window:
            return True
        if not (0 < gap and ev.type not in r.separate and ev.lemmas[0] in h.event.lemmas):
            return False
        unnamed = frozenset(docdata.nominal_keys(tok.doc).values())   # "a soldier" each time: nothing in common
        if (set(h.event.actors) & set(ev.actors)) - unnamed:
            return gap <= r.repeat_window
        return gap <= r.bare_window and not (set(h.event.agents + h.event.patients) - unnamed
                                             and set(ev.agents + ev.patients) - unnamed)


def _modified_by(tok: Token, words: frozenset[str]) -> bool:
    """"another attack", "a second meeting": by the parse, or by the word right before (a parse may attach
    it elsewhere)."""
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ in words:
        return True
    return any(c.lower_ in words for c in tok.children if c.dep_ in ("amod", "det", "advmod", "nummod", "predet"))


def _plural(tok: Token, anaphoric: frozenset[str]) -> bool:
    """A plural event noun names several happenings ("the attacks"), unless it is one of the nouns that are
    plural for one ("talks")."""
    return tok.tag_ in ("NNS", "NNPS") and tok.lower_ not in anaphoric


def _definite(tok: Token, determiners: frozenset[str]) -> bool:
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in determiners) for c in tok.children)


def _path(a: Token, b: Token, breaks: frozenset[str]) -> int:
    """Arcs between two tokens of one sentence in the parse; a large number across a break or none."""
    up: dict[int, int] = {}
    t, n = a, 0
    while True:
        up[t.i] = n
        if t.head.i == t.i or t.dep_ in breaks:
            break
        t, n = t.head, n + 1
    t, n = b, 0
    while t.i not in up:
        if t.head.i == t.i or t.dep_ in breaks:
            return 1 << 20
        t, n = t.head, n + 1
    return up[t.i] + n


class _Places:
    """Whether two events' places cannot be one: none shared, none within another, and two of one kind
    (two cities, two countries) that differ."""

    def __init__(self, doc: Doc):
        self.ents = docdata.entities(doc)
        self.unnamed = frozenset(docdata.nominal_keys(doc).values())
        self.within: dict[str, set[str]] = {}
        for r in docdata.relations(doc):
            if r.predicate in (Pred.CONTAINED_IN_PLACE, Pred.LOCATION):
                self.within.setdefault(r.subject, set()).add(r.object)

    def _containers(self, k: str) -> set[str]:
        out, todo = {k}, [k]
        while todo:
            for c in self.within.get(todo.pop(), ()):
                if c not in out:
                    out.add(c)
                    todo.append(c)
        return out

    def _kind(self, k: str) -> Kind | None:
        e = self.ents.get(k)
        return e.kind if e is not None else None

    def __call__(self, pa: list[str], pb: list[str]) -> bool:
        ca = set().union(*(self._containers(k) for k in pa))
        cb = set().union(*(self._containers(k) for k in pb))
        if ca & set(pb) or cb & set(pa):
            return False
        return any(x != y and self._kind(x) == self._kind(y) for x in pa for y in pb)
