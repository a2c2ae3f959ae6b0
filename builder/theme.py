"""MkDocs hook (named in `mkdocs.yml`): small fixes that make Material's pages valid HTML.

Material writes `autocomplete` on checkbox toggles and `autocorrect` on the search field;
the Nu HTML checker rejects both. Its search dialog has no name (axe-core: aria-dialog-name).
Only these exact strings of the theme are changed.
"""

from __future__ import annotations

from typing import Any

FIXES = (
    ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
    ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
    (' autocapitalize="off" autocorrect="off" autocomplete="off"', ' autocapitalize="off" autocomplete="off"'),
    (
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">',
    ),
)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """The page's HTML with the theme's invalid attributes removed."""
    for before, after in FIXES:
        output = output.replace(before, after)
    return output


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same fixes for pages made from a template alone (`404.html`)."""
    return on_post_page(output_content, None, config)
