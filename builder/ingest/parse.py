"""Text of a seed -> headline, front matter and body blocks, each block knowing its line.

`.txt`: the first non-empty line is the headline; paragraphs are separated by blank lines,
or (wire copy) start at an indented line; hard-wrapped lines are joined.
`.md`: YAML front matter (`FRONT_MATTER_KEYS`) and a CommonMark body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from builder.errors import IngestError

FRONT_MATTER_KEYS = {"title", "date", "source", "url", "authors", "tags", "draft", "licence", "slug"}
WRAP_WIDTH = 100
"""Lines no longer than this that run on without a blank line may be one hard-wrapped
paragraph; longer lines are paragraphs of their own (copy pasted one paragraph per line)."""
MIN_WRAP = 30
"""Text is wrapped at 30 characters or more (a narrow column): two short lines are two lines."""
WRAP_FILL = 0.6
"""A hard wrap fills each line but the last to at least this share of the longest line;
shorter lines (`By Jane Doe` / `Updated 4:18 PM`) are lines of their own."""


@dataclass(frozen=True, slots=True)
class Block:
    """One body paragraph while ingest works on it."""

    text: str
    """Plain text, whitespace collapsed: what the model reads."""
    line: int
    """Line of the seed file where the paragraph starts."""
    markdown: str | None = None
    """For `.md` seeds, the paragraph's Markdown source; None once the text was changed."""
    lines: tuple[tuple[int, str], ...] = ()
    """For a paragraph joined from hard-wrapped lines: each line and its number."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """A seed split into its parts, before cleaning."""

    headline: str
    headline_line: int
    blocks: tuple[Block, ...]
    """Body paragraphs; for `.md`, a block whose Markdown shows no text (an image) has text ``."""
    meta: dict[str, Any]
    """Front matter (`.md`), checked against `FRONT_MATTER_KEYS`."""
    wrapped: tuple[int, ...] = ()
    """The lines of the paragraphs that were joined from hard-wrapped lines."""


# ---------------------------------------------------------------- .txt


DATE_FIELD = re.compile(r"Date:\s*(?P<date>\S.*?)\s*", re.IGNORECASE)
"""A `.txt` seed's first line may give its date, `Date: 2023-11-06`; the headline follows."""


def parse_txt(text: str) -> Parsed:
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    meta: dict[str, Any] = {}
    if field := DATE_FIELD.fullmatch(lines[first].strip()):
        meta["date"] = field.group("date")  # `ingest` turns it into an ISO date, or says it is none
        first = next((i for i in range(first + 1, len(lines)) if lines[i].strip()), len(lines) - 1)
    blocks, wrapped = text_blocks(lines[first + 1 :], first + 2)
    return Parsed(" ".join(lines[first].split()), first + 1, tuple(blocks), meta, tuple(wrapped))


def text_blocks(lines: list[str], first_line: int) -> tuple[list[Block], list[int]]:
    """Paragraphs of plain text: split at blank lines, bullets and wire indents; wraps joined.

    Also returns the first line of each paragraph that was joined from wrapped lines."""
    blocks: list[Block] = []
    wrapped: list[int] = []
    group: list[tuple[int, str]] = []
    for number, line in enumerate([*lines, ""], start=first_line):
        if line.strip():
            group.append((number, line))
            continue
        wire = is_wire(group)
        for chunk in split_group(group, wire):
            if len(chunk) > 1 and (wire or is_wrapped(chunk)):
                blocks.append(join_lines(chunk))
                wrapped.append(chunk[0][0])
            else:
                blocks.extend(Block(" ".join(line.split()), number) for number, line in chunk)
        group = []
    return blocks, wrapped


def indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def is_wire(group: list[tuple[int, str]]) -> bool:
    """Wire copy: paragraphs start with an indent, wrapped lines are flush left."""
    indents = [indent(line) >= 3 for _, line in group]
    return any(indents) and not all(indents)


BULLET = re.compile(r"\s*(?:[-*•‣◦]|\d{1,2}[.)])\s+\S")


def split_group(group: list[tuple[int, str]], wire: bool) -> list[list[tuple[int, str]]]:
    """Start a new paragraph at each indented line in wire copy, else at each item of a list
    (two lines or more that start with a bullet; one is a wrapped `- dash` or `16.`)."""
    listed = not wire and sum(1 for _, line in group if BULLET.match(line)) >= 2
    chunks: list[list[tuple[int, str]]] = []
    for number, line in group:
        if not chunks or (wire and indent(line) >= 3) or (listed and BULLET.match(line)):
            chunks.append([])
        chunks[-1].append((number, line))
    return chunks


def is_wrapped(chunk: list[tuple[int, str]]) -> bool:
    """Hard-wrapped: lines of `MIN_WRAP` to `WRAP_WIDTH` characters, each but the last filled."""
    widths = [len(line.strip()) for _, line in chunk]
    return MIN_WRAP <= max(widths) <= WRAP_WIDTH and all(w >= WRAP_FILL * max(widths) for w in widths[:-1])


def join_lines(chunk: list[tuple[int, str]]) -> Block:
    parts: list[str] = []
    for _, line in chunk:
        line = " ".join(line.split())
        # `U.S.-` / `Japan`: a hyphen that ends a wrapped line joins without a space.
        parts.append(line if not parts or re.search(r"\w-$", parts[-1]) else " " + line)
    return Block("".join(parts), chunk[0][0], lines=tuple((n, " ".join(line.split())) for n, line in chunk))


# ---------------------------------------------------------------- .md


def parse_md(text: str, path: Path) -> Parsed:
    tokens = markdown().parse(text)
    meta: dict[str, Any] = {}
    if tokens and tokens[0].type == "front_matter":
        meta = load_front_matter(tokens[0].content, path)
        tokens = tokens[1:]
    lines = text.split("\n")  # as markdown-it counts lines: not at U+2028 and friends
    blocks = []
    for token in tokens:
        # Top-level blocks, and each item of a top-level list: a list item is a paragraph.
        top = token.level == 0 and token.type not in ("bullet_list_open", "ordered_list_open")
        if not (top or (token.level == 1 and token.type == "list_item_open")) or token.map is None:
            continue
        chunk = "\n".join(lines[token.map[0] : token.map[1]]).strip()
        if chunk:
            blocks.append(Block(markdown_text(chunk), token.map[0] + 1, chunk))
    headline = " ".join(str(meta.get("title") or "").split())
    headline_line = 2
    if not headline and blocks and blocks[0].text:
        headline, headline_line, blocks = blocks[0].text, blocks[0].line, blocks[1:]
    return Parsed(headline, headline_line, tuple(blocks), meta)


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
    except ValueError as error:  # `date: 2023-02-30`: YAML reads the date and Python refuses it
        raise IngestError(f"broken front matter: {error}", path, value_line(content, str(error))) from None
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


def value_line(content: str, problem: str) -> int | None:
    """The front matter line of a `date:` YAML could read but not turn into a date."""
    for number, line in enumerate(content.split("\n"), start=2):
        if re.match(r"\s*date\s*:", line):
            return number
    return None


def as_bool(value: Any, path: Path) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).strip().lower() in ("true", "yes", "false", "no"):
        return str(value).strip().lower() in ("true", "yes")
    raise IngestError(f"front matter `draft: {value}` must be true or false", path, 2)


def optional_str(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def as_strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return (str(value),)


def as_date(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return parse_date(value.strip())
    return None


def parse_date(text: str) -> str | None:
    """`2023-11-08`, `Wednesday, November 8, 2023`, `Nov. 8 2023`, `8 November 2023` -> ISO."""
    text = re.sub(r"(?<=[A-Za-z])\.|,", "", text)
    text = re.sub(r"\bSept\b", "Sep", text)
    for fmt in ("%Y-%m-%d", "%A %B %d %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None
