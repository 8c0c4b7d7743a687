"""The dependency-parse rules of kg_relations (relation_parse.json), compiled into one spaCy
`DependencyMatcher` per pipeline.

The file has a section per rule family (kill, residence). A family lists its trigger classes in
order of precedence (a token is read by the first class it belongs to), each as alternative
`RIGHT_ATTRS` of the anchor node "trigger", and for each class its arguments: DependencyMatcher
nodes (spaCy's own format) hanging on "trigger", one of them named "arg" — the token the argument
is. An argument may restrict the trigger too, by starting with a "trigger" node of its own. A
string "@name" where a list of words is expected is the word list `name` (words.py).

The code that reads a family (kill.py, residence.py) names the classes and arguments it reads in
`FAMILIES`; a class or argument the file lacks, or one the code does not read, is a load error.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.nlp.components.relations.datafiles import RuleDataError, display, read_json
from kg.nlp.components.relations.words import Words

#: family -> trigger class -> the arguments the code reads
FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "kill": {"verb": ("passive", "object", "head"), "noun": ("of", "by", "poss", "modifier", "governor"),
             "agent_noun": ("of", "owner", "head")},
    "residence": {"born": ("place", "subject"), "live": ("place", "subject")},
}


#: the argument "the trigger's head"; DependencyMatcher would match its empty attrs against every token
HEAD = {"LEFT_ID": "trigger", "REL_OP": "<", "RIGHT_ID": "arg", "RIGHT_ATTRS": {}}
HEAD_ARG = -1


@dataclass
class Trigger:
    """A trigger token, its class and its arguments (each list in token order)."""

    token: Token
    cls: str
    args: dict[str, list[Token]] = field(default_factory=dict)

    def arg(self, name: str) -> list[Token]:
        return self.args.get(name, [])


@dataclass(frozen=True)
class _Key:
    family: str
    cls: str
    arg: str | None       # None: the trigger alone
    arg_node: int = 0     # position of the "arg" node in the match


def _words(value, where: str, name: str, words: Words):
    """The attrs with every "@name" replaced by its word list."""
    if isinstance(value, dict):
        return {k: _words(v, where, name, words) for k, v in value.items()}
    if isinstance(value, list):
        return [_words(v, where, name, words) for v in value]
    if isinstance(value, str) and value.startswith("@"):
        if value[1:] not in words:
            raise RuleDataError(display(name), where, f"unknown word list '{value}'")
        return list(words[value[1:]])
    return value


def _pattern(anchor: dict, nodes: list, where: str, name: str) -> tuple[list[dict], int]:
    """A full DependencyMatcher pattern (anchor first) and the position of its "arg" node."""
    if not isinstance(nodes, list) or not all(isinstance(n, dict) for n in nodes):
        raise RuleDataError(display(name), where, "an argument is a list of DependencyMatcher nodes")
    if nodes and nodes[0].get("RIGHT_ID") == "trigger" and "LEFT_ID" not in nodes[0]:
        anchor = {**anchor, **nodes[0].get("RIGHT_ATTRS", {})}
        nodes = nodes[1:]
    pattern = [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": anchor}, *nodes]
    ids = [n.get("RIGHT_ID") for n in pattern]
    if "arg" not in ids:
        raise RuleDataError(display(name), where, "no node is named 'arg' (the argument's token)")
    if nodes == [HEAD]:     # the trigger's head: read from the tree, not matched against every token
        return pattern[:1], HEAD_ARG
    return pattern, ids.index("arg")


#: past this many sentences with a trigger, the DependencyMatcher reads the whole document in one pass
WHOLE_DOC_SENTENCES = 40


@dataclass(frozen=True)
class ParseRules:
    """The DependencyMatcher, and a Matcher of the triggers alone: DependencyMatcher matches every
    node of every pattern against every token, so it only reads the sentences that have a trigger."""

    matcher: DependencyMatcher
    anchors: Matcher
    keys: dict[int, _Key]

    def _matches(self, doc: Doc) -> list[tuple[int, list[int]]]:
        if not (doc.has_annotation("DEP") and doc.has_annotation("POS")):
            return []       # a pipeline without the parser or the tagger: no parse to read
        sents = sorted({doc[i].sent for _, i, _ in self.anchors(doc)}, key=lambda s: s.start)
        if len(sents) > WHOLE_DOC_SENTENCES:
            # each call on a span copies it into a Doc of its own at a cost that grows with the whole
            # document: past a few dozen sentences one pass over the document is cheaper (trees do not
            # cross sentences, and a sentence without a trigger has no match, so the matches are the same)
            return [(match_id, list(ids)) for match_id, ids in self.matcher(doc)]
        out = []
        for sent in sents:
            out += [(match_id, [sent.start + i for i in ids]) for match_id, ids in self.matcher(sent)]
        return out

    def triggers(self, doc: Doc) -> dict[str, list[Trigger]]:
        """family -> its triggers in the document, in token order, with their arguments."""
        classes: dict[tuple[str, int], set[str]] = {}
        hits: dict[tuple[str, int, str, str], set[tuple[int, ...]]] = {}
        for match_id, ids in self._matches(doc):
            k = self.keys[match_id]
            classes.setdefault((k.family, ids[0]), set()).add(k.cls)
            if k.arg is not None:
                arg = doc[ids[0]].head.i if k.arg_node == HEAD_ARG else ids[k.arg_node]
                hits.setdefault((k.family, ids[0], k.cls, k.arg), set()).add((*ids[1:], arg))
        out: dict[str, list[Trigger]] = {f: [] for f in FAMILIES}
        for (family, i), found in sorted(classes.items(), key=lambda kv: kv[0][1]):
            cls = next(c for c in FAMILIES[family] if c in found)
            trig = Trigger(doc[i], cls)
            for arg in FAMILIES[family][cls]:
                ids = sorted(hits.get((family, i, cls, arg), ()))
                if ids:
                    trig.args[arg] = [doc[t[-1]] for t in ids]
            out[family].append(trig)
        return out


def compile_parse_rules(vocab: Vocab, name: str, words: Words) -> ParseRules:
    data = read_json(name)
    matcher, alone, keys = DependencyMatcher(vocab, validate=True), Matcher(vocab, validate=True), {}
    for family in sorted(set(data) - {"_doc"} | set(FAMILIES)):
        if family not in FAMILIES:
            raise RuleDataError(display(name), family, f"unknown rule family (known: {', '.join(FAMILIES)})")
        section = data.get(family)
        if not isinstance(section, dict) or set(section) - {"_doc"} != {"triggers", "arguments"}:
            raise RuleDataError(display(name), family, "needs exactly 'triggers' and 'arguments'")
        for cls, args in FAMILIES[family].items():
            where = f"{family}.triggers.{cls}"
            anchors = section["triggers"].get(cls)
            if not isinstance(anchors, list) or not anchors:
                raise RuleDataError(display(name), where, "missing: a list of the trigger's RIGHT_ATTRS")
            given = section["arguments"].get(cls, {})
            if set(given) != set(args) or set(section["triggers"]) - set(FAMILIES[family]):
                raise RuleDataError(display(name), f"{family}.arguments.{cls}",
                                    f"the rules read the arguments {', '.join(args)} of the classes "
                                    f"{', '.join(FAMILIES[family])}")
            for a, anchor in enumerate(anchors):
                anchor = _words(anchor, where, name, words)
                alone.add(f"parse:{family}/{cls}/{a}", [[anchor]])
                patterns = [(None, [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": anchor}], 0)]
                for arg in args:
                    pat, pos = _pattern(anchor, _words(given[arg], f"{family}.arguments.{cls}.{arg}", name, words),
                                        f"{family}.arguments.{cls}.{arg}", name)
                    patterns.append((arg, pat, pos))
                for arg, pat, pos in patterns:
                    key = f"parse:{family}/{cls}/{arg or ''}/{a}"
                    try:
                        matcher.add(key, [pat])
                    except ValueError as e:
                        raise RuleDataError(display(name), f"{family}.arguments.{cls}.{arg or 'trigger'}",
                                            f"not a DependencyMatcher pattern ({e})") from None
                    keys[vocab.strings[key]] = _Key(family, cls, arg, pos)
    return ParseRules(matcher, alone, keys)
