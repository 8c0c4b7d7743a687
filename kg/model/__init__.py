"""The vocabulary contract: the document model, entity kinds, predicates, event types and keys.

Everything the stages share is defined here, once; no other module keeps its own list of kinds,
predicates or event types, or reads keys by hand.
"""
from kg.model.document import (
    Article,
    Entity,
    Event,
    ExtractedDocument,
    Mention,
    Quote,
    Relation,
    Sentence,
    TimeExpression,
    TimeValue,
)
from kg.model.keys import Space
from kg.model.kinds import Coarse, Kind
from kg.model.predicates import Pred

__all__ = ["Article", "Coarse", "Entity", "Event", "ExtractedDocument", "Kind", "Mention", "Pred", "Quote",
           "Relation", "Sentence", "Space", "TimeExpression", "TimeValue"]
