"""Quote-mark pairing, one made-up story per house style: the words between the marks, whole,
and nothing else; the halves of one quote linked."""

from __future__ import annotations

from builder.annotators import quotemarks
from builder.annotators.quotes import quoted_ranges


def quoted(*paragraphs: str) -> list[str]:
    """The words of each quote found, in reading order."""
    return [f.text for f in quoted_ranges(paragraphs)]


def links(*paragraphs: str) -> list[bool]:
    """For each quote after the first: does it go on with the one before it?"""
    found = quoted_ranges(paragraphs)
    text = "\n\n".join(paragraphs)
    return [quotemarks.continues(text, a, b) for a, b in zip(found, found[1:])]


def test_ap_curly_marks_a_quote_split_around_its_cue_and_a_nested_quote():
    story = (
        "“We’re going to finish the bridge by June,” said Mayor Lena Brandt, 61. “Nobody told me, ‘It can’t be done.’”",
        "Brandt’s critics were unmoved.",
    )
    assert quoted(*story) == [
        "We’re going to finish the bridge by June,",
        "Nobody told me, ‘It can’t be done.’",
    ]
    assert links(*story) == [True]


def test_ap_a_quote_over_two_paragraphs_reopens_without_closing():
    story = (
        "Brandt said: “The river rose two metres in one night. We had never seen that.",
        "“By morning the bridge was gone.”",
        "The council meets on Monday.",
    )
    assert quoted(*story) == ["The river rose two metres in one night. We had never seen that.", "By morning the bridge was gone."]
    assert links(*story) == [True]


def test_reuters_partial_quotes_and_a_full_quote_told_to_the_agency():
    story = (
        "Talks on the port deal were “very close” to an end, two sources said, adding that a vote was “likely”.",
        '"We expect to sign within days," a company spokesman told Reuters.',
    )
    assert quoted(*story) == ["very close", "likely", "We expect to sign within days,"]
    assert links(*story) == [False, False]


def test_bbc_a_new_opening_mark_after_a_full_stop_continues_the_quote():
    story = (
        'Chief economist Ana Ruiz said: "Growth has slowed. "But we expect a recovery by the spring." '
        "The bank will publish its forecast on Thursday.",
    )
    assert quoted(*story) == ["Growth has slowed. But we expect a recovery by the spring."]


def test_bbc_a_quote_closed_before_another_speakers_quote_is_not_continued_by_it():
    story = ('"Farewell, old friend," she said. "Thank you." "He was my hero," said actor Alan Ruiz.',)
    assert quoted(*story) == ["Farewell, old friend,", "Thank you.", "He was my hero,"]
    assert links(*story) == [True, False]


def test_bbc_single_marks_in_a_headline_like_line_and_a_loose_closing_mark():
    assert quoted("Council 'could close' libraries, says leader") == ["could close"]
    story = ('"The landscape has changed over the last months, " he said. "Rates may rise."',)
    assert quoted(*story) == ["The landscape has changed over the last months,", "Rates may rise."]


def test_guardian_single_marks_with_apostrophes_and_possessives_inside():
    story = (
        "‘We’re not going anywhere,’ said the nurses’ representative, Carol Diaz. ‘The workers’ case is strong.’",
        "She added that managers had called the strike ‘regrettable’.",
    )
    assert quoted(*story) == [
        "We’re not going anywhere,",
        "The workers’ case is strong.",
        "regrettable",
    ]
    assert links(*story) == [True, False]


def test_guardian_double_marks_nested_in_single_ones_are_not_quotes_of_their_own():
    story = (
        "‘He told me “no” twice,’ she said.",
        "‘We will appeal,’ said her lawyer, Ben Torres.",
        "The “Harbour Nine” case returns to court in May.",
    )
    assert quoted(*story) == ["He told me “no” twice,", "We will appeal,"]


def test_nyt_titles_and_ages_in_the_cue_and_a_second_speaker():
    story = (
        "“It was the worst storm I can remember,” said Mr. Alan Reyes, 72, a retired teacher. “The roof just went.”",
        "“We were lucky,” his neighbour said. “Others were not,” another added.",
    )
    assert quoted(*story) == [
        "It was the worst storm I can remember,",
        "The roof just went.",
        "We were lucky,",
        "Others were not,",
    ]
    assert links(*story) == [True, False, False]


def test_canadian_press_mixed_straight_and_curly_marks():
    story = (
        '"We are ready for the season,” coach Marc Tremblay said Tuesday. “The players know what is at stake."',
        "Tremblay’s team opens against Winnipeg.",
    )
    assert quoted(*story) == ["We are ready for the season,", "The players know what is at stake."]
    assert links(*story) == [True]


def test_wire_copy_with_two_apostrophes_for_marks():
    story = (
        "''We will not back down,'' the union's leader said. ''Not this time.''",
        "The strike enters its third week.",
    )
    assert quoted(*story) == ["We will not back down,", "Not this time."]
    assert links(*story) == [True]


def test_a_stray_mark_never_makes_the_reporters_words_a_quote():
    assert quoted('The 6\'2" guard scored 30 points, a season high.') == []
    assert quoted('Officials said the "review would take weeks. The bridge stays shut.') == []
    assert quoted("The players’ union met in the ’90s and again in 2019.") == []


def test_an_earlier_opening_mark_left_unclosed_before_a_new_quote_is_stray():
    story = ('She called it "absurd and said "we will appeal" on Friday.',)
    assert quoted(*story) == ["we will appeal"]
    assert quoted("Fans of rock 'n' roll and 'em said \"we love it\" loudly.") == ["we love it"]


def test_a_quote_inside_a_quote_with_the_same_marks_stays_inside():
    story = ("“I’d rather live in what he calls “hell” than live here,” said student Ana Ruiz.",)
    assert quoted(*story) == ["I’d rather live in what he calls “hell” than live here,"]
