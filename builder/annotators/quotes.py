"""Direct quotations and who said them (first version).

Quotes are found paragraph by paragraph, so an unbalanced quote mark can never swallow the
paragraphs that follow. The speaker is the actor named next to a speech verb in the same
sentence; `he`/`she` or a bare speech verb falls back to the last named speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from builder.annotators.actors import Mention
from builder.models import Actor, Quote, QuoteKind

QUOTE = re.compile(r"“(?P<a>[^”]+)”?|\"(?P<b>[^\"]+)\"?|(?<!\w)‘(?P<c>[^’]+(?:’\w[^’]*)*)’(?!\w)")
SPEECH_VERBS = frozenset(
    """
    say said says saying add added adds tell told tells ask asked asks state stated states
    write wrote writes note noted notes explain explained explains insist insisted insists
    declare declared declares warn warned warns stress stressed stresses argue argued argues
    claim claimed claims announce announced announces reply replied replies respond
    responded comment commented continue continued observe observed according
    """.split()
)
CHANT_WORDS = frozenset(
    """
    chant chanted chanting chants shout shouted shouting read reads banner sign signs
    """.split()
)
PRONOUNS = frozenset(
    """
    he she they
    """.split()
)


@dataclass(frozen=True, slots=True)
class Found:
    """A quotation's place in the text before its speaker is known."""

    text: str
    start: int
    end: int
    paragraph: int


def quoted_ranges(paragraphs: tuple[str, ...]) -> list[Found]:
    """Every quotation, paragraph by paragraph, with offsets into `Article.text`."""
    out, offset = [], 0
    for index, paragraph in enumerate(paragraphs):
        for match in QUOTE.finditer(paragraph):
            group = next(g for g in ("a", "b", "c") if match.group(g) is not None)
            words = match.group(group).strip()
            if len(words.split()) >= 1 and any(ch.isalpha() for ch in words):
                out.append(Found(words, offset + match.start(), offset + match.end(), index))
        offset += len(paragraph) + 2
    return out


def find_quotes(
    doc: Doc, found: list[Found], actors: tuple[Actor, ...], mentions: tuple[Mention, ...]
) -> tuple[Quote, ...]:
    by_id = {a.id: a for a in actors}
    last_speaker: str | None = None
    quotes: list[Quote] = []
    for item in found:
        sentence = sentence_around(doc, item)
        kind = quote_kind(doc, sentence, item)
        cue = speech_verb(sentence, item)
        speaker_id = None
        confidence = 0.0
        if kind != "chant" and cue is not None:
            speaker_id = named_speaker(sentence, mentions, item, by_id)
            confidence = 0.9 if speaker_id else 0.0
            if speaker_id is None and (has_pronoun(sentence, item) or kind == "full"):
                speaker_id, confidence = last_speaker, 0.6 if last_speaker else 0.0
        elif kind == "full" and quotes and quotes[-1].paragraph == item.paragraph and quotes[-1].speaker_id:
            speaker_id, confidence = quotes[-1].speaker_id, 0.7  # “A,” X said. “B.”
        if speaker_id:
            last_speaker = speaker_id
        actor = by_id.get(speaker_id) if speaker_id else None
        quotes.append(
            Quote(
                text=item.text,
                paragraph=item.paragraph,
                kind=kind,
                speaker=actor.name if actor else None,
                speaker_id=actor.id if actor else None,
                cue=cue,
                content=sentence.text.strip() if kind == "partial" and cue else None,
                confidence=confidence,
            )
        )
    return tuple(quotes)


def sentence_around(doc: Doc, item: Found) -> Span:
    """The sentences that hold the quote, stretched to the next one when the quote ends one."""
    span = doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None:
        return doc[:]
    first, last = span[0].sent, span[-1].sent
    end = last.end
    after = doc[end : end + 1]
    newline = doc.text.find("\n", last.end_char)
    paragraph_end = len(doc.text) if newline == -1 else newline
    if item.text[-1:] in ",.?!" and after and after[0].sent.start == end:
        next_sent = after[0].sent
        if next_sent.end_char <= paragraph_end and any(t.lower_ in SPEECH_VERBS for t in next_sent[:6]):
            end = next_sent.end
    return doc[first.start : end]


def quote_kind(doc: Doc, sentence: Span, item: Found) -> QuoteKind:
    before = doc.text[sentence.start_char : item.start].strip()
    lowered = before.lower()
    if any(re.search(rf"\b{w}\b", lowered[-40:]) for w in CHANT_WORDS):
        return "chant"
    if before and before[-1].isalnum() and not item.text.rstrip().endswith((".", "?", "!", ",")):
        return "partial"
    if before and before[-1].isalnum() and len(item.text.split()) <= 6:
        return "partial"
    return "full"


def outside_quote(token_start: int, item: Found) -> bool:
    return not item.start <= token_start < item.end


def speech_verb(sentence: Span, item: Found) -> str | None:
    """The speech verb outside the quote that stands nearest to it."""
    tagged = sentence.doc.has_annotation("POS")
    verbs = [
        t
        for t in sentence
        if t.lower_ in SPEECH_VERBS
        and outside_quote(t.idx, item)
        and (not tagged or t.pos_ in ("VERB", "AUX") or t.lower_ == "according")
    ]
    if not verbs:
        return None
    nearest = min(verbs, key=lambda t: min(abs(t.idx - item.end), abs(t.idx - item.start)))
    return nearest.text.lower()


def named_speaker(sentence: Span, mentions: tuple[Mention, ...], item: Found, by_id: dict[str, Actor]) -> str | None:
    """The person named outside the quote in its sentence, nearest to the quote."""
    candidates = [
        m
        for m in mentions
        if sentence.start_char <= m.start < sentence.end_char and outside_quote(m.start, item) and m.actor_id in by_id
    ]
    people = [m for m in candidates if by_id[m.actor_id].type == "PERSON"] or candidates
    if not people:
        return None
    nearest = min(people, key=lambda m: min(abs(m.start - item.end), abs(m.end - item.start)))
    return nearest.actor_id


def has_pronoun(sentence: Span, item: Found) -> bool:
    return any(t.lower_ in PRONOUNS and outside_quote(t.idx, item) for t in sentence)
