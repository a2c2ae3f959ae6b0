"""Stage 1, ingest: seed files on disk -> Articles and Notices (no model)."""

from __future__ import annotations

import pytest

from builder.errors import IngestError
from builder.ingest import ingest, read_article, slugify
from builder.ingest.clean import patterns
from builder.ingest.repair import headline_case
from builder.models import Dateline, Repair

WIRE = """\
Dock workers walk out at Port Merrow


LONDON (Reuters) - Dock workers walked off the job on Tuesday, halting
the loading of about 40 ships.

"We will not wait any longer," union leader Margaret Oyelaran said.

Leave A Reply
"""

AP_CONTRIBUTORS = (
    "Associated Press writers Susan Fraser in Ankara, Turkey, and Ellen Knickmeyer in Washington "
    "contributed to this report."
)

FRONT_MATTER = """\
---
title: Library opens a seed bank
date: 2024-03-14
source: Example Gazette
url: https://example.org/news/seed-bank
licence: CC BY 4.0
authors:
  - Priya Natarajan
  - Tom Ede
tags: [gardens, libraries]
---

The library opened a *seed bank* on Thursday.

Read the [lending rules](https://example.org/rules)
before you borrow.
"""


def read_one(write_seed, name, content):
    path = write_seed(name, content)
    articles, notices = ingest([path])
    assert notices == []
    [article] = articles
    return article


def notices_for(write_seed, name, content):
    path = write_seed(name, content)
    articles, notices = ingest([path.parent])
    assert articles == []
    return [str(n) for n in notices], str(path)


# ------------------------------------------------------------------ .txt seeds


def test_wire_story_headline_paragraphs_and_dateline(write_seed):
    article = read_one(write_seed, "strike.txt", WIRE)
    assert article.slug == "strike"
    assert article.headline == "Dock workers walk out at Port Merrow"
    assert article.dateline == Dateline("LONDON", "Reuters")
    assert article.paragraphs == (
        "Dock workers walked off the job on Tuesday, halting the loading of about 40 ships.",
        '"We will not wait any longer," union leader Margaret Oyelaran said.',
    )
    assert article.boilerplate == ("Leave A Reply",)
    assert article.markdown == ()


def test_hard_wrapped_lines_are_joined(write_seed):
    text = "Head\n\n\nThe council met on Monday to vote on\nthe harbour wall, and the vote\n  passed.\n\nTwo.\n"
    article = read_one(write_seed, "wrap.txt", text)
    assert article.paragraphs == ("The council met on Monday to vote on the harbour wall, and the vote passed.", "Two.")
    assert article.repairs == (
        Repair("hard-wrapped lines joined", "1 paragraph(s) of hard-wrapped lines", "one line each", 4),
    )


def test_wire_copy_paragraphs_start_at_indented_lines(write_seed):
    text = "HEAD\n\nPARIS, May 2 - One line\nwrapped.\n    Second para-\ngraph here.\n    Third.\n REUTER\n"
    article = read_one(write_seed, "wire.txt", text)
    assert article.paragraphs == ("One line wrapped.", "Second para-graph here.", "Third.")
    assert article.dateline == Dateline("PARIS", "Reuters", "May 2")


def test_bullets_are_paragraphs_of_their_own(write_seed):
    article = read_one(write_seed, "list.txt", "Head\n\nThe plan:\n- cut taxes\n - build roads\n")
    assert article.paragraphs == ("The plan:", "- cut taxes", "- build roads")


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("WASHINGTON (AP) — Officials met.", Dateline("WASHINGTON", "AP")),
        ("MANILA, April 8 - Officials met.", Dateline("MANILA", None, "April 8")),
        ("New York, June 1 - Officials met.", Dateline("New York", None, "June 1")),
        ("GAZA CITY, Gaza Strip (AP) — Officials met.", Dateline("GAZA CITY, Gaza Strip", "AP")),
        ("(CNN) — Officials met.", Dateline("", "CNN")),
        ("****ANTWERP, June 18 - Officials met.", Dateline("ANTWERP", None, "June 18")),
        ("ST. LOUIS (Reuters) -- Officials met.", Dateline("ST. LOUIS", "Reuters")),
    ],
)
def test_dateline_place_and_source(write_seed, opening, dateline):
    article = read_one(write_seed, "d.txt", f"Head\n\n\n{opening}\n")
    assert article.dateline == dateline
    assert article.paragraphs == ("Officials met.",)


def test_dateline_with_a_year_gives_the_date(write_seed):
    article = read_one(write_seed, "d.txt", "Head\n\nNEW YORK, Nov. 6, 2023 /PRNewswire/ -- Acme said.\n")
    assert article.dateline == Dateline("NEW YORK", "PRNewswire", "Nov. 6")
    assert (article.date, article.paragraphs) == ("2023-11-06", ("Acme said.",))
    assert article.dateline.label == "NEW YORK, Nov. 6 (PRNewswire)"


@pytest.mark.parametrize("opening", ["NATO-led forces met.", "— a reply, she said.", "- one item"])
def test_no_dateline_in_ordinary_first_paragraph_openings(write_seed, opening):
    article = read_one(write_seed, "d.txt", f"Head\n\n{opening}\n")
    assert (article.dateline, article.paragraphs) == (None, (opening,))


def test_no_dateline_in_ordinary_first_paragraph(write_seed):
    article = read_one(write_seed, "d.txt", "Head\n\n\nOfficials met on Monday - briefly.\n")
    assert article.dateline is None
    assert article.paragraphs == ("Officials met on Monday - briefly.",)


def test_dateline_after_one_blank_line(write_seed):
    article = read_one(write_seed, "d.txt", "Head\n\nLONDON (Reuters) - Officials met.\n")
    assert article.paragraphs == ("Officials met.",)
    assert article.dateline == Dateline("LONDON", "Reuters")


def test_contributor_line_gives_names_and_keeps_the_rest(write_seed):
    text = f"Head\n\n\nBody.\n\n{AP_CONTRIBUTORS} He reported from Ankara.\n"
    article = read_one(write_seed, "c.txt", text)
    assert article.contributors == ("Susan Fraser", "Ellen Knickmeyer")
    assert article.paragraphs == ("Body.", "He reported from Ankara.")


def test_contributor_line_alone_is_removed(write_seed):
    text = "Head\n\n\nBody.\n\nReuters reporter Daniel Ocampo in Liverpool contributed to this report.\n"
    article = read_one(write_seed, "c.txt", text)
    assert article.contributors == ("Daniel Ocampo",)
    assert article.paragraphs == ("Body.",)


def test_boilerplate_removed_and_recorded_in_order(write_seed):
    footer = [
        "This article originally appeared on",
        "Leave A Reply",
        "Your email address will not be published.",
        "Copyright 2023 The Associated Press. All rights reserved.",
    ]
    article = read_one(write_seed, "b.txt", "Head\n\n\nBody.\n\n" + "\n\n".join(footer) + "\n")
    assert article.paragraphs == ("Body.",)
    assert article.boilerplate == tuple(footer)


def test_sentence_mentioning_a_reply_is_not_boilerplate(write_seed):
    article = read_one(write_seed, "b.txt", "Head\n\n\nShe did not leave a reply to the letter.\n")
    assert article.paragraphs == ("She did not leave a reply to the letter.",)
    assert article.boilerplate == ()


def test_wikinews_date_line_becomes_the_date(write_seed):
    article = read_one(write_seed, "w.txt", "Head\n\n\nWednesday, November 8, 2023\n\nBody text.\n")
    assert article.date == "2023-11-08"
    assert article.paragraphs == ("Body text.",)


def test_glued_words_repaired(write_seed):
    text = "Head\n\n\nBlinken did not meet President Recep Tayyip Erdoganwho has criticised Israel.\n"
    article = read_one(write_seed, "g.txt", text)
    assert "Erdogan who has" in article.paragraphs[0]
    assert article.repairs == (Repair("glued words", "Erdoganwho", "Erdogan who", 4),)


# ------------------------------------------------------------------ encodings


def test_cp1252_bytes_are_decoded_with_a_notice(write_seed):
    path = write_seed("cp.txt", b"Caf\xe9 owner\n\n\n\x93Open,\x94 she said \x96 twice.\n")
    [article], notices = ingest([path])
    assert [str(n) for n in notices] == [f"{path}:1: not UTF-8; read as Windows-1252 (save the file as UTF-8)"]
    assert article.headline == "Café owner"
    assert article.paragraphs == ("“Open,” she said – twice.",)


def test_utf16_file_with_bom(write_seed):
    article = read_one(write_seed, "u16.txt", "Café opens\n\n\nBody é.\n".encode("utf-16"))
    assert article.headline == "Café opens"
    assert article.paragraphs == ("Body é.",)


def test_utf8_bom_and_crlf(write_seed):
    content = "\ufeffHead\r\n\r\n\r\nOne line that is wrapped at forty-odd characters\r\nhere.\r\n\r\nTwo.\r\n".encode()
    article = read_one(write_seed, "crlf.txt", content)
    assert article.headline == "Head"
    assert article.paragraphs == ("One line that is wrapped at forty-odd characters here.", "Two.")


def test_short_lines_are_not_a_hard_wrap(write_seed):
    text = "Head\n\nBy Ann Lee\nUpdated 4:18 PM EST, November 8, 2023\nThe council met on Monday and voted.\n"
    article = read_one(write_seed, "short.txt", text)
    assert article.authors == ("Ann Lee",)
    assert article.paragraphs[-1] == "The council met on Monday and voted."


def test_unicode_is_nfc_normalised(write_seed):
    article = read_one(write_seed, "nfc.txt", "Cafe\u0301\n\n\nBody.\n")
    assert article.headline == "Caf\u00e9"


# ------------------------------------------------------------------ .md seeds


def test_markdown_front_matter_fields(write_seed):
    article = read_one(write_seed, "seed-bank.md", FRONT_MATTER)
    assert article.headline == "Library opens a seed bank"
    assert article.date == "2024-03-14"
    assert article.source == "Example Gazette"
    assert article.url == "https://example.org/news/seed-bank"
    assert article.licence == "CC BY 4.0"
    assert article.authors == ("Priya Natarajan", "Tom Ede")
    assert article.tags == ("gardens", "libraries")


def test_markdown_body_plain_text_and_source(write_seed):
    article = read_one(write_seed, "seed-bank.md", FRONT_MATTER)
    assert article.paragraphs == (
        "The library opened a seed bank on Thursday.",
        "Read the lending rules before you borrow.",
    )
    assert article.markdown == (
        "The library opened a *seed bank* on Thursday.",
        "Read the [lending rules](https://example.org/rules)\nbefore you borrow.",
    )


def test_markdown_without_title_takes_first_block_as_headline(write_seed):
    article = read_one(write_seed, "plain.md", "# A heading\n\nBody.\n")
    assert article.headline == "A heading"
    assert article.paragraphs == ("Body.",)


def test_markdown_slug_from_front_matter(write_seed):
    article = read_one(write_seed, "x.md", "---\ntitle: T\nslug: My Story\n---\n\nBody.\n")
    assert article.slug == "my-story"


def test_markdown_list_items_are_not_glued(write_seed):
    article = read_one(write_seed, "list.md", "---\ntitle: T\n---\n\n- item one\n- item two\n")
    assert article.paragraphs == ("item one", "item two")
    assert article.markdown == ("- item one", "- item two")


# ------------------------------------------------------------------ notices


def test_broken_front_matter_names_file_and_line(write_seed):
    content = "---\ntitle: T\nsource: Gazette: Evening\nlicence: CC BY 4.0\n---\n\nBody.\n"
    lines, path = notices_for(write_seed, "bad.md", content)
    assert lines == [f"{path}:3: broken front matter: mapping values are not allowed here"]


def test_unclosed_front_matter_list(write_seed):
    lines, path = notices_for(write_seed, "bad.md", "---\ntitle: T\nauthors: [Ann\n---\n\nBody.\n")
    assert lines == [f"{path}:3: broken front matter: expected ',' or ']', but got '<stream end>'"]


def test_unknown_front_matter_key(write_seed):
    lines, path = notices_for(write_seed, "bad.md", "---\ntitle: T\nauthor: Ann\n---\n\nBody.\n")
    assert lines == [f"{path}:2: unknown front matter key(s): author"]


def test_front_matter_that_is_not_a_mapping(write_seed):
    lines, path = notices_for(write_seed, "bad.md", "---\n- just\n- a list\n---\n\nBody.\n")
    assert lines == [f"{path}:2: front matter must be a mapping of keys to values"]


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"], ids=["empty", "blank"])
def test_empty_file(write_seed, content):
    lines, path = notices_for(write_seed, "empty.txt", content)
    assert lines == [f"{path}: file is empty"]


def test_binary_file(write_seed):
    lines, path = notices_for(write_seed, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert lines == [f"{path}: binary file (contains NUL bytes), not text"]


def test_huge_file(write_seed, monkeypatch):
    monkeypatch.setattr("builder.ingest.decode.MAX_BYTES", 10)
    lines, path = notices_for(write_seed, "long.txt", "Head\n\n\nA long body.\n")
    assert lines == [f"{path}: file is 20 bytes, over the 10 byte limit"]


def test_non_seed_file_is_skipped_with_notice(write_seed):
    notes = write_seed("notes.rst", "Not an article")
    story = write_seed("story.txt", "Head\n\n\nBody.\n")
    write_seed(".hidden.txt", "ignored without a notice")
    articles, notices = ingest([story.parent])
    assert [a.slug for a in articles] == ["story"]
    assert [str(n) for n in notices] == [f"{notes}: not a .txt, .md or .html seed; skipped"]


def test_missing_path(tmp_path):
    articles, notices = ingest([tmp_path / "nope"])
    assert articles == []
    assert [str(n) for n in notices] == [f"{tmp_path / 'nope'}: no such file or folder"]


def test_duplicate_slug_keeps_the_first(write_seed):
    first = write_seed("story.md", "---\ntitle: From Markdown\n---\n\nBody.\n")
    second = write_seed("story.txt", "From text\n\n\nBody.\n")
    articles, notices = ingest([first.parent])
    assert [a.headline for a in articles] == ["From Markdown"]
    assert [str(n) for n in notices] == [f"{second}: same slug 'story' as {first}; skipped"]


def test_bad_file_does_not_stop_the_others(write_seed):
    write_seed("a.txt", "First\n\n\nBody.\n")
    write_seed("b.txt", b"")
    write_seed("c.md", "---\ntitle: Third\n---\n\nBody.\n")
    articles, notices = ingest([write_seed("d.txt", "Fourth\n\n\nBody.\n").parent])
    assert [a.headline for a in articles] == ["First", "Third", "Fourth"]
    assert len(notices) == 1


def test_read_article_raises_with_path(write_seed):
    path = write_seed("empty.txt", b"")
    with pytest.raises(IngestError) as info:
        read_article(path)
    assert str(info.value) == f"{path}: file is empty"


# ------------------------------------------------------------------ the boilerplate pattern file


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- pattern: 'a(b'\n  reason: x\n", "1: bad pattern 'a(b': missing ), unterminated subpattern"),
        ("- pattern: ok\n  reason: x\n- pattern: other\n", "3: an entry needs a `pattern` and a `reason`, both text"),
        (
            "- pattern: ok\n  reason: x\n  wher: end\n",
            "1: unknown key(s) wher; known: agency, heads_list, ignore_case, pattern, reason, where",
        ),
        ("- pattern: ok\n  reason: x\n  where: start\n", "1: `where: start` must be paragraph, inline or end"),
        ("pattern: ok\n", "1: must be a list of entries, each with a `pattern` and a `reason`"),
        ("- pattern: [ok\n", "2: broken YAML: expected ',' or ']', but got '<stream end>'"),
    ],
    ids=["regex", "no-reason", "unknown-key", "where", "not-a-list", "yaml"],
)
def test_broken_pattern_file_names_file_and_line(tmp_path, content, message):
    path = tmp_path / "boilerplate.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError) as info:
        patterns(path)
    assert str(info.value) == f"{path}:{message}"


def test_shipped_pattern_file_loads():
    assert len(patterns()) > 10


# ------------------------------------------------------------------ text that must stay in the body


@pytest.mark.parametrize(
    "sentence",
    [
        "Supported by the opposition, the bill passed 52-48.",
        "Follow us on this journey, the minister told the crowd, and you will not regret it.",
        "Copyright 2023 was a record year for lawsuits over music, lawyers said.",
        "The label said it kept all rights reserved.",
        "Police released footage on Tuesday. Video: the suspect is seen fleeing on foot",
        "Her best-known work, the 1998 series “Untitled (Photograph: Mother),” was lost in the fire.",
        "Hollywood writers went on strike in May. Analysts said several factors contributed.",
        "Dozens of reporters from around the world contributed. The fund closed.",
        "Topics covered included housing, transport and the harbour wall.",
        "The photo agency was sold to a rival last year.",
    ],
)
def test_real_sentences_are_not_boilerplate(write_seed, sentence):
    article = read_one(write_seed, "s.txt", f"Head\n\nThe council met on Monday.\n\n{sentence}\n")
    assert article.paragraphs == ("The council met on Monday.", sentence)
    assert (article.removed, article.contributors) == ((), ())


@pytest.mark.parametrize(
    "opening",
    [
        "US - China trade talks resumed.",
        "NASA — the space agency — said it would wait.",
        "ON TUESDAY — the day after — officials met.",
    ],
)
def test_openings_that_only_look_like_datelines(write_seed, opening):
    article = read_one(write_seed, "d.txt", f"Head\n\n{opening}\n")
    assert (article.dateline, article.paragraphs) == (None, (opening,))


def test_contributor_names_may_hold_initials_and_places(write_seed):
    line = "Additional reporting by Jane Roe in Washington D.C. and John Doe in Paris."
    article = read_one(write_seed, "c.txt", f"Head\n\nThe council met.\n\n{line}\n")
    assert article.contributors == ("Jane Roe", "John Doe")
    assert article.paragraphs == ("The council met.",)


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Priya Nandakumar, CNN", ("Priya Nandakumar",)),
        ("By Carla Jenkins, Staff Writer", ("Carla Jenkins",)),
        ("By MARISOL VEGA and DERRICK HOLLOWAY", ("MARISOL VEGA", "DERRICK HOLLOWAY")),
        ("By Ann Lee, Bo Kim and Cy Dee | The Harbour Gazette", ("Ann Lee", "Bo Kim", "Cy Dee")),
        ("By Monica Feld | Herald-Tribune", ("Monica Feld",)),
    ],
)
def test_bylines(write_seed, byline, authors):
    article = read_one(write_seed, "b.txt", f"Head\n\n{byline}\n\nThe council met on Monday.\n")
    assert article.authors == authors
    assert article.paragraphs == ("The council met on Monday.",)


def test_byline_with_outlet_line_and_dateline_after_a_timestamp(write_seed):
    text = "Head\n\nUpdated 4:18 PM EST, November 8, 2023\n\nBy Harriet Cole\nBBC News, Cardiff\n\nCARDIFF (AP) — The council met.\n"
    article = read_one(write_seed, "b.txt", text)
    assert (article.authors, article.date, article.dateline) == (
        ("Harriet Cole",),
        "2023-11-08",
        Dateline("CARDIFF", "AP"),
    )
    assert article.paragraphs == ("The council met.",)
    assert [r.kind for r in article.removed] == ["date line", "byline", "byline", "dateline"]


def test_byline_and_dateline_in_one_paragraph(write_seed):
    text = "Head\n\nBy Eleanor Marsh Associated Press CHICAGO (AP) — Chicago’s City Council voted.\n"
    article = read_one(write_seed, "b.txt", text)
    assert (article.authors, article.dateline) == (("Eleanor Marsh",), Dateline("CHICAGO", "AP"))
    assert article.paragraphs == ("Chicago’s City Council voted.",)


def test_markdown_heading_is_not_a_byline(write_seed):
    article = read_one(write_seed, "h.md", "---\ntitle: T\n---\n\n## By The Numbers\n\nThe council met.\n")
    assert article.authors == ()
    assert article.paragraphs == ("By The Numbers", "The council met.")


# ------------------------------------------------------------------ Markdown kept in step with the text


def test_markdown_dateline_cut_keeps_links(write_seed):
    text = "---\ntitle: T\n---\n\nWASHINGTON (AP) — The [senate](https://senate.gov) voted **52-48**.\n"
    article = read_one(write_seed, "m.md", text)
    assert article.paragraphs == ("The senate voted 52-48.",)
    assert article.markdown == ("The [senate](https://senate.gov) voted **52-48**.",)


def test_glued_words_in_urls_and_emphasis_are_left_alone(write_seed):
    text = "---\ntitle: T\n---\n\nSee [Erdoganwho](https://ex.com/Erdoganwho) and Erdogan*who* spoke.\n"
    article = read_one(write_seed, "m.md", text)
    assert article.markdown == ("See [Erdoganwho](https://ex.com/Erdoganwho) and Erdogan*who* spoke.",)
    assert article.repairs == ()


def test_markdown_line_separator_does_not_lose_text(write_seed):
    text = "---\ntitle: Market\n---\n\nFirst para with a\u2028line separator.\n\nSecond **para**.\n"
    article = read_one(write_seed, "m.md", text)
    assert article.paragraphs == ("First para with a line separator.", "Second para.")


def test_image_only_paragraph_is_recorded(write_seed):
    image = "![Harbour cranes at dawn](harbour.jpg)"
    article = read_one(write_seed, "m.md", f"---\ntitle: T\n---\n\n{image}\n\nThe council met.\n")
    assert article.paragraphs == ("The council met.",)
    assert [(r.text, r.reason) for r in article.removed] == [(image, "no text (image or markup)")]


# ------------------------------------------------------------------ small repairs and fields


def test_windows_1252_character_references_become_punctuation(write_seed):
    article = read_one(write_seed, "r.txt", "Head\n\nShe didn&#146;t say &#147;odd&#148; in 1990&#150;1995&#127;.\n")
    assert article.paragraphs == ("She didn’t say “odd” in 1990–1995.",)
    assert article.repairs[0].kind == "control characters"


def test_slug_drops_accents():
    assert slugify("Zürich Café") == "zurich-cafe"


@pytest.mark.parametrize(("draft", "expected"), [("false", False), ("true", True), ("no", False)])
def test_draft_as_text(write_seed, draft, expected):
    article = read_one(write_seed, "d.md", f"---\ntitle: T\ndraft: {draft!r}\n---\n\nBody.\n")
    assert article.draft is expected


def test_broken_front_matter_date(write_seed):
    lines, path = notices_for(write_seed, "d.md", "---\ntitle: T\ndate: 2023-02-30\n---\n\nBody.\n")
    assert lines == [f"{path}:3: broken front matter: day is out of range for month"]


def test_utf16_mark_on_bytes_that_are_not_utf16(write_seed):
    lines, path = notices_for(write_seed, "u.txt", b"\xff\xfe" + "Head\n\nBody.\n".encode("utf-16-le") + b"a")
    assert lines == [f"{path}: starts with a UTF-16 byte-order mark but is not UTF-16 text"]


@pytest.mark.parametrize(
    ("headline", "body", "expected"),
    [
        ("WHO WARNS OF MEASLES RISE", "The WHO said. Officials who spoke agreed.", "WHO Warns of Measles Rise"),
        ("US TROOPS LEAVE BASE", "The troops left.", "US Troops Leave Base"),
        ("GENERAL MOTORS <GM> SETS RECORD", "General Motors said.", "General Motors <GM> Sets Record"),
        ("TAIWAN'S EXPORTS TO U.S.-JAPAN MARKETS", "Taiwan and Japan.", "Taiwan's Exports to U.S.-Japan Markets"),
    ],
)
def test_headline_case(headline, body, expected):
    assert headline_case(headline, body) == expected


def test_markdown_title_in_capitals_is_left_as_written(write_seed):
    article = read_one(write_seed, "t.md", "---\ntitle: NASA AND ESA SIGN DEAL\n---\n\nBody.\n")
    assert (article.headline, article.repairs) == ("NASA AND ESA SIGN DEAL", ())


def test_list_head_takes_only_lines_that_are_nothing_else(write_seed):
    text = "Head\n\nShare\n\nBy Harriet Cole\n\nThe council met.\n\nRelated stories\n\nCouncil cuts parks budget\n\nBy Ann Lee\n"
    article = read_one(write_seed, "l.txt", text)
    assert article.authors == ("Harriet Cole",)
    assert article.paragraphs == ("The council met.",)
    assert [r.reason for r in article.removed] == ["sharing links", "byline", "link list", "link list", "link list"]
