"""The rule files of kg_relations: each surface pattern family on its own (a fixture patterns file loaded
through the factory config), the parse rules, and the validation of the files when they are loaded."""
from __future__ import annotations

import json

import pytest

from kg.input.readers import make_article
from kg.nlp import docdata
from kg.nlp.components.relations.datafiles import RuleDataError, read_text
from kg.nlp.components.relations.patterns import compile_rules
from kg.nlp.components.relations.words import load
from kg.nlp.pipeline import _prepare

ROWS = [r for r in read_text("relation_patterns.tsv").splitlines() if r.strip() and not r.startswith("#")]


def made_with(nlp, config: dict):
    """A kg_relations component made by its factory with `config` (under a name of its own, so the
    shared pipeline's config stays as it is)."""
    made_with.n = getattr(made_with, "n", 0) + 1
    return nlp.create_pipe("kg_relations", name=f"kg_relations_test_{made_with.n}", config=config)


def prepared(nlp, text: str):
    """The Doc as kg_relations receives it."""
    doc = _prepare(nlp, make_article("t", text, "<test>"))
    for name, proc in nlp.pipeline:
        if name == "kg_relations":
            break
        doc = proc(doc)
    return doc


def read(component, nlp, text: str):
    """(relations as labels, killings as (agents, patients)) the component reads in the text."""
    doc = component(prepared(nlp, text))
    ents = docdata.entities(doc)
    rels = {(ents[r.subject].label, str(r.predicate), ents[r.object].label) for r in docdata.relations(doc)}
    kills = {(ents[a].label, ents[p].label) for e in docdata.events(doc) if e.type == "Kill"
             for a in e.agents for p in e.patients}
    return rels, kills


@pytest.fixture(scope="module")
def silent_parse(tmp_path_factory):
    """A parse-rule file whose triggers never match: only the surface patterns read."""
    data = json.loads(read_text("relation_parse.json"))
    for family in (v for k, v in data.items() if k != "_doc"):
        family["triggers"] = {cls: [{"LOWER": "\u2400never"}] for cls in family["triggers"]}
    path = tmp_path_factory.mktemp("rules") / "silent.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def family(nlp, silent_parse, tmp_path_factory):
    """kg_relations with the package's patterns of one family only ('' for none) and no parse rules."""
    made = {}

    def make(yields: str):
        if yields not in made:
            path = tmp_path_factory.mktemp("rules") / f"{yields or 'none'}.tsv"
            path.write_text("\n".join(["# fixture"] + [r for r in ROWS if r.split("\t")[0] == yields]) + "\n",
                            encoding="utf-8")
            made[yields] = made_with(nlp, {"patterns": str(path), "parse_rules": silent_parse})
        return made[yields]
    return make


@pytest.mark.parametrize("yields,text,expected", [
    ("containedInPlace", "Flooding closed schools in Tulsa, Okla., on Monday.", ("Tulsa", "containedInPlace", "Okla")),
    ("containedInPlace", "Rescuers reached the district of Soroti in Uganda after the storm.",
     ("Soroti", "containedInPlace", "Uganda")),
    ("location", "The Harbor Transit Authority is based in Portland, the agency said.",
     ("Harbor Transit Authority", "location", "Portland")),
    ("location", "Denver-based Brightwater Holdings hired 200 workers.",
     ("Brightwater Holdings", "location", "Denver")),
    ("location", "SEOUL, South Korea (AP) _ The talks resumed on Monday after a long pause.",
     ("AP", "location", "Seoul")),
    ("worksFor", "Samuel Okafor works for Northwind Logistics, his brother said.",
     ("Samuel Okafor", "worksFor", "Northwind Logistics")),
    ("homeLocation", "Elena Marsh, a Fargo native, won the race.", ("Elena Marsh", "homeLocation", "Fargo")),
    ("homeLocation", "The prize went to Walter Brennan of Dallas, who spoke briefly.",
     ("Walter Brennan", "homeLocation", "Dallas")),
    ("homeLocation", "Harriet Quinn was born in Savannah in 1931.", ("Harriet Quinn", "birthPlace", "Savannah")),
])
def test_each_family_reads_its_relation_and_nothing_reads_it_without_the_patterns(nlp, family, yields, text,
                                                                                    expected):
    assert expected in read(family(yields), nlp, text)[0]
    assert expected not in read(family(""), nlp, text)[0]


@pytest.mark.parametrize("yields,text", [
    ("containedInPlace", "Paris, London and Rome were all considered as hosts."),
    ("location", "Brightwater Holdings sold its office to a buyer from Denver."),
    ("location", "The report reached Seoul (Reuters) late on Monday, officials said."),   # not a dateline
    ("worksFor", "Samuel Okafor criticised Northwind Logistics on Monday."),
    ("homeLocation", "Walter Brennan flew over Dallas on Monday."),
])
def test_each_family_reads_nothing_where_the_text_says_none(nlp, family, yields, text):
    assert not {r for r in read(family(yields), nlp, text)[0] if r[1] in (yields, "birthPlace")}


def test_killing_patterns(nlp, family):
    text = "Roy Calder, the killer of Edwin Marsh, was hanged in 1902."
    assert read(family("Kill"), nlp, text)[1] == {("Roy Calder", "Edwin Marsh")}
    assert not read(family(""), nlp, text)[1]
    assert not read(family("Kill"), nlp, "Roy Calder met Edwin Marsh at the theatre.")[1]


def test_a_fixture_pattern_file_through_the_factory_config(nlp, silent_parse, tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("# one rule of my own\nworksFor\tS=PER adores the? O=ORG\n", encoding="utf-8")
    mine = made_with(nlp, {"patterns": str(path), "parse_rules": silent_parse})
    text = "Anna Berg adores Northwind Logistics, she said."
    assert ("Anna Berg", "worksFor", "Northwind Logistics") in read(mine, nlp, text)[0]
    assert ("Anna Berg", "worksFor", "Northwind Logistics") not in read(nlp.get_pipe("kg_relations"), nlp, text)[0]


def test_the_default_pipeline_needs_no_config(nlp):
    assert nlp.get_pipe_config("kg_relations")["patterns"] == "relation_patterns.tsv"
    assert nlp.get_pipe_config("kg_ner_context")["context"] == "ner_context.toml"


# --- validation -------------------------------------------------------------------------------------

def _compile(nlp, tmp_path, rows: str):
    path = tmp_path / "bad.tsv"
    path.write_text("# header\n" + rows, encoding="utf-8")
    return compile_rules(nlp.vocab, str(path), load()), str(path)


@pytest.mark.parametrize("row,why", [
    ("containedInPlace\tS=LOC , O=LOC\twhen=not_a_list\n", "unknown condition 'not_a_list'"),
    ("worksFor\tS=PER @no_such_words O=ORG\n", "unknown lexicon '@no_such_words'"),
    ("employs\tS=ORG hires O=PER\n", "'employs' is neither a predicate"),
    ("Kill\tS=PER ate O=PER\ttrigger=kill_verb\n", None),      # valid: the control row
    ("Meet\tS=PER met O=PER\ttrigger=kill_verb\n", "the patterns make no 'Meet' events"),
    ("worksFor\tS=ORG employs O=PER\n", "worksFor does not link ORG to PER"),
    ("worksFor\tS=PER #NOUNISH O=ORG\n", "unknown part of speech '#NOUNISH'"),
    ("worksFor\tS=PER of O=ORG\tif=sunny\n", "unknown option 'if=sunny'"),
    ("worksFor\tPER of O=ORG\n", "exactly one S= and one O="),
    ("homeLocation\tS=PER @live_verb* O=LOC\n", "need a one-token element"),
    ("Kill\tS=PER shot O=PER\n", "an event needs trigger=LEXICON"),
])
def test_a_bad_pattern_is_an_error_naming_the_file_and_the_line(nlp, tmp_path, row, why):
    if why is None:
        assert _compile(nlp, tmp_path, row)[0].rules
        return
    with pytest.raises(RuleDataError) as err:
        _compile(nlp, tmp_path, "worksFor\tS=PER of O=ORG\n" + row)
    msg = str(err.value)
    assert str(tmp_path / "bad.tsv") in msg and "line 3" in msg and why in msg, msg


def test_an_unknown_condition_cannot_silently_disable_its_pattern(nlp, tmp_path):
    """Before the rules were validated, an unknown `when` made its pattern never match."""
    with pytest.raises(RuleDataError, match="unknown condition 'sentence_begin'"):
        made_with(nlp, {"patterns": _write(tmp_path, "p.tsv",
                        "location\tO=LOC ( S=ORG )\twhen=sentence_begin\n")})


def _write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_bad_parse_rules_are_errors_naming_the_file_and_the_rule(nlp, tmp_path):
    data = json.loads(read_text("relation_parse.json"))
    bad_list = json.loads(json.dumps(data))
    bad_list["kill"]["triggers"]["verb"] = [{"POS": "VERB", "LEMMA": {"IN": "@no_such_words"}}]
    with pytest.raises(RuleDataError, match=r"kill\.triggers\.verb: unknown word list '@no_such_words'"):
        made_with(nlp, {"parse_rules": _write(tmp_path, "a.json", json.dumps(bad_list))})
    missing = json.loads(json.dumps(data))
    del missing["kill"]["arguments"]["noun"]["by"]
    with pytest.raises(RuleDataError, match=r"kill\.arguments\.noun: the rules read the arguments"):
        made_with(nlp, {"parse_rules": _write(tmp_path, "b.json", json.dumps(missing))})
    family = {**data, "marriage": data["residence"]}
    with pytest.raises(RuleDataError, match="marriage: unknown rule family"):
        made_with(nlp, {"parse_rules": _write(tmp_path, "c.json", json.dumps(family))})
    no_arg = json.loads(json.dumps(data))
    no_arg["residence"]["arguments"]["live"]["place"][-1]["RIGHT_ID"] = "where"
    with pytest.raises(RuleDataError, match="no node is named 'arg'"):
        made_with(nlp, {"parse_rules": _write(tmp_path, "d.json", json.dumps(no_arg))})


def test_bad_word_lists_are_errors_naming_the_file_and_the_list(nlp, tmp_path):
    kill = read_text("kill_words.toml")
    with pytest.raises(RuleDataError, match=r"kill_verbs: is made from other sources"):
        made_with(nlp, {"kill_words": _write(tmp_path, "k.toml",
                                                                     kill + '\nkill_verbs = ["slay"]\n')})
    lacking = "\n".join(ln for ln in kill.splitlines() if not ln.startswith("instruments"))
    with pytest.raises(RuleDataError, match=r"instruments: missing"):
        made_with(nlp, {"kill_words": _write(tmp_path, "l.toml", lacking)})
    with pytest.raises(RuleDataError, match=r"role: is defined in .*relation_lexicons.toml too"):
        made_with(nlp, {"kill_words": _write(tmp_path, "m.toml", kill + '\nrole = ["x"]\n')})
    with pytest.raises(RuleDataError, match=r"nowhere\.toml: file: cannot be read"):
        made_with(nlp, {"lexicons": str(tmp_path / "nowhere.toml")})


def test_the_kill_words_are_the_taxonomys_kill_triggers_plus_the_extras():
    from kg.model.taxonomy import event_type
    words = load()
    triggers = {t.lemma for t in event_type("Kill").triggers if t.pos == "VERB"}
    assert set(words["kill_verbs"]) == triggers | set(words["extra_verbs"])
    assert {"stab", "strangle", "gun"} <= set(words["extra_verbs"])
    assert "killers" in words["kill_agents"] and "killer" in words["kill_agents"]


# --- the parse rules --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,family,cls,trigger,arg,tokens", [
    ("Edwin Marsh was killed by Roy Calder in 1901.", "kill", "verb", "killed", "passive", ["Marsh"]),
    ("Roy Calder stabbed Edwin Marsh in the kitchen.", "kill", "verb", "stabbed", "object", ["Marsh"]),
    ("Edwin Marsh, shot by Roy Calder, died in the street.", "kill", "verb", "shot", "head", ["Marsh"]),
    ("The assassination of Edwin Marsh by Roy Calder shocked the town.", "kill", "noun", "assassination", "by",
     ["Calder"]),
    ("Roy Calder's murder of Edwin Marsh shocked the town.", "kill", "noun", "murder", "poss", ["Calder"]),
    ("The Marsh killing shocked the town.", "kill", "noun", "killing", "modifier", ["Marsh"]),
    ("Roy Calder was convicted of the murder of Edwin Marsh.", "kill", "noun", "murder", "governor", ["of"]),
    ("Roy Calder, the killer of Edwin Marsh, was hanged in 1902.", "kill", "agent_noun", "killer", "of", ["Marsh"]),
    ("Edwin Marsh's killer, Roy Calder, was never caught.", "kill", "agent_noun", "killer", "owner", ["Marsh"]),
    ("Edwin Marsh's assassin Roy Calder was never caught.", "kill", "agent_noun", "assassin", "head", ["Calder"]),
    ("Harriet Quinn was born in Savannah in 1931.", "residence", "born", "born", "subject", ["Quinn"]),
    ("Peter Lindqvist, who has lived in Oslo since 1990, won the prize.", "residence", "live", "lived", "place",
     ["Oslo"]),
])
def test_each_parse_rule_finds_its_trigger_and_argument(nlp, text, family, cls, trigger, arg, tokens):
    found = nlp.get_pipe("kg_relations").parse.triggers(prepared(nlp, text))[family]
    t = next(t for t in found if t.token.text == trigger)
    assert t.cls == cls and [x.text for x in t.arg(arg)] == tokens


@pytest.fixture(scope="module")
def parse_only(nlp, family, tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "none.tsv"
    path.write_text("# no surface patterns\n", encoding="utf-8")
    return made_with(nlp, {"patterns": str(path)})


@pytest.mark.parametrize("text", [
    "Edwin Marsh, shot by Roy Calder, died in the street.",
    "Roy Calder's murder of Edwin Marsh shocked the town.",
    "Roy Calder was convicted of the murder of Edwin Marsh.",
    "Edwin Marsh's killer, Roy Calder, was never caught.",
    "Roy Calder admitted strangling Edwin Marsh.",
])
def test_the_parse_rules_alone_read_killings(nlp, parse_only, text):
    assert read(parse_only, nlp, text)[1] == {("Roy Calder", "Edwin Marsh")}


@pytest.mark.parametrize("text", [
    "Roy Calder killed the deal with Edwin Marsh.",
    "Edwin Marsh praised the killer whale show at the park.",
    "Roy Calder described the murder in his novel to Edwin Marsh.",
])
def test_the_parse_rules_read_no_killing_where_there_is_none(nlp, parse_only, text):
    assert not read(parse_only, nlp, text)[1]


def test_the_parse_rules_alone_read_residence(nlp, parse_only):
    rels = read(parse_only, nlp, "Peter Lindqvist, who has lived in Oslo since 1990, won the prize.")[0]
    assert ("Peter Lindqvist", "homeLocation", "Oslo") in rels
    rels = read(parse_only, nlp, "Harriet Quinn was born in Savannah in 1931.")[0]
    assert {("Harriet Quinn", "homeLocation", "Savannah"), ("Harriet Quinn", "birthPlace", "Savannah")} <= rels
    assert not read(parse_only, nlp, "Peter Lindqvist lives for football and visited Oslo last year.")[0]
    assert not read(parse_only, nlp, "Peter Lindqvist was born on a Monday and flew to Oslo.")[0]


def test_a_kill_trigger_of_kg_events_is_completed_not_doubled(nlp):
    """kg_events made the Kill event at "murder"; kg_relations completes it: one event at that trigger."""
    doc = nlp.get_pipe("kg_relations")(prepared(nlp, "Roy Calder was convicted of the murder of Edwin Marsh."))
    at = [e for e in docdata.events(doc) if e.trigger.text == "murder"]
    assert [e.type for e in at] == ["Kill"]
    ents = docdata.entities(doc)
    assert [ents[k].label for k in at[0].agents] == ["Roy Calder"]
    assert [ents[k].label for k in at[0].patients] == ["Edwin Marsh"]
