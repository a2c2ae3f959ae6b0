"""Body blocks -> the article alone: what is not the article is removed and recorded.

Two kinds of text leave the body, each as a `Removed` with its source line:
- parts of the article that the page shows elsewhere (see `recognise`): a date line or
  timestamp, a byline and the dateline near the top, a contributor line anywhere;
- boilerplate, matched by the patterns of `data/boilerplate.yml`: a whole paragraph
  (`where: paragraph`), text inside one (`where: inline`, image credits), or the end of the
  last paragraph (`where: end`, wire sign-offs).
A cut inside a `.md` paragraph is made in its Markdown too when the cut text is found there
once; otherwise the paragraph falls back to its plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Literal

from builder import datafile
from builder.errors import IngestError
from builder.ingest import captions, mainblock, repeats
from builder.ingest import recognise as parts
from builder.ingest.parse import Block, Parsed, parse_date
from builder.models import Dateline, Removed

PATTERNS_FILE = Path(__file__).parent.parent / "data" / "boilerplate.yml"
LEAD = 3
"""How many body paragraphs from the top may still hold a date line, byline or dateline
(a standfirst or a timestamp may come first)."""
UNJOIN = 8
"""How many paragraphs from the top `unjoin_lead` looks at (furniture may come first)."""
SIGN_OFF_TAIL = 300
"""Sign-offs are looked for in this many characters at the end of the article."""
SIGN_OFFS = 3
OPENING_CAPTIONS = 2
"""At most so many captions may open the body (a picture and its credit)."""


@dataclass(frozen=True, slots=True)
class Pattern:
    """One entry of `data/boilerplate.yml`."""

    regex: re.Pattern[str]
    reason: str
    where: Literal["paragraph", "inline", "end"] = "paragraph"
    agency: str | None = None
    """For a sign-off: the agency it names, used as the dateline's source when it has none."""
    heads_list: bool = False
    """The paragraph heads a list (`Related stories`): the short lines after it go with it."""


PATTERN_KEYS = {"pattern", "reason", "where", "ignore_case", "agency", "heads_list"}
LIST_ITEM = 100
"""A paragraph under a list head that is this short and ends without a full stop is an item."""


@cache
def patterns(path: Path = PATTERNS_FILE) -> tuple[Pattern, ...]:
    """The entries of the pattern file, checked and compiled once.

    Raises `IngestError` naming the file and the entry's line: editors extend this file.
    """
    found = datafile.entries(path, IngestError, "each with a `pattern` and a `reason`")
    return tuple(pattern(entry, path, line) for entry, line in found)


def pattern(entry: object, path: Path, line: int) -> Pattern:
    if (
        not isinstance(entry, dict)
        or not isinstance(entry.get("pattern"), str)
        or not isinstance(entry.get("reason"), str)
    ):
        raise IngestError("an entry needs a `pattern` and a `reason`, both text", path, line)
    if unknown := sorted(set(entry) - PATTERN_KEYS):
        raise IngestError(f"unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(PATTERN_KEYS))}", path, line)
    where = entry.get("where", "paragraph")
    if where not in ("paragraph", "inline", "end"):
        raise IngestError(f"`where: {where}` must be paragraph, inline or end", path, line)
    try:
        regex = re.compile(entry["pattern"], re.IGNORECASE if entry.get("ignore_case", True) else 0)
    except re.error as error:
        raise IngestError(f"bad pattern {entry['pattern']!r}: {error.msg}", path, line) from None
    if regex.fullmatch(""):
        raise IngestError(f"pattern {entry['pattern']!r} matches empty text", path, line)
    return Pattern(regex, entry["reason"], where, entry.get("agency"), bool(entry.get("heads_list", False)))


@dataclass
class Cleaned:
    """What `clean` found. A working record that `read_article` turns into the `Article`;
    it never leaves ingest."""

    blocks: list[Block] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    dateline: Dateline | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    byline_at: int | None = None
    """How many body paragraphs were kept when the byline was found."""
    list_head: Pattern | None = None
    """The pattern of the list head just removed (`Related stories`), while its items follow."""


def story(parsed: Parsed, repeated: repeats.Repeats, seed: str, narrow: bool = True) -> mainblock.Reading:
    """The main block of the scraped page `seed` (see `mainblock`), told what furniture and
    what parts of an article look like."""
    blocks = tuple(unjoin_lead(parsed.blocks))
    return mainblock.main_block(
        blocks, parsed.headline, lambda text: repeated.furniture(text, seed), furniture, is_part, narrow
    )


def furniture(text: str) -> str | None:
    """The reason of the boilerplate pattern that matches the whole of `text`, else None."""
    entry = paragraph_pattern(text)
    return entry.reason if entry else None


def is_part(text: str) -> mainblock.Part:
    """A part of the article that `clean` reads: a byline or a timestamp, which open it
    (`lead`, `is_timestamp`), or a contributor line or a sign-off, which close it
    (`cut_contributors`, `cut_sign_off`)."""
    if parts.BYLINE.fullmatch(text) or (len(text) <= 80 and parts.TIMESTAMP.fullmatch(text)):
        return "lead"
    if any(match.group().strip() == text for match, _ in parts.contributor_lines(text)):
        return "tail"
    if (found := sign_off(text)) and found[1].group().strip() == text:
        return "tail"
    return None


def clean(blocks: tuple[Block, ...], removed: Iterable[Removed] = ()) -> Cleaned:
    """Split `blocks` into the body and what is removed from it, in reading order; `removed`
    is what was already taken out of the page around them."""
    out = Cleaned()
    body = unjoin_lead(blocks)
    for index, whole in enumerate(body):
        if not whole.text:  # a Markdown image or markup with no text: kept in the record
            out.removed.append(Removed(whole.markdown or "", "boilerplate", "no text (image or markup)", whole.line))
            continue
        if is_timestamp(whole, out):
            continue
        block = lead(whole, out) if len(out.blocks) < LEAD else whole
        if block is None:
            continue
        if (entry := paragraph_pattern(block.text)) is not None:
            out.removed.append(Removed(block.markdown or block.text, "boilerplate", entry.reason, block.line))
            out.list_head = entry if entry.heads_list and len(block.text) <= 40 else None
            continue
        if is_list_item(block, out):
            continue
        if is_opening_caption(block, out, body[index + 1 :]):
            out.removed.append(Removed(block.markdown or block.text, "caption", "caption before the story", block.line))
            continue
        block = cut_contributors(cut_glued_caption(cut_inline(block, out), out), out)
        if block.text:
            out.blocks.append(block)
    cut_sign_off(out)
    if before := list(removed):
        out.removed = sorted(before + out.removed, key=lambda r: r.line or 0)
    return out


def unjoin_lead(blocks: tuple[Block, ...]) -> list[Block]:
    """Near the top, lines joined as a hard wrap that hold a byline or a timestamp were
    separate lines (`By Ann Lee` / `Updated 4:18 PM EST, November 8, 2023`): part them."""
    out: list[Block] = []
    for index, block in enumerate(blocks):
        lines = block.lines if index < UNJOIN else ()
        if any(parts.BYLINE.fullmatch(text) or parts.TIMESTAMP.fullmatch(text) for _, text in lines):
            out.extend(Block(text, number) for number, text in lines)
        else:
            out.append(block)
    return out


def is_list_item(block: Block, out: Cleaned) -> bool:
    """A short line under a list head (`Related stories` / `Teens pack council meeting`),
    when it is nothing else; any other paragraph ends the list."""
    if out.list_head is None or len(block.text) > LIST_ITEM or block.text.endswith((".", "!", "?")):
        out.list_head = None
        return False
    out.removed.append(Removed(block.markdown or block.text, "boilerplate", out.list_head.reason, block.line))
    return True


def lead(block: Block, out: Cleaned) -> Block | None:
    """Date line, byline and dateline near the top of the body; None when the block is used up."""
    if out.date is None and not out.blocks and (match := parts.WIKINEWS_DATE.match(block.text)):
        out.date = parse_date(match.group("date"))
        out.removed.append(Removed(match.group("date"), "date line", "date line", block.line))
        if match.end() == len(block.text):
            return None
        block = without(block, 0, match.end())
    heading = (block.markdown or "").startswith("#")
    if not out.authors and not heading and len(block.text) <= 160 and (match := parts.BYLINE.fullmatch(block.text)):
        byline(match, block, out)
        return None
    if out.byline_at == len(out.blocks) and is_outlet_line(block.text):
        out.removed.append(Removed(block.text, "byline", "byline", block.line))  # `BBC News, Cardiff`
        out.byline_at = None
        return None
    if out.dateline is None and not out.authors and not heading and (found := parts.byline_before_dateline(block.text)):
        match, rest = found
        byline(match, block, out)
        block = without(block, 0, len(block.text) - len(rest))
    if out.dateline is None and (match := parts.dateline_match(block.text)):
        when, year = match.group("when"), match.group("year")
        out.dateline = Dateline(parts.dateline_place(match), match.group("source") or match.group("wire"), when)
        out.date = out.date or (parse_date(f"{when} {year}") if year else None)
        out.removed.append(Removed(block.text[: match.end()].strip(), "dateline", "dateline", block.line))
        block = without(block, 0, match.end())
    return block


def byline(match: re.Match[str], block: Block, out: Cleaned) -> None:
    out.authors.extend(parts.split_names(match.group("names")))
    out.removed.append(Removed(match.string, "byline", "byline", block.line))
    out.byline_at = len(out.blocks)


def is_outlet_line(text: str) -> bool:
    return len(text) <= 50 and not text.endswith((".", "!", "?", ":")) and bool(parts.OUTLET_LINE.fullmatch(text))


def is_timestamp(block: Block, out: Cleaned) -> bool:
    """A paragraph that is only a date and time; the first one found gives the date."""
    if len(block.text) > 80 or not (match := parts.TIMESTAMP.fullmatch(block.text)):
        return False
    out.date = out.date or parts.timestamp_date(match)
    reason = "date line" if parts.WIKINEWS_DATE.fullmatch(block.text) else "timestamp"
    out.removed.append(Removed(block.text, "date line", reason, block.line))
    return True


def paragraph_pattern(text: str) -> Pattern | None:
    for entry in patterns():
        if entry.where == "paragraph" and entry.regex.fullmatch(text.strip()):
            return entry
    return None


def cut_inline(block: Block, out: Cleaned) -> Block:
    for entry in patterns():
        if entry.where == "inline":
            found = [m for m in entry.regex.finditer(block.text) if m.group().strip()]
            out.removed.extend(Removed(m.group().strip(), "boilerplate", entry.reason, block.line) for m in found)
            block = cut_all(block, found)
    return block


def is_opening_caption(block: Block, out: Cleaned, rest: list[Block]) -> bool:
    """One of the first `OPENING_CAPTIONS` blocks, before any of the story and over a
    sentence of it, that is a caption."""
    if out.blocks or (block.markdown or "").startswith("#"):
        return False
    if sum(r.kind == "caption" for r in out.removed) >= OPENING_CAPTIONS or not captions.opening(block.text):
        return False
    return any(captions.is_sentence(b.text) for b in rest)


def cut_glued_caption(block: Block, out: Cleaned) -> Block:
    """`Ann Chiang of DAB In the Kowloon West ...`: the caption run into the paragraph."""
    if (start := captions.glued(block.text)) is None:
        return block
    out.removed.append(Removed(block.text[:start].strip(), "caption", "caption or heading glued to a paragraph", block.line))
    return without(block, 0, start)


def cut_contributors(block: Block, out: Cleaned) -> Block:
    found = parts.contributor_lines(block.text)
    for match, names in found:
        out.contributors.extend(names)
        out.removed.append(Removed(match.group().strip(), "contributors", "contributor line", block.line))
    return cut_all(block, [match for match, _ in found])


def cut_all(block: Block, matches: list[re.Match[str]]) -> Block:
    for match in sorted(matches, key=lambda m: m.start(), reverse=True):
        block = without(block, *match.span())
    return block


def cut_sign_off(out: Cleaned) -> None:
    """A sign-off ends the last paragraph (` Reuter`), or is a paragraph of its own; a desk
    code may follow one (`REUTER kw-bur/dv`), so up to `SIGN_OFFS` are cut."""
    for _ in range(SIGN_OFFS):
        if not out.blocks or not (found := sign_off(out.blocks[-1].text)):
            return
        entry, match = found
        last = out.blocks.pop()
        out.removed.append(Removed(match.group().strip(), "boilerplate", entry.reason, last.line))
        if entry.agency and out.dateline and not out.dateline.source:
            out.dateline = replace(out.dateline, source=entry.agency)
        if (rest := without(last, match.start(), match.end())).text:
            out.blocks.append(rest)


def sign_off(text: str) -> tuple[Pattern, re.Match[str]] | None:
    tail = max(0, len(text) - SIGN_OFF_TAIL)
    for entry in patterns():
        if entry.where == "end":
            for match in entry.regex.finditer(text, tail):
                if match.end() == len(text) and match.group().strip():
                    return entry, match
    return None


def without(block: Block, start: int, end: int) -> Block:
    """`block` with `text[start:end]` cut out, in its Markdown too when that is certain."""
    cut = block.text[start:end].strip()
    text = " ".join(f"{block.text[:start]} {block.text[end:]}".split())
    markdown = block.markdown
    if markdown is not None and cut and markdown.count(cut) == 1:
        at = markdown.index(cut)
        markdown = f"{markdown[:at].rstrip()} {markdown[at + len(cut) :].lstrip()}".strip()
    elif cut:
        markdown = None
    return replace(block, text=text, markdown=markdown)
