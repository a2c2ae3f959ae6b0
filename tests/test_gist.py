"""The gist's selection rules on hand-made text: summary units, order, budget.

Summary rules run on spaCy's blank pipeline (sentencizer only: every sentence counts as
having a verb). Key numbers are tested in `test_keynumbers.py`.
"""

from __future__ import annotations

import pytest

from builder.annotators import gist


def summary(nlp, text: str, headline: str = "", quoted: bool = True) -> tuple[str, ...]:
    """The summary of `text`, sentences broken at blank lines as `annotate` breaks them."""
    from builder.annotate import paragraph_breaks
    from builder.annotators.quotes import quoted_ranges

    ranges = [(q.start, q.end) for q in quoted_ranges(tuple(text.split("\n\n")))] if quoted else []
    return gist.summarise(paragraph_breaks(nlp(text)), headline, ranges)


FILLER = "\n\n".join(
    f"Paragraph {n} of the background notes on weather, roads and the ferry timetable, kept for the record."
    for n in range(12)
)
"""Made-up paragraphs that echo nothing: they make a story long enough for a summary's budget."""


def words(text: str) -> int:
    return len(text.split())


STORY = (
    "A storm toppled a crane onto the city mosque on Friday, killing 12 worshippers. "
    "Rescuers searched the rubble of the mosque through the night.\n\n"
    "The crane had stood beside the mosque for a year of building work.\n\n"
    "He added that the mosque would reopen on Sunday.\n\n"
    "The city council said the crane company must explain why the crane stood in the storm.\n\n" + FILLER
)


def test_the_lead_comes_first_and_the_summary_keeps_reading_order(blank_nlp):
    chosen = summary(blank_nlp, STORY, "Crane falls on mosque")
    assert chosen[0].startswith("A storm toppled a crane")
    positions = [STORY.index(s) for s in chosen]
    assert positions == sorted(positions)


def test_budget_is_four_units_a_hundred_words_and_a_quarter_of_the_story(blank_nlp):
    text = "\n\n".join(f"Sentence number {i} tells the crane story of the mosque storm again." for i in range(40))
    chosen = summary(blank_nlp, text)
    assert len(chosen) <= gist.MAX_SENTENCES
    assert sum(len(s.split()) for s in chosen) <= gist.MAX_WORDS
    short = "\n\n".join(text.split("\n\n")[:12])
    assert words(" ".join(summary(blank_nlp, short))) <= words(short) / 4


def test_a_story_of_221_words_gets_one_or_two_sentences(blank_nlp):
    text = STORY.split("\n\n" + FILLER)[0] + "\n\n" + "\n\n".join(FILLER.split("\n\n")[:9])
    assert 200 < words(text) < 240
    chosen = summary(blank_nlp, text, "Crane falls on mosque")
    assert 1 <= len(chosen) <= 2
    assert words(" ".join(chosen)) <= words(text) / 4


def test_when_the_lede_lacks_the_headline_news_the_summary_carries_it(blank_nlp):
    text = (
        "Residents of the river town gathered in the square on a cold Tuesday morning.\n\n"
        "Children sang in the square while the mayor arrived with the town band.\n\n"
        "The mayor announced that the flood barrier will be finished by next spring.\n\n" + FILLER
    )
    chosen = summary(blank_nlp, text, "Mayor says flood barrier finished by spring")
    assert any("flood barrier" in s for s in chosen)


def test_a_unit_cut_off_mid_sentence_is_no_candidate(blank_nlp):
    text = "The council met in the hall on Monday evening to vote. on the bridge plan for the town.\n\n" + FILLER
    assert not any(s.startswith("The council met") for s in summary(blank_nlp, text))


def test_a_sentence_that_leans_back_needs_the_one_before(blank_nlp):
    chosen = summary(blank_nlp, STORY, "Crane falls on mosque")
    if any(s.startswith("He added") for s in chosen):
        assert "The crane had stood beside the mosque for a year of building work." in chosen
    assert gist.leans_back("He added: “We will rebuild.”")
    assert gist.leans_back("But the council disagreed.")
    assert not gist.leans_back("Hector Diaz added that the mosque would reopen.")


LONG_LEDE = (
    "The city council voted on Tuesday on traffic in the old town. "
    "The vote followed a year of traffic jams in the old town and complaints from the town's shops.\n\n"
    "Traffic in the old town has grown every year, and the town's shops say traffic jams keep buyers away.\n\n"
    "Under the plan, a ban on cars will close the medieval bridge from May.\n\n"
    "The town's mayor said traffic in the old town would be watched for a year.\n\n" + FILLER
)


def test_after_a_long_lede_the_summary_adds_the_unit_that_echoes_the_headline(blank_nlp):
    chosen = summary(blank_nlp, LONG_LEDE, "Council bans cars from medieval bridge")
    assert chosen == (
        "The city council voted on Tuesday on traffic in the old town.",
        "Under the plan, a ban on cars will close the medieval bridge from May.",
    )


def test_after_a_long_lede_without_a_headline_the_best_scored_unit_is_added(blank_nlp):
    chosen = summary(blank_nlp, LONG_LEDE, "Untitled")
    assert len(chosen) == gist.MAX_AFTER_LONG_LEDE
    assert "medieval bridge" not in " ".join(chosen)


def test_without_a_long_lede_the_score_ranks_the_units(blank_nlp):
    text = LONG_LEDE.replace("old town. The vote", "old town.\n\nThe vote", 1)
    chosen = summary(blank_nlp, text, "Council bans cars from medieval bridge")
    assert "Traffic in the old town has grown every year" in " ".join(chosen)


def test_a_rare_headline_word_echoes_more_than_a_common_one(blank_nlp):
    text = "The council met in the town on Friday.\n\nThe ceasefire held in the town on Friday."
    units = gist.cut_units(blank_nlp(text))
    echoes = gist.headline_echoes(units, {"council", "ceasefire"})
    assert echoes[1] > echoes[0] > 0
    assert gist.headline_echoes(units, set()) == [0.0, 0.0]


def test_a_quotation_is_never_cut_in_half(blank_nlp):
    text = (
        "The mayor spoke to reporters at the mosque on Friday evening after the storm.\n\n"
        "“We lost friends today. We will rebuild the mosque,” the mayor said of the crane.\n\n"
        "The storm passed the city overnight and the crane was removed from the mosque.\n\n" + FILLER
    )
    for unit in summary(blank_nlp, text, "Mayor speaks of crane"):
        assert unit.count("“") == unit.count("”")
    units = gist.cut_units(blank_nlp(text), [(text.index("“"), text.index("”") + 1)])
    assert any(u.text.startswith("“We lost friends today. We will rebuild") for u in units)


def test_unbalanced_quote_marks_are_no_candidates(blank_nlp):
    assert not gist.quotes_balanced("We will rebuild,” the mayor said.")
    assert not gist.quotes_balanced("The mayor said “we will rebuild.")
    assert gist.quotes_balanced("The mayor said “we will rebuild.”")


@pytest.mark.parametrize(
    ("opening", "rest"),
    [
        ("WASHINGTON (AP) — ", "The Senate passed the budget bill late on Tuesday night."),
        ("(CNN) -- ", "The Senate passed the budget bill late on Tuesday night."),
        ("MANILA, April 8 - ", "The Senate passed the budget bill late on Tuesday night."),
        ("Evansville, Indiana, United States - ", "The Senate passed the budget bill late on Tuesday night."),
    ],
)
def test_a_dateline_never_opens_the_summary(blank_nlp, opening, rest):
    assert summary(blank_nlp, opening + rest + "\n\n" + FILLER)[0] == rest


def test_captions_bylines_date_lines_and_source_lists_are_skipped(blank_nlp):
    text = (
        "Image: a crane over the mosque after the storm on Friday.\n\n"
        "By Jane Doe, Associated Press\n\n"
        "Friday, September 11, 2015\n\n"
        "A storm toppled a crane onto the city mosque on Friday.\n\n"
        "Sources\n\n"
        "The crane report was published by the Daily Example on Friday.\n\n"
        "Background notes on weather, roads and the ferry timetable were kept for the record by the city."
    )
    assert summary(blank_nlp, text) == ("A storm toppled a crane onto the city mosque on Friday.",)


def test_short_fragments_are_skipped(blank_nlp):
    chosen = summary(blank_nlp, "Too short.\n\nA storm toppled a crane onto the city mosque on Friday.\n\n" + FILLER)
    assert chosen[0] == "A storm toppled a crane onto the city mosque on Friday."
    assert "Too short." not in chosen


def test_centrality_prefers_the_sentence_others_echo():
    ranks = gist.textrank([("crane", "mosque", "storm"), ("crane", "mosque"), ("crane", "storm"), ("bus", "fare")])
    assert ranks[0] == max(ranks)
    assert ranks[3] < ranks[1]


@pytest.mark.parametrize(("word", "stem"), [("talks", "talk"), ("talked", "talk"), ("cities", "city"), ("gas", "gas")])
def test_stem(word, stem):
    assert gist.stem(word) == stem
