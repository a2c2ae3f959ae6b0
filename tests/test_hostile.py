"""Hostile and broken seeds, built in one run through the real pipeline (model and MkDocs).

`tests/hostile/` holds the corpus; each file tries one thing:
- injection in plain text and in Markdown: `<script>`, event-handler attributes,
  `javascript:`/`data:`/`vbscript:` links (plain, mixed case, entity- and tab-encoded,
  reference-style, in titles and image alts), raw HTML blocks, Jinja expressions and
  statements (`{{ 6*7*1001 }}`, `{% for %}`, sandbox escapes), HTML entities that decode to
  markup, `</script>` and `]]>` break-outs aimed at JSON-LD and XML, hostile front matter
  (title, source, url, authors, licence, tags), YAML python tags and alias bombs;
- every broken encoding and structure from the ingest issue: empty, whitespace, binary,
  NUL bytes, Windows-1252, bytes undefined in it, truncated and mixed UTF-8, UTF-16/32 with
  and without BOM, mojibake, control characters, CR and CRLF line ends, broken, listy,
  mistyped and body-less front matter, path slugs, duplicate slugs, other file types,
  file names without letters, unbalanced quote marks;
- tiny and huge: one-character and one-word files, a 4,800-character headline, paragraphs
  and words over the split limit, 600 paragraphs; a file over 2 MB is written by the test.

Every payload carries a marker (`XSS-n`, or 42042 for evaluated Jinja), so the scan of the
output can tell article text from the theme's own markup. Files named `bad-*` (and those in
`NOTICED`) must each get a notice; every other seed must become a briefing page.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder import pipeline
from builder.ingest import slugify
from builder.settings import Settings

pytestmark = [pytest.mark.site, pytest.mark.model]

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "hostile"
NOTICED = {"!!!.txt", "huge.txt"}
"""Seeds that must get a notice besides the `bad-*` ones."""
MARKER = re.compile(r"XSS-\d+|42042")
UNSAFE_URL = re.compile(r"^\s*(?:javascript|data|vbscript):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "content"}
LIVE_TAGS = {"script", "iframe", "object", "embed", "style", "link", "meta", "base", "form", "svg", "math", "frame"}
"""Tags that article text must never create (a Markdown image may make an <img>; its attributes are checked)."""


HTML_IN_XML = {"description", "content:encoded"}
"""Feed elements whose text a reader decodes and shows as HTML (RSS; Atom says `type="html"`)."""


class Scanner(HTMLParser):
    """Collects every live thing an HTML file (or a feed) holds that came from article text."""

    def __init__(self, xml: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.xml = xml
        self.html_text: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs)}>"
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}: {where}")
            if name in URL_ATTRIBUTES and value and UNSAFE_URL.match(re.sub(r"[\t\n\r]", "", value)):
                self.problems.append(f"unsafe URL in {name}: {where}")  # browsers drop tabs and newlines in URLs
        if tag in LIVE_TAGS and MARKER.search(where) and not theme_head_tag(tag, dict(attrs)):
            self.problems.append(f"live <{tag}> from article text: {where}")
        self.stack.append(tag)
        self.html_text.append(tag in HTML_IN_XML or dict(attrs).get("type") in ("html", "xhtml"))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                self.html_text.pop()
            self.html_text.pop()

    def handle_data(self, data: str) -> None:
        if self.xml and self.html_text and self.html_text[-1] and MARKER.search(data):
            self.problems += [f"in feed HTML: {p}" for p in scan_html(data)]
        if self.stack and self.stack[-1] in ("script", "style") and MARKER.search(data):
            script = data.strip()
            if not is_inert_json(script):
                self.problems.append(f"article text inside <{self.stack[-1]}>: {script[:120]!r}")

    def handle_comment(self, data: str) -> None:
        if MARKER.search(data):
            self.problems.append(f"article text inside an HTML comment: {data[:120]!r}")


THEME_META = {"description", "og:title", "og:description", "twitter:title", "twitter:description"}
"""Head tags the theme writes whose values are article text (escaped): social cards, feed titles."""


def theme_head_tag(tag: str, attrs: dict[str, str | None]) -> bool:
    """A `<meta>` or feed `<link>` of the theme's own, which carries article text only as a value.

    Attributes injected into it would still be caught (event handlers, unsafe URLs)."""
    if tag == "meta":
        return (
            set(attrs) <= {"name", "property", "content"} and (attrs.get("name") or attrs.get("property")) in THEME_META
        )
    if tag == "link":
        return attrs.get("rel") == "alternate feed" and set(attrs) <= {"rel", "type", "title", "href"}
    return False


def is_inert_json(text: str) -> bool:
    """A JSON-LD block is inert when it parses as JSON and cannot close its <script>."""
    try:
        json.loads(text)
    except ValueError:
        return False
    return "</" not in text and "<!--" not in text


def scan_html(text: str, xml: bool = False) -> list[str]:
    scanner = Scanner(xml)
    scanner.feed(text)
    scanner.close()
    return scanner.problems


def scan_file(path: Path) -> list[str]:
    """Problems in one output file; HTML and XML are parsed, JSON is parsed and its strings scanned."""
    text = path.read_text(encoding="utf-8", errors="replace")
    problems = [f"evaluated Jinja: {m}" for m in re.findall(r".{0,40}42042.{0,40}", text)]
    if path.suffix in (".html", ".htm"):
        problems += scan_html(text)
    elif path.suffix in (".xml", ".rss", ".atom"):
        problems += scan_html(text, xml=True)
    elif path.suffix == ".json":
        problems += scan_json(json.loads(text))
    return [f"{path.name}: {p}" for p in problems]


def scan_json(value: object) -> list[str]:
    """Strings in JSON (the search index) must not carry markup from articles once decoded."""
    if isinstance(value, dict):
        return [p for v in value.values() for p in scan_json(v)]
    if isinstance(value, list):
        return [p for v in value for p in scan_json(v)]
    if isinstance(value, str) and MARKER.search(value):
        return scan_html(value)
    return []


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """The corpus plus a file over 2 MB, built once; annotations cached in .cache/ between runs."""
    tmp = tmp_path_factory.mktemp("hostile")
    seeds = Path(shutil.copytree(HOSTILE, tmp / "seeds"))
    (seeds / "huge.txt").write_text("Huge\n\n" + "A sentence of filler text. " * 80_000, encoding="utf-8")
    settings = Settings(
        seeds=seeds,
        site=tmp / "site",
        templates=ROOT / "templates",
        config=ROOT / "mkdocs.yml",
        cache=ROOT / ".cache" / "annotations",
    )
    lines: list[str] = []
    result = pipeline.build(settings, lines.append)
    return seeds, settings.site, result, lines


def test_the_corpus_is_large_enough():
    assert len(list(HOSTILE.iterdir())) >= 60


def test_every_bad_file_gets_a_notice_and_every_other_a_page(hostile_build):
    seeds, site, result, lines = hostile_build
    noticed = {Path(n.path).name for n in result.notices}
    bad = {p.name for p in seeds.iterdir() if p.name.startswith("bad-")} | NOTICED
    assert noticed == bad
    assert all(line.startswith(str(seeds)) and "\n" not in line for line in lines)
    assert all("Traceback" not in line for line in lines)
    pages = {p.stem for p in (site / "briefings").glob("*.html")}
    good = {slugify(p.stem) for p in seeds.iterdir() if p.name not in bad}
    assert good <= pages
    assert result.articles == len(pages)


def test_no_page_escapes_the_site_folder(hostile_build):
    seeds, site, _, _ = hostile_build
    assert sorted(p.name for p in site.parent.iterdir()) == [".site.lock", "seeds", "site"]


def test_every_output_file_is_inert(hostile_build):
    """Scan every HTML, XML and JSON file of the site for live markup from the articles."""
    _, site, _, _ = hostile_build
    problems = [p for path in sorted(site.rglob("*")) if path.is_file() for p in scan_file(path)]
    assert problems == []


def test_payloads_are_shown_as_text(hostile_build):
    """Inert is not the same as dropped: the reader sees what the article says."""
    _, site, _, _ = hostile_build
    page = (site / "briefings" / "script-headline.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;XSS-1&#39;)&lt;/script&gt; Council approves harbour budget" in page
    jinja = (site / "briefings" / "jinja-expression.html").read_text(encoding="utf-8")
    assert "{{ 6*7*1001 }}" in html.unescape(jinja)
    pages = [site / "quotes.html", *sorted((site / "quotes").glob("*.html"))]  # quotes are paged
    quotes = "".join(page.read_text(encoding="utf-8") for page in pages)
    assert "&lt;script&gt;alert(&#39;XSS-4&#39;)&lt;/script&gt; we will not back down" in quotes


@pytest.mark.parametrize(
    "payload",
    [
        '<script>alert("XSS-1")</script>',
        "<img src=x onerror=\"alert('XSS-2')\">",
        "<a href=\"javascript:alert('XSS-3')\">x</a>",
        '<a href=" JaVa&#9;ScRiPt:alert(1)">XSS-4</a>',
        '<script type="application/ld+json">{"a": "</script><script>XSS-5"}</script>',
        "<!-- XSS-6 -->",
    ],
)
def test_the_scanner_finds_live_markup(payload):
    assert scan_html(payload), payload


def test_the_scanner_reads_html_in_feeds():
    assert scan_html("<item><description>&lt;img src=x onerror=alert('XSS-7')&gt;</description></item>", xml=True)
    assert not scan_html("<item><title>&lt;img src=x onerror=alert('XSS-7')&gt;</title></item>", xml=True)
    assert not scan_html("<item><description>&amp;lt;script&amp;gt;XSS-7</description></item>", xml=True)
