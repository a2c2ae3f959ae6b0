"""Speakers that the layout around a quote names, not a speech verb: a dash credit after it, the
words before a colon, the owner of a noun of saying, the subject of the sentence before.

Each finder returns a `referents.Referent` (or None); `speakers` orders them in its rule table.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from builder.annotators.cues import Found, outside_quote, text_of
from builder.annotators.referents import Referent, Scene, description, subject_of

NAME = r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,%d}"
"""Up to so many more capitalised words on one line: a credited name."""
DASH = re.compile(r"[ \t]*(?:[―—–]|-(?=[ \t]))[ \t]*(?P<name>%s)(?=[ \t]*(?:[.,;]|$)|[ \t]*\n)" % (NAME % 4))
"""`“...” ― Carla Sanchez`: a name that ends the sentence or the line after a dash."""
CREDIT_LINE = re.compile(r"[ \t]*\n\n[ \t]*[-―—–][ \t]*(?P<name>%s)(?=[,.])" % (NAME % 3))
"""`“...”` / `-President Obama, tweeting after the speech.` or `- Maria Costa.`: a credit opening
the next paragraph (a name and a comma or full stop, not a heading)."""
NOT_NAME_WORDS = frozenset("a an and at by for from his her in its my of on our own the their to with words".split())
"""Words of a heading (`In His Own Words`), never of a credited name."""
DASH_NAME = re.compile(r"\s[-—–]\s+([A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,3})\s*$")
"""`Pollsters agree - Carl Bialik` before a colon: a digest's credit line."""
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


def dash_credit(doc: Doc, scene: Scene) -> Referent | None:
    """`“We are frustrated.” ― Carla Sanchez`: the name after a dash that follows the quote
    (an actor's, else the name as written when it has two words or more)."""
    item = scene.item
    match = DASH.match(text_of(doc), item.end) or CREDIT_LINE.match(text_of(doc), item.end)
    if match is None:
        return None
    for m in scene.mentions:
        if match.start("name") <= m.start < match.end("name"):
            return scene.actor(m.actor_id, "name")
    name = match.group("name").rstrip(".")
    return Referent(None, name, "description") if len(name.split()) >= 2 else None


def before_colon(doc: Doc, scene: Scene) -> tuple[Token | None, Referent] | None:
    """Whoever the words before a colon name, when no speech verb does: `Trump leaned in and
    boomed: “...”` (the verb's subject), `Clinton: “...”` and `Rep. Ann Lee (D-Ore.): “...”`
    (the name), `Polls tighten - Philip Bump: “...”` (a credit), also across a paragraph break."""
    lead = colon_phrase(doc, scene.item)
    if lead is None:
        return None
    if (credit := DASH_NAME.search(lead.text)) is not None:
        named = [m for m in scene.mentions if lead.start_char + credit.start(1) <= m.start < lead.end_char]
        if named:
            return None, scene.actor(named[0].actor_id, "name")
        words = credit.group(1).split()
        if len(words) >= 2 and not any(w.lower() in NOT_NAME_WORDS for w in words):  # not `— In His Own Words:`
            return None, Referent(None, credit.group(1), "description")
    verbs = [t for t in lead if t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)]
    if verbs:
        who = subject_of(verbs[-1], scene)
        return (verbs[-1], who) if who else None
    named = [m for m in scene.mentions if lead.start_char <= m.start < lead.end_char]
    if named:
        return None, scene.actor(max(named, key=lambda m: m.start).actor_id, "name")
    if len(lead) <= 8 and lead[0].is_title and not any(t.pos_ == "VERB" for t in lead):
        return None, Referent(None, description(lead), "description")
    return None


def colon_phrase(doc: Doc, item: Found) -> Span | None:
    """The words of the sentence before the colon that ends right before the quote."""
    text = text_of(doc)
    colon = text.rfind(":", 0, item.start)
    if colon == -1 or text[colon + 1 : item.start].strip(" \n“\"‘'"):
        return None
    token = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if token is None or not len(token):
        return None
    paragraph_start = text.rfind("\n\n", 0, colon) + 1
    lead = doc[token[0].sent.start : token[0].i]
    if not len(lead):
        return None
    lead = lead.char_span(max(paragraph_start, lead.start_char) - lead.start_char, len(lead.text))
    if lead is None or not len(lead) or not outside_quote(lead.start_char, item):
        return None
    return lead


def owner_of_words(doc: Doc, scene: Scene) -> Referent | None:
    """`Trump's assertion that “thousands” celebrated`, `Sanders's call for a “revolution”`:
    the owner of the noun of saying whose phrase holds the quote."""
    item = scene.item
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
            named = [m for m in scene.mentions if owner.left_edge.idx <= m.start <= owner.idx]
            if named:
                return scene.actor(named[-1].actor_id, "name")
            return Referent(None, description(doc[owner.left_edge.i : owner.i + 1]), "description") if owner.pos_ == "PROPN" else None
    return None


def previous_subject(doc: Doc, scene: Scene) -> Referent | None:
    """`Mayor Reyes turned to the crowd. “We will not stop now.”`: a quote standing alone after
    a sentence of the same paragraph whose subject is a person."""
    item = scene.item
    span = doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None or not len(span) or span[0].sent.start == 0:
        return None
    previous = doc[span[0].sent.start - 1].sent
    if "\n\n" in text_of(doc)[previous.start_char : item.start] or not previous.start_char < item.start:
        return None
    root = previous.root
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
        return None
    who = subject_of(root, scene._replace(item=Found("", item.start, item.start, item.paragraph)))
    if who is None or who.id is None or scene.by_id[who.id].type != "PERSON":
        return None
    return who


def named_in_sentence(sentence: Span, scene: Scene) -> Referent | None:
    """The person named outside the quote in its sentence, nearest to the quote."""
    item = scene.item
    near = [m for m in scene.mentions if sentence.start_char <= m.start < sentence.end_char and outside_quote(m.start, item)]
    people = [m for m in near if scene.by_id[m.actor_id].type == "PERSON"] or near
    if not people:
        return None
    nearest = min(people, key=lambda m: min(abs(m.start - item.end), abs(m.end - item.start)))
    return scene.actor(nearest.actor_id, "name")


def crowd(sentence: Span, item: Found) -> Referent | None:
    """Who chants or carries the sign: the last plural noun before the quote (`students`)."""
    plural = [t for t in sentence if t.tag_ in ("NNS", "NNPS") and t.idx < item.start]
    return Referent(None, plural[-1].text, "description") if plural else None
