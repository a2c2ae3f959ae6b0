"""What each template receives: one typed context per page kind, and the views in it.

Every URL in a view is relative to the site root; templates write `{{ root }}{{ x.url }}`,
where `root` leads from the current page back to the site root (`""` or `"../"`).
This module is the reference for template editors: each field says what it holds.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypedDict
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from builder.annotators import confidence
from builder.annotators import quotemarks
from builder.identity import Identities
from builder.models import Annotation, Dateline, KeyNumber, Quote

CALLOUTS = 4
"""How many quotes a briefing shows as callouts."""
UNCERTAIN = confidence.threshold()
"""Quotes whose speaker has a lower confidence are marked `speaker uncertain` on pages: the
threshold `scripts/fit_confidence.py` chose, from which speakers were right 95% of the time."""
TOP_ACTORS = 3
"""How many actors the home page shows under each briefing."""
LICENCES = {
    "cc by 2.5": "https://creativecommons.org/licenses/by/2.5/",
    "cc by 3.0": "https://creativecommons.org/licenses/by/3.0/",
    "cc by 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc by-sa 3.0": "https://creativecommons.org/licenses/by-sa/3.0/",
    "cc by-sa 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc0": "https://creativecommons.org/publicdomain/zero/1.0/",
}
"""The deed of each licence a seed's `licence` may name (case and hyphens do not matter)."""


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as it appears in one briefing (the sidebar)."""

    id: str
    name: str
    type: str
    """`PERSON` or `ORG`."""
    role: str | None
    mentions: int
    quotes: int
    """Quotes attributed to this actor in the briefing."""
    url: str


@dataclass(frozen=True, slots=True)
class QuoteView:
    text: str
    kind: str
    """`full`, `partial`, `chant` or `indirect`."""
    speaker: str | None
    speaker_url: str | None
    role: str | None
    """The speaker's role in this briefing."""
    cue: str | None
    paragraph: int
    """Index of the paragraph the quote is in; its anchor is `#p<paragraph>`."""
    confidence: float
    content: str | None = None
    """For a partial quote, the reported statement around the quoted words."""

    @property
    def uncertain(self) -> bool:
        """The speaker is a best guess (a pronoun far back, a quote standing alone): show it as such."""
        return bool(self.speaker) and self.confidence < UNCERTAIN

    @property
    def marked(self) -> Markup:
        """`content` (else `text`) as safe HTML, each quoted span in it inside `<mark class="quoted">`:
        the speaker's words stand out from the reporter's."""
        if not self.content:
            return escape(self.text)
        return mark_quoted(self.content)


def mark_quoted(content: str) -> Markup:
    """Plain text -> safe HTML with its quoted spans (marks included) marked."""
    out, cursor = [], 0
    for q in quotemarks.spans([content])[0]:
        out += [escape(content[cursor : q.start]), Markup('<mark class="quoted">'), escape(content[q.start : q.end])]
        out.append(Markup("</mark>"))
        cursor = q.end
    out.append(escape(content[cursor:]))
    return Markup("").join(out)


@dataclass(frozen=True, slots=True)
class BriefingView:
    slug: str
    path: str
    url: str
    headline: str
    date: str | None
    dateline: Dateline | None
    authors: tuple[str, ...]
    contributors: tuple[str, ...]
    source: str | None
    source_url: str | None
    licence: str | None
    licence_url: str | None
    """The licence's deed, for the licences in `LICENCES`; else None."""
    summary: tuple[str, ...]
    teaser: str
    """First summary sentence, or the start of the first paragraph."""
    key_numbers: tuple[KeyNumber, ...]
    quotes: tuple[QuoteView, ...]
    callouts: tuple[QuoteView, ...]
    """The strongest quotes with a known speaker, at most `CALLOUTS`, in reading order."""
    people: tuple[ActorRef, ...]
    organisations: tuple[ActorRef, ...]
    places: tuple[str, ...]
    groups: tuple[str, ...]
    """Nationalities and groups named (`Israeli`, `Palestinians`), most mentioned first."""
    paragraphs: tuple[Markup, ...]
    """The article body, each paragraph already safe HTML."""
    words: int
    reading_minutes: int
    tags: tuple[str, ...] = ()
    """Tags from front matter."""
    top_actors: tuple[ActorRef, ...] = ()
    """The most mentioned people and organisations, at most `TOP_ACTORS` (the home page)."""

    @property
    def tag_links(self) -> tuple[TagLink, ...]:
        """The tags with their pages (`tags/<slug>.html`)."""
        return tuple(TagLink(t, tag_url(t)) for t in dict.fromkeys(self.tags))


@dataclass(frozen=True, slots=True)
class TagLink:
    """A tag and its page."""

    name: str
    url: str


def slugify(text: str) -> str:
    """`Côte d'Ivoire` -> `cote-d-ivoire`: lower-case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def tag_key(tag: str) -> str:
    """The address part of a tag: `Transport` and `transport` are one."""
    return slugify(tag) or "tag"


def tag_url(tag: str) -> str:
    return f"tags/{tag_key(tag)}.html"


@dataclass(frozen=True, slots=True)
class BriefingLink:
    """A briefing in a list (timeline, places, related briefings)."""

    headline: str
    url: str
    date: str | None
    shared: tuple[str, ...] = ()
    """For a related briefing: the names of the actors it shares with this one."""


@dataclass(frozen=True, slots=True)
class Appearance:
    """One briefing an actor appears in."""

    headline: str
    url: str
    date: str | None
    role: str | None
    mentions: int


@dataclass(frozen=True, slots=True)
class LedgerQuote:
    """A quote on an actor's page, with the briefing it comes from."""

    quote: QuoteView
    headline: str
    url: str
    date: str | None


@dataclass(frozen=True, slots=True)
class Companion:
    """An actor often seen in the same briefings as another."""

    name: str
    url: str
    briefings: int
    """How many briefings the two share."""


COMPANIONS = 5
"""How many companions an actor page lists."""


@dataclass(frozen=True, slots=True)
class SiteActor:
    """An actor across the whole site (the actor page)."""

    id: str
    name: str
    type: str
    path: str
    url: str
    roles: tuple[str, ...]
    """Roles seen in briefings, newest briefing first, each once."""
    aliases: tuple[str, ...]
    appearances: tuple[Appearance, ...]
    """Every briefing the actor appears in, newest first."""
    quotes: tuple[LedgerQuote, ...]
    seen_with: tuple[Companion, ...] = ()
    """The actors most often in the same briefings, most shared first (at most `COMPANIONS`)."""

    @property
    def letter(self) -> str:
        """The letter the actors page files this actor under (`A`-`Z`, else `#`)."""
        first = unicodedata.normalize("NFKD", self.name[:1]).upper()[:1]
        return first if "A" <= first <= "Z" else "#"


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a page of a paged list is among all of them: home page 1 is `index.html`, page N
    `page/N.html`; quotes page 1 is `quotes.html`, page N `quotes/N.html`."""

    number: int
    """This page's number, from 1."""
    pages: int
    """How many home pages there are."""
    previous_url: str | None
    """The page before (newer briefings), or None on the first page."""
    next_url: str | None
    """The page after (older briefings), or None on the last page."""


@dataclass(frozen=True, slots=True)
class Month:
    """One month of the timeline (or `undated`)."""

    key: str
    """`2024-05`, or `undated`."""
    label: str
    """`May 2024`, or `Undated`."""
    path: str
    url: str
    briefings: tuple[BriefingLink, ...]
    """The month's briefings, newest first."""


@dataclass(frozen=True, slots=True)
class Place:
    """A place named in briefings (the places page)."""

    name: str
    anchor: str
    """The `id` of its entry on the places page."""
    count: int
    """How many briefings name it."""
    briefings: tuple[BriefingLink, ...]
    """The newest of them, at most `indexes.PLACE_BRIEFINGS`."""


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """One briefing's full quotes on the quotes page."""

    headline: str
    url: str
    date: str | None
    quotes: tuple[QuoteView, ...]
    """The briefing's full quotes with a speaker, in reading order."""


@dataclass(frozen=True, slots=True)
class Letter:
    """One letter of actors A-Z, with a page of its own."""

    letter: str
    """`A`-`Z`, or `#` for names that start with another sign."""
    path: str
    url: str
    """The letter's page, `actors/a-z/<letter>.html` (`other` for `#`)."""
    people: tuple[SiteActor, ...]
    organisations: tuple[SiteActor, ...]
    """Both by name."""


@dataclass(frozen=True, slots=True)
class Tag:
    """A tag from seeds' front matter, with its page and Atom feed."""

    name: str
    """As most briefings spell it (`Transport` and `transport` are one tag)."""
    path: str
    url: str
    """The tag's page, `tags/<slug>.html`."""
    feed_url: str
    """The tag's Atom feed, `feeds/tags/<slug>.xml`."""
    briefings: tuple[BriefingLink, ...]
    """Every briefing with the tag, newest first."""


class HomeContext(TypedDict):
    root: str
    briefings: list[BriefingView]
    """This page's briefings, newest first (undated ones last), at most `indexes.PER_PAGE`."""
    pager: Pager
    """Where this page is among the home pages, with links to newer and older ones."""
    quoted_chart: Markup
    """First page only: the most quoted people of the last `indexes.RECENT_DAYS` days of
    briefings, an inline SVG bar chart (empty when there is nothing to draw)."""
    quoted_period: str
    """The days `quoted_chart` covers, `2024-05-02 to 2024-05-31`."""


class BriefingContext(TypedDict):
    root: str
    briefing: BriefingView
    related: list[BriefingLink]
    """Briefings sharing the most actors with this one, at most `indexes.RELATED`."""
    jsonld: Markup
    """The `NewsArticle` JSON-LD, safe to print inside `<script type="application/ld+json">`."""
    speakers_chart: Markup
    """Who speaks: direct quotes per speaker, an inline SVG bar chart (empty without quotes)."""


class TimelineContext(TypedDict):
    root: str
    months: list[Month]
    """Every month that has briefings, newest first (undated last)."""
    per_month: int
    """How many of each month's briefings the timeline lists (the newest); the month's page has all."""


class MonthContext(TypedDict):
    root: str
    month: Month
    """The month shown on this page, with its briefings."""


class PlacesContext(TypedDict):
    root: str
    places: list[Place]
    """Every place, by name."""


class ActorContext(TypedDict):
    root: str
    actor: SiteActor
    feed_url: str
    """The actor's Atom feed, relative to the site root."""
    listed: int
    """How many of the actor's briefings and quotes the page lists (the newest); the feed has all."""
    mentions_chart: Markup
    """Mentions per month, an inline SVG column chart (empty when no briefing is dated)."""


class ActorsContext(TypedDict):
    root: str
    letters: list[Letter]
    """Every letter that names an actor, A-Z (`#` last); each has a page."""
    most_seen: list[SiteActor]
    """The actors in the most briefings, most first, at most `indexes.MOST_SEEN`."""


class LetterContext(TypedDict):
    root: str
    letter: Letter
    """The letter shown on this page, with its people and organisations."""
    letters: list[Letter]
    """Every letter, for the links between them."""


class QuotesContext(TypedDict):
    root: str
    groups: list[QuoteGroup]
    """This page's briefings with full quotes, newest first, at most `indexes.QUOTE_BRIEFINGS`."""
    pager: Pager
    """Where this page is among the quotes pages (page 1 is `quotes.html`, page N `quotes/N.html`)."""


class TagContext(TypedDict):
    root: str
    tag: Tag
    """The tag shown on this page, with its briefings and feed."""


class TagsContext(TypedDict):
    root: str
    tags: list[Tag]
    """Every tag, by name."""


class SearchContext(TypedDict):
    root: str
    """The search page is at the site root: `""`."""


def newest_first(annotations: Iterable[Annotation]) -> list[Annotation]:
    ordered = sorted(annotations, key=lambda a: a.article.headline.casefold())
    return sorted(ordered, key=lambda a: a.article.date or "", reverse=True)


def actor_url(actor_id: str) -> str:
    return f"actors/{actor_id}.html"


def briefing_view(annotation: Annotation, paragraphs: Sequence[Markup], who: Identities | None = None) -> BriefingView:
    """The briefing page's view; `who` gives each actor its site id and name (see `identity`)."""
    a = annotation.article
    site = {x.id: (who.site_id(a.slug, x.id) if who else x.id) for x in annotation.actors}
    shown = {x.id: (who.names.get(site[x.id], x.name) if who else x.name) for x in annotation.actors}
    roles = {x.id: x.role for x in annotation.actors}
    groups = attributions(annotation.quotes)
    quotes = tuple(
        QuoteView(
            " … ".join(q.text.rstrip(" ,") if q is not group[-1] else q.text for q in group),
            first.kind,
            shown.get(first.speaker_id or "", first.speaker),
            actor_url(site.get(first.speaker_id, first.speaker_id)) if first.speaker_id else None,
            roles.get(first.speaker_id or ""),
            first.cue,
            first.paragraph,
            first.confidence,
            next((q.content for q in reversed(group) if q.content), None),
        )
        for group in groups
        for first in group[:1]
    )
    said = Counter(site.get(g[0].speaker_id, g[0].speaker_id) for g in groups if g[0].speaker_id and g[0].kind != "indirect")
    refs: dict[str, ActorRef] = {}
    for x in annotation.actors:
        ref = refs.get(site[x.id])  # two names the aliases file made one: one entry
        mentions, role = x.mentions + (ref.mentions if ref else 0), (ref.role if ref else None) or x.role
        refs[site[x.id]] = ActorRef(
            site[x.id], shown[x.id], x.type, role, mentions, said[site[x.id]], actor_url(site[x.id])
        )
    first = a.paragraphs[0] if a.paragraphs else ""
    return BriefingView(
        slug=a.slug,
        path=f"briefings/{a.slug}.md",
        url=f"briefings/{a.slug}.html",
        headline=a.headline,
        date=a.date,
        dateline=a.dateline,
        authors=a.authors,
        contributors=a.contributors,
        source=a.source,
        source_url=a.url if is_web_url(a.url) else None,
        licence=a.licence,
        licence_url=licence_url(a.licence),
        summary=annotation.summary,
        teaser=annotation.summary[0] if annotation.summary else first[:240],
        key_numbers=annotation.key_numbers,
        quotes=quotes,
        callouts=callouts(quotes),
        people=tuple(r for r in refs.values() if r.type == "PERSON"),
        organisations=tuple(r for r in refs.values() if r.type == "ORG"),
        places=annotation.places,
        groups=annotation.groups,
        paragraphs=tuple(paragraphs),
        words=annotation.words,
        reading_minutes=annotation.reading_minutes,
        tags=a.tags,
        top_actors=tuple(sorted(refs.values(), key=lambda r: -r.mentions)[:TOP_ACTORS]),
    )


def licence_url(licence: str | None) -> str | None:
    """`CC BY 2.5` (or `cc-by-2.5`) -> its deed on creativecommons.org; None for others."""
    if not licence:
        return None
    key = " ".join(licence.casefold().replace("-", " ").split()).replace("by sa", "by-sa")
    return LICENCES.get(key)


def is_web_url(url: str | None) -> bool:
    """Only http(s) links from front matter become links; `javascript:` and the like never do."""
    return bool(url) and urlsplit(url or "").scheme in ("http", "https")


def attributions(quotes: Sequence[Quote]) -> list[list[Quote]]:
    """The quotes as attributions: a quote and those that continue it (`Quote.continues`: the
    second half of a quote split around its cue, its next paragraph) are one, in reading order."""
    groups: list[list[Quote]] = []
    head: dict[int, int] = {}
    for index, quote in enumerate(quotes):
        if quote.continues is not None and quote.continues in head:
            head[index] = head[quote.continues]
            groups[head[index]].append(quote)
        else:
            head[index] = len(groups)
            groups.append([quote])
    return groups


def callouts(quotes: tuple[QuoteView, ...]) -> tuple[QuoteView, ...]:
    """Full quotes with a speaker (each attribution one view, see `attributions`), most
    confident and longest first, shown in reading order."""
    strong = [q for q in quotes if q.kind == "full" and q.speaker]
    best = sorted(strong, key=lambda q: (-q.confidence, -len(q.text)))[:CALLOUTS]
    return tuple(q for q in strong if q in best)


def collect_actors(briefings: Sequence[BriefingView]) -> list[SiteActor]:
    """One entry per actor id over all briefings (which come newest first)."""
    seen: dict[str, list[tuple[BriefingView, ActorRef]]] = defaultdict(list)
    for briefing in briefings:
        for ref in (*briefing.people, *briefing.organisations):
            seen[ref.id].append((briefing, ref))
    weight = rarity({actor_id: len(items) for actor_id, items in seen.items()}, len(briefings))
    out = []
    for actor_id, items in sorted(seen.items()):
        names = Counter(ref.name for _, ref in items)
        name = max(names, key=lambda n: (names[n], len(n), n))
        roles = tuple(dict.fromkeys(ref.role for _, ref in items if ref.role))
        ledger = tuple(
            LedgerQuote(q, b.headline, b.url, b.date)
            for b, _ in items
            for q in b.quotes
            if q.speaker_url == actor_url(actor_id)
        )
        out.append(
            SiteActor(
                id=actor_id,
                name=name,
                type=items[0][1].type,
                path=f"actors/{actor_id}.md",
                url=actor_url(actor_id),
                roles=roles,
                aliases=tuple(sorted(set(names) - {name})),
                appearances=tuple(Appearance(b.headline, b.url, b.date, r.role, r.mentions) for b, r in items),
                quotes=ledger,
                seen_with=companions(actor_id, [b for b, _ in items], weight),
            )
        )
    return out


def rarity(briefings_with: dict[str, int], total: int) -> dict[str, float]:
    """How telling each actor is on a site of `total` briefings: its inverse document
    frequency, log((total + 1) / briefings with it), near 0 for one in every briefing."""
    return {actor_id: math.log((total + 1) / n) for actor_id, n in briefings_with.items()}


def companions(actor_id: str, briefings: Sequence[BriefingView], rarity: dict[str, float]) -> tuple[Companion, ...]:
    """The actors most telling about `actor_id`: each shared briefing counts by the companion's
    rarity on the site (an agency in every story tells little); ties go to the companion with
    more quotes in these briefings, then to the one seen in the newest of them."""
    score: dict[str, float] = defaultdict(float)
    shared: Counter[str] = Counter()
    said: Counter[str] = Counter()
    names: dict[str, str] = {}
    for briefing in briefings:
        for ref in {r.id: r for r in (*briefing.people, *briefing.organisations)}.values():
            if ref.id != actor_id:
                score[ref.id] += rarity[ref.id]
                shared[ref.id] += 1
                said[ref.id] += ref.quotes
                names.setdefault(ref.id, ref.name)
    first_seen = {k: i for i, k in enumerate(names)}
    ranked = sorted(names, key=lambda k: (-score[k], -said[k], first_seen[k]))[:COMPANIONS]
    return tuple(Companion(names[k], actor_url(k), shared[k]) for k in ranked)
