"""Entity mentions in the article text become links to their actor pages.

Works on a paragraph's safe HTML: only text between tags changes, never inside a link or
code, and each piece of text is unescaped, cut at the names and escaped again, so article
text stays escaped. The first mention of each actor in a paragraph is linked.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from markupsafe import Markup, escape

TAG = re.compile(r"(<[^>]*>)")
SKIP = {"a", "code", "pre", "script", "style"}


def mention_pattern(names: Mapping[str, str]) -> re.Pattern[str] | None:
    """One pattern for every name, longest first, matched as whole words."""
    usable = sorted((n for n in names if len(n) > 2), key=lambda n: (-len(n), n))
    if not usable:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in usable) + r")(?!\w)")


def link_mentions(paragraph: Markup, names: Mapping[str, str], root: str) -> Markup:
    """`paragraph` with the first mention of each actor linked; `names` maps a name to its actor URL."""
    pattern = mention_pattern(names)
    if pattern is None:
        return paragraph
    out: list[str] = []
    inside: list[str] = []
    linked: set[str] = set()
    for piece in TAG.split(str(paragraph)):
        if piece.startswith("<"):
            track(piece, inside)
            out.append(piece)
        elif piece and not SKIP.intersection(inside):
            out.append(link_text(html.unescape(piece), pattern, names, root, linked))
        else:
            out.append(piece)
    return Markup("".join(out))


def track(tag: str, inside: list[str]) -> None:
    """Keep the stack of open elements that mentions must not be linked in."""
    match = re.match(r"<(/?)([a-zA-Z0-9]+)", tag)
    if not match or tag.endswith("/>"):
        return
    closing, name = match.group(1), match.group(2).lower()
    if name not in SKIP:
        return
    if not closing:
        inside.append(name)
    elif name in inside:
        inside.remove(name)


def link_text(text: str, pattern: re.Pattern[str], names: Mapping[str, str], root: str, linked: set[str]) -> str:
    out, last = [], 0
    for match in pattern.finditer(text):
        url = names[match.group(1)]
        if url in linked:
            continue
        linked.add(url)
        out.append(str(escape(text[last : match.start()])))
        out.append(str(Markup('<a class="mention" href="{}{}">{}</a>').format(root, url, match.group(1))))
        last = match.end()
    out.append(str(escape(text[last:])))
    return "".join(out)
