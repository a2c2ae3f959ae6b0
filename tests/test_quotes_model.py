"""Speaker attribution with the real model's parse: one short made-up story per rule."""

from __future__ import annotations

import pytest

from builder import annotate
from builder.annotate import load_model
from builder.models import Article
from builder.settings import DEFAULT_MODEL

pytestmark = pytest.mark.model


def quotes(*paragraphs: str) -> list[tuple[str, str | None, str | None]]:
    """(text, speaker, cue) of each quote found in the paragraphs."""
    article = Article(slug="t", source_path="t.txt", headline="Test", paragraphs=paragraphs)
    annotation = annotate.annotate_doc(load_model(DEFAULT_MODEL)(article.text), article)
    return [(q.text, q.speaker, q.cue) for q in annotation.quotes]


def test_speaker_after_the_verb_with_an_apposition():
    found = quotes("“The bridge will open in May,” said Marta Olsen, the city’s transport chief.")
    assert found == [("The bridge will open in May,", "Marta Olsen", "said")]


def test_a_described_speaker_is_named_as_the_text_describes_them():
    found = quotes("“We have no comment at this time,” a hospital spokeswoman said on Tuesday.")
    assert found == [("We have no comment at this time,", "hospital spokeswoman", "said")]


def test_the_speaker_of_a_colon_ending_the_paragraph_before():
    found = quotes("Mayor Tom Reyes said the vote was close. Reyes continued:", "“We will not stop now.”")
    assert found == [("the vote was close", "Tom Reyes", "said"), ("We will not stop now.", "Tom Reyes", "continued")]


def test_a_name_after_a_dash():
    found = quotes("“The council failed us.” ― Dana Whitfield")
    assert found == [("The council failed us.", "Dana Whitfield", None)]


def test_a_quote_of_its_own_after_a_speakers_paragraph():
    found = quotes("“Prices will rise,” said Ines Moreau, an economist.", "“Nobody should be surprised.”")
    assert [speaker for _, speaker, _ in found] == ["Ines Moreau", "Ines Moreau"]


def test_a_label_verb_gives_a_partial_quote_its_speaker_but_a_call_for_does_not():
    found = quotes(
        "Senator Paul Grant called the plan “a disaster” on Monday.",
        "Farmers called for a “fair deal” on prices.",
    )
    assert found == [("a disaster", "Paul Grant", "called"), ("fair deal", None, None)]


def test_a_chant_is_given_to_its_crowd():
    found = quotes("Hundreds of students marched through the square, chanting, “Not in our name!”")
    assert found == [("Not in our name!", "students", None)]


def test_reported_speech_is_an_indirect_quote_of_its_speaker():
    article = Article(
        slug="t",
        source_path="t.txt",
        headline="Test",
        paragraphs=("Council leader Ana Ruiz said the budget would be balanced by March.", "The report is due in May."),
    )
    annotation = annotate.annotate_doc(load_model(DEFAULT_MODEL)(article.text), article)
    [quote] = annotation.quotes
    assert (quote.kind, quote.text, quote.speaker, quote.cue) == (
        "indirect",
        "the budget would be balanced by March",
        "Ana Ruiz",
        "said",
    )


def test_a_scare_quote_in_the_setting_before_the_verb_has_no_speaker():
    found = quotes(
        "After weeks of calls for a “fair deal” on prices, Mayor Lena Brandt allowed that the city might offer “small grants” to farmers."
    )
    assert found[:2] == [("fair deal", None, None), ("small grants", "Lena Brandt", "allowed")]
