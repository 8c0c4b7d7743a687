"""Input cleaning: furniture, publisher appeals, glued sentences, bylines, social posts, languages."""
from __future__ import annotations

from kg.input.clean import clean, language_of, repair_glued

ARTICLE = """Floods force thousands from homes in northern Italy
By Maria Rossi
Heavy rain has forced more than 3,000 people to leave their homes in the Emilia-Romagna region, officials said on Sunday.
Sign up to our free morning newsletter
Please support our journalism. Your donation keeps our reporters in the field.
We cannot do this without readers like you, and we never put our reporting behind a paywall.
Every contribution makes a difference.Rescue teams used boats to reach villages cut off by the water.
“We have lost everything,” one resident told local television.
Share
12 comments
Join the conversation
"""  # noqa: E501 (an article line as published)


def test_furniture_and_appeals_are_cut_but_the_story_stays():
    c = clean(ARTICLE)
    assert "newsletter" not in c.text
    assert "donation" not in c.text and "paywall" not in c.text and "contribution" not in c.text
    assert "Share" not in c.text.split("\n") and "12 comments" not in c.text and "Join the conversation" not in c.text
    assert "Rescue teams used boats to reach villages" in c.text
    assert "Heavy rain has forced more than 3,000 people" in c.text
    # a quotation in the first person is the story, not the publisher's voice
    assert "“We have lost everything,” one resident told local television." in c.text


def test_byline_is_metadata():
    c = clean(ARTICLE)
    assert c.byline == "Maria Rossi"
    assert "By Maria Rossi" not in c.text


def test_glued_sentences_are_repaired():
    assert repair_glued("It rained all night.Rescuers arrived at dawn.") == \
        "It rained all night. Rescuers arrived at dawn."
    # abbreviations, decimals and domain names stay as they are
    kept = "The U.S.A. grew 2.5 percent, says example.com today."
    assert repair_glued(kept) == kept


def test_dateline_is_metadata():
    c = clean("Talks resume\nGENEVA — Negotiators met again on Monday to discuss the prisoner exchange.")
    assert c.dateline == "GENEVA"


def test_embedded_post_is_a_quote_and_not_extracted():
    text = ("Ministers met in Paris on Friday.\n"
            "Merci au président pour cet accueil chaleureux à Paris. "
            "Nous avons eu des échanges très utiles aujourd'hui.\n"
            "— Jane Doe (@janedoe) March 3, 2023\n"
            "The talks ended without agreement.")
    c = clean(text)
    assert len(c.quotes) == 1
    q = c.quotes[0]
    assert q.author == "Jane Doe" and q.handle == "@janedoe" and q.date.isoformat() == "2023-03-03"
    assert q.language == "fr"
    french = c.text.index("Merci")
    assert any(b <= french < e for b, e, _ in c.skip_spans)
    assert not any(b <= c.text.index("The talks") < e for b, e, _ in c.skip_spans)


def test_language_of_passages():
    assert language_of("The government said on Monday it would raise taxes on fuel next year.") == "en"
    assert language_of("Правительство заявило в понедельник, что повысит налоги на топливо.") != "en"
    assert language_of("El gobierno dijo el lunes que subiría los impuestos al combustible el próximo año.") != "en"
    assert language_of("Comments") == "en"   # too short to call: left alone


def test_third_person_news_with_support_words_is_kept():
    text = ("Aid agencies appealed for donations after the earthquake.\n"
            "The charity said public support had been overwhelming.")
    c = clean(text)
    assert c.text == text


PAGE = """Storm leaves thousands without power in Chile
Updated: August 2, 2023 10:32 CLT
Share on Facebook
SANTIAGO: A winter storm cut power to 200,000 homes across central Chile on Tuesday, the energy ministry said.
Also Read: Five things to know about the storm
Engineers restored power to most of the capital by Wednesday morning.
Crews were still working in rural areas, officials said.
(With inputs from agencies)
Most Read
Famous Singer Jane Roe announces world tour
Football club fires its coach
"""


def test_page_chrome_and_other_stories_are_cut_and_dated_line_is_kept_as_date():
    c = clean(PAGE)
    assert "Jane Roe" not in c.text and "Football club" not in c.text and "Most Read" not in c.text
    assert "Also Read" not in c.text and "With inputs" not in c.text and "Share on Facebook" not in c.text
    assert "Crews were still working in rural areas, officials said." in c.text
    assert c.dated is not None and c.dated.isoformat() == "2023-08-02"
    assert c.dateline == "SANTIAGO"


def test_a_related_heading_at_the_top_does_not_cut_the_article():
    text = "Related\nThe parliament voted on Monday to extend the state of emergency.\nThe opposition walked out."
    assert "The opposition walked out." in clean(text).text


def test_name_and_date_lines_under_the_headline_are_metadata():
    c = clean("Floods hit Lagos\nAmara Okafor\nTuesday 09 July 2024 11:30 BST\n"
              "Heavy rain flooded parts of Lagos on Monday, the state government said.\nNew Zealand\nis next.")
    assert c.byline == "Amara Okafor" and c.dated.isoformat() == "2024-07-09"
    assert "Amara Okafor" not in c.text and "11:30" not in c.text
    assert "New Zealand" in c.text   # a place alone on a line is not a byline
