"""Properties of ingest over generated input (hypothesis).

- Ingest never raises on any bytes or text: a bad file becomes a notice.
- Ingest never loses a sentence that is not boilerplate: each one is in the body, however the
  paragraphs were wrapped, indented or separated, and each boilerplate line is in `removed`.
"""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.ingest import ingest

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = (
    "harbour council vote water bridge ferry night train school budget street market river "
    "farmers union workers pay rise plan town library garden storm road port week year "
    "people city board court judge report ship cargo price fuel winter summer island"
).split()
BOILERPLATE = ["Leave A Reply", "Your email address will not be published.", "Advertisement", "Share this article"]


def ingest_one(name: str, content: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        return ingest([path])


@SETTINGS
@given(content=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md"]))
def test_ingest_never_raises_on_bytes(content, suffix):
    articles, notices = ingest_one("seed" + suffix, content)
    assert len(articles) + len(notices) >= 1


@SETTINGS
@given(text=st.text(max_size=2000), suffix=st.sampled_from([".txt", ".md"]))
def test_ingest_never_raises_on_text(text, suffix):
    articles, notices = ingest_one("seed" + suffix, text.encode("utf-8", errors="surrogatepass"))
    assert len(articles) + len(notices) >= 1
    for article in articles:
        assert article.headline and article.paragraphs


sentences = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(lambda w: " ".join(w).capitalize() + ".")
paragraphs = st.lists(sentences, min_size=1, max_size=4)


@st.composite
def articles(draw):
    """A headline and paragraphs of sentences, laid out one of the ways copy arrives."""
    body = draw(st.lists(paragraphs, min_size=1, max_size=8))
    extras = draw(st.lists(st.sampled_from(BOILERPLATE), max_size=3))
    layout = draw(st.sampled_from(["blank lines", "wrapped", "wire", "one per line"]))
    crlf = draw(st.booleans())
    texts = [" ".join(p) for p in body]
    if layout == "blank lines":
        lines = "\n\n".join(texts + extras)
    elif layout == "wrapped":
        lines = "\n\n".join([textwrap.fill(t, 60) for t in texts] + extras)
    elif layout == "wire":
        wrapped = [textwrap.fill(t, 60, initial_indent="    " if i else "") for i, t in enumerate(texts)]
        lines = "\n".join(wrapped) + ("\n\n" + "\n\n".join(extras) if extras else "")
    else:
        lines = "\n".join(t + " " + " ".join(body[0]) * 2 for t in texts) + "\n\n" + "\n\n".join(extras)
    text = f"{draw(sentences)}\n\n{lines}\n"
    return text.replace("\n", "\r\n") if crlf else text, [s for p in body for s in p], extras


@SETTINGS
@given(case=articles())
def test_ingest_never_loses_a_sentence(case):
    text, body_sentences, extras = case
    [article], notices = ingest_one("story.txt", text.encode("utf-8"))
    assert notices == []
    body = " ".join(article.paragraphs)
    for sentence in body_sentences:
        assert sentence in body
    assert sorted(article.boilerplate) == sorted(extras)
