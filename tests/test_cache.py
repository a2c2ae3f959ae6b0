"""The annotation cache: findings stored by content hash, read back without spaCy."""

from __future__ import annotations

import json
from dataclasses import replace

from builder.cache import AnnotationCache, cache_key
from builder.models import Actor, Annotation, Article, Dateline, Entity, KeyNumber, Quote

ARTICLE = Article(slug="a", source_path="a.txt", headline="Head", paragraphs=("“Go,” Ann Lee said.",))
ANNOTATION = Annotation(
    article=ARTICLE,
    entities=(Entity("Ann Lee", "PERSON", 6, 13),),
    actors=(Actor("ann-lee", "Ann Lee", "PERSON", "mayor", ("Lee",), 1),),
    quotes=(Quote("Go,", 0, "full", "Ann Lee", "ann-lee", "said", None, 0.9),),
    summary=("“Go,” Ann Lee said.",),
    key_numbers=(KeyNumber("40", "ships"),),
    places=("Merrow",),
    words=4,
    reading_minutes=1,
)


def test_round_trip(tmp_path):
    cache = AnnotationCache(tmp_path, "some_model")
    assert cache.get(ARTICLE) is None
    cache.put(ANNOTATION)
    assert cache.get(ARTICLE) == ANNOTATION
    assert [p.suffix for p in tmp_path.rglob("*") if p.is_file()] == [".json"]


def test_disabled_cache_stores_nothing(tmp_path):
    cache = AnnotationCache(None, "some_model")
    cache.put(ANNOTATION)
    assert cache.get(ARTICLE) is None


def test_key_depends_on_text_and_model_not_on_path():
    key = cache_key(ARTICLE, "m")
    assert cache_key(replace(ARTICLE, source_path="elsewhere.txt"), "m") == key
    assert cache_key(replace(ARTICLE, paragraphs=("Changed.",)), "m") != key
    assert cache_key(replace(ARTICLE, headline="Other"), "m") != key
    assert cache_key(ARTICLE, "other_model") != key


def test_damaged_entry_is_a_miss(tmp_path):
    cache = AnnotationCache(tmp_path, "some_model")
    cache.put(ANNOTATION)
    [entry] = [p for p in tmp_path.rglob("*.json")]
    entry.write_text(json.dumps({"entities": []}), encoding="utf-8")
    assert cache.get(ARTICLE) is None
    entry.write_text("{not json", encoding="utf-8")
    assert cache.get(ARTICLE) is None


def test_key_depends_on_everything_the_annotators_read():
    wire = replace(ARTICLE, dateline=Dateline("LONDON", "AP"))
    assert cache_key(replace(wire, dateline=Dateline("LONDON", "Reuters")), "m") != cache_key(wire, "m")


def test_key_changes_with_the_annotator_code(monkeypatch):
    key = cache_key(ARTICLE, "m")
    monkeypatch.setattr("builder.cache.annotator_fingerprint", lambda: "edited")
    assert cache_key(ARTICLE, "m") != key


def test_fingerprint_covers_every_annotator():
    from builder.cache import ANNOTATOR_SOURCES

    names = {p.name for p in ANNOTATOR_SOURCES}
    assert {"annotate.py", "actors.py", "entities.py", "quotes.py", "speakers.py", "gist.py", "names.py"} <= names
    assert {"pieces.py", "confidence.json"} <= names  # long articles, and the fitted confidence
    assert "identity.py" not in names  # identity across briefings is resolved after the cache
