"""Who said a quote: an ordered table of named rules, each with its confidence (`SPEAKER_RULES`).

In the manner of markdown-it-py's block rules: `attribute` builds the frozen `State` of one
quote (its sentence, kind, cue verb and label verb, read by `cues.find_cue`), then asks each
rule in order; the first that answers gives the speaker, and its name (`Quote.rule`) and
confidence go with the quote. Rules read people through `referents` (the subject of a verb, a
pronoun, a title, a document) and `credits` (a dash, a colon, a noun of saying, the sentence
before). No confidence is written outside the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from builder.annotators import confidence, credits
from builder.annotators.actors import Mention
from builder.annotators.cues import (
    Found,
    clause_verb,
    find_cue,
    is_title,
    names_a_work,
    outside_quote,
    paragraph_starts,
    reports,
    text_of,
)
from builder.annotators.referents import NOBODY, PRONOUNS, How, Referent, Scene, subject_of
from builder.models import Actor, Quote, QuoteKind


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a quote: an actor (`id`), or a description the text gives (`the spokesman`),
    with the rule that found it and that rule's confidence."""

    id: str | None
    name: str | None
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class State:
    """One quote, as the rules see it."""

    doc: Doc
    sentence: Span
    """The sentences that hold the quote (and its cue, when the cue comes after it)."""
    kind: QuoteKind
    cue: Token | None
    """The speech verb that introduces the quote (`cues.find_cue`), or None."""
    label: Token | None
    """A label verb before a quoted phrase (`called the plan “a disaster”`), or None."""
    scene: Scene
    memo: dict[str, Referent | None] = field(default_factory=dict, compare=False)
    """What rules share: the cue's subject, read once."""

    @property
    def item(self) -> Found:
        return self.scene.item

    @property
    def phrase(self) -> bool:
        """A quoted phrase in someone's clause (not a title): `welcomed “the ...”`."""
        glued = text_of(self.doc)[max(0, self.item.start - 20) : self.item.start].rstrip()[-1:].isalnum()
        return not is_title(self.item.text) and (self.kind == "partial" or (self.kind == "full" and glued))


Answer = tuple[Token | None, Referent]
"""The verb a rule read the speaker from (the quote's cue), and the speaker."""


class Rule(NamedTuple):
    name: str
    find: Callable[[State], Answer | None]
    confidence: float
    """How often the rule was expected to name the right speaker when it was written: the order
    of the table follows it. The confidence a quote gets is learnt per quote (`confidence`),
    with the rule as one of its features; a rule that names no one gives `no speaker`'s 0."""


def chant(state: State) -> Answer | None:
    """A chant or a sign goes to its crowd: `students chanted “...”`."""
    if state.kind != "chant":
        return None
    return None, credits.crowd(state.sentence, state.item) or NOBODY


def work_title(state: State) -> Answer | None:
    """`told the hosts of “Morning Joe”`: the name of a show or a work, no one's words."""
    return (None, NOBODY) if state.kind == "partial" and is_title(state.item.text) and names_a_work(state.doc, state.item) else None


def cue_subject(state: State, hows: tuple[How, ...]) -> Answer | None:
    """The subject of the cue verb, read as one of `hows` (`referents.subject_of`)."""
    if state.cue is None:
        return None
    if "cue" not in state.memo:
        state.memo["cue"] = subject_of(state.cue, state.scene)
    who = state.memo["cue"]
    return (state.cue, who) if who is not None and who.how in hows else None


def cue_named_in_sentence(state: State) -> Answer | None:
    """A cue with no subject of its own: the person named nearest the quote in its sentence."""
    if state.cue is None or (who := credits.named_in_sentence(state.sentence, state.scene)) is None:
        return None
    return state.cue, who


def cue_last_speaker(state: State) -> Answer | None:
    """`he said` with no one to stand for, or a full quote with a bare cue: the last speaker."""
    if state.cue is None:
        return None
    pronoun = any(t.lower_ in PRONOUNS and outside_quote(t.idx, state.item) for t in state.sentence)
    if not (pronoun or state.kind == "full"):
        return None
    last = next((q for q in reversed(state.scene.before) if q.speaker_id), None)
    return (state.cue, Referent(last.speaker_id, last.speaker, "name")) if last else None


def cue_alone(state: State) -> Answer | None:
    """A cue verb that names no one: the quote keeps its cue and has no speaker."""
    return (state.cue, NOBODY) if state.cue is not None else None


def label_subject(state: State) -> Answer | None:
    """`Diaz called the plan “wishful thinking”`: the subject of a label verb."""
    label = state.label
    if label is None or not reports(label, state.item) or (who := subject_of(label, state.scene)) is None:
        return None
    return label, who


def dash_credit(state: State, named: bool) -> Answer | None:
    """`“...” ― Carla Sanchez`: an actor (`named`), or a name the text gives alone."""
    who = credits.dash_credit(state.doc, state.scene)
    return (None, who) if who is not None and (who.id is not None) == named else None


def colon(state: State, named: bool) -> Answer | None:
    """Whoever stands before a colon that opens a full quote (`Clinton: “...”`)."""
    if state.kind != "full" or (found := credits.before_colon(state.doc, state.scene)) is None:
        return None
    return found if (found[1].how != "description") == named else None


def clause_subject(state: State) -> Answer | None:
    """`Obama condemned the test as “provocative”`: a quoted phrase is its clause subject's."""
    if not state.phrase or (verb := clause_verb(state.doc, state.item)) is None:
        return None
    who = subject_of(verb, state.scene)
    return (verb, who) if who is not None else None


def noun_of_saying(state: State) -> Answer | None:
    """`Trump's assertion that “thousands” celebrated`: the owner of the noun of saying."""
    if not (state.phrase and state.kind == "partial"):
        return None
    who = credits.owner_of_words(state.doc, state.scene)
    return (None, who) if who is not None else None


def sentence_before(state: State) -> Answer | None:
    """A full quote on its own after a sentence whose subject is a person."""
    if state.kind != "full" or (who := credits.previous_subject(state.doc, state.scene)) is None:
        return None
    return None, who


def continues(state: State, same_paragraph: bool) -> Answer | None:
    """A full quote with no cue right after another's: `“A,” X said. “B.”`, or running on into
    the next paragraph."""
    before = state.scene.before
    if state.kind != "full" or not before or not before[-1].speaker:
        return None
    last = before[-1]
    if (last.paragraph == state.item.paragraph) != same_paragraph or last.paragraph < state.item.paragraph - 1:
        return None
    return None, Referent(last.speaker_id, last.speaker, "name")


def nobody(state: State) -> Answer:
    """Scare quotes and the rest: no speaker."""
    return None, NOBODY


SPEAKER_RULES: tuple[Rule, ...] = (
    Rule("chant", chant, 0.5),
    Rule("work title", work_title, 0.0),
    Rule("cue subject: name", partial(cue_subject, hows=("name", "name after verb")), 0.9),
    Rule("cue subject: title", partial(cue_subject, hows=("title",)), 0.7),
    Rule("cue subject: pronoun", partial(cue_subject, hows=("pronoun", "pronoun, last speaker")), 0.6),
    Rule("cue subject: document issuer", partial(cue_subject, hows=("document issuer",)), 0.6),
    Rule("cue subject: pronoun, weak", partial(cue_subject, hows=("pronoun, weak",)), 0.5),
    Rule("cue subject: title as pronoun", partial(cue_subject, hows=("title as pronoun",)), 0.5),
    Rule("cue subject: description", partial(cue_subject, hows=("description",)), 0.5),
    Rule("cue subject: no one", partial(cue_subject, hows=("nobody",)), 0.0),
    Rule("cue, named in sentence", cue_named_in_sentence, 0.9),
    Rule("cue, last speaker", cue_last_speaker, 0.6),
    Rule("cue alone", cue_alone, 0.0),
    Rule("label verb", label_subject, 0.6),
    Rule("dash credit: name", partial(dash_credit, named=True), 0.8),
    Rule("dash credit: description", partial(dash_credit, named=False), 0.6),
    Rule("colon: name", partial(colon, named=True), 0.7),
    Rule("colon: description", partial(colon, named=False), 0.5),
    Rule("clause subject", clause_subject, 0.5),
    Rule("noun of saying", noun_of_saying, 0.5),
    Rule("sentence before", sentence_before, 0.5),
    Rule("continues, same paragraph", partial(continues, same_paragraph=True), 0.7),
    Rule("continues, next paragraph", partial(continues, same_paragraph=False), 0.6),
    Rule("no speaker", nobody, 0.0),
)
"""The speaker rules, in order: the first that answers names the speaker."""
BY_NAME = {rule.name: rule for rule in SPEAKER_RULES}


def attribute(
    doc: Doc,
    sentence: Span,
    item: Found,
    kind: QuoteKind,
    mentions: tuple[Mention, ...],
    by_id: dict[str, Actor],
    before: list[Quote],
) -> tuple[Token | None, Speaker]:
    """The cue and the speaker of one quote: the answer of the first rule of `SPEAKER_RULES`."""
    sentence, cue, label = find_cue(doc, sentence, item, kind)
    state = State(doc, sentence, kind, cue, label, Scene(item, mentions, by_id, tuple(before)))
    for rule in SPEAKER_RULES:
        if (answer := rule.find(state)) is not None:
            verb, who = answer
            sure = likelihood(doc, state.scene, kind, state.sentence, rule, who, verb)
            if who.id is not None and who.via is not None:  # the entity's mention, for the annotate JSON
                doc.user_data.setdefault("resolved", []).append((who.id, *who.via))
            return verb, plausible(Speaker(who.id, who.name, sure, rule.name))
    raise AssertionError("the last rule always answers")


def likelihood(
    doc: Doc, scene: Scene, kind: QuoteKind, sentence: Span, rule: Rule, who: Referent, cue: Token | None
) -> float:
    """The learnt probability that `who` is right (`confidence`); none for no speaker."""
    if not who.name:
        return BY_NAME["no speaker"].confidence
    lo, hi = paragraph_bounds(doc)[scene.item.paragraph]
    people = {m.actor_id for m in scene.mentions if lo <= m.start < hi and scene.by_id[m.actor_id].type == "PERSON"}
    previous = scene.before[-1].speaker if scene.before else None
    mentions = scene.by_id[who.id].mentions if who.id else 0
    found = confidence.features(rule.name, kind, cue, scene.item, who.id, who.name, previous, len(people), mentions, sentence)
    return confidence.estimate(found)


def paragraph_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of the Doc's text, read once per Doc."""
    bounds = doc.user_data.get("paragraphs")
    if bounds is None:
        starts = paragraph_starts(text_of(doc))
        ends = [start - 2 for start in starts[1:]] + [len(text_of(doc))]
        bounds = doc.user_data["paragraphs"] = list(zip(starts, ends, strict=True))
    return list(bounds)


def reported_by(
    verb: Token, item: Found, mentions: tuple[Mention, ...], by_id: dict[str, Actor], before: list[Quote]
) -> Speaker | None:
    """Who reports the speech of `verb` (`Kirby said the talks were frank`): its subject, with the
    confidence of the cue-subject rule that reads it so."""
    scene = Scene(item, mentions, by_id, tuple(before))
    who = subject_of(verb, scene)
    if who is None or who.name is None:
        return None
    rule = next(r for r in SPEAKER_RULES if r.name.startswith("cue subject") and who.how in hows_of(r))
    sure = likelihood(verb.doc, scene, "indirect", verb.sent, rule, who, verb)
    return plausible(Speaker(who.id, who.name, sure, rule.name))


def hows_of(rule: Rule) -> tuple[str, ...]:
    find = rule.find
    return tuple(find.keywords.get("hows", ())) if isinstance(find, partial) else ()


def plausible(who: Speaker) -> Speaker:
    """A speaker the text only describes must read as words: not markup (`pic=`, `">Sanders`)
    or a figure (`47%`)."""
    if who.id is not None or who.name is None:
        return who
    if re.search(r"[^\W\d_]{2}", who.name) and not re.search(r"[<>=\"]", who.name):
        return who
    return Speaker(None, None, BY_NAME["no speaker"].confidence, who.rule)
