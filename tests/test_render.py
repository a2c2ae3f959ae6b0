"""Stage 3, render: hand-built Annotations through the real templates/ (no model, no MkDocs).

Pages are compared with golden files in tests/golden/; `UPDATE_GOLDEN=1` regenerates them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder import render
from builder.errors import RenderError
from builder.models import Actor, Annotation, Article, Dateline, KeyNumber, Page, Quote, Removed
from builder.publish import page_source

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

OYELARAN = Actor("margaret-oyelaran", "Margaret Oyelaran", "PERSON", "union leader", ("Oyelaran",), 3)
HADLEY = Actor("tom-hadley", "Tom Hadley", "PERSON", None, ("Hadley",), 2)
AUTHORITY = Actor("merrow-harbour-authority", "Merrow Harbour Authority", "ORG", None, (), 1)

STRIKE = Annotation(
    article=Article(
        slug="harbour-strike",
        source_path="seeds/harbour-strike.txt",
        headline="Dock workers walk out at Port Merrow",
        paragraphs=(
            "Dock workers at Port Merrow walked off the job on Tuesday, halting about 40 ships.",
            "“We will not wait any longer,” union leader Margaret Oyelaran said.",
            "The Merrow Harbour Authority said the strike would cost 3 million pounds a day.",
            "“The offer is on the table,” Hadley said of the “fair” deal.",
        ),
        dateline=Dateline("LONDON", "Reuters", "May 7"),
        date="2024-05-07",
        contributors=("Daniel Ocampo",),
        removed=(Removed("Leave A Reply", "boilerplate", "comment form", 12),),
    ),
    actors=(OYELARAN, HADLEY, AUTHORITY),
    quotes=(
        Quote("We will not wait any longer,", 1, "full", "Margaret Oyelaran", "margaret-oyelaran", "said", None, 0.9),
        Quote("The offer is on the table,", 3, "full", "Tom Hadley", "tom-hadley", "said", None, 0.9),
        Quote("fair", 3, "partial", "Tom Hadley", "tom-hadley", "said", "Hadley said of the “fair” deal.", 0.9),
    ),
    summary=(
        "Dock workers at Port Merrow walked off the job on Tuesday, halting about 40 ships.",
        "The Merrow Harbour Authority said the strike would cost 3 million pounds a day.",
    ),
    key_numbers=(KeyNumber("about 40", "ships"), KeyNumber("3 million pounds", "a day")),
    places=("Port Merrow", "London"),
    groups=("British",),
    words=52,
    reading_minutes=1,
)

SEED_BANK = Annotation(
    article=Article(
        slug="seed-bank",
        source_path="seeds/seed-bank.md",
        headline="Library opens a seed bank",
        paragraphs=("The library opened a seed bank.", "Margaret Oyelaran borrowed beans, the lending rules say."),
        markdown=(
            "The library opened a *seed bank*.",
            "Margaret Oyelaran borrowed beans, the [lending rules](https://example.org/rules) say.",
        ),
        authors=("Priya Natarajan",),
        source="Example Gazette",
        url="https://example.org/news/seed-bank",
        licence="CC BY 4.0",
        tags=("Gardening",),
    ),
    actors=(Actor("margaret-oyelaran", "Margaret Oyelaran", "PERSON", "gardener", (), 1),),
    words=14,
    reading_minutes=1,
)


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    return {p.path: p for p in render.render([SEED_BANK, STRIKE], TEMPLATES)}


@pytest.fixture
def templates(tmp_path) -> Path:
    """A copy of templates/ that a test may break."""
    return Path(shutil.copytree(TEMPLATES, tmp_path / "templates"))


def test_page_list(pages):
    assert list(pages) == [
        "index.md",
        "briefings/harbour-strike.md",
        "briefings/seed-bank.md",
        "actors/margaret-oyelaran.md",
        "actors/merrow-harbour-authority.md",
        "actors/tom-hadley.md",
        "actors/index.md",
        "actors/a-z/m.md",
        "actors/a-z/t.md",
        "quotes.md",
        "places.md",
        "timeline.md",
        "timeline/2024-05.md",
        "timeline/undated.md",
        "tags.md",
        "tags/gardening.md",
        "search.md",
        "feeds/briefings.xml",
        "feeds/actors/margaret-oyelaran.xml",
        "feeds/actors/merrow-harbour-authority.xml",
        "feeds/actors/tom-hadley.xml",
        "feeds/tags/gardening.xml",
    ]
    assert pages["briefings/harbour-strike.md"].title == "Dock workers walk out at Port Merrow"
    assert pages["actors/margaret-oyelaran.md"].title == "Margaret Oyelaran"


@pytest.mark.parametrize(
    ("path", "golden_name"),
    [
        ("index.md", "home.html"),
        ("briefings/harbour-strike.md", "briefing-harbour-strike.html"),
        ("briefings/seed-bank.md", "briefing-seed-bank.html"),
        ("actors/margaret-oyelaran.md", "actor-margaret-oyelaran.html"),
        ("actors/index.md", "actors-index.html"),
        ("actors/a-z/m.md", "actors-letter-m.html"),
        ("tags.md", "tags.html"),
        ("tags/gardening.md", "tag-gardening.html"),
        ("feeds/tags/gardening.xml", "feed-tag-gardening.xml"),
        ("search.md", "search.html"),
        ("quotes.md", "quotes.html"),
        ("places.md", "places.html"),
        ("timeline.md", "timeline.html"),
        ("timeline/2024-05.md", "month-2024-05.html"),
        ("feeds/briefings.xml", "feed-briefings.xml"),
    ],
)
def test_page_matches_golden(pages, golden, path, golden_name):
    golden(golden_name, pages[path].html)


def test_home_lists_newest_first_and_undated_last(pages):
    html = pages["index.md"].html
    assert html.index("briefings/harbour-strike.html") < html.index("briefings/seed-bank.html")


def test_actor_page_links_every_briefing(pages):
    html = pages["actors/margaret-oyelaran.md"].html
    assert 'href="../briefings/harbour-strike.html"' in html
    assert 'href="../briefings/seed-bank.html"' in html
    assert 'href="../briefings/harbour-strike.html#p1"' in html  # the quote, in context


def test_markdown_seed_keeps_emphasis_and_links(pages):
    html = pages["briefings/seed-bank.md"].html
    assert "<em>seed bank</em>" in html
    assert '<a href="https://example.org/rules">lending rules</a>' in html


# ------------------------------------------------------------------ untrusted text

HOSTILE = "<script>alert(1)</script> {{ 7*7 }} {% if true %}x{% endif %}"


def hostile_pages() -> list[Page]:
    text_seed = Annotation(
        article=Article(
            slug="hostile", source_path="hostile.txt", headline=HOSTILE, paragraphs=(HOSTILE,), contributors=(HOSTILE,)
        ),
        actors=(Actor("evil", HOSTILE, "PERSON", HOSTILE, (), 1),),
        quotes=(Quote(HOSTILE, 0, "full", HOSTILE, "evil", "said", None, 0.9),),
        summary=(HOSTILE,),
        key_numbers=(KeyNumber(HOSTILE, HOSTILE),),
        places=(HOSTILE,),
    )
    md_seed = Annotation(
        article=Article(
            slug="hostile-md",
            source_path="hostile.md",
            headline="Markdown",
            paragraphs=(HOSTILE,),
            markdown=(HOSTILE, "[click](javascript:alert(1)) <img src=x onerror=alert(1)>"),
        ),
    )
    return render.render([text_seed, md_seed], TEMPLATES)


def test_article_text_is_escaped_and_not_evaluated():
    for page in hostile_pages():
        assert "<script>" not in page.html
        assert "<img" not in page.html
        assert "49" not in page.html
        assert 'href="javascript:' not in page.html
    briefing = next(p for p in hostile_pages() if p.path == "briefings/hostile.md").html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% if true %}x{% endif %}" in briefing


def test_unsafe_source_url_is_refused():
    article = Article(
        slug="s",
        source_path="s.md",
        headline="H",
        paragraphs=("Body.",),
        source="Gazette",
        url="javascript:alert(document.cookie)",
    )
    [_, briefing, *_] = render.render([Annotation(article=article)], TEMPLATES)
    assert "Gazette" in briefing.html
    assert 'href="javascript:' not in briefing.html


def test_speakers_without_an_actor_page_are_named_without_a_link():
    article = Article(
        slug="s", source_path="s.txt", headline="H", paragraphs=("“We have no comment,” a spokeswoman said.",)
    )
    quote = Quote("We have no comment,", 0, "full", "hospital spokeswoman", None, "said", None, 0.5)
    reported = Quote("the hospital was full", 0, "indirect", "hospital spokeswoman", None, "said", None, 0.5)
    pages = {p.path: p for p in render.render([Annotation(article=article, quotes=(quote, reported))], TEMPLATES)}
    briefing = pages["briefings/s.md"].html
    assert "hospital spokeswoman" in briefing
    assert "None" not in briefing
    assert "the hospital was full" not in pages["quotes.md"].html  # reported speech: not a quote


def test_an_uncertain_speaker_is_marked_and_a_partial_quote_shows_its_clause():
    article = Article(slug="u", source_path="u.txt", headline="H", paragraphs=("p0", "p1"))
    actor = Actor("ana-ruiz", "Ana Ruiz", "PERSON")
    sure = Quote("We will rebuild,", 0, "full", "Ana Ruiz", "ana-ruiz", "said", None, 0.9)
    guess = Quote("Not with our money.", 1, "full", "Ana Ruiz", "ana-ruiz", None, None, 0.5)
    phrase = Quote("reckless", 1, "partial", "Ana Ruiz", "ana-ruiz", "said", "the budget was “reckless”", 0.9)
    annotation = Annotation(article=article, actors=(actor,), quotes=(sure, guess, phrase))
    pages = {p.path: p.html for p in render.render([annotation], TEMPLATES)}
    assert pages["briefings/u.md"].count("(speaker uncertain)") == 1
    assert pages["quotes.md"].count("(speaker uncertain)") == 1
    assert 'the budget was <mark class="quoted">“reckless”</mark>' in pages["actors/ana-ruiz.md"]


def test_a_partial_quote_marks_only_the_quoted_words_and_escapes_the_clause():
    article = Article(slug="u", source_path="u.txt", headline="H", paragraphs=("p0",))
    actor = Actor("ana-ruiz", "Ana Ruiz", "PERSON")
    content = "After <b>weeks</b> of pressure, she agreed the plan was “a mistake” and “too costly”"
    first = Quote("a mistake", 0, "partial", "Ana Ruiz", "ana-ruiz", "agreed", content, 0.9)
    second = Quote("too costly", 0, "partial", "Ana Ruiz", "ana-ruiz", "agreed", content, 0.9, continues=0)
    pages = {p.path: p.html for p in render.render([Annotation(article=article, actors=(actor,), quotes=(first, second))], TEMPLATES)}
    actor_page = pages["actors/ana-ruiz.md"]
    assert actor_page.count('class="quote-callout"') == 1
    assert (
        "After &lt;b&gt;weeks&lt;/b&gt; of pressure, she agreed the plan was "
        '<mark class="quoted">“a mistake”</mark> and <mark class="quoted">“too costly”</mark>'
    ) in actor_page


def test_a_quote_split_around_its_cue_is_one_callout():
    article = Article(slug="v", source_path="v.txt", headline="H", paragraphs=("p0",))
    actor = Actor("ana-ruiz", "Ana Ruiz", "PERSON")
    first = Quote("We will rebuild,", 0, "full", "Ana Ruiz", "ana-ruiz", "said", None, 0.9)
    second = Quote("It will take years.", 0, "full", None, None, None, None, 0.4, continues=0)
    pages = {p.path: p.html for p in render.render([Annotation(article=article, actors=(actor,), quotes=(first, second))], TEMPLATES)}
    assert "We will rebuild … It will take years." in pages["briefings/v.md"]
    assert pages["briefings/v.md"].count('class="quote-callout"') == 1
    # one ledger entry, with the first half's speaker and confidence
    assert pages["actors/ana-ruiz.md"].count('class="quote-callout"') == 1
    assert "We will rebuild … It will take years." in pages["actors/ana-ruiz.md"]
    assert "(speaker uncertain)" not in pages["actors/ana-ruiz.md"] + pages["briefings/v.md"]


def test_two_quotes_of_one_speaker_in_a_paragraph_stay_two_callouts_unless_linked():
    article = Article(slug="w", source_path="w.txt", headline="H", paragraphs=("p0",))
    actor = Actor("ana-ruiz", "Ana Ruiz", "PERSON")
    first = Quote("We will rebuild.", 0, "full", "Ana Ruiz", "ana-ruiz", "said", None, 0.9)
    second = Quote("The school comes first.", 0, "full", "Ana Ruiz", "ana-ruiz", "added", None, 0.9)
    pages = {p.path: p.html for p in render.render([Annotation(article=article, actors=(actor,), quotes=(first, second))], TEMPLATES)}
    assert pages["briefings/w.md"].count('class="quote-callout"') == 2


def test_a_markdown_image_is_a_link_and_loads_nothing():
    html = render.markdown_html("A flood. ![Flooded street](https://example.org/a.jpg)")
    assert "<img" not in html
    assert '<a href="https://example.org/a.jpg">Image: Flooded street</a>' in html


def test_markdown_refuses_unsafe_links_and_raw_html():
    briefing = next(p for p in hostile_pages() if p.path == "briefings/hostile-md.md").html
    assert "[click](javascript:alert(1))" in briefing
    assert "&lt;img src=x onerror=alert(1)&gt;" in briefing


def test_page_title_is_escaped_for_the_site_generator():
    source = page_source(Page(path="x.md", title="<script>alert(1)</script> & co", html="<p>ok</p>"))
    assert source.startswith("---\ntitle: '&lt;script&gt;alert(1)&lt;/script&gt; &amp; co'\n---\n")


# ------------------------------------------------------------------ template errors


def test_syntax_error_names_file_and_line(templates):
    (templates / "broken.html").write_text("<p>ok</p>\n<p>{{ 1 + }}</p>\n", encoding="utf-8")
    env = render.environment(templates)
    with pytest.raises(RenderError) as info:
        render.render_template(env, "broken.html", {})
    assert str(info.value).startswith(f"{templates}/broken.html:2: syntax error")
    assert (info.value.path, info.value.line) == (templates / "broken.html", 2)


def test_syntax_error_in_page_template_fails_render(templates):
    source = (templates / "briefing.html").read_text(encoding="utf-8")
    (templates / "briefing.html").write_text(source.replace("{% endif %}", "", 1), encoding="utf-8")
    with pytest.raises(RenderError, match=r"briefing\.html:\d+: syntax error"):
        render.render([STRIKE], templates)
    [problem] = render.template_problems(render.environment(templates))
    assert str(problem).startswith(f"{templates}/briefing.html:")


def test_undefined_variable_names_template_and_line(templates):
    (templates / "actor.html").write_text("<h1>{{ actor.name }}</h1>\n{{ nickname }}\n", encoding="utf-8")
    with pytest.raises(RenderError) as info:
        render.render([STRIKE], templates)
    assert str(info.value).splitlines()[0] == f"{templates}/actor.html:2: 'nickname' is undefined"


def test_undefined_attribute_names_template_and_line(templates):
    (templates / "home.html").write_text("<h1>Home</h1>\n<p>{{ briefings[0].subtitle }}</p>\n", encoding="utf-8")
    with pytest.raises(RenderError) as info:
        render.render([STRIKE], templates)
    message = "'builder.context.BriefingView object' has no attribute 'subtitle'"
    assert str(info.value).splitlines()[0] == f"{templates}/home.html:2: {message}"


def test_missing_template_folder(tmp_path):
    with pytest.raises(RenderError) as info:
        render.environment(tmp_path / "nowhere")
    assert str(info.value) == f"{tmp_path / 'nowhere'}: templates folder not found"


def test_sandbox_refuses_private_attributes(templates):
    (templates / "home.html").write_text("{{ root.__class__.__mro__ }}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"home\.html:1: SecurityError"):
        render.render([STRIKE], templates)


def test_the_quotes_page_can_show_only_certain_speakers():
    article = Article(slug="u", source_path="u.txt", headline="H", paragraphs=("p0", "p1"))
    actor = Actor("ana-ruiz", "Ana Ruiz", "PERSON")
    sure = Quote("We will rebuild.", 0, "full", "Ana Ruiz", "ana-ruiz", "said", None, 0.99)
    guess = Quote("It will take years.", 1, "full", "Ana Ruiz", "ana-ruiz", None, None, 0.2)
    pages = {p.path: p.html for p in render.render([Annotation(article=article, actors=(actor,), quotes=(sure, guess))], TEMPLATES)}
    quotes = pages["quotes.md"]
    assert 'href="#certain"' in quotes and 'id="certain"' in quotes
    assert quotes.count("data-uncertain") == 1
    assert quotes.index("data-uncertain") > quotes.index("We will rebuild.")
    assert "(speaker uncertain)" in pages["actors/ana-ruiz.md"]  # never listed as certainly hers
