"""`serve`: rebuild on change, show a failed build in the browser, keep the last good site."""

from __future__ import annotations

import os
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from builder import serve
from builder.errors import RenderError
from builder.settings import Settings


@pytest.fixture
def preview(tmp_path) -> serve.Preview:
    """A preview whose build copies the template's text into site/index.html, or fails on `BROKEN`."""
    for folder in ("seeds", "templates", "site"):
        (tmp_path / folder).mkdir()
    (tmp_path / "templates" / "home.html").write_text("<p>one</p>", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    settings = Settings(
        seeds=tmp_path / "seeds", templates=tmp_path / "templates", site=tmp_path / "site",
        config=tmp_path / "mkdocs.yml", aliases=tmp_path / "actors.yml",
    )  # fmt: skip

    def build() -> None:
        text = (settings.templates / "home.html").read_text(encoding="utf-8")
        if "BROKEN" in text:
            raise RenderError("syntax error: <boom>", settings.templates / "home.html", 1, text, "close the tag")
        (settings.site / "index.html").write_text(f"<html><body>{text}</body></html>", encoding="utf-8")

    return serve.Preview(settings, build, lambda line: None)


def touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)  # a second later, whatever the clock


def test_builds_first_then_only_on_change(preview):
    assert preview.poll() is True
    assert (preview.settings.site / "index.html").read_text(encoding="utf-8") == "<html><body><p>one</p></body></html>"
    assert preview.poll() is False
    touch(preview.settings.templates / "home.html", "<p>two</p>")
    assert preview.poll() is True
    assert "two" in (preview.settings.site / "index.html").read_text(encoding="utf-8")
    touch(preview.settings.seeds / "new.txt", "Headline\n\nBody.\n")
    assert preview.poll() is True
    touch(preview.settings.config, "site_name: u\n")
    assert preview.poll() is True
    assert preview.version == 4


def test_a_failed_build_is_kept_for_the_browser_and_the_site_stays(preview):
    preview.poll()
    touch(preview.settings.templates / "home.html", "BROKEN {% if %}")
    preview.poll()
    assert preview.error is not None and preview.error.startswith(f"{preview.settings.templates}/home.html:1: syntax")
    assert "one" in (preview.settings.site / "index.html").read_text(encoding="utf-8")
    touch(preview.settings.templates / "home.html", "<p>fixed</p>")
    preview.poll()
    assert preview.error is None


def test_a_bug_in_the_build_does_not_stop_the_preview(preview):
    def crash() -> None:
        raise ZeroDivisionError("bug")

    preview.build = crash
    preview.poll()
    assert preview.error is not None and "ZeroDivisionError: bug" in preview.error


def get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_server_shows_pages_then_the_error(preview):
    preview.poll()
    httpd = serve.server(preview, "127.0.0.1", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    port = httpd.server_address[1]
    try:
        status, page = get(port, "/")
        assert status == 200 and "<p>one</p>" in page and serve.VERSION_PATH in page
        assert serve.RELOAD not in (preview.settings.site / "index.html").read_text(encoding="utf-8")
        assert get(port, serve.VERSION_PATH) == (200, "1")
        touch(preview.settings.templates / "home.html", "BROKEN <script>")
        preview.poll()
        status, page = get(port, "/index.html")
        assert status == 500
        assert "home.html:1: syntax error: &lt;boom&gt;" in page and "hint: close the tag" in page
        assert "BROKEN &lt;script&gt;" in page
        assert get(port, serve.VERSION_PATH) == (200, "2")
    finally:
        httpd.shutdown()
        httpd.server_close()
