"""Sense checks (kg/nlp/data/event_senses.toml): each check, on a sentence written for it, keeps its
trigger word from firing where the word is not that event (or retypes it), and leaves the word alone in
its eventive reading; the file is validated when loaded and is the component's config."""
from __future__ import annotations

from importlib import resources

import pytest

from kg.model import taxonomy
from kg.model.tomldata import DataError, tomllib
from kg.nlp import docdata
from kg.nlp.components.events import make_events, senses

TEXT = resources.files("kg.nlp").joinpath("data", "event_senses.toml").read_text(encoding="utf-8")
CHECKS = tomllib.loads(TEXT)["senses"]
CODES = frozenset(t.code for t in taxonomy.EVENT_TYPES)

#: (check, trigger lemma, a sentence where the check applies, a sentence where the word is still the event)
CASES = [
    ("one-of-a-class", "takeover",
     "The merger ranks among the costliest takeovers ever agreed by a carmaker.",
     "One of the takeovers was completed on Monday."),
    ("generic-frequency", "earthquake",
     "Tornadoes are rare in the valley, so few homes have shelters.",
     "The earthquake was felt across the region on Friday."),
    ("lose-a-thing", "lose",
     "The coach lost his temper on the touchline.",
     "The home side lost the final on penalties."),
    ("said-to-be", "say",
     "Once hailed as a genius, she was said to be worth billions.",
     "The minister said he would have to resign."),
    ("declare-a-state", "declare",
     "The mayor declared a day of mourning after the flood.",
     "The minister declared that the talks had failed."),
    ("declare-that-a-state", "declare",
     "The governor declared that the cholera spread had become a national emergency.",
     "The minister declared that the talks had failed."),
    ("fly-a-flag", "fly",
     "Banners flew over the stadium all weekend.",
     "Army pilots will fly the wounded soldiers to the capital on Monday."),
    ("fly-a-flag-object", "fly",
     "Fans flew the club's flag outside the stadium.",
     "The air force flew 300 citizens to safety."),
    ("retreat-a-gathering", "retreat",
     "The cabinet met at its annual retreat by the lake.",
     "The rebels' retreat from the town began at dawn."),
    ("retreat-in-a-market", "retreat",
     "Oil prices retreated on Tuesday.",
     "Rebel fighters retreated from the town after the army advanced."),
    ("help-without-aid", "help",
     "The new engine will help the sedan beat its rivals on price.",
     "Aid groups helped the flood victims with food and shelter."),
    ("sales-a-measure", "sale",
     "The brand is second in sales among electric cars.",
     "The sale of the stadium to a developer was completed on Monday."),
    ("meet-a-measure", "meet",
     "The utility could not meet demand during the heatwave.",
     "The two leaders will meet in Geneva next week."),
    ("meet-with-a-reaction", "meet",
     "The proposal met with fierce resistance from farmers.",
     "The foreign minister met with his Chinese counterpart in Beijing."),
    ("talk-show", "talk",
     "She appeared on a late-night talk show.",
     "The envoys held a talk in Doha on Monday."),
    ("noun-as-modifier", "raid",
     "Air-raid sirens sounded across the capital.",
     "Police carried out a raid on a warehouse in Lagos."),
    ("release-a-work", "release",
     "The band released a new album in May.",
     "The rebels released two aid workers on Friday."),
    ("press-release", "release",
     "The company said in a press release that profits rose.",
     "The release of the prisoners was delayed."),
    ("free-without-object", "release",
     "The label would not say when the band will release.",
     "Rebels released two hostages on Sunday."),
    ("return-a-thing", "return",
     "The soldiers returned fire.",
     "The militia returned the hostages to their families."),
    ("discharge-a-substance", "discharge",
     "The company discharged untreated sewage into the lake last year.",
     "The hospital discharged the injured miners on Sunday."),
    ("strike-a-deal", "strike",
     "The two carmakers struck a balance between cost and range.",
     "Russian missiles struck a power plant near Kharkiv."),
    ("struck-by-nature", "strike",
     "A strong earthquake struck the coast of Peru.",
     "Insurgents struck an army convoy in Borno."),
    ("labour-strike", "strike",
     "Nurses began a hunger strike outside the ministry.",
     "A drone strike hit a car near the border."),
    ("on-strike", "strike",
     "Dock workers have been on strike since March.",
     "The army announced a strike on rebel positions."),
    ("workers-strike", "strike",
     "Teachers struck for higher pay.",
     "Gunmen struck a police station in the north."),
    ("beat-expectations", "beat",
     "The retailer beat analysts' forecasts for the quarter.",
     "Guards beat a prisoner in his cell."),
    ("beat-a-rival", "beat",
     "The mayor beat her rival in the election by a wide margin.",
     "Masked men beat a journalist outside his home."),
    ("beat-a-drum", "beat",
     "Shoppers arrived early to beat the crowd.",
     "Guards beat the prisoners with sticks."),
    ("shot-and-wounded", "shoot",
     "Five people were shot and wounded outside a nightclub.",
     "A sniper shot two soldiers dead near the bridge."),
    ("shoot-at", "shoot",
     "Police shot at the fleeing car.",
     "Gunmen shot three villagers in a raid on their farm."),
    ("shoot-down", "shoot",
     "Air defences shot down two drones over the city.",
     "Gunmen shot a police officer in Kano."),
    ("shoot-a-film", "shoot",
     "The crew shot a documentary about the river.",
     "A guard shot an intruder at the embassy."),
    ("sport-clash", "clash",
     "The striker scored twice in the cup clash with the league leaders.",
     "Protesters clashed with riot police in the capital."),
    ("attack-an-idea", "attack",
     "The senator attacked the budget plan.",
     "Militants attacked a military base near the border."),
    ("fight-a-problem", "fight",
     "The government vowed to fight corruption.",
     "Rebels fought government troops near the town."),
    ("fight-for", "fight",
     "Families have fought for compensation for years.",
     "The two militias fought for control of the airport."),
    ("storm-off", "storm",
     "The minister stormed out of the meeting.",
     "Troops stormed the parliament building."),
    ("shell-out", "shell",
     "Fans shelled out hundreds of dollars for tickets.",
     "Artillery shelled the village overnight."),
    ("bomb-without-object", "bomb",
     "The new sitcom bombed.",
     "Warplanes bombed the rebel stronghold."),
    ("medical-attack", "attack",
     "The singer died of a heart attack.",
     "The attack on the convoy killed four soldiers."),
    ("suffer-a-seizure", "seizure",
     "The boy suffered a seizure at school.",
     "Customs announced the seizure of two tonnes of cocaine."),
    ("air-raid", "raid",
     "An air raid destroyed the school.",
     "A police raid on the club ended in 12 arrests."),
    ("invasion-of-privacy", "invasion",
     "The judge called the recording an invasion of privacy.",
     "The invasion of Kuwait began in August."),
    ("kill-a-proposal", "kill",
     "The committee killed the bill on Tuesday.",
     "The militants killed two soldiers on Tuesday."),
    ("make-a-killing", "killing",
     "Speculators made a killing on the deal.",
     "The killing of the activist sparked protests."),
    ("execute-a-plan", "execute",
     "The team executed the plan perfectly.",
     "The regime executed three dissidents."),
    ("sentenced-to-death", "death",
     "The court sentenced him to death.",
     "The death of the pilot shocked the town."),
    ("die-down", "die",
     "The wind died down in the evening.",
     "Two climbers died in an avalanche."),
    ("die-for-a-thing", "die",
     "Hopes of a deal died last week.",
     "Three miners died in the collapse."),
    ("charge-a-price", "charge",
     "The airline charged passengers a fee for bags.",
     "Prosecutors charged the mayor with fraud."),
    ("charge-a-place", "charge",
     "Riot police charged into the crowd.",
     "Police charged two men over the robbery."),
    ("arrest-a-trend", "arrest",
     "The central bank tried to arrest the decline of the currency.",
     "Police arrested the suspect at the airport."),
    ("plead-guilty", "plead",
     "The driver pleaded guilty to manslaughter.",
     "The mother pleaded with the kidnappers to free her son."),
    ("penalty-the-law-sets", "sentence",
     "The offence carries a mandatory sentence.",
     "The judge handed the smuggler a sentence of twelve years."),
    ("vow-revenge", "vow",
     "The cartel vowed revenge after the raid.",
     "The cartel vowed to expand into new markets."),
    ("appeal-as-attraction", "appeal",
     "The band has broad appeal among teenagers.",
     "The mayor made an appeal for calm."),
    ("post-a-result", "post",
     "The bank posted a record profit.",
     "The minister posted on social media that the talks had failed."),
    ("report-for-duty", "report",
     "The conscripts reported for duty on Monday.",
     "The agency reported that five people had died."),
    ("address-an-issue", "address",
     "The plan does not address the housing shortage.",
     "The president will address the nation on Sunday."),
    ("add-a-thing", "add",
     "The economy added 200,000 jobs in May.",
     '"We are ready," the coach added.'),
    ("add-to", "add",
     "The delay added to the pressure on the airline.",
     "The talks were constructive, the spokesman added."),
    ("speak-a-language", "speak",
     "Most residents speak French at home.",
     "The prime minister will speak at the summit."),
    ("protest-innocence", "protest",
     "The accused protested his innocence.",
     "Farmers protested outside parliament."),
    ("demonstrate-a-thing", "demonstrate",
     "The test demonstrated the strength of the new alloy.",
     "Thousands demonstrated in the capital on Saturday."),
    ("demonstrate-that", "demonstrate",
     "The results demonstrate that the vaccine works.",
     "Students demonstrated against the fee rise."),
    ("rally-of-markets", "rally",
     "Stocks rallied after the announcement.",
     "Opposition supporters rallied in the capital."),
    ("rally-behind", "rally",
     "Party members rallied behind their leader.",
     "Thousands rallied against the new law."),
    ("rally-support", "rally",
     "The governor rallied support for the bill.",
     "Supporters rallied outside the court."),
    ("yield-to-event-noun", "sign",
     "The two countries signed an agreement on fishing rights.",
     "The two countries signed on Monday."),
    ("sign-a-player", "sign",
     "The club signed a new striker in January.",
     "Iran and Iraq signed a border treaty."),
    ("sign-off-up", "sign",
     "More than a thousand volunteers signed up for the programme.",
     "The rebels signed the contract."),
    ("host-a-show", "host",
     "The comedian hosted a podcast about politics.",
     "The king hosted the Japanese emperor at the palace."),
    ("receive-a-thing", "receive",
     "The hospital received a donation from a local firm.",
     "The pope received the president at the Vatican."),
    ("welcome-a-decision", "welcome",
     "Rights groups welcomed the decision.",
     "The mayor welcomed the visiting delegation at the airport."),
    ("accept-a-thing", "accept",
     "The minister accepted responsibility for the failure.",
     "Hamas accepted the proposal on Monday."),
    ("seize-the-moment", "seize",
     "The opposition seized the initiative.",
     "Customs officers seized a shipment of weapons."),
    ("smuggle-goods", "smuggle",
     "The gang smuggled cocaine through the port.",
     "The gang smuggled migrants across the border."),
    ("hurt-an-economy", "hurt",
     "High interest rates hurt sales.",
     "The blast hurt four workers."),
    ("raise-money", "raise",
     "The charity raised money for flood victims.",
     "The minister raised the issue with his counterpart."),
    ("let-us", "let",
     "Let us be clear about this.",
     "The guards let the prisoners go."),
    ("claim-lives", "claim",
     "The runner claimed victory in the marathon.",
     "The group claimed that the election was rigged."),
    ("great-deal", "deal",
     "The reform caused a great deal of anger.",
     "The two parties reached a deal on the budget."),
    ("supply-and-demand", "demand",
     "Strong consumer demand pushed prices higher.",
     "The union repeated its demand for a pay rise."),
    ("meet-demand-noun", "demand",
     "The new plant will help meet demand.",
     "The protesters issued a demand for his resignation."),
    ("probe-in-space", "probe",
     "The space probe sent back new images of Jupiter.",
     "The probe into the crash is expected to take a year."),
    ("conference-room", "summit",
     "The climbers reached the summit of the mountain.",
     "The summit of African leaders opened in Addis Ababa."),

]


def _events(nlp, text: str) -> list[tuple[str, str]]:
    return [(e.type, e.lemma) for e in docdata.events(nlp(text))]


def test_every_check_has_a_case():
    assert sorted(CHECKS) == sorted(c[0] for c in CASES)


@pytest.mark.parametrize("name, lemma, applies, eventive", CASES, ids=[c[0] for c in CASES])
def test_a_check_applies_only_where_the_word_is_not_the_event(nlp, name, lemma, applies, eventive):
    check = CHECKS[name]
    types = set(check.get("types", CODES))
    found = _events(nlp, applies)
    assert not [(t, w) for t, w in found if w == lemma and t in types], found
    if check["then"] != "drop":
        assert (check["then"], lemma) in found, found
    found = _events(nlp, eventive)
    assert [(t, w) for t, w in found if w == lemma and t in types], found


def _line(text: str, start: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(start))


@pytest.mark.parametrize("old, new, start, why", [
    ('then = "Protest"', 'then = "Strike"', 'then = "Strike"', "unknown event type 'Strike'"),
    ('lemmas = ["meet"]', 'lemmas = ["Meet"]', 'lemmas = ["Meet"]', "lower-case words"),
    ('pos = "NOUN"', 'pos = "ADJ"', 'pos = "ADJ"', "must be one of VERB, NOUN"),
    ('object_is_event = true', 'object_is_event = "yes"', "object_is_event", "must be true"),
    ('unless.object = ["*"]', 'unless.objects = ["*"]', "unless.objects", "unknown condition(s) objects"),
    ('[senses.meet-a-measure]\n', '[senses.meet-a-measure]\nsubjects = ["x"]\n', "subjects", "unknown key(s)"),
    ('types = ["Meet"]', 'types = ["Meeting"]', 'types = ["Meeting"]', "unknown event type(s) Meeting"),
])
def test_a_malformed_check_names_the_file_and_the_line(old, new, start, why):
    assert old in TEXT
    text = TEXT.replace(old, new, 1)
    with pytest.raises(DataError) as e:
        senses.parse(text, CODES, "my_senses.toml")
    assert str(e.value).startswith(f"my_senses.toml:{_line(text, start)}: "), str(e.value)
    assert why in str(e.value)


def test_an_unknown_dependency_label_and_a_missing_then_are_errors(nlp):
    labels = frozenset(nlp.get_pipe("parser").labels)
    senses.parse(TEXT, CODES, "s.toml", labels)
    with pytest.raises(DataError, match=r"unknown dependency label\(s\) compund"):
        senses.parse(TEXT.replace('dep = ["compound"]', 'dep = ["compund"]'), CODES, "s.toml", labels)
    with pytest.raises(DataError, match=r"\[senses.meet-a-measure\]: missing 'then'"):
        senses.parse(TEXT.replace('then = "drop"', "", 1), CODES, "s.toml")


def test_the_sense_file_is_the_component_config(nlp, tmp_path):
    assert nlp.config["components"]["kg_events"]["senses"] is None
    doc = nlp("The utility could not meet demand.")
    mine = tmp_path / "senses.toml"
    assert 'object = ["demand", ' in TEXT
    mine.write_text(TEXT.replace('object = ["demand", ', 'object = [', 1), encoding="utf-8")
    for path, fires in ((str(mine), True), (None, False)):
        docdata.events(doc).clear()
        make_events(nlp, "kg_events", None, path)(doc)
        assert (("Meet", "meet") in [(e.type, e.lemma) for e in docdata.events(doc)]) is fires


def test_a_place_phrase_is_not_a_charge_into_a_place(nlp):
    found = _events(nlp, "The suspect was charged with theft at the courthouse in Leeds.")
    assert ("ChargeIndict", "charge") in found, found


def test_a_subject_through_a_relative_clause(nlp):
    found = _events(nlp, "Rescuers searched the rubble after a quake that struck the region overnight.")
    assert ("Attack", "strike") not in found, found
    found = _events(nlp, "Villagers fled the militia that struck the region overnight.")
    assert ("Attack", "strike") in found, found
