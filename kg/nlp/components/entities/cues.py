"""One type per name, from what the document says around its mentions, before entities are built.

The small model types a name by its look; the text often says what it is: "X, the fast-food chain",
"the carmaker X", "X shareholders", "X filed for bankruptcy", "sold X to ..." (an organisation), "the
city of X", "X province", "died in X" (a place). Each mention gives at most one cue; the mentions of
a name then vote: a cued type wins when the cues agree, otherwise the model's majority, with the
gazetteer breaking a tie. Countries keep their type, and an organisation cue does not override a
place the gazetteer knows ("a Paris restaurant"). A name decided a product or an event (things.py)
is left out of the entities. The words are data: kg/nlp/data/entity_cues.tsv.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc, Span, Token

from kg.lexicon import gazetteer as gz
from kg.lexicon.files import path_of, word_lists
from kg.nlp.components.entities import things

CUES = path_of("entity_cues.tsv", "kg.nlp")
LISTS = ("org_noun", "org_after", "org_of", "org_verb", "org_object", "thing_verb", "place_noun", "place_of",
         "place_prep", "place_verb", "org_suffix",
         "org_name_end", "media_noun", "generic_name",
         "possessive_head", "date_word", "charge_word", "institution_head", "place_name_end",
         "thing_noun", "thing_head", "event_name_end", "media_verb", "org_kind_after", "generic_phrase")
TYPED = ("PERSON", "ORG", "GPE", "LOC", "FAC")
PLACES = ("GPE", "LOC", "FAC")
_POS = ("'s", "’s")
_LIKE = ("like", "including")


def load(path: str = CUES) -> dict[str, frozenset[str]]:
    return word_lists(path, LISTS, phrases=("generic_phrase",))


def retype(doc: Doc, w: dict[str, frozenset[str]]) -> None:
    """Relabel doc.ents so that the mentions of one name share one type (and "X province" is "X")."""
    spans = [_trim_place_noun(doc, e, w) for e in doc.ents]
    labels: dict[str, Counter] = defaultdict(Counter)
    cues: dict[str, Counter] = defaultdict(Counter)
    for s in spans:
        if s.label_ in TYPED:
            n = _name(s)
            labels[n][_coarse(s.label_)] += 1
            cue = cue_of(doc, s, w)
            if cue:
                cues[n][cue] += 1
    decided = {n: _decide(n, labels[n], cues[n]) for n in labels}
    out = []
    for s in spans:
        new = decided.get(_name(s)) if s.label_ in TYPED else None
        if new and _coarse(s.label_) != new:
            s = Span(doc, s.start, s.end, label=new)
        out.append(s)
    doc.ents = out


def _name(s: Span) -> str:
    n = gz.norm(s.text.replace("-", " "))
    return n[4:] if n.startswith("the ") else n


def _coarse(label: str) -> str:
    return "GPE" if label in PLACES else label


def _decide(name: str, labels: Counter, cues: Counter) -> str | None:
    """The one type of a name's mentions, or None to leave each as the model said."""
    if gz.country_of(name):
        return None
    known_place = name in gz.places()
    cued = [t for t in cues if not (t == "ORG" and known_place)]
    if len(cued) == 1:
        return cued[0]
    if len(labels) < 2 or cued:
        return None
    (a, na), (b, nb) = labels.most_common(2)
    if na > nb:
        return a
    return "GPE" if known_place and "GPE" in (a, b) else None


def cue_of(doc: Doc, s: Span, w: dict[str, frozenset[str]]) -> str | None:
    """The type one mention's context gives its name: "ORG", "GPE", "PRODUCT", "EVENT" or None."""
    if _place_cue(doc, s, w):
        return "GPE"
    if _org_cue(doc, s, w) or (s.label_ == "PERSON" and _thing_cue(doc, s, w)):
        return "ORG"
    return things.thing_cue(doc, s, w)


def _at(doc: Doc, i: int) -> Token | None:
    return doc[i] if 0 <= i < len(doc) else None


def _low(doc: Doc, i: int) -> str:
    t = _at(doc, i)
    return t.lower_ if t is not None else ""


def _org_cue(doc: Doc, s: Span, w: dict[str, frozenset[str]]) -> bool:
    before, root = _at(doc, s.start - 1), s.root
    after = s.end + 1 if _low(doc, s.end) in _POS else s.end
    if before is not None and before.pos_ == "NOUN" and before.lower_ in w["org_noun"] and before.is_lower:
        return True                                       # "the carmaker X", "her company X"
    if _low(doc, s.start - 1) in _LIKE and _low(doc, s.start - 2) in w["org_noun"] or \
            _low(doc, s.start - 1) == "as" and _low(doc, s.start - 2) == "such" and \
            _low(doc, s.start - 3) in w["org_noun"]:
        return True                                       # "chains like X", "companies such as X"
    if _low(doc, s.end) == "and" and _low(doc, s.end + 1) == "other" and _low(doc, s.end + 2) in w["org_noun"]:
        return True                                       # "X and other chains"
    if len(s) >= 2 and s[-1].lower_ in w["org_name_end"] and not s[-1].is_lower:
        return True                                       # "Eastfield United", "Harlow Holdings"
    if _low(doc, after) in w["org_after"] or _appositive(doc, s, w["org_noun"]):
        return True                                       # "X shareholders", "X, the fast-food chain"
    of = s.start - 2 if _low(doc, s.start - 1) == "the" else s.start - 1
    if _low(doc, of) == "of" and _low(doc, of - 1) in w["org_of"]:
        return True                                       # "the staff of X"
    if root.dep_ == "nsubj":
        verb = root.head
        if verb.lemma_.lower() in w["org_verb"]:
            return True                                   # "X acquired ..."
        below = [c for c in verb.children if c.dep_ == "dobj"]
        below += [o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
        return any(o.lemma_.lower() in w["org_object"] for o in below)   # "X filed for bankruptcy"
    return False


def _appositive(doc: Doc, s: Span, nouns: frozenset[str]) -> bool:
    """"X, the fast-food chain": after a comma and an article, the last noun of the phrase is one of
    `nouns` (a possessive ends the look: "X, the company's founder" is its founder)."""
    if _low(doc, s.end) != "," or _low(doc, s.end + 1) not in ("the", "a", "an"):
        return False
    last = None
    for t in doc[s.end + 2:min(len(doc), s.end + 9)]:
        if t.tag_ == "POS":
            return False
        if t.pos_ in ("ADJ", "NOUN", "NUM", "ADV") or t.text == "-":
            last = t if t.pos_ == "NOUN" else last
            continue
        break
    return last is not None and last.lower_ in nouns


def _thing_cue(doc: Doc, s: Span, w: dict[str, frozenset[str]]) -> bool:
    """A "person" that is sold, bought or launched, or that has "its" things, is no person."""
    root = s.root
    if root.dep_ == "dobj" and root.head.lemma_.lower() in w["thing_verb"]:
        return True
    return _low(doc, s.end) == "and" and _low(doc, s.end + 1) == "its" or \
        _low(doc, s.end) == "," and _low(doc, s.end + 1) == "which"


def _place_cue(doc: Doc, s: Span, w: dict[str, frozenset[str]]) -> bool:
    root = s.root
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    edge = min(first.left_edge.i, s.start) if first is not root else s.start
    if _low(doc, edge - 1) == "of" and _low(doc, edge - 2) in w["place_of"]:
        return True                                       # "the city of X", "the cities of A and B"
    if any(_at(doc, t.i + 1) is not None and doc[t.i + 1].is_lower and doc[t.i + 1].lower_ in w["place_noun"]
           for t in [root, *root.conjuncts]):
        return True                                       # "the A and B provinces"
    if s.label_ == "PERSON" and _low(doc, s.start - 1) in w["place_prep"] and _low(doc, s.end) not in _POS:
        return True                                       # "in X"
    return root.dep_ == "pobj" and root.head.lower_ == "in" and root.head.head.lemma_.lower() in w["place_verb"]


def _trim_place_noun(doc: Doc, e: Span, w: dict[str, frozenset[str]]) -> Span:
    """"Taiz province" -> "Taiz": the lower-case region noun describes the place, it is not its name."""
    if e.label_ in TYPED and len(e) >= 2 and e[-1].is_lower and e[-1].lower_ in w["place_noun"]:
        return Span(doc, e.start, e.end - 1, label="GPE")
    return e
