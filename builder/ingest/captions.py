"""Captions that lost their picture: they never open the story nor join a paragraph.

Copy taken from a page without its markup keeps an image's caption as text. Two shapes of
it are certain, and `clean` takes them out as `Removed` of kind `caption`:

1. `opening`: the body opens with a line that is no sentence (`The Plains of Arafat on the
   day of Hajj`) or with a fragment whose start was cut (`pilgrims at Mecca's Grand Mosque
   in 2008.`), before the first sentence of the story.
2. `glued`: a caption run into the start of a paragraph, with no full stop between them
   (`Ann Chiang of DAB In the Kowloon West constituency, ...`): a capitalised word that
   opens a sentence (`In`, `The`: `SENTENCE_OPENERS`) right after a word that is neither
   punctuated nor a function word, and followed by a lower-case word, within the first
   `GLUE_WORDS` words. `told The Associated Press` does not split: a name follows.
"""

from __future__ import annotations

import re

from builder.ingest.mainblock import PROSE_WORDS, SENTENCE_END, shape

CAPTION_WORDS = 10
"""A caption at the top is at most this many words; longer lines are the story's lede that
lost its full stop, or its standfirst."""
CAPTION_CHARS = 160
"""Nor is it longer than this (a line of 20,000 characters is not a caption)."""
GLUE_WORDS = 16
"""A caption glued to a paragraph ends within this many words of its start."""
TOKEN = re.compile(r"\S+")


def opening(text: str) -> bool:
    """`text`, at the top of the body before any sentence, is a caption."""
    found = shape(text)
    if not 0 < found.words <= CAPTION_WORDS or len(text) > CAPTION_CHARS:
        return False
    return not found.sentence or (text[0].islower() and found.words < 2 * PROSE_WORDS)


def is_sentence(text: str) -> bool:
    """A sentence of the story that a caption may stand over."""
    found = shape(text)
    return found.sentence and found.words >= PROSE_WORDS


def glued(text: str) -> int | None:
    """Where the story starts after a caption glued to the start of `text`, or None."""
    tokens = list(TOKEN.finditer(text))[: GLUE_WORDS + 1]
    for before, word, after in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if is_glue(before.group(), word.group(), after.group()) and not SENTENCE_END.search(text[: before.end()]):
            caption = text[: before.end()]
            if not re.search(r"[.!?;:]\s", caption) and len(caption.split()) >= 2:
                return word.start()
    return None


def is_glue(before: str, word: str, after: str) -> bool:
    """`constituency In the`: a word that opens a sentence's setting, capitalised, between a
    bare word and a lower-case one."""
    return word in SENTENCE_OPENERS and after[0].islower() and before[-1].isalnum() and before.lower() not in OPENERS


SENTENCE_OPENERS = ("The", "In", "At", "After", "During", "According", "An")
"""Articles and prepositions of time and place that open a sentence (closed word classes).
Not `On`, `One`, `You`, `Me`, which end titles (`Carry On`, `BBC One`, `Super Size Me`)."""
OPENERS = {w.lower() for w in SENTENCE_OPENERS} | {"of", "for", "by", "to", "and", "or", "a", "with"}
"""Before one of these the capital is a title's (`Lord of The Rings`, `by The Times`)."""
