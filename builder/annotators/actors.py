"""Entities, and actors: mentions of one person or organisation clustered into one entry.

First version of the rules (DESIGN.md, annotate): possessives are cut from names, a surname
joins the one full name that ends with it, label votes across a cluster fix stray labels
("Blinken" tagged a place), contributors are never actors, and a role is read from the
title words just before a full-name mention or from an apposition after it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Literal, NamedTuple

from spacy.tokens import Doc, Span

from builder.identity import actor_id
from builder.models import Actor, Article, Entity

ACTOR_LABELS = ("PERSON", "ORG")
PLACE_LABELS = ("GPE", "LOC", "FAC")
NAME_LABELS = (*ACTOR_LABELS, *PLACE_LABELS, "NORP")
NOT_IN_ROLES = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "PERSON"))
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Lord|Lady)\.?\s+(?=[A-Z])|(?:Sir|Dame)\s+(?=[A-Z]\S*\s+[A-Z])")
"""`Mr Blair` and `Ms Ardern` are Blair and Ardern: surnames that join `Tony Blair` and `Jacinda
Ardern`. `Sir` and `Dame` come before a first name, so they go only before two names
(`Sir Keir Starmer` -> `Keir Starmer`; `Sir Keir` stays as written)."""
TITLE_WORDS = frozenset(
    """
    president minister secretary director spokesman spokeswoman spokesperson chief leader
    chairman chairwoman chair ceo governor senator mayor ambassador general commander
    official head judge justice professor king queen prince princess pope member manager
    editor founder coach captain premier chancellor envoy attorney lawyer adviser advisor
    analyst researcher scientist officer minister deputy representative rep. sen. gov.
    president-elect candidate activist executive owner chairperson commissioner
    superintendent sheriff
    """.split()
)


GENERIC_BODY = re.compile(
    r"(?:(?:foreign|interior|home|defen[cs]e|health|finance|justice|education|economy|trade|agriculture|energy"
    r"|environment|transport|labou?r|culture|information)\s+)?ministry"
    r"(?:\s+of\s+(?:the\s+)?(?:foreign|internal|home|public)?\s*(?:affairs|health|defen[cs]e|finance|justice"
    r"|education|interior|economy|trade|agriculture|energy|environment|transport|labou?r|culture|information)"
    r"(?:\s+and\s+[a-z]+(?:\s+[a-z]+)?)?)?",
    re.IGNORECASE,
)
"""`Foreign Ministry`, `Ministry of Health`: a ministry not named with its country is no one
actor (whose health ministry?), so it does not get an actor page that would merge them."""
PLACE_WORDS = frozenset(("outside", "opposite", "beside"))
"""`outside the Foreign Ministry`: after these, an organisation's name is a building."""
TITLE_DOMAINS = frozenset(
    """state defense defence justice health commerce energy agriculture education
    transportation transport treasury interior war housing finance trade""".split()
)
"""`Secretary of State`, `Minister of Health`: the word after `<title> of` that is part of the
title, not an organisation (`CEO of the Refugee Council` names one)."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One name in the text, after cleaning, and the actor id it was given."""

    start: int
    end: int
    text: str
    actor_id: str


class Name(NamedTuple):
    """An entity's text without a possessive or leading `the`, with its offsets."""

    text: str
    start: int
    end: int


def clean_name(span: Span) -> Name:
    text, start, end = span.text, span.start_char, span.end_char
    if match := POSSESSIVE.search(text):
        end -= len(match.group())
        text = text[: match.start()]
    if match := re.match(r"the\s+", text, flags=re.IGNORECASE):
        start += match.end()
        text = text[match.end() :]
    if span.label_ == "PERSON" and (match := HONORIFIC.match(text)):
        start += match.end()
        text = text[match.end() :]
    return Name(text, start, end)


def find_entities(doc: Doc) -> tuple[Entity, ...]:
    out = []
    for span in doc.ents:
        name = clean_name(span) if span.label_ in NAME_LABELS else Name(span.text, span.start_char, span.end_char)
        out.append(Entity(name.text, span.label_, name.start, name.end))
    return tuple(out)


def find_actors(
    doc: Doc, article: Article, quoted: list[tuple[int, int]]
) -> tuple[tuple[Actor, ...], tuple[Mention, ...]]:
    """Cluster PERSON and ORG mentions; return actors (most mentioned first) and mentions.

    Names inside quotation marks (`chanting, “Killer Blinken, get out!”`) only count when
    they name an actor found outside quotes. Authors and contributors are never actors.
    """
    excluded = {name.casefold() for name in (*article.contributors, *article.authors)}
    if article.dateline and article.dateline.source:
        excluded.add(article.dateline.source.casefold())
    spans = [
        s
        for s in doc.ents
        if s.label_ in NAME_LABELS and clean_name(s).text.casefold() not in excluded and not organisation_in_passing(s)
    ]
    outside = [s for s in spans if not any(a <= s.start_char < b for a, b in quoted)]
    full_names = person_full_names(outside)
    surname_of = surname_index(full_names)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    mentions: list[tuple[Span, str]] = []
    for span in spans:
        name = clean_name(span).text
        canonical = canonical_name(name, full_names, surname_of)
        if canonical is None and span.start and span.doc[span.start - 1].text in ("Sir", "Dame"):
            canonical = knighted(name, full_names)  # `Sir Keir` is Keir Starmer
        if canonical is None and (
            span.label_ not in ACTOR_LABELS or span not in outside or len(surname_of.get(name, ())) > 1
        ):
            continue  # a surname two people of the article share names neither: no actor of its own
        canonical = canonical or name
        votes[canonical][span.label_] += 1
        mentions.append((span, canonical))
    actors = build_actors(doc, mentions, votes)
    known = {a.name for a in actors}
    names = [(clean_name(s), c) for s, c in mentions if c in known]
    out_mentions = tuple(Mention(n.start, n.end, n.text, actor_id(c)) for n, c in names)
    return actors, out_mentions


def organisation_in_passing(span: Span) -> bool:
    """An ORG name that is not an organisation acting in the story: part of a title
    (`Secretary of State`), a ministry with no country, or a building (`outside the X`)."""
    if span.label_ != "ORG":
        return False
    doc, i = span.doc, span.start
    name = clean_name(span).text
    if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in TITLE_WORDS and name.lower() in TITLE_DOMAINS:
        return True
    if GENERIC_BODY.fullmatch(name):
        return True
    before = doc[i - 2 : i] if i >= 2 and doc[i - 1].lower_ == "the" else doc[max(i - 1, 0) : i]
    return len(before) > 0 and before[0].lower_ in PLACE_WORDS


def person_full_names(spans: list[Span]) -> set[str]:
    """Names of two or more words tagged PERSON somewhere in the article."""
    return {clean_name(s).text for s in spans if s.label_ == "PERSON" and len(clean_name(s).text.split()) > 1}


def surname_index(full_names: set[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for name in sorted(full_names):
        index[name.split()[-1]].append(name)
    return index


def canonical_name(name: str, full_names: set[str], surname_of: dict[str, list[str]]) -> str | None:
    """The full name a mention refers to; None when it names no known person.

    A surname shared by two full names stays ambiguous: it is not merged into either.
    """
    if name in full_names:
        return name
    owners = surname_of.get(name, [])
    if len(owners) == 1:
        return owners[0]
    return None


def knighted(first: str, full_names: set[str]) -> str | None:
    """The one full name that starts with `first`: `Sir Keir` -> `Keir Starmer`."""
    owners = [n for n in full_names if n.split()[0] == first]
    return owners[0] if len(owners) == 1 else None


def build_actors(doc: Doc, mentions: list[tuple[Span, str]], votes: dict[str, Counter[str]]) -> tuple[Actor, ...]:
    by_name: dict[str, list[Span]] = defaultdict(list)
    for span, canonical in mentions:
        by_name[canonical].append(span)
    actors = []
    for name, spans in by_name.items():
        label = winning_label(votes[name])
        if label is None:
            continue
        aliases = sorted({clean_name(s).text for s in spans} - {name})
        actors.append(Actor(actor_id(name), name, label, find_role(spans, name), tuple(aliases), len(spans)))
    actors.sort(key=lambda a: (-a.mentions, a.name))
    return tuple(actors)


def winning_label(votes: Counter[str]) -> Literal["PERSON", "ORG"] | None:
    """PERSON or ORG by majority among actor labels; None when the mentions are mostly places."""
    person, org = votes["PERSON"], votes["ORG"]
    if person + org == 0 or person + org < sum(votes.values()) - person - org:
        return None
    return "PERSON" if person >= org else "ORG"


def find_role(spans: list[Span], name: str) -> str | None:
    """Title words before a mention (`Secretary of State Antony Blinken`) or an apposition."""
    for span in spans:
        if role := title_before(span) or apposition(span):
            return role
    return None


def title_before(span: Span) -> str | None:
    doc, i = span.doc, span.start
    words: list[str] = []
    while i > 0:
        token = doc[i - 1]
        if token.is_title or token.is_upper or token.lower_ in TITLE_WORDS or (token.lower_ == "of" and words):
            if token.ent_type_ in NOT_IN_ROLES:
                break  # `On Monday President Joe Biden`: the role is `President`
            if token.is_sent_start and token.lower_ not in TITLE_WORDS and token.ent_type_ == "":
                break
            words.insert(0, token.text)
            i -= 1
        else:
            break
    while words and words[0].lower() == "of":
        words.pop(0)
    titles = [i for i, w in enumerate(words) if w.lower() in TITLE_WORDS]
    if not titles:
        return None
    last = titles[-1]
    if words[last + 1 : last + 2] == ["of"]:
        last = len(words) - 1  # `Secretary of State`, `Minister of Foreign Affairs`
    return " ".join(words[: last + 1])


def apposition(span: Span) -> str | None:
    """`John Kirby, the National Security Council spokesman,` -> the words after `the`."""
    for token in span.root.children:
        if token.dep_ == "appos" and token.i >= span.end:
            words = [t for t in token.subtree if not t.is_punct]
            if words and words[0].lower_ in ("the", "a", "an"):
                words = words[1:]
            if words and words[-1].lower_ in TITLE_WORDS and len(words) <= 8:
                return " ".join(t.text for t in words)
    return None


def places(doc: Doc, actors: tuple[Actor, ...]) -> tuple[str, ...]:
    """Places named in the text, most mentioned first; names of actors are not places."""
    names = {n for a in actors for n in (a.name, *a.aliases)}
    return most_mentioned(doc, ("GPE", "LOC"), names)


def groups(doc: Doc) -> tuple[str, ...]:
    """Nationalities, religious and political groups (NORP), most mentioned first."""
    return most_mentioned(doc, ("NORP",), set())


def most_mentioned(doc: Doc, labels: tuple[str, ...], leave_out: set[str]) -> tuple[str, ...]:
    counts = Counter(clean_name(s).text for s in doc.ents if s.label_ in labels)
    counts = Counter({k: v for k, v in counts.items() if k not in leave_out})
    return tuple(name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
