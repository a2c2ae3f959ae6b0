"""Stage 3: turn annotations into pages through the Jinja templates in `templates/`.

Article text is untrusted: templates autoescape everything, run in Jinja's sandbox, and see
Markdown from seeds only after markdown-it-py rendered it with raw HTML off. What each
template receives is typed in `builder.context`.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from builder import hints, identity, templatedoc
from builder.context import (
    ActorContext,
    ActorsContext,
    BriefingContext,
    HomeContext,
    QuotesContext,
    SiteActor,
    all_quotes,
    briefing_view,
    collect_actors,
    newest_first,
)
from builder.errors import RenderError
from builder.models import Annotation, Page

PAGE_TEMPLATES = ("home.html", "briefing.html", "actor.html", "actors.html", "quotes.html")
TEMPLATE_EXTENSIONS = ("html", "xml", "json", "txt", "md", "j2", "jinja")
"""Files in templates/ that `check` reads as templates (assets/ holds other kinds)."""


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


def render(annotations: Sequence[Annotation], templates: Path, aliases: Path | None = None) -> list[Page]:
    """Every page of the site. Gathers all data first, then renders each page once.

    `aliases` is the editors' aliases file (see `identity`); it may be missing."""
    env = environment(templates)
    who = identity.resolve(annotations, identity.load_aliases(aliases))
    briefings = [briefing_view(a, paragraph_html(a), who) for a in newest_first(annotations)]
    actors = collect_actors(briefings)
    pages = [page(env, "home.html", "index.md", "Latest briefings", HomeContext(root="", briefings=briefings))]
    for briefing in briefings:
        context = BriefingContext(root="../", briefing=briefing)
        pages.append(page(env, "briefing.html", briefing.path, briefing.headline, context))
    for actor in actors:
        pages.append(page(env, "actor.html", actor.path, actor.name, ActorContext(root="../", actor=actor)))
    people = [a for a in actors if a.type == "PERSON"]
    orgs = [a for a in actors if a.type == "ORG"]
    index = ActorsContext(root="../", people=sorted_by_name(people), organisations=sorted_by_name(orgs))
    pages.append(page(env, "actors.html", "actors/index.md", "Actors", index))
    pages.append(page(env, "quotes.html", "quotes.md", "Quotes", QuotesContext(root="", quotes=all_quotes(briefings))))
    return pages


def sorted_by_name(actors: list[SiteActor]) -> list[SiteActor]:
    return sorted(actors, key=lambda a: (a.name.casefold(), a.id))


def page(env: jinja2.Environment, template: str, path: str, title: str, context: Any) -> Page:
    return Page(path=path, title=title, html=render_template(env, template, dict(context)))


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
    names = set(PAGE_TEMPLATES) | set(env.list_templates(extensions=TEMPLATE_EXTENSIONS))
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

