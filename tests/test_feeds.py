"""Feeds, JSON-LD, actor links and head tags with untrusted article text (no model, no MkDocs)."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from markupsafe import Markup

from builder import feeds, render
from builder.links import link_mentions
from builder.models import Actor, Annotation, Article, Dateline, Page, Quote
from builder.publish import page_source
from tests.test_render import STRIKE

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
HOSTILE = '</script><script>alert(1)</script> & "quoted" \x07 {{ 7*7 }}'


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    article = Article(
        slug="hostile",
        source_path="hostile.txt",
        headline=HOSTILE,
        paragraphs=(f"{HOSTILE} met Ana Ruiz.",),
        date="2024-05-08",
        authors=(HOSTILE,),
        licence="CC BY 2.5",
        url="https://example.org/original",
    )
    ruiz = Actor("ana-ruiz", "Ana Ruiz", "PERSON")
    evil = Actor("evil", HOSTILE, "ORG")
    quote = Quote(HOSTILE, 0, "full", "Ana Ruiz", "ana-ruiz", "said", None, 0.9)
    hostile = Annotation(article=article, actors=(ruiz, evil), quotes=(quote,), summary=(HOSTILE,))
    return {p.path: p for p in render.render([hostile, STRIKE], TEMPLATES)}


def jsonld(html: str) -> dict:
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(html[start : html.index("</script>", start)])


def test_jsonld_cannot_close_its_script_and_reads_back_the_text(pages):
    html = pages["briefings/hostile.md"].html
    data = jsonld(html)
    assert data["headline"] == HOSTILE
    assert data["author"] == [{"@type": "Person", "name": HOSTILE}]
    assert {m["name"] for m in data["mentions"]} == {"Ana Ruiz", HOSTILE}
    assert data["license"] == "https://creativecommons.org/licenses/by/2.5/"
    raw = html[html.index("ld+json") : html.index("</script>")]
    assert "<" not in raw.removeprefix('ld+json">') and "&" not in raw


def test_feeds_parse_and_keep_the_text(pages):
    paths = [p for p in pages if p.startswith("feeds/")]
    assert len(paths) == 1 + 2 + 3  # every briefing; Ana Ruiz, the hostile name; STRIKE's three
    for path in paths:
        feed = feedparser.parse(pages[path].html.encode())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
    everything = feedparser.parse(pages["feeds/briefings.xml"].html.encode())
    [entry] = [e for e in everything.entries if e.link.endswith("briefings/hostile.html")]
    assert entry.title == HOSTILE.replace("\x07", "")
    assert entry.link == "https://briefings.example.org/briefings/hostile.html"
    assert entry.published.startswith("2024-05-08")
    assert {t.label for t in entry.tags} == {"Ana Ruiz", HOSTILE.replace("\x07", "")}


def test_actor_mentions_link_and_stay_escaped(pages):
    html = pages["briefings/hostile.md"].html
    assert '<a class="mention" href="../actors/ana-ruiz.html">Ana Ruiz</a>' in html
    assert "<script>alert" not in html


def test_link_mentions_leaves_links_and_code_alone():
    paragraph = Markup('<p>Ana Ruiz and <a href="x">Ana Ruiz</a> and <code>Ana Ruiz</code> &amp; Ruiz</p>')
    linked = link_mentions(paragraph, {"Ana Ruiz": "actors/ana-ruiz.html", "Ruiz": "actors/ana-ruiz.html"}, "../")
    assert linked == Markup(
        '<p><a class="mention" href="../actors/ana-ruiz.html">Ana Ruiz</a> and <a href="x">Ana Ruiz</a>'
        " and <code>Ana Ruiz</code> &amp; Ruiz</p>"
    )


def test_head_values_are_escaped_for_the_theme():
    page = Page("x.md", "T", "<p>ok</p>", (("description", '"><script>alert(1)</script>'),))
    assert "description: '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'" in page_source(page)
    social = Page("x.md", 'a" onload="x', "<p>ok</p>", (("headline", 'a" onload="x'),))
    assert "headline: a&quot; onload=&quot;x" in page_source(social)  # safe in content="..."


def test_site_address_comes_from_mkdocs_yml_and_the_environment(tmp_path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text('site_name: Daily\nsite_url: !ENV [BRIEFINGS_SITE_URL, "https://a.example/"]\n')
    assert feeds.site_info(config) == feeds.SiteInfo("Daily", "https://a.example/")
    monkeypatch.setenv("BRIEFINGS_SITE_URL", "https://news.example/briefings")
    assert feeds.site_info(config).url == "https://news.example/briefings/"
    assert (
        feeds.site_info(config).absolute("feeds/briefings.xml") == "https://news.example/briefings/feeds/briefings.xml"
    )


def test_pages_name_their_feeds(pages):
    assert dict(pages["index.md"].meta)["feed"] == "feeds/briefings.xml"
    assert dict(pages["actors/ana-ruiz.md"].meta)["feed"] == "feeds/actors/ana-ruiz.xml"
    assert 'href="../feeds/actors/ana-ruiz.xml"' in pages["actors/ana-ruiz.md"].html


def wire_story(date: str | None) -> Annotation:
    article = Article(
        slug="wire",
        source_path="seeds/wire.txt",
        headline="Talks resume at the harbour",
        paragraphs=("Talks resumed on Monday, Ana Ruiz said.",),
        dateline=Dateline("WASHINGTON", "AP"),
        source="Associated Press",
        date=date,
        contributors=("Sam Okoro",),
    )
    return Annotation(article=article, actors=(Actor("ana-ruiz", "Ana Ruiz", "PERSON", mentions=1),))


def test_an_agency_is_the_source_on_the_page_and_in_jsonld():
    [page] = [p for p in render.render([wire_story(None)], TEMPLATES) if p.path == "briefings/wire.md"]
    data = jsonld(page.html)
    agency = {"@type": "Organization", "name": "Associated Press"}
    assert data["publisher"] == data["sourceOrganization"] == agency
    assert data["author"] == [agency] and data["contributor"] == [{"@type": "Person", "name": "Sam Okoro"}]
    header = page.html[page.html.index("<header") : page.html.index("</header>")]
    assert '<span class="source">Associated Press</span>' in header
    assert '<span class="undated">undated</span>' in header and "<time" not in header


@pytest.mark.parametrize("epoch", [None, "1699228800"])
def test_an_undated_briefing_is_never_dated_1970(monkeypatch, epoch):
    """Feeds take `SOURCE_DATE_EPOCH`, else the newest article's date, and give an undated
    briefing the same date in every feed."""
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    dated = Annotation(
        article=Article(slug="dated", source_path="x.txt", headline="Ferry", paragraphs=("Ana Ruiz sailed.",), date="2024-05-08"),
        actors=(Actor("ana-ruiz", "Ana Ruiz", "PERSON", mentions=1),),
    )
    feeds_out = {p.path: p.html for p in render.render([wire_story(None), dated], TEMPLATES) if p.path.startswith("feeds/")}
    expected = "2024-05-08T00:00:00Z" if epoch is None else "2023-11-06T00:00:00Z"
    for text in feeds_out.values():
        assert "1970" not in text
        parsed = feedparser.parse(text)
        for entry in parsed.entries:
            if entry.link.endswith("wire.html"):
                assert entry.updated == expected
