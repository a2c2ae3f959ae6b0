"""The demo site's cast: who the entity model makes people, organisations and places of, across
the 25 demo briefings in `seeds/` (read with the real model; annotations cached per test run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import pipeline
from builder.settings import Settings

pytestmark = pytest.mark.model

DEMO = Path(__file__).resolve().parents[1] / "seeds"
NOT_PEOPLE = {"Hajj", "Arafat", "Agnostics", "Iodine", "Homeopathy", "Water", "Zeus", "Twitter", "Tunisia", "don"}
NOT_ORGANISATIONS = {"Islam", "GMT", "Paul Dewar", "Disney\n", "Sweden 1"}
NOT_PLACES = {"Satan", "Wicca", "Windows XP", "IE9", "Ubisoft", "STS-134", "US", "U.S.", "America", "Türkiye"}


@pytest.fixture(scope="module")
def cast(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    settings = Settings(seeds=DEMO, cache=tmp_path_factory.mktemp("cache"), jobs=1)
    annotations, _ = pipeline.read([DEMO], settings, lambda line: None)
    found: dict[str, set[str]] = {"PERSON": set(), "ORG": set(), "places": set()}
    for annotation in annotations:
        for actor in annotation.actors:
            found[actor.type].add(actor.name)
        found["places"].update(annotation.places)
    return found


def test_no_thing_is_a_person(cast):
    assert not cast["PERSON"] & NOT_PEOPLE
    assert not [name for name in cast["PERSON"] if name.startswith("Space Shuttle")]


def test_no_thing_is_an_organisation(cast):
    assert not cast["ORG"] & NOT_ORGANISATIONS
    assert not [name for name in cast["ORG"] if name.startswith(("a ", "the ")) or "(" in name or "\n" in name]


def test_places_are_places_with_one_name_each(cast):
    assert not cast["places"] & NOT_PLACES
    assert {"United States", "Turkey"} <= cast["places"]


def test_an_acronym_and_its_expansion_are_one_organisation(cast):
    assert "Korean Central News Agency" in cast["ORG"]
    assert "KCNA" not in cast["ORG"]


def test_a_person_the_tagger_missed_is_found_by_her_given_name(cast):
    assert "Regina Ip" in cast["PERSON"]


def test_paul_dewar_is_a_person(cast):
    assert "Paul Dewar" in cast["PERSON"]
