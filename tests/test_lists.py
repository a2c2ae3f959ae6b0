"""The site's lists and pictures, each alone on hand-built Annotations: related briefings and
companions weighted by rarity, quotes grouped and paged, actors A-Z, tags, and the SVG charts."""

from __future__ import annotations

from pathlib import Path

import feedparser
from markupsafe import Markup

from builder import charts, indexes, render
from builder.context import briefing_view, collect_actors, newest_first
from builder.models import Actor, Annotation, Article, Quote

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
AGENCY = Actor("wire-agency", "Aardvark Wire", "ORG", None, (), 1)
"""In every briefing, and first in the alphabet: it must never decide a link."""


def briefing(n: int, *actors: Actor, quotes: tuple[Quote, ...] = (), date: str = "2025-03-01", tags=()) -> Annotation:
    article = Article(
        slug=f"b{n}", source_path=f"seeds/b{n}.md", headline=f"Briefing {n}", paragraphs=("Text.",) * 3,
        date=date, tags=tags,
    )  # fmt: skip
    return Annotation(article=article, actors=(AGENCY, *actors), quotes=quotes, summary=(f"Summary {n}.",), words=3)


def person(key: str) -> Actor:
    return Actor(key, key.replace("-", " ").title(), "PERSON", "mayor", (), 2)


def views(annotations: list[Annotation]):
    return [briefing_view(a, []) for a in newest_first(annotations)]


def said(actor: Actor, n: int, paragraph: int = 0) -> tuple[Quote, ...]:
    return tuple(Quote(f"Words {i}.", paragraph, "full", actor.name, actor.id, "said", None, 0.9) for i in range(n))


def test_related_briefings_weigh_a_shared_actor_by_its_rarity():
    rare, common = person("zora-quill"), person("ada-common")
    site = [
        briefing(0, rare, common),
        briefing(1, common, date="2025-03-05"),  # shares only the common person, and is newer
        briefing(2, rare, date="2025-02-01"),  # shares the rare one
        *[briefing(10 + i, common) for i in range(6)],
        *[briefing(20 + i) for i in range(4)],  # the agency alone
    ]
    related = indexes.related(views(site))["b0"]
    assert related[0].url == "briefings/b2.html"
    assert related[0].shared == ("Zora Quill", "Aardvark Wire")
    assert all(link.shared[-1] == "Aardvark Wire" for link in related)  # the agency tells least: named last


def test_ties_go_to_the_briefing_whose_shared_actors_speak_most_not_the_alphabet():
    a, b = person("bram-one"), person("cleo-two")
    site = [briefing(0, a, b), briefing(1, a, date="2025-01-01"), briefing(2, b, quotes=said(b, 3), date="2024-01-01")]
    assert [r.url for r in indexes.related(views(site))["b0"]] == ["briefings/b2.html", "briefings/b1.html"]


def test_often_seen_with_puts_rare_companions_before_the_agency():
    star, rare = person("mila-star"), person("yves-rare")
    site = [briefing(0, star, rare), briefing(1, star), briefing(2, star), briefing(3), briefing(4)]
    actors = {a.id: a for a in collect_actors(views(site))}
    assert [c.name for c in actors["mila-star"].seen_with] == ["Yves Rare", "Aardvark Wire"]


def test_quotes_pages_group_full_quotes_by_briefing_newest_first_and_page_them():
    speaker = person("nia-voice")
    partial = Quote("frank", 1, "partial", speaker.name, speaker.id, "said", "talks were “frank”", 0.9)
    site = [
        briefing(i, speaker, quotes=(*said(speaker, 2), partial), date=f"2025-01-{1 + i:02d}")
        for i in range(indexes.QUOTE_BRIEFINGS + 3)
    ]
    pages = indexes.quote_pages(views(site))
    assert [p.number for p, _ in pages] == [1, 2]
    first = pages[0][1]
    assert first[0].headline == f"Briefing {indexes.QUOTE_BRIEFINGS + 2}"
    assert all(len(g.quotes) == 2 and {q.kind for q in g.quotes} == {"full"} for g in first)
    assert pages[0][0].next_url == "quotes/2.html" and pages[1][0].previous_url == "quotes.html"


def test_actors_are_filed_by_letter_with_roles_and_counts():
    site = [briefing(0, person("ines-aguilar"), person("oskar-dunmore")), briefing(1, person("ines-aguilar"))]
    letters = indexes.letters(collect_actors(views(site)))
    assert [(letter.letter, letter.url) for letter in letters] == [
        ("A", "actors/a-z/a.html"),
        ("I", "actors/a-z/i.html"),
        ("O", "actors/a-z/o.html"),
    ]
    html = {p.path: p.html for p in render.render(site, TEMPLATES)}["actors/a-z/i.md"]
    assert "Ines Aguilar" in html and "mayor" in html and "2 briefings" in html


def test_each_tag_has_a_page_and_an_atom_feed():
    site = [briefing(0, tags=("Transport",)), briefing(1, tags=("transport", "Schools")), briefing(2)]
    pages = {p.path: p for p in render.render(site, TEMPLATES)}
    assert "tags/transport.md" in pages and "tags/schools.md" in pages
    assert 'href="../feeds/tags/transport.xml"' in pages["tags/transport.md"].html
    feed = feedparser.parse(pages["feeds/tags/transport.xml"].html)
    assert not feed.bozo and len(feed.entries) == 2
    assert 'href="../tags/schools.html"' in pages["briefings/b1.md"].html


def test_a_bar_chart_states_every_value_in_text_and_escapes_labels():
    svg = charts.bars(
        "c", "Who speaks", "quotes", [charts.Row("<b>Ann</b>", 3), charts.Row("Bo", 1), charts.Row("Cy", 0)]
    )
    assert isinstance(svg, Markup)
    assert "<b>" not in svg and "&lt;b&gt;Ann&lt;/b&gt;" in svg
    assert '<desc id="c-desc">&lt;b&gt;Ann&lt;/b&gt;: 3 quotes; Bo: 1 quote.</desc>' in svg
    assert svg.count('class="chart-bar"') == 2
    assert charts.bars("c", "t", "quotes", []) == ""


def test_mentions_per_month_fill_the_months_between():
    star = person("mila-star")
    site = [briefing(0, star, date="2024-11-03"), briefing(1, star, date="2025-02-10"), briefing(2, star, date=None)]
    [actor] = [a for a in collect_actors(views(site)) if a.id == "mila-star"]
    rows = indexes.mentions_by_month(actor)
    assert [(r.label, r.value) for r in rows] == [
        ("November 2024", 2),
        ("December 2024", 0),
        ("January 2025", 0),
        ("February 2025", 2),
    ]


def test_the_home_picture_counts_quotes_of_the_last_30_days_of_briefings():
    old, new = person("olga-old"), person("nico-new")
    site = [
        briefing(0, new, quotes=said(new, 2), date="2025-03-20"),
        briefing(1, old, quotes=said(old, 5), date="2025-01-01"),
    ]
    period, rows = indexes.most_quoted(views(site))
    assert period == "2025-02-19 to 2025-03-20"
    assert rows == [charts.Row("Nico New", 2)]


def test_mentions_over_more_than_two_years_are_drawn_per_year():
    star = person("mila-star")
    site = [briefing(0, star, date="2008-01-03"), briefing(1, star, date="2010-10-10")]
    [actor] = [a for a in collect_actors(views(site)) if a.id == "mila-star"]
    assert [(r.label, r.value) for r in indexes.mentions_by_month(actor)] == [("2008", 2), ("2009", 0), ("2010", 2)]
