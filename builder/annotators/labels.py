"""What a key number counts: a short label read from the number's own phrase in the parse.

The label is the noun the figure counts and what governs it, never a neighbouring name:
- `over 345 Muslim pilgrims have been killed in a stampede` -> `Muslim pilgrims killed in a
  stampede` (the counted noun, and the verb it is the subject of);
- `fishermen rescued over 700 asylum seekers` -> `asylum seekers rescued` (the counted noun,
  and the past verb it is the object of); `killing 107` -> `people killed`;
- `the death toll in Gaza reaches 10,000` -> `death toll in Gaza` (the subject of a measuring
  verb); `a turnout rate of 58%` -> `turnout rate` (the noun an `of` figure belongs to);
- `almost half of all primary school children` -> `all primary school children` (a share of);
- `a 2,700-strong audience` -> `audience`; `released on US$20,000 bail` -> `bail`.
A figure stated on someone's word keeps it: `..., according to the Hamas-run Ministry of Health`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from builder.annotators.cues import base_forms, inflects

if TYPE_CHECKING:
    from builder.annotators.keynumbers import Figure

MAX_WORDS = 9
"""A label is read at a glance: longer phrases are cut (and never end on `of`, `in`, `the`)."""
MAX_SOURCE_WORDS = 8
TIME_UNITS = frozenset("seconds minutes hours days weeks months years decades".split())
SIDE_CLAUSES = frozenset("advcl conj cc appos parataxis relcl punct mark".split())
DROP_WORDS = frozenset("the a an".split())
DANGLING = frozenset("the a an in into of by at on to from for with and or than as".split())
HARM = {"kill": "killed", "wound": "wounded", "injure": "injured", "hurt": "hurt", "evacuate": "evacuated",
        "displace": "displaced", "rescue": "rescued", "save": "saved", "arrest": "arrested"}  # fmt: skip
"""Verbs whose bare object is a number of people (`killing 107`): what the number counts."""
MEASURE = frozenset("reach hit top exceed surpass pass total number near approach stand".split())
"""Verbs whose subject is what their number counts: `the death toll reached 10,000`."""
CHANGE = frozenset("rise rose fall fell climb drop increase decrease reduce cut grow grew shrink shrank slide slid jump".split())
"""Verbs of change: `the index fell to 95.5`, `cut users to one percent`: the number is a level of
their object, or else of their subject."""


def what_it_counts(doc: Doc, figure: Figure) -> str:
    """A short phrase for what the figure counts, from the parse; empty when unknown."""
    root = figure_root(doc, figure)
    label = match(root) if figure.kind == "score" else counted(doc, figure, root)
    if label.lower() in ("percent", "per cent", "%") and root.head.lower_ == label.lower():
        share_of = counted(doc, figure, root.head)  # `cut users to one percent` -> `percent of users`
        label = f"{label} of {share_of}" if share_of and share_of != label else label
    if not label:
        return ""
    source = according_to(root)
    return f"{label}, according to {source}" if source else label


def figure_root(doc: Doc, figure: Figure) -> Token:
    """The figure's token whose head lies outside it (`%` of `58%`, `million` of `2 million`)."""
    inside = range(figure.start, figure.end)
    outward = [t for t in doc[figure.start : figure.end] if t.head.i not in inside or t.head.i == t.i]
    numeric = [t for t in outward if t.like_num or t.text == "%" or t.lower_ in ("percent", "cent")]
    return (numeric or outward or [doc[figure.number]])[0]


def counted(doc: Doc, figure: Figure, root: Token) -> str:
    head = root.head
    after = [t for t in root.children if t.dep_ == "prep" and t.lower_ == "of" and t.i > root.i]
    if after and (objects := [c for c in after[0].children if c.dep_ == "pobj"]):
        return phrase(objects[0])  # `half of all children`, `500 of its planes`, `90% of customers`
    if root.dep_ in ("nummod", "quantmod", "compound", "nmod") and head.i >= figure.end and head.pos_ in ("NOUN", "PROPN"):
        return counted_noun(head, figure)
    if root.dep_ in ("advmod", "npadvmod") and head.pos_ == "ADJ" and head.head.pos_ == "NOUN":
        return phrase(head.head, figure)  # `a 2,700-strong audience`
    if root.dep_ == "dobj" and (harm := harmed(head)):
        return f"people {harm}"  # `killing 107 or more and wounding 238`
    if root.dep_ in ("attr", "dobj", "npadvmod") and head.pos_ in ("VERB", "AUX") and (
        root.dep_ == "attr" or measures(head)
    ):
        return subject_phrase(head, figure)
    prep = head
    while prep.dep_ == "conj" and prep.head.i != prep.i:
        prep = prep.head  # `by either 49 percent or by 27 percent`
    if root.dep_ == "pobj" and prep.dep_ == "prep":
        owner = prep.head
        if head.lower_ == "of" and owner.pos_ == "NOUN":
            return of_phrase(owner, figure)
        if owner.pos_ == "VERB" and inflects(owner.lower_, CHANGE):
            thing = next((c for c in owner.children if c.dep_ == "dobj"), None)
            return phrase(thing, figure) if thing is not None else subject_phrase(owner, figure)
    return ""


def match(root: Token) -> str:
    """`Sweden defeated South Korea 1 – 0` -> `Sweden v South Korea`: the two sides of a score."""
    verb = root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = subject_of(verb)
    sides = [t for t in verb.subtree if t.pos_ == "PROPN" and t.dep_ in ("dobj", "pobj", "npadvmod") and t.i != subject_i(verb)]
    other = min(sides, key=lambda t: abs(t.i - root.i), default=None)
    if subject is None or other is None:
        return ""
    return f"{tidy(compact_name(subject))} v {tidy(compact_name(other))}"


def subject_i(verb: Token) -> int:
    subject = subject_of(verb)
    return subject.i if subject is not None else -1


def compact_name(token: Token) -> list[Token]:
    return [t for t in token.subtree if t.dep_ in ("compound", "flat") or t.i == token.i]


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is joined to (`peak ..., then shrink to`)."""
    node = verb
    for _ in range(4):
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or node.dep_ not in ("conj", "xcomp", "ccomp") or node.head.i == node.i:
            return subject
        node = node.head
    return None


def subject_phrase(verb: Token, figure: Figure) -> str:
    subject = subject_of(verb)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return ""
    return phrase(subject, figure)


def measures(verb: Token) -> bool:
    return inflects(verb.text.lower(), MEASURE)


def harmed(verb: Token) -> str | None:
    """`killing`, `killed`, `kills` -> `killed`; None for other verbs."""
    if verb.pos_ != "VERB":
        return None
    return next((HARM[form] for form in base_forms(verb.text.lower()) if form in HARM), None)


def counted_noun(noun: Token, figure: Figure) -> str:
    """The counted noun with its describing words, and the verb that says what happened to it."""
    words = [t for t in compact(noun) if t.i >= figure.end]
    if noun.dep_ in ("compound", "nmod", "npadvmod") and noun.head.pos_ == "NOUN" and noun.head.i > noun.i:
        return tidy([*words, *[t for t in compact(noun.head) if t.i > noun.i]])  # `131-page document`
    if noun.head.pos_ == "ADJ" and noun.head.head.pos_ == "NOUN" and noun.head.head.i > noun.i:
        return tidy([t for t in compact(noun.head.head) if t.i >= figure.end])  # `nine-month-old child`
    verb = noun.head
    if noun.dep_ == "npadvmod" and verb.pos_ == "VERB" and noun.lower_ not in TIME_UNITS:
        place = [t.text for t in sorted(after_verb(verb), key=lambda t: t.i) if not t.is_punct]
        return tidy(words, extra=[verb.text, *place])  # `used over one million times` -> `times used in ...`
    if noun.dep_ == "dobj" and verb.pos_ == "VERB" and verb.i < figure.start and verb.dep_ == "relcl":
        cause = [t for t in compact(verb.head) if t.i < verb.i and t.tag_ != "WDT"]
        return tidy(words, extra=[verb.text, "in", *tidy(cause).split()])
    if noun.dep_ in ("nsubj", "nsubjpass") and verb.pos_ == "VERB":
        return tidy([*words, verb, *after_verb(verb)])
    if noun.lower_ in TIME_UNITS and noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB":
        return tidy(words, extra=[noun.head.head.text])  # `imprisoned her for twelve years` -> `years imprisoned`
    described = any(c.dep_ == "acl" for c in noun.children)  # `miners trapped by ...` says it already
    if noun.dep_ == "dobj" and verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBN") and verb.i < figure.start and not described:
        right = [t.text for t in sorted(words, key=lambda t: t.i) if t.i > noun.i and not t.is_punct]
        return tidy([t for t in words if t.i <= noun.i], extra=[verb.text, *right])  # `asylum seekers rescued`
    if noun.dep_ == "pobj" and (orphan := subjectless_verb(noun)) is not None:
        return tidy([*words, orphan, *after_verb(orphan)])  # `According to X over 345 pilgrims have been killed in ...`
    return tidy(words)


def after_verb(verb: Token) -> list[Token]:
    """Where or how it happened: the verb's prepositions after it (`killed in a stampede`)."""
    first = next((c for c in verb.children if c.dep_ in ("prep", "agent") and c.i > verb.i), None)
    return compact(first) if first is not None else []


def subjectless_verb(noun: Token) -> Token | None:
    """The verb right after a noun the parse hung on a preposition, when that verb has no subject:
    the noun is its subject (`According to the ministry over 345 pilgrims have been killed`)."""
    for token in noun.doc[noun.i + 1 : noun.sent.end]:
        if token.pos_ == "VERB":
            return token if subject_of(token) is None and token.tag_ in ("VBN", "VBD") else None
        if token.pos_ not in ("AUX", "ADV", "PART"):
            return None
    return None


def of_phrase(noun: Token, figure: Figure) -> str:
    """`a population of 2.3 million` of `Gaza, which has ...` -> `population of Gaza`;
    `at the age of 87` of `Ossie Davis has been found dead` -> `age of Ossie Davis`."""
    verb = noun.head
    if noun.dep_ == "dobj" and verb.dep_ == "relcl" and verb.head.pos_ == "PROPN":
        return f"{noun.text} of {verb.head.text}"
    own = phrase(noun, figure)
    if len(own.split()) == 1 and noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB":
        subject = next((c for c in noun.head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ == "PROPN":
            return f"{own} of {tidy(compact(subject))}"
    return own


def according_to(root: Token) -> str:
    """`..., according to the Hamas-run Ministry of Health` in the figure's sentence: its source."""
    for token in root.sent:
        if token.lower_ == "according" and token.i + 1 < len(root.doc) and root.doc[token.i + 1].lower_ == "to":
            objects = [c for c in root.doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                return tidy(compact(objects[0]), limit=MAX_SOURCE_WORDS, articles=False)
    return ""


def phrase(token: Token, figure: Figure | None = None) -> str:
    """A token's phrase without determiners, shortened; never the figure itself."""
    words = [t for t in compact(token) if figure is None or not figure.start <= t.i < figure.end]
    return tidy(words)


def compact(token: Token) -> list[Token]:
    """A token and the words that describe it, without side clauses (`while ...`, `and ...`)."""
    out = [token]
    for child in token.children:
        hyphen = child.text == "-" and not child.whitespace_  # `Hamas-run`
        if (child.dep_ not in SIDE_CLAUSES or hyphen) and child.lower_ != "according":
            out.extend(compact(child))
    return out


def tidy(tokens: list[Token], extra: list[str] | None = None, limit: int = MAX_WORDS, articles: bool = True) -> str:
    """Words in order, as written (`Hamas-run`, `Arabia's`), without leading articles,
    prepositions or relative words (`in which`), nor punctuation, at most `limit` words."""
    ordered = [t for t in sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i) if not t.is_space]
    while ordered and (ordered[0].is_punct or ordered[0].pos_ == "ADP" or ordered[0].tag_ in ("WDT", "WP")):
        ordered = ordered[1:]
    while articles and ordered and ordered[0].lower_ in DROP_WORDS:
        ordered = ordered[1:]
    words: list[str] = []
    for n, t in enumerate(ordered):
        if t.is_punct and not (t.text in ("-", "–") and 0 < n < len(ordered) - 1):
            continue
        glued = words and (t.text in ("-", "'s", "’s") or (n and ordered[n - 1].text == "-"))
        words[-1:] = [words[-1] + t.text] if glued else [*words[-1:], t.text]
    words = [*words, *(extra or [])][:limit]
    while words and words[-1].lower() in DANGLING:
        words = words[:-1]
    return " ".join(words)
