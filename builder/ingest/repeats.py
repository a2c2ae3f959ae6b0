"""Lines that repeat across the seeds of a build: the furniture of a source's pages.

The build reads every seed before cleaning any, so `repeats` sees all scraped seeds at once.
A line found in two seeds or more (a menu, a footer, a sign-up box) is furniture, with two
exceptions, both told by a first reading of each seed alone (`mainblock.main_block`):
- two versions of one story (their stories share `COPY_LINES` paragraphs) do not count
  against each other;
- prose that a seed's story holds beside prose of its own (found in no other seed) is that
  seed's: a lede that another page shows as a teaser stays in its story, and a paragraph
  that several stories tell (background, a quote) stays in each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from builder.ingest.mainblock import PROSE_WORDS, key

@dataclass(frozen=True, slots=True)
class Repeats:
    """Lines that recur on the pages of other seeds: page furniture of a source (menus,
    footers, sign-up boxes). Seeds whose stories share paragraphs are versions of one story,
    and their shared lines do not count."""

    lines: frozenset[str] = frozenset()
    """Furniture wherever it is."""
    owned: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Prose in the story of some seeds (beside prose of their own), which other pages show
    as a teaser: furniture in every seed but those (their names are the value)."""

    def furniture(self, text: str, seed: str) -> bool:
        found = key(text)
        return found in self.lines or seed not in self.owned.get(found, {seed})


NO_REPEATS = Repeats()
COPY_LINES = 2


def repeats(seeds: Mapping[str, list[tuple[str, bool]]]) -> Repeats:
    """The lines that recur in two seeds or more, versions of one story aside. Prose that a
    first reading (`seeds`: for each seed's name, its blocks and whether each is in its
    story) puts in a seed's story beside prose found nowhere else is that seed's own: it
    stays there (a lede that other pages show as a teaser; background that several stories
    tell)."""
    names = list(seeds)
    ordered = [[key(text) for text, _ in seeds[name] if key(text)] for name in names]
    keyed = [{key(text): story for text, story in seeds[name] if key(text)} for name in names]
    prose = [frozenset(k for k, story in lines.items() if story and len(k.split()) >= 2 * PROSE_WORDS) for lines in keyed]
    where: dict[str, list[int]] = defaultdict(list)
    for index, lines in enumerate(keyed):
        for line in lines:
            where[line].append(index)
    found, owned = set(), {}
    for line, seeds_with in where.items():
        if len(seeds_with) < 2 or all(near_copy(prose[i], prose[j]) for i in seeds_with for j in seeds_with if i < j):
            continue
        owners = frozenset(
            names[i]
            for i in seeds_with
            if keyed[i][line] and line in prose[i] and beside_own_prose(i, ordered[i], line, where, prose)
        )
        if len(owners) == len(seeds_with):
            continue  # a paragraph that several stories tell (background, a quote): not furniture
        if owners:
            owned[line] = owners
        else:
            found.add(line)
    return Repeats(frozenset(found), owned)


def beside_own_prose(
    seed: int, lines: list[str], line: str, where: Mapping[str, list[int]], prose: list[frozenset[str]]
) -> bool:
    """`line` stands next to prose found in no other seed (but versions of this story): it
    is part of this seed's story (a lede that other pages show as a teaser), not a box that
    one reading took for it."""
    at = lines.index(line)
    return any(
        len(lines[i].split()) >= 2 * PROSE_WORDS
        and all(j == seed or near_copy(prose[seed], prose[j]) for j in where[lines[i]])
        for i in (at - 1, at + 1)
        if 0 <= i < len(lines)
    )


def near_copy(one: frozenset[str], two: frozenset[str]) -> bool:
    """Two seeds whose stories share `COPY_LINES` paragraphs are versions of one story."""
    return len(one & two) >= COPY_LINES
