"""The word lists of the relation rules, in one namespace: the lexicon file (relation_lexicons.toml),
the kill words (kill_words.toml) and the lists derived from other sources.

One source for each list: the kill verbs and nouns are the Kill event type's trigger lemmas
(kg.model.taxonomy) plus the kill file's `extra_verbs` / `extra_nouns`; `@title` is the shared titles
lexicon (kg/lexicon/data/titles.txt) plus the roles. kg_ner_context reads the same lists.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from kg.lexicon import words as wordlists
from kg.model.taxonomy import event_type
from kg.nlp.components.relations.datafiles import RuleDataError, display, word_lists

#: lists made here, not read from a file (a file defining one is an error)
DERIVED = ("title", "kill_verbs", "kill_nouns", "kill_agents")
#: lists the code reads, by file
REQUIRED = {
    "lexicons": ("title_abbrev", "role", "region_abbrev", "org_words", "not_place_prefix", "born", "native",
                 "relative", "live_verbs", "live_preps", "born_verbs", "born_preps", "dateline_marks",
                 "clause_preps", "apposition_preps", "employer_preps"),
    "kill_words": ("extra_verbs", "extra_nouns", "agent_nouns", "instruments", "accuse_verbs", "act_verbs"),
}


@dataclass(frozen=True)
class Words:
    """name -> words (or space-separated phrases), in file order; `sets` holds each as a frozenset."""

    lists: MappingProxyType
    origin: MappingProxyType          # name -> the file it comes from (for messages)
    sets: MappingProxyType = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "sets", MappingProxyType({k: frozenset(v) for k, v in self.lists.items()}))

    def __getitem__(self, name: str) -> tuple[str, ...]:
        return self.lists[name]

    def __contains__(self, name: str) -> bool:
        return name in self.lists


def _kill_lemmas(pos: str) -> tuple[str, ...]:
    return tuple(t.lemma for t in event_type("Kill").triggers if t.pos == pos and t.requires is None)


@lru_cache(maxsize=8)
def load(lexicons: str = "relation_lexicons.toml", kill_words: str = "kill_words.toml") -> Words:
    lists: dict[str, tuple[str, ...]] = {}
    origin: dict[str, str] = {}
    for role, name in (("lexicons", lexicons), ("kill_words", kill_words)):
        read = word_lists(name)
        for key in REQUIRED[role]:
            if key not in read:
                raise RuleDataError(display(name), key, "missing (the rules read it)")
        for key, words in read.items():
            if key in DERIVED:
                raise RuleDataError(display(name), key, "is made from other sources; rename the list")
            if key in lists:
                raise RuleDataError(display(name), key, f"is defined in {origin[key]} too")
            lists[key], origin[key] = words, display(name)
    lists["title"] = tuple(sorted(set(wordlists.titles()) | {w.lower() for w in lists["role"]}))
    lists["kill_verbs"] = tuple(dict.fromkeys(_kill_lemmas("VERB") + lists["extra_verbs"]))
    lists["kill_nouns"] = tuple(dict.fromkeys(_kill_lemmas("NOUN") + lists["extra_nouns"]))
    lists["kill_agents"] = tuple(dict.fromkeys(lists["agent_nouns"] + tuple(w + "s" for w in lists["agent_nouns"])))
    for key in DERIVED:
        origin[key] = "derived"
    return Words(MappingProxyType(lists), MappingProxyType(origin))
