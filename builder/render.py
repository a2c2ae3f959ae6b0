"""Stage 3: turn annotations into pages through the Jinja templates in `templates/`.

Article text is untrusted: templates autoescape everything, run in Jinja's sandbox, and see
Markdown from seeds only after markdown-it-py rendered it with raw HTML off. What each
template receives is typed in `builder.context`.
"""

from __future__ import annotations

import traceback
from dataclasses import replace
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markupsafe import Markup

from builder import charts, feeds, hints, identity, indexes, publish, templatedoc
from builder.context import (
    ActorContext,
    ActorsContext,
    BriefingContext,
    BriefingView,
    HomeContext,
    LetterContext,
    MonthContext,
    Pager,
    PlacesContext,
    QuotesContext,
    SearchContext,
    SiteActor,
    Tag,
    TagContext,
    TagsContext,
    TimelineContext,
    actor_url,
    briefing_view,
    collect_actors,
    newest_first,
)
from builder.errors import RenderError
from builder.feeds import SiteInfo
from builder.links import link_mentions
from builder.models import Annotation, Page

FEED_ALL = "feeds/briefings.xml"
"""The Atom feed of every briefing; each actor has `feeds/actors/<id>.xml`."""

PAGE_TEMPLATES = (
    "home.html",
    "briefing.html",
    "actor.html",
    "actors.html",
    "quotes.html",
    "places.html",
    "timeline.html",
    "month.html",
    "letter.html",
    "tags.html",
    "tag.html",
    "search.html",
)
TEMPLATE_EXTENSIONS = ("html", "xml", "json", "txt", "md", "j2", "jinja")
"""Files in templates/ that `check` reads as templates (assets/ holds other kinds, theme/ the
MkDocs theme's templates, which extend the theme's own and are checked by MkDocs)."""


def environment(templates: Path) -> jinja2.Environment:
    """The one Jinja environment: sandboxed, autoescaping, strict about unknown variables."""
    if not templates.is_dir():
        raise RenderError("templates folder not found", templates)
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def render(
    annotations: Sequence[Annotation],
    templates: Path,
    who: identity.Identities | None = None,
    site: SiteInfo | None = None,
) -> list[Page]:
    """Every page of the site, and its feeds. Gathers all data first, then renders each page once.

    `who` is who is who across briefings (`identity.resolve`, a stage of `pipeline.build`);
    without it, actors of the same name are one. `site` gives the site's name and address for
    feeds and JSON-LD (see `feeds.site_info`)."""
    site = site or SiteInfo()
    if site.updated is None:
        site = replace(site, updated=feeds.epoch_time(publish.build_epoch(annotations)))
    env = environment(templates)
    who = who or identity.resolve(annotations)
    briefings = [briefing_view(a, linked_paragraphs(a, who), who) for a in newest_first(annotations)]
    actors = collect_actors(briefings)
    homes = indexes.home_pages(briefings)
    period, quoted = indexes.most_quoted(briefings)
    chart = charts.bars("chart-quoted", f"Most quoted people, {period}", "quotes", quoted)
    pages = [home_page(env, *homes[0], chart, period)]
    pages += briefing_pages(env, site, briefings)
    pages += [actor_page(env, actor) for actor in actors]
    pages += actors_pages(env, actors)
    pages += quotes_pages(env, briefings)
    pages.append(
        page(env, "places.html", "places.md", "Places", PlacesContext(root="", places=indexes.places(briefings)))
    )
    pages += timeline_pages(env, briefings)
    tags = indexes.tags(briefings)
    pages += tag_pages(env, tags)
    pages.append(page(env, "search.html", "search.md", "Search", SearchContext(root="")))
    pages += [home_page(env, pager, items) for pager, items in homes[1:]]
    pages += feed_pages(site, briefings, actors, tags)
    return pages


def home_page(
    env: jinja2.Environment, pager: Pager, briefings: list[BriefingView], chart: Markup | None = None, period: str = ""
) -> Page:
    root = "" if pager.number == 1 else "../"
    title = "Latest briefings" if pager.number == 1 else f"Briefings, page {pager.number}"
    meta = {"description": "The latest annotated news briefings", "feed": FEED_ALL, "feed_title": "All briefings"}
    context = HomeContext(
        root=root, briefings=briefings, pager=pager, quoted_chart=chart or Markup(""), quoted_period=period
    )
    return page(env, "home.html", indexes.home_path(pager.number), title, context, meta)


def briefing_pages(env: jinja2.Environment, site: SiteInfo, briefings: list[BriefingView]) -> list[Page]:
    related = indexes.related(briefings)
    pages = []
    for b in briefings:
        jsonld = feeds.script_json(feeds.news_article(site, b))
        chart = charts.bars("chart-speakers", "Who speaks: quotes per speaker", "quotes", indexes.speakers(b))
        context = BriefingContext(root="../", briefing=b, related=related[b.slug], jsonld=jsonld, speakers_chart=chart)
        meta = {"description": b.teaser, "og_type": "article", "published": b.date or ""}
        pages.append(page(env, "briefing.html", b.path, b.headline, context, meta))
    return pages


def actors_pages(env: jinja2.Environment, actors: list[SiteActor]) -> list[Page]:
    """Actors A-Z: the index (letters and the most seen), and a page per letter."""
    letters = indexes.letters(actors)
    index = ActorsContext(root="../", letters=letters, most_seen=indexes.most_seen(actors))
    pages = [page(env, "actors.html", "actors/index.md", "Actors", index)]
    for letter in letters:
        context = LetterContext(root="../../", letter=letter, letters=letters)
        pages.append(page(env, "letter.html", letter.path, f"Actors: {letter.letter}", context))
    return pages


def quotes_pages(env: jinja2.Environment, briefings: list[BriefingView]) -> list[Page]:
    """The quotes pages: full quotes grouped by briefing, newest first, paged like the home page."""
    pages = []
    for pager, groups in indexes.quote_pages(briefings):
        title = "Quotes" if pager.number == 1 else f"Quotes, page {pager.number}"
        context = QuotesContext(root="" if pager.number == 1 else "../", groups=groups, pager=pager)
        pages.append(page(env, "quotes.html", indexes.quotes_path(pager.number), title, context))
    return pages


def tag_pages(env: jinja2.Environment, tags: list[Tag]) -> list[Page]:
    """The tags page, and one page per tag with its feed."""
    pages = [page(env, "tags.html", "tags.md", "Tags", TagsContext(root="", tags=tags))]
    for tag in tags:
        meta = {
            "description": f"Briefings tagged {tag.name}",
            "feed": tag.feed_url,
            "feed_title": f"Briefings tagged {tag.name}",
        }
        pages.append(page(env, "tag.html", tag.path, f"Tagged {tag.name}", TagContext(root="../", tag=tag), meta))
    return pages


def actor_page(env: jinja2.Environment, actor: SiteActor) -> Page:
    feed = actor_feed(actor)
    kind = "person" if actor.type == "PERSON" else "organisation"
    meta = {
        "description": f"{actor.name}: every briefing and quote of this {kind}",
        "og_type": "profile" if actor.type == "PERSON" else "website",
        "feed": feed,
        "feed_title": f"Briefings with {actor.name}",
    }
    chart = charts.columns(
        "chart-mentions", f"Mentions of {actor.name} over time", "mentions", indexes.mentions_by_month(actor)
    )
    context = ActorContext(root="../", actor=actor, feed_url=feed, listed=indexes.ACTOR_LISTED, mentions_chart=chart)
    return page(env, "actor.html", actor.path, actor.name, context, meta)


def timeline_pages(env: jinja2.Environment, briefings: list[BriefingView]) -> list[Page]:
    months = indexes.timeline(briefings)
    index = TimelineContext(root="", months=months, per_month=indexes.MONTH_BRIEFINGS)
    pages = [page(env, "timeline.html", "timeline.md", "Timeline", index)]
    for month in months:
        context = MonthContext(root="../", month=month)
        pages.append(page(env, "month.html", month.path, f"Briefings of {month.label}", context))
    return pages


def actor_feed(actor: SiteActor) -> str:
    return f"feeds/actors/{actor.id}.xml"


def feed_pages(site: SiteInfo, briefings: list[BriefingView], actors: list[SiteActor], tags: list[Tag]) -> list[Page]:
    """Atom feeds: every briefing, per actor the briefings the actor is in, per tag the
    briefings with the tag (not HTML pages)."""
    out = [
        Page(
            FEED_ALL, f"{site.name}: all briefings", feeds.atom_feed(site, site.name, FEED_ALL, "index.html", briefings)
        )
    ]
    by_url = {b.url: b for b in briefings}
    entries: dict[str, Any] = {}
    for actor in actors:
        items = [by_url[a.url] for a in actor.appearances]
        title = f"{site.name}: {actor.name}"
        feed = feeds.atom_feed(site, title, actor_feed(actor), actor.url, items, entries)
        out.append(Page(actor_feed(actor), title, feed))
    for tag in tags:
        title = f"{site.name}: tagged {tag.name}"
        feed = feeds.atom_feed(site, title, tag.feed_url, tag.url, [by_url[b.url] for b in tag.briefings], entries)
        out.append(Page(tag.feed_url, title, feed))
    return out


def page(
    env: jinja2.Environment, template: str, path: str, title: str, context: Any, meta: dict[str, str] | None = None
) -> Page:
    """A page; `meta` goes into its `<head>` (description, Open Graph type, feed; see templates/theme)."""
    html = render_template(env, template, dict(context))
    return Page(path=path, title=title, html=html, meta=(("headline", title), *(meta or {}).items()))


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template; any Jinja error becomes a `RenderError` at `templates/NAME:LINE`."""
    try:
        return env.get_template(name).render(context)
    except Exception as error:  # noqa: BLE001 - a template may raise anything; report where
        raise located(error, env, name, context) from None


def template_problems(env: jinja2.Environment) -> list[RenderError]:
    """Every problem with the templates, without rendering them: syntax errors in any template,
    missing page templates, and names or fields a page template uses that its context lacks."""
    problems = []
    listed = env.list_templates(extensions=TEMPLATE_EXTENSIONS, filter_func=None)
    names = set(PAGE_TEMPLATES) | {n for n in listed if not n.startswith("theme/")}
    for name in sorted(names):
        try:
            env.get_template(name)
        except Exception as error:  # noqa: BLE001
            problems.append(located(error, env, name))
    return problems + templatedoc.check(env)


def located(error: Exception, env: jinja2.Environment, name: str, context: Any = ()) -> RenderError:
    """A Jinja error as a `RenderError` naming the template file and line, with the line and a hint."""
    root = Path(str(env.loader.searchpath[0])) if isinstance(env.loader, jinja2.FileSystemLoader) else Path()
    if isinstance(error, jinja2.TemplateSyntaxError):
        file, line, message = root / (error.name or name), error.lineno, f"syntax error: {error.message}"
    else:
        file, line = template_frame(error, root, name)
        if isinstance(error, jinja2.TemplateNotFound):
            message = f"template '{error.name}' not found"
        elif isinstance(error, jinja2.UndefinedError):
            message = str(error)
        else:
            message = f"{type(error).__name__}: {error}"
    return RenderError(message, file, line, hints.source_line(file, line), hints.hint(error, env, context))


def template_frame(error: BaseException, root: Path, name: str) -> tuple[Path, int | None]:
    """The innermost template file and line in the traceback of `error`."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.startswith(str(root)) and frame.filename.endswith((".html", ".md", ".j2")):
            return Path(frame.filename), frame.lineno
    return root / name, None


def linked_paragraphs(annotation: Annotation, who: identity.Identities) -> list[Markup]:
    """The paragraphs as safe HTML, the first mention of each actor in each linked to its page."""
    names: dict[str, str] = {}
    for actor in annotation.actors:
        url = actor_url(who.site_id(annotation.article.slug, actor.id))
        for name in (actor.name, *actor.aliases):
            names.setdefault(name, url)
    return [link_mentions(p, names, "../") for p in paragraph_html(annotation)]


def paragraph_html(annotation: Annotation) -> list[Markup]:
    """Each paragraph as safe HTML: Markdown seeds through markdown-it-py, text escaped."""
    article = annotation.article
    if article.markdown:
        return [Markup(markdown_html(source)) for source in article.markdown]
    return [Markup("<p>{}</p>").format(text) for text in article.paragraphs]


@cache
def markdown_html(source: str) -> str:
    """Markdown with raw HTML off and unsafe links (javascript:, data:) refused. An image
    becomes a link to it: a published page loads nothing from other hosts."""
    html: str = page_markdown().render(source)
    return html


@cache
def page_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    md.add_render_rule("image", image_link)
    return md


def image_link(renderer: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    """`![Flooded street](https://example.org/a.jpg)` -> a link `Image: Flooded street`."""
    token = tokens[index]
    alt = renderer.renderInlineAsText(token.children or [], options, env) or "image"
    src = str(token.attrGet("src") or "")
    return f'<a href="{escapeHtml(src)}">{escapeHtml("Image: " + alt)}</a>'
