"""The gist: a short summary, key numbers, word count and reading time (first version).

The summary is the lead: the first sentences of the body, in order, up to 4 sentences and
100 words, skipping captions and sentences that open inside a quotation.
"""

from __future__ import annotations

import math
import re

from spacy.tokens import Doc, Span

from builder.models import KeyNumber

MAX_SENTENCES = 4
MAX_WORDS = 100
WORDS_PER_MINUTE = 230
NUMBER_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")
CAPTION = re.compile(r"^(Image|Photo|File|Video)\s*:", re.IGNORECASE)


def summarise(doc: Doc) -> tuple[str, ...]:
    chosen: list[str] = []
    words = 0
    for sentence in doc.sents:
        text = " ".join(sentence.text.split())
        count = len(text.split())
        if count < 4 or CAPTION.match(text) or text[0] in "“\"‘'":
            continue
        if chosen and words + count > MAX_WORDS:
            break
        chosen.append(text)
        words += count
        if len(chosen) == MAX_SENTENCES or words >= MAX_WORDS * 0.6:
            break
    return tuple(chosen)


def key_numbers(doc: Doc, limit: int = 6) -> tuple[KeyNumber, ...]:
    """Numbers with digits (or money, percentages) and the noun phrase they count."""
    out: dict[str, KeyNumber] = {}
    for ent in doc.ents:
        if ent.label_ not in NUMBER_LABELS or not any(ch.isdigit() for ch in ent.text):
            continue
        if ent.label_ == "CARDINAL" and re.fullmatch(r"\d{1,2}", ent.text):
            continue  # small bare counts ("2 of them") are rarely what a story is about
        value = ent.text
        context = what_it_counts(ent)
        if value not in out and context:
            out[value] = KeyNumber(value, context)
        if len(out) == limit:
            break
    return tuple(out.values())


def what_it_counts(ent: Span) -> str:
    """`1,400 people` -> `people`; `reaches 10,000` -> the words around it."""
    root = ent.root
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "compound") and head.i >= ent.end:
        words = [t.text for t in head.subtree if t.i >= ent.end and not t.is_punct][:8]
        return " ".join(words)
    sentence = ent.sent
    left = [t.text for t in sentence if t.i < ent.start and not t.is_punct][-5:]
    right = [t.text for t in sentence if t.i >= ent.end and not t.is_punct][:3]
    return " ".join([*left, "…", *right]) if left or right else ""


def word_count(doc: Doc) -> int:
    return sum(1 for t in doc if not (t.is_punct or t.is_space))


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
