"""The site-wide listings around the briefings: home and quotes pages, timeline, actors A-Z,
tags, places, related briefings.

Each listing is bounded where it is repeated: a briefing page names at most `RELATED` other
briefings, a home page at most `PER_PAGE` and a quotes page `QUOTE_BRIEFINGS`, so a page does
not grow with the site.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TypeVar

from builder.charts import Row
from builder.context import (
    ActorRef,
    BriefingLink,
    BriefingView,
    Letter,
    Month,
    Pager,
    Place,
    QuoteGroup,
    SiteActor,
    Tag,
    rarity,
    slugify,
    tag_key,
)

T = TypeVar("T")

PER_PAGE = 20
"""Briefings on one home page; older ones are on `page/2.html`, `page/3.html`, ..."""
RELATED = 5
"""Related briefings on a briefing page."""
PLACE_BRIEFINGS = 10
"""Briefings listed under one place on the places page (the newest)."""
QUOTE_BRIEFINGS = 10
"""Briefings (each with all its full quotes) on one quotes page."""
MONTH_BRIEFINGS = 8
"""Briefings listed under each month on the timeline (the newest); the month's page has all."""
ACTOR_LISTED = 50
"""Briefings and quotes listed on an actor's page (the newest); the actor's feed has every briefing."""
MOST_SEEN = 20
"""Actors listed as the most seen on the actors page."""
SPEAKERS = 8
"""Speakers drawn in a briefing's "who speaks" picture (the most quoted)."""
RECENT_DAYS = 30
"""The home page's picture counts the quotes of the briefings of the last this many days
(up to the newest briefing's date, so that a build does not depend on the day it runs)."""
MOST_QUOTED = 8
"""People drawn in the home page's picture."""
MONTHS_DRAWN = 24
"""Columns drawn in an actor's mentions picture: one per month up to this many months, else one per year."""


def link(briefing: BriefingView, shared: tuple[str, ...] = ()) -> BriefingLink:
    return BriefingLink(briefing.headline, briefing.url, briefing.date, shared)


def home_path(number: int) -> str:
    """Home page `number` (from 1) as a docs path: `index.md`, `page/2.md`, ..."""
    return "index.md" if number == 1 else f"page/{number}.md"


def home_url(number: int) -> str:
    return "index.html" if number == 1 else f"page/{number}.html"


def home_pages(briefings: Sequence[BriefingView]) -> list[tuple[Pager, list[BriefingView]]]:
    """The briefings (newest first) cut into home pages of `PER_PAGE`; one page when there are none."""
    return paged(briefings, PER_PAGE, home_url)


def quotes_path(number: int) -> str:
    """Quotes page `number` (from 1) as a docs path: `quotes.md`, `quotes/2.md`, ..."""
    return "quotes.md" if number == 1 else f"quotes/{number}.md"


def quotes_url(number: int) -> str:
    return "quotes.html" if number == 1 else f"quotes/{number}.html"


def quote_pages(briefings: Sequence[BriefingView]) -> list[tuple[Pager, list[QuoteGroup]]]:
    """The quotes pages: each briefing with full quotes (speaker known), newest first, its
    quotes in reading order, `QUOTE_BRIEFINGS` briefings to a page."""
    groups = [
        QuoteGroup(b.headline, b.url, b.date, quotes)
        for b in briefings
        if (quotes := tuple(q for q in b.quotes if q.kind == "full" and q.speaker))
    ]
    return paged(groups, QUOTE_BRIEFINGS, quotes_url)


def paged(items: Sequence[T], per_page: int, url: Callable[[int], str]) -> list[tuple[Pager, list[T]]]:
    """`items` cut into pages of `per_page`, page N at `url(N)`; one page when there are none."""
    count = max(1, -(-len(items) // per_page))
    return [
        (
            Pager(
                number=n,
                pages=count,
                previous_url=url(n - 1) if n > 1 else None,
                next_url=url(n + 1) if n < count else None,
            ),
            list(items[(n - 1) * per_page : n * per_page]),
        )
        for n in range(1, count + 1)
    ]


def letters(actors: Sequence[SiteActor]) -> list[Letter]:
    """Actors A-Z, one `Letter` per initial that names one (`#`, other signs, last)."""
    by_letter: dict[str, list[SiteActor]] = defaultdict(list)
    for actor in sorted(actors, key=lambda a: (a.name.casefold(), a.id)):
        by_letter[actor.letter].append(actor)
    out = []
    for letter in sorted(by_letter, key=lambda k: (k == "#", k)):
        key = letter.lower() if letter != "#" else "other"
        items = by_letter[letter]
        out.append(
            Letter(
                letter,
                f"actors/a-z/{key}.md",
                f"actors/a-z/{key}.html",
                tuple(a for a in items if a.type == "PERSON"),
                tuple(a for a in items if a.type != "PERSON"),
            )
        )
    return out


def most_seen(actors: Sequence[SiteActor]) -> list[SiteActor]:
    """The actors in the most briefings (then with the most quotes), at most `MOST_SEEN`."""
    ranked = sorted(actors, key=lambda a: (-len(a.appearances), -len(a.quotes), a.name.casefold(), a.id))
    return ranked[:MOST_SEEN]


def tags(briefings: Sequence[BriefingView]) -> list[Tag]:
    """Every tag of the briefings (`Transport` and `transport` are one), by name, each with its
    briefings newest first, a page `tags/<slug>.html` and a feed `feeds/tags/<slug>.xml`."""
    tagged: dict[str, list[BriefingView]] = defaultdict(list)
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for b in briefings:
        for tag in dict.fromkeys(b.tags):
            key = tag_key(tag)
            spelled[key][tag] += 1
            if not tagged[key] or tagged[key][-1] is not b:
                tagged[key].append(b)
    out = [
        Tag(
            max(spelled[key], key=lambda n: (spelled[key][n], n)),
            f"tags/{key}.md",
            f"tags/{key}.html",
            f"feeds/tags/{key}.xml",
            tuple(link(b) for b in items),
        )
        for key, items in tagged.items()
    ]
    return sorted(out, key=lambda t: (t.name.casefold(), t.url))


def related(briefings: Sequence[BriefingView]) -> dict[str, list[BriefingLink]]:
    """For each briefing slug, the briefings that share the most telling actors with it.

    A shared actor counts by its rarity on the site (`context.rarity`): one in every briefing
    tells next to nothing, one in two briefings ties them. Ties go to the briefing whose shared actors
    speak most (their quotes in both briefings), then to the newer one. Shared names are
    listed rarest first."""
    cast = [{r.id: r for r in (*b.people, *b.organisations)} for b in briefings]
    holders: dict[str, list[int]] = defaultdict(list)
    for i, refs in enumerate(cast):
        for actor_id in refs:
            holders[actor_id].append(i)
    weight = rarity({k: len(v) for k, v in holders.items()}, len(briefings))
    out = {}
    for i, b in enumerate(briefings):
        score: dict[int, float] = defaultdict(float)
        said: Counter[int] = Counter()
        for actor_id, ref in cast[i].items():
            for j in holders[actor_id]:
                if j != i:
                    score[j] += weight[actor_id]
                    said[j] += ref.quotes + cast[j][actor_id].quotes
        best = sorted(score, key=lambda j: (-score[j], -said[j], j))[:RELATED]
        out[b.slug] = [link(briefings[j], shared_names(cast[i], cast[j], weight)) for j in best]
    return out


def shared_names(mine: dict[str, ActorRef], theirs: dict[str, ActorRef], weight: dict[str, float]) -> tuple[str, ...]:
    """The names of the actors two briefings share, rarest first, then most quoted."""
    common = [k for k in mine if k in theirs]
    common.sort(key=lambda k: (-weight[k], -(mine[k].quotes + theirs[k].quotes), -mine[k].mentions))
    return tuple(mine[k].name for k in common)


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


# ------------------------------------------------------------------ what the pictures draw


def speakers(b: BriefingView) -> list[Row]:
    """Who speaks in a briefing: direct quotes per speaker, most first (then first to speak)."""
    said = Counter(q.speaker for q in b.quotes if q.speaker and q.kind != "indirect")
    return [Row(name, n) for name, n in said.most_common(SPEAKERS)]


def most_quoted(briefings: Sequence[BriefingView]) -> tuple[str, list[Row]]:
    """The people with the most direct quotes in the briefings of the last `RECENT_DAYS` days,
    with the period as `2024-05-02 to 2024-05-31` (empty when no briefing is dated)."""
    days = [d for d in (iso_day(b.date) for b in briefings) if d]
    if not days:
        return "", []
    last = max(days)
    first = last - timedelta(days=RECENT_DAYS - 1)
    said: Counter[str] = Counter()
    for b in briefings:
        day = iso_day(b.date)
        if day and first <= day <= last:
            for ref in b.people:
                said[ref.name] += ref.quotes
    rows = [Row(name, n) for name, n in said.most_common(MOST_QUOTED) if n > 0]
    return f"{first.isoformat()} to {last.isoformat()}", rows


def mentions_by_month(actor: SiteActor) -> list[Row]:
    """An actor's mentions per month, every month from the first to the newest, months without
    a briefing at 0; per year instead when that is more than `MONTHS_DRAWN` months (then the
    latest `MONTHS_DRAWN` years). Undated briefings are left out."""
    counts: Counter[str] = Counter()
    for a in actor.appearances:
        key = month_key(a.date)
        if key != "undated":
            counts[key] += a.mentions
    if not counts:
        return []
    months = month_range(min(counts), max(counts))
    if len(months) <= MONTHS_DRAWN:
        return [Row(month_label(m), counts[m]) for m in months]
    years: Counter[str] = Counter()
    for key, n in counts.items():
        years[key[:4]] += n
    first, last = int(min(years)), int(max(years))
    return [Row(str(y), years[str(y)]) for y in range(max(first, last - MONTHS_DRAWN + 1), last + 1)]


def month_range(first: str, last: str) -> list[str]:
    """`2024-11`, `2025-02` -> every month key from the one to the other."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def iso_day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat((iso or "")[:10])
    except ValueError:
        return None
