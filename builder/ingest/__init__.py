"""Stage 1: read `seeds/*.txt`, `seeds/*.md` and saved web pages `seeds/*.html` into `Article`s.

Every seed is loaded first (`load`: `decode -> parse`, or `webpage` for `.html`), so that
the lines repeating across scraped seeds are known (`repeats`); then each goes
`mainblock (through clean.story) -> repair.glued_words -> clean -> repair.split_long ->
repair.headline_case` (`finish` is the only place the order is written): the story is found
in a scraped page before anything else, glued words are mended before cleaning so that
recognisers see whole words, and the headline is cased from the cleaned body. A file that
cannot be read
gives a `Notice` naming it and the problem, and the other files still load; a file that
loads with a problem (not UTF-8, a giant paragraph, a bad slug) loads and gives a notice too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from builder.errors import IngestError
from builder.ingest import clean, decode, parse, recognise, repair, repeats, webpage
from builder.ingest.parse import Block, markdown
from builder.models import Article, Notice, Repair

__all__ = ["ingest", "markdown", "read_article", "seed_files"]

SEED_SUFFIXES = (".txt", ".md", ".html", ".htm")
PAGE_SUFFIXES = (".html", ".htm")


def ingest(
    paths: Iterable[Path], on_article: Callable[[Article], None] = lambda article: None
) -> tuple[list[Article], list[Notice]]:
    """Read every seed among `paths` (files or folders); return articles and notices.
    `on_article` sees each article as soon as it is read (the cache is looked up meanwhile).

    Every seed is parsed first, so that the lines that repeat across scraped seeds (page
    furniture of a source) are known before any is cleaned.
    Raises `IngestError` when the boilerplate pattern file is broken: that stops the build.
    """
    clean.patterns()
    articles: list[Article] = []
    notices: list[Notice] = []
    seen: dict[str, str] = {}
    loaded: list[tuple[Path, Loaded | IngestError]] = []
    for path in seed_files(paths, notices):
        try:
            loaded.append((path, load(path)))
        except IngestError as error:
            loaded.append((path, error))
    repeated = repeated_lines(loaded)
    for path, seed in loaded:
        try:
            if isinstance(seed, IngestError):
                raise seed
            article, problems = finish(path, seed, repeated)
        except IngestError as error:
            notices.append(Notice(str(path), error.message, error.line))
            continue
        notices.extend(problems)
        if article.slug in seen:
            notices.append(Notice(str(path), f"same slug '{article.slug}' as {seen[article.slug]}; skipped"))
            continue
        seen[article.slug] = str(path)
        articles.append(article)
        on_article(article)
    return articles, notices


def repeated_lines(loaded: list[tuple[Path, Loaded | IngestError]]) -> repeats.Repeats:
    """What recurs across the scraped seeds, each read once alone to know its story."""
    seeds = {}
    for path, seed in loaded:
        if isinstance(seed, Loaded) and seed.scraped:
            narrow = path.suffix.lower() == ".txt"
            kept = {id(b) for b in clean.story(seed.parsed, repeats.NO_REPEATS, str(path), narrow).keep}
            seeds[str(path)] = [(b.text, id(b) in kept) for b in seed.parsed.blocks]
    return repeats.repeats(seeds)


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
        if path.suffix.lower() not in SEED_SUFFIXES:
            notices.append(Notice(str(path), "not a .txt, .md or .html seed; skipped"))
        elif path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
            notices.append(Notice(str(path), "a link to a file outside its folder; skipped"))
        else:
            seeds.append(path)
    return seeds


@dataclass(frozen=True, slots=True)
class Loaded:
    """A seed decoded and parsed, before cleaning."""

    parsed: parse.Parsed
    notices: tuple[Notice, ...]
    repairs: tuple[Repair, ...]
    scraped: bool
    """Plain text or a web page, which may be scraped copy (Markdown is written by hand)."""


def load(path: Path) -> Loaded:
    """Decode and parse one seed. Raises `IngestError` naming the file when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix in PAGE_SUFFIXES:
        parsed, repairs = webpage.read_page(path)
        return Loaded(parsed, (), repairs, True)
    decoded = decode.decode(path)
    parsed = parse.parse_md(decoded.text, path) if suffix == ".md" else parse.parse_txt(decoded.text)
    return Loaded(parsed, decoded.notices, decoded.repairs, suffix != ".md")


def read_article(path: Path, repeated: repeats.Repeats = repeats.NO_REPEATS) -> tuple[Article, list[Notice]]:
    """Parse one seed file. Raises `IngestError` naming the file when it cannot be read."""
    return finish(path, load(path), repeated)


def finish(path: Path, seed: Loaded, repeated: repeats.Repeats) -> tuple[Article, list[Notice]]:
    """A parsed seed -> its `Article`: the story found in it, repaired and cleaned."""
    notices, repairs = list(seed.notices), list(seed.repairs)
    parsed = seed.parsed
    is_markdown = path.suffix.lower() == ".md"
    if parsed.wrapped:
        joined = f"{len(parsed.wrapped)} paragraph(s) of hard-wrapped lines"
        repairs.append(Repair("hard-wrapped lines joined", joined, "one line each", parsed.wrapped[0]))
    narrow = path.suffix.lower() == ".txt"  # a web page's story was found by trafilatura
    story = clean.story(parsed, repeated, str(path), narrow) if seed.scraped else None
    blocks, glued = repair.glued_words(parsed.headline, tuple(story.keep) if story else parsed.blocks)
    repairs += glued
    found = clean.clean(blocks, story.removed if story else ())
    body = split_long_paragraphs(found.blocks, path, notices, repairs)
    headline = parsed.headline
    if not is_markdown and (cased := repair.headline_case(headline, " ".join(b.text for b in body))):
        repairs.append(Repair("headline case", headline, cased, parsed.headline_line))
        headline = cased
    if not headline:
        raise IngestError("no headline: the first line (or front matter `title`) is empty", path)
    if not body:
        raise IngestError("no article text after the headline", path)
    meta = parsed.meta
    authors = parse.as_strings(meta.get("authors")) or tuple(found.authors)
    article = Article(
        slug=article_slug(path, meta.get("slug"), notices),
        source_path=str(path),
        headline=headline,
        paragraphs=tuple(b.text for b in body),
        markdown=tuple(b.markdown or escape_markdown(b.text) for b in body) if is_markdown else (),
        dateline=found.dateline,
        date=article_date(meta.get("date"), path, notices) or found.date,
        authors=authors,
        contributors=tuple(c for c in dict.fromkeys(found.contributors) if c not in authors),
        removed=tuple(found.removed),
        repairs=tuple(repairs),
        source=parse.optional_str(meta.get("source")) or recognise.dateline_source(found.dateline),
        url=parse.optional_str(meta.get("url")),
        licence=parse.optional_str(meta.get("licence")),
        tags=parse.as_strings(meta.get("tags")),
        draft=parse.as_bool(meta.get("draft", False), path),
    )
    return article, notices


def split_long_paragraphs(blocks: list[Block], path: Path, notices: list[Notice], repairs: list[Repair]) -> list[Block]:
    """Paragraphs over `repair.MAX_PARAGRAPH` characters split, each with a repair; one notice
    for the seed, at the first of them."""
    body, split = [], []
    for block in blocks:
        pieces = repair.split_long(block)
        if len(pieces) > 1:
            split.append((block, len(pieces)))
            repairs.append(Repair("long paragraph split", "1 paragraph", f"{len(pieces)} paragraphs", block.line))
        body.extend(pieces)
    if split:
        (first, parts), more = split[0], len(split) - 1
        size = f"a paragraph of {len(first.text):,} characters, over {repair.MAX_PARAGRAPH:,}; split in {parts}"
        notices.append(Notice(str(path), size + (f" (and {more} more such paragraph(s))" if more else ""), first.line))
    return body


def article_date(given: object, path: Path, notices: list[Notice]) -> str | None:
    """The date the front matter or a `Date:` line gives, as ISO; a notice when it is no date."""
    day = parse.as_date(given)
    if given is not None and day is None:
        notices.append(Notice(str(path), f"date {str(given)!r} is not a date (write 2023-11-06); left undated"))
    return day


def article_slug(path: Path, wanted: object, notices: list[Notice]) -> str:
    """The front matter `slug`, else the file name, made URL-safe; never a path."""
    if wanted is not None:
        if re.search(r"[/\\]|\.\.|^\.", str(wanted)) or not slugify(str(wanted)):
            notices.append(
                Notice(str(path), f"front matter slug {str(wanted)!r} is not a plain name; using the file name", 2)
            )
        else:
            return slugify(str(wanted))
    slug = slugify(path.stem)
    if not slug:
        raise IngestError("file name gives an empty slug; rename the file", path)
    return slug


def slugify(name: str) -> str:
    """`000_Some Story` -> `000_some-story`: lower case letters, digits, `-` and `_`."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9_-]+", "-", letters.lower())
    return slug.strip("-_.")[:80]


def escape_markdown(text: str) -> str:
    """Plain text made safe to hand to the Markdown renderer as a paragraph."""
    return re.sub(r"([\\`*_{}\[\]<>()#+\-.!|~])", r"\\\1", text)
