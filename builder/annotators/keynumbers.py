"""Key numbers: the figures a story turns on, each with a short phrase saying what it counts.

1. **Find.** spaCy's CARDINAL, MONEY, PERCENT and QUANTITY entities, and DATE entities that
   name a day (`October 7`, `15 August 2008`). Bare years, small counts under 10, vague
   amounts (`dozens`, `tens of thousands`) and relative days (`Monday`) are left out.
2. **Say what it counts** (`what_it_counts`), from the parse: the noun it counts with the
   words that describe it (`1,400 people` killed in ... -> `people killed in the October 7
   Hamas incursion`), the subject of the verb it is the object of (`the death toll in Gaza
   reaches 10,000` -> `death toll in Gaza`), the noun of `a population of 2.3 million`,
   or the event a date belongs to. A number whose meaning the parse does not give is dropped.
3. **Merge and rank.** One number said twice (`10,000`, `ten thousand`) is kept once, at its
   first mention. Numbers rank by kind (deaths and casualties first, then money,
   percentages, populations and votes, other counts, dates), then by where they first appear.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from builder.annotators.cues import base_forms, inflects
from builder.models import KeyNumber

LIMIT = 6
MAX_CONTEXT_WORDS = 9
COUNT_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DAY = re.compile(rf"^(?:{MONTH} \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} {MONTH}(?: \d{{4}})?)$")
CLOCK = re.compile(r"\d:\d\d")
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1_000,
    "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
    "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000,
}  # fmt: skip
DEATHS = frozenset(
    "dead death deaths died die kill killed killing toll casualties casualty injured wounded victims".split()
)
RANKED_WORDS = (
    (DEATHS, 0),
    (frozenset("population residents inhabitants votes voters ballots seats turnout".split()), 2),
)
LABEL_RANK = {"MONEY": 1, "PERCENT": 1, "QUANTITY": 3, "CARDINAL": 3, "DATE": 4}
SIDE_CLAUSES = frozenset("advcl conj cc appos parataxis relcl punct mark".split())
DROP_WORDS = frozenset("the a an".split())


def key_numbers(doc: Doc, limit: int = LIMIT) -> tuple[KeyNumber, ...]:
    """The numbers that matter, most important first, each once."""
    found: dict[tuple[str, float | str], tuple[int, int, KeyNumber]] = {}
    for ent in doc.ents:
        if not is_key(ent):
            continue
        context = what_it_counts(ent)
        if not context:
            continue
        key = (ent.label_, amount(ent.text) or ent.text.lower())
        if key not in found:
            found[key] = (rank(ent, context), ent.start, KeyNumber(ent.text, context))
    ordered = sorted(found.values(), key=lambda item: (item[0], item[1]))
    return tuple(number for _, _, number in ordered[:limit])


def is_key(ent: Span) -> bool:
    """A count, amount, share or day worth a reader's glance."""
    text = ent.text
    if ent.label_ == "DATE":
        return bool(DAY.match(text))
    if ent.label_ not in COUNT_LABELS or YEAR.match(text) or CLOCK.search(text):
        return False
    value = amount(text)
    return value is not None and (value >= 10 or ent.label_ in ("MONEY", "PERCENT"))


def amount(text: str) -> float | None:
    """`10,000` and `ten thousand` -> 10000.0; `2.3 million` -> 2300000.0; vague -> None."""
    total, current, seen = 0.0, 0.0, False
    for word in re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", text.lower()):
        if word[0].isdigit():
            current, seen = float(word.replace(",", "")), True
        elif word in WORDS:
            scale = WORDS[word]
            if scale >= 100:
                current = (current or 1) * scale
                if scale >= 1000:
                    total, current = total + current, 0.0
            else:
                current += scale
            seen = True
        elif word in ("hundreds", "thousands", "millions", "dozens", "billions"):
            return None  # `tens of thousands` counts nothing exactly
    return total + current if seen else None


def rank(ent: Span, context: str) -> int:
    """Lower is more important: deaths, then money and shares, populations and votes, counts, days."""
    if ent.label_ == "DATE":
        return LABEL_RANK["DATE"]
    words = set(context.lower().split()) | {ent.root.head.text.lower()}
    for vocabulary, value in RANKED_WORDS:
        if words & vocabulary:
            return value
    return LABEL_RANK.get(ent.label_, 3)


# ------------------------------------------------------------------ what it counts


def what_it_counts(ent: Span) -> str:
    """A short phrase for what the number counts, from the parse; empty when unknown."""
    root = ent.root
    head = root.head
    if ent.label_ == "DATE":
        event = head_noun(root)
        return tidy([t for t in compact(event) if not (ent.start <= t.i < ent.end)]) if event is not None else ""
    if root.dep_ in ("nummod", "quantmod", "compound") and head.i >= ent.end and head.pos_ in ("NOUN", "PROPN"):
        return counted_noun(head, ent)
    if root.dep_ == "dobj" and (harm := harmed(head)):
        return f"people {harm}"  # `killing 107 or more and wounding 238`
    if (root.dep_ == "attr" or root.dep_ == "dobj" and measures(head)) and head.pos_ in ("VERB", "AUX"):
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
            return phrase(subject, ent)
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.text.lower() == "of" and head.head.pos_ == "NOUN":
        return of_phrase(head.head)
    return ""


HARM = {"kill": "killed", "wound": "wounded", "injure": "injured", "hurt": "hurt", "evacuate": "evacuated",
        "displace": "displaced", "rescue": "rescued", "save": "saved", "arrest": "arrested"}  # fmt: skip
"""Verbs whose bare object is a number of people (`killing 107`): what the number counts."""


MEASURE = frozenset("reach hit top exceed surpass pass total number near approach".split())
"""Verbs whose subject is what their number counts: `the death toll reached 10,000`."""


def measures(verb: Token) -> bool:
    return inflects(verb.text.lower(), MEASURE)


def harmed(verb: Token) -> str | None:
    """`killing`, `killed`, `kills` -> `killed`; None for other verbs."""
    if verb.pos_ != "VERB":
        return None
    return next((HARM[form] for form in base_forms(verb.text.lower()) if form in HARM), None)


def counted_noun(noun: Token, ent: Span) -> str:
    """`1,400 people` that a clause describes: `people killed in the October 7 Hamas incursion`."""
    words = [t for t in compact(noun) if t.i >= ent.end]
    verb = noun.head
    if noun.dep_ == "dobj" and verb.pos_ == "VERB" and verb.i < ent.start and verb.dep_ == "relcl":
        cause = [t for t in compact(verb.head) if t.i < verb.i and t.tag_ != "WDT"]
        return tidy(words, extra=[verb.text, "in", *tidy(cause).split()])
    if noun.dep_ == "nsubj" and verb.pos_ == "VERB":
        place = [t for c in verb.children if c.dep_ == "prep" for t in compact(c)]
        return tidy([*words, verb, *place])
    return tidy(words)


def of_phrase(noun: Token) -> str:
    """`a population of 2.3 million` held by `Gaza, which has ...` -> `population of Gaza`."""
    verb = noun.head
    if noun.dep_ == "dobj" and verb.dep_ == "relcl" and verb.head.pos_ == "PROPN":
        return f"{noun.text} of {verb.head.text}"
    return phrase(noun)


def head_noun(root: Token) -> Token | None:
    """The event a date belongs to: `the October 7 Hamas incursion` -> `incursion`."""
    node = root
    while node.dep_ in ("nmod", "compound", "pobj", "prep") and node.head.i != node.i:
        node = node.head
        if node.pos_ == "NOUN" and node.i > root.i:
            return node
    return None


def phrase(token: Token, ent: Span | None = None) -> str:
    """A token's phrase without determiners, shortened; never the number itself (`the turnout
    rate of 58%` reached 58% -> `turnout rate`)."""
    words = [t for t in compact(token) if ent is None or not ent.start <= t.i < ent.end]
    return tidy(words)


def compact(token: Token) -> list[Token]:
    """A token and the words that describe it, without side clauses (`while ...`, `and ...`)."""
    out = [token]
    for child in token.children:
        if child.dep_ not in SIDE_CLAUSES:
            out.extend(compact(child))
    return out


def tidy(tokens: list[Token], extra: list[str] | None = None) -> str:
    """Words in order, without leading articles or punctuation, at most `MAX_CONTEXT_WORDS`."""
    ordered = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    words = [t.text for t in ordered if not t.is_punct and not t.is_space]
    while words and words[0].lower() in DROP_WORDS:
        words = words[1:]
    words = [*words, *(extra or [])][:MAX_CONTEXT_WORDS]
    while words and words[-1].lower() in (*DROP_WORDS, "in", "into", "of", "by", "at", "on", "to", "from"):
        words = words[:-1]
    return " ".join(words)
