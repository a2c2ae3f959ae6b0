"""The plain, frozen data that crosses stages.

ingest -> `Article`; annotate -> `Annotation` (an Article plus what the model found);
render -> `Page`. Nothing here knows about spaCy, Jinja or MkDocs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

SCHEMA = 1
"""Version of the annotate JSON (`Annotation.as_dict`). Bump it when a field changes meaning."""

QuoteKind = Literal["full", "partial", "chant", "indirect"]


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place and agency that open a wire story: `WASHINGTON (AP) —`."""

    place: str
    """Where the story was filed, as written (`WASHINGTON`); empty for `(CNN) —`."""
    source: str | None = None
    """The agency in brackets (`AP`), or named by a sign-off (` Reuter` -> `Reuters`), or None."""
    when: str | None = None
    """The day as the dateline writes it (`April 8`), or None."""

    @property
    def label(self) -> str:
        """The dateline as a reader sees it: `WASHINGTON, April 8 (AP)`."""
        where = ", ".join(part for part in (self.place, self.when) if part)
        return f"{where} ({self.source})".strip() if self.source else where


RemovedKind = Literal["boilerplate", "caption", "date line", "byline", "dateline", "contributors"]


@dataclass(frozen=True, slots=True)
class Removed:
    """Text that ingest took out of the body, kept so that nothing the writer wrote is lost."""

    text: str
    kind: RemovedKind
    """`boilerplate` (not the article: forms, footers, captions, sign-offs), `caption` (a
    picture's caption left in the text without its markup: `captions`), or a part of the
    article shown elsewhere on the page (date line or timestamp, byline, dateline,
    contributor line)."""
    reason: str
    """Why: the `reason` of the matching entry in `data/boilerplate.yml`, else what the part
    is (`timestamp`, `contributor line`)."""
    line: int | None = None
    """Line of the seed file where the text was."""


@dataclass(frozen=True, slots=True)
class Repair:
    """A change ingest made to the writer's text, recorded so it can be checked."""

    kind: str
    """What was repaired: `mojibake`, `glued words`, `headline case`, ..."""
    before: str
    after: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One seed file, parsed: the writer's text and what surrounds it."""

    slug: str
    """URL-safe name, unique in the site; the page is `briefings/<slug>.html`."""
    source_path: str
    """The seed file, as given to ingest (for messages and the page's provenance)."""
    headline: str
    paragraphs: tuple[str, ...]
    """Body paragraphs as plain text, in order; what the model reads."""
    markdown: tuple[str, ...] = ()
    """For `.md` seeds, the Markdown source of each paragraph (same length as `paragraphs`)."""
    dateline: Dateline | None = None
    date: str | None = None
    """ISO date (`2023-11-06`) from front matter or a date line, or None."""
    authors: tuple[str, ...] = ()
    contributors: tuple[str, ...] = ()
    """People credited in a contributor line; never actors."""
    removed: tuple[Removed, ...] = ()
    """Everything taken out of the body, in order, with the reason."""
    repairs: tuple[Repair, ...] = ()
    source: str | None = None
    """Publication the article comes from (`Wikinews`)."""
    url: str | None = None
    licence: str | None = None
    tags: tuple[str, ...] = ()
    draft: bool = False

    @property
    def boilerplate(self) -> tuple[str, ...]:
        """The removed text that is not part of the article (forms, footers, captions, sign-offs)."""
        return tuple(r.text for r in self.removed if r.kind == "boilerplate")

    @property
    def text(self) -> str:
        """The body as one string; entity offsets count from its first character."""
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention of an entity: its name, a role that stands for it (`the prime minister`) or
    a pronoun."""

    text: str
    kind: Literal["name", "role", "pronoun"]
    start: int
    end: int
    paragraph: int = 0
    """Index into `Article.paragraphs`."""


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place, group or other named thing of the article (the entity
    model of `annotators.entities`): its fullest name, its first mention's offsets in
    `Article.text`, and every mention."""

    text: str
    label: str
    """PERSON, ORG, GPE (a place the gazetteer knows), GROUP (nationalities, parties read as
    groups) or OTHER (works, products, events, names with no evidence of being an actor)."""
    start: int
    end: int
    id: str = ""
    """The actor id the entity would have (`actors/<id>.html` when it is an actor)."""
    mentions: tuple[EntityMention, ...] = ()
    evidence: tuple[str, ...] = ()
    """Why it has its type: `given name`, `honorific`, `role`, `speaker`, `body word`, ..."""
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """One person or organisation of an article, its mentions clustered."""

    id: str
    """Stable across builds and articles: the actor page is `actors/<id>.html`."""
    name: str
    """Canonical (longest) name."""
    type: Literal["PERSON", "ORG"]
    role: str | None = None
    """Title or function as written in the article (`Secretary of State`)."""
    aliases: tuple[str, ...] = ()
    """Other names the article uses for this actor."""
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation and who said it."""

    text: str
    """The words between the quotation marks (for `indirect`, the reported statement)."""
    paragraph: int
    """Index into `Article.paragraphs`."""
    kind: QuoteKind = "full"
    speaker: str | None = None
    """Canonical name of the speaking actor, or None (scare quotes, unknown speaker)."""
    speaker_id: str | None = None
    cue: str | None = None
    """The verb that introduces the quote (`said`, `added`)."""
    content: str | None = None
    """For a partial quote, the whole reported statement around it; else None."""
    confidence: float = 0.0
    rule: str | None = None
    """The speaker rule that answered (`annotators.speakers.SPEAKER_RULES`), or None."""
    continues: int | None = None
    """Index (into `Annotation.quotes`) of the quote this one goes on with: the second half of
    a quote split around its cue, its next paragraph, another phrase of the same clause."""


@dataclass(frozen=True, slots=True)
class KeyNumber:
    """A number that matters in the story and what it counts."""

    value: str
    context: str


@dataclass(frozen=True, slots=True)
class Annotation:
    """An article and everything the model found in it."""

    article: Article
    entities: tuple[Entity, ...] = ()
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    summary: tuple[str, ...] = ()
    key_numbers: tuple[KeyNumber, ...] = ()
    places: tuple[str, ...] = ()
    """Places (GPE, LOC) named in the article, most mentioned first."""
    groups: tuple[str, ...] = ()
    """Nationalities and groups (NORP: `Israeli`, `Palestinians`) named, most mentioned first."""
    words: int = 0
    reading_minutes: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The annotate JSON (DESIGN.md), schema `SCHEMA`."""
        a = self.article
        return {
            "schema": SCHEMA,
            "slug": a.slug,
            "source_path": a.source_path,
            "headline": a.headline,
            "dateline": asdict(a.dateline) if a.dateline else None,
            "date": a.date,
            "authors": list(a.authors),
            "contributors": list(a.contributors),
            "boilerplate": list(a.boilerplate),
            "removed": [asdict(r) for r in a.removed],
            "repairs": [asdict(r) for r in a.repairs],
            "source": a.source,
            "url": a.url,
            "licence": a.licence,
            "tags": list(a.tags),
            "paragraphs": list(a.paragraphs),
            **self.findings(),
        }

    def findings(self) -> dict[str, Any]:
        """What the model found: the part of the JSON that the annotation cache stores."""
        return {
            "entities": [asdict(e) for e in self.entities],
            "actors": [asdict(x) | {"aliases": list(x.aliases)} for x in self.actors],
            "quotes": [asdict(q) for q in self.quotes],
            "summary": list(self.summary),
            "key_numbers": [asdict(k) for k in self.key_numbers],
            "places": list(self.places),
            "groups": list(self.groups),
            "words": self.words,
            "reading_minutes": self.reading_minutes,
        }

    @classmethod
    def from_findings(cls, article: Article, data: dict[str, Any]) -> Annotation:
        """Rebuild an annotation from `findings()` output (the cache)."""
        return cls(
            article=article,
            entities=tuple(entity_from(e) for e in data["entities"]),
            actors=tuple(Actor(**(x | {"aliases": tuple(x["aliases"])})) for x in data["actors"]),
            quotes=tuple(Quote(**q) for q in data["quotes"]),
            summary=tuple(data["summary"]),
            key_numbers=tuple(KeyNumber(**k) for k in data["key_numbers"]),
            places=tuple(data["places"]),
            groups=tuple(data["groups"]),
            words=data["words"],
            reading_minutes=data["reading_minutes"],
        )


def entity_from(data: dict[str, Any]) -> Entity:
    mentions = tuple(EntityMention(**m) for m in data.get("mentions", ()))
    return Entity(**(data | {"mentions": mentions, "evidence": tuple(data.get("evidence", ()))}))


@dataclass(frozen=True, slots=True)
class Page:
    """One rendered page, ready for the site generator."""

    path: str
    """Path under the docs folder, `/`-separated, ending in `.md` (`briefings/<slug>.md`)."""
    title: str
    """Plain-text title (escaped by publish, not here)."""
    html: str
    """The page body: HTML from a template, already escaped. For a path not ending in `.md`
    (a feed), the whole file as it is published."""
    meta: tuple[tuple[str, str], ...] = ()
    """Plain-text values for the page's `<head>` (`description`, `og_type`, `feed`, ...);
    publish escapes them into the front matter, the theme's `main.html` prints them."""


@dataclass(frozen=True, slots=True)
class Notice:
    """A problem with one input that did not stop the build (a failure under `--strict`)."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
