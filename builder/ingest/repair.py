"""Repairs of parsed text that are safe, each recorded as a `Repair`.

- glued words (`Erdoganwho` -> `Erdogan who`), only where the dictionary (wordfreq) and the
  article itself make the split certain;
- an ALL-CAPS headline put in headline case, taking each word's case from the body;
- a paragraph too long to read (or to annotate) split at sentence ends.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from functools import cache

from builder.ingest.parse import Block
from builder.models import Repair

FUNCTION_WORDS = frozenset(
    "who whom whose which that said says and the was were has had have is are of in on at to for "
    "with from by as but or an he she it they his her its their will would".split()
)
"""Words that a lost space glues to a neighbour: the only splits `glued_words` considers."""
LEADING_WORDS = frozenset(
    "the their his her its and but who which that said will would to was were has had have".split()
)
"""Function words that may start a glued token (`theirfamilies`): not `for`, `on` or `in`,
which also start words the dictionary lacks (`forsees`, `onlending`)."""
AFFIX = re.compile("(?:{0})|.*(?:{0})$".format("|".join(sorted(FUNCTION_WORDS, key=len, reverse=True))), re.IGNORECASE)
"""A token that starts or ends with a function word (`match` anchors it at the start)."""
COMMON = 3.0
"""wordfreq Zipf frequency of a dictionary word that may stand alone: once per million words."""
WORD = re.compile(r"[A-Za-z]+")
MAX_PARAGRAPH = 10_000
"""A longer paragraph is split (with a notice): nobody reads 10,000 characters without a break."""
TARGET_PARAGRAPH = 1_500


@cache
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # loads the word list on first use only

    return float(zipf_frequency(word.lower(), "en"))


# ---------------------------------------------------------------- glued words


def glued_words(headline: str, blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], list[Repair]]:
    counts = Counter(WORD.findall(" ".join([headline, *(b.text for b in blocks)])))
    fixes = {token: split for token, n in counts.items() if n <= 2 and (split := glued_split(token, counts))}
    if not fixes:
        return blocks, []
    found = re.compile(r"\b(" + "|".join(map(re.escape, fixes)) + r")\b")
    repairs: list[Repair] = []
    out = []
    for block in blocks:
        matches = list(found.finditer(block.text))
        if matches and in_step(block.markdown, found, [m.group() for m in matches]):
            repairs.extend(Repair("glued words", m.group(), fixes[m.group()], block.line) for m in matches)
            markdown = found.sub(lambda m: fixes[m.group()], block.markdown) if block.markdown else None
            block = replace(block, text=found.sub(lambda m: fixes[m.group()], block.text), markdown=markdown)
        out.append(block)
    return tuple(out), repairs


def in_step(markdown: str | None, found: re.Pattern[str], glued: list[str]) -> bool:
    """A Markdown source shows the glued words just as its text does: none inside a link's
    address, none split by emphasis (`Erdogan*who*`)."""
    if markdown is None:
        return True
    visible = re.sub(r"\]\([^)]*\)|<[a-z]+:[^>]*>|https?://\S+", "]", markdown)
    return found.findall(markdown) == found.findall(visible) == glued


def glued_split(token: str, counts: Counter[str]) -> str | None:
    """`Erdoganwho` -> `Erdogan who` when exactly one split is certain, else None.

    The token must be missing from the dictionary, and split into a function word and a word
    of four letters or more that is certain on its own:
    - a name (`Erdoganwho`): the name stands alone elsewhere in the article or is in the
      dictionary, and the function word has three letters or more (`Jestin` is not `Jest in`);
    - lower case (`shareby`, `theirfamilies`): the other part is a common dictionary word.
    """
    if len(token) < 6 or not AFFIX.match(token):
        return None
    if zipf(token) > 0:
        return None
    splits = set()
    for cut in range(4, len(token) - 1):
        head, tail = token[:cut], token[cut:]
        if tail not in FUNCTION_WORDS or head.lower() in FUNCTION_WORDS:
            continue
        if (head.islower() and zipf(head) >= COMMON) or (
            head[0].isupper() and len(tail) >= 3 and (counts[head] > 0 or zipf(head) >= COMMON)
        ):
            splits.add(f"{head} {tail}")
    if token.islower():
        for cut in range(2, len(token) - 3):
            head, tail = token[:cut], token[cut:]
            if head in LEADING_WORDS and tail not in FUNCTION_WORDS and zipf(tail) >= COMMON:
                splits.add(f"{head} {tail}")
    return splits.pop() if len(splits) == 1 else None


# ---------------------------------------------------------------- headline case

SMALL_WORDS = frozenset("a an and as at but by for from in into nor of on or over the to up via vs with".split())


def headline_case(headline: str, body: str) -> str | None:
    """`ASIAN EXPORTERS FEAR U.S.-JAPAN RIFT` -> `Asian Exporters Fear U.S.-Japan Rift`, else None.

    A word the body writes in capitals somewhere stays in capitals (`OPEC`, `WHO`), as do
    tickers (`<GM>`), two-letter words but `of`, `to` and the like (`US`, `EC`) and short
    words the dictionary lacks; other words take the case
    the body gives them most often (`Japan`), else are capitalised, small words (`of`,
    `from`) in lower case except at the start.
    """
    letters = [c for c in headline if c.isalpha()]
    if len(letters) < 4 or any(c.islower() for c in letters):
        return None
    forms = body_forms(body)
    parts = re.split(r"([\s/-]+)", headline)
    out = []
    for index, part in enumerate(parts):
        match = re.fullmatch(r"(\W*)([A-Za-z]+)(?:(['’])([A-Za-z]+))?(\W*)", part)
        if index % 2 or match is None or "<" in match.group(1):
            out.append(part)  # separators, U.S., 1987, 10-K and <GM> as written
            continue
        lead, word, apostrophe, suffix, trail = match.groups()
        word = case_word(word, forms, first=index == 0)
        if suffix:  # TAIWAN'S -> Taiwan's
            word += apostrophe + (suffix.lower() if len(suffix) <= 2 else case_word(suffix, forms, first=False))
        out.append(lead + word + trail)
    return "".join(out)


def body_forms(body: str) -> dict[str, Counter[str]]:
    """Each word of the body, lower-cased, -> the forms it is written in, counted."""
    seen: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for word in WORD.findall(body):
        seen[word.lower()][word] += 1
    return seen


COMMON_SHORT = frozenset("a i am an as at be by do go he if in is it me my no of on or so to up we".split())


def case_word(word: str, forms: dict[str, Counter[str]], first: bool) -> str:
    written = forms.get(word.lower())
    if written and (word in written and len(word) > 1):
        return word  # the body writes it in capitals too: an acronym
    if written and not (form := written.most_common(1)[0][0]).islower():
        return form  # a name, as the body writes it
    if (
        not written
        and word.lower() not in COMMON_SHORT
        and (len(word) == 2 or (len(word) <= 4 and zipf(word) < COMMON))
    ):
        return word  # two letters (`US`, `EC`), or a short word the dictionary lacks: an acronym
    if not first and word.lower() in SMALL_WORDS:
        return word.lower()
    return word.capitalize()


# ---------------------------------------------------------------- long paragraphs

SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


def split_long(block: Block) -> list[Block]:
    """A paragraph over `MAX_PARAGRAPH` characters in pieces of about `TARGET_PARAGRAPH`."""
    if len(block.text) <= MAX_PARAGRAPH:
        return [block]
    pieces: list[str] = []
    start = 0
    text = block.text
    while len(text) - start > TARGET_PARAGRAPH:
        found = SENTENCE_END.search(text, start + TARGET_PARAGRAPH, start + MAX_PARAGRAPH)
        end = found.end() if found else None
        if end is None:
            space = text.rfind(" ", start + 1, start + MAX_PARAGRAPH)
            end = space + 1 if space > start else start + MAX_PARAGRAPH
        pieces.append(text[start:end].strip())
        start = end
    pieces.append(text[start:].strip())
    return [Block(p, block.line) for p in pieces if p]
