"""The real model over the project's seed article, checked against a hand reading of it.

The expectations are written here (not read from ../shared/gold): headline, dateline,
contributors, boilerplate, the cast with its roles, and who said the Kirby quote.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder import annotate, ingest
from builder.cache import AnnotationCache
from builder.settings import DEFAULT_MODEL

pytestmark = pytest.mark.model

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_6848703931b3331e.txt"


@pytest.fixture(scope="module")
def seed() -> dict:
    """The seed's annotate JSON, made once per module without a cache."""
    articles, notices = ingest.ingest([SEED])
    assert notices == []
    [annotation] = annotate.annotate(articles, DEFAULT_MODEL, AnnotationCache(None, DEFAULT_MODEL))
    return json.loads(json.dumps(annotation.as_dict()))


@pytest.fixture(scope="module")
def actors(seed) -> dict:
    return {a["name"]: a for a in seed["actors"]}


def test_headline_dateline_and_credits(seed):
    assert seed["headline"] == (
        "After push by Biden and Blinken, Netanyahu says Israel open to ‘small pauses’ in Gaza, not ceasefire"
    )
    assert seed["dateline"] == {"place": "WASHINGTON", "source": "AP", "when": None}
    assert seed["contributors"] == ["Susan Fraser", "Ellen Knickmeyer"]
    assert seed["date"] == "2023-11-06"  # its `Date:` line
    assert seed["source"] == "Associated Press"  # its dateline's agency


def test_boilerplate_removed_from_body(seed):
    boilerplate = ["This article originally appeared on", "Leave A Reply", "Your email address will not be published."]
    assert seed["boilerplate"] == boilerplate
    body = "\n".join(seed["paragraphs"])
    assert not any(line in body for line in boilerplate)
    assert "contributed to this report" not in body
    assert seed["paragraphs"][0].startswith("After more than a week of public pressure")
    assert seed["paragraphs"][-1] == "He reported to me from Ankara."


@pytest.mark.parametrize(
    ("name", "role", "alias"),
    [
        ("Benjamin Netanyahu", "Israeli Prime Minister", "Netanyahu"),
        ("Joe Biden", "President", "Biden"),
        ("Antony Blinken", "Secretary of State", "Blinken"),
        ("John Kirby", "National Security Council spokesman", "Kirby"),
    ],
)
def test_main_actors_with_roles(actors, name, role, alias):
    actor = actors[name]
    assert (actor["type"], actor["role"]) == ("PERSON", role)
    assert alias in actor["aliases"]
    assert actor["mentions"] >= 2


def test_organisations(actors):
    for name in ("Hamas", "NATO", "CIA", "ABC News", "National Security Council"):
        assert actors[name]["type"] == "ORG"


SEED_CAST = {
    ("Benjamin Netanyahu", "PERSON", "Israeli Prime Minister"),
    ("Joe Biden", "PERSON", "President"),
    ("Antony Blinken", "PERSON", "Secretary of State"),
    ("John Kirby", "PERSON", "National Security Council spokesman"),
    ("William Burns", "PERSON", "CIA Director"),
    ("Hakan Fidan", "PERSON", "Turkish Foreign Minister"),
    ("Recep Tayyip Erdogan", "PERSON", "Turkish President"),
    ("Hamas", "ORG", None),
    ("National Security Council", "ORG", None),
    ("CIA", "ORG", None),
    ("NATO", "ORG", None),
    ("ABC News", "ORG", None),
}


def test_the_cast_is_exactly_the_people_and_organisations_of_the_story(seed):
    """Each once, with its role: not `State` (of `Secretary of State`), not the `Foreign
    Ministry` the protesters stood outside, not a ministry of no named country."""
    assert {(a["name"], a["type"], a["role"]) for a in seed["actors"]} == SEED_CAST
    assert len(seed["actors"]) == len(SEED_CAST)


def test_places_and_groups_are_their_own_lists(seed):
    assert {"Israel", "Gaza", "Turkey"} <= set(seed["places"])
    assert {"Israeli", "Palestinian"} <= set(seed["groups"])
    names = {n for a in seed["actors"] for n in (a["name"], *a["aliases"])}
    assert names.isdisjoint(seed["places"]) and names.isdisjoint(seed["groups"])


def test_contributors_and_chanted_names_are_not_actors(seed):
    names = {n for a in seed["actors"] for n in (a["name"], *a["aliases"])}
    assert names.isdisjoint({"Susan Fraser", "Ellen Knickmeyer", "Killer Blinken", "AP"})


def test_kirby_quote_attributed_to_john_kirby(seed):
    [quote] = [q for q in seed["quotes"] if q["text"].startswith("We consider ourselves")]
    assert quote["text"].endswith("continue to advocate for an interim solution,")
    assert (quote["speaker"], quote["speaker_id"], quote["cue"], quote["kind"]) == (
        "John Kirby",
        "john-kirby",
        "said",
        "full",
    )
    assert quote["text"] in seed["paragraphs"][quote["paragraph"]]


def test_quotes_by_speaker(seed):
    said = {q["text"]: q["speaker"] for q in seed["quotes"]}
    assert said["This is all a work in progress,"] == "Antony Blinken"
    no_ceasefire = "Well, there will be no ceasefire, a general ceasefire in Gaza without the release of our hostages,"
    assert said[no_ceasefire] == "Benjamin Netanyahu"
    assert said["Killer Blinken, get out of Turkey!"] == "students"  # a crowd, not an actor
    kinds = {q["text"]: q["kind"] for q in seed["quotes"]}
    assert kinds["Killer Blinken, get out of Turkey!"] == kinds["No to genocide!"] == "chant"
    assert kinds["frank"] == "partial"


def test_every_quote_lies_in_its_paragraph(seed):
    for quote in seed["quotes"]:
        assert quote["text"] in seed["paragraphs"][quote["paragraph"]]


def test_key_numbers(seed):
    values = [k["value"] for k in seed["key_numbers"]]
    assert {"10,000", "1,400", "2.3 million", "more than 200"} <= set(values)
    meaning = {k["value"]: k["context"] for k in seed["key_numbers"]}
    assert meaning["10,000"] == "death toll in Gaza, according to the Hamas-run Ministry of Health"
    assert meaning["1,400"].startswith("people killed")
    assert meaning["2.3 million"] == "population of Gaza"
    assert meaning["more than 200"] == "hostages held by Hamas"
    assert len(values) <= 4
    assert values[0] == "10,000"


def test_summary_and_reading_time(seed):
    assert 1 <= len(seed["summary"]) <= 4
    assert "Netanyahu" in seed["summary"][0]
    assert len(" ".join(seed["summary"]).split()) <= 100


def test_summary_gives_the_ceasefire_rejection(seed):
    summary = " ".join(seed["summary"])
    assert "ruled out any broad ceasefire" in summary and "small pauses" in summary
    assert 1200 < seed["words"] < 1500
    assert seed["reading_minutes"] == 6


SCHEMA = {
    "schema": int,
    "headline": str,
    "dateline": dict,
    "date": (str, type(None)),
    "contributors": list,
    "boilerplate": list,
    "removed": list,
    "repairs": list,
    "paragraphs": list,
    "places": list,
    "groups": list,
    "entities": list,
    "actors": list,
    "quotes": list,
    "summary": list,
    "key_numbers": list,
    "words": int,
    "reading_minutes": int,
}
ENTITY = {"text": str, "label": str, "start": int, "end": int}
ACTOR = {"id": str, "name": str, "type": str, "role": (str, type(None)), "aliases": list, "mentions": int}
QUOTE = {
    "text": str,
    "content": (str, type(None)),
    "speaker": (str, type(None)),
    "speaker_id": (str, type(None)),
    "cue": (str, type(None)),
    "kind": str,
    "confidence": float,
    "paragraph": int,
}
KEY_NUMBER = {"value": str, "context": str}


def check_fields(item: dict, fields: dict) -> None:
    for key, kind in fields.items():
        assert key in item, f"missing field {key!r}"
        assert isinstance(item[key], kind), f"{key!r} is {type(item[key]).__name__}"


def test_annotate_json_schema(seed):
    check_fields(seed, SCHEMA)
    assert seed["schema"] == 1
    assert set(seed["dateline"]) == {"place", "source", "when"}
    for items, fields in [
        (seed["entities"], ENTITY),
        (seed["actors"], ACTOR),
        (seed["quotes"], QUOTE),
        (seed["key_numbers"], KEY_NUMBER),
    ]:
        assert items
        for item in items:
            check_fields(item, fields)
    assert all(isinstance(s, str) for s in seed["summary"] + seed["paragraphs"] + seed["contributors"])
    assert {q["kind"] for q in seed["quotes"]} <= {"full", "partial", "chant", "indirect"}
    assert {a["type"] for a in seed["actors"]} <= {"PERSON", "ORG"}


def test_entity_offsets_are_in_range(seed):
    text = "\n\n".join(seed["paragraphs"])
    for entity in seed["entities"]:
        assert 0 <= entity["start"] < entity["end"] <= len(text)
        assert entity["text"] in text[entity["start"] : entity["end"]]
