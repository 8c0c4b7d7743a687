"""Run the events component with a variant of the taxonomy or of the cue file, on a document the rest of
the pipeline has analysed."""
from __future__ import annotations

import dataclasses

import pytest

from kg.model import taxonomy
from kg.nlp import docdata
from kg.nlp.components.events import EventExtractor


def variant(code: str, **changes) -> tuple[taxonomy.EventType, ...]:
    """The program's taxonomy with one type's frame changed."""
    return tuple(dataclasses.replace(t, **changes) if t.code == code else t for t in taxonomy.EVENT_TYPES)


@pytest.fixture(scope="session")
def events_with(nlp):
    """events_with(text, types=None, cues=None) -> the events (as dicts of labels) a kg_events built with
    those types and that cue file finds in the text."""
    def run(text: str, types=None, cues=None) -> list[dict]:
        doc = nlp(text)
        docdata.events(doc).clear()
        EventExtractor(nlp, cues, types)(doc)
        ents = docdata.entities(doc)

        def labels(ks):
            return {ents[k].label if k in ents else k for k in ks}
        return [{"type": e.type, "trigger": e.trigger.text, "agents": labels(e.agents),
                 "patients": labels(e.patients), "participants": labels(e.participants),
                 "places": labels(e.places), "modality": e.modality, "sources": labels(e.sources)}
                for e in docdata.events(doc)]
    return run


def one(events: list[dict], etype: str) -> dict:
    [ev] = [e for e in events if e["type"] == etype]
    return ev
