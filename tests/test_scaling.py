"""Pages do not grow with the site: the largest briefing page is the same size with 1,000 more.

Render-level (hand-built Annotations, no model, no MkDocs): the theme's navigation is fixed
in mkdocs.yml (tests/browser/test_published.py checks it on the built site).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import indexes, render
from builder.models import Actor, Annotation, Article, Quote
from tests.test_render import SEED_BANK, STRIKE

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
MORE = 1_000


def generated(count: int, actors: tuple[Actor, ...], prefix: str = "gen") -> list[Annotation]:
    """`count` briefings in which `actors` appear, each headline and body of the same length."""
    out = []
    for i in range(count):
        names = " and ".join(a.name for a in actors)
        article = Article(
            slug=f"{prefix}-{i:05d}",
            source_path=f"seeds/{prefix}-{i:05d}.txt",
            headline=f"Generated briefing {i:05d}",
            paragraphs=(f"{names} met on day {i:05d}.", "“We agreed,” they said."),
            date=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
        )
        quote = Quote("We agreed,", 1, "full", actors[0].name, actors[0].id, "said", None, 0.9)
        out.append(
            Annotation(article=article, actors=actors, quotes=(quote,), summary=(article.paragraphs[0],), words=9)
        )
    return out


def largest_briefing(annotations: list[Annotation]) -> tuple[str, int]:
    pages = [p for p in render.render(annotations, TEMPLATES) if p.path.startswith("briefings/")]
    page = max(pages, key=lambda p: (len(p.html.encode()), p.path))
    return page.path, len(page.html.encode())


@pytest.fixture(scope="module")
def base() -> list[Annotation]:
    return [STRIKE, SEED_BANK, *generated(3, STRIKE.actors[:1], "base")]


def test_largest_briefing_page_is_the_same_with_1000_unrelated_briefings(base):
    others = (Actor("ines-aguilar", "Ines Aguilar", "PERSON"), Actor("river-council", "River Council", "ORG"))
    before = largest_briefing(base)
    after = largest_briefing(base + generated(MORE, others))
    assert before[0] == "briefings/harbour-strike.md"
    assert after == before


def test_largest_briefing_page_stops_growing_with_briefings_that_share_its_actors(base):
    """Related briefings are capped: 100 or 1,000 more that share every actor give one size."""
    with_100 = largest_briefing(base + generated(100, STRIKE.actors))
    with_1000 = largest_briefing(base + generated(MORE, STRIKE.actors))
    assert with_1000 == with_100


def test_home_pages_hold_at_most_20_briefings(base):
    pages = {p.path: p.html for p in render.render(base + generated(45, STRIKE.actors[:1]), TEMPLATES)}
    assert [p for p in pages if p == "index.md" or p.startswith("page/")] == ["index.md", "page/2.md", "page/3.md"]
    assert pages["index.md"].count('class="briefing-item"') == indexes.PER_PAGE
    assert pages["page/3.md"].count('class="briefing-item"') == 50 - 2 * indexes.PER_PAGE
    assert 'href="../page/2.html" rel="prev"' in pages["page/3.md"]
