"""`kg_event_identity`: the mentions of one happening in one document ("said … in a statement", "the attack"
referring back, a headline and its lead) become one event with several mentions. The rules are
kg/nlp/data/event_identity.toml (rules); what conflicts and how two events join is merge; the component
(the spaCy side: parse paths, determiners) is component."""
from kg.nlp.components.event_identity.component import EventIdentity, make_event_identity

__all__ = ["EventIdentity", "make_event_identity"]
