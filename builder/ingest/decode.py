"""Bytes of a seed file -> text: the encoding guessed, line ends unified, safe repairs recorded.

The repairs run line by line, in the order of `LINE_REPAIRS`, and each change is kept as a
`Repair` naming the line, so an editor can see what the builder changed and why.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import ftfy
import ftfy.bad_codecs  # registers "sloppy-windows-1252": cp1252 that keeps its 5 unused bytes

from builder.errors import IngestError
from builder.models import Notice, Repair

MAX_BYTES = 2_000_000
"""Seeds larger than this are refused: no news article is 2 MB of text."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """A seed's text, what was repaired in it and what is wrong with it."""

    text: str
    """The file's text: `\\n` line ends, NFC, repaired; no BOM."""
    repairs: tuple[Repair, ...]
    notices: tuple[Notice, ...]


def decode(path: Path) -> Decoded:
    """Read and decode one seed. Raises `IngestError` for a file that is not usable text."""
    data = read_bytes(path)
    notices: list[Notice] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError("starts with a UTF-16 byte-order mark but is not UTF-16 text", path) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            bad_line = data.count(b"\n", 0, error.start) + 1
            notices.append(Notice(str(path), "not UTF-8; read as Windows-1252 (save the file as UTF-8)", bad_line))
            text = data.decode("sloppy-windows-1252")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError("file is empty", path)
    text, repairs = repair_lines(text)
    return Decoded(text, repairs, tuple(notices))


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes; raises `IngestError` when it is over `limit` (`MAX_BYTES`) or binary."""
    limit = limit or MAX_BYTES
    data = path.read_bytes()
    if len(data) > limit:
        raise IngestError(f"file is {len(data):,} bytes, over the {limit:,} byte limit", path)
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError("binary file (contains NUL bytes), not text", path)
    return data


def repair_lines(text: str, first_line: int = 1) -> tuple[str, tuple[Repair, ...]]:
    """`text` with `LINE_REPAIRS` made line by line, and each change as a `Repair`."""
    lines, repairs = [], []
    for number, line in enumerate(text.split("\n"), start=first_line):
        for kind, repair in LINE_REPAIRS:
            fixed = repair(line)
            if fixed != line:
                repairs.append(Repair(kind, *changed_span(line, fixed), line=number))
                line = fixed
        lines.append(line)
    return "\n".join(lines), tuple(repairs)


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]|\^M$")
"""Control characters, and a printed `^M` at a line end: transmission noise that no writer
typed and no reader can see."""
REFERENCE = re.compile(r"&#(\d{1,3});")
"""A numeric character reference below 160: a control character, or (128-159) the
Windows-1252 punctuation that web copy writes as `&#146;`."""


def control_reference(match: re.Match[str]) -> str:
    number = int(match.group(1))
    if 32 <= number < 127 or number > 159 or number in (9, 10):
        return match.group()  # ordinary text, kept as written
    if number >= 128:
        return bytes([number]).decode("cp1252", errors="ignore")  # &#146; -> ’
    return ""


FTFY = ftfy.TextFixerConfig(
    unescape_html=False,  # an article may be about `&amp;`
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,  # quote marks stay as written
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def remove_controls(line: str) -> str:
    return CONTROL.sub("", REFERENCE.sub(control_reference, line))


def fix_mojibake(line: str) -> str:
    """`Itâ€™s` -> `It’s`: UTF-8 that was once decoded as Windows-1252, undone by ftfy."""
    if line.isascii():
        return line
    return ftfy.fix_text(line, FTFY)


def nfc(line: str) -> str:
    return unicodedata.normalize("NFC", line)


LINE_REPAIRS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("mojibake", fix_mojibake),  # first: mojibake of `”` holds a control character
    ("control characters", remove_controls),
    ("unicode NFC", nfc),
)


def changed_span(before: str, after: str, context: int = 12) -> tuple[str, str]:
    """The part of a line that a repair changed, with a few characters either side."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    lo = max(0, start - context)
    return before[lo : len(before) - end + context], after[lo : len(after) - end + context]
