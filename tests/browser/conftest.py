"""The demo site (seeds/) built once, served on 127.0.0.1, and a real browser to read it.

The browser is Debian's chromium driven by the `playwright` package; axe-core comes from npm
(`tests/browser/package.json`, installed by `.ci/run` with `npm ci`, which checks its
integrity). In CI (`CI` set) a missing chromium or axe-core fails the tests; on a developer's
machine without /usr/bin/chromium the browser tests are skipped with that reason.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from builder import pipeline
from builder.settings import Settings
from tests.browser.generated import write_seeds

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("BRIEFINGS_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-results" / "screenshots"
GENERATED = 1_000
"""Made-up briefings added to the demo seeds for the page-weight tests."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require(path: Path, what: str) -> None:
    """Fail in CI, skip elsewhere, when a tool of the browser tests is missing."""
    if path.is_file():
        return
    message = f"{what} not found at {path} (.ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def annotations_cache(tmp_path_factory) -> Path:
    """One annotation cache for the demo builds: the demo seeds are read by spaCy once."""
    return tmp_path_factory.mktemp("annotations")


def build_site(seeds: Path, site: Path, cache: Path) -> Path:
    """`seeds` built with the real model and MkDocs, as `make site` builds it."""
    settings = Settings(
        seeds=seeds,
        site=site,
        templates=ROOT / "templates",
        config=ROOT / "mkdocs.yml",
        cache=cache,
        strict=True,
        jobs=1,
    )
    lines: list[str] = []
    pipeline.build(settings, lines.append)
    assert lines == [], lines
    return settings.site


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory, annotations_cache) -> Path:
    """seeds/ built with the real model and MkDocs, as `make site` builds it."""
    return build_site(ROOT / "seeds", tmp_path_factory.mktemp("demo") / "site", annotations_cache)


@pytest.fixture(scope="session")
def big_site(tmp_path_factory, annotations_cache) -> Path:
    """The demo seeds and 1,000 made-up briefings (`generated.py`), built the same way:
    about a minute, most of it spaCy reading the short made-up articles."""
    tmp = tmp_path_factory.mktemp("big")
    seeds = tmp / "seeds"
    write_seeds(seeds, GENERATED)
    for path in (ROOT / "seeds").iterdir():
        shutil.copy(path, seeds / path.name)
    return build_site(seeds, tmp / "site", annotations_cache)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    """`site` over HTTP on 127.0.0.1 (search needs HTTP); yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(demo_site):
    """The demo site over HTTP on 127.0.0.1; yields its base URL."""
    with serving(demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def big_server(big_site):
    """The demo site with 1,000 generated briefings over HTTP on 127.0.0.1."""
    with serving(big_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM, "chromium")
    require(AXE, "axe-core")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
