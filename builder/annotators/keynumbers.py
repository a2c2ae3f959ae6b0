"""Key numbers: the few figures a story turns on, each with a phrase saying what it counts.

1. **Find** (`figures`). Every figure of the body, read from the tokens (spaCy's entity
   spans are too often cut short or wrong for numbers): the digits or number words with
   their multiplier (`2.3 million`), the approximation before them (`over`, `about`), the
   currency before (`US$`, `NZ $`, `£`) and the unit after (`%`, `per cent`, `Mbps`), and
   match scores (`3 – 0`). A figure said twice (`10,000`, `ten thousand`) is kept once, at
   its first mention.
2. **Leave out** (`NEVER`, an ordered table of named rules, first answer wins): dates,
   years and clock times, ordinals, numbers that are part of a name (`Internet Explorer 6`,
   `G7`, `posts 542`), `one` as a pronoun (`one of`, `no one`), vague amounts (`dozens`),
   ages in passing (any age but one in the story's first sentence), `years ago`, and small
   incidental counts (under ten, unless the figure is a share, an amount, a score, or
   counts a thing the headline names).
3. **Say what it counts** (`labels.what_it_counts`): the number's own phrase from the parse.
   A figure whose meaning the parse does not give is dropped.
4. **Rank** (`score`): what the figure measures (deaths and injuries, money, shares, votes,
   people affected, scores), its tie to the headline (the figure itself in the headline, the
   headline's words in its phrase and its sentence), and where it is (the lede first).
   At most `LIMIT` figures with at least `MIN_SCORE` are shown, best first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from builder.annotators import labels
from builder.annotators.gist import content_terms, rarity
from builder.models import KeyNumber

LIMIT = 4
"""A box a reader takes in at a glance: the issue's four."""

MIN_SCORE = 0.2
"""Below this a figure neither measures the news nor sits near it: better no box than filler."""

# ------------------------------------------------------------------ weights (see `score`)

LEAD_WEIGHT = 1.0
"""News puts its figures first: the first sentence's figure gets the whole weight..."""
LEAD_DECAY = 0.5
"""...and it falls as `1 / (1 + sentence) ** LEAD_DECAY`: the fifth sentence gets 0.45."""
HEADLINE_FIGURE = 1.0
"""The headline's own figure (`At least 107 killed`) is what the story is about."""
HEADLINE_PHRASE = 0.8
"""Share of the headline's words (by rarity) that the figure's label repeats: `asylum seekers`."""
HEADLINE_SENTENCE = 0.8
"""Share of the headline's words in the figure's sentence: the figure sits in the news."""
MEASURE_WEIGHT = 0.5
"""A figure that measures an event (deaths, money, shares, votes, scores) is the news's measure."""
SMALL_PENALTY = 0.4
"""A count under ten is rarely the news (`three branches`, `two people`) unless tied to it."""

SMALL = 10
SMALL_ECHO = 2
"""Outside the lede, a small count's sentence must repeat this many of the headline's words."""
LEDE_SENTENCES = 2
"""The lede: a small count there is part of the news (`four orbiters`, `eight security holes`)."""
APPROX = frozenset(
    "over about around almost nearly some roughly approximately more less fewer than up at least most under only "
    "just below above".split()
)
"""Words that qualify a figure (`over 345`, `up to 100%`): kept with it."""
MULTIPLIERS = frozenset("hundred thousand million billion trillion".split())
UNITS_AFTER = frozenset("% percent per".split())
WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1_000,
    "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
    "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000, "half": 0.5,
}  # fmt: skip
NUMERAL = re.compile(r"^\d[\d,]*(?:\.\d+)?(?P<unit>[kMGT]?(?:bps|[bB]|Hz|W)|bn|m|k|km|kg|mph|ft|cm|mm|%)?$")
"""A numeral, perhaps with a glued unit of measure (`2Mbps`, `5bn`, `40km`); not `4chan`, `20th`."""
GLUED_MULTIPLIER = frozenset("m bn k".split())
"""`$186m`, `£5bn`: a multiplier the tokenizer splits off its numeral."""
TIME_ZONE = re.compile(r"^(?:GMT|UTC|[A-Z][SD]T|CET|ET|PT)$")
CLOCK = re.compile(r"\d:\d\d|^\d{1,2}(?:[ap]\.?m\.?)$", re.IGNORECASE)
YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")
DASH = frozenset("– — - to".split())
TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years decade decades".split()
)
DIMENSIONS = TIME_UNITS | frozenset("meter meters metre metres km kilometre kilometer mile miles foot feet inch square".split())
CURRENCY = re.compile(r"^(?:[A-Z]{1,3})?[$€£¥₹]$|^(?:US|NZ|HK|A|C|S)\$$")
NAMED_LABELS = frozenset("PERSON ORG PRODUCT EVENT FAC WORK_OF_ART LAW NORP GPE LOC".split())


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of the body: its tokens, what it is and where."""

    start: int
    end: int
    """Token range of the whole figure (approximation, currency, digits, unit)."""
    number: int
    """The token the parse hangs the figure on (the last digit or multiplier)."""
    value: str
    """As a reader sees it: `US$20,000`, `over 345`, `3 – 0`."""
    amount: float | None
    kind: str
    """`money`, `share`, `score`, `count`."""


def key_numbers(doc: Doc, headline: str = "", limit: int = LIMIT) -> tuple[KeyNumber, ...]:
    """The figures that carry the news, most important first, each once, at most `limit`."""
    head_terms = set(content_terms(doc.vocab, re.findall(r"\w+(?:['’]\w+)?", headline)))
    head_amounts = {a for a in map(amount, headline_figures(headline)) if a is not None}
    sentences = {s.start: n for n, s in enumerate(doc.sents)}
    ranked: list[tuple[float, int, KeyNumber]] = []
    seen: set[tuple[str, float | str]] = set()
    for figure in figures(doc):
        if any(rule(doc, figure, head_terms) for _, rule in NEVER):
            continue
        key = (figure.kind, figure.amount if figure.amount is not None else figure.value.lower())
        if key in seen:
            continue
        seen.add(key)
        label = labels.what_it_counts(doc, figure)
        if not label:
            continue
        sentence = sentences[doc[figure.number].sent.start]
        value = score(doc, figure, label, sentence, head_terms, head_amounts)
        ranked.append((value, figure.start, KeyNumber(figure.value, label)))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return tuple(number for value, _, number in ranked[:limit] if value >= MIN_SCORE)


# ------------------------------------------------------------------ 1. find


def figures(doc: Doc) -> list[Figure]:
    """Every figure of the text, in order."""
    out: list[Figure] = []
    i = 0
    while i < len(doc):
        if not is_number(doc[i]):
            i += 1
            continue
        end = i + 1
        while end < len(doc) and (is_number(doc[end]) or doc[end].lower_ in MULTIPLIERS) and not doc[end - 1].whitespace_ == "\n\n":
            end += 1
        if end < len(doc) and not doc[end - 1].whitespace_ and doc[end].lower_ in GLUED_MULTIPLIER:
            end += 1
        out.append(make_figure(doc, i, end))
        i = out[-1].end
    return out


def is_number(token: Token) -> bool:
    text = token.text
    return bool(NUMERAL.match(text)) or text.lower() in WORDS and text.lower() not in ("m", "k", "bn")


def make_figure(doc: Doc, start: int, end: int) -> Figure:
    """Grow the digits into the figure: score, unit, currency and approximation."""
    number = end - 1
    if end + 1 < len(doc) and doc[end].text in ("–", "—", "-") and NUMERAL.match(doc[end + 1].text) and is_score(doc, end + 1):
        return Figure(start, end + 2, end + 1, f"{doc[start].text} – {doc[end + 1].text}", amount(doc[start].text), "score")
    kind = "count"
    if end < len(doc) and doc[end].lower_ in UNITS_AFTER and not NUMERAL.match(doc[number].text):
        kind = "share"  # `Ninety percent`: the figure is the words, `percent of ...` says what it is of
    elif end < len(doc) and doc[end].lower_ in ("%", "percent"):
        end, kind = end + 1, "share"
    elif end + 1 < len(doc) and doc[end].lower_ == "per" and doc[end + 1].lower_ == "cent":
        end, kind = end + 2, "share"
    if start > 0 and CURRENCY.match(doc[start - 1].text):
        start -= 1
        kind = "money"
        if start > 0 and re.fullmatch(r"[A-Z]{1,3}", doc[start - 1].text) and doc[start].text == "$":
            start -= 1
    while start > 0 and (doc[start - 1].lower_ in APPROX or doc[start - 1].lower_ == "to" and doc[start - 2].lower_ == "up"):
        if doc[start - 1].lower_ == "up" and doc[start].lower_ != "to":
            break  # `make up over 30%`
        start -= 1
    value = compose(doc[start:end])
    return Figure(start, end, number, value, amount(doc[start:end].text), kind)


def is_score(doc: Doc, right: int) -> bool:
    """`1 – 0` between two small whole numbers, not a range of a unit (`8–10 years`)."""
    left = doc[right - 2]
    after = doc[right + 1] if right + 1 < len(doc) else None
    small = all(t.text.isdigit() and int(t.text) < SMALL * 3 for t in (left, doc[right]))
    return small and (after is None or after.pos_ not in ("NOUN", "PROPN") or after.lower_ in ("win", "victory", "defeat"))


def compose(span: Span) -> str:
    """`US$ 20,000` -> `US$20,000`; `NZ $ 26 million` -> `NZ$26 million`."""
    text = span.text
    text = re.sub(r"(?<=[A-Z$€£¥]) (?=[$€£¥\d])", "", text)
    return " ".join(text.split())


def headline_figures(headline: str) -> list[str]:
    return re.findall(r"\d[\d,.]*(?:\s(?:million|billion|thousand))?|\b[A-Za-z]+\b", headline)


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
        elif word in ("hundreds", "thousands", "millions", "dozens", "billions", "tens", "scores"):
            return None  # `tens of thousands` counts nothing exactly
    return total + current if seen else None


# ------------------------------------------------------------------ 2. leave out


def entity_of(doc: Doc, i: int) -> Span | None:
    return next((e for e in doc.ents if e.start <= i < e.end), None)


def is_date_or_time(doc: Doc, f: Figure, _: set[str]) -> bool:
    """`September 14`, `22:30`, `3am`: a point in time (a length of time, `48 hours`, counts)."""
    token = doc[f.number]
    after = doc[f.end].text if f.end < len(doc) else ""
    if CLOCK.search(doc[f.start : f.end].text) or re.fullmatch(r"[ap]\.?m\.?", after.lower()) or TIME_ZONE.match(after):
        return True
    if is_age(doc, f):
        return False
    ent = entity_of(doc, f.number)
    if ent is None or ent.label_ not in ("DATE", "TIME"):
        return False
    return not (f.end < len(doc) and doc[f.end].lower_ in TIME_UNITS) and token.head.lower_ not in TIME_UNITS


def is_year(doc: Doc, f: Figure, _: set[str]) -> bool:
    """`in 2008`, `the 2014 protests`: a bare four-digit year that counts no noun after it."""
    token = doc[f.number]
    counts = token.dep_ == "nummod" and token.head.i > token.i and token.head.tag_ in ("NNS", "NNPS")
    return f.kind == "count" and f.end - f.start == 1 and bool(YEAR.match(token.text)) and not counts


def is_ordinal(doc: Doc, f: Figure, _: set[str]) -> bool:
    """`33rd floor`, `#2 browser`, `number one`."""
    after = doc[f.end] if f.end < len(doc) else None
    before = doc[f.start - 1] if f.start > 0 else None
    glued_suffix = after is not None and not doc[f.end - 1].whitespace_ and after.lower_ in ("st", "nd", "rd", "th")
    return glued_suffix or (before is not None and before.lower_ in ("#", "number", "no."))


def is_part_of_name(doc: Doc, f: Figure, _: set[str]) -> bool:
    """`IE6`, `G7`, `STS-1`, `Internet Explorer 6`, `posts 542`, `777-200LR`, `Six Nations`."""
    token = doc[f.number]
    before = doc[f.start - 1] if f.start > 0 else None
    after = doc[f.end] if f.end < len(doc) else None
    if f.kind == "score":
        return False
    if token.text[0].isupper() and token.text.isalpha() and token.i != token.sent.start and after is not None and after.text[:1].isupper():
        return True  # `the Six Nations`: a capitalised number word inside a sentence names something
    if before is not None and not before.whitespace_ and (before.text[-1].isalpha() or before.text == "-"):
        return True  # glued to the name before it
    if after is not None and not doc[f.end - 1].whitespace_ and after.text == "-" and f.end + 1 < len(doc):
        if re.match(r"\d", doc[f.end + 1].text):
            return True  # `777-200LR`
    if NUMERAL.match(token.text) and (unit := NUMERAL.match(token.text).group("unit")) and unit.isupper() and len(unit) <= 2:
        return True  # `39A`
    ent = entity_of(doc, f.number)
    if ent is not None and ent.label_ in NAMED_LABELS:
        return True
    if token.text in names_in(doc):
        return True  # `777` where the story also writes `777-200LR`
    if after is not None and after.tag_ == "NNP" and after.ent_type_ not in ("PERSON", "NORP", "GPE", "LOC") and f.start == f.number:
        return after.i + 1 < len(doc) and doc[after.i + 1].pos_ == "NOUN"  # `787 Dreamliner plane`
    if token.dep_ == "compound" and token.head.pos_ == "PROPN" and token.head.i > token.i and f.kind == "count":
        return not token.head.tag_.endswith("S") and token.head.ent_type_ != "NORP"  # `Six Nations`
    if before is not None and before.pos_ in ("PROPN", "NOUN") and f.start == f.number:
        return after is None or after.pos_ not in ("NOUN",) or token.head.i != after.i  # `Explorer 6`, `posts 542`
    return False


def names_in(doc: Doc) -> frozenset[str]:
    """Numerals the text glues to a name somewhere (`777-200LR`, `IE6`, `STS-1`)."""
    found = doc.user_data.get("keynumbers.names")
    if found is None:
        glued = re.finditer(r"(?<![\w-])(\d+)-\d+[A-Za-z]+|[A-Za-z]+-?(\d+)\b", doc.text)
        found = frozenset(m.group(1) or m.group(2) for m in glued)
        doc.user_data["keynumbers.names"] = found
    return found


def is_pronoun_one(doc: Doc, f: Figure, _: set[str]) -> bool:
    """`one of the`, `no one`, `the new one`: `one` that counts nothing."""
    if doc[f.start : f.end].text.lower() not in ("one", "a half", "half") and not doc[f.number].lower_ == "one":
        return False
    if f.end - f.start > 1 and f.kind != "count":
        return False  # `less than one percent`
    token = doc[f.number]
    if token.lower_ == "half":
        return not (f.end < len(doc) and doc[f.end].lower_ == "of") or f.start > 0 and doc[f.start - 1].lower_ in ("first", "second")
    return True


def is_vague(doc: Doc, f: Figure, _: set[str]) -> bool:
    return f.amount is None and f.kind != "score"


def is_age_in_passing(doc: Doc, f: Figure, _: set[str]) -> bool:
    """`Daniel Montalvo, 19,`, `aged 14`, `an 83-year-old`: an age, unless in the first sentence."""
    token = doc[f.number]
    first = next(iter(doc.sents))
    age = is_age(doc, f)
    appositive = (
        token.dep_ in ("appos", "amod", "npadvmod")
        and f.start > 0
        and doc[f.start - 1].text == ","
        and doc[f.start - 2].pos_ == "PROPN"
        and (f.end >= len(doc) or doc[f.end].is_punct)
    )
    return (age and not first.start <= f.start < first.end) or appositive


def is_age(doc: Doc, f: Figure) -> bool:
    """`aged 14`, `at the age of 87`, `a nine-month-old child`."""
    before = doc[max(0, f.start - 3) : f.end].text.lower()
    after = doc[f.start : min(len(doc), f.end + 5)].text.lower()
    return bool(
        re.search(r"\b(?:aged?|age of)\b\s*\w+$", before)
        or re.match(r"^[\w,.]+\s*-\s*(?:year|month|week|day)s?\s*-\s*old", after)
    )


def is_time_frame(doc: Doc, f: Figure, _: set[str]) -> bool:
    """`ten years ago`, `the last 14 years`, `over the past 30 days`, `the next 20 years`: when, not how much."""
    before = doc[f.start - 1].lower_ if f.start > 0 else ""
    unit = f.end < len(doc) and doc[f.end].lower_ in TIME_UNITS
    return any(t.lower_ == "ago" for t in doc[f.end : f.end + 3]) or unit and before in ("last", "past", "next", "first")


def is_small_incidental(doc: Doc, f: Figure, head_terms: set[str]) -> bool:
    """Under ten and neither a share, an amount, a score nor a count of a thing the headline names."""
    if f.amount is None or f.amount >= SMALL or f.kind != "count" or glued_unit(doc[f.number].text):
        return False
    noun = doc[f.number].head if doc[f.number].head.i > f.number else None
    near = [t for t in doc[f.end : f.end + 4] if t.pos_ in ("NOUN", "PROPN")]
    words = {w for t in ([noun] if noun is not None else []) + near for w in content_terms(doc.vocab, [t.text])}
    sentence = doc[f.number].sent
    if sentence.start < lede_end(doc):
        return False  # the lede's counts are the story's (`eight critical security holes`)
    terms = set(content_terms(doc.vocab, [t.text for t in sentence]))
    return not (words & head_terms or len(terms & head_terms) >= SMALL_ECHO and noun is not None)


def lede_end(doc: Doc) -> int:
    """Token index where the story's first `LEDE_SENTENCES` sentences end."""
    for n, sentence in enumerate(doc.sents):
        if n + 1 == LEDE_SENTENCES:
            return sentence.end
    return len(doc)


def glued_unit(text: str) -> str | None:
    match = NUMERAL.match(text)
    return match.group("unit") if match else None


def is_dimension(doc: Doc, f: Figure, _: set[str]) -> bool:
    """`a 20 minute walk`, `the 70 meter hall`, `the 12 year cycle`: the size of a thing, not a count
    (a length in the story's first sentence, like an age, may be the news)."""
    unit = doc[f.number].head
    first = next(iter(doc.sents))
    at = f.end + (f.end < len(doc) and doc[f.end].text == "-")  # `20-minute`
    if not (unit.lower_ in DIMENSIONS and unit.i == at) or first.start <= f.start < first.end:
        return False
    singular = unit.tag_ == "NN" and (f.amount or 0) > 1  # `12 year`, not `12 years`: an adjective
    return singular or unit.dep_ in ("compound", "npadvmod", "nmod", "amod") and unit.head.i > unit.i


NEVER = (
    ("date or time", is_date_or_time),
    ("year", is_year),
    ("ordinal", is_ordinal),
    ("part of a name", is_part_of_name),
    ("`one` as a pronoun", is_pronoun_one),
    ("vague amount", is_vague),
    ("age in passing", is_age_in_passing),
    ("size of a thing", is_dimension),
    ("time frame", is_time_frame),
    ("small incidental count", is_small_incidental),
)
"""Figures that are never key numbers, first match wins; each rule names what the figure is."""


# ------------------------------------------------------------------ 4. rank


MEASURES = frozenset(
    """
    dead death deaths died die kill killed killing toll casualties casualty injured wounded injuries victims
    missing evacuated rescued saved arrested displaced homeless affected
    vote votes voters ballots seats turnout
    cost costs bail fine damages worth price paid pay debt debts deficit profit profits loss losses sales revenue
    budget contract deal fund funds aid euros dollars pounds jobs
    """.split()
)
"""Words of a label that say the figure measures the event: a toll, a vote, an amount at stake."""


def score(doc: Doc, f: Figure, label: str, sentence: int, head_terms: set[str], head_amounts: set[float]) -> float:
    """Lead position + the headline's figure and words + what it measures - smallness."""
    value = LEAD_WEIGHT / (1 + sentence) ** LEAD_DECAY
    if f.amount is not None and f.amount in head_amounts:
        value += HEADLINE_FIGURE
    value += HEADLINE_PHRASE * echo(content_terms(doc.vocab, label.split()), head_terms)
    value += HEADLINE_SENTENCE * echo(content_terms(doc.vocab, [t.text for t in doc[f.number].sent]), head_terms)
    if f.kind in ("money", "share", "score") or glued_unit(doc[f.number].text) or set(label.lower().split()) & MEASURES:
        value += MEASURE_WEIGHT
    if f.amount is not None and f.amount < SMALL and f.kind == "count":
        value -= SMALL_PENALTY
    return value


def echo(terms: Sequence[str], head_terms: set[str]) -> float:
    """Share of the headline's words, weighted by rarity, that `terms` repeat."""
    weight = sum(rarity(t) for t in head_terms)
    return sum(rarity(t) for t in head_terms.intersection(terms)) / weight if weight else 0.0


