"""A saved web page (`seeds/*.html`) -> headline, metadata and body blocks, through trafilatura.

trafilatura finds the article in the page (the best open extractor on the shared extraction
benchmark) and reads its metadata: title -> headline, date, author(s), site name -> source,
canonical URL -> url, licence. Its text has one paragraph, heading or list item a line; each
is a `Block`, which then goes through the same repairs and cleaning as a `.txt` seed (date
lines, bylines, datelines, contributor lines, boilerplate patterns). A block's line is the
line of the HTML file where its first words are, when they are found there.

The page is never run: trafilatura parses it with lxml and keeps text only.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import trafilatura

from builder.errors import IngestError
from builder.ingest import decode
from builder.ingest.parse import Block, Parsed
from builder.models import Repair

MAX_PAGE_BYTES = 10_000_000
"""Saved pages carry scripts and styles: a news page may be several MB, none is 10 MB."""
EXTRACT = {"favor_precision": True, "include_comments": False, "include_tables": True}
"""trafilatura's options: on the tuning half of the extraction set, `favor_precision` keeps
recall and raises precision (F1 0.956 -> 0.960); readers' comments are not the article."""
FIND = 40
"""How many characters of a paragraph are looked for in the HTML to give it a line."""


def read_page(path: Path) -> tuple[Parsed, tuple[Repair, ...]]:
    """Parse one saved page. Raises `IngestError` naming the file when no article is found."""
    data = decode.read_bytes(path, MAX_PAGE_BYTES)
    if not data.strip():
        raise IngestError("file is empty", path)
    try:
        document = trafilatura.bare_extraction(data, with_metadata=True, **EXTRACT)
    except Exception as error:  # noqa: BLE001 - lxml and trafilatura raise many kinds on junk
        raise IngestError(f"not a readable web page: {error}", path) from None
    text = (document.text or "").strip() if document is not None else ""
    if not text:
        raise IngestError("web page with no article text (trafilatura found none)", path)
    source = data.decode("utf-8", errors="replace")
    text, repairs = decode.repair_lines(text)
    blocks = tuple(page_blocks(text.split("\n"), source))
    title = " ".join((document.title or "").split())
    meta = metadata(document)
    if not title:
        if len(blocks) < 2:
            raise IngestError("web page with no title and no article text under it", path)
        title, blocks = blocks[0].text, blocks[1:]
    return Parsed(title, line_of(source, title, 1), blocks, meta), repairs


def page_blocks(lines: list[str], source: str) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        if text := " ".join(line.split()):
            blocks.append(Block(text, line_of(source, text, blocks[-1].line if blocks else 1)))
    return blocks


def metadata(document: Any) -> dict[str, Any]:
    """The page's metadata as front matter keys; what the page does not say is left out."""
    authors = [a.strip() for a in re.split(r";|\s+and\s+", document.author or "") if a.strip()]
    found = {
        "date": document.date,
        "authors": authors,
        "source": document.sitename,
        "url": document.url,
        "licence": document.license,
    }
    return {key: value for key, value in found.items() if value}


def line_of(source: str, text: str, default: int) -> int:
    """The line of `source` where the first words of `text` are; `default` when not found."""
    for probe in (text[:FIND], html.escape(text[:FIND], quote=False)):
        if (at := source.find(probe)) >= 0:
            return source.count("\n", 0, at) + 1
    return default
