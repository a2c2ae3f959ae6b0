"""How likely a quote's speaker is right: a logistic model over features of the attribution.

The coefficients are learnt from labelled quotes (PolNeAR's training split and half of the
BBC resolved-speaker gold) by `scripts/fit_confidence.py`, which writes them with the page
threshold to `builder/data/confidence.json`; nothing here is set by hand. A quote whose
`confidence` is below the threshold shows as `(speaker uncertain)`.

Features (`features`): the rule that answered, the quote's kind, the cue verb (`said` or
another, and how far it stands from the quote), whether the speaker is an actor and how
fully named, how many people the paragraph names, whether the speaker is also the previous
speaker, the quote's length and how often the article names the speaker.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pages read the threshold without importing spaCy
    from spacy.tokens import Span, Token

    from builder.annotators.cues import Found

DATA = Path(__file__).resolve().parent.parent / "data" / "confidence.json"
PLAIN_CUES = frozenset(("said", "says", "say", "saying", "told", "tells", "added", "adds"))
"""The common cue verbs; any other is a feature of its own (`quipped`, `called`, `wrote`)."""


@cache
def model() -> dict[str, object]:
    """The fitted model: `weights` (feature -> coefficient), `threshold` and how it was made."""
    return dict(json.loads(DATA.read_text(encoding="utf-8")))


def threshold() -> float:
    """The confidence from which pages show a speaker as certain."""
    return float(model()["threshold"])  # type: ignore[arg-type]


def estimate(features: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """The probability that the speaker is right, rounded to two places (with the fitted
    weights, or `weights` while they are being fitted)."""
    if weights is None:
        weights = model()["weights"]  # type: ignore[assignment]
    score = sum(weights.get(name, 0.0) * value for name, value in features.items())
    return round(1.0 / (1.0 + math.exp(-score)), 2)


def features(
    rule: str,
    kind: str,
    cue: Token | None,
    item: Found,
    speaker_id: str | None,
    speaker: str,
    previous: str | None,
    people_here: int,
    mentions: int,
    sentence: Span,
) -> dict[str, float]:
    """The features of one attribution (see the module's docstring)."""
    distance = abs(cue.idx - item.start) if cue is not None else 0
    words = len(item.text.split())
    out = {
        "bias": 1.0,
        f"rule={rule}": 1.0,
        f"kind={kind}": 1.0,
        "cue=none" if cue is None else ("cue=plain" if cue.lower_ in PLAIN_CUES else "cue=other"): 1.0,
        "cue distance": math.log1p(distance / 10) if cue is not None else 0.0,
        "actor": 1.0 if speaker_id else 0.0,
        "full name": 1.0 if speaker_id and len(speaker.split()) > 1 else 0.0,
        "people in paragraph": math.log1p(people_here),
        "previous speaker": 1.0 if previous is not None and previous == speaker else 0.0,
        "quote words": math.log1p(words),
        "speaker mentions": math.log1p(mentions),
        "cue in sentence": 1.0 if cue is not None and sentence.start <= cue.i < sentence.end else 0.0,
    }
    if _recording is not None:
        _recording.append((item.paragraph, item.text, out))
    return out


_recording: list[tuple[int, str, dict[str, float]]] | None = None


@contextmanager
def recording() -> Iterator[list[tuple[int, str, dict[str, float]]]]:
    """Collect the features of every attribution made inside (for `scripts/fit_confidence.py`)."""
    global _recording
    _recording = []
    try:
        yield _recording
    finally:
        _recording = None
