"""Body blocks -> the article alone: what is not the article is removed and recorded.

Two kinds of text leave the body, each as a `Removed` with its source line:
- parts of the article that the page shows elsewhere: the Wikinews date line, a byline, the
  dateline (`WASHINGTON (AP) —`) and a contributor line, read into their own fields;
- boilerplate, matched by the patterns of `data/boilerplate.yml`: a whole paragraph
  (`where: paragraph`), text inside one (`where: inline`, image credits), or the end of the
  last paragraph (`where: end`, wire sign-offs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

from builder.errors import IngestError
from builder.ingest.parse import Block, parse_date
from builder.models import Dateline, Removed

DATA = Path(__file__).parent.parent / "data"
PATTERNS_FILE = DATA / "boilerplate.yml"

MONTH = r"(?i:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*)\.?"
DATELINE = re.compile(
    r"^\W{0,4}"  # wire noise such as `****`
    r"(?:(?P<place>[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Z.'’-]+)*"  # WASHINGTON, NEW YORK, ST. LOUIS
    r"(?:,(?:\s+[A-Z][a-z.]+){1,3})?"  # , Gaza Strip / , Calif.
    rf"|[A-Za-z][\w.'’-]+(?:[ ,]+[A-Z][\w.'’-]+){{0,3}}(?=,\s+{MONTH}\s+\d))"  # New York, April 8
    rf"(?:,\s+(?P<when>{MONTH}\s+\d{{1,2}})(?:,\s+(?P<year>\d{{4}}))?)?)?"  # , April 8 / , Nov. 6, 2023
    r"\s*(?:\((?P<source>[A-Za-z][\w .&-]{0,30})\)|/(?P<wire>[A-Za-z][\w .&-]{1,30})/)?"  # (AP) / /PRNewswire/
    r"\s*(?P<dash>[—–]|-{1,2})(?P<space>\s*)"
)
"""A wire dateline: `WASHINGTON (AP) —`, `MANILA, April 8 -`, `GAZA CITY, Gaza Strip (AP) —`,
`(CNN) —`, `NEW YORK, Nov. 6, 2023 /PRNewswire/ --`."""
WIKINEWS_DATE = re.compile(
    r"^(?P<date>(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}, \d{4})(?:$|\s+(?=[A-Z]))"
)
NAMES = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*(?:(?:, | and |, and )[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*)*"
BYLINE = re.compile(
    rf"^By\s+(?P<names>{NAMES}?)"
    r"(?:\s*[,|/]\s*(?P<outlet>(?:The )?(?:Associated Press|AP|Reuters|AFP|Bloomberg|BBC News"
    r"|[A-Z][\w ]{0,30} (?:News|Press|Times|Post|Gazette|Herald|Journal|Agency|Wire))))?$"
)
"""`By Mara Lindqvist`, `By A and B, Associated Press`: the names become the authors."""
CONTRIBUTORS = re.compile(
    r"(?P<line>(?:(?:The )?(?:Associated Press|AP|Reuters|AFP)?\s*"
    r"(?:writers?|reporters?|correspondents?|journalists?)\s+(?P<names>.+?)\s+contributed(?: reporting)?"
    r"(?: to this (?:report|story))?"
    r"|Additional reporting by\s+(?P<more>.+?))\.)(?:\s+|$)"
)


@dataclass(frozen=True, slots=True)
class Pattern:
    """One entry of `data/boilerplate.yml`."""

    regex: re.Pattern[str]
    reason: str
    where: Literal["paragraph", "inline", "end"] = "paragraph"
    agency: str | None = None
    """For a sign-off: the agency it names, used as the dateline's source when it has none."""


PATTERN_KEYS = {"pattern", "reason", "where", "ignore_case", "agency"}


@cache
def patterns(path: Path = PATTERNS_FILE) -> tuple[Pattern, ...]:
    """The entries of the pattern file, checked and compiled once.

    Raises `IngestError` naming the file and the entry's line: editors extend this file.
    """
    text = path.read_text(encoding="utf-8")
    try:
        entries, root = yaml.safe_load(text), yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise IngestError(
            f"broken YAML: {getattr(error, 'problem', None) or error}", path, mark and mark.line + 1
        ) from None
    if not isinstance(entries, list) or not isinstance(root, yaml.SequenceNode):
        raise IngestError("must be a list of entries, each with a `pattern` and a `reason`", path, 1)
    return tuple(
        pattern(entry, path, node.start_mark.line + 1) for entry, node in zip(entries, root.value, strict=True)
    )


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
    return Pattern(regex, entry["reason"], where, entry.get("agency"))


@dataclass
class Cleaned:
    """What `clean` found; built up block by block, then read into the `Article`."""

    blocks: list[Block] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    dateline: Dateline | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)


def clean(blocks: tuple[Block, ...], dateline: Dateline | None = None) -> Cleaned:
    """Split `blocks` into the body and what is removed from it, in reading order."""
    out = Cleaned(dateline=dateline)
    for whole in blocks:
        block = front_matter_of_body(whole, out) if not out.blocks else whole
        if block is None:
            continue
        if (reason := paragraph_reason(block.text)) is not None:
            out.removed.append(Removed(block.text, "boilerplate", reason, block.line))
            continue
        block = cut_inline(block, out)
        block = cut_contributors(block, out)
        if block.text:
            out.blocks.append(block)
    cut_sign_off(out)
    return out


def front_matter_of_body(block: Block, out: Cleaned) -> Block | None:
    """Date line, byline and dateline at the top of the body; None when the block is used up."""
    text = block.text
    if not out.removed and (match := WIKINEWS_DATE.match(text)):
        out.date = parse_date(match.group("date"))
        out.removed.append(Removed(match.group("date"), "date line", "date line", block.line))
        if match.end() == len(text):
            return None
        block = replace(block, text=text[match.end() :], markdown=None)
        text = block.text
    if (match := BYLINE.match(text)) and len(text) <= 160:
        out.authors.extend(split_names(match.group("names")))
        out.removed.append(Removed(text, "byline", "byline", block.line))
        return None
    if out.dateline is None and (match := dateline_match(text)):
        place, when, source = (
            match.group("place") or "",
            match.group("when"),
            match.group("source") or match.group("wire"),
        )
        out.dateline = Dateline(place.strip(" ,"), source, when)
        if match.group("year"):
            out.date = out.date or parse_date(f"{when} {match.group('year')}")
        out.removed.append(Removed(text[: match.end()].strip(), "dateline", "dateline", block.line))
        return replace(block, text=text[match.end() :], markdown=None)
    return block


def dateline_match(text: str) -> re.Match[str] | None:
    match = DATELINE.match(text)
    if match is None or match.end() == len(text) or not (match.group("place") or match.group("source")):
        return None
    if not match.group("space") and not (match.group("when") or match.group("source")):
        return None  # `NATO-led forces`: a hyphen, not a dateline
    return match


def paragraph_reason(text: str) -> str | None:
    for pattern in patterns():
        if pattern.where == "paragraph" and pattern.regex.fullmatch(text.strip()):
            return pattern.reason
    return None


def cut_inline(block: Block, out: Cleaned) -> Block:
    for pattern in patterns():
        if pattern.where != "inline":
            continue
        found = list(pattern.regex.finditer(block.text))
        if not found:
            continue
        out.removed.extend(Removed(m.group().strip(), "boilerplate", pattern.reason, block.line) for m in found)
        text = " ".join(pattern.regex.sub(" ", block.text).split())
        block = replace(block, text=text, markdown=None)
    return block


WIRE_CREDITS = re.compile(
    r"(?P<line>\((?P<names>(?:(?:Additional )?[Rr]eporting|Writing|Editing|Compiled) by [^()]{1,300})\))(?:\s+|$)"
)
"""`(Reporting by A and B; Editing by C)`: the credit line that ends a Reuters story."""


def cut_contributors(block: Block, out: Cleaned) -> Block:
    for found in (CONTRIBUTORS.search(block.text), WIRE_CREDITS.search(block.text)):
        if found is None:
            continue
        names = found.group("names") or found.group("more")
        for part in names.split(";"):
            out.contributors.extend(split_names(re.sub(r"^.*?\bby\s+", "", part.strip())))
        out.removed.append(Removed(found.group("line"), "contributors", "contributor line", block.line))
        text = block.text.replace(found.group("line"), " ", 1)
        block = replace(block, text=" ".join(text.split()), markdown=None)
    return block


def cut_sign_off(out: Cleaned) -> None:
    """A sign-off ends the last paragraph (` Reuter`), or is a paragraph of its own."""
    while out.blocks and (found := sign_off(out.blocks[-1].text)):
        pattern, match = found
        last = out.blocks.pop()
        out.removed.append(Removed(match.group().strip(), "boilerplate", pattern.reason, last.line))
        if pattern.agency and out.dateline and not out.dateline.source:
            out.dateline = replace(out.dateline, source=pattern.agency)
        if rest := last.text[: match.start()].strip():
            out.blocks.append(replace(last, text=rest, markdown=None))


def sign_off(text: str) -> tuple[Pattern, re.Match[str]] | None:
    for pattern in patterns():
        if pattern.where == "end":
            for match in pattern.regex.finditer(text):
                if match.end() == len(text):
                    return pattern, match
    return None


def split_names(names: str) -> list[str]:
    """`X in Ankara, Turkey, and Y in Washington` -> [X, Y]; `A, B and C` -> [A, B, C]."""
    out: list[str] = []
    for part in re.split(r",?\s+and\s+", names):
        if " in " in part:
            out.append(part.split(" in ")[0].strip(" ,"))
        else:
            out.extend(p.strip() for p in part.split(",") if p.strip())
    return [n for n in out if n]
