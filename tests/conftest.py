"""Shared fixtures: seed files on disk, blank spaCy Docs, and the golden-file helper.

Tests that load the real model are marked `model`; tests that run MkDocs are marked `site`.
Regenerate every golden file with `UPDATE_GOLDEN=1 python -m pytest tests/test_render.py`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from builder.models import Article, Dateline

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture
def write_seed(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write one seed file into `tmp_path/seeds` (text as UTF-8, bytes as they are)."""
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)

    def write(name: str, content: str | bytes) -> Path:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def blank_nlp():
    """spaCy's tokenizer and sentencizer, no model (what `builder.annotate` offers tooling)."""
    from builder.annotate import blank_pipeline

    return blank_pipeline()


@pytest.fixture
def make_doc(blank_nlp):
    """`(article, doc)` for paragraphs, with entities set by hand from `{name: label}`.

    Every occurrence of each name becomes an entity; longer names win over names inside them
    (`John Kirby` before `Kirby`).
    """

    def make(
        paragraphs: Sequence[str],
        names: Mapping[str, str],
        contributors: Sequence[str] = (),
        dateline: Dateline | None = None,
    ):
        article = Article(
            slug="test",
            source_path="test.txt",
            headline="Test",
            paragraphs=tuple(paragraphs),
            contributors=tuple(contributors),
            dateline=dateline,
        )
        doc = blank_nlp(article.text)
        spans, taken = [], set()
        for name, label in sorted(names.items(), key=lambda kv: -len(kv[0])):
            for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", article.text):
                if taken.isdisjoint(range(*match.span())):
                    spans.append(doc.char_span(*match.span(), label=label, alignment_mode="expand"))
                    taken.update(range(*match.span()))
        doc.ents = sorted(spans, key=lambda s: s.start)
        return article, doc

    return make


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """Compare text with `tests/golden/<name>`; `UPDATE_GOLDEN=1` rewrites the file instead."""

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            return
        if not path.is_file():
            pytest.fail(f"golden file {path} is missing; run the tests with UPDATE_GOLDEN=1")
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"output differs from {path}; UPDATE_GOLDEN=1 regenerates it"

    return check
