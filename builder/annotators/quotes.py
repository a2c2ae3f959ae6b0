"""Direct quotations: where they are, what kind they are, and (through `speakers`) who said them.

Quote marks are paired by `quotemarks` (paragraph by paragraph, so an unbalanced mark never
swallows the paragraphs that follow); each span is one quote, and the halves of one attribution
are linked by `Quote.continues`. Kinds: `full` (a sentence or more), `partial` (a quoted phrase in a
reported sentence; its sentence is kept as `content`), `chant` (crowds, signs, banners), and
`indirect`: reported speech with no quote marks (`Kirby said the talks were frank`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from builder.annotators import quotemarks
from builder.annotators.actors import Mention
from builder.annotators.cues import HEARD, LABEL_VERBS, Found, holds, inflects, is_speech, paragraph_starts, text_of
from builder.annotators.speakers import attribute, reported_by
from builder.models import Actor, Quote, QuoteKind

CHANT_WORDS = frozenset(
    """
    chant chanted chanting chants shout shouted shouting read reads banner sign signs
    """.split()
)


def quoted_ranges(paragraphs: tuple[str, ...]) -> list[Found]:
    """Every quotation, paragraph by paragraph, with offsets into `Article.text` (the marks are
    paired by `quotemarks`, which knows the house styles)."""
    out, offset = [], 0
    for index, (paragraph, found) in enumerate(zip(paragraphs, quotemarks.spans(paragraphs), strict=True)):
        for q in found:
            if any(ch.isalpha() for ch in q.words):
                out.append(Found(q.words, offset + q.start, offset + q.end, index))
        offset += len(paragraph) + 2
    return out


def find_quotes(
    doc: Doc, found: list[Found], actors: tuple[Actor, ...], mentions: tuple[Mention, ...]
) -> tuple[Quote, ...]:
    by_id = {a.id: a for a in actors}
    doc.user_data["quoted"] = [(f.start, f.end) for f in found]
    quotes: list[Quote] = []
    clauses: list[tuple[int, int] | None] = []
    for item in found:
        sentence = sentence_around(doc, item)
        kind = quote_kind(doc, sentence, item)
        cue, who = attribute(doc, sentence, item, kind, mentions, by_id, quotes)
        span = reported_span(sentence, cue, item) if kind == "partial" else embedding(cue, item)
        content = clause_text(span, item) if span is not None else None
        clause = (cue.i, span.start) if cue is not None and span is not None else None
        goes_on = None
        if clause is not None and clauses and clauses[-1] == clause and quotes[-1].speaker == who.name:
            # `calls people “losers” and “sad”`: one statement; each phrase kept, the clause shared
            goes_on = len(quotes) - 1
            earlier: int | None = goes_on
            while earlier is not None and clauses[earlier] == clause:
                quotes[earlier] = replace(quotes[earlier], content=content)
                earlier = quotes[earlier].continues
        elif quotes and quotes[-1].kind == kind and quotemarks.continues(text_of(doc), found[len(quotes) - 1], item):
            goes_on = len(quotes) - 1
        clauses.append(clause)
        quotes.append(
            Quote(
                text=item.text,
                paragraph=item.paragraph,
                kind=kind,
                speaker=who.name,
                speaker_id=who.id,
                cue=cue.text.lower() if cue is not None else None,
                content=content,
                confidence=who.confidence,
                rule=who.rule,
                continues=goes_on,
            )
        )
    indirect = reported_speech(doc, found, mentions, by_id, quotes)
    return linked(quotes, indirect)


def linked(direct: list[Quote], indirect: list[Quote]) -> tuple[Quote, ...]:
    """All quotes in paragraph order, each `continues` pointing at its new index."""
    order = sorted(range(len(direct) + len(indirect)), key=lambda i: (direct + indirect)[i].paragraph)
    where = {old: new for new, old in enumerate(order)}
    every = direct + indirect
    return tuple(
        replace(every[i], continues=where[every[i].continues]) if every[i].continues is not None else every[i]
        for i in order
    )


def reported_speech(
    doc: Doc, found: list[Found], mentions: tuple[Mention, ...], by_id: dict[str, Actor], direct: list[Quote]
) -> list[Quote]:
    """`Kirby said the United States is holding talks`: the clause a speech verb reports, in
    a sentence with no quote marks, as an `indirect` quote when the text names its speaker
    (an actor or a description)."""
    if not doc.has_annotation("DEP"):
        return []
    starts = paragraph_starts(text_of(doc))
    out = []
    for sentence in doc.sents:
        if any(sentence.start_char <= f.end and f.start <= sentence.end_char for f in found):
            continue  # direct and mixed quotes are found above
        for verb in sentence:
            clause = reported_clause(verb)
            if clause is None:
                continue
            paragraph = bisect_right(starts, clause.start_char) - 1
            item = Found(clause.text, clause.start_char, clause.end_char, paragraph)
            before = [q for q in direct if q.paragraph <= paragraph]
            who = reported_by(verb, item, mentions, by_id, before)
            if who is not None and who.name:
                text = re.sub(r"^that\s+", "", clause.text.strip(" ,.")).strip()
                out.append(
                    Quote(text, paragraph, "indirect", who.name, who.id, verb.lower_, None, who.confidence, rule=who.rule)
                )
    return out


def reported_clause(verb: Token) -> Span | None:
    """The `ccomp` clause of a speech verb, four words or more."""
    if not is_speech(verb) or verb.lower_ == "according" or verb.pos_ != "VERB":
        return None
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    if not clauses:
        return None
    span = verb.doc[clauses[0].left_edge.i : clauses[0].right_edge.i + 1]
    subjects = [c for c in clauses[0].children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    marks = [c.lower_ for c in clauses[0].children if c.dep_ == "mark"]
    opens = span.start + (1 if span[0].lower_ == "that" else 0)
    if len(span) < 4 or not subjects or subjects[0].left_edge.i != opens or set(marks) - {"that"}:
        return None  # `said a prayer for the victims before the service began`: no clause of its own
    return span


CUE_REACH = 12
"""Tokens into the next sentence where a quote's cue may stand (`“...!” the presumptive GOP
nominee, Donald Trump, tweeted`)."""


def sentence_around(doc: Doc, item: Found) -> Span:
    """The sentences that hold the quote, stretched to the next one when the quote ends one."""
    span = doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None:
        return doc[:]
    first, last = span[0].sent, span[-1].sent
    end = last.end
    after = doc[end : end + 1]
    newline = text_of(doc).find("\n", item.end)
    paragraph_end = len(text_of(doc)) if newline == -1 else newline
    if item.text.rstrip("’'\"”")[-1:] in ",.?!" and after and after[0].sent.start == end:
        next_sent = after[0].sent
        cues = [t for t in next_sent[:CUE_REACH] if is_speech(t)]
        if (
            next_sent.start_char + len(next_sent.text.rstrip()) <= paragraph_end
            and cues
            and not any(
                c.dep_ == "ccomp" or (c.dep_ == "dobj" and not inflects(cues[0].lower_, HEARD))
                for c in cues[0].children
            )
        ):
            end = next_sent.end  # `“...” X said.`, not `X said warnings were sent.` or `X announced a plan.`
    return doc[first.start : end]


def reported_span(sentence: Span, cue: Token | None, item: Found) -> Span:
    """What a partial quote's speaker is reported to have said: the part of the cue verb's
    clause that holds the quote (`Kirby said the United States is holding “frank” talks` ->
    `the United States is holding “frank” talks`), else the whole sentence."""
    if cue is not None and cue.doc.has_annotation("DEP"):
        if not is_speech(cue) and not inflects(cue.lower_, LABEL_VERBS):
            # `police used her faith as a “proxy for criminality”`: the clause is the claim, from
            # the verb nearest the phrase (`..., portraying migrants as “rapists” and ...`)
            verb = nearest_verb(cue.doc, item) or cue
            return cue.doc[verb.left_edge.i : verb.right_edge.i + 1]
        if (said := complement(cue, item)) is not None:
            return said
    return sentence


def embedding(cue: Token | None, item: Found) -> Span | None:
    """A full quote's reported clause when the quote ends it (`warned that keeping him in jail
    will backfire: “They're creating a monster.”`): None when the quote stands alone."""
    if cue is None or not cue.doc.has_annotation("DEP") or not is_speech(cue):
        return None
    span = complement(cue, item)
    if (
        span is None
        or span.start_char >= item.start - 2
        or len(text_of(cue.doc)[span.start_char : item.start].split()) < 3
    ):
        return None
    return span


def nearest_verb(doc: Doc, item: Found) -> Token | None:
    """The first verb above the quoted phrase in the parse, outside the phrase."""
    span = doc.char_span(item.start, item.end, alignment_mode="expand")
    token = span.root if span is not None and len(span) else None
    while token is not None and token.head.i != token.i:
        token = token.head
        if token.pos_ == "VERB" and not item.start <= token.idx < item.end:
            return token
    return None


CORE = frozenset(("dobj", "dative", "oprd", "xcomp", "ccomp", "attr", "acomp"))
"""A verb's own complements: what comes after the quote's part of the clause only when it is one."""


def complement(cue: Token, item: Found) -> Span | None:
    """What the cue verb reports, up to the part that holds the quote: `called the plan “a
    disaster”` -> `the plan “a disaster”`, not the `during a visit` or `but added ...` after it;
    `the deal may be “dead,” said Ruiz` -> `the deal may be “dead,”`."""
    doc = cue.doc
    left = [c for c in cue.children if c.i < cue.i and c.dep_ == "ccomp" and holds(c, item)]
    if left:
        return doc[left[0].left_edge.i : left[0].right_edge.i + 1]
    right = [c for c in cue.children if c.i > cue.i and c.dep_ not in ("punct", "cc", "npadvmod")]
    holding = [i for i, c in enumerate(right) if holds(c, item)]
    if not holding:
        return None
    last = holding[0]
    while last + 1 < len(right) and right[last + 1].dep_ in CORE:
        last += 1
    span = doc[right[0].left_edge.i : right[last].right_edge.i + 1]
    return span[1:] if span[0].lower_ == "that" and len(span) > 1 else span


def clause_text(span: Span, item: Found) -> str:
    """The clause's text, through the closing mark of a quote that it holds up to that mark."""
    text = text_of(span.doc)
    near = span.start_char <= item.start and 0 < item.end - span.end_char <= 3
    end = item.end if near and text[item.end - 1] in '”"' else span.end_char  # not `''`: it sticks to a word
    return text[span.start_char : end].strip().strip(" ,;:")


def quote_kind(doc: Doc, sentence: Span, item: Found) -> QuoteKind:
    before = text_of(doc)[sentence.start_char : item.start].strip()
    lowered = before.lower()
    if any(re.search(rf"\b{w}\b", lowered[-40:]) for w in CHANT_WORDS):
        return "chant"
    if before and before[-1].isalnum() and not item.text.rstrip().endswith((".", "?", "!", ",")):
        return "partial"
    if before and before[-1].isalnum() and len(item.text.split()) <= 6:
        return "partial"
    after = text_of(doc)[item.end : item.end + 12].lstrip(" ,")
    if not item.text.rstrip().endswith((".", "?", "!", ",", "…", ":", ";")) and after[:1].isalpha():
        return "partial"  # `“Forever chemicals” have been found`, `the film “Heat”, which`
    return "full"
