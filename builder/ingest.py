"""Stage 1: read `seeds/*.txt` and `seeds/*.md` into `Article`s.

A bad file gives a `Notice` naming it and the problem; the other files still load.
The order of the steps for one file is `read_text -> parse_txt | parse_md -> clean_body`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from builder.errors import IngestError
from builder.models import Article, Dateline, Notice

SEED_SUFFIXES = (".txt", ".md")
MAX_BYTES = 2_000_000
"""Seeds larger than this are refused: no news article is 2 MB of text."""
DATA = Path(__file__).parent / "data"
FRONT_MATTER_KEYS = {"title", "date", "source", "url", "authors", "tags", "draft", "licence", "slug"}


def ingest(paths: Iterable[Path]) -> tuple[list[Article], list[Notice]]:
    """Read every seed among `paths` (files or folders); return articles and notices."""
    articles: list[Article] = []
    notices: list[Notice] = []
    seen: dict[str, str] = {}
    for path in seed_files(paths, notices):
        try:
            article = read_article(path)
        except IngestError as error:
            notices.append(Notice(str(path), error.message, error.line))
            continue
        if article.slug in seen:
            notices.append(Notice(str(path), f"same slug '{article.slug}' as {seen[article.slug]}; skipped"))
            continue
        seen[article.slug] = str(path)
        articles.append(article)
    return articles, notices


def seed_files(paths: Iterable[Path], notices: list[Notice]) -> list[Path]:
    """Seed files in name order; folders are expanded, other kinds of file noted and skipped."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")))
        elif path.is_file():
            found.append(path)
        else:
            notices.append(Notice(str(path), "no such file or folder"))
    seeds = []
    for path in found:
        if path.suffix.lower() in SEED_SUFFIXES:
            seeds.append(path)
        else:
            notices.append(Notice(str(path), "not a .txt or .md seed; skipped"))
    return seeds


def read_article(path: Path) -> Article:
    """Parse one seed file. Raises `IngestError` naming the file when it cannot."""
    text = read_text(path)
    slug = slugify(path.stem)
    if not slug:
        raise IngestError("file name gives an empty slug; rename the file", path)
    if path.suffix.lower() == ".md":
        article = parse_md(text, path, slug)
    else:
        article = parse_txt(text, path, slug)
    return clean_body(article)


def read_text(path: Path) -> str:
    """Decode a seed: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise IngestError(f"file is {len(data):,} bytes, over the {MAX_BYTES:,} byte limit", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes), not text", path)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise IngestError("file is empty", path)
    return text


def slugify(name: str) -> str:
    """`000_Some Story` -> `000_some-story`: lower case letters, digits, `-` and `_`."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", unicodedata.normalize("NFKD", name).lower())
    return slug.strip("-_.")[:80]


def blocks(text: str) -> list[str]:
    """Paragraphs separated by blank lines; hard-wrapped lines joined with a space."""
    return [
        " ".join(line.strip() for line in b.splitlines() if line.strip())
        for b in re.split(r"\n\s*\n", text)
        if b.strip()
    ]


def parse_txt(text: str, path: Path, slug: str) -> Article:
    """First non-empty line is the headline; the rest are paragraphs."""
    head, _, body = text.strip().partition("\n")
    paragraphs = tuple(blocks(body))
    return Article(slug=slug, source_path=str(path), headline=head.strip(), paragraphs=paragraphs)


def parse_md(text: str, path: Path, slug: str) -> Article:
    """YAML front matter (see `FRONT_MATTER_KEYS`) and a Markdown body."""
    tokens = markdown().parse(text)
    meta: dict[str, Any] = {}
    if tokens and tokens[0].type == "front_matter":
        meta = load_front_matter(tokens[0].content, path)
        tokens = tokens[1:]
    lines = text.splitlines()
    plain, source = [], []
    for token in tokens:
        if token.level != 0 or token.map is None or token.nesting == -1:
            continue
        chunk = "\n".join(lines[token.map[0] : token.map[1]]).strip()
        words = markdown_text(chunk)
        if words:
            plain.append(words)
            source.append(chunk)
    headline = str(meta.get("title") or "").strip()
    if not headline and plain:
        headline, plain, source = plain[0], plain[1:], source[1:]
    return Article(
        slug=slugify(str(meta["slug"])) if meta.get("slug") else slug,
        source_path=str(path),
        headline=headline,
        paragraphs=tuple(plain),
        markdown=tuple(source),
        date=as_date(meta.get("date")),
        authors=as_strings(meta.get("authors")),
        source=optional_str(meta.get("source")),
        url=optional_str(meta.get("url")),
        licence=optional_str(meta.get("licence")),
        tags=as_strings(meta.get("tags")),
        draft=bool(meta.get("draft", False)),
    )


@cache
def markdown() -> MarkdownIt:
    """The one Markdown parser: CommonMark with raw HTML off, front matter on."""
    return MarkdownIt("commonmark", {"html": False}).use(front_matter_plugin)


def markdown_text(source: str) -> str:
    """The plain text of a Markdown block: what a reader sees, without markup."""
    out: list[str] = []
    for token in markdown().parse(source):
        if token.type == "inline" and out:
            out.append(" ")
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
        if token.type in ("fence", "code_block"):
            out.append(token.content)
    return " ".join("".join(out).split())


def load_front_matter(content: str, path: Path) -> dict[str, Any]:
    try:
        meta = yaml.safe_load(content)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for the opening ---
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise IngestError(f"broken front matter: {problem}", path, line) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise IngestError("front matter must be a mapping of keys to values", path, 2)
    unknown = sorted(set(map(str, meta)) - FRONT_MATTER_KEYS)
    if unknown:
        raise IngestError(f"unknown front matter key(s): {', '.join(unknown)}", path, 2)
    return meta


def optional_str(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def as_strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return tuple(str(v).strip() for v in value if str(v).strip())


def as_date(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return parse_date(value.strip())
    return None


def parse_date(text: str) -> str | None:
    for fmt in ("%Y-%m-%d", "%A, %B %d, %Y", "%B %d, %Y", "%d %B %Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------- body cleaning


@dataclass(frozen=True, slots=True)
class Boilerplate:
    pattern: re.Pattern[str]
    reason: str


@cache
def boilerplate_patterns() -> tuple[Boilerplate, ...]:
    """The patterns of `data/boilerplate.yml`, compiled once."""
    entries = yaml.safe_load((DATA / "boilerplate.yml").read_text(encoding="utf-8"))
    return tuple(Boilerplate(re.compile(e["pattern"], re.IGNORECASE), e["reason"]) for e in entries)


DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Z.'’-]+)*)"  # WASHINGTON, NEW YORK, ST. LOUIS
    r"(?:,\s+(?P<when>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"  # , April 8
    r"\s*(?:\((?P<source>[A-Za-z][\w .&-]{0,30})\))?"  # (AP)
    r"\s*[—–-]{1,2}\s+"
)
WIKINEWS_DATE = re.compile(r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d{1,2}, \d{4}$")
CONTRIBUTORS = re.compile(
    r"(?P<line>(?:The )?(?:Associated Press|AP|Reuters|AFP)?\s*"
    r"(?:writers?|reporters?|correspondents?|journalists?)\s+(?P<names>.+?)\s+contributed(?: reporting)?"
    r"(?: to this (?:report|story))?\.)\s*"
)


def clean_body(article: Article) -> Article:
    """Find dateline, date line, contributors and boilerplate; remove them from the body."""
    sources: list[str | None] = list(article.markdown) or [None] * len(article.paragraphs)
    kept: list[str] = []
    kept_md: list[str | None] = []
    removed: list[str] = list(article.boilerplate)
    contributors: list[str] = list(article.contributors)
    dateline, when = article.dateline, article.date
    for index, (text, md) in enumerate(zip(article.paragraphs, sources, strict=True)):
        if index == 0 and WIKINEWS_DATE.match(text):
            when = when or parse_date(text)
            continue
        if boilerplate_reason(text):
            removed.append(text)
            continue
        if match := CONTRIBUTORS.search(text):
            contributors.extend(contributor_names(match.group("names")))
            text = (text[: match.start()] + text[match.end() :]).strip()
            md = None
            if not text:
                continue
        if not kept and dateline is None and (match := DATELINE.match(text)):
            dateline = Dateline(match.group("place").strip(" ,"), match.group("source"))
            text, md = text[match.end() :], None
        kept.append(text)
        kept_md.append(md)
    # A paragraph changed here (dateline cut off) keeps no Markdown of its own: escape its text.
    markdown_out = tuple(escape_markdown(t) if m is None else m for t, m in zip(kept, kept_md, strict=True))
    return replace(
        article,
        paragraphs=tuple(kept),
        markdown=markdown_out if article.markdown else (),
        dateline=dateline,
        date=when,
        contributors=tuple(dict.fromkeys(contributors)),
        boilerplate=tuple(removed),
    )


def boilerplate_reason(text: str) -> str | None:
    for entry in boilerplate_patterns():
        if entry.pattern.fullmatch(text.strip()):
            return entry.reason
    return None


def contributor_names(names: str) -> list[str]:
    """`X in Ankara, Turkey, and Y in Washington` -> [X, Y]."""
    out: list[str] = []
    for part in re.split(r",?\s+and\s+", names):
        if " in " in part:
            out.append(part.split(" in ")[0].strip(" ,"))
        else:
            out.extend(p.strip() for p in part.split(",") if p.strip())
    return [n for n in out if n]


def escape_markdown(text: str) -> str:
    """Plain text made safe to hand to the Markdown renderer as a paragraph."""
    return re.sub(r"([\\`*_{}\[\]<>()#+\-.!|~])", r"\\\1", text)
