"""Long articles in pieces: runs of whole paragraphs, and their annotations joined as one.

`annotate` reads an article longer than `PIECE_CHARS` one piece at a time (spaCy's advice for
texts over `nlp.max_length`: the parser's memory grows with the text it reads at once), then
`join` makes one `Annotation` of the pieces' as if the article had been read whole: entity
offsets and quote paragraphs count from the article's start, and actors of one name, or a
surname alone beside one full name, are one actor, by the rules that join actors across
briefings (`identity.resolve`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from builder import identity
from builder.models import Actor, Annotation, Article, Entity

PIECE_CHARS = 50_000
"""The longest text the model reads at once; a longer article is read in pieces of whole
paragraphs. en_core_web_sm's parser takes about 330 MB more per 100,000 characters read at
once (`bench/memory.py`); a piece costs about 180 MB, whatever the article's length."""
PLACE_LABELS, GROUP_LABELS = ("GPE",), ("GROUP",)
"""Entity labels counted for `Annotation.places` and `.groups` (as `annotators.actors` does)."""


def pieces(paragraphs: Sequence[str], limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Runs of whole paragraphs, each at most `limit` characters as text (a paragraph longer
    than that is a piece alone): (index of the first paragraph, number of paragraphs)."""
    runs: list[tuple[int, int]] = []
    first, size = 0, -2
    for index, paragraph in enumerate(paragraphs):
        if index > first and size + 2 + len(paragraph) > limit:
            runs.append((first, index - first))
            first, size = index, -2
        size += 2 + len(paragraph)
    if len(paragraphs) > first:
        runs.append((first, len(paragraphs) - first))
    return runs


def join(article: Article, parts: Sequence[tuple[int, Annotation]]) -> Annotation:
    """The annotations of an article's pieces as one: offsets and paragraph numbers count from
    the article's start; actors are joined by the rules that join them across briefings
    (`identity.resolve`); the summary is the first piece's, which holds the lead (TextRank
    over the whole would cost the square of its sentences)."""
    from builder.annotators import gist, keynumbers

    starts = [sum(len(p) + 2 for p in article.paragraphs[:first]) for first, _ in parts]
    named = [replace(a, article=replace(a.article, slug=str(n))) for n, (_, a) in enumerate(parts)]
    who = identity.resolve(named)
    grouped: dict[str, list[Actor]] = defaultdict(list)
    for n, (_, a) in enumerate(parts):
        for actor in a.actors:
            grouped[who.site_id(str(n), actor.id)].append(actor)
    actors = sorted((joined_actor(i, who.names[i], group) for i, group in grouped.items()), key=actor_order)
    entities = joined_entities(
        [(str(n), shifted(e, start, first)) for n, (start, (first, a)) in enumerate(zip(starts, parts)) for e in a.entities],
        who,
    )
    quotes = []
    for n, (first, a) in enumerate(parts):
        before = len(quotes)
        for q in a.quotes:
            speaker = who.site_id(str(n), q.speaker_id) if q.speaker_id else None
            goes_on = q.continues + before if q.continues is not None else None
            quotes.append(
                replace(
                    q,
                    paragraph=q.paragraph + first,
                    speaker_id=speaker,
                    speaker=who.names.get(speaker or "", q.speaker),
                    continues=goes_on,
                )
            )
    numbers = {k.value: k for _, a in parts for k in a.key_numbers}
    names = {name for x in actors for name in (x.name, *x.aliases)}
    words = sum(a.words for _, a in parts)
    return Annotation(
        article=article,
        entities=entities,
        actors=tuple(actors),
        quotes=tuple(quotes),
        summary=parts[0][1].summary if parts else (),
        key_numbers=tuple(numbers.values())[: keynumbers.LIMIT],
        places=most_named(entities, PLACE_LABELS, names),
        groups=most_named(entities, GROUP_LABELS, set()),
        words=words,
        reading_minutes=gist.reading_minutes(words),
    )


def joined_entities(entities: Sequence[tuple[str, Entity]], who: identity.Identities) -> tuple[Entity, ...]:
    """One entity per actor the pieces name (joined as their actors are), and per name and
    label for the rest; its mentions in reading order, its fullest name and first role."""
    grouped: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for piece, e in entities:
        key = who.site_id(piece, e.id) if e.label in ("PERSON", "ORG") and (piece, e.id) in who.ids else e.text
        grouped[(key, e.label)].append(e)
    out = []
    for group in grouped.values():
        mentions = tuple(sorted((m for e in group for m in e.mentions), key=lambda m: m.start))
        name = max(group, key=lambda e: (len(e.text.split()), len(e.text)))
        role = next((e.role for e in group if e.role), None)
        evidence = tuple(sorted({x for e in group for x in e.evidence}))
        out.append(replace(name, mentions=mentions, role=role, evidence=evidence))
    return tuple(sorted(out, key=lambda e: e.start))


def shifted(entity: Entity, start: int, first: int) -> Entity:
    """An entity of a piece, its offsets and paragraphs counted from the article's start."""
    mentions = tuple(replace(m, start=m.start + start, end=m.end + start, paragraph=m.paragraph + first) for m in entity.mentions)
    return replace(entity, start=entity.start + start, end=entity.end + start, mentions=mentions)


def joined_actor(site_id: str, name: str, group: Sequence[Actor]) -> Actor:
    """One actor from its namesakes in several pieces: roles in reading order, mentions added."""
    aliases = sorted({n for x in group for n in (x.name, *x.aliases)} - {name})
    role = next((x.role for x in group if x.role), None)
    return Actor(site_id, name, group[0].type, role, tuple(aliases), sum(x.mentions for x in group))


def actor_order(actor: Actor) -> tuple[int, str]:
    return (-actor.mentions, actor.name)


def most_named(entities: Sequence[Entity], labels: tuple[str, ...], leave_out: set[str]) -> tuple[str, ...]:
    """Names of entities with one of `labels`, most mentioned first (ties by name)."""
    from builder.annotators import places

    counts: Counter[str] = Counter()
    for e in entities:
        name = (places.place_name(e.text) or e.text) if e.label == "GPE" else e.text
        if e.label in labels and name not in leave_out:
            counts[name] += max(1, len(e.mentions))
    return tuple(name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
