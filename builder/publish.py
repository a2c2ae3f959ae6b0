"""Stage 4: hand the pages to MkDocs and replace `site/` only when the build succeeded.

The boundary to MkDocs is `run_site_generator`: it takes a folder of Markdown pages and the
user's `mkdocs.yml` and writes HTML into a folder. Replacing MkDocs (ProperDocs, Zensical
read the same `mkdocs.yml`) means replacing that one function.
"""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import yaml

from builder.errors import PublishError
from builder.models import Page

SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's safe dumper when PyYAML has it (four times as fast; it escapes emoji): one per page."""


def publish(
    pages: Sequence[Page], config: Path, templates: Path, site: Path, strict: bool, report: Callable[[str], None]
) -> None:
    """Build the site into a new folder, then swap it into `site`.

    MkDocs warnings are reported; with `strict` they fail the build before `site` is touched.
    """
    if not config.is_file():
        raise PublishError("MkDocs configuration not found", config)
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".briefings-", dir=site.parent) as work:
        docs, built = Path(work) / "docs", Path(work) / "site"
        write_docs(pages, docs)
        copy_assets(templates / "assets", docs / "assets")
        warnings = run_site_generator(config, docs, built)
        for warning in warnings:
            report(f"{config}: MkDocs: {warning}")
        if strict and warnings:
            raise PublishError(f"{len(warnings)} MkDocs warning(s) and --strict is on; site not replaced", config)
        swap_into_place(built, site)


def write_docs(pages: Iterable[Page], docs: Path) -> None:
    folders: set[Path] = set()
    for page in pages:
        target = docs / page.path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_text(page_source(page), encoding="utf-8")


def page_source(page: Page) -> str:
    """A Markdown file whose body is one raw HTML block, so MkDocs renders nothing of it.

    The theme prints `page.meta.title` without escaping, so the title is escaped here.
    """
    front = yaml.dump(
        {"title": html.escape(page.title, quote=False)},
        Dumper=SAFE_DUMPER,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
    )
    return f'---\n{front}---\n\n<div class="briefings-page">\n{page.html.strip()}\n</div>\n'


def copy_assets(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_site_generator(config: Path, docs: Path, out: Path) -> list[str]:
    """MkDocs: build `docs` with the settings of `config` into `out`; return its warnings."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    was = logger.propagate
    logger.propagate = False
    try:
        cfg = load_config(str(config), docs_dir=str(docs), site_dir=str(out))
        build(cfg)
    except MkDocsException as error:
        raise PublishError(f"MkDocs failed: {error}", config) from None
    except (OSError, yaml.YAMLError) as error:
        raise PublishError(f"MkDocs failed: {error}", config) from None
    finally:
        logger.removeHandler(collect)
        logger.propagate = was
    return collect.messages


def swap_into_place(built: Path, site: Path) -> None:
    """Replace `site` with `built` by two renames; the old site is removed only afterwards."""
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    try:
        built.rename(site)
    except OSError as error:
        if old.exists():
            old.rename(site)
        raise PublishError(f"could not replace the site folder: {error}", site) from None
    if old.exists():
        shutil.rmtree(old)
