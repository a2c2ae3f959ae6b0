"""Speed without changing results: `--jobs`, batches, and work never done twice."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from builder import annotate, ingest
from builder.cache import AnnotationCache
from builder.errors import AnnotateError
from builder.models import Annotation, Article
from builder.settings import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [ROOT / "tests" / "seeds", ROOT / "seeds" / "000_6848703931b3331e.txt"]


def articles(count: int) -> list[Article]:
    return [
        Article(slug=f"a{i}", source_path=f"a{i}.txt", headline=f"Head {i}", paragraphs=(f"Body {i}.",))
        for i in range(count)
    ]


@pytest.fixture
def reader(monkeypatch):
    """Replaces the model: records which articles are read, in which batches, and with how many jobs."""
    calls: list[tuple[list[str], int, int]] = []

    def read(batch, model, jobs, batch_size):
        calls.append(([a.slug for a in batch], jobs, batch_size))
        return iter([Annotation(article=a, words=len(a.text.split())) for a in batch])

    monkeypatch.setattr("builder.annotate.read_articles", read)
    return calls


def test_one_changed_article_is_the_only_one_annotated_again(tmp_path, reader):
    cache = AnnotationCache(tmp_path, "m")
    seeds = articles(5)
    first = annotate.annotate(seeds, "m", cache, jobs=2)
    assert reader == [(["a0", "a1", "a2", "a3", "a4"], 2, annotate.BATCH_SIZE)]
    changed = [*seeds[:3], replace(seeds[3], paragraphs=("Body 3, edited.",)), seeds[4]]
    second = annotate.annotate(changed, "m", cache, jobs=2)
    assert reader[1:] == [(["a3"], 2, annotate.BATCH_SIZE)]
    assert [a.article for a in second] == changed
    assert second[:3] == first[:3] and second[4] == first[4]
    assert annotate.annotate(changed, "m", cache, jobs=2) == second
    assert len(reader) == 2  # nothing changed: nothing read


def test_force_reads_every_article_again(tmp_path, reader):
    cache = AnnotationCache(tmp_path, "m")
    seeds = articles(3)
    annotate.annotate(seeds, "m", cache)
    annotate.annotate(seeds, "m", cache, force=True)
    assert [slugs for slugs, _, _ in reader] == [["a0", "a1", "a2"], ["a0", "a1", "a2"]]


def test_nothing_to_read_loads_nothing(tmp_path, monkeypatch):
    def refuse(name):
        raise AssertionError("the model must not be loaded")

    monkeypatch.setattr("builder.annotate.load_model", refuse)
    assert list(annotate.read_articles([], "m", jobs=4, batch_size=2)) == []


def test_default_jobs_is_one_per_cpu_at_most_four():
    assert 1 <= annotate.default_jobs() <= annotate.MAX_DEFAULT_JOBS


@pytest.mark.model
def test_jobs_2_gives_the_same_annotations_as_jobs_1():
    seeds, notices = ingest.ingest(SEEDS)
    assert len(seeds) == 4 and notices == []
    off = AnnotationCache(None, DEFAULT_MODEL)
    one = annotate.annotate(seeds, DEFAULT_MODEL, off, jobs=1)
    two = annotate.annotate(seeds, DEFAULT_MODEL, off, jobs=2, batch_size=1)  # four batches over two workers
    assert [a.as_dict() for a in two] == [a.as_dict() for a in one]
    assert [a.article for a in two] == seeds


def test_a_missing_model_fails_before_any_worker_starts(monkeypatch):
    monkeypatch.setattr("multiprocessing.get_context", None)  # starting a pool would raise TypeError
    seeds = articles(2)
    with pytest.raises(AnnotateError, match="spaCy model 'no_such_model' is not installed"):
        list(annotate.read_articles(seeds, "no_such_model", jobs=2, batch_size=1))


def test_a_build_with_nothing_changed_starts_no_worker(tmp_path, reader):
    cache = AnnotationCache(tmp_path, "m")
    seeds = articles(3)
    annotate.annotate(seeds, "m", cache)
    with annotate.Prefetch("m", cache, jobs=2) as prefetch:
        for article in seeds:
            prefetch.see(article)
        assert prefetch.worker is None
        assert annotate.annotate(seeds, "m", cache, jobs=2, prefetch=prefetch) == annotate.annotate(seeds, "m", cache)
    assert len(reader) == 1


@pytest.mark.model
def test_one_changed_article_is_read_by_the_worker_started_while_ingesting(tmp_path):
    seeds, _ = ingest.ingest(SEEDS[:1])
    cache = AnnotationCache(tmp_path, DEFAULT_MODEL)
    expected = annotate.annotate(seeds, DEFAULT_MODEL, AnnotationCache(None, DEFAULT_MODEL), jobs=1)
    for annotation in expected[1:]:
        cache.put(annotation)  # all cached but the first
    with annotate.Prefetch(DEFAULT_MODEL, cache, jobs=2) as prefetch:
        for article in seeds:
            prefetch.see(article)
        assert prefetch.worker is not None  # started at the first miss, while ingest goes on
        found = annotate.annotate(seeds, DEFAULT_MODEL, cache, jobs=2, prefetch=prefetch)
    assert prefetch.worker is None
    assert [a.as_dict() for a in found] == [a.as_dict() for a in expected]
