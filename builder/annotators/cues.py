"""Where a quote's words are said: the verb that introduces it (its cue), read from the parse.

A cue is a speech verb in any form (`said`, `responding`, `shot back`, `as X puts it`) whose
clause holds the quote, else a verb right after a quote that ends in a comma (`“...,” Trump
assured Jones`); for a quoted phrase, a label verb (`called the plan “a disaster”`), a verb
whose `that` clause holds it, or the verb of the clause that holds it. `grammatical_subject`
finds who does the verb, through the participles and prepositions a parse hangs it on.
`speakers` turns that subject into an actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

SPEECH_VERBS = frozenset(
    """
    say said says saying add added adds adding tell told tells telling ask asked asks asking
    state stated states write wrote writes writing note noted notes noting explain explained
    explains explaining insist insisted insists insisting declare declared declares warn
    warned warns warning stress stressed stresses argue argued argues arguing claim claimed
    claims announce announced announces reply replied replies respond responded comment
    commented continue continued continues observe observed according tweet tweeted tweets
    tweeting post posted posts recall recalled recalls admit admitted admits acknowledge
    acknowledged acknowledges concede conceded concedes suggest suggested suggests predict
    predicted predicts promise promised promises vow vowed vows pledge pledged quip quipped
    joke joked remark remarked complain complained complains boast boasted testify testified
    describe described describes urge urged urges agree agreed agrees
    maintain maintained contend contended assert asserted emphasize emphasized emphasise
    emphasised recount recounted shout shouted scream screamed yell yelled cry cried
    demand demanded demands query queried press pressed counter countered retort retorted
    wonder wondered exclaim exclaimed whisper whispered conclude concluded reiterate
    reiterated repeat repeated lament lamented muse mused scoff scoffed sigh sighed snap
    snapped thunder thundered caution cautioned interject interjected hint hinted confirm
    confirmed speculate speculated report reported answer answered intimate intimated imply
    implied reason reasoned grouse groused gripe griped fume fumed rail railed brag bragged gush
    gushed
    """.split()
)


LABEL_VERBS = frozenset(
    """
    call called calls calling describe described describes refer referred refers label
    labelled labeled labels dub dubbed brand branded term termed blast blasted slam slammed
    deride derided mock mocked praise praised hail hailed criticize criticized criticise
    criticised accuse accused attack attacked decry decried denounce denounced dismiss dismissed
    """.split()
)
"""Verbs that put a quoted phrase in someone's mouth (`Trump called it “a disaster”`): a
partial quote's cue when no speech verb is near. `called for a “truce”` is no such use."""


@dataclass(frozen=True, slots=True)
class Found:
    """A quotation's place in the text before its speaker is known."""

    text: str
    start: int
    end: int
    paragraph: int


def find_cue(doc: Doc, sentence: Span, item: Found, kind: str) -> tuple[Span, Token | None, Token | None]:
    """The sentence to read, the cue verb and the label verb of one quote. The cue is the speech
    verb nearest the quote (`speech_verb`), the `X said:` that closes the paragraph before, or
    a verb right after a full quote that ends in a comma (`trailing_verb`); it is dropped when
    the phrase sits in its setting (`After pressure for a “truce”, Netanyahu allowed ...`), when
    a label verb holds the phrase more closely (`Torres said the levee would hold, but Diaz
    called that “wishful thinking”`), or when the phrase is in another clause."""
    if kind == "chant":
        return sentence, None, None
    cue = speech_verb(sentence, item)
    if cue is None and (lead := colon_lead(doc, item)) is not None:
        sentence, cue = lead, speech_verb(lead, item)
    if cue is None and kind == "full":
        cue = trailing_verb(doc, item)
    if kind == "partial" and cue is not None and not reports(cue, item):
        cue = None
    label = label_verb(sentence, item)
    if cue is not None and label is not None and holds(label, item) and (reach(label) < reach(cue) or not holds(cue, item)):
        cue = None
    if cue is not None and kind == "partial" and not holds(cue, item) and clause_verb(doc, item) is not None:
        cue = None  # `Trump summed up Clinton as “terrible” and said ...`: the phrase is in another clause
    if cue is not None and (outer := reporting_verb(cue, item)) is not None:
        cue = outer  # `Holm said in the letter that the ad “wrongfully” suggests ...`: Holm's words
    return sentence, cue, label


def colon_lead(doc: Doc, item: Found) -> Span | None:
    """`Caddell continued:` closing the paragraph before a quote that opens its own."""
    text = text_of(doc)
    if item.start < 2 or text[item.start - 2 : item.start] != "\n\n" or not text[: item.start - 2].rstrip().endswith(":"):
        return None
    token = doc.char_span(item.start - 3, item.start - 2, alignment_mode="expand")
    return token.sent if token is not None and len(token) else None


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph of an article's text starts (paragraphs are joined by a blank line)."""
    return [0, *(m.end() for m in re.finditer(r"\n\n", text))]


def text_of(doc: Doc) -> str:
    """`doc.text`, which spaCy builds anew on every access, built once per Doc."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return str(text)


def is_speech(token: Token) -> bool:
    """A speech verb in any form (`respond`, `responding`, `replied`), or a retort (`shot back`)."""
    if token.lower_ in RETORTS and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "back":
        return True
    if token.lower_ in ("put", "puts") and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "it":
        return True  # `as Dana Milbank puts it, “...”`
    return inflects(token.lower_, SPEECH_VERBS)


RETORTS = frozenset("shot shoots fired fires hit hits snapped snaps pushed pushes".split())
"""Verbs that speak with `back`: `Bennett shot back`."""


def inflects(word: str, vocabulary: frozenset[str]) -> bool:
    """`word` is a form of one of the base words in `vocabulary` (`quipped` of `quip`)."""
    return any(form in vocabulary for form in base_forms(word))


def base_forms(word: str) -> tuple[str, ...]:
    """The word and the base forms it may inflect (the model runs without its lemmatizer):
    `responding` -> `respond`, `noting` -> `note`, `replied` -> `reply`, `quipped` -> `quip`."""
    forms = [word]
    for suffix, endings in (
        ("ing", ("", "e")),
        ("ied", ("y",)),
        ("ies", ("y",)),
        ("ed", ("", "e")),
        ("es", ("",)),
        ("s", ("",)),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            forms += [stem + end for end in endings]
            if suffix in ("ing", "ed") and len(stem) > 2 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # `quipped` -> `quip`
    return tuple(forms)


NOT_SPEAKERS = frozenset(
    """
    it this that which statement statements report reports study studies poll polls data figures
    survey surveys article articles lawsuit suit memo memos indictment letter letters email emails
    forecast forecasts ruling rulings document documents filing filings complaint analysis review
    records website post tweet video ad advertisement book paper editorial page release
    announcement notice order bill law plan proposal text message note sign label warning guidance
    """.split()
)
"""Subjects of `said` that are no one: `the report said`, `the lawsuit said`, `it said`."""


def grammatical_subject(cue: Token) -> Token | None:
    if cue.lower_ == "according":
        objects = [g for c in cue.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
        return objects[0] if objects else None
    verb = cue
    for _ in range(6):  # `he said, adding ...`: the subject of the verb `adding` hangs on
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) > 1 and is_speech(verb):
            subjects = [c for c in subjects if c.i > verb.i] or subjects  # `..., said Wilders`
            subjects = [c for c in subjects if c.pos_ == "PROPN"] or subjects  # `said co-ordinator Peter Facey`
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subjects and subjects[0].dep_ == "nsubjpass" and agents and (is_speech(verb) or inflects(verb.lower_, LABEL_VERBS)):
            return agents[0]  # `described by one union as a “bonfire”`: the agent speaks
        if subjects and verb.pos_ in ("VERB", "AUX"):
            hearer = subjects[0].dep_ == "nsubjpass" and inflects(verb.lower_, HEARD)
            return None if hearer else subjects[0]  # `his staff were told, “...”`: not the speaker
        if (
            verb.dep_ == "prep"
            and verb.lower_ in BLAME
            and (objects := [c for c in verb.head.children if c.dep_ == "dobj"])
        ):
            return objects[0]  # `Democrats condemned Trump for saying ...`: Trump said it
        after_comma = verb.i > 0 and verb.nbor(-1).text == ","
        told = inflects(verb.lower_, HEARD)  # `Officials, told of a “threat,” left`: they heard it
        finite = (verb.tag_ in ("VBD", "VBZ", "VBP") or (verb.tag_ == "VBN" and after_comma)) and not told
        if verb.dep_ == "acl" and finite and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # `the nominee, Donald Trump, tweeted`, parsed as a noun's modifier
        if verb.dep_ == "acl" and verb.head.lower_ in NOT_SPEAKERS and verb.head.head.pos_ in ("VERB", "AUX"):
            verb = verb.head.head  # `BLM issued a statement saying ...`: who issued it
            continue
        participle = verb.dep_ == "acl" and verb.tag_ == "VBG" and after_comma  # `on “Morning Joe,” calling it`
        if not (verb.dep_ in CHAIN or participle) or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


CHAIN = frozenset(("conj", "advcl", "xcomp", "pcomp", "prep", "pobj"))
"""Links from a verb with no subject up to the verb whose subject it shares: `Sanders has toned
down his criticism, shifting his focus to defeating Trump and admitting that ...`, `an official
responded by saying ...`."""


BLAME = frozenset(("for", "over"))
"""`condemned Trump for saying ...`, `attacked her over saying ...`: the object is the speaker."""


HEARD = frozenset("tell told ask asked".split())
"""Speech verbs whose passive subject heard the words: `staff were told`, `he was asked`."""


def name_after(cue: Token) -> Token | None:
    """`said David Gorski, an associate professor`: a name right after the verb that the
    parser did not make its subject."""
    following = cue.doc[cue.i + 1 : cue.i + 2]
    if not is_speech(cue):
        return None  # `called Trump's statements “childish”`: a name after a label verb is its object
    if (
        following
        and following[0].pos_ == "PROPN"
        and following[0].dep_ != "poss"
        and following[0].ent_type_ not in WHEN
    ):
        return following[0].head if following[0].head.pos_ == "PROPN" else following[0]
    return None


WHEN = frozenset(("DATE", "TIME"))


def outside_quote(token_start: int, item: Found) -> bool:
    return not item.start <= token_start < item.end


THAT_VERBS = frozenset("allow allowed allows signal signaled signalled signals indicate indicated indicates".split())
"""Speech verbs only with a `that` clause: `Netanyahu allowed that ... “small pauses”`."""


def speech_verb(sentence: Span, item: Found) -> Token | None:
    """The speech verb outside the quote that stands nearest to it."""
    tagged = sentence.doc.has_annotation("POS")
    verbs = [
        t
        for t in sentence
        if (is_speech(t) or (t.lower_ in THAT_VERBS and has_that_clause(t)) or that_clause_holds(t, item))
        and outside_quote(t.idx, item)
        and not hyphenated(t)
        and (not tagged or t.pos_ in ("VERB", "AUX") or t.lower_ == "according")
    ]
    return governing(verbs, item)


NOUN_PARTS = frozenset(("compound", "det", "amod", "poss", "case", "punct", "nummod", "nmod", "prep", "pobj"))
"""Dependents inside a subject noun phrase (`The Post's Dana Milbank`)."""


def trailing_verb(doc: Doc, item: Found) -> Token | None:
    """`“Your reputation is amazing,” Trump assured Jones.`: a quote that ends with a comma,
    question mark or exclamation mark, right followed by a subject and its verb. Whatever the
    verb (`assured`, `riffed`, `chuckled`), that is how news copy says who spoke."""
    if not doc.has_annotation("DEP") or not item.text.rstrip().endswith((",", "?", "!")):
        return None
    span = doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None or span.end >= len(doc) or "\n" in doc[span.end - 1 : span.end + 1].text_with_ws:
        return None
    token = doc[span.end]
    if (
        token.pos_ == "VERB"
        and token.tag_ == "VBD"
        and any(c.dep_ == "nsubj" and c.i > token.i for c in token.children)
    ):
        return token  # `“This is fantastic!” beamed Donald Hartley`
    for _ in range(6):
        if token.dep_ in ("nsubj", "nsubjpass"):
            verb = token.head
            near = 0 < verb.i - span.end <= 8 and verb.sent == span[-1].sent
            return verb if near and verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBZ", "VBP") else None
        if token.dep_ not in NOUN_PARTS or token.head.i == token.i:
            return None
        token = token.head
    return None


def reporting_verb(cue: Token, item: Found) -> Token | None:
    """The speech verb that reports `cue`'s clause when `cue`'s subject is a thing, not a
    person (`Holm said that the ad “wrongfully” suggests ...`): the words are Holm's."""
    subject = grammatical_subject(cue) if cue.doc.has_annotation("DEP") else None
    if subject is None or subject.lower_ not in SILENT:
        return None
    for verb in cue.ancestors:
        if is_speech(verb) and verb.pos_ == "VERB" and outside_quote(verb.idx, item):
            return verb if grammatical_subject(verb) is not None else None
    return None


SILENT = NOT_SPEAKERS | frozenset("ads advertisements campaign measure policy move program numbers".split())
"""Subjects that say nothing themselves (`the ad suggests`): `NOT_SPEAKERS` and a few more."""


def hyphenated(token: Token) -> bool:
    """The end of a compound word (`self-described`, `so-called`): no verb of its own."""
    return token.i > 0 and token.nbor(-1).text == "-" and not token.nbor(-1).whitespace_


def holds(verb: Token, item: Found) -> bool:
    """The quote starts inside the verb's clause (its subtree)."""
    return bool(verb.left_edge.idx <= item.start < verb.right_edge.idx + len(verb.right_edge))


def reach(verb: Token) -> int:
    return int(verb.right_edge.i - verb.left_edge.i)


def governing(verbs: list[Token], item: Found) -> Token | None:
    """Of the verbs, the one whose clause holds the quote most closely (`Costa said the deal was
    “a betrayal” and Hale said ...` -> Costa's `said`), else the nearest."""
    holding = [v for v in verbs if holds(v, item)]
    if holding and verbs[0].doc.has_annotation("DEP"):
        return min(holding, key=lambda v: (reach(v), abs(v.idx - item.start)))
    if not verbs:
        return None
    return min(verbs, key=lambda t: min(abs(t.idx - item.end), abs(t.idx - item.start)))


SETTING = frozenset(("prep", "advcl", "npadvmod", "advmod", "nsubj", "nsubjpass"))
"""Dependents before a speech verb that say when, where, why or who, not what was said."""


def reports(verb: Token, item: Found) -> bool:
    """A quoted phrase is not in the setting before the verb (`After pressure for a
    “humanitarian truce”, Netanyahu allowed that ...`); without a parse, assume it is said."""
    if not verb.doc.has_annotation("DEP"):
        return True
    if any(c.dep_ == "nsubj" and c.i > verb.i for c in verb.children) and is_speech(verb):
        return True  # `The vote signals “the end,” said Wilders`: all before `said` is what he said
    return not any(
        child.dep_ in SETTING
        and child.i < verb.i
        and child.left_edge.idx <= item.start < child.right_edge.idx + len(child.right_edge)
        for child in verb.children
    )


WORKS = frozenset(
    "of on in at from show shows program programme series book books film movie column article op-ed song album".split()
)
"""Words right before a title in quote marks that make it the name of a work (`on ABC's “Good
Morning America”`, `the book “Trumped!”`)."""


def names_a_work(doc: Doc, item: Found) -> bool:
    before = re.findall(r"[\w'’-]+", text_of(doc)[max(0, item.start - 30) : item.start])
    return bool(before) and (before[-1].lower() in WORKS or before[-1].lower().endswith(("'s", "’s")))


def is_title(text: str) -> bool:
    """`“Eat The Press”`, `“Photo Gone Viral!”`: every long word capitalised, a name of a work
    or a place rather than someone's words."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    return len(text.split()) >= 2 and bool(words) and all(w[0].isupper() for w in words)


def clause_verb(doc: Doc, item: Found) -> Token | None:
    """The verb whose clause holds a quoted phrase, with a subject of its own outside the
    quote (`Obama condemned the test as “provocative”`): who uses the phrase. None when the
    phrase sits in the subject or in the setting before the verb (`After pressure for a
    “humanitarian truce”, Netanyahu allowed ...`)."""
    if not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    while token.head.i != token.i:
        child, token = token, token.head
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return None
        if token.pos_ in ("VERB", "AUX") and outside_quote(token.idx, item):
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and outside_quote(subjects[0].idx, item):
                return token if reports(token, item) else None
    return None


def that_clause_holds(verb: Token, item: Found) -> bool:
    """`The campaign projects that “a tax” would raise $75 billion`: a verb whose `that` clause
    holds a quoted phrase reports it, whatever the verb (`projects`, `believes`, `fears`)."""
    return verb.pos_ == "VERB" and any(
        c.dep_ == "ccomp" and holds(c, item) and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in verb.children
    )


def has_that_clause(verb: Token) -> bool:
    return any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in verb.children
    )


def label_verb(sentence: Span, item: Found) -> Token | None:
    """The verb of `X called it “a disaster”`, nearest before the quote."""
    verbs = [
        t
        for t in sentence
        if inflects(t.lower_, LABEL_VERBS)
        and t.idx < item.start
        and not hyphenated(t)
        and t.pos_ == "VERB"
        and t.doc[t.i + 1 : t.i + 2].text.lower() not in ("for", "on", "off", "up", "out")
    ]
    return verbs[-1] if verbs else None
