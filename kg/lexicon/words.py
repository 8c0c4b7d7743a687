"""General lexicons shared by the stages: titles, honorifics, nominal organisations, group and actor
nouns, number words, count qualifiers and pronouns.

Each is a file in kg/lexicon/data/ (one entry per line, tab-separated fields), validated and loaded
once per path. The components take the paths from their config; the defaults are these files.
"""
from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType

from kg.lexicon.files import DataFileError, path_of, read_rows, word_set
from kg.model.keys import norm
from kg.model.kinds import Kind

TITLES = path_of("titles.txt")
ORG_HEADS = path_of("org_heads.tsv")
GROUP_NOUNS = path_of("group_nouns.txt")
ACTOR_NOUNS = path_of("actor_nouns.txt")
HONORIFICS = path_of("honorifics.txt")
NUMBERS = path_of("numbers.tsv")
COUNT_QUALIFIERS = path_of("count_qualifiers.tsv")
PRONOUNS = path_of("pronouns.tsv")
POSTING_CUES = path_of("posting_cues.txt")
NAME_TITLE_WORDS = path_of("name_title_words.txt")
SPELLINGS = path_of("spellings.tsv")


@lru_cache(maxsize=None)
def titles(path: str = TITLES) -> frozenset[str]:
    """Job titles and offices ("prime minister", "spokesperson")."""
    return word_set(path)


@lru_cache(maxsize=None)
def org_heads(path: str = ORG_HEADS) -> MappingProxyType[str, tuple[str, Kind]]:
    """phrase -> (canonical name, kind) of organisations a country has without a proper name ("foreign ministry")."""
    out = {}
    for n, (phrase, name, kind) in read_rows(path, 3):
        out[norm(phrase)] = (name, _kind(path, n, kind))
    return MappingProxyType(out)


@lru_cache(maxsize=None)
def group_nouns(path: str = GROUP_NOUNS) -> frozenset[str]:
    """Nouns that name people as a group when counted or qualified ("nationals", "workers")."""
    return word_set(path)


@lru_cache(maxsize=None)
def actor_nouns(path: str = ACTOR_NOUNS) -> frozenset[str]:
    """Nouns for people who act in events ("pupils", "protesters")."""
    return word_set(path)


@lru_cache(maxsize=None)
def honorifics(path: str = HONORIFICS) -> frozenset[str]:
    """Honorifics before a name, as tokens are written ("mr", "mr.", "dame"): never part of the name."""
    return _one_word_lower(path)


@lru_cache(maxsize=None)
def numbers(path: str = NUMBERS) -> MappingProxyType[str, int]:
    """Number words and their values ("twelve" -> 12, "dozen" -> 12)."""
    out = {}
    for n, (word, value) in read_rows(path, 2):
        _check_word(path, n, word)
        if not value.isdigit():
            raise DataFileError(path, n, f"'{value}' is not a whole number")
        out[word] = int(value)
    return MappingProxyType(out)


@lru_cache(maxsize=None)
def count_qualifiers(path: str = COUNT_QUALIFIERS) -> MappingProxyType[str, str]:
    """A word before a count -> the qualifier it gives the count ("about" -> "approximately")."""
    out = {}
    for n, (word, qualifier) in read_rows(path, 2):
        _check_word(path, n, word)
        out[word] = qualifier
    return MappingProxyType(out)


@lru_cache(maxsize=None)
def pronouns(path: str = PRONOUNS) -> MappingProxyType[str, frozenset[Kind]]:
    """A pronoun -> the kinds of entity it can stand for ("he" -> Person, "it" -> Country, organisations)."""
    out = {}
    for n, (word, kinds) in read_rows(path, 2):
        _check_word(path, n, word)
        out[word] = frozenset(_kind(path, n, k) for k in kinds.split())
    return MappingProxyType(out)


@lru_cache(maxsize=None)
def posting_cues(path: str = POSTING_CUES) -> frozenset[str]:
    """Lower-case text that says a paragraph quotes an embedded post ("wrote on", "tweeted")."""
    return word_set(path)


@lru_cache(maxsize=None)
def name_title_words(path: str = NAME_TITLE_WORDS) -> frozenset[str]:
    """Words never part of a person's name when names are compared ("mr", "sen.", "minister"), with
    every word of the titles."""
    return word_set(path).union(*(t.split() for t in titles()))


def _kind(path: str, line: int, name: str) -> Kind:
    try:
        return Kind(name)
    except ValueError:
        raise DataFileError(path, line, f"unknown kind '{name}' (known: {', '.join(k.value for k in Kind)})") from None


def _check_word(path: str, line: int, word: str) -> None:
    """Entries compared with one lower-cased token must be one lower-case word."""
    if word != word.lower() or not word or any(c.isspace() for c in word):
        raise DataFileError(path, line, f"'{word}' is compared with one lower-cased token: write one lower-case word")


def _one_word_lower(path: str) -> frozenset[str]:
    out = set()
    for n, (word,) in read_rows(path, 1):
        _check_word(path, n, word)
        out.add(word)
    return frozenset(out)


@lru_cache(maxsize=None)
def spellings(path: str = SPELLINGS) -> tuple[MappingProxyType[str, str], tuple[tuple[re.Pattern, str], ...]]:
    """The whole-word transliteration pairs (variant -> spelling) and the letter rules (regex,
    replacement) that fold a name's spellings to one key ("zelenskyy", "zelensky" -> "zelenski")."""
    pairs: dict[str, str] = {}
    rules: list[tuple[re.Pattern, str]] = []
    for n, (kind, a, b) in read_rows(path, 3):
        if kind == "=":
            pairs[a.lower()] = b.lower()
        elif kind == "~":
            try:
                rules.append((re.compile(a), b))
            except re.error as err:
                raise DataFileError(path, n, f"'{a}': {err}") from None
        else:
            raise DataFileError(path, n, f"'{kind}': a row is '=' (a pair) or '~' (a letter rule)")
    return MappingProxyType(pairs), tuple(rules)


PARTICIPANT_NOUNS = path_of("participant_nouns.tsv")
#: the kinds a participant noun may give, and the row names that say them ("Group.plural": only in the plural)
_PARTICIPANT_KINDS = {"Group": Kind.GROUP, "Group.plural": Kind.GROUP, "Site": Kind.SITE, "Artifact": Kind.ARTIFACT}


@lru_cache(maxsize=None)
def participant_nouns(path: str = PARTICIPANT_NOUNS) -> MappingProxyType[str, tuple[Kind, bool]]:
    """lemma -> (kind, plural only) of the head nouns of unnamed participants ("the driver", "a checkpoint")."""
    out: dict[str, tuple[Kind, bool]] = {}
    for n, (name, words) in read_rows(path, 2):
        if name not in _PARTICIPANT_KINDS:
            raise DataFileError(path, n, f"unknown kind '{name}' (known: {', '.join(_PARTICIPANT_KINDS)})")
        for w in words.split():
            _check_word(path, n, w)
            if w in out:
                raise DataFileError(path, n, f"'{w}' is listed twice")
            out[w] = (_PARTICIPANT_KINDS[name], name.endswith(".plural"))
    return MappingProxyType(out)
