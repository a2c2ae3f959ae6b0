"""Speaker attribution with the real model's parse: one short made-up story per rule."""

from __future__ import annotations

import pytest

from builder import annotate
from builder.annotate import load_model
from builder.models import Article, Quote
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


def test_a_label_verb_gives_a_partial_quote_its_speaker():
    found = quotes("Senator Paul Grant called the plan “a disaster” on Monday.")
    assert found == [("a disaster", "Paul Grant", "called")]


def test_a_phrase_in_a_clause_belongs_to_its_subject_unless_it_sets_the_scene():
    found = quotes(
        "Farmers called for a “fair deal” on prices.",
        "After weeks of pressure for a “fair deal”, the minister agreed to meet them.",
        "The “Harvest Home” festival drew large crowds.",
    )
    assert found == [("fair deal", "Farmers", "called"), ("fair deal", None, None), ("Harvest Home", None, None)]


def annotated(*paragraphs: str) -> tuple[Quote, ...]:
    article = Article(slug="t", source_path="t.txt", headline="Test", paragraphs=paragraphs)
    return annotate.annotate_doc(load_model(DEFAULT_MODEL)(article.text), article).quotes


def test_quoted_phrases_of_one_clause_are_kept_linked_with_the_clause_as_content():
    first, second = annotated("Ana Ruiz said the budget was “reckless” and “unfair” to families.")
    assert (first.text, first.speaker, first.kind, first.continues) == ("reckless", "Ana Ruiz", "partial", None)
    assert (second.text, second.kind, second.continues) == ("unfair", "partial", 0)
    assert first.content == second.content == "the budget was “reckless” and “unfair” to families"


def test_the_halves_of_a_quote_split_around_its_cue_are_linked():
    quotes = annotated(
        "“The bridge will open in May,” said Marta Olsen, the city’s transport chief. “It will be busy.”",
        "“I doubt it,” said resident Carol Diaz.",
    )
    assert [(q.text, q.continues) for q in quotes] == [
        ("The bridge will open in May,", None),
        ("It will be busy.", 0),
        ("I doubt it,", None),
    ]


def test_a_quote_run_on_into_the_next_paragraph_is_linked_to_it():
    quotes = annotated("Mr Hale told reporters: \"We will not stop.", '"We will go on until the end."', "The vote is on Monday.")
    assert [(q.text, q.speaker, q.continues) for q in quotes] == [
        ("We will not stop.", "Hale", None),
        ("We will go on until the end.", "Hale", 0),
    ]


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


def test_a_colon_gives_the_speaker_when_no_speech_verb_does():
    found = quotes(
        "Ben Torres leaned in and boomed: “We will rebuild.”",
        "Carol Diaz: “Not with our money.”",
    )
    assert [(text, speaker) for text, speaker, _ in found] == [
        ("We will rebuild.", "Ben Torres"),
        ("Not with our money.", "Carol Diaz"),
    ]


def test_a_scare_quote_in_the_setting_before_the_verb_has_no_speaker():
    found = quotes(
        "After weeks of calls for a “fair deal” on prices, Mayor Lena Brandt allowed that the city might offer “small grants” to farmers."
    )
    assert found[:2] == [("fair deal", None, None), ("small grants", "Lena Brandt", "allowed")]


DIAZ = "“We had no warning,” said resident Carol Diaz."


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        ((DIAZ, "“Flood defences were last inspected in 2009,” the report said."), "report"),
        ((DIAZ, "Acme Corp issued a statement. “We take safety seriously,” it said."), None),
        (("“The defendant acted with malice,” the lawsuit said.",), "lawsuit"),
        (
            (
                "“The bridge is safe,” said Transport Minister Alan Reyes.",
                "Sofia Brandt, an engineer, was not convinced. “The cracks are getting wider,” she said.",
            ),
            "Sofia Brandt",
        ),
        (("Councillor James Ortiz spoke. “He has betrayed this city,” he said of Mayor Linda Park.",), "James Ortiz"),
        (("Maria Costa said the deal was “a betrayal” and Derek Hale said the union was bluffing.",), "Maria Costa"),
        (("Mayor Ben Torres said the levee would hold, but Carol Diaz called that “wishful thinking”.",), "Carol Diaz"),
        (
            ("Resident Carol Diaz was angry. “Nobody told us anything.” Mayor Ben Torres said texts were sent.",),
            "Carol Diaz",
        ),
        ((DIAZ, "“Forever chemicals” have been found in the river since 2019."), None),
        ((DIAZ, "Her favourite film, “The Day After Tomorrow”, now feels real."), None),
        (("The message was blunt: “Pay us or we strike” — Hospital bosses listened.",), "message"),
        (("“Beds are full,” said one nurse, who asked not to be named.",), "one nurse"),
        (("Police Chief Dana Wells arrived.", "“Two men were arrested,” police said."), "police"),
    ],
    ids=[
        "the-report-said-names-the-document",
        "it-said",
        "the-lawsuit-said-names-the-document",
        "she-after-a-new-name",
        "he-said-of",
        "two-speakers-one-sentence",
        "label-verb-in-a-later-clause",
        "next-sentence-has-its-own-clause-so-the-sentence-before-speaks",
        "scare-quote-opening-a-sentence",
        "a-title",
        "dash-before-a-sentence",
        "description-without-its-relative-clause",
        "police-is-not-the-police-chief",
    ],
)
def test_speaker_of_the_last_quote(paragraphs, expected):
    article = Article(slug="t", source_path="t.txt", headline="Test", paragraphs=paragraphs)
    annotation = annotate.annotate_doc(load_model(DEFAULT_MODEL)(article.text), article)
    last = [q for q in annotation.quotes if q.kind != "indirect"][-1]
    assert last.speaker == expected


def test_a_plain_object_of_said_is_not_reported_speech():
    assert quotes("Ann Lee said a prayer for the victims before the service began.") == []


def test_honorifics_join_the_full_name():
    found = quotes("Prime Minister Jacinda Ardern visited Christchurch.", "“We will stand with you,” Ms Ardern said.")
    assert found == [("We will stand with you,", "Jacinda Ardern", "said")]
    assert quotes("Sir Keir Starmer met Rishi Sunak. Sir Keir said the talks went well.") == [
        ("the talks went well", "Keir Starmer", "said")
    ]


def test_a_straight_opening_mark_closed_by_a_curly_one_ends_there():
    found = quotes('"But the levee held,” Ben Torres said.', '"I know," Carol Diaz said.')
    assert found == [("But the levee held,", "Ben Torres", "said"), ("I know,", "Carol Diaz", "said")]


def test_an_indefinite_title_is_someone_else_than_the_one_holder():
    found = quotes(
        "“The plan is sound,” said Tom Reyes, an adviser to the mayor.",
        "“It is over,” said another adviser, who asked not to be named.",
        "“Nothing is over,” the adviser said.",
    )
    assert [speaker for _, speaker, _ in found] == ["Tom Reyes", "another adviser", "Tom Reyes"]


def test_she_is_not_the_man_named_last():
    found = quotes(
        "Ms. Carol Diaz, the council leader, met Mr. Ben Torres on Monday.",
        "Torres left early. “We found no agreement,” she said.",
    )
    assert [speaker for _, speaker, _ in found] == ["Carol Diaz"]


def test_a_cue_in_the_next_paragraph_is_not_this_quotes_cue():
    found = quotes(
        "“I don’t care,” Tom Reyes said. “She can come if she wants.”",
        "What Carol Diaz has said privately is a different story.",
    )
    assert [(text, speaker) for text, speaker, _ in found] == [
        ("I don’t care,", "Tom Reyes"),
        ("She can come if she wants.", "Tom Reyes"),
    ]


def test_a_pronoun_after_a_speaker_is_the_speaker_not_whom_they_met():
    found = quotes(
        "“The talks were useful,” Sarah Johnson said after meeting David Miller. She did not give details. “We will meet again.”",
        "“I would say this,” Ben Torres answered. Carol Diaz shot back, “Say it then.”",
    )
    assert [speaker for _, speaker, _ in found] == ["Sarah Johnson", "Sarah Johnson", "Ben Torres", "Carol Diaz"]


def test_mixed_marks_a_label_verb_before_a_long_quote_and_a_hyphen_credit():
    found = quotes(
        '“I heard parts of the speech," Ben Torres said. "He wants to give it all away.”',
        "Carol Diaz called the holiday “a celebration of what unites us.”",
        "“Taxes will rise.”",
        "- Maria Costa.",
    )
    assert [(text, speaker) for text, speaker, _ in found] == [
        ("I heard parts of the speech,", "Ben Torres"),
        ("He wants to give it all away.", "Ben Torres"),
        ("a celebration of what unites us.", "Carol Diaz"),
        ("Taxes will rise.", "Maria Costa"),
    ]


def test_two_apostrophes_make_quote_marks():
    found = quotes("''We are refugees,'' Carol Diaz said. ''We are not terrorists.''", "It was Tom Reyes's day.")
    assert [(text, speaker) for text, speaker, _ in found] == [
        ("We are refugees,", "Carol Diaz"),
        ("We are not terrorists.", "Carol Diaz"),
    ]


def test_any_verb_of_the_subject_right_after_a_quote_is_its_cue():
    found = quotes("“Your plan is a good one,” Ana Ruiz assured the farmers.")
    assert found == [("Your plan is a good one,", "Ana Ruiz", "assured")]


def test_a_quote_ending_in_a_full_stop_takes_no_verb_that_follows():
    found = quotes("“The vote is over.” Mayor Ana Ruiz left the hall.")
    assert [cue for _, _, cue in found] == [None]


def test_as_someone_puts_it():
    found = quotes("As the historian Lena Park puts it, “Nobody wins a price war.”")
    assert found == [("Nobody wins a price war.", "Lena Park", "puts")]


def test_a_name_after_a_dash_ends_its_line():
    found = quotes("“The council failed us.” ― Dana Whitfield\n“We will be back.” ― Omar Haddad")
    assert [speaker for _, speaker, _ in found] == ["Dana Whitfield", "Omar Haddad"]


def test_a_document_in_a_clause_a_person_reports_gives_the_person():
    found = quotes("City Attorney Brad Holm said in the letter that the ad “wrongfully” suggests police support.")
    assert [(speaker, cue) for _, speaker, cue in found if cue != "said" or speaker] == [("Brad Holm", "said")]


def test_a_name_after_a_label_verb_is_its_object_not_the_speaker():
    found = quotes("Stuart Stevens, who served the campaign, called Trump's remarks “childish.”")
    assert [speaker for _, speaker, _ in found] != ["Trump"]


def test_a_cue_after_a_long_subject_in_the_next_sentence():
    found = quotes("“Will he resign? He should!” the opposition leader, Hillary Clinton, tweeted on Sunday.")
    assert found[0][1:] == ("Hillary Clinton", "tweeted")


def test_the_passive_subject_of_told_heard_the_words():
    found = quotes("According to the handbook, sales staff were told, “Sell feelings, not products.”")
    assert found[0][1] != "sales staff"


def test_a_statement_saying_belongs_to_who_issued_it():
    found = quotes("The nurses’ union issued a statement saying it left the talks “because nobody listened.”")
    assert found[0][1] == "nurses’ union"


def test_an_opening_mark_followed_by_a_space_closes_the_quote():
    found = quotes("“It's unusual,“ said Larry Noble, a lawyer. “It is hard to pull off.”")
    assert found == [("It's unusual,", "Larry Noble", "said"), ("It is hard to pull off.", "Larry Noble", None)]


def contents(*paragraphs: str) -> list[str | None]:
    article = Article(slug="t", source_path="t.txt", headline="Test", paragraphs=paragraphs)
    annotation = annotate.annotate_doc(load_model(DEFAULT_MODEL)(article.text), article)
    return [q.content for q in annotation.quotes if q.kind == "partial"]


def test_a_partial_quotes_content_is_what_the_verb_reports_and_no_more():
    assert contents("Mayor Ana Ruiz criticized the bypass as a “costly mistake” during a visit to Leeds.") == [
        "the bypass as a “costly mistake”"
    ]
    assert contents("The new budget may be “dead on arrival,” said Senator Hillary Clinton.") == [
        "The new budget may be “dead on arrival,”"
    ]


def test_a_verb_ending_a_compound_word_is_no_cue():
    found = quotes("Mayor Tom Reyes called the group “a menace” to the self-described Harbour Watch.")
    assert found == [("a menace", "Tom Reyes", "called")]


def test_a_partial_quote_belongs_to_the_clause_that_holds_it_not_a_later_said():
    found = quotes("Senator Paul Grant summed up the plan as “reckless,” and said it should be scrapped.")
    assert found[0][:2] == ("reckless,", "Paul Grant")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("A Chinese official responded by saying Japan should be careful “not to interfere.”", "Chinese official"),
        (
            "Senator Paul Grant toned down his attacks, shifting his focus to the budget and admitting "
            "that his “revolution” was over.",
            "Paul Grant",
        ),
    ],
    ids=["responded-by-saying", "a-chain-of-participles"],
)
def test_a_verb_without_a_subject_shares_the_subject_of_the_verb_it_hangs_on(text, speaker):
    assert quotes(text)[0][1] == speaker


def test_any_verb_whose_that_clause_holds_a_phrase_reports_it():
    found = quotes("Senator Paul Grant believes that the “tiny tax” on trades would raise $75 billion.")
    assert found[0][:3] == ("tiny tax", "Paul Grant", "believes")


def test_an_inverted_said_takes_the_subject_after_it():
    found = quotes("The rejection of the treaty signals “the beginning of the end” for the EU, said Geert Wilders.")
    assert found[0][1:] == ("Geert Wilders", "said")


def test_the_name_of_a_show_is_no_ones_words():
    found = quotes("“We will win,” Senator Paul Grant said on ABC’s “Good Morning America.”")
    assert found == [("We will win,", "Paul Grant", "said"), ("Good Morning America.", None, None)]


def test_a_credit_after_a_dash_before_the_colon_names_the_speaker():
    found = quotes("Polls tighten in Ohio - Carl Bialik: “Keep contacting voters as late as possible.”")
    assert found[0][1] == "Carl Bialik"


def test_an_inverted_verb_after_a_quote_is_its_cue():
    found = quotes("“This is fantastic!” beamed Donald Hartley, a delegate from Alabama.")
    assert found[0][1:] == ("Donald Hartley", "beamed")


def test_a_credit_line_starting_the_next_paragraph_with_a_hyphen():
    found = quotes("“The whole idea needs to stop.”", "-Michelle Marks, Philadelphia.")
    assert found[0][1] == "Michelle Marks"


def test_a_long_quote_that_is_a_verbs_object_belongs_to_its_subject():
    found = quotes("Senator Paul Grant welcomed “the recognition that we do not have all the technology we need.”")
    assert found[0][1] == "Paul Grant"


def test_a_phrase_in_someones_noun_of_saying_is_theirs():
    found = quotes("Senator Paul Grant left early. Grant's assertion that “thousands” had marched was false.")
    assert found[0][1] == "Paul Grant"


def test_a_date_read_as_a_subject_is_no_speaker():
    found = quotes("Saturday at the convention Senator Elizabeth Warren said Trump was a “proven failure” in business.")
    assert found[0][1] == "Elizabeth Warren"


def test_markup_or_a_figure_is_no_speaker():
    found = quotes("“Polls close at eight,” 47% said.")
    assert found[0][1] is None


def test_a_closing_mark_used_to_open_a_quote():
    found = quotes("”Sorry Sarah, you should have said it!” posted Sharon Geyer.")
    assert found == [("Sorry Sarah, you should have said it!", "Sharon Geyer", "posted")]


@pytest.mark.parametrize(
    ("paragraphs", "wrong"),
    [
        (("Democrats condemned Donald Trump for saying Mexico sends “rapists” across the border.",), "Democrats"),
        (("Officials, told of a “credible threat,” evacuated the building.",), "Officials"),
        (("Paul Manafort's charge of “conspiracy against the United States” was dropped.",), "Paul Manafort"),
        (("“The plant will close in June.” Two weeks later, Governor Tom Lee announced a rescue plan.",), "Tom Lee"),
        (("“We will not back down.”", "- Senate Passes Budget Bill"), "Senate Passes Budget Bill"),
        (("Trump on trade — In His Own Words:", "“We're going to win so much.”"), "In His Own Words"),
    ],
    ids=["blamed-for-saying", "told-of", "a-charge-against", "unrelated-next-sentence", "a-heading", "a-heading-colon"],
)
def test_no_wrong_speaker(paragraphs, wrong):
    assert all(speaker != wrong for _, speaker, _ in quotes(*paragraphs))
