"""Key numbers: the figures a story turns on, each with what it counts."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from builder.models import KeyNumber

NUMBER_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")


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


