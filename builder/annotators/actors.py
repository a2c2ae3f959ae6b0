"""Actors, places and groups of one article, read from its entity model (`entities`).

An actor is an entity of type PERSON or ORG: a real person or body, with the evidence the
model asked for. Its name is the fullest name the article gives, its role the title most
often seen with it, its aliases the other names it goes by. Names only inside quotation marks
(`chanting, “Killer Blinken, get out!”`) count when they name an actor found outside them;
authors and contributors never are actors (the model leaves them out).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from builder.annotators import places as gazetteer
from builder.annotators.cues import paragraph_starts
from builder.annotators.entities import Model
from builder.annotators.names import actor_id
from builder.models import Actor, Entity, EntityMention


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention (name, role or pronoun) that refers to an actor, and that actor's id."""

    start: int
    end: int
    text: str
    actor_id: str
    kind: str = "name"
    gender: str | None = None
    """`m` or `f` when the text tells the actor's gender (honorific, role word, given name)."""
    subject: bool = False
    """The mention is the grammatical subject of its clause."""


def find_actors(model: Model, quoted: list[tuple[int, int]]) -> tuple[tuple[Actor, ...], tuple[Mention, ...]]:
    """The actors (most mentioned first) and every mention that refers to one."""
    outside = {m.entity for m in model.mentions if m.kind == "name" and not any(a <= m.start < b for a, b in quoted)}
    cast = [e for e in model.entities if e.is_actor and e.index in outside]
    ids = {e.index: actor_id(e.name) for e in cast}
    counts = Counter(m.entity for m in model.mentions if m.kind == "name" and m.entity in ids)
    actors = [
        Actor(
            ids[e.index],
            e.name,
            "PERSON" if e.type == "PERSON" else "ORG",
            e.role,
            tuple(sorted(set(e.names) - {e.name})),
            counts[e.index],
        )
        for e in cast
    ]
    actors.sort(key=lambda a: (-a.mentions, a.name))
    mentions = tuple(
        Mention(m.start, m.end, m.text, ids[m.entity], m.kind, model.entities[m.entity].gender, m.subject)
        for m in model.mentions
        if m.entity in ids
    )
    return tuple(actors), mentions


def entity_records(
    model: Model, text: str, resolved: Sequence[tuple[str, int, int, str, str]] = ()
) -> tuple[Entity, ...]:
    """The annotate JSON's `entities`: each entity of the model with its type, the evidence for
    it and every mention (name, role or pronoun, with its paragraph), so a reader can see why a
    speaker was chosen. `resolved` adds the pronouns and titles the speaker rules read as an
    actor: (actor id, start, end, text, kind)."""
    starts = paragraph_starts(text)
    by_entity: dict[int, list[EntityMention]] = {}
    of_actor = {actor_id(e.name): e.index for e in model.entities if e.is_actor}
    found_at = {(m.start, m.end) for m in model.mentions if m.entity >= 0}
    mentions = [(m.entity, m.text, m.kind, m.start, m.end) for m in model.mentions if m.entity >= 0]
    mentions += [
        (of_actor[who], words, kind, start, end)
        for who, start, end, words, kind in resolved
        if who in of_actor and (start, end) not in found_at
    ]
    for entity, words, kind, start, end in sorted(mentions, key=lambda m: m[3]):
        paragraph = bisect_right(starts, start) - 1
        by_entity.setdefault(entity, []).append(EntityMention(words, kind, start, end, paragraph))  # type: ignore[arg-type]
    out = []
    for e in model.entities:
        found = by_entity.get(e.index, [])
        if not found:
            continue
        label = e.type if e.type != "PLACE" else "GPE"
        named = next((m for m in found if m.text == e.name), found[0])  # offsets of its fullest name
        out.append(Entity(named.text, label, named.start, named.end, actor_id(e.name), tuple(found), e.evidence, e.role))
    return tuple(out)


def places(model: Model) -> tuple[str, ...]:
    """Places the gazetteer knows, most mentioned first, each under one name (`US`, `U.S.` and
    `United States` are `United States`)."""
    counts: Counter[str] = Counter()
    for m in model.mentions:
        if m.kind == "name" and m.entity >= 0 and model.entities[m.entity].type == "PLACE":
            if name := gazetteer.place_name(m.text) or gazetteer.place_name(model.entities[m.entity].name):
                counts[name] += 1
    return tuple(name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def groups(model: Model) -> tuple[str, ...]:
    """Nationalities, religious and political groups (NORP), most mentioned first."""
    counts: Counter[str] = Counter()
    for m in model.mentions:
        if m.kind == "name" and m.label == "NORP" and model.entities[m.entity].type == "GROUP":
            counts[m.text] += 1
    return tuple(name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
