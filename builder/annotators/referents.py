"""Who a word of the text stands for: the subject of a verb, a pronoun, a title, a document.

The speaker rules (`speakers`) ask this module about the subject of a cue verb; it answers
with a `Referent` that says how it was found (`how`), so that each way has its own rule and
confidence. People come from the entity model's mentions (`actors.Mention`: names, titles
that joined a person, with genders and subject flags).

- `subject_of`: the grammatical subject of a verb (`cues.grammatical_subject`), or a person
  named right after it, read as a name, a title (`the spokesman` -> its one holder), a pronoun,
  a document (`the committee's report` -> the committee) or a description (`a hospital
  spokeswoman`).
- `antecedent`: `he`/`she` by agreement and salience (Lee et al. 2013), else the last speaker.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from spacy.tokens import Span, Token

from builder.annotators.actors import Mention
from builder.annotators.cues import (
    NOT_SPEAKERS,
    WHEN,
    Found,
    grammatical_subject,
    is_speech,
    name_after,
    outside_quote,
    text_of,
)
from builder.annotators.names import BODY_WORDS, TITLE_WORDS, holds_role
from builder.models import Actor, Quote

How = Literal[
    "name",
    "name after verb",
    "title",
    "title as pronoun",
    "pronoun",
    "pronoun, last speaker",
    "pronoun, weak",
    "document issuer",
    "description",
    "nobody",
]


class Referent(NamedTuple):
    """An actor (`id`), or a description the text gives (`the spokesman`), and how it was read."""

    id: str | None
    name: str | None
    how: How
    via: tuple[int, int, str, str] | None = None
    """The pronoun or title that stood for the actor: (start, end, text, `pronoun` or `role`)."""


NOBODY = Referent(None, None, "nobody")
PRONOUNS = frozenset(("he", "she", "they"))
"""Pronouns that stand for someone named before (`I` and `we` outside a quote are the writer)."""
SOMEONE = frozenset(("a", "an", "one", "another"))
"""Determiners of someone the text does not name: `a spokesman` is not `the spokesman`."""
SALIENCE_SENTENCES = 2
"""How many sentences before a pronoun's own its antecedent is looked for by salience; further
back, the last speaker is the likelier referent."""
ASIDE = frozenset(("prep", "poss", "relcl", "acl", "advcl"))
"""Dependents of a subject that hang on it without naming it (`a look at Trump's planes`)."""


class Scene(NamedTuple):
    """What a referent is read against: the quote, the article's people, the quotes before."""

    item: Found
    mentions: tuple[Mention, ...]
    by_id: dict[str, Actor]
    before: tuple[Quote, ...]

    def actor(self, actor_id: str, how: How) -> Referent:
        return Referent(actor_id, self.by_id[actor_id].name, how)


def subject_of(verb: Token, scene: Scene) -> Referent | None:
    """Who does `verb` (`X said`, `said X, the ...`, `according to X`, `“...,” admitted Kiely`)."""
    if not verb.doc.has_annotation("DEP"):
        return None
    subject = grammatical_subject(verb) or name_after(verb)
    if subject is None and is_speech(verb) and (after := mention_after(verb, scene)) is not None:
        return scene.actor(after, "name after verb")
    if subject is None or not outside_quote(subject.idx, scene.item) or subject.ent_type_ in WHEN:
        return None  # `Saturday at the convention Warren said`: a date read as the subject
    if (named := named_in(subject, scene)) is not None:
        return scene.actor(named.actor_id, "title" if named.kind == "role" else "name")
    if subject.lower_ in PRONOUNS:
        found = antecedent(subject, scene)
        return found._replace(via=(subject.idx, subject.idx + len(subject), subject.text, "pronoun"))
    if subject.lower_ in NOT_SPEAKERS:
        if subject.pos_ != "NOUN":
            return NOBODY  # `it said`, `which said`
        if (issuer := document_issuer(subject, scene)) is not None:
            return scene.actor(issuer, "document issuer")  # `the committee's report said`
        return Referent(None, description(phrase(subject)), "description")  # `the ad says`
    if subject.pos_ in ("NOUN", "PROPN"):
        found = title_holder(subject, scene) or continuing(subject, verb, scene) or the_body(subject, scene)
        if found is not None:
            words = phrase(subject)
            return found._replace(via=(words.start_char, words.end_char, words.text, "role"))
        return Referent(None, description(phrase(subject)), "description")
    return None


def phrase(subject: Token) -> Span:
    """The subject's phrase, or its words up to the head when the phrase runs long."""
    doc = subject.doc
    span = doc[subject.left_edge.i : subject.right_edge.i + 1]
    return span if len(span) <= 10 else doc[subject.left_edge.i : subject.i + 1]


def named_in(subject: Token, scene: Scene) -> Mention | None:
    """The actor a subject names in its own words (its name, or a title joined to a person),
    a person before a body (`Lib Dem leader Charles Kennedy`), its own name before another's."""
    own = own_words(subject)
    named = [m for m in scene.mentions if any(t.idx <= m.start < t.idx + len(t) for t in own)]
    people = [m for m in named if scene.by_id[m.actor_id].type == "PERSON"]
    if not people and subject.lower_ in TITLE_WORDS:
        return None  # `the Chester chairman`: the body names whose title it is, not who holds it
    people = people or named
    if not people:
        return None
    itself = [m for m in people if m.start <= subject.idx < m.end]
    return itself[0] if itself else min(people, key=lambda m: abs(m.start - subject.idx))


def title_holder(subject: Token, scene: Scene) -> Referent | None:
    """`the spokesman`, `the foreign secretary`: the one person of the article who holds the
    title; with no holder, a definite title of no body stands for the person the text is
    about, as a pronoun would (`Jack Straw said ... The foreign secretary told MPs`)."""
    if subject.lower_ not in TITLE_WORDS or any(c.lower_ in SOMEONE or c.dep_ == "nummod" for c in subject.children):
        return None
    title = [c.lower_ for c in subject.children if c.dep_ in ("compound", "amod") and c.i < subject.i]
    people = [a for a in scene.by_id.values() if a.role and a.type == "PERSON"]
    holders = [a for a in people if holds_role(a.role or "", [*title, subject.lower_])]
    if len(holders) == 1:
        return scene.actor(holders[0].id, "title")
    definite = any(c.lower_ in ("the", "this") for c in subject.children)
    if definite and not holders and not has_owner(subject):
        found = antecedent(subject, scene, role=subject.lower_)
        return found._replace(how="title as pronoun") if found.id is not None else None
    return None


def the_body(noun: Token, scene: Scene) -> Referent | None:
    """`the airline warned`, `the charity said`: a definite body noun stands for the one
    organisation of the article whose name holds it (`Continental Airlines`), else the one
    named last before it in its paragraph."""
    if noun.lower_ not in BODY_WORDS or noun.tag_ != "NN" or not any(c.lower_ in ("the", "this") for c in noun.children):
        return None
    bodies = {m.actor_id for m in scene.mentions if scene.by_id[m.actor_id].type == "ORG"}
    holding = [b for b in bodies if noun.lower_ in names_words(scene.by_id[b].name)]
    if len(holding) == 1:
        return scene.actor(holding[0], "title")
    since = text_of(noun.doc).rfind("\n\n", 0, noun.idx) + 1
    before = [m for m in scene.mentions if since <= m.start < noun.idx and m.actor_id in bodies]
    return scene.actor(before[-1].actor_id, "title as pronoun") if before else None


def names_words(name: str) -> set[str]:
    return {w.lower().rstrip("s") for w in name.split()} | {w.lower() for w in name.split()}


def continuing(subject: Token, verb: Token, scene: Scene) -> Referent | None:
    """`“...,” the tournament debutant added`: a definite description of one person that goes
    on speaking (`added`, `continued`) is the last speaker, of this paragraph or the one before."""
    if verb.lower_ not in CONTINUING or subject.tag_ != "NN" or not any(c.lower_ == "the" for c in subject.children):
        return None
    last = last_speaker(scene, None, None)
    if last is None or last.paragraph < scene.item.paragraph - 1:
        return None
    return Referent(last.speaker_id, last.speaker, "title as pronoun")


CONTINUING = frozenset(("added", "adds", "continued", "continues"))
"""Speech verbs that say the speaker goes on: their definite subject is who spoke last."""


def own_words(subject: Token) -> list[Token]:
    """The subject's words that name it, not what hangs on it: `Ann Lee, the mayor` -> all,
    `a look at Trump's planes` -> `a look`, `Trump's campaign` -> `campaign`."""
    out, stack = [], [subject]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ASIDE)
    return out


def mention_after(verb: Token, scene: Scene) -> str | None:
    """A person named right after a speech verb with no subject, before any punctuation."""
    following = verb.doc[verb.i + 1 : verb.i + 4]
    stops = [t.idx for t in following if t.is_punct and t.text != "-"]
    end = stops[0] if stops else (following.end_char if len(following) else verb.idx)
    for m in scene.mentions:
        if m.kind == "name" and verb.idx < m.start < end and scene.by_id[m.actor_id].type == "PERSON":
            return m.actor_id
    return None


def document_issuer(document: Token, scene: Scene) -> str | None:
    """Who issued a document that speaks: named with it (`Oxfam's report`, `the report by the
    committee`, `the Oxfam report`), else named with the same document earlier in the article
    (`A report by MPs ... The report said`)."""
    doc = document.doc
    earlier = [t for t in doc[: document.i + 1] if t.lower_ in (document.lower_, document.lower_.rstrip("s"))]
    for token in reversed(earlier):
        for owner in issuers(token):
            found = [m.actor_id for m in scene.mentions if m.start <= owner.idx < m.end]
            if found:
                return found[0]
            if (body := the_body(owner, scene)) is not None:
                return body.id  # `a report by the charity`: the charity the text is about
    return None


def issuers(document: Token) -> list[Token]:
    """The words of a document's phrase that may name its issuer."""
    out = [c for c in document.children if c.dep_ in ("poss", "compound")]
    for prep in document.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
            out += [g for g in prep.children if g.dep_ == "pobj"]
    if document.dep_ in ("nsubjpass", "dobj"):
        verb = document.head  # `Oxfam published a report`, `a report commissioned by the council`
        out += [c for c in verb.children if c.dep_ == "nsubj"]
        out += [g for p in verb.children if p.dep_ == "agent" for g in p.children]
    return out


def has_owner(subject: Token) -> bool:
    """`the charity's director`, `Labour's spokesman`, `the party leader`: a title of someone
    of a body, who is not the person the text is about."""
    return any(
        c.dep_ in ("poss", "compound") or (c.dep_ == "prep" and c.lower_ in ("of", "for", "at")) for c in subject.children
    )


def antecedent(pronoun: Token, scene: Scene, role: str | None = None) -> Referent:
    """`he`/`she` by a quote, resolved by agreement and salience (Lee et al. 2013): of the
    people named before it, outside quotes, in this paragraph or the one before, and of the
    pronoun's gender (`Ms`, `spokeswoman`, a given name), the nearest sentence first and in a
    sentence its subject first; the last speaker when no one fits so well; never someone named
    after it (`he said of Mayor Linda Park`). With `role`, a title that stands for a person
    (`the foreign secretary`): only people with no other title."""
    doc = pronoun.doc
    text = text_of(doc)
    gender = {"he": "m", "she": "f"}.get(pronoun.lower_)
    since = text.rfind("\n\n", 0, text.rfind("\n\n", 0, pronoun.idx)) + 1
    quoted = doc.user_data.get("quoted", [])
    earlier = [
        m
        for m in scene.mentions
        if m.end <= pronoun.idx
        and not any(a <= m.start < b for a, b in quoted)
        and scene.by_id[m.actor_id].type == "PERSON"
        and (gender is None or m.gender in (None, gender))
    ]
    fitting = [
        m
        for m in earlier
        if since <= m.start
        and outside_quote(m.start, scene.item)
        and (role is None or may_hold(scene.by_id[m.actor_id], role))
    ]
    last = last_speaker(scene, gender, role)
    if (chosen := salient_subject(pronoun, fitting, since, quoted)) is not None:
        return scene.actor(chosen.actor_id, "pronoun")
    if last is not None and last.paragraph >= scene.item.paragraph - 1:
        return Referent(last.speaker_id, last.speaker, "pronoun, last speaker")
    if fitting:
        return scene.actor(fitting[-1].actor_id, "pronoun, weak")
    if last is not None:
        return Referent(last.speaker_id, last.speaker, "pronoun, weak")
    return scene.actor(earlier[-1].actor_id, "pronoun, weak") if earlier else NOBODY


def may_hold(actor: Actor, role: str) -> bool:
    return actor.role is None or holds_role(actor.role, [role])


def last_speaker(scene: Scene, gender: str | None, role: str | None) -> Quote | None:
    """The last person quoted before, when of the pronoun's gender (and title)."""
    people = [q for q in scene.before if q.kind != "indirect" and q.speaker_id in scene.by_id]
    people = [q for q in people if scene.by_id[q.speaker_id or ""].type == "PERSON"]
    if not people:
        return None
    last = people[-1]
    said = next((m.gender for m in scene.mentions if m.actor_id == last.speaker_id and m.gender), None)
    if gender is not None and said not in (None, gender):
        return None
    if role is not None and not may_hold(scene.by_id[last.speaker_id or ""], role):
        return None
    return last


def salient_subject(pronoun: Token, fitting: list[Mention], since: int, quoted: list[tuple[int, int]]) -> Mention | None:
    """The subject a pronoun continues: walking back sentence by sentence, the first whose
    subject is a fitting mention (the last one in the pronoun's own sentence, else the first).
    A sentence whose subject is the same pronoun carries the chain on (`Mr Gref ... he said.
    But he stressed ... “...,” he said`); at most `SALIENCE_SENTENCES` others are crossed."""
    doc = pronoun.doc
    crossed = 0
    sentence: Span | None = pronoun.sent
    while sentence is not None and sentence.end_char > since and crossed <= SALIENCE_SENTENCES:
        same = sentence.start <= pronoun.i < sentence.end
        subjects = [m for m in fitting if m.subject and sentence.start_char <= m.start < sentence.end_char]
        if subjects:
            return subjects[-1] if same else subjects[0]
        chain = any(
            t.lower_ == pronoun.lower_ and t.dep_ in ("nsubj", "nsubjpass") and not any(a <= t.idx < b for a, b in quoted)
            for t in sentence
            if t.i < pronoun.i
        )
        crossed += 0 if chain and not same else 1
        sentence = doc[sentence.start - 1].sent if sentence.start > 0 else None
    return None


def description(words: Span) -> str:
    """`one nurse, who asked not to be named` -> `one nurse`; a leading article dropped."""
    text = " ".join(words.text.split(",")[0].split()).strip(" ,")
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
