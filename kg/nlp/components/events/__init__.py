"""`kg_events`: events from verbs and event nouns, with agent, patient, participants, place, time,
modality and source.

The event types, their trigger words and their role frames are the taxonomy (kg/model/data/event_types.toml,
or the file $KG_EVENT_TYPES names); the cues the parse rules read (control verbs, light verbs, place
prepositions, modality adverbs and governors, attribution phrases) are kg/nlp/data/event_cues.toml. The
stages, one module each: triggers (spaCy's Matcher), arguments (the dependency parse and the type's frame),
places, dates, modality, sources; component assembles them as the `kg_events` factory.
"""
from kg.nlp.components.events.component import EventExtractor, make_events

__all__ = ["EventExtractor", "make_events"]
