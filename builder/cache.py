"""The annotation cache: an unchanged article is never annotated twice.

One JSON file per article under the cache folder, named by a hash of the article's text,
the model's name and version, and the annotator code itself (`annotator_fingerprint`): any
edit to the annotators makes every entry stale, so nobody has to remember to bump a version.
Reading the cache never imports spaCy.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from builder.models import Annotation, Article

BUILDER = Path(__file__).parent
ANNOTATOR_SOURCES = (
    BUILDER / "annotate.py",
    BUILDER / "models.py",  # the shape of the findings
    BUILDER / "pieces.py",  # a long article's pieces joined
    *sorted((BUILDER / "annotators").glob("*.py")),
    BUILDER / "data" / "confidence.json",  # the fitted confidence model
)
"""The code and data whose output the cache stores: a refitted confidence model makes every
entry stale, as an edit to an annotator does."""


@cache
def annotator_fingerprint() -> str:
    """A hash of `ANNOTATOR_SOURCES`, read once per process."""
    digest = hashlib.sha256()
    for path in ANNOTATOR_SOURCES:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def model_version(model: str) -> str:
    """The installed version of the model package, read without loading spaCy."""
    try:
        return metadata.version(model)
    except metadata.PackageNotFoundError:
        return "unknown"


def cache_key(article: Article, model: str) -> str:
    payload = json.dumps(
        [
            annotator_fingerprint(),
            model,
            model_version(model),
            article.headline,
            article.paragraphs,
            article.contributors,
            article.authors,
            article.dateline and (article.dateline.place, article.dateline.source),
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class AnnotationCache:
    """Reads and writes cached findings; a missing folder is an empty cache."""

    def __init__(self, folder: Path | None, model: str):
        self.folder = folder
        self.model = model

    def _path(self, article: Article) -> Path | None:
        if self.folder is None:
            return None
        key = cache_key(article, self.model)
        return self.folder / key[:2] / f"{key}.json"

    def get(self, article: Article) -> Annotation | None:
        path = self._path(article)
        if path is None or not path.is_file():
            return None
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return Annotation.from_findings(article, data)
        except (ValueError, KeyError, TypeError):
            return None  # a damaged entry is annotated again and overwritten

    def put(self, annotation: Annotation) -> None:
        path = self._path(annotation.article)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(annotation.findings(), ensure_ascii=False)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
