"""Made-up ordinary prose of any length: a long article for tests and memory benchmarks.

`long_article(chars)` writes a `.txt` seed (headline, blank line, paragraphs) of about
`chars` characters: paragraphs of two to four sentences about a few invented people and
organisations, with quotations, numbers and places, the same text for the same arguments.
Nothing in it comes from a real article.
"""

from __future__ import annotations

import random

PEOPLE = ("Mara Lindqvist", "Tomas Okafor", "Ines Vandermeer", "Rafael Sousa", "Hanna Kowalczyk")
ORGS = ("the Harbour Authority", "the Regional Transport Board", "the Northfield Council")
PLACES = ("Northfield", "Eastbrook", "the river valley", "Port Alder")
THINGS = ("the new bridge", "the ferry timetable", "the budget", "the flood barrier", "the rail link")
VERBS = ("approved", "questioned", "delayed", "defended", "reviewed")
SAID = ("said", "told reporters", "added", "wrote in a statement")
OPINIONS = (
    "We have waited long enough for this",
    "The numbers do not add up yet",
    "Every family in the valley will feel the difference",
    "It is a fair plan and we will see it through",
)


def sentence(rng: random.Random) -> str:
    who, what, where = rng.choice(PEOPLE), rng.choice(THINGS), rng.choice(PLACES)
    kind = rng.randrange(4)
    if kind == 0:
        return f"{who} of {rng.choice(ORGS)} {rng.choice(VERBS)} {what} in {where} on Tuesday."
    if kind == 1:
        return f"“{rng.choice(OPINIONS)},” {who} {rng.choice(SAID)}."
    if kind == 2:
        return f"About {rng.randrange(2, 900):,} people in {where} depend on {what}, officials said."
    return f"The plan for {what} would cost {rng.randrange(2, 90)} million dollars over {rng.randrange(2, 12)} years."


def long_article(chars: int, seed: int = 1) -> str:
    """A seed text of at least `chars` characters, ending with a whole paragraph."""
    rng = random.Random(seed)
    parts = ["Council weighs the long plan for the valley", ""]
    size = sum(len(p) + 1 for p in parts)
    while size < chars:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randrange(2, 5)))
        parts += [paragraph, ""]
        size += len(paragraph) + 2
    return "\n".join(parts)
