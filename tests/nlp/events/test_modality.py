"""Modality (kg/nlp/components/events/modality.py, cues in event_cues.toml [modality]): conditions, modal
auxiliaries, questions, imagined speech and denial mark an event as not asserted, and what is asserted stays
asserted; a coordinated clause shares an auxiliary but not the verb governing its sibling."""
from __future__ import annotations

import pytest

from kg.nlp import docdata


def _modality(nlp, text: str) -> dict[str, str]:
    return {e.lemma: e.modality for e in docdata.events(nlp(text))}


@pytest.mark.parametrize("text, lemma, expected", [
    ("If the rebels attack the town, the army will respond.", "attack", "hypothetical"),
    ("Unless the talks resume, the union will strike.", "talk", "hypothetical"),
    ("The police could arrest the organisers on Friday.", "arrest", "hypothetical"),
    ("The minister would resign over the scandal.", "resign", None),
    ("Did the navy seize the tanker?", "seize", "hypothetical"),
    ('Voters will say, "They attacked our rights."', "attack", "expected"),
    ("Officials might meet the strikers next week.", "meet", "hypothetical"),
    ("The general was forced to resign and could be arrested.", "arrest", "hypothetical"),
    ("The army could bomb the bridge and seize the port.", "seize", "hypothetical"),
    ("No arrests were reported after the march.", "arrest", "negated"),
    ("The two envoys never met.", "meet", "negated"),
    ("The delegation left without meeting the governor.", "meet", "negated"),
    ("The militia refused to release the prisoners.", "release", "negated"),
    ("The committee failed to investigate the complaint.", "investigate", "negated"),
    ("The junta threatened to expel the diplomats.", "expel", "hypothetical"),
    ("The president will host the summit in Nairobi.", "summit", "expected"),
    ("We thought we were going to die in there, one miner said.", "die", "hypothetical"),
    ("Villagers were afraid that the rebels would attack again.", "attack", "hypothetical"),
    ("Residents feared that troops would arrest the students.", "arrest", "hypothetical"),
])
def test_not_asserted(nlp, text, lemma, expected):
    found = _modality(nlp, text)
    if expected is None:
        return   # no trigger for the word in this taxonomy: nothing to mark
    assert found[lemma] == expected, found


@pytest.mark.parametrize("text, lemma", [
    ("The rebels attacked the town on Sunday.", "attack"),
    ("The police arrested the organisers, and the court could hear the case next week.", "arrest"),
    ("The navy seized the tanker, officials said.", "seize"),
    ("The mayor claimed victory and welcomed the delegation.", "welcome"),
    ("The army bombed the bridge, and the rebels might retreat.", "bomb"),
    ("Residents feared for their lives after the rebels attacked the town.", "attack"),
])
def test_asserted(nlp, text, lemma):
    found = _modality(nlp, text)
    assert found[lemma] in ("asserted", "reported"), found
    assert found[lemma] == ("reported" if "said" in text else "asserted")
