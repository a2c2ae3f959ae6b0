"""The template context as an API: documented from `builder.context`, checked against templates.

`document()` writes TEMPLATES.md: for each page kind, every variable its template receives,
with its type and meaning, then every view type reachable from them. It is generated from
the typed context (`python -m builder.templatedoc > TEMPLATES.md`); meanings come from the
docstrings under each field in `builder/context.py` (or `models.py`), else `MEANINGS`.

`check(env)` reads every template without rendering it: syntax errors, and every variable
and field a page template uses that its typed context does not have, each at its line.
A page template `NAME.html` receives `<Name>Context` (`actors.html` -> `ActorsContext`).
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import sys
import types
import typing
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from builder import context as typed_context
from builder import hints
from builder.errors import RenderError

MEANINGS = {
    "ActorsContext.people": "Every person on the site, by name.",
    "ActorsContext.organisations": "Every organisation on the site, by name.",
    "SiteActor.quotes": "Every quote attributed to the actor, newest briefing first.",
    "quote": "The quote itself.",
    "aliases": "Other names the actor goes by in briefings.",
    "root": "Path from this page back to the site root (`\"\"` or `\"../\"`); write links as `{{ root }}{{ x.url }}`.",
    "id": "Stable identifier, used in addresses.",
    "slug": "The briefing's address name (from the file name or front matter `slug`).",
    "path": "Where the page is written, relative to the site root (`.md`).",
    "url": "Address of the page relative to the site root (`.html`).",
    "headline": "The article's headline, plain text (escaped on output).",
    "name": "Display name, plain text.",
    "type": "`PERSON` or `ORG`.",
    "date": "ISO date (`2024-05-07`), or none.",
    "role": "Role or title (`Secretary of State`), or none.",
    "mentions": "How many times the actor is mentioned.",
    "text": "The quoted words, plain text.",
    "speaker": "The speaker's name, or none.",
    "speaker_url": "Address of the speaker's actor page, or none.",
    "cue": "The speech verb (`said`), or none.",
    "confidence": "How sure the speaker attribution is, 0 to 1.",
    "authors": "Authors from front matter or the byline.",
    "contributors": "Contributors named at the end of the article.",
    "source": "Publication named in front matter, or none.",
    "source_url": "Link to the original (only http and https), or none.",
    "licence": "Licence of the article text, or none.",
    "summary": "Sentences that give the gist.",
    "key_numbers": "Numbers that matter, each with what it counts.",
    "quotes": "Quotes, in reading order.",
    "people": "Persons named, most mentioned first.",
    "organisations": "Organisations named, most mentioned first.",
    "places": "Places named, most mentioned first.",
    "words": "Word count of the article.",
    "reading_minutes": "Estimated reading time in minutes.",
    "dateline": "The wire dateline (`WASHINGTON (AP)`), or none.",
    "briefing": "The briefing shown on this page.",
    "briefings": "Briefings, newest first.",
    "actor": "The actor shown on this page.",
    "value": "The number as written (`10,000`).",
    "context": "What the number counts.",
    "place": "Where the story was filed, as written.",
    "when": "The day as the dateline writes it, or none.",
    "label": "The dateline as a reader sees it.",
}
"""Meanings of fields that carry no docstring in `builder/context.py` (`Class.field` first, then `field`)."""
PASS_THROUGH = {"sort", "reverse", "unique", "list", "select", "reject", "selectattr", "rejectattr", "default", "d"}
ONE_OF = {"first", "last", "random", "min", "max"}


# ------------------------------------------------------------------ types


def page_contexts() -> dict[str, type]:
    """Each `...Context` TypedDict of `builder.context`, by the template stem it serves."""
    found = {}
    for name, value in vars(typed_context).items():
        if name.endswith("Context") and typing.is_typeddict(value):
            found[name.removesuffix("Context").lower()] = value
    return found


def context_for(template: str) -> type | None:
    stem = Path(template).name.split(".")[0]
    return page_contexts().get(stem.replace("-", "").replace("_", "").lower())


def unwrap(tp: Any) -> Any:
    """`X | None` -> `X`; other types as they are."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else None
    return tp


def element(tp: Any) -> Any:
    """The item type of `list[T]`, `tuple[T, ...]`, `Sequence[T]`; else None."""
    args = typing.get_args(unwrap(tp))
    return args[0] if args else None


@cache
def fields(tp: Any) -> dict[str, Any] | None:
    """Fields and properties of a dataclass or TypedDict with their types; None for other types."""
    tp = unwrap(tp)
    if not (isinstance(tp, type) and (dataclasses.is_dataclass(tp) or typing.is_typeddict(tp))):
        return None
    found = dict(typing.get_type_hints(tp))
    for name, value in vars(tp).items():
        if isinstance(value, property) and value.fget is not None:
            found[name] = typing.get_type_hints(value.fget).get("return")
    return found


def type_name(tp: Any) -> str:
    if tp is None or tp is type(None):
        return "None"
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(type_name(a) for a in args)
    if origin is not None:
        shown = [("..." if a is Ellipsis else type_name(a)) for a in args]
        return f"{getattr(origin, '__name__', str(origin))}[{', '.join(shown)}]"
    return getattr(tp, "__name__", str(tp))


def named_types(tp: Any) -> Iterator[type]:
    """The dataclasses and TypedDicts inside a type (`tuple[QuoteView, ...]` -> QuoteView)."""
    if fields(tp) is not None:
        yield unwrap(tp)
    for arg in typing.get_args(tp):
        yield from named_types(arg)


# ------------------------------------------------------------------ the document


@cache
def field_docs(cls: type) -> dict[str, str]:
    """Docstrings written under each field of `cls` in its source, and property docstrings."""
    docs: dict[str, str] = {}
    try:
        tree = ast.parse(inspect.getsource(sys.modules[cls.__module__]))
    except (OSError, TypeError, KeyError):
        return docs
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == cls.__name__:
            body = node.body
            for statement, following in zip(body, [*body[1:], None], strict=True):
                documented = isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and documented:
                    assert isinstance(following, ast.Expr)
                    docs[statement.target.id] = str(following.value.value)
    for name, value in vars(cls).items():
        if isinstance(value, property) and value.__doc__:
            docs[name] = value.__doc__
    return docs


def meaning(cls: type, name: str) -> str:
    text = field_docs(cls).get(name) or MEANINGS.get(f"{cls.__name__}.{name}") or MEANINGS.get(name, "")
    return " ".join(text.split())


def table(cls: type) -> list[str]:
    rows = ["| Variable | Type | Meaning |", "|---|---|---|"]
    for name, tp in (fields(cls) or {}).items():
        text, shown = meaning(cls, name).replace("|", "\\|"), type_name(tp).replace("|", "\\|")
        rows.append(f"| `{name}` | `{shown}` | {text} |")
    return rows


def document() -> str:
    """TEMPLATES.md: the variables of each page kind, then every view type they hold."""
    out = [
        "# Template context",
        "",
        "<!-- Generated by `python -m builder.templatedoc > TEMPLATES.md` from builder/context.py; do not edit. -->",
        "",
        "Each page template in `templates/` receives the variables below. Everything is escaped on",
        "output unless its type is `Markup` (already safe HTML). Templates run in Jinja's sandbox with",
        "`StrictUndefined`: a name or field that is not listed here is an error naming the template and line.",
        "`python -m builder check` finds those errors without building.",
        "",
    ]
    views: dict[str, type] = {}
    for stem, cls in sorted(page_contexts().items()):
        out += [f"## `{stem}.html` ({cls.__name__})", ""]
        if cls.__doc__ and "TypedDict" not in cls.__doc__:
            out += [" ".join(cls.__doc__.split()), ""]
        out += [*table(cls), ""]
        for tp in (fields(cls) or {}).values():
            views.update((t.__name__, t) for t in named_types(tp))
    seen: set[str] = set()
    queue = sorted(views)
    out += ["# Types inside the context", ""]
    while queue:
        name = queue.pop(0)
        if name in seen:
            continue
        seen.add(name)
        cls = views[name]
        out += [f"## {name}", ""]
        if cls.__doc__ and not cls.__doc__.startswith(f"{name}("):
            out += [" ".join(cls.__doc__.split()), ""]
        out += [*table(cls), ""]
        for tp in (fields(cls) or {}).values():
            for inner in named_types(tp):
                views[inner.__name__] = inner
                queue.append(inner.__name__)
    return "\n".join(out).rstrip() + "\n"


# ------------------------------------------------------------------ checking templates


class Checker:
    """Walks one template's syntax tree, giving each expression the type it has in the context."""

    def __init__(self, env: jinja2.Environment, root: Path):
        self.env, self.root = env, root
        self.problems: list[RenderError] = []
        self.used: set[tuple[str, str]] = set()
        """(type name, field) pairs the templates read."""
        self.file = ""
        self.walking: list[str] = []

    def template(self, name: str, scope: dict[str, Any]) -> None:
        if name in self.walking:
            return
        source, _, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        tree = self.env.parse(source, name)
        outer, self.file = self.file, name
        self.walking.append(name)
        self.statements(tree.body, scope)
        self.walking.pop()
        self.file = outer

    def problem(self, node: nodes.Node, message: str, hint: str | None = None) -> None:
        path = self.root / self.file
        self.problems.append(RenderError(message, path, node.lineno, hints.source_line(path, node.lineno), hint))

    def statements(self, body: list[nodes.Node], scope: dict[str, Any]) -> None:
        for node in body:
            self.statement(node, scope)

    def statement(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name):
            scope[node.target.name] = self.expr(node.node, scope)
        elif isinstance(node, nodes.For):
            inner = dict(scope, loop=None)
            item = element(self.expr(node.iter, scope))
            self.bind(node.target, item, inner)
            if node.test is not None:
                self.expr(node.test, inner)
            self.statements(node.body, inner)
            self.statements(node.else_, dict(scope))
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            inner = dict(scope, caller=None, varargs=None, kwargs=None)
            for arg in node.args:
                inner[arg.name] = None
            if isinstance(node, nodes.CallBlock):
                self.expr(node.call, scope)
            else:
                scope[node.name] = None
            self.statements(node.body, inner)
        elif isinstance(node, nodes.Include | nodes.Extends) and isinstance(node.template, nodes.Const):
            self.included(node, str(node.template.value), scope)
        elif isinstance(node, nodes.Import | nodes.FromImport):
            for name in [node.target] if isinstance(node, nodes.Import) else node.names:
                scope[name if isinstance(name, str) else name[-1]] = None
        else:
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Expr):
                    self.expr(child, scope)
                else:
                    self.statement(child, scope)

    def included(self, node: nodes.Node, name: str, scope: dict[str, Any]) -> None:
        try:
            self.template(name, dict(scope))
        except jinja2.TemplateNotFound as error:
            self.problem(node, f"template '{name}' not found", hints.hint(error, self.env))
        except jinja2.TemplateSyntaxError:
            pass  # reported once, by the syntax pass

    def bind(self, target: nodes.Node, tp: Any, scope: dict[str, Any]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = tp
        for child in target.iter_child_nodes():
            self.bind(child, None, scope)

    def expr(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        """The type of `node`, or None when it is not known; unknown names and fields are problems."""
        if isinstance(node, nodes.Name):
            if node.name not in scope and node.name not in self.env.globals:
                given = [n for n in scope if n not in ("loop", "caller", "varargs", "kwargs")]
                self.problem(
                    node, f"'{node.name}' is undefined", hints.one_of("variables this page receives", node.name, given)
                )
            return scope.get(node.name)
        if isinstance(node, nodes.Getattr):
            return self.field(node, self.expr(node.node, scope), node.attr)
        if isinstance(node, nodes.Getitem):
            of = self.expr(node.node, scope)
            if isinstance(node.arg, nodes.Slice):
                self.expr(node.arg, scope)
                return of
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.field(node, of, node.arg.value)
            self.expr(node.arg, scope)
            return element(of)
        found = [self.expr(c, scope) for c in node.iter_child_nodes() if isinstance(c, nodes.Node)]
        if isinstance(node, nodes.Filter) and node.node is not None and found:
            if node.name in PASS_THROUGH:
                return found[0]
            if node.name in ONE_OF:
                return element(found[0])
        return None

    def field(self, node: nodes.Node, of: Any, name: str) -> Any:
        known = fields(of)
        if known is None:
            return None
        kind = unwrap(of).__name__
        if name not in known:
            self.problem(
                node, f"'{kind}' has no field '{name}'", hints.one_of(f"fields of {kind}", name, known)
            )
            return None
        self.used.add((kind, name))
        return known[name]


def checker(env: jinja2.Environment) -> Checker:
    root = Path(str(env.loader.searchpath[0])) if isinstance(env.loader, jinja2.FileSystemLoader) else Path()
    walk = Checker(env, root)
    for name in env.list_templates(filter_func=lambda n: not n.startswith("assets/")):
        cls = context_for(name)
        if cls is None:
            continue
        try:
            walk.template(name, dict.fromkeys(fields(cls) or {}) | (fields(cls) or {}))
        except jinja2.TemplateError:
            continue  # syntax errors are reported by `render.template_problems`
    return walk


def check(env: jinja2.Environment) -> list[RenderError]:
    """Every unknown variable or field in the page templates, each at its file and line."""
    return checker(env).problems


if __name__ == "__main__":
    sys.stdout.write(document())
