"""The gist: a short extractive summary, word count and reading time (key numbers: `numbers`).

The summary is chosen the way a desk editor reads a story: the lead first, then the
sentences the rest of the story keeps coming back to.

1. **Units.** The body is cut into spaCy sentences, and sentences are joined again where a
   quotation runs across them, so a quotation is never cut in half. Reading stops at a
   source list (`Sources`, `References`, `See also`). A unit is a candidate when it has at
   least five words and a verb, and is no caption, dateline, date line or byline.
2. **Score.** Each candidate gets its centrality, the lead bonus and the headline overlap:
   - centrality is TextRank (Mihalcea and Tarau 2004): PageRank over a graph whose edges are
     the content words two units share, normalised by their lengths (stemmed, stop words
     out); the sentences that many others echo are the story;
   - the lead bonus falls with the position (`1 / (1 + i) ** 0.3`): news puts the gist first;
   - the headline overlap is the share of the headline's content words (weighted by how rare
     they are in English, from `wordfreq`) that the unit repeats.
3. **Select.** The summary takes at most `MAX_SHARE` of the story's words (a quarter: a
   221-word story gets one or two sentences), and never more than `MAX_WORDS`; a story so
   short that not even its lead fits gets its lead alone (one sentence is the floor). The first
   candidate (the lead) is taken first: it is the teaser on the home page and in feeds. When
   another unit repeats much more of the headline than the lead does (`NEWS_MARGIN`), the
   headline's news is there, and that unit is taken too (before the lead, if both do not
   fit). Then the best-scored candidates are added while they fit in `MAX_SENTENCES` and the
   budget. When the lede paragraph has several sentences it is a summary already: the
   summary is then the lead and at most `MAX_AFTER_LONG_LEDE - 1` more units, those that
   repeat most of the headline (ties go to the better score), and only if they score at least
   `ADD_SHARE` of the best unit or repeat `ECHO_ENOUGH` of the headline. A unit that leans on
   the one before it (`He added ...`, `But ...`, `This ...`) is taken only after the unit
   before it, so the summary reads on its own; a unit that ends in a fragment (a sentence
   without a verb, or one the next line goes on in lower case) is no candidate. The chosen
   units are returned in reading order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

MAX_SENTENCES = 4
"""A box read in seconds: four sentences at most, however long the story."""
MAX_AFTER_LONG_LEDE = 2
"""Units taken when the lede paragraph has several sentences (it is then a summary already)."""
MAX_WORDS = 100
"""About 25 seconds of reading, for the longest stories."""
MAX_SHARE = 0.25
"""A summary is read instead of the story, not beside it: at most a quarter of its words
(a 221-word story gets 55 words, one or two sentences)."""
NEWS_MARGIN = 0.4
"""When a unit repeats this much more of the headline (by rarity) than the lede does, the
headline's news is there, not in the lede, and the summary must carry it."""
ADD_SHARE = 0.6
"""After a long lede (a summary already), a unit joins it only when it scores at least this share
of the best unit: the summary is as long as the story needs, not as long as the budget allows."""
ECHO_ENOUGH = 0.4
"""...unless it repeats this much of the headline (by rarity): then it says the news, whatever its score."""
MIN_WORDS = 5
WORDS_PER_MINUTE = 230

LEAD_WEIGHT = 0.3
"""News puts the gist first; the lead is taken anyway, so the bonus only orders the rest
(0.6 before: halving it chose units the story echoes over early asides, on Wikinews and BBC half A)."""
LEAD_DECAY = 0.3
"""The bonus falls slowly (`1 / (1 + i) ** 0.3`): the tenth unit keeps half of it."""
HEADLINE_WEIGHT = 0.3
"""The headline says what the news is: a unit repeating all of it gains as much as the lead bonus."""
QUOTE_PENALTY = 0.15
"""A unit of direct speech tells how someone said it, rarely what happened: a small penalty."""
DAMPING = 0.85
"""PageRank's damping factor, as in Mihalcea and Tarau's TextRank."""
ITERATIONS = 30
"""Power iterations: ranks no longer move at the third decimal after about 20."""

CAPTION = re.compile(r"^(Image|Photo|Picture|File|Video|Graphic)s?\s*:", re.IGNORECASE)
PLACE = r"[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,3}"
DATELINE = re.compile(
    rf"^(?:[A-Z][A-Z .'’-]+(?:, {PLACE})?(?:, [A-Z][a-z]{{2,8}}\.? \d{{1,2}})?(?: \([A-Za-z .]+\))?|\([A-Za-z .]+\)|{PLACE}(?:, {PLACE}){{1,3}})"
    r"\s*[—–-]{1,2}\s+(?=[A-Z“\"‘])"
)
"""`WASHINGTON (AP) — `, `(CNN) -- `, `Evansville, Indiana, United States - `: cut off a unit's start."""
DATE_LINE = re.compile(
    r"^(?:(?:Updated|Published|Posted)\b.*|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*day,? [A-Z][a-z]+ \d{1,2},? \d{4}\.?)$"
)
BYLINE = re.compile(r"^By [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}(?:,|$)")
END_MATTER = re.compile(
    r"^(?:Sources?|References|See also|Related news|External links|Notes|Further reading)\s*:?$", re.IGNORECASE
)
LEANS_BACK = frozenset(
    """
    he she they it his her their its this these those such that there
    but and or so yet also however still instead meanwhile moreover furthermore nevertheless
    then thus hence besides otherwise likewise similarly
    """.split()
)
"""First words of a sentence that need the sentence before it to make sense."""
WORD = re.compile(r"\w+(?:['’]\w+)?")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
OPENING_QUOTES = "“\"‘'«"


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence, or sentences a quotation holds together: what the summary picks from."""

    index: int
    paragraph: int
    text: str
    words: int
    terms: tuple[str, ...]
    leans_back: bool
    quoted: float
    """Share of the unit's characters inside quotation marks."""


def summarise(doc: Doc, headline: str = "", quoted: Iterable[tuple[int, int]] = ()) -> tuple[str, ...]:
    """Units that give the story, in reading order, within `budget` words."""
    units = cut_units(doc, quoted)
    if not units:
        return ()
    echoes = headline_echoes(units, headline_terms(doc, headline))
    scores = score_units(units, echoes)
    return tuple(u.text for u in select(units, scores, echoes, budget(word_count(doc))))


def budget(words: int) -> int:
    """Words the summary may take: `MAX_SHARE` of the story, at most `MAX_WORDS`."""
    return min(MAX_WORDS, int(words * MAX_SHARE))


# ------------------------------------------------------------------ units


def cut_units(doc: Doc, quoted: Iterable[tuple[int, int]] = ()) -> list[Unit]:
    """Candidate units of the body, in order; reading stops at a source list."""
    out: list[Unit] = []
    whole = doc.text  # built anew on each access: read it once
    for group in sentence_groups(doc, quoted):
        text = DATELINE.sub("", " ".join(whole[group[0].start_char : group[-1].end_char].split()))
        if END_MATTER.match(text):
            break
        unit = make_unit(len(out), whole.count("\n\n", 0, group[0].start_char), text, group)
        if unit.words >= MIN_WORDS and is_candidate(text, group):
            out.append(unit)
    return out


def sentence_groups(doc: Doc, quoted: Iterable[tuple[int, int]]) -> list[list[Span]]:
    """Sentences, joined where a quotation starts in one and ends in a later one."""
    inside = [(start, end) for start, end in quoted if end > start]
    groups: list[list[Span]] = []
    for sentence in doc.sents:
        if not sentence.text.strip():
            continue
        if groups and any(s < sentence.start_char < e for s, e in inside):
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    return groups


def is_candidate(text: str, group: Sequence[Span]) -> bool:
    """A sentence of the story, not a caption, dateline, date line, byline or heading."""
    if CAPTION.match(text) or DATE_LINE.match(text) or BYLINE.match(text) or not quotes_balanced(text):
        return False
    return whole_sentences(group) and text[-1] in ".!?”\"’'…)"


def whole_sentences(group: Sequence[Span]) -> bool:
    """Every sentence of the unit has a verb, and the unit does not stop where the sentence goes
    on (the next sentence starts in lower case): a unit never ends in a fragment."""
    doc = group[0].doc
    if doc.has_annotation("TAG") and not all(any(t.pos_ in ("VERB", "AUX") for t in s) for s in group):
        return False
    after = doc[group[-1].end : group[-1].end + 3]
    first = next((t.text for t in after if not t.is_space and not t.is_punct), "")
    return not (first[:1].islower() and "\n\n" not in doc[group[-1].end - 1].text_with_ws)


def quotes_balanced(text: str) -> bool:
    """Every quotation the unit opens it also closes, and it closes none it did not open."""
    depth = 0
    for ch in text:
        depth += ch == "“"
        depth -= ch == "”"
        if depth < 0:
            return False
    return depth == 0 and text.count('"') % 2 == 0


def make_unit(index: int, paragraph: int, text: str, group: Sequence[Span]) -> Unit:
    tokens = [t.text for s in group for t in s]
    words = sum(1 for t in tokens if any(ch.isalnum() for ch in t))
    terms = content_terms(group[0].doc.vocab, tokens)
    return Unit(index, paragraph, text, words, terms, leans_back(text), quoted_share(text))


def quoted_share(text: str) -> float:
    """How much of the unit is direct speech: 0.0 for none, near 1.0 for a quote with its cue."""
    inside = sum(len(m.group()) for m in QUOTED.finditer(text))
    return inside / len(text)


def leans_back(text: str) -> bool:
    """`He added ...`, `But ...`: the sentence needs the one before it."""
    first = text.lstrip(OPENING_QUOTES).split(maxsplit=1)
    return bool(first) and first[0].strip(",;:").lower() in LEANS_BACK


def content_terms(vocab: Vocab, words: Iterable[str]) -> tuple[str, ...]:
    """Stemmed content words: no stop words, punctuation or numbers."""
    return tuple(
        stem(word.lower()) for word in words if any(ch.isalpha() for ch in word) and not vocab[word.lower()].is_stop
    )


@cache
def stem(word: str) -> str:
    """A light English stemmer: `talks`, `talked`, `talking` -> `talk`; `cities` -> `city`."""
    word = word.replace("’", "'")
    for suffix, replace in (("'s", ""), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replace
    return word


# ------------------------------------------------------------------ scores


def score_units(units: Sequence[Unit], echoes: Sequence[float]) -> list[float]:
    """Centrality + lead bonus + headline overlap (`headline_echoes`), one score per unit."""
    central = textrank([u.terms for u in units])
    scores = []
    for unit, centrality, shared in zip(units, central, echoes, strict=True):
        lead = 1 / (1 + unit.index) ** LEAD_DECAY
        penalty = QUOTE_PENALTY * unit.quoted
        scores.append(centrality + LEAD_WEIGHT * lead + HEADLINE_WEIGHT * shared - penalty)
    return scores


def textrank(terms: Sequence[Sequence[str]]) -> list[float]:
    """TextRank centrality of each unit, scaled so that the most central unit is 1."""
    n = len(terms)
    sets = [set(t) for t in terms]
    edges: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if len(terms[i]) > 1 and len(terms[j]) > 1 and (shared := len(sets[i] & sets[j])):
                weight = shared / (math.log(len(terms[i])) + math.log(len(terms[j])))
                edges[i].append((j, weight))
                edges[j].append((i, weight))
    out_weight = [sum(w for _, w in e) for e in edges]
    rank = [1.0] * n
    for _ in range(ITERATIONS):
        rank = [(1 - DAMPING) + DAMPING * sum(w / out_weight[j] * rank[j] for j, w in edges[i]) for i in range(n)]
    top = max(rank, default=1.0) or 1.0
    return [r / top for r in rank]


def headline_echoes(units: Sequence[Unit], headline: set[str]) -> list[float]:
    """Share of the headline's content words, weighted by rarity, that each unit repeats."""
    weight = sum(rarity(t) for t in headline)
    if not weight:
        return [0.0] * len(units)
    return [sum(rarity(t) for t in headline.intersection(u.terms)) / weight for u in units]


def headline_terms(doc: Doc, headline: str) -> set[str]:
    """Content words of the headline, read with the document's own tokenizer."""
    if not headline or headline == "Untitled":
        return set()
    return set(content_terms(doc.vocab, WORD.findall(headline)))


@cache
def rarity(term: str) -> float:
    """How much a word says: 7 minus its Zipf frequency in English (`the` 0.5, `ceasefire` 3.7)."""
    from wordfreq import zipf_frequency

    return max(0.5, 7.0 - zipf_frequency(term, "en"))


# ------------------------------------------------------------------ selection


def select(
    units: Sequence[Unit], scores: Sequence[float], echoes: Sequence[float] = (), words: int = MAX_WORDS
) -> list[Unit]:
    """The lead, the unit with the headline's news when the lead lacks it, then the best units
    that fit in `words`, each after the unit it leans on; reading order.

    After a long lede (a lede paragraph of several sentences) the best units are those that
    echo the headline most (`echoes`), the score breaking ties.
    """
    chosen: list[Unit] = []
    for unit in must_take(units, echoes):
        if sum(u.words for u in chosen) + unit.words <= words:
            chosen.append(unit)
    if not chosen:  # a story so short that not even its lead fits: the lead alone is the floor
        chosen = must_take(units, echoes)[-1:] or [units[0]]
        return chosen
    if not chosen:
        return []
    long_lede = len(units) > 1 and units[1].paragraph == units[0].paragraph
    if long_lede and echoes:
        ranked = sorted(range(len(units)), key=lambda i: (-echoes[i], -scores[i]))
    else:
        ranked = sorted(range(len(units)), key=lambda i: -scores[i])
    limit = MAX_AFTER_LONG_LEDE if long_lede else MAX_SENTENCES
    if long_lede and echoes:
        ranked = [i for i in ranked if scores[i] >= ADD_SHARE * max(scores) or echoes[i] >= ECHO_ENOUGH]
    while len(chosen) < limit and (unit := next_fit(units, ranked, chosen, words)) is not None:
        chosen.append(unit)
    return sorted(chosen, key=lambda u: u.index)


def must_take(units: Sequence[Unit], echoes: Sequence[float]) -> list[Unit]:
    """The lead (the teaser on the home page and in feeds), and the unit that says the headline's
    news when the lead does not (`NEWS_MARGIN`); if both do not fit, the news goes first."""
    lead = units[0] if not units[0].leans_back else None
    if not echoes:
        return [lead] if lead else []
    best = max(range(len(units)), key=lambda i: (echoes[i], -i))
    news = units[best] if echoes[best] - (echoes[0] if lead else 0.0) >= NEWS_MARGIN and not units[best].leans_back else None
    if news is None or news is lead:
        return [lead] if lead else []
    return [news, lead] if lead else [news]


def next_fit(units: Sequence[Unit], ranked: Sequence[int], chosen: list[Unit], words: int) -> Unit | None:
    """The best-ranked unit not yet chosen that fits, and whose unit before it is chosen if it leans back."""
    used = sum(u.words for u in chosen)
    for i in ranked:
        unit = units[i]
        if unit in chosen or used + unit.words > words:
            continue
        if unit.leans_back and (i == 0 or units[i - 1] not in chosen):
            continue
        return unit
    return None


# ------------------------------------------------------------------ length


def word_count(doc: Doc) -> int:
    return sum(1 for t in doc if not (t.is_punct or t.is_space))


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
