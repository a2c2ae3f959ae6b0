"""The only place where the order of the stages is written:
ingest -> annotate -> resolve identities -> render -> publish."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from builder import annotate, feeds, identity, ingest, publish, render
from builder.cache import AnnotationCache
from builder.errors import BuilderError
from builder.models import Annotation, Notice
from builder.settings import Settings

Report = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class BuildResult:
    articles: int
    pages: int
    notices: tuple[Notice, ...]


class StrictModeError(BuilderError):
    """`--strict` and at least one problem: nothing is published."""


def read(paths: Sequence[Path], settings: Settings, report: Report) -> tuple[list[Annotation], list[Notice]]:
    """Ingest and annotate the seeds at `paths`; each notice is reported as it is found."""
    cache = AnnotationCache(settings.cache, settings.model)
    with annotate.Prefetch(settings.model, cache, settings.force, settings.jobs) as prefetch:
        articles, notices = ingest.ingest(paths, prefetch.see)
        for notice in notices:
            report(str(notice))
        if settings.strict and notices:
            raise StrictModeError(f"{len(notices)} problem(s) with seeds and --strict is on; nothing written")
        failed: list[Notice] = []

        def left_out(notice: Notice) -> None:
            failed.append(notice)
            report(str(notice))

        annotations = annotate.annotate(
            articles,
            settings.model,
            cache,
            force=settings.force,
            jobs=settings.jobs,
            prefetch=prefetch,
            on_failure=left_out,
        )
    if settings.strict and failed:
        raise StrictModeError(f"{len(failed)} seed(s) could not be annotated and --strict is on; nothing written")
    return annotations, [*notices, *failed]


def build(settings: Settings, report: Report) -> BuildResult:
    """Build `settings.seeds` into `settings.site`; `site` changes only if every stage succeeds."""
    render.environment(settings.templates)  # a missing templates folder fails before annotating
    annotations, notices = read([settings.seeds], settings, report)
    who = identity.resolve(annotations, identity.load_aliases(settings.aliases))
    pages = render.render(annotations, settings.templates, who, feeds.site_info(settings.config))
    epoch = publish.source_date_epoch(annotations)
    publish.publish(
        pages, settings.config, settings.templates, settings.site, settings.strict, report, epoch, settings.pages
    )
    return BuildResult(len(annotations), len(pages), tuple(notices))
