"""The cues the events component's parse rules read (kg/nlp/data/event_cues.toml), validated when loaded:
an unknown table or key, a missing key, a malformed word, an unknown modality, kind, key space or
dependency label is a DataError naming the file and the line, never a silently shorter list."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType

from kg.errors import KgError
from kg.model import Kind, Space
from kg.model.taxonomy import Modality
from kg.model.tomldata import TomlFile

FILE = "event_cues.toml"
#: how error messages name the package's own file
PACKAGE_PATH = f"kg/nlp/data/{FILE}"
_WORD = re.compile(r"[^\sA-Z]+")


@dataclass(frozen=True)
class Cues:
    object_control: frozenset[str]        # "asked X to extradite": X is the subject of the infinitive
    relative_pronouns: frozenset[str]
    coordinators: frozenset[str]
    people_nouns: frozenset[str]          # "arrested the governor's wife": the wife, not the governor
    voice_nouns: frozenset[str]           # "a statement from the ministry said"
    issued_nouns: frozenset[str]          # "signed a decree approving X": the issuer approves
    institution_nouns: frozenset[str]     # "the Red Dawn militant group": the name's
    inclusion_preps: frozenset[str]       # "were arrested, including X and Y": X and Y too
    from_preps: frozenset[str]            # "officials from Kenya": Kenya
    light_verbs: frozenset[str]           # "imposed sanctions": the verb lends the noun its subject
    adjunct_nouns: frozenset[str]         # "X said during a visit to Y": the clause's subject visits
    adjunct_preps: frozenset[str]
    undergo_verbs: frozenset[str]         # "suffered injuries": light verbs whose subject undergoes the noun
    responsibility: frozenset[str]        # "claimed responsibility for the attack": the claimer did it
    responsibility_verbs: frozenset[str]
    holders: frozenset[str]               # "a dinner hosted by X": X is the agent
    measure_nouns: frozenset[str]         # "held three days of talks": the days stand in the talks' place
    occurrence_verbs: frozenset[str]      # "the talks resumed in Doha": the verb lends the noun its place
    place_preps: frozenset[str]
    place_nouns: frozenset[str]           # "in the town of Bucha": the town is Bucha
    subject_place_preps: frozenset[str]   # "pupils at a school in X were kidnapped": X
    motion_preps: frozenset[str]
    only_kinds: MappingProxyType          # preposition -> the place kinds it gives without place_on
    clause_breaks: frozenset[str]         # dependency labels of embedded clauses
    place_breaks: frozenset[str]          # clause_breaks and the labels of arguments' phrases
    simultaneous: frozenset[str]          # "when", "as": a clause of the same moment
    subordinators: frozenset[str]         # "after X condemned": a preposition that begins a clause
    modal_adverbs: MappingProxyType       # adverb -> modality
    modal_governors: MappingProxyType     # governing lemma -> modality
    not_into_advcl: frozenset[str]        # modalities a governor does not pass into an adverbial clause
    negators: frozenset[str]              # "no arrests", "never met", "without meeting"
    conditional_marks: frozenset[str]     # "if", "unless"
    conditional: str                      # the modality of a conditional clause
    question: str                         # the modality of the events of a question
    modal_auxiliaries: MappingProxyType   # auxiliary -> modality
    attribution: tuple[tuple[str, ...], ...]   # "according to" as words
    source_spaces: frozenset[Space]
    #: lemma -> (kind, plural only) of unnamed participants' head nouns (kg/lexicon/data/participant_nouns.tsv)
    participants: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))


def _words(src: TomlFile, table: str, key: str, raw, labels) -> frozenset[str]:
    if not isinstance(raw, list) or not all(isinstance(w, str) and _WORD.fullmatch(w) for w in raw):
        src.fail(table, "must be a list of lower-case words", key)
    return frozenset(raw)


def _labels(src: TomlFile, table: str, key: str, raw, labels) -> frozenset[str]:
    out = _words(src, table, key, raw, labels)
    unknown = sorted(out - labels) if labels else []
    if unknown:
        src.fail(table, f"unknown dependency label(s) {', '.join(unknown)} (the parser has no such label)", key)
    return out


def _phrases(src: TomlFile, table: str, key: str, raw, labels) -> tuple[tuple[str, ...], ...]:
    if not isinstance(raw, list) or not all(isinstance(p, str) and p.split() for p in raw):
        src.fail(table, "must be a list of phrases", key)
    out = tuple(tuple(p.split()) for p in raw)
    _words(src, table, key, [w for p in out for w in p], labels)
    return out


def _choice(src: TomlFile, table: str, key: str, value, enum):
    try:
        return enum(value).value
    except ValueError:
        src.fail(table, f"unknown {enum.__name__.lower()} {value!r} (known: {', '.join(e.value for e in enum)})",
                 key)


def _modality(src: TomlFile, table: str, key: str, raw, labels) -> str:
    return _choice(src, table, key, raw, Modality)


def _modalities(src: TomlFile, table: str, key: str, raw, labels) -> frozenset[str]:
    if not isinstance(raw, list):
        src.fail(table, "must be a list of modalities", key)
    return frozenset(_choice(src, table, key, m, Modality) for m in raw)


def _spaces(src: TomlFile, table: str, key: str, raw, labels) -> frozenset[Space]:
    if not isinstance(raw, list) or not raw:
        src.fail(table, "must be a list of key spaces", key)
    return frozenset(Space(_choice(src, table, key, s, Space)) for s in raw)


def _modality_by_word(src: TomlFile, table: str, key: str, raw, labels) -> MappingProxyType:
    sub = f"{table}.{key}"
    if not isinstance(raw, dict):
        src.fail(table, "must be a table of word = modality", key)
    _words(src, sub, None, list(raw), labels)
    return MappingProxyType({w: _choice(src, sub, w, m, Modality) for w, m in raw.items()})


def _kinds_by_word(src: TomlFile, table: str, key: str, raw, labels) -> MappingProxyType:
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        src.fail(table, "must be a table of word = [entity kinds]", key)
    _words(src, table, key, list(raw), labels)
    return MappingProxyType({w: frozenset(Kind(_choice(src, table, key, k, Kind)) for k in kinds)
                             for w, kinds in raw.items()})


#: table -> key -> (Cues field, reader)
_SCHEMA = {
    "arguments": {"object_control": ("object_control", _words), "relative_pronouns": ("relative_pronouns", _words),
                  "coordinators": ("coordinators", _words), "people_nouns": ("people_nouns", _words),
                  "institution_nouns": ("institution_nouns", _words),
                  "inclusion_preps": ("inclusion_preps", _words),
                  "voice_nouns": ("voice_nouns", _words), "from_preps": ("from_preps", _words),
                  "issued_nouns": ("issued_nouns", _words)},
    "nouns": {"light_verbs": ("light_verbs", _words), "undergo_verbs": ("undergo_verbs", _words),
              "adjunct_nouns": ("adjunct_nouns", _words), "adjunct_preps": ("adjunct_preps", _words),
              "responsibility": ("responsibility", _words), "responsibility_verbs": ("responsibility_verbs", _words),
              "holders": ("holders", _words),
              "occurrence_verbs": ("occurrence_verbs", _words), "measure_nouns": ("measure_nouns", _words)},
    "places": {"preps": ("place_preps", _words), "place_nouns": ("place_nouns", _words),
               "subject_place_preps": ("subject_place_preps", _words), "motion_preps": ("motion_preps", _words),
               "only_kinds": ("only_kinds", _kinds_by_word)},
    "clauses": {"breaks": ("clause_breaks", _labels), "place_breaks": ("place_breaks", _labels),
                "simultaneous": ("simultaneous", _words), "subordinators": ("subordinators", _words)},
    "modality": {"adverbs": ("modal_adverbs", _modality_by_word),
                 "governors": ("modal_governors", _modality_by_word),
                 "not_into_advcl": ("not_into_advcl", _modalities), "negators": ("negators", _words),
                 "conditional_marks": ("conditional_marks", _words), "conditional": ("conditional", _modality),
                 "question": ("question", _modality), "auxiliaries": ("modal_auxiliaries", _modality_by_word)},
    "attribution": {"phrases": ("attribution", _phrases), "source_spaces": ("source_spaces", _spaces)},
}


def parse(text: str, path: str = PACKAGE_PATH, labels: frozenset[str] | None = None) -> Cues:
    """The cues of a file's text, validated; `labels` are the parser's dependency labels, when known."""
    values = TomlFile.parse(text, path).read_tables(_SCHEMA, labels)
    values["place_breaks"] = values["clause_breaks"] | values["place_breaks"]
    return Cues(**values)


def load(path: str | None = None, labels: frozenset[str] | None = None) -> Cues:
    """The cues of the file at `path`, or of the package's own file."""
    if not path:
        return parse(resources.files("kg.nlp").joinpath("data", FILE).read_text(encoding="utf-8"), labels=labels)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        raise KgError("path_missing", path=path) from None
    return parse(text, path, labels)
