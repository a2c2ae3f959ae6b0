"""What a name is and what the text says of it: the word-level knowledge of the entity model.

`clean` cuts what is not the name from a span (possessive, article, honorific, credit,
unclosed bracket); `fold` makes the key the sieves compare; `person_clues`,
`organisation_clues`, `title_before` and `apposition` read the evidence around one mention.
Given names and their usual gender come from the `gender-guesser` package (the name list of
Jörg Michael's `gender.c`, 40,000 first names from many countries), never from a list here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

from spacy.tokens import Span, Token

from builder.annotators.cues import is_speech
from builder.annotators.ids import actor_id

__all__ = ["actor_id"]  # the id an actor's page gets from its name

POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
HONORIFIC = re.compile(
    r"(?P<word>Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Lord|Lady|Baroness|Sir|Dame|Rev|Sen|Rep|Gov|Gen|Col|Capt|Sgt)\.?\s+(?=[A-Z])"
)
"""`Mr Blair`, `Lady Thatcher`, `Sen. Warren`: an honorific before a name (the name is the rest)."""
HONORIFIC_GENDER = {
    "mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "lady": "f", "dame": "f", "baroness": "f",
}  # fmt: skip
CREDIT = re.compile(r"\s*(?:/\s*\S.*|\s+(?:Photographer|Photo|Staff Writer|Reporter|Correspondent)\b.*)$", re.DOTALL)
"""A photo credit or byline glued to a name: `Michael Sohn/AP`, `Jane Doe Photographer`."""
TITLE_WORDS = frozenset(
    """
    president minister secretary director spokesman spokeswoman spokesperson chief leader
    chairman chairwoman chair ceo governor senator mayor ambassador general commander
    official head judge justice professor king queen prince princess pope manager
    editor founder coach captain premier chancellor envoy attorney lawyer adviser advisor
    analyst researcher scientist officer deputy representative
    president-elect candidate activist executive owner chairperson commissioner
    superintendent sheriff economist co-ordinator coordinator campaigner boss inspector
    prosecutor lawmaker mp congressman congresswoman senator-elect vice-president
    """.split()
)
"""Nouns of office: a person's role (`Secretary of State`), and what a bare role mention is."""
BODY_WORDS = frozenset(
    """
    party council agency committee ministry department office union association organisation
    organization company corporation group court police army navy forces force university
    college institute foundation church league federation commission authority government
    parliament assembly network news times post herald press club team movement alliance front
    board service administration inc ltd corp plc co fund society trust campaign coalition
    congress senate bureau tribunal airline airlines airways nations firm charity carrier retailer
    """.split()
)
"""Nouns that make a name a body of people (`Labour Party`, `Korean Central News Agency`)."""
MEMBER_WORDS = frozenset(
    """
    member members ally allies militant militants fighter fighters official officials troops
    soldiers staff workers employees supporters lawmakers delegation delegates negotiators
    """.split()
)
"""Nouns for the people of a body: `NATO ally`, `Hamas militants`, `CIA officials`."""
FACILITY_WORDS = frozenset(
    """
    museum gallery center centre station hall festival program programme base road street avenue
    square airport stadium arena bridge building tower championship cup tournament games
    olympics expo fair conference summit award prize shuttle
    """.split()
)
"""Nouns that make a name a place, a thing or an event (`Museum of Flight`, `Space Shuttle
Atlantis`, `Lantern Festival`): never an actor, whatever label the model gave it."""
FEMALE_ROLES = re.compile(r"(?:woman|women|ess|queen|princess|duchess|wife|mother|daughter|sister)$")
MALE_ROLES = re.compile(r"(?:\bman|\bmen|king|prince|duke|husband|father|son|brother|spokesman|chairman)$")
JOINERS = frozenset("of the and for on de del la le van von der bin al da di du".split())
"""Words that may stand inside a name without a capital (`Church of Scientology`, `bin Salman`)."""


class Name(NamedTuple):
    """A name's text without what is not the name, with its offsets into the article."""

    text: str
    start: int
    end: int


def clean(span: Span) -> Name:
    """`the Fed's` -> `Fed`; `Mr Blair` -> `Blair`; `Michael Sohn/AP` -> `Michael Sohn`;
    `World Health Organisation (WHO` -> `World Health Organisation`; `Disney\\n` -> `Disney`."""
    text, start = span.text, span.start_char
    if match := re.match(r"(?:the|a|an)\s+", text, flags=re.IGNORECASE):
        start, text = start + match.end(), text[match.end() :]
    if span.label_ == "PERSON" and (match := HONORIFIC.match(text)):
        start, text = start + match.end(), text[match.end() :]
    if span.label_ == "PERSON":
        text = CREDIT.sub("", text)
        if match := re.match(r"(?:\S*-[a-z]\S*\s+)+(?=[A-Z])", text):  # `pro-Beijing Regina Ip`
            start, text = start + match.end(), text[match.end() :]
    if span.label_ == "ORG" and len(text.split()) > 1 and text.split()[-1].lower() in TITLE_WORDS:
        text = text.rsplit(None, 1)[0]  # `State Department Spokesperson`: the person is someone else
    if "(" in text and ")" not in text:
        text = text[: text.index("(")]
    text = text.split("\n")[0]
    text = re.sub(r"(?:\s+\d+)+$", "", text.rstrip(" \t,;:-–—"))  # `Sweden 1`
    if match := POSSESSIVE.search(text):
        text = text[: match.start()]
    text = text.strip(" \t.,;:()-–—\"'“”‘’")
    lead = len(span.text) - len(span.text.lstrip())
    offset = span.text.find(text, start - span.start_char) if text else -1
    begin = span.start_char + (offset if offset >= 0 else lead)
    return Name(text, begin, begin + len(text))


def is_name(text: str) -> bool:
    """Reads as a name: words with capitals (or joiners), no URL, e-mail address or figure."""
    if not text or re.search(r"[@/\\<>=]|https?:|www\.|\.(?:com|org|net)\b", text, flags=re.IGNORECASE):
        return False
    words = re.findall(r"[^\W_][\w.'’&-]*", text)
    if not words or not any(ch.isalpha() for ch in text):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in JOINERS for w in words) and words[0][0].isupper()


def fold(text: str) -> str:
    """The key two names must share to be one: case, accents, hyphens and dots folded."""
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"['’]s\b", "", text)  # `New People's Party` = `New People Party`
    text = re.sub(r"(?<=\b\w)\.(?=\w\.)|(?<=\b\w)\.$", "", text)  # `u.s.` -> `us`
    text = re.sub(r"[-‐–—.]", " ", text)
    return " ".join(text.split())


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()


def initials(text: str) -> str:
    """`Korean Central News Agency` -> `kcna`; joiners (`of`, `the`) left out."""
    words = [w for w in re.split(r"[\s-]+", text) if w and w.lower() not in JOINERS]
    return "".join(w[0] for w in words).casefold()


def person_part(span: Span) -> Span:
    """`Tories Ken Clarke` -> `Ken Clarke`, `Pan-democrat Lam Cheuk-ting` -> `Lam Cheuk-ting`:
    a PERSON span that opens with words that are no part of a person's name (a plural, a word
    with a lower-case part, a body word), cut before the name starts."""
    for i in range(len(span) - 1):
        token = span[i]
        foreign = token.tag_ == "NNPS" or token.lower_ in BODY_WORDS or re.search(r"-[a-z]", token.text)
        if not foreign or not token.whitespace_:
            break
        rest = span[i + 1 :]
        if rest[0].is_title and len(rest) >= 1:
            return person_part(rest)
    return span


@cache
def _detector() -> object:
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


GUESSES = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f", "andy": "?"}


def given_gender(word: str) -> str | None:
    """`m`, `f` or `?` (either) for a known given name, None for a word that is not one."""
    if not word[:1].isupper() or not word.isalpha() or len(word) < 2:
        return None
    return GUESSES.get(_detector().get_gender(word))  # type: ignore[attr-defined]


def person_clues(span: Span) -> list[tuple[str, str | None]]:
    """Evidence that a name is a person's, each with the gender it tells (or None): an
    honorific before it; a given name opening a name of two to four words (`Gordon Brown`);
    or, for a name the model reads as a person's, words that are not common English words
    (`Romelu Lukaku`, not `Space Shuttle Atlantis` or `Castlefrank Road`)."""
    clues: list[tuple[str, str | None]] = []
    words = span.text.split()
    if match := HONORIFIC.match(span.text):
        clues.append(("honorific", HONORIFIC_GENDER.get(match.group("word").lower())))
        words = words[1:]
    elif span.start and (before := span.doc[span.start - 1]).text.rstrip(".") in HONORIFIC_GENDER_WORDS:
        clues.append(("honorific", HONORIFIC_GENDER.get(before.text.rstrip(".").lower())))
    words = [w for w in (POSSESSIVE.sub("", w) for w in words) if w]
    if not 2 <= len(words) <= 4 or any(not w[:1].isupper() or w.lower() in BODY_WORDS | FACILITY_WORDS for w in words):
        return clues
    gender = given_gender(words[0])
    if gender in ("m", "f") and all(name_like(w) for w in words[1:-1]):
        clues.append(("given name", gender))
    elif span.label_ == "PERSON" and all(name_like(w) for w in words) and not any(w.isupper() for w in words):
        clues.append(("full name", None))
    return clues


COMMON = 4.0
"""Zipf frequency (wordfreq) from which a word is a common English word rather than a name:
`road` 5.2, `passion` 4.4, `shuttle` 3.9 (still rare), `lukaku` 3.1."""


def opens_a_name(text: str) -> bool:
    """A full name that starts as a person's does: a given name or a rare word first (`Tony
    Blair`, `Xi Jinping`), not a common one (`Killer Blinken`, `Space Shuttle`)."""
    first = text.split()[0] if text.split() else ""
    return given_gender(first) is not None or name_like(first)


COMMON_ALONE = 5.0
"""Zipf frequency from which a word said alone is a common word, not a name (`water` 5.6,
`may` 6.0; `trump` 4.9 and `blair` 4.0 stay names)."""


def name_like(word: str, common: float = COMMON) -> bool:
    """A word of a person's name: a given name, or rare as an English word (each part of
    `Cheuk-ting`); initials (`F.`) too. Acronyms and words with capitals inside (`McCain`,
    `YouTube`) are names whatever their frequency."""
    from wordfreq import zipf_frequency

    if re.fullmatch(r"[A-Z]\.", word) or is_acronym(word) or re.search(r"[a-z][A-Z]", word):
        return True
    parts = [p for p in re.split(r"[-‐]", word) if p]
    return all(given_gender(p) in ("m", "f") or zipf_frequency(p.lower(), "en") < common for p in parts)


HONORIFIC_GENDER_WORDS = frozenset(w.capitalize() for w in HONORIFIC_GENDER) | {"Mr", "Mrs", "Ms", "Dr"}


def organisation_clues(span: Span) -> set[str]:
    """Evidence that a name is a body's: a body word in it (`Party`), a person's title that
    names it (`NASA spokesman`, `director of the CIA`), or it acts (`Microsoft announced`,
    `Twitter's policy`)."""
    clues = set()
    words = [w.lower().strip(".,") for w in clean(span).text.split()]
    if any(w in FACILITY_WORDS for w in words[-2:]):
        clues.add("facility")
    elif any(w in BODY_WORDS for w in words):
        clues.add("body word")
    root = span.root
    head = root.head
    if root.dep_ in ("compound", "poss") and head.lower_ in TITLE_WORDS:
        clues.add("affiliation")
    if root.dep_ == "pobj" and head.lower_ in ("of", "at", "for") and head.head.lower_ in TITLE_WORDS:
        clues.add("affiliation")
    if root.dep_ == "nsubj" and head.pos_ == "VERB":
        clues.add("agent")
    if root.dep_ == "pobj" and head.lower_ == "by" and head.head.tag_ == "VBN":
        clues.add("agent")  # `held by Hamas`
    if root.dep_ == "compound" and head.lower_ in MEMBER_WORDS:
        clues.add("affiliation")  # `NATO ally`, `Hamas militants`
    return clues


GENERIC_BODY = re.compile(
    r"(?:(?:foreign|interior|home|defen[cs]e|health|finance|justice|education|economy|trade|agriculture|energy"
    r"|environment|transport|labou?r|culture|information)\s+)?ministry"
    r"(?:\s+of\s+(?:the\s+)?(?:foreign|internal|home|public)?\s*(?:affairs|health|defen[cs]e|finance|justice"
    r"|education|interior|economy|trade|agriculture|energy|environment|transport|labou?r|culture|information)"
    r"(?:\s+and\s+[a-z]+(?:\s+[a-z]+)?)?)?",
    re.IGNORECASE,
)
"""`Foreign Ministry`, `Ministry of Health`: a ministry not named with its country is no one
actor (whose health ministry?), so it does not get an actor page that would merge them."""


PLACE_WORDS = frozenset(("outside", "opposite", "beside"))
"""`outside the Foreign Ministry`: after these, an organisation's name is a building."""


def in_passing(span: Span) -> bool:
    """A name that is no actor where it stands: part of a title (`Home Secretary`, `Foreign
    Minister`, `Minister of Foreign Affairs`: common words, no body word, no acronym; not `CIA
    Director` or `National Security Council spokesman`), a ministry with no country, or a
    building (`outside the Acme Corp offices`)."""
    text = clean(span).text
    words = text.split()
    doc = span.doc
    before = doc[span.start - 2 : span.start] if span.start >= 2 and doc[span.start - 1].lower_ == "the" else doc[max(span.start - 1, 0) : span.start]
    if span.label_ == "ORG" and len(before) and before[0].lower_ in PLACE_WORDS:
        return True
    if GENERIC_BODY.fullmatch(text):
        return True
    if span.label_ == "PERSON" or is_acronym(text) or any(w.lower() in BODY_WORDS for w in words):
        return False
    if any(name_like(w) for w in words):
        return False
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in TITLE_WORDS and span.root.head.i == after.i:
        return True
    before = doc[max(span.start - 2, 0) : span.start]
    return len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in TITLE_WORDS


def speaks(span: Span) -> bool:
    """The name says something or is told it: the subject of a speech verb (`Reyes said`),
    `according to Reyes`, `told the Toronto Star` (not `posted to Twitter`)."""
    root = span.root
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "dative") and is_speech(head):
        return True
    return root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def is_title_word(word: str) -> bool:
    return word in TITLE_WORDS


def role_head(role: str) -> str:
    """The word a role is: `adviser to the mayor` -> `adviser`, `National Security Council
    spokesman` -> `spokesman`, `Secretary of State` -> `secretary`."""
    words = re.split(r"\s+(?:to|of|for|at|in|with|from)\s+", role.lower(), maxsplit=1)[0].split()
    return words[-1] if words else ""


OTHER_OFFICE = frozenset("shadow deputy vice assistant junior under acting former ex interim".split())
"""Words that make a title another office: the shadow chancellor is not the chancellor."""


def holds_role(role: str, title: list[str]) -> bool:
    """Whether the holder of `role` (`Foreign Secretary`, `Israeli Prime Minister`) is the one a
    bare `title` (`foreign secretary`, `prime minister`) stands for: the title ends the role, and
    what the role has before it names an affiliation, not another office (`shadow chancellor`)."""
    held = re.split(r"\s+(?:to|of|for|at|in|with|from)\s+", role, maxsplit=1)[0].split()
    if not title or len(held) < len(title) or [w.lower() for w in held[-len(title) :]] != title:
        return False
    return not any(w.lower().strip(".") in OTHER_OFFICE for w in held[: -len(title)])


def role_gender(role: str) -> str | None:
    word = role_head(role)
    if FEMALE_ROLES.search(word):
        return "f"
    return "m" if MALE_ROLES.search(word) else None


NOT_IN_ROLES = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "PERSON"))


def title_before(span: Span) -> str | None:
    """`Secretary of State Antony Blinken`, `acting head coach Andy Robinson` -> the title words
    just before a person's name."""
    if span.label_ != "PERSON":
        return None
    doc, i = span.doc, span.start
    words: list[Token] = []
    while i > 0:
        token = doc[i - 1]
        is_part = token.is_title or token.lower_ in TITLE_WORDS or (token.lower_ == "of" and words)
        modifier = token.dep_ in ("compound", "amod") and token.head.i >= i and not token.is_punct
        if not (is_part or modifier) or token.ent_type_ in NOT_IN_ROLES or token.pos_ in ("DET", "PRON", "ADP", "PUNCT"):
            if token.lower_ != "of" or not words:
                break
        if token.is_sent_start and token.lower_ not in TITLE_WORDS and token.ent_type_ == "":
            break
        words.insert(0, token)
        i -= 1
    while words and words[0].lower_ == "of":
        words.pop(0)
    titles = [k for k, w in enumerate(words) if w.lower_ in TITLE_WORDS]
    if not titles:
        return None
    last = titles[-1]
    if last + 1 < len(words) and words[last + 1].lower_ == "of":
        last = len(words) - 1  # `Secretary of State`, `Minister of Foreign Affairs`
    return " ".join(w.text for w in words[: last + 1])


def apposition(span: Span) -> str | None:
    """`John Kirby, the National Security Council spokesman,` -> the words after `the`."""
    if span.label_ != "PERSON":
        return None
    for token in span.root.children:
        if token.dep_ == "appos" and token.i >= span.end:
            words = [t for t in token.subtree if not t.is_punct]
            if words and words[0].lower_ in ("the", "a", "an"):
                words = words[1:]
            if words and token.lower_ in TITLE_WORDS and len(words) <= 8:
                return " ".join(t.text for t in words)
    return None
