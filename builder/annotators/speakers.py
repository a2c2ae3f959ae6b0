"""Who said a quote: the speaker behind the cue verb (`cues`), or the text around the quote.

`attribute` weighs the evidence in order: the subject of the cue verb (an actor, a pronoun,
the description the text gives, `a hospital spokeswoman`, or a document, `the report`); the
person named nearest in the sentence; `he said` -> the last speaker; `“...” ― Name`; whoever
stands before a colon (`X said:` closing the paragraph before, `Polls tighten - Carl
Bialik:`); the subject of the clause that holds a quoted phrase; for a quote on its own, the
person the sentence before is about, else the speaker of the quote just before. A chant goes
to its crowd (`students`); the name of a show or a book in quote marks has no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from builder.annotators.actors import Mention
from builder.annotators.names import TITLE_WORDS, holds_role
from builder.annotators.cues import (
    NOT_SPEAKERS,
    WHEN,
    Found,
    clause_verb,
    grammatical_subject,
    holds,
    is_speech,
    is_title,
    label_verb,
    name_after,
    names_a_work,
    outside_quote,
    reach,
    reporting_verb,
    reports,
    speech_verb,
    text_of,
    trailing_verb,
)
from builder.models import Actor, Quote, QuoteKind

PRONOUNS = frozenset(
    """
    he she they
    """.split()
)
"""Pronouns that stand for the last speaker (`I` and `we` outside a quote are the writer)."""


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a quote: an actor (`id`), or a description the text gives (`the spokesman`)."""

    id: str | None
    name: str | None
    confidence: float


NOBODY = Speaker(None, None, 0.0)


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
    if (
        cue is not None
        and label is not None
        and holds(label, item)
        and (reach(label) < reach(cue) or not holds(cue, item))
    ):
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
    glued = text_of(doc)[max(0, item.start - 20) : item.start].rstrip()[-1:].isalnum()  # `welcomed “the ...”`
    phrase = not is_title(item.text) and (kind == "partial" or (kind == "full" and glued))
    if (
        phrase
        and (verb := clause_verb(doc, item)) is not None
        and (who := subject_speaker(verb, item, mentions, by_id, before))
    ):
        return verb, replace(who, confidence=min(who.confidence, 0.5))
    if phrase and kind == "partial" and (who := owner_of_words(doc, item, mentions, by_id)):
        return None, who
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
    if subject is None and is_speech(cue) and (after := mention_after(cue, mentions, by_id)) is not None:
        return Speaker(after, by_id[after].name, 0.9)  # `“...,” admitted Kiely`, whatever the tagger made of the name
    if subject is None or not outside_quote(subject.idx, item) or subject.ent_type_ in WHEN:
        return None  # `Saturday at the convention Warren said`: a date read as the subject
    span = cue.doc[subject.left_edge.i : subject.right_edge.i + 1]
    own = own_words(subject)
    named = [m for m in mentions if any(t.idx <= m.start < t.idx + len(t) for t in own) and m.actor_id in by_id]
    if named:
        people = [m for m in named if by_id[m.actor_id].type == "PERSON"] or named
        own = [m for m in people if m.start <= subject.idx < m.end]  # the subject's own name or role
        nearest = own[0] if own else min(people, key=lambda m: abs(m.start - subject.idx))
        return Speaker(nearest.actor_id, by_id[nearest.actor_id].name, 0.9)
    if subject.lower_ in PRONOUNS:
        return antecedent(subject, item, mentions, by_id, before)
    if subject.lower_ in NOT_SPEAKERS:
        if subject.pos_ != "NOUN":
            return NOBODY  # `it said`, `which said`
        if (issuer := document_issuer(subject, mentions, by_id)) is not None:
            return Speaker(issuer, by_id[issuer].name, 0.6)  # `the committee's report said`: the committee
        words = span if len(span) <= 10 else cue.doc[subject.left_edge.i : subject.i + 1]
        return Speaker(None, description(words), 0.5)  # `the ad says`: a document, no actor
    if subject.pos_ in ("NOUN", "PROPN"):
        title = [c.lower_ for c in subject.children if c.dep_ in ("compound", "amod") and c.i < subject.i] + [subject.lower_]
        holders = [a for a in by_id.values() if a.role and a.type == "PERSON" and holds_role(a.role, title)]
        someone = any(c.lower_ in ("a", "an", "one", "another") or c.dep_ == "nummod" for c in subject.children)
        if len(holders) == 1 and subject.lower_ in TITLE_WORDS and not someone:  # `the spokesman`, not `a spokesman`
            return Speaker(holders[0].id, holders[0].name, 0.7)
        definite = any(c.lower_ in ("the", "this") for c in subject.children) and not someone
        if definite and subject.lower_ in TITLE_WORDS and not holders and not has_owner(subject):
            # `Jack Straw said ... The foreign secretary told MPs`: a title standing for the person
            # the text is about, as a pronoun would
            who = antecedent(subject, item, mentions, by_id, before, role=subject.lower_)
            if who.id is not None:
                return replace(who, confidence=min(who.confidence, 0.5))
        words = span if len(span) <= 10 else cue.doc[subject.left_edge.i : subject.i + 1]
        return Speaker(None, description(words), 0.5)
    return None


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


def mention_after(cue: Token, mentions: tuple[Mention, ...], by_id: dict[str, Actor]) -> str | None:
    """A person named right after a speech verb with no subject, before any punctuation."""
    following = cue.doc[cue.i + 1 : cue.i + 4]
    end = next((t.idx for t in following if t.is_punct and t.text != "-"), following.end_char if len(following) else cue.idx)
    for m in mentions:
        if m.kind == "name" and cue.idx < m.start < end and by_id[m.actor_id].type == "PERSON":
            return m.actor_id
    return None


def document_issuer(document: Token, mentions: tuple[Mention, ...], by_id: dict[str, Actor]) -> str | None:
    """Who issued a document that speaks: named with it (`Oxfam's report`, `the report by the
    committee`, `the Oxfam report`), else named with the same document earlier in the article
    (`A report by MPs ... The report said`)."""
    doc = document.doc
    earlier = [t for t in doc[: document.i + 1] if t.lower_ in (document.lower_, document.lower_.rstrip("s"))]
    for token in reversed(earlier):
        for owner in issuers(token):
            found = [m.actor_id for m in mentions if m.start <= owner.idx < m.end and m.actor_id in by_id]
            if found:
                return found[0]
    return None


def issuers(document: Token) -> list[Token]:
    """The words of a document's phrase that may name its issuer."""
    out = [c for c in document.children if c.dep_ in ("poss", "compound")]
    for prep in document.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
            out += [g for g in prep.children if g.dep_ == "pobj"]
    if document.dep_ == "nsubjpass" or document.dep_ == "dobj":
        verb = document.head  # `Oxfam published a report`, `a report commissioned by the council`
        out += [c for c in verb.children if c.dep_ == "nsubj"]
        out += [g for p in verb.children if p.dep_ == "agent" for g in p.children]
    return out


def has_owner(subject: Token) -> bool:
    """`the charity's director`, `Labour's spokesman`, `the party leader`: a title of someone
    of a body, who is not the person the text is about."""
    return any(c.dep_ in ("poss", "compound") or (c.dep_ == "prep" and c.lower_ in ("of", "for", "at")) for c in subject.children)


def antecedent(
    pronoun: Token,
    item: Found,
    mentions: tuple[Mention, ...],
    by_id: dict[str, Actor],
    before: list[Quote],
    role: str | None = None,
) -> Speaker:
    """`he`/`she` by a quote, resolved by agreement and salience (Lee et al. 2013): of the
    people named before it, outside quotes, in this paragraph or the one before, and of the
    pronoun's gender (`Ms`, `spokeswoman`, a given name), the nearest sentence first and in a
    sentence its subject first; the last speaker when no one fits so well; never someone named
    after it (`he said of Mayor Linda Park`). With `role`, a title that stands for a person
    (`the foreign secretary`): only people with no other title."""
    doc = pronoun.doc
    gender = {"he": "m", "she": "f"}.get(pronoun.lower_)
    paragraph_start = text_of(doc).rfind("\n\n", 0, text_of(doc).rfind("\n\n", 0, pronoun.idx)) + 1
    quoted = doc.user_data.get("quoted", [])
    fitting = [
        m
        for m in mentions
        if m.end <= pronoun.idx
        and m.start >= paragraph_start
        and outside_quote(m.start, item)
        and not any(a <= m.start < b for a, b in quoted)
        and by_id[m.actor_id].type == "PERSON"
        and m.kind != "pronoun"
        and (gender is None or m.gender in (None, gender))
        and (role is None or by_id[m.actor_id].role is None or holds_role(by_id[m.actor_id].role or "", [role]))
    ]
    speakers = [q for q in before if q.kind != "indirect" and q.speaker_id in by_id and by_id[q.speaker_id].type == "PERSON"]
    last = speakers[-1] if speakers else None
    if last is not None and gender is not None and last_gender(last, mentions) not in (None, gender):
        last = None
    if last is not None and role is not None and not holds_role(by_id[last.speaker_id or ""].role or role, [role]):
        last = None
    if (chosen := salient_subject(pronoun, fitting, paragraph_start, quoted)) is not None:
        return Speaker(chosen.actor_id, by_id[chosen.actor_id].name, 0.6)
    if last is not None and last.paragraph >= item.paragraph - 1:
        return Speaker(last.speaker_id, last.speaker, 0.6)
    if fitting:
        return Speaker(fitting[-1].actor_id, by_id[fitting[-1].actor_id].name, 0.5)
    if last is not None:
        return Speaker(last.speaker_id, last.speaker, 0.5)
    return NOBODY


def salient_subject(
    pronoun: Token, fitting: list[Mention], since: int, quoted: list[tuple[int, int]]
) -> Mention | None:
    """The subject a pronoun continues: walking back sentence by sentence, the first whose
    subject is a fitting mention (the last one in the pronoun's own sentence, else the first).
    A sentence whose subject is the same pronoun carries the chain on (`Mr Gref ... he said.
    But he stressed ... “...,” he said`); at most `SALIENCE_SENTENCES` others are crossed."""
    doc = pronoun.doc
    crossed = 0
    sentence: Span | None = pronoun.sent
    while sentence is not None and sentence.end_char > since and crossed <= SALIENCE_SENTENCES:
        same = sentence.start <= pronoun.i < sentence.end
        subjects = [m for m in fitting if m.subject and sentence.start_char <= m.start < sentence.end_char]
        if subjects:
            return subjects[-1] if same else subjects[0]
        chain = any(
            t.lower_ == pronoun.lower_ and t.dep_ in ("nsubj", "nsubjpass") and not any(a <= t.idx < b for a, b in quoted)
            for t in sentence
            if t.i < pronoun.i
        )
        crossed += 0 if chain and not same else 1
        sentence = doc[sentence.start - 1].sent if sentence.start > 0 else None
    return None


SALIENCE_SENTENCES = 2
"""How many sentences before a pronoun's own its antecedent is looked for by salience; further
back, the last speaker is the likelier referent."""


def last_gender(quote: Quote, mentions: tuple[Mention, ...]) -> str | None:
    return next((m.gender for m in mentions if m.actor_id == quote.speaker_id and m.gender), None)


def plausible(who: Speaker) -> Speaker:
    """A speaker the text only describes must read as words: not markup (`pic=`, `">Sanders`)
    or a figure (`47%`)."""
    if who.id is not None or who.name is None:
        return who
    return who if re.search(r"[^\W\d_]{2}", who.name) and not re.search(r"[<>=\"]", who.name) else NOBODY


def description(words: Span) -> str:
    """`one nurse, who asked not to be named` -> `one nurse`; a leading article dropped."""
    text = " ".join(words.text.split(",")[0].split()).strip(" ,")
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)


NAME = r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,%d}"
"""Up to so many more capitalised words on one line: a credited name."""
DASH = re.compile(r"[ \t]*(?:[―—–]|-(?=[ \t]))[ \t]*(?P<name>%s)(?=[ \t]*(?:[.,;]|$)|[ \t]*\n)" % (NAME % 4))
"""`“...” ― Carla Sanchez`: a name that ends the sentence or the line after a dash."""
CREDIT_LINE = re.compile(r"[ \t]*\n\n[ \t]*[-―—–][ \t]*(?P<name>%s)(?=[,.])" % (NAME % 3))
"""`“...”` / `-President Obama, tweeting after the speech.` or `- Maria Costa.`: a credit opening
the next paragraph (a name and a comma or full stop, not a heading)."""


def dash_speaker(doc: Doc, item: Found, mentions: tuple[Mention, ...], by_id: dict[str, Actor]) -> Speaker | None:
    """`“We are frustrated.” ― Carla Sanchez`: the name after a dash that follows the quote."""
    match = DASH.match(text_of(doc), item.end) or CREDIT_LINE.match(text_of(doc), item.end)
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


NOT_NAME_WORDS = frozenset("a an and at by for from his her in its my of on our own the their to with words".split())
"""Words of a heading (`In His Own Words`), never of a credited name."""
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
    lead = (
        lead.char_span(max(paragraph_start, lead.start_char) - lead.start_char, len(lead.text)) if len(lead) else None
    )
    if lead is None or not len(lead) or not outside_quote(lead.start_char, item):
        return None
    if (credit := DASH_NAME.search(lead.text)) is not None:  # `Polls tighten - Philip Bump: “...”`
        named = [m for m in mentions if lead.start_char + credit.start(1) <= m.start and m.start < lead.end_char]
        if named and named[0].actor_id in by_id:
            return None, Speaker(named[0].actor_id, by_id[named[0].actor_id].name, 0.7)
        words = credit.group(1).split()
        if len(words) >= 2 and not any(w.lower() in NOT_NAME_WORDS for w in words):  # not `— In His Own Words:`
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


SPEECH_NOUNS = frozenset(
    """
    assertion assertions claim claims call calls promise promises pledge pledges vow vows warning
    warnings statement statements remark remarks comment comments accusation accusations
    insistence suggestion argument arguments demand demands plea denial admission prediction
    predictions criticism boast message
    """.split()
)
"""Nouns of saying: whose `assertion that “...”` or `call for a “revolution”` it is. Not
`charge` or `complaint`: `Manafort's charge of “conspiracy”` was brought against him."""


def owner_of_words(doc: Doc, item: Found, mentions: tuple[Mention, ...], by_id: dict[str, Actor]) -> Speaker | None:
    """`Trump's assertion that “thousands” celebrated`, `Sanders's call for a “revolution”`:
    the owner of the noun of saying whose phrase holds the quote."""
    span = doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None or not len(span) or not doc.has_annotation("DEP"):
        return None
    token = span.root
    for _ in range(5):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ == "NOUN" and token.lower_ in SPEECH_NOUNS:
            owners = [c for c in token.children if c.dep_ == "poss" and outside_quote(c.idx, item)]
            if not owners:
                return None
            owner = owners[0]
            named = [m for m in mentions if owner.left_edge.idx <= m.start <= owner.idx and m.actor_id in by_id]
            if named:
                return Speaker(named[-1].actor_id, by_id[named[-1].actor_id].name, 0.5)
            return (
                Speaker(None, description(doc[owner.left_edge.i : owner.i + 1]), 0.5) if owner.pos_ == "PROPN" else None
            )
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
