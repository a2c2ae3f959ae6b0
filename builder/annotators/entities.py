"""Who is who in one article: mentions of names, roles and pronouns clustered into entities.

The design of the Stanford deterministic coreference system (Lee et al. 2013): mentions are
read off the parse, then an ordered list of sieves merges them, most precise first. Actors
(`actors`), places and quote speakers (`speakers`) are all read from the one model.

1. **Mentions.** Every name spaCy finds, cleaned (`names.clean`): possessive, article,
   honorific, a credit (`Michael Sohn/AP`) and an unclosed bracket cut. Roles: a title noun
   phrase (`the prime minister`) and the title words around a name (`Prime Minister Tony
   Blair`, `Tony Blair, the prime minister`). Pronouns are read from the parse when a quote
   needs them (`referents.antecedent`).
2. **Sieves** over names, in `SIEVES` order: the same name folded (case, accents, hyphens,
   dots: `Kim Jong-un` = `Kim Jong Un`, `U.S.` = `US`); an acronym and its expansion (`KCNA`
   = `Korean Central News Agency`); a surname, or a one-word name that opens exactly one full
   name (`Jane` after `Jane Harris`, `Xi` = `Xi Jinping`); a one-word organisation name that
   opens or closes exactly one longer one (`Labour` = `Labour Party`).
3. **Roles** join the one person who holds that title in this article (`the prime minister`
   -> Tony Blair); **pronouns** are resolved by the speakers when a quote needs them
   (`antecedent`), by agreement and salience.
4. **Evidence.** Each entity's type is voted by its labels and overruled by what the text says
   of it (`evidence`): a person needs a given name, an honorific, a role or a speech verb; a
   place must be in the gazetteer (`places`). What has no evidence stays an entity, not an actor.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from builder.annotators import names, places
from builder.models import Article

MentionKind = Literal["name", "role"]
NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
OTHER_LABELS = ("EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE")
"""Named things that are never actors: kept as entities so that their words are not read as people."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention in the text and the entity it belongs to (`entity` is an index into
    `Model.entities`; -1 for a title that joined nobody)."""

    start: int
    end: int
    text: str
    kind: MentionKind
    label: str
    entity: int = -1
    subject: bool = False
    """The mention is the grammatical subject of its clause (salience for pronouns)."""


@dataclass(slots=True)
class Cluster:
    """An entity while the sieves build it."""

    names: list[Span] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    genders: Counter[str] = field(default_factory=Counter)
    evidence: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Entity:
    """A real person, organisation, place or thing of the article, with its mentions."""

    index: int
    name: str
    """The fullest name the article gives."""
    type: str
    """PERSON, ORG, PLACE, GROUP (a nationality or party read as a group) or OTHER."""
    names: tuple[str, ...]
    role: str | None
    gender: str | None
    evidence: tuple[str, ...]
    """Why the type was chosen: `given name`, `honorific`, `role`, `speaker`, `acronym`, ..."""

    @property
    def is_actor(self) -> bool:
        return self.type in ("PERSON", "ORG")


@dataclass(frozen=True, slots=True)
class Model:
    """The entities of one article and every mention of them, in text order."""

    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]

    def at(self, start: int, end: int) -> list[Mention]:
        """Mentions that start inside [start, end)."""
        return [m for m in self.mentions if start <= m.start < end]


def build(doc: Doc, article: Article) -> Model:
    """The entity model of one parsed article."""
    excluded = {n.casefold() for n in (*article.contributors, *article.authors)}
    if article.dateline and article.dateline.source:
        excluded.add(article.dateline.source.casefold())
    spans = [s for s in name_spans(doc) if names.clean(s).text.casefold() not in excluded]
    clusters = cluster_names(spans)
    link_acronyms_in_brackets(doc, spans, clusters)
    shared = shared_surnames(spans)
    for cluster in clusters:
        gather_evidence(cluster)
        if all(names.fold(names.clean(s).text) in shared for s in cluster.names):
            cluster.evidence.add("shared surname")
    entities = [finish(i, c) for i, c in enumerate(clusters)]
    of_span = {id(s): i for i, c in enumerate(clusters) for s in c.names}
    mentions = [name_mention(s, of_span[id(s)]) for s in spans if id(s) in of_span]
    mentions += surname_mentions(doc, spans, entities)
    mentions += role_mentions(doc, spans, entities)
    mentions.sort(key=lambda m: (m.start, m.end))
    return Model(tuple(entities), tuple(mentions))


def name_spans(doc: Doc) -> list[Span]:
    """Entity spans that name something, cleaned of what is not the name; a span split in two
    by a given name inside it (`Tories Ken Clarke`) gives the person's part. Names the model
    did not tag (`Regina Ip`) are found by their given name (`untagged_people`)."""
    out = []
    for span in [part for ent in doc.ents for part in split_person(ent)] + untagged_people(doc):
        if span.label_ not in NAME_LABELS + OTHER_LABELS:
            continue
        span = names.person_part(span) if span.label_ == "PERSON" else span
        cleaned = names.clean(span)  # `Twitter / Barack Obama` below: a caption's credit, no one name
        if names.is_name(cleaned.text) and " / " not in span.text and not names.in_passing(span):
            out.append(span)
    return sorted(out, key=lambda s: s.start)


def split_person(span: Span) -> list[Span]:
    """`the Lib Dems David Laws`, `Council on American-Islamic Relations Alia Salem`: a body's
    name and a person's run together by the tagger, split where a given name opens the rest."""
    for i in range(1, len(span) - 1):
        rest = span[i:]
        if (
            names.given_gender(span[i].text) in ("m", "f")
            and names.given_gender(span[i - 1].text) is None
            and span[i - 1].text not in names.HONORIFIC_GENDER_WORDS
            and not span[i - 1].text.endswith(".")
            and len(rest) <= 3
            and all(t.is_title and names.name_like(t.text) for t in rest[1:])
        ):
            head = Span(span.doc, span.start, span.start + i, label=span.label_)
            return [head, Span(span.doc, rest.start, rest.end, label="PERSON")]
    return [span]


def untagged_people(doc: Doc) -> list[Span]:
    """Names the model did not tag: in a run of proper nouns outside any entity, two to four
    words from a given name on (`Boss Graeme Souness` -> `Graeme Souness`)."""
    out = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and not doc[j].ent_type_ and doc[j].is_title:
            j += 1
        first = next((k for k in range(i, j - 1) if names.given_gender(doc[k].text) in ("m", "f")), None)
        if first is not None and 2 <= j - first <= 4:
            out.append(Span(doc, first, j, label="PERSON"))
        i = max(j, i + 1)
    return out


def cluster_names(spans: list[Span]) -> list[Cluster]:
    """Union of name spans by the sieves, in order; one Cluster per entity, in text order."""
    parent = list(range(len(spans)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    cleaned = [names.clean(s).text for s in spans]
    for sieve in SIEVES:
        for i, j in sieve(spans, cleaned):
            union(i, j)
    groups: dict[int, Cluster] = {}
    for i, span in enumerate(spans):
        cluster = groups.setdefault(find(i), Cluster())
        cluster.names.append(span)
        cluster.labels[span.label_] += 1
    return list(groups.values())


def same_name(spans: list[Span], cleaned: list[str]) -> list[tuple[int, int]]:
    """Sieve 1: the same name, folded (`Kim Jong-un` = `Kim Jong Un`, `U.N.` = `UN`)."""
    first: dict[str, int] = {}
    pairs = []
    for i, text in enumerate(cleaned):
        key = names.fold(text)
        if key in first:
            pairs.append((first[key], i))
        else:
            first[key] = i
    return pairs


def acronyms(spans: list[Span], cleaned: list[str]) -> list[tuple[int, int]]:
    """Sieve 2: an acronym and the one name whose initials it spells (`KCNA`)."""
    long_names = defaultdict(list)
    for i, text in enumerate(cleaned):
        if len(text.split()) > 1 and spans[i].label_ != "PERSON":
            long_names[names.initials(text)].append(i)
    pairs = []
    for i, text in enumerate(cleaned):
        if names.is_acronym(text):
            owners = {names.fold(cleaned[j]) for j in long_names.get(names.fold(text).replace(" ", ""), [])}
            if len(owners) == 1:
                pairs += [(i, j) for j in long_names[names.fold(text).replace(" ", "")]]
    return pairs


def part_names(spans: list[Span], cleaned: list[str]) -> list[tuple[int, int]]:
    """Sieve 3: a one-word name that closes exactly one full name of a person (a surname), or
    opens exactly one and closes none (`Jane` -> `Jane Harris`, `Xi` -> `Xi Jinping`); for an
    organisation, a one-word name that opens or closes exactly one longer name (`Labour`)."""
    people = {
        names.fold(t)
        for i, t in enumerate(cleaned)
        if spans[i].label_ == "PERSON" and len(names.fold(t).split()) > 1 and names.opens_a_name(t)
    }
    bodies = {names.fold(t) for i, t in enumerate(cleaned) if spans[i].label_ == "ORG" and len(names.fold(t).split()) > 1}
    index = {names.fold(t): i for i, t in enumerate(cleaned)}
    pairs: list[tuple[int, int]] = []
    for i, text in enumerate(cleaned):
        key = names.fold(text)
        if " " in key or not key:
            continue
        last = [p for p in people if p.split()[-1] == key]
        first = [p for p in people if p.split()[0] == key]
        if len(last) == 1 and not names.is_acronym(text):
            pairs.append((i, index[last[0]]))

        elif not last and len(first) == 1 and spans[i].label_ in ("PERSON", "ORG", "GPE", "NORP"):
            pairs.append((i, index[first[0]]))
        elif spans[i].label_ in ("ORG", "NORP") and not last and not first:
            edges = [b for b in bodies if key in (b.split()[0], b.split()[-1])]
            if len(edges) == 1:
                pairs.append((i, index[edges[0]]))
    return pairs


def inner_names(spans: list[Span], cleaned: list[str]) -> list[tuple[int, int]]:
    """Sieve 4: an organisation's name that stands whole inside exactly one longer name of an
    organisation (`Supreme Court` in `Italian Supreme Court of Cassation`)."""
    bodies = [(i, f" {names.fold(t)} ") for i, t in enumerate(cleaned) if spans[i].label_ == "ORG"]
    pairs = []
    for i, text in enumerate(cleaned):
        key = f" {names.fold(text)} "
        if spans[i].label_ != "ORG" or len(key.split()) < 2:
            continue
        longer = {k for j, k in bodies if key in k and k != key}
        if len(longer) == 1:
            pairs += [(i, j) for j, k in bodies if k in longer]
    return pairs


SIEVES = (same_name, acronyms, part_names, inner_names)
"""The name sieves, most precise first; each gives pairs of spans that name one entity."""


def shared_surnames(spans: list[Span]) -> set[str]:
    """Surnames of two or more people of the article (`Smith` of `John Smith` and `Jane Smith`):
    said alone, they name neither, so they are no actor of their own."""
    owners: dict[str, set[str]] = defaultdict(set)
    for span in spans:
        text = names.fold(names.clean(span).text)
        if span.label_ == "PERSON" and len(text.split()) > 1 and names.opens_a_name(names.clean(span).text):
            owners[text.split()[-1]].add(text)
    return {surname for surname, full in owners.items() if len(full) > 1}


def link_acronyms_in_brackets(doc: Doc, spans: list[Span], clusters: list[Cluster]) -> None:
    """`Korean Central News Agency (KCNA)`: a bracketed acronym right after a name is that name."""
    owner = {id(s): c for c in clusters for s in c.names}
    by_start = {s.start: s for s in spans}
    for span in spans:
        after = doc[span.end : span.end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")":
            other = by_start.get(after[1].i)
            spelt = names.is_acronym(other.text) if other is not None else False
            if spelt and other is not None and names.initials(names.clean(span).text) != names.fold(other.text).replace(" ", ""):
                spelt = False  # `Union of Rationalist Atheists and Agnostics (UAAR)`: not its initials
            if other is not None and owner[id(other)] is not owner[id(span)] and spelt:
                merge(owner[id(span)], owner[id(other)], clusters)
                owner.update({id(s): owner[id(span)] for s in owner[id(span)].names})


def merge(into: Cluster, other: Cluster, clusters: list[Cluster]) -> None:
    into.names += other.names
    into.labels += other.labels
    into.roles += other.roles
    into.genders += other.genders
    into.evidence |= other.evidence
    clusters.remove(other)


def gather_evidence(cluster: Cluster) -> None:
    """What the text says of an entity: given names, honorifics, roles, speech, genders."""
    for span in cluster.names:
        for clue, gender in names.person_clues(span):
            cluster.evidence.add(clue)
            if gender:
                cluster.genders[gender] += 1
        if role := names.title_before(span) or names.apposition(span):
            cluster.roles.append(role)
            cluster.evidence.add("role")
            if gender := names.role_gender(role):
                cluster.genders[gender] += 1
        cluster.evidence |= names.organisation_clues(span)
        if names.speaks(span):
            cluster.evidence.add("speaker")
    texts = [names.clean(s).text for s in cluster.names]
    if any(names.is_acronym(t) for t in texts) and any(len(t.split()) > 1 for t in texts):
        cluster.evidence.add("acronym")


def finish(index: int, cluster: Cluster) -> Entity:
    texts = [names.clean(s).text for s in cluster.names]
    name = max(texts, key=lambda t: (len(t.split()), len(t), -texts.index(t)))
    kind = entity_type(name, cluster)
    gender = cluster.genders.most_common(1)[0][0] if len(cluster.genders) == 1 else None
    role = Counter(cluster.roles).most_common(1)[0][0] if cluster.roles else None
    ordered = tuple(dict.fromkeys(texts))
    return Entity(index, name, kind, ordered, role, gender, tuple(sorted(cluster.evidence)))


PERSON_EVIDENCE = frozenset(("given name", "honorific", "role", "speaker", "full name"))
ORG_EVIDENCE = frozenset(("body word", "affiliation", "acronym"))
"""Evidence that makes a name a body whatever the model's label."""
ACTS = frozenset(("speaker", "agent", "role"))
"""Evidence that a name labelled an organisation acts as one."""


def entity_type(name: str, cluster: Cluster) -> str:
    """The entity's type, evidence first: a given name or an honorific makes a person; the
    gazetteer a place; a body word, an affiliation or an acronym spelt out an organisation;
    then the model's labels, when the text shows the entity acting as one; else OTHER."""
    labels, evidence = cluster.labels, cluster.evidence
    person, org = labels["PERSON"], labels["ORG"]
    place = labels["GPE"] + labels["LOC"] + labels["FAC"]
    other = sum(labels[k] for k in OTHER_LABELS)
    if "shared surname" in evidence:
        return "OTHER"
    if all(" " not in t for t in names_of(cluster)) and not any(names.name_like(t, names.COMMON_ALONE) for t in names_of(cluster)):
        if not evidence & {"honorific", "given name", "role", "acronym"}:
            return "OTHER"  # `Water said`: a common word alone is no one's name
    if (kind := places.place_kind(name)) and "body word" not in evidence and "honorific" not in evidence:
        if kind != "city" or place >= person + org:
            return "PLACE"
    if "facility" in evidence:
        return "OTHER"
    if evidence & {"given name", "honorific"} and person + org >= place:
        return "PERSON"
    if evidence & ORG_EVIDENCE and (org or place) and org + place >= person and not other:
        return "ORG"
    if "speaker" in evidence and (org or other) and not person and not place:
        return "ORG"  # `told the Toronto Star`, `The Sydney Morning Herald reported`: a medium is a body
    if person and person >= org + place and evidence & PERSON_EVIDENCE:
        return "PERSON"
    if org and org >= person + place and (evidence & ACTS or len(cluster.names) > 1):
        return "ORG"
    if labels["NORP"] and labels["NORP"] >= person + org:
        return "GROUP"
    if evidence & {"given name", "honorific"}:
        return "PERSON"
    return "OTHER"


def names_of(cluster: Cluster) -> list[str]:
    return [names.clean(s).text for s in cluster.names]


def name_mention(span: Span, entity: int) -> Mention:
    cleaned = names.clean(span)
    return Mention(cleaned.start, cleaned.end, cleaned.text, "name", span.label_, entity, is_subject(span.root))


def is_subject(token: Token) -> bool:
    """The token is its clause's subject, or names it (`His party leader, Michael Howard,
    argued`: an apposition of the subject; `Boss Graeme Souness`: part of it)."""
    for _ in range(3):
        if token.dep_ in ("nsubj", "nsubjpass"):
            return True
        if token.dep_ not in ("appos", "compound") or token.head.i == token.i:
            return False
        token = token.head
    return False


def surname_mentions(doc: Doc, spans: list[Span], entities: list[Entity]) -> list[Mention]:
    """A person's surname, or whole name, that the tagger did not read as a name (`admitted
    Kiely`): a capitalised word outside every entity that ends exactly one person's name."""
    taken = {t.i for s in spans for t in s}
    surnames: dict[str, list[int]] = defaultdict(list)
    for e in entities:
        if e.type == "PERSON" and len(e.name.split()) > 1:
            surnames[names.fold(e.name.split()[-1])].append(e.index)
    out = []
    for token in doc:
        if token.i in taken or not token.is_title or token.is_sent_start and token.pos_ != "PROPN":
            continue
        owners = surnames.get(names.fold(token.text), [])
        if len(owners) == 1:
            out.append(Mention(token.idx, token.idx + len(token), token.text, "name", "PERSON", owners[0], is_subject(token)))
    return out


def role_mentions(doc: Doc, spans: list[Span], entities: list[Entity]) -> list[Mention]:
    """Title noun phrases outside names (`the prime minister`, `the foreign secretary`), each
    joined to the one person of the article who holds that title (`names.holds_role`), if there
    is exactly one."""
    taken = {t.i for s in spans for t in s}
    people = [e for e in entities if e.type == "PERSON" and e.role]
    out = []
    for token in doc:
        if token.i in taken or token.pos_ != "NOUN" or not names.is_title_word(token.lower_):
            continue
        if token.dep_ == "compound" or any(t.i in taken for t in token.subtree if t.dep_ == "appos"):
            continue
        start = min([token.i, *(c.left_edge.i for c in token.children if c.i < token.i and c.dep_ != "det")])
        phrase = doc[start : token.i + 1]
        owners = [e.index for e in people if names.holds_role(e.role or "", title_words(token))]
        definite = any(c.lower_ in ("the", "this", "that") for c in token.children)
        owned = any(c.dep_ == "poss" or (c.dep_ == "compound" and c.i in taken) for c in token.children)
        entity = owners[0] if len(owners) == 1 and definite and not owned else -1
        out.append(Mention(phrase.start_char, phrase.end_char, phrase.text, "role", "ROLE", entity, is_subject(token)))
    return out


def title_words(token: Token) -> list[str]:
    """The words of a bare title: `the foreign secretary` -> `foreign secretary`."""
    words = [c for c in token.children if c.i < token.i and c.dep_ in ("compound", "amod")]
    return [w.lower_ for w in sorted(words, key=lambda w: w.i)] + [token.lower_]
