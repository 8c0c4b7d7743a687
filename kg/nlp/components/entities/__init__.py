"""`kg_entities`: one entity per real-world thing in the document, with every mention.

Named mentions come from the (fixed) NER: people (`people`), places, countries and named
organisations (`places`); nominal organisations ("Brazil's foreign ministry", "the French army",
`nominal`) and groups of people ("two Nepali nationals", "about 20 people", `groups`) from lexicons;
an acronym and its full name are one organisation (`acronyms`). Keys are minted by kg.model.keys,
canonical and document-independent where the name allows it ("country:KE", "person:olaf_scholz",
"org:FR/military"), so that documents share nodes. The component and its config are in `component`.
"""
from kg.model.keys import slug  # noqa: F401  (kg_relations still imports `slug` from here)
from kg.nlp.components.entities.component import EntityBuilder, make_entities  # noqa: F401  (registers the factory)
