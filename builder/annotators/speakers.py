"""Who said a quote: the cue verb and the speaker, from the parse and the text around it.

`attribute` weighs the evidence in order: the subject of the speech verb (an actor, a
pronoun, or the description the text gives, `a hospital spokeswoman`); the person named
nearest in the sentence; `he said` -> the last speaker; `“...” ― Name`; `X said:` closing the
paragraph before; a quote of its own right after another's -> the same speaker. A chant goes
to its crowd (`students`). A partial quote may take its speaker from a label verb (`called
the plan “a disaster”`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from builder.annotators.actors import TITLE_WORDS, Mention
from builder.models import Actor, Quote, QuoteKind

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
    confirmed speculate speculated report reported answer answered intimate intimated imply implied reason reasoned grouse groused gripe griped fume fumed rail railed brag bragged gush gushed
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
PRONOUNS = frozenset(
    """
    he she they
    """.split()
)
"""Pronouns that stand for the last speaker (`I` and `we` outside a quote are the writer)."""


@dataclass(frozen=True, slots=True)
class Found:
    """A quotation's place in the text before its speaker is known."""

    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a quote: an actor (`id`), or a description the text gives (`the spokesman`)."""

    id: str | None
    name: str | None
    confidence: float


NOBODY = Speaker(None, None, 0.0)


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
    for suffix, endings in (("ing", ("", "e")), ("ied", ("y",)), ("ies", ("y",)), ("ed", ("", "e")), ("es", ("",)), ("s", ("",))):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            forms += [stem + end for end in endings]
            if suffix in ("ing", "ed") and len(stem) > 2 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # `quipped` -> `quip`
    return tuple(forms)


def attribute(
    doc: Doc,
    sentence: Span,
    item: Found,
    kind: QuoteKind,
    mentions: tuple[Mention, ...],
    by_id: dict[str, Actor],
    before: list[Quote],
) -> tuple[Token | None, Speaker]:
    """The cue and the speaker of one quote, in order of evidence:
    the subject of the speech verb; the person named nearest in the sentence; a pronoun or a
    bare `said` -> the last speaker; `“...” ― Name`; `X said:` ending the paragraph before;
    a quote of its own (no cue) right after another's -> the same speaker."""
    if kind == "chant":
        return None, crowd(sentence, item)
    if kind == "partial" and is_title(item.text) and names_a_work(doc, item):
        return None, NOBODY  # `told the hosts of “Morning Joe”`: the name of a show or a work, no one's words
    cue = speech_verb(sentence, item)
    if cue is None and (lead := colon_lead(doc, item)) is not None:
        sentence, cue = lead, speech_verb(lead, item)
    if cue is None and kind == "full":
        cue = trailing_verb(doc, item)
    if kind == "partial" and cue is not None and not reports(cue, item):
        cue = None  # `pressure for a “humanitarian truce”, Netanyahu allowed that ...`: not his words
    label = label_verb(sentence, item) if kind != "chant" else None
    if cue is not None and label is not None and holds(label, item) and (reach(label) < reach(cue) or not holds(cue, item)):
        cue = None  # `Torres said the levee would hold, but Diaz called that “wishful thinking”`
    if cue is not None and kind == "partial" and not holds(cue, item) and clause_verb(doc, item) is not None:
        cue = None  # `Trump summed up Clinton as “terrible” and said ...`: the phrase is in another clause
    if cue is not None:
        if (outer := reporting_verb(cue, item)) is not None:
            cue = outer  # `Holm said in the letter that the ad “wrongfully” suggests ...`: Holm's words
        if who := subject_speaker(cue, item, mentions, by_id, before):
            return cue, who
        if actor_id := named_speaker(sentence, mentions, item, by_id):
            return cue, Speaker(actor_id, by_id[actor_id].name, 0.9)
        if has_pronoun(sentence, item) or kind == "full":
            return cue, last_speaker(before, 0.6)
        return cue, NOBODY
    if label is not None and reports(label, item) and (who := subject_speaker(label, item, mentions, by_id, before)):
        return label, replace(who, confidence=min(who.confidence, 0.6))
    if who := dash_speaker(doc, item, mentions, by_id):
        return None, who
    if kind == "full" and (found := colon_speaker(doc, item, mentions, by_id, before)) is not None:
        return found
    embedded = kind == "partial" or (kind == "full" and text_of(doc)[: item.start].rstrip()[-1:].isalnum())
    if embedded and not is_title(item.text) and (verb := clause_verb(doc, item)) is not None:
        if who := subject_speaker(verb, item, mentions, by_id, before):
            return verb, replace(who, confidence=min(who.confidence, 0.5))
    if kind == "full" and (who := previous_subject(doc, item, mentions, by_id, before)) is not None:
        return None, who
    if kind == "full" and before and before[-1].speaker and before[-1].paragraph >= item.paragraph - 1:
        same = before[-1].paragraph == item.paragraph  # “A,” X said. “B.”  /  a quote running on
        return None, Speaker(before[-1].speaker_id, before[-1].speaker, 0.7 if same else 0.6)
    return None, NOBODY


def crowd(sentence: Span, item: Found) -> Speaker:
    """Who chants or carries the sign: the last plural noun before the quote (`students`)."""
    plural = [t for t in sentence if t.tag_ in ("NNS", "NNPS") and t.idx < item.start]
    return Speaker(None, plural[-1].text, 0.5) if plural else NOBODY


def last_speaker(before: list[Quote], confidence: float) -> Speaker:
    for quote in reversed(before):
        if quote.speaker_id:
            return Speaker(quote.speaker_id, quote.speaker, confidence)
    return NOBODY


def subject_speaker(
    cue: Token, item: Found, mentions: tuple[Mention, ...], by_id: dict[str, Actor], before: list[Quote]
) -> Speaker | None:
    """The grammatical subject of the speech verb (`X said`, `said X, the ...`, `according to
    X`): an actor named in it, a pronoun, or else the description it gives."""
    if not cue.doc.has_annotation("DEP"):
        return None
    subject = grammatical_subject(cue) or name_after(cue)
    if subject is None or not outside_quote(subject.idx, item):
        return None
    span = cue.doc[subject.left_edge.i : subject.right_edge.i + 1]
    own = own_words(subject)
    named = [m for m in mentions if any(t.idx <= m.start < t.idx + len(t) for t in own) and m.actor_id in by_id]
    if named:
        people = [m for m in named if by_id[m.actor_id].type == "PERSON"] or named
        nearest = min(people, key=lambda m: abs(m.start - subject.idx))
        return Speaker(nearest.actor_id, by_id[nearest.actor_id].name, 0.9)
    if subject.lower_ in PRONOUNS:
        return antecedent(subject, item, mentions, by_id, before)
    if subject.lower_ in NOT_SPEAKERS:
        if subject.pos_ != "NOUN":
            return NOBODY  # `it said`, `which said`
        words = span if len(span) <= 10 else cue.doc[subject.left_edge.i : subject.i + 1]
        return Speaker(None, description(words), 0.5)  # `the ad says`: a document, no actor
    if subject.pos_ in ("NOUN", "PROPN"):
        holders = [a for a in by_id.values() if a.role and role_head(a.role) == subject.lower_]
        someone = any(c.lower_ in ("a", "an", "one", "another") or c.dep_ == "nummod" for c in subject.children)
        if len(holders) == 1 and subject.lower_ in TITLE_WORDS and not someone:  # `the spokesman`, not `a spokesman`
            return Speaker(holders[0].id, holders[0].name, 0.7)
        words = span if len(span) <= 10 else cue.doc[subject.left_edge.i : subject.i + 1]
        return Speaker(None, description(words), 0.5)
    return None


def role_head(role: str) -> str:
    """The word a role is: `adviser to the mayor` -> `adviser`, `National Security Council
    spokesman` -> `spokesman`."""
    words = re.split(r"\s+(?:to|of|for|at|in|with|from)\s+", role.lower(), maxsplit=1)[0].split()
    return words[-1] if words else ""


ASIDE = frozenset(("prep", "poss", "relcl", "acl", "advcl"))


def own_words(subject: Token) -> list[Token]:
    """The subject's words that name it, not what hangs on it: `Ann Lee, the mayor` -> all,
    `a look at Trump's planes` -> `a look`, `Trump's campaign` -> `campaign`."""
    out, stack = [], [subject]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ASIDE)
    return out


def antecedent(
    pronoun: Token, item: Found, mentions: tuple[Mention, ...], by_id: dict[str, Actor], before: list[Quote]
) -> Speaker:
    """`he`/`she`/`they` by a quote: the person named last before it in the same paragraph
    (outside quotes), else the last speaker, else the person named last before it; never
    someone named after it (`he said of Mayor Linda Park`), never a man for `she` or a woman
    for `he` when the text says which (`Ms.`, `spokeswoman`)."""
    doc = pronoun.doc
    known = genders(doc, mentions, by_id)
    earlier = [
        m
        for m in mentions
        if m.end <= pronoun.idx
        and outside_quote(m.start, item)
        and m.actor_id in by_id
        and by_id[m.actor_id].type == "PERSON"
        and fits(pronoun.lower_, known.get(m.actor_id))
    ]
    last = max(earlier, key=lambda m: m.start) if earlier else None
    paragraph_start = text_of(doc).rfind("\n\n", 0, pronoun.idx)
    here = [q for q in before if q.speaker_id and q.paragraph == item.paragraph and q.kind != "indirect"]
    if here and fits(pronoun.lower_, known.get(here[-1].speaker_id or "")):
        return Speaker(here[-1].speaker_id, here[-1].speaker, 0.6)  # `“...,” Obama said after meeting Putin. He ...`
    if last is not None and last.start > paragraph_start:
        return Speaker(last.actor_id, by_id[last.actor_id].name, 0.6)
    speakers = [q for q in before if not q.speaker_id or fits(pronoun.lower_, known.get(q.speaker_id))]
    if (previous := last_speaker(speakers, 0.6)).id or last is None:
        return previous
    return Speaker(last.actor_id, by_id[last.actor_id].name, 0.5)


FEMALE = frozenset(
    """
    ms ms. mrs mrs. miss madam dame lady queen princess duchess woman wife mother daughter sister
    spokeswoman chairwoman congresswoman businesswoman councilwoman anchorwoman actress
    """.split()
)
MALE = frozenset(
    """
    mr mr. sir lord king prince duke man husband father son brother spokesman chairman
    congressman businessman councilman anchorman actor
    """.split()
)
"""Words that tell a person's gender when they stand before a name or in a role."""


def genders(doc: Doc, mentions: tuple[Mention, ...], by_id: dict[str, Actor]) -> dict[str, str]:
    """`f` or `m` for each person whose gender the text gives: a title before any of their
    mentions (`Ms. Ruiz`) or their role (`spokeswoman`); others are left out."""
    words: dict[str, set[str]] = {a.id: set((a.role or "").lower().split()) for a in by_id.values()}
    text = text_of(doc)
    for m in mentions:
        if m.actor_id in words:
            words[m.actor_id].update(w.lower() for w in text[max(0, m.start - 6) : m.start].split()[-1:])
    out = {}
    for actor_id, said in words.items():
        female, male = bool(said & FEMALE), bool(said & MALE)
        if female != male:
            out[actor_id] = "f" if female else "m"
    return out


def fits(pronoun: str, known: str | None) -> bool:
    return known is None or {"he": "m", "she": "f"}.get(pronoun, known) == known


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
        if subjects and verb.pos_ in ("VERB", "AUX"):
            hearer = subjects[0].dep_ == "nsubjpass" and inflects(verb.lower_, HEARD)
            return None if hearer else subjects[0]  # `his staff were told, “...”`: not the speaker
        after_comma = verb.i > 0 and verb.nbor(-1).text == ","
        finite = verb.tag_ in ("VBD", "VBZ", "VBP") or (verb.tag_ == "VBN" and after_comma)
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


HEARD = frozenset("tell told ask asked".split())
"""Speech verbs whose passive subject heard the words: `staff were told`, `he was asked`."""


def name_after(cue: Token) -> Token | None:
    """`said David Gorski, an associate professor`: a name right after the verb that the
    parser did not make its subject."""
    following = cue.doc[cue.i + 1 : cue.i + 2]
    if not is_speech(cue):
        return None  # `called Trump's statements “childish”`: a name after a label verb is its object
    if following and following[0].pos_ == "PROPN" and following[0].dep_ != "poss" and following[0].ent_type_ not in WHEN:
        return following[0].head if following[0].head.pos_ == "PROPN" else following[0]
    return None


WHEN = frozenset(("DATE", "TIME"))


def description(words: Span) -> str:
    """`one nurse, who asked not to be named` -> `one nurse`; a leading article dropped."""
    text = " ".join(words.text.split(",")[0].split()).strip(" ,")
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)


DASH = re.compile(r"\s*(?:[―—–]|-(?=\s)|(?<=\n)-)\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})(?=\s*(?:[.,;]|$)|[ \t]*\n)")
"""`“...” ― Carla Sanchez`: a name that ends the sentence or the paragraph after a dash."""


def dash_speaker(doc: Doc, item: Found, mentions: tuple[Mention, ...], by_id: dict[str, Actor]) -> Speaker | None:
    """`“We are frustrated.” ― Carla Sanchez`: the name after a dash that follows the quote."""
    match = DASH.match(text_of(doc), item.end)
    if match is None:
        return None
    for m in mentions:
        if match.start("name") <= m.start < match.end("name") and m.actor_id in by_id:
            return Speaker(m.actor_id, by_id[m.actor_id].name, 0.8)
    name = match.group("name").rstrip(".")
    return Speaker(None, name, 0.6) if len(name.split()) >= 2 else None


def colon_lead(doc: Doc, item: Found) -> Span | None:
    """`Caddell continued:` closing the paragraph before a quote that opens its own."""
    text = text_of(doc)
    if (
        item.start < 2
        or text[item.start - 2 : item.start] != "\n\n"
        or not text[: item.start - 2].rstrip().endswith(":")
    ):
        return None
    token = doc.char_span(item.start - 3, item.start - 2, alignment_mode="expand")
    return token.sent if token is not None and len(token) else None


DASH_NAME = re.compile(r"\s[-—–]\s+([A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,3})\s*$")
"""`Pollsters agree - Carl Bialik` before a colon: a digest's credit line."""


def colon_speaker(
    doc: Doc, item: Found, mentions: tuple[Mention, ...], by_id: dict[str, Actor], before: list[Quote]
) -> tuple[Token | None, Speaker] | None:
    """Whoever the words before a colon name, when no speech verb does: `Trump leaned in and
    boomed: “...”` (the verb's subject), `Clinton: “...”` and `Rep. Ann Lee (D-Ore.): “...”`
    (the name), also across a paragraph break."""
    colon = text_of(doc).rfind(":", 0, item.start)
    if colon == -1 or text_of(doc)[colon + 1 : item.start].strip(" \n“\"‘'"):
        return None
    token = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if token is None or not len(token):
        return None
    paragraph_start = text_of(doc).rfind("\n\n", 0, colon) + 1
    lead = doc[token[0].sent.start : token[0].i]
    lead = lead.char_span(max(paragraph_start, lead.start_char) - lead.start_char, len(lead.text)) if len(lead) else None
    if lead is None or not len(lead) or not outside_quote(lead.start_char, item):
        return None
    if (credit := DASH_NAME.search(lead.text)) is not None:  # `Polls tighten - Philip Bump: “...”`
        named = [m for m in mentions if lead.start_char + credit.start(1) <= m.start and m.start < lead.end_char]
        if named and named[0].actor_id in by_id:
            return None, Speaker(named[0].actor_id, by_id[named[0].actor_id].name, 0.7)
        return None, Speaker(None, credit.group(1), 0.5)
    verbs = [t for t in lead if t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)]
    if verbs:
        who = subject_speaker(verbs[-1], item, mentions, by_id, before)
        return (verbs[-1], replace(who, confidence=min(who.confidence, 0.7))) if who else None
    named = [m for m in mentions if lead.start_char <= m.start < lead.end_char and m.actor_id in by_id]
    if named:
        last = max(named, key=lambda m: m.start)
        return None, Speaker(last.actor_id, by_id[last.actor_id].name, 0.7)
    if len(lead) <= 8 and lead[0].is_title and not any(t.pos_ == "VERB" for t in lead):
        return None, Speaker(None, description(lead), 0.5)
    return None


def previous_subject(
    doc: Doc, item: Found, mentions: tuple[Mention, ...], by_id: dict[str, Actor], before: list[Quote]
) -> Speaker | None:
    """`Mayor Reyes turned to the crowd. “We will not stop now.”`: a quote standing alone after
    a sentence of the same paragraph whose subject is a person."""
    span = doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None or not len(span) or span[0].sent.start == 0:
        return None
    previous = doc[span[0].sent.start - 1].sent
    if "\n\n" in text_of(doc)[previous.start_char : item.start] or not previous.start_char < item.start:
        return None
    root = previous.root
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
        return None
    who = subject_speaker(root, Found("", item.start, item.start, item.paragraph), mentions, by_id, before)
    if who is None or who.id is None or by_id[who.id].type != "PERSON":
        return None
    return replace(who, confidence=min(who.confidence, 0.5))


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
    if token.pos_ == "VERB" and token.tag_ == "VBD" and any(c.dep_ == "nsubj" and c.i > token.i for c in token.children):
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
    if subject is None or subject.lower_ not in NOT_SPEAKERS | THINGS:
        return None
    for verb in cue.ancestors:
        if is_speech(verb) and verb.pos_ == "VERB" and outside_quote(verb.idx, item):
            return verb if grammatical_subject(verb) is not None else None
    return None


THINGS = frozenset("ad ads advertisement advertisements campaign measure policy move program data numbers".split())
"""Subjects that say nothing themselves, beside `NOT_SPEAKERS`: `the ad suggests`."""


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


def named_speaker(sentence: Span, mentions: tuple[Mention, ...], item: Found, by_id: dict[str, Actor]) -> str | None:
    """The person named outside the quote in its sentence, nearest to the quote."""
    candidates = [
        m
        for m in mentions
        if sentence.start_char <= m.start < sentence.end_char and outside_quote(m.start, item) and m.actor_id in by_id
    ]
    people = [m for m in candidates if by_id[m.actor_id].type == "PERSON"] or candidates
    if not people:
        return None
    nearest = min(people, key=lambda m: min(abs(m.start - item.end), abs(m.end - item.start)))
    return nearest.actor_id


def has_pronoun(sentence: Span, item: Found) -> bool:
    return any(t.lower_ in PRONOUNS and outside_quote(t.idx, item) for t in sentence)
