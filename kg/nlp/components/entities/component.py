"""The kg_entities component: its config (the data files it reads), its lexicons, and the order of
its stages: the edges of names (`shapes`), names split in two joined (`joins`), one type per name (`cues`),
people, then places and named organisations, nominal organisations, groups, acronyms, short forms (`merges`)."""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicon import words as wordlists
from kg.lexicon.files import path_of, word_lists
from kg.model.kinds import Kind
from kg.nlp.components.entities import acronyms, cues, groups, joins, merges, nominal, people, places, shapes
from kg.nlp.components.entities.registry import Registry
from kg.nlp.phrases import Phrases

WORDS = path_of("entities.tsv", "kg.nlp")
LISTS = ("media_before", "media_name", "media_after", "government_name", "regnal", "acronym_skip",
         "country_possessive", "collective", "group_of", "group_quantifier", "group_multiple",
         "extent_multiple", "group_trim")


@dataclass(frozen=True)
class Lexicons:
    titles: frozenset[str]
    honorifics: frozenset[str]
    org_heads: MappingProxyType[str, tuple[str, Kind]]
    group_nouns: frozenset[str]
    actor_nouns: frozenset[str]
    numbers: MappingProxyType[str, int]
    qualifiers: MappingProxyType[str, str]
    # the word lists of WORDS (kg/nlp/data/entities.tsv says what each is for)
    media_before: frozenset[str]
    media_name: frozenset[str]
    media_after: frozenset[str]
    government_name: frozenset[str]
    regnal: frozenset[str]
    acronym_skip: frozenset[str]
    country_possessive: frozenset[str]
    collective: frozenset[str]
    group_of: frozenset[str]
    group_quantifier: frozenset[str]
    group_multiple: frozenset[str]
    extent_multiple: frozenset[str]
    group_trim: frozenset[str]


CONFIG = {"words": WORDS, "titles": wordlists.TITLES, "honorifics": wordlists.HONORIFICS,
          "org_heads": wordlists.ORG_HEADS, "group_nouns": wordlists.GROUP_NOUNS,
          "actor_nouns": wordlists.ACTOR_NOUNS, "numbers": wordlists.NUMBERS,
          "count_qualifiers": wordlists.COUNT_QUALIFIERS, "cues": cues.CUES}


@Language.factory("kg_entities", default_config=CONFIG)
def make_entities(nlp: Language, name: str, words: str, titles: str, honorifics: str, org_heads: str,
                  group_nouns: str, actor_nouns: str, numbers: str, count_qualifiers: str,
                  cues: str) -> EntityBuilder:
    lex = Lexicons(wordlists.titles(titles), wordlists.honorifics(honorifics), wordlists.org_heads(org_heads),
                   wordlists.group_nouns(group_nouns), wordlists.actor_nouns(actor_nouns),
                   wordlists.numbers(numbers), wordlists.count_qualifiers(count_qualifiers),
                   **word_lists(words, LISTS))
    return EntityBuilder(nlp, lex, cues)


class EntityBuilder:
    """The component: lexicons loaded and the nominal-organisation PhraseMatcher compiled once."""

    def __init__(self, nlp: Language, lex: Lexicons, cue_words: str = cues.CUES):
        self.lex = lex
        self.cues = cues.load(cue_words)
        self.org_heads = Phrases(nlp, lex.org_heads)

    def __call__(self, doc: Doc) -> Doc:
        shapes.reshape(doc, self.cues, self.lex.titles)
        joins.join_parts(doc, self.cues["institution_head"])
        cues.retype(doc, self.cues)
        reg = Registry(doc)
        people.add_people(doc, reg, self.lex)
        places.add_places_and_organisations(doc, reg, self.lex)
        nominal.add_nominal_organisations(doc, reg, self.lex, self.org_heads(doc))
        groups.add_groups(doc, reg, self.lex)
        acronyms.merge_acronyms(doc, reg.ents, self.lex)
        merges.merge_short_forms(doc, reg.ents, self.cues["org_suffix"], self.cues["institution_head"])
        return doc
