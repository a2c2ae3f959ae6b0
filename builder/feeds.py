"""What feed readers and search engines read: Atom feeds and `NewsArticle` JSON-LD.

Both are built from the views in `builder.context` with a writer that escapes for its format:
Atom with `xml.etree.ElementTree` (text and attributes escaped by the XML writer, characters
that XML forbids dropped), JSON-LD with `json.dumps`, then `<`, `>` and `&` written as
`\\u003c`, `\\u003e`, `\\u0026` so that article text can never close the `<script>` element.
Absolute addresses start with the site's URL, `site_url` in `mkdocs.yml`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from markupsafe import Markup

from builder.context import ActorRef, BriefingView

ATOM = "http://www.w3.org/2005/Atom"
DEFAULT_SITE_URL = "https://briefings.example.org/"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """The site as feeds, JSON-LD and social cards name it (from `mkdocs.yml`)."""

    name: str = "Briefings"
    url: str = DEFAULT_SITE_URL
    """Absolute, ending in `/`."""
    updated: str | None = None
    """The build's date (RFC 3339): a feed's `updated` when none of its briefings is dated, and
    an undated briefing's, the same in every feed (`render` sets it from `publish.build_epoch`)."""

    def absolute(self, url: str) -> str:
        """A site-relative URL (`briefings/x.html`) as an absolute one."""
        if url.startswith(("/", ".", "#", "?")) or ":" in url:
            return urljoin(self.url, url)
        return self.url + url  # the common case, without urljoin's parsing


def site_info(config: Path) -> SiteInfo:
    """`site_name` and `site_url` of the MkDocs configuration (`!ENV` tags resolved)."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with config.open(encoding="utf-8") as f:
            data = yaml_load(f) or {}
    except (OSError, Exception):  # noqa: BLE001 - publish reports a broken configuration with its path
        return SiteInfo()
    url = str(data.get("site_url") or DEFAULT_SITE_URL)
    return SiteInfo(str(data.get("site_name") or "Briefings"), url if url.endswith("/") else url + "/")


def clean(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold."""
    return NOT_XML.sub("", text)


def epoch_time(epoch: int) -> str:
    """Seconds since 1970 as an RFC 3339 time (`2024-05-07T00:00:00Z`)."""
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_time(day: str | None) -> str | None:
    """`2024-05-07` as an RFC 3339 time (`2024-05-07T00:00:00Z`); None if it is not an ISO date."""
    return f"{day}T00:00:00Z" if day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else None


def atom_feed(
    site: SiteInfo,
    title: str,
    feed_url: str,
    page_url: str,
    briefings: Sequence[BriefingView],
    entries: dict[str, ET.Element] | None = None,
) -> str:
    """An Atom document (RFC 4287) of `briefings`, newest first; URLs are site-relative.
    `entries` keeps each briefing's entry for the next feed it is in (one per actor)."""
    ET.register_namespace("", ATOM)
    times = [t for t in (atom_time(b.date) for b in briefings) if t]
    fallback = site.updated or epoch_time(0)
    updated = max(times, default=fallback)
    feed = ET.Element(f"{{{ATOM}}}feed")
    add(feed, "id", site.absolute(feed_url))
    add(feed, "title", title)
    add(feed, "updated", updated)
    add(feed, "link", rel="self", type="application/atom+xml", href=site.absolute(feed_url))
    add(feed, "link", rel="alternate", type="text/html", href=site.absolute(page_url))
    author = add(feed, "author")
    add(author, "name", site.name)
    add(author, "uri", site.url)
    add(feed, "generator", "Briefings")
    made = {} if entries is None else entries
    for b in briefings:
        if b.url not in made:
            made[b.url] = entry(site, b, fallback)  # the build's date stands in for a briefing without one
        feed.append(made[b.url])
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def entry(site: SiteInfo, b: BriefingView, fallback: str) -> ET.Element:
    item = ET.Element(f"{{{ATOM}}}entry")
    add(item, "id", site.absolute(b.url))
    add(item, "title", b.headline)
    add(item, "link", rel="alternate", type="text/html", href=site.absolute(b.url))
    when = atom_time(b.date)
    add(item, "updated", when or fallback)
    if when:
        add(item, "published", when)
    for name in b.authors or ((b.source,) if b.source else ()):
        add(add(item, "author"), "name", name)
    for name in b.contributors:
        add(add(item, "contributor"), "name", name)
    for ref in (*b.people, *b.organisations):
        add(item, "category", term=ref.id, label=ref.name, scheme=site.absolute("actors/"))
    add(item, "summary", " ".join(b.summary) or b.teaser, type="text")
    if b.licence:
        add(item, "rights", f"{b.licence}; original: {b.source_url or b.source or 'see the briefing'}")
    return item


def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: clean(v) for k, v in attributes.items()})
    if text is not None:
        child.text = clean(text)
    return child


# ------------------------------------------------------------------ JSON-LD


def script_json(data: Any) -> Markup:
    """JSON that is safe inside `<script type="application/ld+json">`: no `<`, `>` or `&` in it."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
    for char, code in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, code)
    return Markup(text)


def thing(site: SiteInfo, ref: ActorRef) -> dict[str, str]:
    kind = "Person" if ref.type == "PERSON" else "Organization"
    return {"@type": kind, "name": ref.name, "url": site.absolute(ref.url)}


def news_article(site: SiteInfo, b: BriefingView) -> dict[str, Any]:
    """schema.org `NewsArticle` of a briefing: `about` its main actors, `mentions` every actor."""
    url = site.absolute(b.url)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": b.headline,
        "url": url,
        "mainEntityOfPage": url,
        "description": b.teaser,
        "inLanguage": "en",
        "wordCount": b.words,
    }
    if b.date:
        data["datePublished"] = data["dateModified"] = b.date
    site_org = {"@type": "Organization", "name": site.name, "url": site.url}
    source = {"@type": "Organization", "name": b.source} if b.source else None
    data["author"] = [{"@type": "Person", "name": n} for n in b.authors] or [
        source or {"@type": "Organization", "name": site.name}
    ]
    if b.contributors:
        data["contributor"] = [{"@type": "Person", "name": n} for n in b.contributors]
    data["publisher"] = source or site_org  # the publication the article comes from (`Associated Press`)
    if source:
        data["sourceOrganization"] = source
    if b.source_url:
        data["isBasedOn"] = b.source_url
    if b.licence:
        data["license"] = b.licence_url or b.licence
    if b.top_actors:
        data["about"] = [thing(site, r) for r in b.top_actors]
    actors = [*b.people, *b.organisations]
    if actors:
        data["mentions"] = [thing(site, r) for r in actors]
    if b.places:
        data["contentLocation"] = [{"@type": "Place", "name": p} for p in b.places[:8]]
    if b.tags:
        data["keywords"] = list(b.tags)
    return data
