"""Every article ingest accepts is annotated: long ones in pieces, failures as one notice.

The long article is made here (`bench/prose.py`: invented, ordinary prose); its memory is
measured by `bench/memory.py`, not here.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from bench.prose import long_article
from builder import annotate, ingest, pipeline
from builder.cache import AnnotationCache
from builder.models import Annotation
from builder.settings import DEFAULT_MODEL, Settings

ROOT = Path(__file__).resolve().parents[1]
AP_SEED = ROOT / "seeds" / "000_6848703931b3331e.txt"


def test_pieces_are_runs_of_whole_paragraphs():
    assert annotate.pieces(["a" * 10] * 5, limit=25) == [(0, 2), (2, 2), (4, 1)]
    assert annotate.pieces(["a" * 30, "b", "c" * 30], limit=25) == [(0, 1), (1, 1), (2, 1)]
    assert annotate.pieces([], limit=25) == []


def test_the_generated_article_is_long_and_ordinary():
    text = long_article(1_900_000)
    assert 1_900_000 <= len(text.encode()) < 2_000_000  # under ingest's 2 MB limit
    assert max(len(p) for p in text.split("\n\n")) < 1_000
    assert long_article(1_000) == long_article(1_000)


@pytest.mark.model
def test_an_article_read_in_pieces_is_annotated_as_one_text(monkeypatch):
    """The seed article read in three pieces gives what one reading gives."""
    [article], _ = ingest.ingest([AP_SEED])
    nlp = annotate.load_model(DEFAULT_MODEL)
    whole = annotate.annotate_doc(nlp(article.text), article)
    monkeypatch.setattr(annotate, "PIECE_CHARS", 3_000)
    assert len(annotate.pieces(article.paragraphs, 3_000)) == 3
    [joined] = annotate.annotate_batch(nlp, [article])
    assert isinstance(joined, Annotation)
    assert all(article.text[e.start : e.end] == e.text for e in joined.entities)
    people = {(e.text, e.label) for e in whole.entities if e.label in ("PERSON", "ORG")}
    assert people <= {(e.text, e.label) for e in joined.entities}
    assert {a.name: (a.type, a.role) for a in joined.actors} == {a.name: (a.type, a.role) for a in whole.actors}
    # A surname that the model tags as a place counts for the person only beside the full name:
    # in a piece without it (3 of Blinken's 10 mentions here), it is not counted.
    counted = {a.name: a.mentions for a in whole.actors}
    assert all(a.mentions <= counted[a.name] for a in joined.actors)
    assert sum(a.mentions for a in joined.actors) >= 0.85 * sum(counted.values())  # pieces of 3,000 characters here; 50,000 in builds
    # Quotes keep their places; a speaker read from the context before a piece (`He added:`
    # after a piece break) may differ: at most one in ten here, with pieces of 3,000 characters.
    assert [q.paragraph for q in joined.quotes] == [q.paragraph for q in whole.quotes]
    same = sum(a.speaker == b.speaker for a, b in zip(joined.quotes, whole.quotes, strict=True))
    assert same >= 0.9 * len(whole.quotes)
    assert joined.places == whole.places and joined.words == whole.words


@pytest.mark.model
@pytest.mark.site
def test_an_article_that_fails_is_one_notice_and_the_rest_builds(tmp_path, monkeypatch):
    seeds = Path(shutil.copytree(ROOT / "tests" / "seeds", tmp_path / "seeds"))
    real = annotate.annotate_doc

    def fails_on_one(doc, article):
        if article.slug == "night-train":
            raise ValueError("the model gave up\nin two lines")
        return real(doc, article)

    monkeypatch.setattr(annotate, "annotate_doc", fails_on_one)
    settings = Settings(
        seeds=seeds, site=tmp_path / "site", templates=ROOT / "templates", config=ROOT / "mkdocs.yml", cache=None
    )
    lines: list[str] = []
    result = pipeline.build(settings, lines.append)
    assert lines == [
        f"{seeds / 'night-train.txt'}: could not be annotated (ValueError: the model gave up in two lines); left out"
    ]
    assert [str(n) for n in result.notices] == lines
    assert sorted(p.stem for p in (tmp_path / "site" / "briefings").glob("*.html")) == ["harbour-strike", "seed-bank"]
    with pytest.raises(pipeline.StrictModeError, match="could not be annotated"):
        pipeline.build(replace(settings, strict=True, site=tmp_path / "strict-site"), [].append)
    assert not (tmp_path / "strict-site").exists()


@pytest.mark.model
@pytest.mark.site
def test_a_19_mb_article_builds_beside_other_seeds(tmp_path):
    """39 pieces; cached in .cache/annotations, so only the first run reads it."""
    seeds = Path(shutil.copytree(ROOT / "tests" / "seeds", tmp_path / "seeds"))
    (seeds / "long-plan.txt").write_text(long_article(1_900_000), encoding="utf-8")
    settings = Settings(
        seeds=seeds,
        site=tmp_path / "site",
        templates=ROOT / "templates",
        config=ROOT / "mkdocs.yml",
        cache=ROOT / ".cache" / "annotations",
    )
    lines: list[str] = []
    annotations, notices = pipeline.read([seeds], settings, lines.append)
    assert notices == [] and lines == []
    [long] = [a for a in annotations if a.article.slug == "long-plan"]
    text = long.article.text
    assert len(text) > 1_800_000
    assert all(text[e.start : e.end] == e.text for e in long.entities)
    assert long.entities[-1].end > len(text) - 2_000  # the last piece is read too
    assert max(q.paragraph for q in long.quotes) > len(long.article.paragraphs) - 20  # paragraphs count from the top
    people = {a.name: a for a in long.actors if a.type == "PERSON"}
    assert len([n for n in people if "Lindqvist" in n]) == 1  # one actor across the pieces
    assert people["Mara Lindqvist"].mentions > 1_000
    result = pipeline.build(settings, lines.append)
    assert result.notices == () and lines == []
    page = (tmp_path / "site" / "briefings" / "long-plan.html").read_text(encoding="utf-8")
    assert "Mara Lindqvist" in page
    assert AnnotationCache(settings.cache, settings.model).get(long.article) is not None


@pytest.mark.model
def test_a_worker_killed_while_reading_costs_no_article():
    """A worker that stops (here killed, as the kernel kills a process out of memory) neither
    hangs the build nor loses an article: its batch is read again."""
    seeds, _ = ingest.ingest([ROOT / "tests" / "seeds", AP_SEED])
    killed: list[int] = []

    def kill_a_worker() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            if children := multiprocessing.active_children():
                time.sleep(0.3)
                os.kill(children[0].pid, signal.SIGKILL)
                killed.append(children[0].pid)
            time.sleep(0.02)

    killer = threading.Thread(target=kill_a_worker)
    killer.start()
    reads = list(annotate.read_articles(seeds, DEFAULT_MODEL, jobs=2, batch_size=1))
    killer.join()
    assert killed
    assert [r.article.slug for r in reads if isinstance(r, annotate.Annotation)] == [a.slug for a in seeds]
