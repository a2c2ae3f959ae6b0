"""What a template editor reads under a template error: the line itself and a guess at the fix.

`render.located` turns any Jinja error into a `RenderError` at `templates/NAME:LINE`; this
module adds the offending line and a hint. It knows the typed context (`builder.context`),
so an unknown name or field is answered with the names that do exist.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import typing
from collections.abc import Iterable
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError

from builder import context as typed_context

CLOSE_BLOCK = (
    "every {% for %}, {% if %}, {% block %} and {% macro %} needs its {% end... %}, "
    "and every {{ or {% needs its }} or %}"
)
SANDBOX = (
    "templates run in Jinja's sandbox: names starting with `_`, and methods that change data, "
    "are not available; use the fields listed in TEMPLATES.md"
)


def source_line(path: Path | None, line: int | None) -> str | None:
    """The text of `line` in `path`, or None when it cannot be read."""
    if path is None or not line:
        return None
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return lines[line - 1].rstrip() if 0 < line <= len(lines) else None


def hint(error: BaseException, env: jinja2.Environment, names: Iterable[str] = ()) -> str | None:
    """A guess at the fix for `error`; `names` are the variables the template was given."""
    message = getattr(error, "message", None) or str(error)
    if isinstance(error, jinja2.TemplateNotFound):
        found = [t for t in env.list_templates() if not t.startswith("assets/")]
        return one_of("templates in the folder", error.name or "", found)
    if isinstance(error, SecurityError):
        return SANDBOX
    if isinstance(error, jinja2.TemplateSyntaxError):
        return syntax_hint(message, env)
    if isinstance(error, jinja2.UndefinedError):
        return undefined_hint(message, names)
    return (
        f"a filter or expression on this line raised {type(error).__name__}; check the value it is given "
        "(TEMPLATES.md lists each variable's type)"
    )


def syntax_hint(message: str, env: jinja2.Environment) -> str:
    if found := re.search(r"No filter named '([^']+)'", message):
        return one_of("filters", found[1], env.filters)
    if found := re.search(r"No test named '([^']+)'", message):
        return one_of("tests", found[1], env.tests)
    if found := re.search(r"unknown tag '([^']+)'", message):
        tags = ("for", "endfor", "if", "elif", "else", "endif", "set", "endset", "block", "endblock", "macro",
                "endmacro", "include", "import", "from", "extends", "call", "endcall", "filter", "endfilter",
                "raw", "endraw", "with", "endwith")  # fmt: skip
        return one_of("tags", found[1], tags)
    return CLOSE_BLOCK


def undefined_hint(message: str, names: Iterable[str]) -> str | None:
    if found := re.search(r"'([\w.]+) object' has no attribute '([^']+)'", message):
        kind = found[1].rsplit(".", 1)[-1]
        return one_of(f"fields of {kind}", found[2], fields_of(kind))
    if found := re.search(r"'([^']+)' is undefined", message):
        given = sorted(names)
        if given:
            return one_of("variables this page receives", found[1], given)
        return "this variable is not in the page's context (TEMPLATES.md lists what each page receives)"
    return None


def fields_of(kind: str) -> list[str]:
    """Field and property names of a class in `builder.context` (or what it imports)."""
    cls = getattr(typed_context, kind, None)
    if cls is None:
        return []
    if dataclasses.is_dataclass(cls):
        names = [f.name for f in dataclasses.fields(cls)]
    else:
        names = list(typing.get_type_hints(cls))
    names += [n for n, v in vars(cls).items() if isinstance(v, property)]
    return names


def one_of(what: str, wrong: str, known: Iterable[str]) -> str:
    """`did you mean 'x'?` when a known name is close, and the list of known names."""
    known = sorted(set(known))
    close = difflib.get_close_matches(wrong, known, n=1, cutoff=0.75)
    guess = f"did you mean '{close[0]}'? " if close else ""
    listed = ", ".join(known) if len(known) <= 40 else ", ".join(known[:40]) + ", ..."
    return f"{guess}{what}: {listed}"
