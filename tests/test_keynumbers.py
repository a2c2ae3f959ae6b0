"""Key numbers on made-up stories: what is a figure, what is never one, labels, order, limit.

`amount` and `figures` need only a tokenizer; choosing and labelling need the parse, so
those tests load the real model.
"""

from __future__ import annotations

import pytest

from builder.annotators import keynumbers
from builder.settings import DEFAULT_MODEL


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10,000", 10_000),
        ("ten thousand", 10_000),
        ("2.3 million", 2_300_000),
        ("more than 200", 200),
        ("$5bn", 5_000_000_000),
        ("Almost half", 0.5),
        ("tens of thousands", None),
    ],
)
def test_amount(text, value):
    assert keynumbers.amount(text) == value


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("He paid US$ 20,000 in bail.", "US$20,000", "money"),
        ("It cost NZ $ 26 million to run.", "NZ$26 million", "money"),
        ("Turnout reached 58% on the day.", "58%", "share"),
        ("Only 10 per cent of salt is iodised.", "Only 10 per cent", "share"),
        ("Sweden beat Chile 2 – 0 on Friday.", "2 – 0", "score"),
        ("It lost $186m in the quarter.", "$186m", "money"),
    ],
)
def test_a_figure_keeps_its_currency_unit_and_approximation(blank_nlp, text, value, kind):
    [figure] = [f for f in keynumbers.figures(blank_nlp(text)) if f.value == value]
    assert figure.kind == kind


@pytest.fixture(scope="module")
def nlp():
    from builder.annotate import load_model

    return load_model(DEFAULT_MODEL)


def shown(nlp, text: str, headline: str = "") -> list[tuple[str, str]]:
    return [(k.value, k.context) for k in keynumbers.key_numbers(nlp(text), headline)]


@pytest.mark.model
def test_the_toll_comes_first_with_what_it_counts_and_its_source(nlp):
    found = shown(
        nlp,
        "A storm killed 12 people in the port city of Varna on Friday, according to the regional fire "
        "service. The harbour has 40 cranes and 2,500 dock workers.",
        "Storm kills 12 in port city",
    )
    assert found[0] == ("12", "people killed in the port city of Varna, according to the regional fire service")


@pytest.mark.model
def test_money_keeps_its_currency(nlp):
    assert shown(nlp, "The activist was released on US$5,000 bail on Thursday, his lawyer said.")[0] == (
        "US$5,000",
        "bail",
    )


@pytest.mark.model
def test_dates_years_ages_ordinals_names_and_one_of_are_never_key_numbers(nlp):
    text = (
        "In 2019, on March 3, John Smith, 52, moved to the 3rd floor of the town hall. "
        "He runs Windows 7 and is one of the staff. Flight 302 landed at 10:30. "
        "Ten years ago the hall had a 20-minute fire drill."
    )
    assert shown(nlp, text, "Town council meets") == []


@pytest.mark.model
def test_a_match_score_names_both_sides(nlp):
    assert shown(nlp, "Ajax beat Porto 3 – 1 on Sunday in front of 40,000 fans.", "Ajax beat Porto")[0] == (
        "3 – 1",
        "Ajax v Porto",
    )


@pytest.mark.model
def test_the_headline_figure_leads_and_the_box_holds_at_most_four(nlp):
    text = (
        "The ministry said 300,000 pupils and 9,000 buses were affected on Monday as the heat rose. "
        "Rescue teams reached 33 miners trapped by a collapse at the copper mine. "
        "Officials said 15% of clinics and 2,000 offices were shut, and 700 flights were cancelled."
    )
    found = shown(nlp, text, "Mine collapse traps 33 miners")
    assert found[0][0] == "33" and found[0][1].startswith("miners trapped")
    assert len(found) <= keynumbers.LIMIT


@pytest.mark.model
def test_a_small_count_needs_the_lede_or_the_headline(nlp):
    text = (
        "The council closed the old bridge on Monday after engineers found cracks in its piers. "
        "Traffic was sent through the town centre, and the market moved to the station square.\n\n"
        "Two people said the queue lasted for three hours, and four shops closed early."
    )
    assert shown(nlp, text, "Council closes old bridge") == []
