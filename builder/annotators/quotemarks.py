"""Quote marks -> quoted spans, for every house style: a small state machine over the marks.

1. `marks()`: each quote mark of a paragraph, with its family (double: `“ ” " '' ``; single:
   `‘ ’ '`) and whether it may open or close, read from the characters around it the way a
   reader does (an opening mark leans on the word after it, a closing mark on the word before
   it; `we’re` holds an apostrophe, not a mark).
2. `pair()`: the marks left to right with a stack. A closing mark closes the innermost open
   mark of its family; an opening mark of the open family after a full stop continues the quote
   (BBC style, `"A. "B."`); anywhere else it opens a quote inside the quote, which stands on its
   own if the outer mark is never closed (that mark was stray).
3. `spans()`: the outermost spans of the article's main family (double, unless the article
   quotes with single marks more often, as British copy does). A quote left open at the end of its
   paragraph runs to that end only when the next paragraph reopens it (a quote over several
   paragraphs), or when it opens its paragraph or follows a colon; any other unclosed mark is
   stray and quotes nothing.
4. `continues()`: whether a span goes on with the one before it: the next paragraph of a quote
   over several paragraphs, or the second half of a quote split around its cue
   (`“A,” X said. “B.”`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, Protocol

Family = Literal["double", "single"]

MARKS = re.compile(r"''|``|[\"“”„‘’'‚]")
"""Every quote mark; two apostrophes (or two backticks) are one double mark, as wires print."""
FAMILY: dict[str, Family] = {
    "''": "double",
    "``": "double",
    '"': "double",
    "“": "double",
    "”": "double",
    "„": "double",
    "‘": "single",
    "’": "single",
    "'": "single",
    "‚": "single",
}
OPENERS = frozenset("“„‘‚`")
"""Marks that open unless the characters around them say otherwise (`unusual,“ said`)."""
CLOSERS = frozenset("”’")
"""Marks that close unless the characters around them say otherwise (`”Sorry Sarah`)."""
TERMINAL = frozenset(".?!…:;")
"""A new opening mark after one of these continues the open quote (`"A. "B."`)."""
SENTENCE_END = frozenset(".,!?;…")
"""A mark glued to the next word after one of these closes (`paranoia,”Clinton said`), or,
when straight and nothing is open, opens."""
CUE_WORDS = 10
"""The most words a cue between two halves of one quote may have (`“A,” the city’s mayor said. “B.”`)."""


@dataclass(frozen=True, slots=True)
class Mark:
    """One quote mark in a paragraph."""

    at: int
    width: int
    family: Family
    opens: bool
    closes: bool
    weak: bool = False
    """A closing single mark after `s` (`the workers’ union`): maybe a possessive."""


@dataclass(frozen=True, slots=True)
class Quoted:
    """The words between a pair of marks in one paragraph."""

    start: int
    """Offset of the opening mark."""
    end: int
    """Offset after the closing mark (the paragraph's end when the quote runs on)."""
    words: str
    """The words inside, with the marks that continue the quote (`"A. "B."`) left out."""
    family: Family
    closed: bool
    inner: tuple[Quoted, ...] = ()
    """Quotes of the same family closed inside this one (see `Open.inner`)."""


def is_space(ch: str) -> bool:
    return not ch or ch.isspace()


def is_punct(ch: str) -> bool:
    return bool(ch) and unicodedata.category(ch)[0] in "PS"


def flanks(before: str, after: str) -> tuple[bool, bool]:
    """(leans right, leans left): whether a mark between these characters can open, can close."""
    left = not is_space(after) and (not is_punct(after) or is_space(before) or is_punct(before))
    right = not is_space(before) and (not is_punct(before) or is_space(after) or is_punct(after))
    return left, right


def marks(paragraph: str) -> list[Mark]:
    """Step 1: the marks of a paragraph that may open or close a quote."""
    out = []
    for match in MARKS.finditer(paragraph):
        text, at = match.group(), match.start()
        before = paragraph[at - 1] if at else ""
        after = paragraph[match.end()] if match.end() < len(paragraph) else ""
        left, right = flanks(before, after)
        opens, closes = orient(text, before, after, left, right)
        if opens or closes:
            weak = FAMILY[text] == "single" and closes and before.lower() == "s"
            out.append(Mark(at, len(text), FAMILY[text], opens, closes, weak))
    return demote_weak(out)


def orient(text: str, before: str, after: str, left: bool, right: bool) -> tuple[bool, bool]:
    """Whether one mark may open and may close, from its kind and the characters around it."""
    family = FAMILY[text]
    if family == "single" and before.isalnum() and after.isalnum():
        return False, False  # `we’re`, `don't`: an apostrophe
    if text in OPENERS or text == "``":
        return (True, False) if left or not right else (False, True)
    if left and not right and before in SENTENCE_END:
        return family == "double", True  # `paranoia,”Clinton said`: a space left out after the mark
    if text in CLOSERS:
        if left and not right:
            return after.isupper(), False  # `”Sorry` opens; `’90s`, `’em` are elisions
        return False, right
    if family == "single" and left and not right:
        return after.isalpha(), False  # `'90s` is an elision
    if family == "double" and is_space(before) and is_space(after):
        return True, True  # `months, " he said`: a loose mark, read by what is open
    return left, right


def demote_weak(found: list[Mark]) -> list[Mark]:
    """A possessive-looking closing mark closes only when no other closing mark of its family
    follows before the family's next opening mark (`‘the workers’ union is right’`)."""
    out = []
    for index, mark in enumerate(found):
        if mark.weak:
            later = [m for m in found[index + 1 :] if m.family == mark.family]
            upto = next((i for i, m in enumerate(later) if m.opens and not m.closes), len(later))
            if any(m.closes and not m.weak for m in later[:upto]):
                if not mark.opens:
                    continue
                mark = Mark(mark.at, mark.width, mark.family, True, False)
        out.append(mark)
    return out


@dataclass(slots=True)
class Open:
    mark: Mark
    skips: list[Mark] = field(default_factory=list)
    """Continuation marks inside the quote (`"A. "B."`), left out of its words."""
    inner: list[Quoted] = field(default_factory=list)
    """Quotes of its own family closed inside it: a quote in a quote (`“He calls it “hell” here”`),
    or, when it is never closed, the quotes that follow a stray mark."""


def pair(paragraph: str, found: list[Mark]) -> list[Quoted]:
    """Step 2: the outermost quoted spans of each family in a paragraph, in reading order."""
    out: list[Quoted] = []
    stack: list[Open] = []
    for mark in found:
        same = [i for i, o in enumerate(stack) if o.mark.family == mark.family]
        if mark.closes and same and (not mark.opens or stack[-1].mark.family == mark.family):
            index = same[-1]
            span = quoted(paragraph, stack[index], mark.at + mark.width, closed=True)
            if index == 0:
                out.append(span)
            else:  # a quote inside a quote: it stands only if the outer mark turns out stray
                stack[same[0] if index != same[0] else 0].inner.append(span)
            del stack[index:]
        elif mark.opens and same and last_visible(paragraph, mark.at) in TERMINAL:
            stack[same[-1]].skips.append(mark)
            del stack[same[-1] + 1 :]
        elif mark.opens:
            stack.append(Open(mark))
    outermost = {o.mark.family: o for o in reversed(stack)}
    out += [quoted(paragraph, o, len(paragraph), closed=False) for o in outermost.values()]
    return sorted(out, key=lambda q: q.start)


def last_visible(text: str, at: int) -> str:
    """The last character before `at` that is neither a space nor a quote mark (`that's
    interesting.' "My` -> `.`)."""
    stripped = text[:at].rstrip().rstrip("".join(FAMILY)).rstrip()
    return stripped[-1:] if stripped else ""


def quoted(paragraph: str, open_: Open, end: int, *, closed: bool) -> Quoted:
    start = open_.mark.at
    inner_end = end - (closing_width(paragraph, end) if closed else 0)
    pieces, cursor = [], start + open_.mark.width
    for skip in open_.skips:
        pieces.append(paragraph[cursor : skip.at])
        cursor = skip.at + skip.width
    pieces.append(paragraph[cursor:inner_end])
    words = " ".join(" ".join(p.split()) for p in pieces if p.strip())
    return Quoted(start, end, words, open_.mark.family, closed, tuple(open_.inner))


def closing_width(paragraph: str, end: int) -> int:
    return 2 if paragraph[max(0, end - 2) : end] in ("''", "``") else 1


def main_family(paragraphs: tuple[str, ...] | list[str]) -> Family:
    """Double marks quote, unless the text quotes with single marks more often (British copy,
    where double marks are kept for a quote inside a quote)."""
    standing = [s for p in paragraphs for q in pair(p, marks(p)) for s in ((q,) if q.closed else q.inner)]
    families = Counter(s.family for s in standing)
    return "single" if families["single"] > families["double"] else "double"


def spans(paragraphs: tuple[str, ...] | list[str]) -> list[list[Quoted]]:
    """Step 3: each paragraph's quotes in the article's main family; stray marks quote nothing."""
    family = main_family(paragraphs)
    out = []
    for index, paragraph in enumerate(paragraphs):
        kept = []
        for q in pair(paragraph, marks(paragraph)):
            if q.closed or runs_on(paragraph, q, paragraphs[index + 1 : index + 2]):
                kept += [q] if q.family == family else []
            else:  # the opening mark was stray: the quotes after it stand
                kept += [i for i in q.inner if i.family == family]
        out.append(kept)
    return out


def runs_on(paragraph: str, q: Quoted, following: tuple[str, ...] | list[str]) -> bool:
    """An unclosed quote runs to its paragraph's end when the next paragraph reopens it, or when
    it opens its paragraph or follows a colon (`He said: "We will`) and no quote closes inside it."""
    if any(reopens(p) for p in following):
        return True
    return not q.inner and last_visible(paragraph, q.start) in ("", ":")


def reopens(paragraph: str) -> bool:
    """The paragraph starts with an opening mark."""
    indent = len(paragraph) - len(paragraph.lstrip())
    return any(m.opens and m.at == indent for m in marks(paragraph))


class Placed(Protocol):
    """A quote's place in the article text (`cues.Found`)."""

    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def continues(text: str, before: Placed, after: Placed) -> bool:
    """Step 4: whether the quote `after` goes on with `before` (offsets into the article text):
    the next paragraph of a quote left open, or the second
    half of a quote split around its cue: `“A,” X said. “B.”` (not `“A,” X said. “B,” Y said.`)."""
    between = text[before.end : after.start]
    if "\n" in between:
        return not between.strip() and text[before.end - 1 : before.end] not in FAMILY  # left open
    if text[after.end : after.end + 3].strip(" ,")[:1].isalpha():
        return False  # `“B,” Y said`: the second quote has a cue of its own
    if not between.strip():
        return True  # `"A." "B."`
    if len(between.split()) > CUE_WORDS or any(m.opens for m in marks(between)):
        return False
    return between.strip().endswith((".", ",", ":")) and before.text.rstrip()[-1:] in (",", "…", "-", "—")
