"""The published demo site in a real browser, at 1280 px and 390 px wide.

Each page is opened with every request watched: one that leaves 127.0.0.1 is refused and
fails the test, as does a console error. axe-core checks each page (no serious or critical
violation) and a screenshot of each is saved in test-results/screenshots/. The briefing's
two are also the README's (`screenshots/briefing-wide.png`, `-narrow.png`): each run of these
tests takes them again from the current build.
"""

from __future__ import annotations

import gzip
import re
import shutil
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import ARTIFACTS, AXE, ROOT

README_SCREENSHOTS = ROOT / "screenshots"
"""The screenshots the README shows, replaced by each run of `test_briefing`."""

pytestmark = [pytest.mark.site, pytest.mark.model, pytest.mark.browser]

WIDTHS = {"wide": 1280, "narrow": 390}
BRIEFING = "briefings/000_6848703931b3331e.html"
ACTOR = "actors/benjamin-netanyahu.html"
SEARCH_TERM = "Netanyahu"
BUDGET = 120 * 1024
"""What a page may transfer, gzipped, with everything it loads (HTML, CSS, scripts, fonts, images)."""
GZIP_LEVEL = 6
"""The gzip level the sizes are measured at (Apache's default; a server at a lower level sends a little more)."""
WEIGHED = ("index.html", BRIEFING, ACTOR, "actors/ines-aguilar.html")
"""Pages weighed on both sites; the last is a made-up actor of the 1,000 generated briefings."""


@dataclass
class Visit:
    """What happened while a page was open."""

    console_errors: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)
    responses: list = field(default_factory=list)
    """Every response, in order (playwright `Response`s)."""

    def gzipped(self) -> dict[str, int]:
        """Each file the page loaded, by URL, with its size gzipped as a web server sends it."""
        return {r.url: len(gzip.compress(r.body(), GZIP_LEVEL)) for r in self.responses if r.status == 200}


@pytest.fixture(params=list(WIDTHS), scope="module")
def width(request) -> str:
    return request.param


@pytest.fixture
def open_page(browser, server, width):
    """`open_page(path)` -> (page, visit) in a fresh browser context of the current width;
    `open_page(path, base)` opens it on another site than the demo site."""
    contexts = []

    def open_(path: str, base: str = server):
        context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900}, service_workers="block")
        contexts.append(context)
        visit = Visit()

        def guard(route):
            host = urlsplit(route.request.url).hostname
            if host == "127.0.0.1":
                route.continue_()
            else:
                visit.remote.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: visit.console_errors.append(str(e)))
        page.on("response", lambda r: visit.responses.append(r))
        page.goto(base + path, wait_until="networkidle")
        return page, visit

    yield open_
    for context in contexts:
        context.close()


def check_page(page, visit: Visit, name: str, width: str) -> None:
    """No console error, nothing from other hosts, axe clean; save the screenshot."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=False)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{name} at {width}: axe violations"
    assert visit.remote == [], f"{name} at {width}: requests to other hosts"
    assert visit.console_errors == [], f"{name} at {width}: console errors"


def box(page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not visible"
    return found


def test_home(open_page, width):
    page, visit = open_page("index.html")
    items = page.locator(".briefing-list .briefing-item")
    assert items.count() == 20  # the first page of 25 briefings
    assert page.locator(".briefing-item .briefing-teaser").count() == 20
    assert page.locator(".briefing-item .briefing-actors a").count() >= 20
    assert page.locator('nav.pager a[rel="next"]').get_attribute("href") == "page/2.html"
    check_page(page, visit, "home", width)


def test_briefing(open_page, width):
    page, visit = open_page(BRIEFING)
    main, sidebar = box(page, ".briefing-main"), box(page, ".briefing-sidebar")
    if width == "wide":  # beside the article, on its right
        assert sidebar["x"] >= main["x"] + main["width"] - 1
        assert sidebar["y"] < main["y"] + 200
    else:  # below the article
        assert sidebar["y"] >= main["y"] + main["height"] - 1
        assert abs(sidebar["x"] - main["x"]) < 40
    callout = page.locator(".quote-callout blockquote").first
    assert page.locator(".briefing-quotes .quote-callout").count() >= 1
    border = callout.evaluate("e => getComputedStyle(e).borderLeftWidth")
    assert float(border.removesuffix("px")) >= 3  # styled as a callout
    text = box(page, ".briefing-text")
    for quote in page.locator(".briefing-quotes .quote-callout").all():  # pull quotes: left, full width
        found = quote.bounding_box()
        assert found is not None and abs(found["x"] - text["x"]) < 2 and found["width"] >= text["width"] - 2
        assert quote.evaluate("e => getComputedStyle(e).textAlign") in ("left", "start")
    in_story = page.locator(".in-this-story")
    if width == "narrow":  # the main people under the summary, linked to the sidebar
        assert in_story.is_visible()
        assert box(page, ".in-this-story")["y"] < box(page, ".briefing-numbers")["y"]
        assert in_story.locator('a[href="#who"]').count() == 1 and page.locator("aside#who").count() == 1
        assert in_story.locator("a").count() >= 3
    else:
        assert not in_story.is_visible()
    mentions = page.locator(".briefing-text a.mention")
    assert mentions.count() >= 5
    assert re.fullmatch(r"\.\./actors/[a-z0-9-]+\.html", mentions.first.get_attribute("href") or "")
    assert page.locator(".briefing-header .reading").inner_text().endswith("min read")
    assert page.locator(".related-list a").count() >= 1
    check_page(page, visit, "briefing", width)
    README_SCREENSHOTS.mkdir(exist_ok=True)
    shutil.copyfile(ARTIFACTS / f"briefing-{width}.png", README_SCREENSHOTS / f"briefing-{width}.png")
    if width == "narrow":  # where the article ends and the sidebar begins
        page.locator(".briefing-credits").scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, 120)")
        page.screenshot(path=str(ARTIFACTS / "briefing-narrow-sidebar.png"))


PAGE_KINDS = {
    "actors": "actors/index.html",
    "letter": "actors/a-z/b.html",
    "quotes": "quotes.html",
    "quotes-page-2": "quotes/2.html",
    "places": "places.html",
    "timeline": "timeline.html",
    "month": "timeline/2015-09.html",
    "tags": "tags.html",
    "tag": "tags/religion.html",
    "search-page": "search.html",
}
"""The list pages, each checked like the pages above (home, briefing, actor, search results)."""


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_list_pages(open_page, width, kind):
    page, visit = open_page(PAGE_KINDS[kind])
    assert page.locator("h1").count() == 1
    check_page(page, visit, kind, width)


def test_quotes_are_grouped_by_briefing_and_paged(open_page, width):
    page, _ = open_page("quotes.html")
    groups = page.locator(".quote-group")
    assert 1 <= groups.count() <= 10
    assert groups.first.locator("h2 a").get_attribute("href", timeout=1000).startswith("briefings/")
    assert page.locator('nav.pager a[rel="next"]').get_attribute("href") == "quotes/2.html"
    assert page.locator(".quote-group .reported").count() == 0  # full quotes only


def test_actors_a_z_by_letter_with_roles_and_counts(open_page, width):
    page, _ = open_page("actors/index.html")
    letters = page.locator("nav.letters a")
    assert letters.count() >= 10
    letter, _ = open_page("actors/a-z/b.html")
    netanyahu = letter.locator(".actor-index li", has_text="Benjamin Netanyahu")
    assert "Minister" in netanyahu.locator(".actor-role").inner_text()  # his role, from the article
    assert re.fullmatch(r"\d+ briefings? · \d+ quotes?", netanyahu.locator(".actor-counts").inner_text())


def test_pictures_are_drawn_with_a_text_equivalent(open_page, width, demo_site):
    dated = next(p for p in sorted((demo_site / "actors").glob("*.html")) if 'id="chart-mentions"' in p.read_text())
    actor = f"actors/{dated.name}"  # Netanyahu's one briefing is undated: no picture
    for path, selector in (("index.html", "#chart-quoted"), (BRIEFING, "#chart-speakers"), (actor, "#chart-mentions")):
        page, _ = open_page(path)
        chart = page.locator(f"svg{selector}")
        assert chart.get_attribute("role") == "img"
        desc = page.locator(f"{selector}-desc").text_content() or ""
        assert re.search(r": \d+ (quotes?|mentions?)", desc), desc
        assert chart.bounding_box()["width"] > 200
        assert chart.locator(".chart-bar").count() >= 1
    page, _ = open_page(BRIEFING)
    assert "Benjamin Netanyahu: " in (page.locator("#chart-speakers-desc").text_content() or "")


def test_actor(open_page, width):
    page, visit = open_page(ACTOR)
    assert page.locator("h1", has_text="Benjamin Netanyahu").count() == 1
    assert page.locator(".appearances a").count() >= 1
    assert page.locator('a[type="application/atom+xml"]').count() == 1
    check_page(page, visit, "actor", width)


def test_search_lists_the_person_first_then_briefings(open_page, width):
    """The header's field on any page leads to search.html, the only page that loads the index."""
    page, visit = open_page(BRIEFING)
    assert not [r.url for r in visit.responses if "/pagefind/" in r.url]  # no index on a page
    page.locator("#site-search-query").fill(SEARCH_TERM)
    page.locator("#site-search-query").press("Enter")
    page.locator(".search-result").first.wait_for(timeout=15_000)
    page.wait_for_load_state("networkidle")
    links = [a.get_attribute("href") or "" for a in page.locator(".search-result > a").all()]
    assert links[0].endswith("actors/benjamin-netanyahu.html"), links
    assert any(href.endswith(BRIEFING) for href in links[1:]), links
    assert all(re.search(r"/(actors/[^/]+|briefings/[^/]+)\.html$", href) for href in links), links
    assert page.locator(".search-result__preview").first.inner_text()
    check_page(page, visit, "search", width)


@pytest.mark.parametrize("site", ["demo", "big"])
def test_page_weight_stays_within_budget(open_page, width, site, request):
    """Each page, with everything it loads, transfers at most `BUDGET` gzipped, on the demo
    site and on the demo site with 1,000 more briefings alike."""
    base = request.getfixturevalue("server" if site == "demo" else "big_server")
    for path in WEIGHED[:3] if site == "demo" else WEIGHED:
        page, visit = open_page(path, base)
        sizes = visit.gzipped()
        total = sum(sizes.values())
        largest = sorted(sizes.items(), key=lambda kv: -kv[1])[:4]
        assert total <= BUDGET, f"{path} on the {site} site at {width}: {total / 1024:.1f} KB gzipped; {largest}"
        assert not [url for url in sizes if "/pagefind/" in url or url.endswith((".map", ".json"))], sizes
        page.close()
