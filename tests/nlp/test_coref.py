"""Coreference within a document (role nominals, pronouns, possessives) and roles (titles, nationality, employer)."""
from __future__ import annotations

from tests.nlp.test_events import events


def rel(doc, pred):
    def lab(k):
        return doc.entities[k].label if k in doc.entities else k
    return {(lab(r.subject), lab(r.object)) for r in doc.relations if r.predicate == pred}


def person(doc, label):
    return next(e for e in doc.entities.values() if e.kind == "Person" and e.label == label)


def test_premodifier_title_and_nationality(extract_text):
    d = extract_text("French President Emmanuel Macron spoke in Lyon.")
    assert person(d, "Emmanuel Macron").job_titles == {"president"}
    assert ("Emmanuel Macron", "France") in rel(d, "nationality")


def test_multiword_title_with_of(extract_text):
    d = extract_text("US Secretary of State Marco Rubio landed in Riyadh.")
    assert person(d, "Marco Rubio").job_titles == {"secretary of state"}
    assert ("Marco Rubio", "United States") in rel(d, "nationality")
    assert not any(e.label == "State" for e in d.entities.values())


def test_apposition_with_possessive_country(extract_text):
    d = extract_text("Brazil's foreign minister, Mauro Vieira, said the talks were useful.")
    assert "foreign minister" in person(d, "Mauro Vieira").job_titles
    assert ("Mauro Vieira", "Brazil") in rel(d, "nationality")


def test_title_of_an_organisation_gives_works_for(extract_text):
    d = extract_text("Maria Lopez, a spokeswoman for the Spanish interior ministry, confirmed the arrests.")
    assert ("Maria Lopez", "Spanish interior ministry") in rel(d, "worksFor")


def test_no_role_without_a_title(extract_text):
    d = extract_text("Emmanuel Macron spoke in Lyon on Tuesday.")
    assert person(d, "Emmanuel Macron").job_titles == set()
    assert rel(d, "nationality") == set()


def test_role_nominal_resolves_to_the_person_of_that_nationality(extract_text):
    d = extract_text("Japanese Prime Minister Fumio Kishida met Chinese President Xi Jinping in Lima. "
                     "The Japanese leader later visited a factory.")
    visit = events(d, "Visit")[0]
    assert visit["agents"] == {"Fumio Kishida"}


def test_pronoun_resolves_to_the_subject_not_the_object(extract_text):
    d = extract_text("Vladimir Putin met Xi Jinping in Beijing. He thanked Xi for his support.")
    praise = events(d, "Praise")[0]
    assert praise["agents"] == {"Vladimir Putin"} and praise["patients"] == {"Xi Jinping"}


def test_its_citizens_belong_to_the_country(extract_text):
    d = extract_text("Canada urged its citizens to leave Haiti.")
    ev = events(d, "Appeal")[0]
    assert ev["agents"] == {"Canada"}
    [group] = [e for e in d.entities.values() if e.kind == "Group"]
    assert (group.label, "Canada") in rel(d, "nationality")


def test_no_pronoun_antecedent_means_no_argument(extract_text):
    d = extract_text("He arrested the suspects on Friday.")
    ev = events(d, "Arrest")[0]
    assert ev["agents"] == set()


def test_the_x_side_is_the_country(extract_text):
    d = extract_text('"The Chinese side has promised to release the ship," the minister said.')
    ev = events(d, "ExpressIntent")[0]
    assert ev["agents"] == {"China"}


def test_the_word_lists_come_from_the_file_the_config_names(tmp_path):
    """A fixture coref.tsv whose country nominal is "camp": "the Russian camp" is Russia."""
    from kg.nlp import docdata
    from kg.nlp.components import coref, entities, ner_fixes  # noqa: F401  (registers the factories)
    from tests.nlp.test_ner_fixes import fresh_model
    path = tmp_path / "coref.tsv"
    path.write_text("# list\tentry\ncountry_nominal\tcamp\nrole_head\tleader\n", encoding="utf-8")
    default, custom = fresh_model(), fresh_model()
    for nlp, config in ((default, {}), (custom, {"words": str(path)})):
        for name in ("kg_ner_fixes", "kg_entities"):
            nlp.add_pipe(name)
        nlp.add_pipe("kg_coref", config=config)
    text = "Officials said the Russian camp rejected the offer."
    assert docdata.entities(default(text)) == {}
    [russia] = docdata.entities(custom(text)).values()
    assert russia.label == "Russia" and [m.text for m in russia.mentions] == ["the Russian camp"]


def test_a_description_is_the_entity_of_its_kind_named_last(extract_text):
    d = extract_text("Norvex Inc. cut 300 jobs on Monday. The company said it would appeal the ruling.")
    assert events(d, "Statement")[0]["agents"] == {"Norvex Inc"}
    d = extract_text("Troops entered Karvina on Friday. The city was shelled.")
    assert events(d, "Attack")[0]["patients"] == {"Karvina"}


def test_a_description_is_not_another_argument_of_its_clause_nor_a_modified_noun(extract_text):
    d = extract_text("Shares of Norvex Inc. fell after Tellam Corp. sued the company.")
    assert "Tellam Corp" not in events(d, "Sue")[0]["patients"]
    # "the parent company" is another company than the one named before
    d = extract_text("Norvex Inc. cut 300 jobs on Monday. The parent company said it would appeal the ruling.")
    assert events(d, "Statement")[0]["agents"] == set()


def test_a_bare_title_is_the_person_last_named_with_it(extract_text):
    d = extract_text("Transport Minister Ellen Rask met union leaders on Monday. "
                     "The minister told reporters the strike was over.")
    assert events(d, "Statement")[0]["agents"] == {"Ellen Rask"}
    # no one named with that title: the title stays unresolved
    d = extract_text("Ellen Rask met union leaders on Monday. The minister told reporters the strike was over.")
    assert "Ellen Rask" not in events(d, "Statement")[0]["agents"]


def test_the_government_is_the_country_named_last(extract_text):
    d = extract_text("Protests spread across Kenya on Monday. The government arrested 40 protesters.")
    assert events(d, "Arrest")[0]["agents"] == {"Kenya"}
    # "the Kenyan government" is already the country; "a government" is no description
    d = extract_text("Protests spread across Kenya on Monday. A government arrested 40 protesters.")
    assert events(d, "Arrest")[0]["agents"] == set()


def test_the_demonym_capital_is_the_capital_the_document_names(extract_text):
    d = extract_text("Missiles struck a hospital in Kyiv. They killed three people elsewhere in the Ukrainian capital.")
    assert events(d, "Kill")[0]["places"] == {"Kyiv"}
    d = extract_text("Missiles struck a hospital in Lviv. They killed three people elsewhere in the Ukrainian capital.")
    assert events(d, "Kill")[0]["places"] == set()


def test_the_club_is_the_organisation_named_last(extract_text):
    d = extract_text("Harbourside Rovers fired its coach. The club said the decision was final.")
    assert events(d, "Statement")[0]["agents"] == {"Harbourside Rovers"}
    # "a club" refers to no one in particular
    d = extract_text("Harbourside Rovers fired its coach. A club said the decision was final.")
    assert events(d, "Statement")[0]["agents"] == set()


def test_a_title_with_a_status_adjective_or_a_word_for_it_is_the_person_named_with_it(extract_text):
    d = extract_text("Chancellor Anna Lindqvist resigned on Monday. "
                     "In a televised address, the outgoing chancellor said she had no regrets.")
    assert events(d, "Statement")[0]["agents"] == {"Anna Lindqvist"}
    d = extract_text("King Olav of Norway visited the flooded towns. The monarch later ordered the army to stay.")
    assert events(d, "Demand")[0]["agents"] == {"Olav"}
    # another adjective makes it someone else ("the rival prime minister"), and a word for another title no one
    d = extract_text("Prime Minister Anna Lindqvist resigned on Monday. The rival prime minister said nothing.")
    assert "Anna Lindqvist" not in events(d, "Statement")[0]["agents"]
    d = extract_text("President Ivo Rask visited the flooded towns. The monarch later ordered the army to stay.")
    assert "Ivo Rask" not in events(d, "Demand")[0]["agents"]


def test_a_description_that_is_a_possessor_is_the_entity_it_describes(extract_text):
    d = extract_text("Globex Corp cut 300 jobs last year. The company's takeover of Initech closed on Monday.")
    assert events(d, "TransferOwnership")[0]["agents"] == {"Globex Corp"}
    d = extract_text("The Azov Brigade shelled the town. The militia's attacks have cut the road.")
    assert [e["agents"] for e in events(d, "Attack")] == [{"Azov Brigade"}, {"Azov Brigade"}]
    # what the description owns is not the description: the founder is arrested, not the company
    d = extract_text("Globex Corp cut 300 jobs last year. Police arrested the company's founder.")
    assert events(d, "Arrest")[0]["patients"] != {"Globex Corp"}
