"""Stage 4: hand the pages to MkDocs and replace `site/` only when the build succeeded.

The boundary to MkDocs is `run_site_generator`: it takes a folder of Markdown pages and the
user's `mkdocs.yml` and writes HTML into a folder. Replacing MkDocs (ProperDocs, Zensical
read the same `mkdocs.yml`) means replacing that one function.

Safety: one build at a time writes a site folder (`site_lock`); the new site is built in a
work folder beside it and exchanged with the old one in one atomic step (`swap_into_place`),
so a failed or killed build leaves the previous `site/` whole. Reproducibility: the only
date MkDocs writes (sitemap `lastmod`, the gzip header of `sitemap.xml.gz`) comes from
`SOURCE_DATE_EPOCH`, or else from the newest article date, never from the clock.

Search: after MkDocs, Pagefind indexes the built pages (`index_for_search`) into `pagefind/`,
fragments that the search page fetches when a reader searches, so no other page loads any of
it. Then `prune` removes what the theme and Pagefind ship but no page uses (`PRUNED`).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import html
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timezone
from pathlib import Path

import yaml

from builder import pagefolder
from builder.errors import PublishError
from builder.models import Annotation, Page

WORK_PREFIX = ".briefings-"
"""Work folders sit beside the site folder: `.briefings-<site>~<random>`."""
MAX_EPOCH = 2**32 - 1
"""The gzip header stores the time in 32 bits."""

SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's safe dumper when PyYAML has it (four times as fast; it escapes emoji): one per page."""


def publish(
    pages: Sequence[Page],
    config: Path,
    templates: Path,
    site: Path,
    strict: bool,
    report: Callable[[str], None],
    epoch: int | None = None,
    kept: Path | None = None,
) -> None:
    """Build the site into a new folder, then swap it into `site`.

    MkDocs warnings are reported; with `strict` they fail the build before `site` is touched.
    `epoch` is the build date in seconds (see `source_date_epoch`); `SOURCE_DATE_EPOCH` wins.
    `kept` is the folder that keeps the Markdown pages between builds (see `pagefolder`);
    without it they are written afresh into the work folder.
    """
    if not config.is_file():
        raise PublishError("MkDocs configuration not found", config)
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    with site_lock(site):
        recover(site)
        with tempfile.TemporaryDirectory(prefix=work_prefix(site), dir=site.parent) as work:
            built = Path(work) / "site"
            folder = pagefolder.folder_for(kept.resolve(), site) if kept else Path(work) / "docs"
            try:
                docs, _ = pagefolder.sync(docs_files(pages, templates / "assets"), folder)
            except OSError as error:
                raise PublishError(f"could not write the pages for MkDocs: {error}", folder) from None
            with build_date(epoch):
                warnings = run_site_generator(config, docs, built)
            index_for_search(built)
            prune(built)
            for warning in warnings:
                report(f"{config}: MkDocs: {warning}")
            if strict and warnings:
                raise PublishError(f"{len(warnings)} MkDocs warning(s) and --strict is on; site not replaced", config)
            swap_into_place(built, site)


# ------------------------------------------------------------------ one build at a time


def work_prefix(site: Path) -> str:
    return f"{WORK_PREFIX}{site.name}~"


def lock_path(site: Path) -> Path:
    """`.site.lock` beside `site/`; it stays there (removing a lock file races with its next user)."""
    return site.parent / f".{site.name}.lock"


@contextlib.contextmanager
def site_lock(site: Path) -> Iterator[None]:
    """Hold an exclusive lock on `site` while publishing; a second build fails at once.

    The lock is `flock` on a file beside the site: the system releases it when the process
    ends, however it ends, so a killed build never leaves a stale lock behind.
    """
    path = lock_path(site)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise PublishError(
                f"another build ({holder}) is publishing this folder; wait for it to finish and build again", site
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(site: Path) -> None:
    """Undo what a killed build left beside `site` (call with the lock held).

    A kill between the two renames of the fallback swap leaves only `site.old`: it is put
    back. Work folders of dead builds are removed.
    """
    old = old_path(site)
    if old.exists() and not site.exists():
        old.rename(site)
    if old.exists():
        shutil.rmtree(old)
    for stale in site.parent.glob(work_prefix(site) + "*"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)


# ------------------------------------------------------------------ reproducible dates


def source_date_epoch(annotations: Iterable[Annotation]) -> int:
    """The build date: the newest article date (midnight UTC); when no article is dated, the
    time the newest seed file was changed; 0 only when there is neither.

    Derived from the input, so two builds of the same seeds write the same bytes on any day.
    """
    days, changed = [], []
    for annotation in annotations:
        with contextlib.suppress(TypeError, ValueError):
            days.append(date.fromisoformat(annotation.article.date or ""))
        with contextlib.suppress(OSError):
            changed.append(int(os.stat(annotation.article.source_path).st_mtime))
    if not days:
        return min(max(changed, default=0), MAX_EPOCH)
    newest = datetime.combine(max(days), datetime.min.time(), timezone.utc)
    return min(max(int(newest.timestamp()), 0), MAX_EPOCH)


def build_epoch(annotations: Iterable[Annotation]) -> int:
    """The date a build writes where a date is needed and none is known (an undated
    briefing's feed entry): `SOURCE_DATE_EPOCH` when set, else `source_date_epoch`."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(given) if given.isdigit() and int(given) <= MAX_EPOCH else source_date_epoch(annotations)


@contextlib.contextmanager
def build_date(epoch: int | None) -> Iterator[None]:
    """Run with `SOURCE_DATE_EPOCH` set: the user's value if set, else `epoch` (else 0)."""
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given is not None:
        if not given.isdigit() or int(given) > MAX_EPOCH:
            raise PublishError(f"SOURCE_DATE_EPOCH must be seconds since 1970 (a whole number), not {given!r}")
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch or 0)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def docs_files(pages: Iterable[Page], assets: Path) -> dict[str, bytes]:
    """What MkDocs reads, by path in its docs folder: each page's source, then the theme's
    static files from `templates/assets/` under `assets/`."""
    files = {p.path: (page_source(p) if p.path.endswith(".md") else p.html).encode("utf-8") for p in pages}
    if assets.is_dir():
        for path in sorted(assets.rglob("*")):
            if path.is_file():
                files[f"assets/{path.relative_to(assets).as_posix()}"] = path.read_bytes()
    return files


def page_source(page: Page) -> str:
    """A Markdown file whose body is one raw HTML block, so MkDocs renders nothing of it.

    The theme prints `page.meta` values without escaping, so they are escaped here.
    """
    meta = {"title": html.escape(page.title, quote=False)} | {k: html.escape(v) for k, v in page.meta}
    front = yaml.dump(meta, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return f'---\n{front}---\n\n<div class="briefings-page">\n{page.html.strip()}\n</div>\n'


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
        said = "; ".join(collect.messages)  # a configuration error is logged, its exception says only "Aborted"
        raise PublishError(f"MkDocs failed: {error}" + (f" ({said})" if said else ""), config) from None
    except (OSError, yaml.YAMLError) as error:
        raise PublishError(f"MkDocs failed: {error}", config) from None
    finally:
        logger.removeHandler(collect)
        logger.propagate = was
    return collect.messages


# ------------------------------------------------------------------ search index, unused files

SEARCH_FOLDER = "pagefind"
"""The search index and Pagefind's script, in the site; `assets/search.js` loads them."""

PRUNED = (
    ("**/*.map", "source maps: for debugging the theme's scripts, never loaded by a page"),
    ("assets/javascripts/lunr", "the theme's search languages: search is Pagefind's"),
    ("assets/javascripts/workers", "the theme's search worker: search is Pagefind's"),
    ("search", "the theme's search index, if a configuration still turns its search on"),
    (f"{SEARCH_FOLDER}/pagefind-*ui.*", "Pagefind's ready-made interfaces: the search page has its own"),
    (f"{SEARCH_FOLDER}/pagefind-highlight.js", "Pagefind's highlighter: results link to pages as they are"),
    (f"{SEARCH_FOLDER}/wasm.unknown.pagefind", "the search code for pages of no language: every page is English"),
)
"""What `prune` removes from a built site: a glob (relative to the site) and why."""
SEARCH_MARK = b"data-pagefind-body"
"""What marks the part of a page that search indexes."""
SOURCE_MAP_COMMENT = re.compile(rb"\n?/[/*]# sourceMappingURL=[^\n]*$")


def index_for_search(site: Path) -> None:
    """Pagefind's index of `site`: the parts of pages marked `data-pagefind-body` (templates
    mark briefings and actor pages). A site with no such page gets no index."""
    if not any(SEARCH_MARK in page.read_bytes() for page in site.rglob("*.html")):
        return
    try:
        from pagefind.service import get_executable

        binary = get_executable()
    except ImportError:
        binary = None
    if binary is None:
        raise PublishError("Pagefind not found: install the locked dependencies (make .venv/.installed)")
    args = [str(binary), "--site", str(site), "--output-subdir", SEARCH_FOLDER, "--silent"]
    run = subprocess.run(args, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        said = (run.stderr or run.stdout).strip().splitlines()
        raise PublishError(f"Pagefind failed: {said[-1] if said else f'exit code {run.returncode}'}", site)


def prune(site: Path) -> None:
    """Remove `PRUNED` from `site`, and the comments that point at the removed source maps."""
    for pattern, _why in PRUNED:
        for path in sorted(site.glob(pattern), reverse=True):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
    for path in (*site.glob("assets/**/*.js"), *site.glob("assets/**/*.css")):
        data = path.read_bytes()
        cut = SOURCE_MAP_COMMENT.sub(b"", data.rstrip(b"\n"))
        if len(cut) != len(data.rstrip(b"\n")):
            path.write_bytes(cut + b"\n")


def old_path(site: Path) -> Path:
    return site.with_name(site.name + ".old")


def swap_into_place(built: Path, site: Path) -> None:
    """Replace `site` with `built` so that `site` is always either the old or the new site.

    Linux exchanges the two folders in one step (`renameat2(RENAME_EXCHANGE)`); elsewhere two
    renames through `site.old`, which `recover` puts back if a build dies between them.
    """
    if site.exists() and exchange(built, site):
        shutil.rmtree(built, ignore_errors=True)  # now the old site
        return
    old = old_path(site)
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


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically; False where the system cannot (then nothing moved)."""
    renameat2 = getattr(_libc(), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False
    raise PublishError(f"could not replace the site folder: {os.strerror(code)}", b)


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
