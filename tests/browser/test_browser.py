"""The published demo site in a real browser, at 1280 px and 390 px wide.

Each page is opened with every request watched: one that leaves 127.0.0.1 is refused and
fails the test, as does a console error. axe-core checks each page (no serious or critical
violation) and a screenshot of each is saved in test-results/screenshots/. The briefing's
two are also the README's (`screenshots/briefing-wide.png`, `-narrow.png`): each run of these
tests takes them again from the current build.
"""

from __future__ import annotations

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


@dataclass
class Visit:
    """What happened while a page was open."""

    console_errors: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)


@pytest.fixture(params=list(WIDTHS), scope="module")
def width(request) -> str:
    return request.param


@pytest.fixture
def open_page(browser, server, width):
    """`open_page(path)` -> (page, visit) in a fresh browser context of the current width."""
    contexts = []

    def open_(path: str):
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
        page.goto(server + path, wait_until="networkidle")
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


def test_actor(open_page, width):
    page, visit = open_page(ACTOR)
    assert page.locator("h1", has_text="Benjamin Netanyahu").count() == 1
    assert page.locator(".appearances a").count() >= 1
    assert page.locator('a[type="application/atom+xml"]').count() == 1
    check_page(page, visit, "actor", width)


def test_search(open_page, width):
    page, visit = open_page("index.html")
    field = page.locator("input.md-search__input")
    if not field.is_visible():  # narrow: the search field opens from the header's icon
        page.locator('label.md-header__button[for="__search"]').click()
    field.focus()
    field.press_sequentially(SEARCH_TERM, delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    links = [a.get_attribute("href") or "" for a in page.locator(".md-search-result__link").all()]
    assert any("briefings/" in href for href in links), links
    assert any("actors/benjamin-netanyahu" in href for href in links), links
    check_page(page, visit, "search", width)
