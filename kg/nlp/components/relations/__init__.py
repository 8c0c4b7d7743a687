"""`kg_relations`: relations between actors and places, and killings, from rules in data files.

Who works for whom (schema:worksFor), who lives where or comes from where (schema:homeLocation,
schema:birthPlace), where an organisation is based (schema:location), what lies within what
(schema:containedInPlace), and who killed whom (the agent and patient of a Kill event). Every
relation keeps the sentence it was read from as its evidence.

The rules, all compiled once per pipeline when the component is made, with the files named in its
config (defaults: the package's files in kg/nlp/data):
- `patterns` (relation_patterns.tsv): surface patterns over tokens, in one spaCy Matcher
  (patterns.py, surface.py);
- `parse_rules` (relation_parse.json): dependency patterns for killings and residence, in one
  DependencyMatcher (parse.py, kill.py, residence.py); appositions are read from the parse too
  (appositions.py);
- `lexicons` (relation_lexicons.toml) and `kill_words` (kill_words.toml): the word lists (words.py).
Places named inside organisation names ("the University of Texas") come from the gazetteer
(org_places.py). Killings have one path, kill.KillEvents: the Kill event kg_events made at the
trigger is completed, or one is added.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.model import Mention, Relation
from kg.model.predicates import Pred
from kg.nlp import docdata
from kg.nlp.components.relations import appositions, kill, residence
from kg.nlp.components.relations.org_places import places_in_org_names
from kg.nlp.components.relations.parse import compile_parse_rules
from kg.nlp.components.relations.patterns import compile_rules
from kg.nlp.components.relations.people import People
from kg.nlp.components.relations.surface import SurfaceReader
from kg.nlp.components.relations.units import units_of
from kg.nlp.components.relations.words import load

DEFAULTS = {"patterns": "relation_patterns.tsv", "parse_rules": "relation_parse.json",
            "lexicons": "relation_lexicons.toml", "kill_words": "kill_words.toml"}
LOCATION = Pred.LOCATION.value


class Relations:
    def __init__(self, nlp: Language, patterns: str, parse_rules: str, lexicons: str, kill_words: str):
        self.words = load(lexicons, kill_words)
        self.surface = compile_rules(nlp.vocab, patterns, self.words)
        self.parse = compile_parse_rules(nlp.vocab, parse_rules, self.words)
        self.roles = appositions.role_words(self.words)
        self.not_prefix = self.words.sets["not_place_prefix"]

    def __call__(self, doc: Doc) -> Doc:
        ents = docdata.entities(doc)
        rels = docdata.relations(doc)
        keys = dict(docdata.token_keys(doc))
        have = {(r.subject, r.predicate, r.object) for r in rels}

        def add(subj: str, pred: str, obj: str, sent: Span) -> bool:
            if subj == obj or (subj, pred, obj) in have:
                return False
            have.add((subj, pred, obj))
            rels.append(Relation(subj, pred, obj, Mention(sent.start_char, sent.end_char, sent.text, -1)))
            return True

        # relations read from the parse join the sentence's pattern matches (and carry over with them)
        pending: dict[int, list[tuple[str, str, str]]] = {}

        def collect(subj: str, pred: str, obj: str, sent: Span) -> None:
            pending.setdefault(sent.start, []).append((subj, pred, obj))

        triggers = self.parse.triggers(doc)
        kills = kill.KillEvents(doc)
        people = People(doc, ents, docdata.token_keys(doc), self.words)
        kill.by_parse(triggers["kill"], people, kills)
        appositions.by_parse(doc, ents, keys, self.words, self.roles, collect)
        residence.by_parse(triggers["residence"], people, collect)
        for okey, pkey, tok in places_in_org_names(doc, ents, keys, self.not_prefix):
            add(okey, LOCATION, pkey, tok.sent)
        SurfaceReader(self.surface, self.words, doc, ents, units_of(doc, keys, ents), kills).read(pending, add)
        return doc


@Language.factory("kg_relations", default_config=DEFAULTS)
def make_relations(nlp: Language, name: str, patterns: str, parse_rules: str, lexicons: str,
                   kill_words: str) -> Relations:
    return Relations(nlp, patterns, parse_rules, lexicons, kill_words)
