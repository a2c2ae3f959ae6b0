"""Actors across briefings (builder/identity.py): hand-made annotations, no model."""

from __future__ import annotations

import pytest

from builder.context import briefing_view, collect_actors
from builder.errors import RenderError
from builder.identity import Alias, actor_id, load_aliases, resolve
from builder.models import Actor, Annotation, Article, Quote


def briefing(slug: str, *actors: Actor, quotes: tuple[Quote, ...] = ()) -> Annotation:
    article = Article(slug=slug, source_path=f"{slug}.txt", headline=slug.title(), paragraphs=("Text.",))
    return Annotation(article=article, actors=actors, quotes=quotes)


def person(name: str, role: str | None = None, *aliases: str) -> Actor:
    return Actor(actor_id(name), name, "PERSON", role, aliases, 2)


def org(name: str) -> Actor:
    return Actor(actor_id(name), name, "ORG", None, (), 1)


def test_same_name_in_two_briefings_is_one_actor():
    who = resolve([briefing("a", person("Ann Lee")), briefing("b", person("Ann Lee"))])
    assert who.site_id("a", "ann-lee") == who.site_id("b", "ann-lee") == "ann-lee"
    assert who.merged == 0


def test_lone_surname_joins_the_one_full_name_with_it():
    who = resolve(
        [briefing("a", person("Joe Biden", "President", "Biden")), briefing("b", person("Biden", "President"))]
    )
    assert who.site_id("b", "biden") == "joe-biden"
    assert who.names["joe-biden"] == "Joe Biden"
    assert (who.merged, who.ambiguous) == (1, ())


def test_a_surname_two_people_share_stays_apart():
    annotations = [
        briefing("a", person("John Smith")),
        briefing("b", person("Jane Smith")),
        briefing("c", person("Smith")),
    ]
    who = resolve(annotations)
    assert {who.site_id("a", "john-smith"), who.site_id("b", "jane-smith"), who.site_id("c", "smith")} == {
        "john-smith",
        "jane-smith",
        "smith",
    }
    assert (who.merged, who.ambiguous) == (0, ("Smith",))


def test_a_shared_surname_with_a_role_joins_the_one_person_with_that_role():
    annotations = [
        briefing("a", person("Tony Blair", "Prime Minister")),
        briefing("b", person("Cherie Blair", "lawyer")),
        briefing("c", person("Blair", "Prime Minister")),
        briefing("d", person("Blair", "chancellor")),
    ]
    who = resolve(annotations)
    assert who.site_id("c", "blair") == "tony-blair"
    assert who.site_id("d", "blair") == "blair"
    assert (who.merged, who.ambiguous) == (1, ("Blair",))


def test_an_organisation_never_joins_a_person():
    who = resolve([briefing("a", person("Ann Ford")), briefing("b", org("Ford")), briefing("c", person("Ford"))])
    assert (who.site_id("b", "ford"), who.site_id("c", "ford")) == ("ford", "ann-ford")
    who = resolve([briefing("a", person("Jordan")), briefing("b", org("Jordan"))])
    assert (who.site_id("a", "jordan"), who.site_id("b", "jordan")) == ("jordan", "jordan-org")


def test_aliases_file_merges_everywhere_and_splits_in_named_briefings():
    aliases = (
        Alias("Joe Biden", ("Joseph R. Biden",)),
        Alias("John Smith (footballer)", ("John Smith",), briefings=("cup-final",)),
    )
    annotations = [
        briefing("a", person("Joseph R. Biden")),
        briefing("b", person("Joe Biden")),
        briefing("cup-final", person("John Smith")),
        briefing("council", person("John Smith")),
    ]
    who = resolve(annotations, aliases)
    assert who.site_id("a", "joseph-r-biden") == who.site_id("b", "joe-biden") == "joe-biden"
    assert who.site_id("cup-final", "john-smith") == "john-smith-footballer"
    assert who.site_id("council", "john-smith") == "john-smith"


def test_briefing_and_actor_pages_use_site_ids():
    quote = Quote("We will go on.", 0, "full", "Biden", "biden", "said", None, 0.9)
    annotations = [
        briefing("a", person("Joe Biden", "President", "Biden"), org("NATO")),
        briefing("b", person("Biden", "President"), quotes=(quote,)),
    ]
    who = resolve(annotations)
    views = [briefing_view(a, [], who) for a in annotations]
    assert [(r.name, r.url, r.quotes) for r in views[1].people] == [("Joe Biden", "actors/joe-biden.html", 1)]
    assert views[1].quotes[0].speaker_url == "actors/joe-biden.html"
    [biden, nato] = collect_actors(views)
    assert (biden.name, len(biden.appearances), len(biden.quotes)) == ("Joe Biden", 2, 1)
    assert [(c.name, c.briefings) for c in biden.seen_with] == [("NATO", 1)]
    assert [c.name for c in nato.seen_with] == ["Joe Biden"]


def test_load_aliases(tmp_path):
    path = tmp_path / "actors.yml"
    path.write_text("- name: Joe Biden\n  aliases: [Joseph Biden]\n- name: Ann\n  briefings: [x]\n", encoding="utf-8")
    assert load_aliases(path) == (Alias("Joe Biden", ("Joseph Biden",)), Alias("Ann", (), ("x",)))
    assert load_aliases(tmp_path / "missing.yml") == ()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- aliases: [A]\n", "1: an entry needs a `name`"),
        ("- name: A\n- name: B\n  alias: [C]\n", "2: unknown key(s) alias; known: aliases, briefings, name"),
        ("- name: A\n  aliases: B\n", "1: `aliases` and `briefings` are lists: [A, B]"),
        ("name: A\n", "1: must be a list of entries, each with a `name` and its `aliases`"),
        ("- name: [A\n", "2: broken YAML: expected ',' or ']', but got '<stream end>'"),
    ],
)
def test_broken_aliases_file_names_file_and_line(tmp_path, content, message):
    path = tmp_path / "actors.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RenderError) as info:
        load_aliases(path)
    assert str(info.value) == f"{path}:{message}"


def test_three_spellings_of_one_slug_get_three_ids():
    annotations = [
        briefing("a", person("Jose Nunez")),
        briefing("b", person("José Núñez")),
        briefing("c", person("José Nuñez")),
    ]
    who = resolve(annotations)
    ids = {who.site_id(a.article.slug, a.actors[0].id) for a in annotations}
    assert len(ids) == 3


def test_a_lone_surname_with_a_clashing_role_stays_apart():
    who = resolve([briefing("a", person("John Smith", "Labour leader")), briefing("b", person("Smith", "councillor"))])
    assert who.site_id("b", "smith") == "smith"


def test_an_alias_entry_matches_names_not_aliases():
    aliases = (Alias("Hunter Biden", ("Biden",), briefings=("c",)),)
    annotations = [briefing("c", person("Joe Biden", "President", "Biden")), briefing("d", person("Biden"))]
    who = resolve(annotations, aliases)
    assert who.site_id("c", "joe-biden") == "joe-biden"
    assert who.site_id("d", "biden") == "joe-biden"


def test_aliases_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "actors.yml"
    path.write_bytes(b"- name: Joe Biden\n- name: Jos\xe9\n")
    with pytest.raises(RenderError) as info:
        load_aliases(path)
    assert str(info.value) == f"{path}:2: not UTF-8 text: save the file as UTF-8"
