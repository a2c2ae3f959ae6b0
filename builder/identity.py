"""Actors across briefings: one id, name and page per real person or organisation.

Annotate clusters the mentions of one briefing into `Actor`s. Across briefings, in order:
1. the editors' aliases file (`actors.yml`) renames actors, everywhere or in the briefings
   an entry lists: that is how editors merge two names or split one;
2. actors of one type with the same name are one;
3. a person named by surname only (`Biden`, as `President Biden`) joins the one person with
   that surname and a full name elsewhere on the site; when two full names share the
   surname, it joins the one of them seen with the same role (`Prime Minister`), and
   otherwise stays apart, its surname reported as ambiguous.
An actor's id is made from its name (`actor_id`), so its page keeps its URL from build to build.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from builder import datafile
from builder.annotators.ids import actor_id
from builder.errors import RenderError
from builder.models import Actor, Annotation

ALIAS_KEYS = {"name", "aliases", "briefings"}


@dataclass(frozen=True, slots=True)
class Alias:
    """One entry of the aliases file: these names are the actor `name`."""

    name: str
    aliases: tuple[str, ...]
    briefings: tuple[str, ...] = ()
    """Slugs of the briefings the entry applies to; empty: every briefing."""


@dataclass(frozen=True, slots=True)
class Identities:
    """Who is who on the site."""

    ids: Mapping[tuple[str, str], str]
    """(briefing slug, actor id in that briefing's annotation) -> the actor's site id."""
    names: Mapping[str, str]
    """Site id -> the name its page shows."""
    merged: int = 0
    """Actors of a briefing that joined an actor of another name."""
    ambiguous: tuple[str, ...] = ()
    """Surnames said alone that two people on the site share."""

    def site_id(self, slug: str, actor: str) -> str:
        return self.ids.get((slug, actor), actor)


def load_aliases(path: Path | None) -> tuple[Alias, ...]:
    """The aliases file; none when it does not exist. Raises `RenderError` naming the line."""
    if path is None or not path.is_file():
        return ()
    found = datafile.entries(path, RenderError, "each with a `name` and its `aliases`")
    return tuple(alias(entry, path, line) for entry, line in found)


def alias(entry: object, path: Path, line: int) -> Alias:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise RenderError("an entry needs a `name`", path, line)
    if unknown := sorted(set(entry) - ALIAS_KEYS):
        raise RenderError(f"unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(ALIAS_KEYS))}", path, line)
    names, briefings = entry.get("aliases") or [], entry.get("briefings") or []
    if not isinstance(names, list) or not isinstance(briefings, list):
        raise RenderError("`aliases` and `briefings` are lists: [A, B]", path, line)
    return Alias(entry["name"].strip(), tuple(map(str, names)), tuple(map(str, briefings)))


def resolve(annotations: Sequence[Annotation], aliases: Sequence[Alias] = ()) -> Identities:
    """Site ids for the actors of every briefing (see the module's rules)."""
    named: dict[tuple[str, str], tuple[str, str]] = {}  # (slug, actor id) -> (type, name)
    roles: dict[tuple[str, str], str | None] = {}
    for annotation in annotations:
        for actor in annotation.actors:
            key = (annotation.article.slug, actor.id)
            named[key], roles[key] = (actor.type, renamed(actor, annotation.article.slug, aliases)), actor.role
    surnames: dict[str, set[str]] = defaultdict(set)
    roles_of: dict[str, set[str]] = defaultdict(set)
    for key, (kind, name) in named.items():
        if kind == "PERSON" and len(name.split()) > 1:
            surnames[name.split()[-1]].add(name)
            roles_of[name].update(filter(None, [roles[key]]))
    final: dict[tuple[str, str], tuple[str, str]] = {}
    ambiguous = set()
    for key, (kind, name) in named.items():
        owners = surnames.get(name, set()) if kind == "PERSON" and " " not in name else set()
        if len(owners) > 1:  # `Prime Minister Blair`: the one Blair who is Prime Minister elsewhere
            owners = {owner for owner in owners if roles[key] and roles[key] in roles_of[owner]} or owners
        if len(owners) == 1 and not clash(roles[key], roles_of[next(iter(owners))]):
            name = next(iter(owners))
        elif owners:
            ambiguous.add(name)
        final[key] = (kind, name)
    ids, names = site_ids(final)
    original = {(a.article.slug, x.id): x.name for a in annotations for x in a.actors}
    merged = sum(1 for key, (_, name) in final.items() if name != original[key])
    return Identities(ids, names, merged, tuple(sorted(ambiguous)))


def clash(role: str | None, known: set[str]) -> bool:
    """A councillor `Smith` is not the Labour leader John Smith: both have roles, no word shared."""
    if not role or not known:
        return False
    words = set(role.lower().split())
    return not any(words & set(other.lower().split()) for other in known)


def renamed(actor: Actor, slug: str, aliases: Sequence[Alias]) -> str:
    """The name an editors' entry gives the actor in this briefing, else its own. Only the
    actor's name is matched, not its aliases: `Biden` listed for Hunter Biden must not take
    Joe Biden, whose aliases hold `Biden` too."""
    for entry in aliases:
        if (not entry.briefings or slug in entry.briefings) and actor.name in {entry.name, *entry.aliases}:
            return entry.name
    return actor.name


def site_ids(final: Mapping[tuple[str, str], tuple[str, str]]) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """An id per (type, name); a person and an organisation of one name get two ids."""
    taken: dict[str, tuple[str, str]] = {}
    ids: dict[tuple[str, str], str] = {}
    for key, (kind, name) in sorted(final.items(), key=lambda item: (item[1][0] != "PERSON", item[1][1])):
        base = site_id = actor_id(name)
        number = 1
        while taken.get(site_id, (kind, name)) != (kind, name):  # `Jose Nunez` and `José Núñez`
            number += 1
            site_id = f"{base}-{kind.lower()}" if number == 2 else f"{base}-{number}"
        taken[site_id] = (kind, name)
        ids[key] = site_id
    return ids, {site_id: name for site_id, (_, name) in taken.items()}
