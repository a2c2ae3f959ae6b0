"""The article inside a scraped page: the main block of prose, and the furniture around it.

A page saved as plain text holds its story somewhere among menus, sign-up boxes, captions,
related links, comments and footers. `main_block` finds it in four steps, one function each:

1. `weigh`: each block is read by its shape. Prose (`is_prose`: words, a sentence end,
   stop-word density) weighs for the story by its number of words; a line that repeats on
   other pages (`repeats.Repeats`), a boilerplate pattern, a caption or credit, or a short line that
   is not a sentence (a menu item, a button) weighs against it, the more so the longer the
   gap of such lines (`gaps`).
2. `best_run`: the run of blocks whose weights add up to the most (a maximum-sum segment),
   so that a few furniture lines inside the story are bridged and a menu of many short
   lines is not. The title line is the anchor: a run that starts right after a line that
   repeats the page's title wins over a heavier one elsewhere (teasers, comments). The run
   is then extended to the neighbours that read like it (`reads_on`: sentences).
3. Inside the run, what repeats on other pages is taken out, and so is a long gap of short
   lines that read like headlines (`long_gaps`: a list of links inside the story); the
   boilerplate patterns, bylines, datelines and credits are left to `clean`.
4. Everything not kept is a `Removed`, with its reason and line: nothing is lost.

When a page has no prose at all, or no furniture around its prose (clean copy, `looks_scraped`),
every block is kept but what repeats on other pages: the detector only ever narrows a page
that looks scraped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from builder.ingest.parse import Block
from builder.models import Removed

PROSE_WORDS = 6
"""A block of fewer words is a line, not a paragraph, unless it is a sentence with a verb."""
STOP_SHARE = 0.18
"""Prose has at least this share of function words (`the`, `of`, `que`); menus and headlines
lists have fewer."""
STOP_LANGUAGES = ("en", "es", "pt", "fr", "de", "it", "nl")
STOP_WORDS = 60
"""The function words of a language: its most frequent words (wordfreq)."""
KNOWN_LANGUAGE = 0.08
"""A page whose words are less than this share of known function words is in another
language: its prose is told by sentence shape alone."""
SENTENCE_WORDS = 3
SHORT_SENTENCE = 1.0
"""What a sentence of `SENTENCE_WORDS` words or more that is not prose weighs: a little."""
LINE_PENALTY = 4.0
"""What a short line that is no sentence (menu item, button, label) costs a run, in words."""
FURNITURE_PENALTY = 8.0
"""What a line repeated on other pages costs a run, in words, however long it is."""
PATTERN_PENALTY = 4.0
"""What a block of known boilerplate (`data/boilerplate.yml`: a caption, a sign-up box,
`Read more`) costs a run: little, for `clean` takes it out wherever it is."""
GAP_GROWTH = 8
"""How many times its own weight the cost of a furniture block in a long gap may grow."""
LEAD_BACK = 4
"""The run takes in a byline or timestamp at most this many blocks before it (and then one
as far before that), and what is between (`By Ann Lee` / `BBC News, Cardiff`), and so a
contributor line or sign-off after it: `clean` reads them."""
SCRAPED = 3
"""So many lines of furniture make a page a scrape, whose story must be found in it."""
LIST_GAP = 4
"""So many blocks in a row inside the story that are not prose are a list of links or a menu."""
LIST_STOP_SHARE = 0.25
"""Below this share of function words, a list reads like headlines, not like the story."""
ANCHOR_WINDOW = 6
"""A run starting at most this many blocks after the title line is anchored by it."""
ANCHOR_SHARE = 0.25
"""An anchored run wins over a heavier one elsewhere (teasers, comments) unless it weighs
less than this share of it (a title line at the top of the page, over a sign-up box)."""
REPEATED = "repeats on other pages"
SENTENCE_END = re.compile(r"(?<![.…])[.!?:;。！？][\"'”’»)\]」』]*$")
"""A sentence ends the block; `...` ends a teaser cut short, not a sentence."""
WORD = re.compile(r"\w+(?:['’]\w+)?")


def key(text: str) -> str:
    """What two lines share when they are the same line: the words, case aside."""
    return " ".join(WORD.findall(text.casefold()))


@cache
def stop_words() -> frozenset[str]:
    from wordfreq import top_n_list  # loads the word lists on first use only

    return frozenset(w for language in STOP_LANGUAGES for w in top_n_list(language, STOP_WORDS))


@dataclass(frozen=True, slots=True)
class Shape:
    words: int
    stop: float
    sentence: bool


def shape(text: str) -> Shape:
    words = WORD.findall(text.casefold())
    stops = sum(1 for w in words if w in stop_words())
    return Shape(len(words), stops / len(words) if words else 0.0, bool(SENTENCE_END.search(text)))


def is_prose(found: Shape, stop_share: float = STOP_SHARE) -> bool:
    """A sentence or more of running text, with at least `stop_share` of function words."""
    if found.words >= PROSE_WORDS and found.sentence:
        return found.stop >= stop_share
    return found.words >= 3 * PROSE_WORDS and found.stop >= 1.5 * stop_share


def long_gaps(weights: list[float], shapes: list[Shape], parts: list[Part], start: int, end: int) -> list[int]:
    """Inside the run, the blocks of each gap of `LIST_GAP` or more blocks in a row that are
    not prose and read like headlines (few function words): a menu or a list of links that
    the run bridged (`More from UK` and its headlines). A list of the story's own points
    reads like its prose."""
    found: list[int] = []
    gap: list[int] = []
    first = next((i for i in range(start, end) if weights[i] > 0), end)  # the lead before it is `clean`'s
    for index in [*range(first, end), end]:
        if index < end and parts[index]:
            continue  # a byline or timestamp: read by `clean`
        if index < end and weights[index] <= 0:
            gap.append(index)
            continue
        words = sum(shapes[i].words for i in gap)
        stops = sum(shapes[i].stop * shapes[i].words for i in gap)
        if len(gap) >= LIST_GAP and stops < LIST_STOP_SHARE * words:
            found.extend(gap)
        gap = []
    return found


def reads_on(found: Shape, stop_share: float) -> bool:
    """A neighbour of the run that reads like it: a sentence, whatever its words, or a long
    line of running text that lost its full stop."""
    return found.words >= PROSE_WORDS and (found.sentence or (found.words >= 3 * PROSE_WORDS and found.stop >= stop_share))


def page_stop_share(shapes: list[Shape]) -> float:
    """`STOP_SHARE`, or 0 for a page in a language whose function words are not known
    (`STOP_LANGUAGES`): its prose is then told by shape alone."""
    words = sum(s.words for s in shapes)
    stops = sum(s.stop * s.words for s in shapes)
    return STOP_SHARE if words and stops / words >= KNOWN_LANGUAGE else 0.0


@dataclass
class Reading:
    """How `main_block` read the blocks of one page."""

    keep: list[Block] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


Test = Callable[[str], "str | None"]
Part = Literal["lead", "tail"] | None
"""A part of the article shown apart: `lead` (byline, timestamp) or `tail` (contributors, sign-off)."""
"""A function of a block's text that says what furniture it is, or None."""


def main_block(
    blocks: tuple[Block, ...],
    title: str,
    repeated: Callable[[str], bool],
    furniture: Test,
    part: Callable[[str], Part],
    narrow: bool = True,
) -> Reading:
    """Keep the story's run of blocks; the rest goes to `removed`. `repeated` says when a
    block's text recurs on other pages, `furniture` names the boilerplate a block is (what
    `clean` removes: inside the run it is left to it); `part` says when a block is a part of
    the article that the page shows apart (byline, timestamp, sign-off, contributor line):
    those are left to `clean` too, which reads them, and those next to the run go with it.
    With `narrow` off (a web page whose story trafilatura found), only what repeats on other
    pages and the title over the story are taken out."""
    parts = [part(b.text) for b in blocks]
    reasons = [None if p else furniture(b.text) for b, p in zip(blocks, parts, strict=True)]
    repeats = [not p and r is None and repeated(b.text) for b, p, r in zip(blocks, parts, reasons, strict=True)]
    reasons = [REPEATED if again else r for again, r in zip(repeats, reasons, strict=True)]
    shapes = [shape(b.text) for b in blocks]
    stop_share = page_stop_share(shapes)
    weights = gaps([weigh(f, r, stop_share) for f, r in zip(shapes, reasons, strict=True)])
    if not (narrow and looks_scraped(weights, reasons, parts)):
        start, end = 0, len(blocks)
        if all(repeats):  # lines this seed shares with others, and nothing else: its story
            repeats = [False] * len(blocks)
        if len(blocks) > 1 and weights[0] <= 0 and 0 in anchors(blocks, title):
            start = 1  # the title again, over the story
    else:
        start, end = story_run(blocks, title, weights, reasons, parts, stop_share)
        for index in long_gaps(weights, shapes, parts, start, end):
            repeats[index] = True
            reasons[index] = reasons[index] or "list of short lines inside the story"
    titles = anchors(blocks, title)
    out = Reading()
    for index, block in enumerate(blocks):
        if start <= index < end and not repeats[index]:
            out.keep.append(block)
            continue
        where = "before the story" if index < start else "after the story"
        reason = "headline repeated" if index in titles else reasons[index] or f"page furniture {where}"
        out.removed.append(Removed(block.text, "boilerplate", reason, block.line))
    return out


def story_run(
    blocks: tuple[Block, ...], title: str, weights: list[float], reasons: list[str | None], parts: list[Part], stop_share: float
) -> tuple[int, int]:
    """The best run (`best_run`) extended to the sentences next to it, to a sign-off after it
    and to a byline or timestamp just before it."""
    titles = {i for i in anchors(blocks, title) if weights[i] <= 0}  # a sentence is the story's own
    start, end = best_run(weights, titles)
    while end < len(blocks) and reasons[end] is None and (parts[end] == "tail" or reads_on(shape(blocks[end].text), stop_share)):
        end += 1
    while start > 0 and reasons[start - 1] is None and reads_on(shape(blocks[start - 1].text), stop_share):
        start -= 1
    while lead := [i for i in range(max(0, start - LEAD_BACK), start) if parts[i] == "lead"]:
        start = lead[0]
    while tail := [i for i in range(end, min(len(blocks), end + LEAD_BACK)) if parts[i] == "tail"]:
        end = tail[-1] + 1
    return start, end


def looks_scraped(weights: list[float], reasons: list[str | None], parts: list[Part]) -> bool:
    """A page with prose and furniture around it: `SCRAPED` lines or more that are not prose
    (nor a byline or timestamp) before its first prose, or as many furniture blocks. Clean
    copy (a wire story, with a table or a subheading in it) is left whole."""
    if not any(w > 0 for w in weights):
        return False
    first = next(i for i, w in enumerate(weights) if w > 0)
    return sum(not p for p in parts[:first]) >= SCRAPED or sum(r is not None for r in reasons) >= SCRAPED


def weigh(found: Shape, reason: str | None, stop_share: float) -> float:
    if reason == REPEATED:
        return -FURNITURE_PENALTY
    if reason is not None:
        return -PATTERN_PENALTY  # known boilerplate (a caption, `Read more`): `clean` takes it out
    if is_prose(found, stop_share):
        return float(found.words)
    if found.sentence and found.words >= SENTENCE_WORDS:
        return SHORT_SENTENCE  # `Officials gave no details.`: too short to tell, not a gap
    return -LINE_PENALTY


def gaps(weights: list[float]) -> list[float]:
    """The k-th block in a row that is not prose costs k times its weight (up to `GAP_GROWTH`
    times): an advertisement or a caption inside the story is cheap to bridge, a menu or a
    list of links after it is not."""
    out, run = [], 0
    for weight in weights:
        run = run + 1 if weight <= 0 else 0
        out.append(weight * min(run, GAP_GROWTH) if weight <= 0 else weight)
    return out


def anchors(blocks: tuple[Block, ...], title: str) -> set[int]:
    """Indices of the blocks that repeat the title, or one part of it (`Site | Title`)."""
    parts = {key(title)} | {key(p) for p in re.split(r"\s+[|–—-]\s+|\s*\|\s*", title) if len(p.split()) >= 3}
    return {i for i, b in enumerate(blocks) if key(b.text) in parts}


def best_run(weights: list[float], anchored: set[int]) -> tuple[int, int]:
    """`[start, end)` of the run with the highest sum of weights; but the best run that
    starts within `ANCHOR_WINDOW` blocks after a title line, when it weighs at least
    `ANCHOR_SHARE` of that."""
    n = len(weights)
    prefix = [0.0]
    for w in weights:
        prefix.append(prefix[-1] + w)
    best_end = [n] * (n + 1)  # for each start, the end with the highest prefix sum at or after it
    top = n
    for i in range(n, -1, -1):
        if prefix[i] > prefix[top]:
            top = i
        best_end[i] = top
    runs = [(prefix[best_end[s + 1]] - prefix[s], s, best_end[s + 1]) for s in range(n) if weights[s] > 0]
    best = max(runs)
    near_title = [run for run in runs if any(run[1] - ANCHOR_WINDOW <= a < run[1] for a in anchored)]
    if near_title and (title_run := max(near_title))[0] >= ANCHOR_SHARE * best[0]:
        best = title_run
    return best[1], best[2]
