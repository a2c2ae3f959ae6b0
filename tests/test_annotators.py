"""Stage 2 rules, on `spacy.blank("en")` Docs with entities set by hand (no model)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from spacy.tokens import Doc

from builder.annotators import actors, confidence, entities, gist, names, quotes
from builder.identity import actor_id
from builder.models import Dateline

KIRBY = {"John Kirby": "PERSON", "Kirby’s": "PERSON", "Kirby": "PERSON"}


def cast_of(article, doc):
    found = quotes.quoted_ranges(article.paragraphs)
    cast, _ = actors.find_actors(entities.build(doc, article), [(f.start, f.end) for f in found])
    return {a.name: a for a in cast}


def quotes_of(article, doc):
    found = quotes.quoted_ranges(article.paragraphs)
    cast, mentions = actors.find_actors(entities.build(doc, article), [(f.start, f.end) for f in found])
    return quotes.find_quotes(doc, found, cast, mentions)


def entities_of(article, doc):
    return actors.entity_records(entities.build(doc, article), article.text)


def hand_doc(blank_nlp, words, ents):
    """A Doc from words (each followed by a space except before punctuation) and IOB tags."""
    spaces = [i + 1 < len(words) and words[i + 1] not in ",.:" for i in range(len(words))]
    doc = Doc(blank_nlp.vocab, words=words, spaces=spaces, ents=ents)
    for token in doc:
        token.is_sent_start = token.i == 0
    return doc


# ------------------------------------------------------------------ quoted ranges


def test_quoted_ranges_offsets_point_into_article_text():
    paragraphs = ("Intro.", "“We will stay,” she said, calling it “a duty”.")
    found = quotes.quoted_ranges(paragraphs)
    text = "\n\n".join(paragraphs)
    assert [(f.text, f.paragraph) for f in found] == [("We will stay,", 1), ("a duty", 1)]
    assert [text[f.start : f.end] for f in found] == ["“We will stay,”", "“a duty”"]


def test_straight_and_single_quotes():
    found = quotes.quoted_ranges(('He said "go now" but didn’t.', "She said ‘stay’ but didn’t."))
    assert [f.text for f in found] == ["go now"]  # single marks in copy that quotes with double ones: not quotes
    found = quotes.quoted_ranges(("He said ‘go now’ but didn’t.", "She said ‘stay’ but didn’t."))
    assert [f.text for f in found] == ["go now", "stay"]


def test_unbalanced_quote_stops_at_end_of_its_paragraph():
    paragraphs = ("“This never closes, she said.", "A plain paragraph.", "“Closed,” he said.")
    found = quotes.quoted_ranges(paragraphs)
    assert [(f.text, f.paragraph) for f in found] == [("This never closes, she said.", 0), ("Closed,", 2)]


def test_quote_marks_around_nothing_are_ignored():
    assert quotes.quoted_ranges(("Scores of “ 42 ” and “ ”.",)) == []


# ------------------------------------------------------------------ actors


def test_surname_joins_full_name_and_possessive_is_stripped(make_doc):
    article, doc = make_doc(["John Kirby spoke on Monday.", "Kirby’s office agreed. Kirby left."], KIRBY)
    cast = cast_of(article, doc)
    assert list(cast) == ["John Kirby"]
    assert cast["John Kirby"].aliases == ("Kirby",)
    assert cast["John Kirby"].mentions == 3
    assert cast["John Kirby"].id == "john-kirby"


def test_entity_text_without_possessive(make_doc):
    article, doc = make_doc(["Kirby’s office agreed."], {"Kirby’s": "PERSON"})
    [entity] = entities_of(article, doc)
    assert (entity.text, entity.start, entity.end) == ("Kirby", 0, 5)
    assert [(m.text, m.kind) for m in entity.mentions] == [("Kirby", "name")]


def test_entity_offsets_match_text_after_leading_the(make_doc):
    article, doc = make_doc(["Aid reached the Red Cross on Monday."], {"the Red Cross": "ORG"})
    [entity] = entities_of(article, doc)
    assert article.text[entity.start : entity.end] == entity.text == "Red Cross"


def test_label_vote_keeps_a_person_tagged_as_place(make_doc):
    article, doc = make_doc(
        ["Secretary of State Antony Blinken arrived.", "Blinken met officials."],
        {"Antony Blinken": "PERSON", "Blinken": "GPE"},
    )
    cast = cast_of(article, doc)
    assert cast["Antony Blinken"].type == "PERSON"
    assert cast["Antony Blinken"].aliases == ("Blinken",)


def test_contributors_and_wire_agency_are_not_actors(make_doc):
    article, doc = make_doc(
        ["Susan Fraser met John Kirby, AP reported."],
        {"Susan Fraser": "PERSON", "John Kirby": "PERSON", "AP": "ORG"},
        contributors=["Susan Fraser"],
        dateline=Dateline("WASHINGTON", "AP"),
    )
    assert list(cast_of(article, doc)) == ["John Kirby"]


def test_byline_authors_are_not_actors(make_doc):
    article, doc = make_doc(["Mara Lindqvist met John Kirby."], {"Mara Lindqvist": "PERSON", "John Kirby": "PERSON"})
    article = replace(article, authors=("Mara Lindqvist",))
    assert list(cast_of(article, doc)) == ["John Kirby"]


def test_names_only_inside_quotes_are_not_actors(make_doc):
    article, doc = make_doc(["Students were chanting, “Killer Blinken, get out!”"], {"Killer Blinken": "PERSON"})
    assert cast_of(article, doc) == {}


def test_shared_surname_is_not_merged(make_doc):
    article, doc = make_doc(
        ["John Smith and Jane Smith arrived.", "Smith spoke first."],
        {"John Smith": "PERSON", "Jane Smith": "PERSON", "Smith": "PERSON"},
    )
    cast = cast_of(article, doc)
    assert cast["John Smith"].aliases == cast["Jane Smith"].aliases == ()
    assert cast["John Smith"].mentions == cast["Jane Smith"].mentions == 1
    assert "Smith" not in cast  # ambiguous: it names neither, and is no third actor


def test_mostly_place_mentions_are_not_actors(make_doc):
    article, doc = make_doc(["Jordan and Jordan and Jordan."], {"Jordan": "GPE"})
    assert cast_of(article, doc) == {}


def test_actors_sorted_by_mentions_then_name(make_doc):
    article, doc = make_doc(["Hamas and the UN met. Hamas left. The UN Security Council met."], {"Hamas": "ORG", "UN": "ORG"})
    cast, _ = actors.find_actors(entities.build(doc, article), [])
    assert [(a.name, a.type, a.mentions) for a in cast] == [("Hamas", "ORG", 2), ("UN", "ORG", 2)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Antony Blinken", "antony-blinken"),
        ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
        ("index", "index-actor"),
        ("!!!", "actor"),
    ],
)
def test_actor_id(name, expected):
    assert actor_id(name) == expected


def test_places_most_mentioned_first_without_actors(make_doc):
    article, doc = make_doc(
        ["Gaza and Israel. Gaza again. Jordan Peterson spoke."],
        {"Gaza": "GPE", "Israel": "GPE", "Jordan Peterson": "PERSON"},
    )
    assert actors.places(entities.build(doc, article)) == ("Gaza", "Israel")


# ------------------------------------------------------------------ roles


def test_title_before_secretary_of_state(blank_nlp):
    words = ["Secretary", "of", "State", "Antony", "Blinken", "said", "it", "."]
    doc = hand_doc(blank_nlp, words, ["O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O"])
    assert names.title_before(doc.ents[0]) == "Secretary of State"


def test_title_before_keeps_organisation_words(blank_nlp):
    words = ["Then", "National", "Security", "Council", "spokesman", "John", "Kirby", "spoke", "."]
    ents = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-PERSON", "I-PERSON", "O", "O"]
    doc = hand_doc(blank_nlp, words, ents)
    assert names.title_before(doc.ents[1]) == "National Security Council spokesman"


def test_title_before_stops_at_ordinary_sentence_start(blank_nlp):
    words = ["Yesterday", "Joe", "Biden", "spoke", "."]
    doc = hand_doc(blank_nlp, words, ["O", "B-PERSON", "I-PERSON", "O", "O"])
    assert names.title_before(doc.ents[0]) is None


def test_title_before_needs_a_title_word(blank_nlp):
    words = ["They", "met", "Acme", "Joe", "Biden", "."]
    doc = hand_doc(blank_nlp, words, ["O", "O", "O", "B-PERSON", "I-PERSON", "O"])
    assert names.title_before(doc.ents[0]) is None


def test_role_of_actor_from_any_mention(make_doc):
    article, doc = make_doc(
        ["Blinken arrived.", "He met President Joe Biden and Biden spoke."],
        {"Joe Biden": "PERSON", "Biden": "PERSON", "Blinken": "PERSON"},
    )
    assert cast_of(article, doc)["Joe Biden"].role == "President"


def test_title_before_stops_at_a_date(blank_nlp):
    words = ["On", "Monday", "President", "Joe", "Biden", "spoke", "."]
    doc = hand_doc(blank_nlp, words, ["O", "B-DATE", "O", "B-PERSON", "I-PERSON", "O", "O"])
    assert names.title_before(doc.ents[1]) == "President"


def test_honorific_is_not_a_role(blank_nlp):
    words = ["The", "court", "heard", "Mr.", "John", "Smith", "."]
    doc = hand_doc(blank_nlp, words, ["O", "O", "O", "O", "B-PERSON", "I-PERSON", "O"])
    assert names.title_before(doc.ents[0]) is None


# ------------------------------------------------------------------ quotes


def test_speaker_named_after_quote(make_doc):
    article, doc = make_doc(["“We will keep talking,” John Kirby said on Monday."], KIRBY)
    [quote] = quotes_of(article, doc)
    assert quote.text == "We will keep talking,"
    assert (quote.speaker, quote.speaker_id, quote.cue, quote.kind) == ("John Kirby", "john-kirby", "said", "full")
    assert quote.rule == "cue, named in sentence" and quote.confidence >= confidence.threshold()


def test_pronoun_falls_back_to_last_speaker(make_doc):
    article, doc = make_doc(["“We will keep talking,” John Kirby said.", "He added: “More talks.”"], KIRBY)
    second = quotes_of(article, doc)[1]
    assert (second.speaker, second.cue, second.paragraph, second.rule) == ("John Kirby", "added", 1, "cue, last speaker")
    assert 0 < second.confidence <= 1


def test_partial_quote_has_content(make_doc):
    article, doc = make_doc(["John Kirby spoke.", "Kirby said the talks were “frank” and useful."], KIRBY)
    [quote] = quotes_of(article, doc)
    assert (quote.text, quote.kind, quote.speaker) == ("frank", "partial", "John Kirby")
    assert quote.content == "Kirby said the talks were “frank” and useful."


def test_chant_has_no_speaker(make_doc):
    article, doc = make_doc(["Students were chanting, “Killer Blinken, get out!”"], {"Killer Blinken": "PERSON"})
    [quote] = quotes_of(article, doc)
    assert (quote.kind, quote.speaker) == ("chant", None)


def test_cue_is_the_speech_verb_nearest_the_quote(make_doc):
    article, doc = make_doc(["Asked about the talks, John Kirby said: “We will keep talking.”"], KIRBY)
    [quote] = quotes_of(article, doc)
    assert (quote.speaker, quote.cue) == ("John Kirby", "said")


def test_quote_after_the_cue_in_the_same_paragraph_keeps_the_speaker(make_doc):
    article, doc = make_doc(["“We will keep talking,” John Kirby said. “Nothing is settled yet.”"], KIRBY)
    first, second = quotes_of(article, doc)
    assert (second.speaker, second.kind) == ("John Kirby", "full")
    assert 0 < second.confidence <= 1


def test_scare_quotes_without_speech_verb_have_no_speaker(make_doc):
    article, doc = make_doc(["John Kirby called for a “humanitarian truce” in Gaza."], KIRBY)
    [quote] = quotes_of(article, doc)
    assert (quote.kind, quote.speaker, quote.cue) == ("partial", None, None)


def test_unbalanced_quote_does_not_swallow_next_paragraph(make_doc):
    article, doc = make_doc(["John Kirby said: “We will stay.", "Officials met later.", "“Done,” Kirby said."], KIRBY)
    found = quotes_of(article, doc)
    assert [(q.text, q.paragraph) for q in found] == [("We will stay.", 0), ("Done,", 2)]
    assert all(q.speaker == "John Kirby" for q in found)


def test_partial_quote_content_stays_in_its_paragraph(make_doc):
    article, doc = make_doc(
        [
            "He stressed that no one would accept it “without a quick response.”",
            "Kirby said the talks were “frank” and useful.",
        ],
        KIRBY,
    )
    first = quotes_of(article, doc)[0]
    assert first.kind == "partial"
    assert first.content == "He stressed that no one would accept it “without a quick response.”"


# ------------------------------------------------------------------ gist


def test_word_count_skips_punctuation_and_space(blank_nlp):
    assert gist.word_count(blank_nlp("Hello, world!\n\nIt’s 10,000 people.")) == 6


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (1, 1), (230, 1), (231, 2), (1346, 6)])
def test_reading_minutes(words, minutes):
    assert gist.reading_minutes(words) == minutes


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Secretary of State Antony Blinken flew in.", {"Antony Blinken": "PERSON", "State": "ORG"}),
        ("Protesters gathered outside the Foreign Ministry.", {"Foreign Ministry": "ORG"}),
        ("The count came from the Ministry of Health.", {"Ministry of Health": "ORG"}),
        ("Crowds waited outside the Acme Corp offices.", {"Acme Corp": "ORG"}),
    ],
)
def test_organisations_in_passing_are_not_actors(make_doc, text, names):
    article, doc = make_doc([text], names)
    organisation = next(name for name, label in names.items() if label == "ORG")
    assert organisation not in cast_of(article, doc)
    assert list(cast_of(article, doc)) == [name for name, label in names.items() if label == "PERSON"]


def test_a_ministry_named_with_its_country_is_an_actor(make_doc):
    article, doc = make_doc(["The Russian Foreign Ministry said so."], {"Russian Foreign Ministry": "ORG"})
    assert list(cast_of(article, doc)) == ["Russian Foreign Ministry"]


def test_groups_are_their_own_list_not_actors(make_doc):
    article, doc = make_doc(
        ["Israeli officials met Palestinian leaders.", "Israeli troops stayed."],
        {"Israeli": "NORP", "Palestinian": "NORP"},
    )
    assert cast_of(article, doc) == {}
    assert actors.groups(entities.build(doc, article)) == ("Israeli", "Palestinian")


def test_mr_and_a_surname_join_the_full_name(make_doc):
    article, doc = make_doc(
        ["Tony Blair spoke.", "Mr Blair later left."], {"Tony Blair": "PERSON", "Mr Blair": "PERSON"}
    )
    cast = cast_of(article, doc)
    assert list(cast) == ["Tony Blair"]
    assert cast["Tony Blair"].aliases == ("Blair",)


def test_an_organisation_after_a_title_is_an_affiliation(make_doc):
    article, doc = make_doc(["Ann Lee, CEO of Acme Corp, spoke."], {"Ann Lee": "PERSON", "Acme Corp": "ORG"})
    assert "Acme Corp" in cast_of(article, doc)


def test_names_in_other_scripts_are_folded_not_dropped(make_doc):
    article, doc = make_doc(
        ["Иван Петров spoke first.", "Петров left early. 王 小明 stayed."],
        {"Иван Петров": "PERSON", "Петров": "PERSON", "王 小明": "PERSON"},
    )
    model = entities.build(doc, article)  # no name folds to nothing
    joined = [e for e in model.entities if e.name == "Иван Петров"]
    assert len(joined) == 1 and set(joined[0].names) == {"Иван Петров", "Петров"}
