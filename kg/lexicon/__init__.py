"""World knowledge and word lists, as data: the gazetteer (kg.lexicon.gazetteer) and the general
lexicons every stage shares (kg.lexicon.words), each file validated when it is loaded."""
