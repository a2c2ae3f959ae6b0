"""The site-wide listings around the briefings: home pages, timeline, places, related briefings.

Each listing is bounded where it is repeated: a briefing page names at most `RELATED` other
briefings and a home page at most `PER_PAGE`, so a page does not grow with the site.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

from builder.context import BriefingLink, BriefingView, Month, Pager, Place

PER_PAGE = 20
"""Briefings on one home page; older ones are on `page/2.html`, `page/3.html`, ..."""
RELATED = 5
"""Related briefings on a briefing page."""
PLACE_BRIEFINGS = 10
"""Briefings listed under one place on the places page (the newest)."""


def link(briefing: BriefingView, shared: tuple[str, ...] = ()) -> BriefingLink:
    return BriefingLink(briefing.headline, briefing.url, briefing.date, shared)


def home_path(number: int) -> str:
    """Home page `number` (from 1) as a docs path: `index.md`, `page/2.md`, ..."""
    return "index.md" if number == 1 else f"page/{number}.md"


def home_url(number: int) -> str:
    return "index.html" if number == 1 else f"page/{number}.html"


def home_pages(briefings: Sequence[BriefingView]) -> list[tuple[Pager, list[BriefingView]]]:
    """The briefings (newest first) cut into home pages of `PER_PAGE`; one page when there are none."""
    count = max(1, -(-len(briefings) // PER_PAGE))
    return [
        (
            Pager(
                number=n,
                pages=count,
                previous_url=home_url(n - 1) if n > 1 else None,
                next_url=home_url(n + 1) if n < count else None,
            ),
            list(briefings[(n - 1) * PER_PAGE : n * PER_PAGE]),
        )
        for n in range(1, count + 1)
    ]


def related(briefings: Sequence[BriefingView]) -> dict[str, list[BriefingLink]]:
    """For each briefing slug, the briefings that share the most actors with it, newest first on ties."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i, b in enumerate(briefings):
        for ref in {r.id: r for r in (*b.people, *b.organisations)}.values():
            holders[ref.id].append(i)
    out = {}
    for i, b in enumerate(briefings):
        names = {r.id: r.name for r in (*b.people, *b.organisations)}
        shared: dict[int, list[str]] = defaultdict(list)
        for actor_id, name in names.items():
            for j in holders[actor_id]:
                if j != i:
                    shared[j].append(name)
        best = sorted(shared, key=lambda j: (-len(shared[j]), j))[:RELATED]
        out[b.slug] = [link(briefings[j], tuple(sorted(shared[j]))) for j in best]
    return out


def timeline(briefings: Sequence[BriefingView]) -> list[Month]:
    """One entry per month with briefings, newest first; undated briefings last."""
    months: dict[str, list[BriefingView]] = defaultdict(list)
    for b in briefings:
        months[month_key(b.date)].append(b)
    keys = sorted((k for k in months if k != "undated"), reverse=True) + (["undated"] if "undated" in months else [])
    return [
        Month(k, month_label(k), f"timeline/{k}.md", f"timeline/{k}.html", tuple(link(b) for b in months[k]))
        for k in keys
    ]


def month_key(iso: str | None) -> str:
    """`2024-05` for a date in May 2024; `undated` for none or one that is not an ISO date."""
    if iso and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", iso[:10]) and 1 <= int(iso[5:7]) <= 12:
        return iso[:7]
    return "undated"


def month_label(key: str) -> str:
    if key == "undated":
        return "Undated"
    return date(int(key[:4]), int(key[5:7]), 1).strftime("%B %Y")


def places(briefings: Sequence[BriefingView]) -> list[Place]:
    """Every place named in a briefing, by name, with the newest briefings that name it.

    Names that differ only in case, accents or punctuation (`U.S.`, `US`) are one place,
    under the name most briefings use."""
    named: dict[str, list[BriefingView]] = defaultdict(list)
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for b in briefings:
        for place in dict.fromkeys(b.places):
            key = slugify(place) or "place"
            spelled[key][place] += 1
            if not named[key] or named[key][-1] is not b:
                named[key].append(b)
    out = []
    for key, items in named.items():
        name = max(spelled[key], key=lambda n: (spelled[key][n], n))
        out.append(Place(name, f"place-{key}", len(items), tuple(link(b) for b in items[:PLACE_BRIEFINGS])))
    return sorted(out, key=lambda p: (p.name.casefold(), p.anchor))


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
