"""One made-up story per speaker rule (`SPEAKER_RULES`), read with the real model: each rule is
the one that answers for its story, and names the speaker a reader would."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from builder import annotate
from builder.annotate import load_model
from builder.annotators.speakers import BY_NAME, SPEAKER_RULES
from builder.models import Article
from builder.settings import DEFAULT_MODEL

STORIES: dict[str, tuple[tuple[str, ...], str, str | None]] = {
    "chant": (("Students chanted “Free the river!” outside the hall.",), "Free the river!", "Students"),
    "work title": (("Marta Olsen told the hosts of “Morning Harbour Live” about the plan.",), "Morning Harbour Live", None),
    "cue subject: name": (("“The bridge will open in May,” said Marta Olsen.",), "The bridge will open in May,", "Marta Olsen"),
    "cue subject: title": (
        ("Marta Olsen, the city’s transport chief, arrived early.", "“We are ready,” the transport chief said."),
        "We are ready,",
        "Marta Olsen",
    ),
    "cue subject: pronoun": (
        ("Marta Olsen opened the bridge on Monday.", "“It is a great day,” she said."),
        "It is a great day,",
        "Marta Olsen",
    ),
    "cue subject: document issuer": (
        ("The Harbour Council published a report on Monday.", "“The harbour is safe,” the report said."),
        "The harbour is safe,",
        "Harbour Council",
    ),
    "cue subject: pronoun, weak": (
        ("The award went to Marta Olsen.", "“I am grateful,” she said."),
        "I am grateful,",
        "Marta Olsen",
    ),
    "cue subject: title as pronoun": (
        ("Jack Dunmore arrived in Brussels on Monday.", "“Our position is clear,” the foreign secretary said."),
        "Our position is clear,",
        "Jack Dunmore",
    ),
    "cue subject: description": (
        ("“We have no comment,” a hospital spokeswoman said.",),
        "We have no comment,",
        "hospital spokeswoman",
    ),
    "cue subject: no one": (("“Prices will rise next year,” it said.",), "Prices will rise next year,", None),
    "cue, named in sentence": (
        ("Marta Olsen was asked about the bridge on Monday and whether “it would open in May”.",),
        "it would open in May",
        "Marta Olsen",
    ),
    "cue, last speaker": (
        ("“We will keep talking,” Marta Olsen said on Monday.", "Later, when asked again, said: “Nothing is settled.”"),
        "Nothing is settled.",
        "Marta Olsen",
    ),
    "cue alone": (("Officials were told: “Stay at home.”",), "Stay at home.", None),
    "label verb": (("Rosa Diaz called the plan “wishful thinking” on Monday.",), "wishful thinking", "Rosa Diaz"),
    "dash credit: name": (("“The council failed us.” ― Dana Whitfield",), "The council failed us.", "Dana Whitfield"),
    "dash credit: description": (
        ("“The council failed us.” ― Anonymous Reader",),
        "The council failed us.",
        "Anonymous Reader",
    ),
    "colon: name": (("Dana Whitfield: “The council failed us.”",), "The council failed us.", "Dana Whitfield"),
    "colon: description": (("Harbour residents: “We were never asked.”",), "We were never asked.", "Harbour residents"),
    "clause subject": (("Rosa Diaz condemned the test as “provocative” on Monday.",), "provocative", "Rosa Diaz"),
    "noun of saying": (
        ("Marta Olsen left early. Olsen’s assertion that “thousands” had marched was false.",),
        "thousands",
        "Marta Olsen",
    ),
    "sentence before": (
        ("Mayor Tom Reyes turned to the crowd. “We will not stop now.”",),
        "We will not stop now.",
        "Tom Reyes",
    ),
    "continues, same paragraph": (
        ("“We will keep talking,” Marta Olsen said. The talks resume in June. “Nothing is settled yet.”",),
        "Nothing is settled yet.",
        "Marta Olsen",
    ),
    "continues, next paragraph": (
        ("“We will keep talking,” Marta Olsen said on Monday.", "“Nothing is settled yet.”"),
        "Nothing is settled yet.",
        "Marta Olsen",
    ),
    "no speaker": (("The so-called “smart fence” was finished in May.",), "smart fence", None),
}


def annotate_story(paragraphs: tuple[str, ...]):
    article = Article(slug="t", source_path="t.txt", headline="Test", paragraphs=paragraphs)
    return annotate.annotate_doc(load_model(DEFAULT_MODEL)(article.text), article)


def test_every_rule_has_a_story():
    assert set(STORIES) == set(BY_NAME)
    assert len(BY_NAME) == len(SPEAKER_RULES)


@pytest.mark.model
@pytest.mark.parametrize("rule", [r.name for r in SPEAKER_RULES])
def test_rule(rule):
    paragraphs, text, speaker = STORIES[rule]
    quotes = {q.text.strip(): q for q in annotate_story(paragraphs).quotes if q.kind != "indirect"}
    quote = quotes[text.strip()]
    assert (quote.rule, quote.speaker) == (rule, speaker)
    assert (0 < quote.confidence <= 1) if speaker else quote.confidence == BY_NAME["no speaker"].confidence


def test_no_confidence_is_written_outside_the_rule_table():
    """Every float literal of the attribution modules stands in `SPEAKER_RULES` (the learnt
    confidence comes from `builder/data/confidence.json`)."""
    folder = Path(__file__).parent.parent / "builder" / "annotators"
    for name in ("speakers.py", "referents.py", "credits.py", "cues.py", "quotes.py"):
        tree = ast.parse((folder / name).read_text(encoding="utf-8"))
        table = [n for n in ast.walk(tree) if isinstance(n, ast.AnnAssign) and getattr(n.target, "id", "") == "SPEAKER_RULES"]
        inside = {id(c) for t in table for c in ast.walk(t)}
        floats = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, float) and id(n) not in inside]
        assert floats == [], f"{name}: confidence literals outside SPEAKER_RULES: {floats}"
