"""The demo site (seeds/) built once, served on 127.0.0.1, and a real browser to read it.

The browser is Debian's chromium driven by the `playwright` package; axe-core comes from npm
(`tests/browser/package.json`, installed by `.ci/run` with `npm ci`, which checks its
integrity). In CI (`CI` set) a missing chromium or axe-core fails the tests; on a developer's
machine without /usr/bin/chromium the browser tests are skipped with that reason.
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from builder import pipeline
from builder.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("BRIEFINGS_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-results" / "screenshots"
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
def demo_site(tmp_path_factory) -> Path:
    """seeds/ built with the real model and MkDocs, as `make site` builds it."""
    tmp = tmp_path_factory.mktemp("demo")
    settings = Settings(
        seeds=ROOT / "seeds",
        site=tmp / "site",
        templates=ROOT / "templates",
        config=ROOT / "mkdocs.yml",
        cache=tmp / "cache",
        strict=True,
    )
    lines: list[str] = []
    pipeline.build(settings, lines.append)
    assert lines == [], lines
    return settings.site


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def server(demo_site):
    """The demo site over HTTP on 127.0.0.1 (search needs HTTP); yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(demo_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM, "chromium")
    require(AXE, "axe-core")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
