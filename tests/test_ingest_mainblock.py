"""The story inside scraped copy (`mainblock`), captions (`captions`) and saved web pages.

All text is made up. Each test pins one mechanism: the run of prose among menus, the title
line as anchor, lines repeated across seeds, versions of one story, clean copy left whole,
captions at the top and glued to a paragraph, and a `.html` seed read through trafilatura.
"""

from __future__ import annotations

from builder.ingest import captions, ingest, repeats

STORY = [
    "The town council voted on Tuesday to rebuild the harbour wall that storms breached twice last winter.",
    "The plan, which passed by seven votes to two, will cost 4.2 million dollars over the next three years.",
    "“We have patched this wall for a decade, and the sea has won every time,” said Marta Olsen of the works committee.",
    "Work on the wall is due to start in September, once the summer season is over and the boats are out of the water.",
]
MENU = ["Home", "News", "Sport", "Weather", "Business", "Opinion", "Log In"]
FOOTER = ["Most read", "Ferry timetable changes", "School roof repairs finished", "About us", "Privacy policy"]


def page(*parts: list[str], title: str = "Council votes to rebuild the harbour wall") -> str:
    return title + "\n\n" + "\n\n".join(line for part in parts for line in part) + "\n"


def read(write_seed, name: str, text: str):
    [article], notices = ingest([write_seed(name, text)])
    assert notices == []
    return article


def test_the_story_is_found_among_menus_and_footers(write_seed):
    article = read(write_seed, "wall.txt", page(MENU, ["Council votes to rebuild the harbour wall"], STORY, FOOTER))
    assert article.paragraphs == tuple(STORY)
    removed = {r.text: r.reason for r in article.removed}
    assert removed["Council votes to rebuild the harbour wall"] == "headline repeated"
    assert removed["Home"] == "page furniture before the story"
    assert removed["Privacy policy"] == "page furniture after the story"
    assert all(r.kind == "boilerplate" for r in article.removed)


def test_furniture_inside_the_story_is_bridged_and_removed(write_seed):
    inside = [STORY[0], STORY[1], "Advertisement", "Sign up for our morning newsletter", STORY[2], STORY[3]]
    article = read(write_seed, "wall.txt", page(MENU, inside, FOOTER))
    assert article.paragraphs == tuple(STORY)
    assert {"Advertisement", "Sign up for our morning newsletter"} <= set(article.boilerplate)


def test_a_list_of_headlines_inside_the_story_is_taken_out(write_seed):
    headlines = ["More from the coast", "Ferry operator cuts winter crossings", "Storm damages pier at Port Ellis",
                 "Fish prices fall after record catch"]
    more = [p.replace("wall", "sea wall") for p in STORY]
    article = read(write_seed, "wall.txt", page(MENU, STORY, headlines, more, FOOTER))
    assert article.paragraphs == (*STORY, *more)
    assert {r.reason for r in article.removed if r.text in headlines} == {"list of short lines inside the story"}


def test_the_title_line_anchors_the_story_over_heavier_teasers(write_seed):
    teasers = [line for n in range(5) for line in (f"Teaser headline number {n}", STORY[n % 4].replace("wall", f"pier {n}"))]
    text = page(MENU, ["Council votes to rebuild the harbour wall", "By Jane Doe"], STORY[:2], MENU, FOOTER, teasers)
    article = read(write_seed, "wall.txt", text)
    assert article.paragraphs == tuple(STORY[:2])
    assert article.authors == ("Jane Doe",)


def test_clean_copy_is_left_whole(write_seed):
    text = page(STORY[:2], ["Background"], STORY[2:], ["TABLE OF VOTES", "YES 7", "NO 2"])
    article = read(write_seed, "wire.txt", text)
    assert article.paragraphs == (*STORY[:2], "Background", *STORY[2:], "TABLE OF VOTES", "YES 7", "NO 2")


def test_lines_repeated_across_seeds_are_furniture(write_seed):
    other = ["A storm damaged the pier at Port Ellis overnight, and the harbour master closed it to the public.",
             "Engineers will inspect the pier on Friday before deciding whether it can reopen this summer."]
    box = "Support our reporters: become a member"
    write_seed("pier.txt", page(["Skip to content", "Home"], other, [box], ["Contact us"], title="Storm damages pier"))
    write_seed("wall.txt", page(["Skip to content", "Home"], STORY, [box], ["Contact us"]))
    articles, notices = ingest([write_seed("wall.txt", page(["Skip to content", "Home"], STORY, [box], ["Contact us"])).parent])
    assert notices == []
    wall = next(a for a in articles if a.slug == "wall")
    assert wall.paragraphs == tuple(STORY)
    assert {r.text for r in wall.removed if r.reason == "repeats on other pages"} == {"Skip to content", "Home", box, "Contact us"}


def test_a_lede_shown_as_a_teaser_elsewhere_stays_in_its_story(write_seed):
    ferry = ["The ferry company that serves the islands will run two crossings a day instead of four from November.",
             "Island residents said the cut would leave them without a way to reach the hospital in the evening."]
    write_seed("ferry.txt", page(MENU, ferry, FOOTER, title="Ferry cuts crossings"))
    wall = page(MENU, STORY, ["Related stories", "Ferry cuts crossings", ferry[0]], FOOTER)
    articles, _ = ingest([write_seed("wall.txt", wall).parent])
    by_slug = {a.slug: a for a in articles}
    assert by_slug["ferry"].paragraphs == tuple(ferry)
    assert ferry[0] not in by_slug["wall"].paragraphs


def test_versions_of_one_story_keep_their_shared_paragraphs(write_seed):
    write_seed("first.txt", page(STORY, title="Wall vote"))
    articles, _ = ingest([write_seed("second.txt", page(STORY[:3], ["A late change: the vote was eight to one."], title="Wall vote, updated")).parent])
    assert [len(a.paragraphs) for a in articles] == [4, 4]


def test_repeats_keep_a_paragraph_that_several_stories_tell():
    background = "The harbour wall was built in 1889 and has been repaired eleven times since the great storm of 1953."
    seeds = {
        "a": [(STORY[0], True), (background, True), (STORY[1], True)],
        "b": [(STORY[2], True), (background, True), (STORY[3], True)],
    }
    found = repeats.repeats(seeds)
    assert not found.furniture(background, "a") and not found.furniture(background, "b")


def test_an_opening_caption_never_opens_the_story(write_seed):
    article = read(write_seed, "wall.md", "---\ntitle: Wall vote\n---\n\nThe breached wall in January\n\n" + "\n\n".join(STORY))
    assert article.paragraphs[0] == STORY[0]
    assert [(r.kind, r.reason) for r in article.removed] == [("caption", "caption before the story")]


def test_a_caption_glued_to_a_paragraph_is_cut_off():
    text = "Marta Olsen of the works committee In the town hall on Tuesday, the council voted by seven to two."
    assert text[captions.glued(text) :].startswith("In the town hall")
    assert captions.glued("Kirby told The Associated Press that the talks were frank.") is None
    assert captions.glued("The plan was called The Big Fix by its critics in the council.") is None
    assert captions.glued("Queen had a hit with a version of We Will Rock You in 2000.") is None


def test_a_saved_web_page_is_read_through_trafilatura(write_seed):
    body = "".join(f"<p>{p}</p>" for p in STORY)
    html = (
        "<html><head><title>Council votes to rebuild the harbour wall</title>"
        '<link rel="canonical" href="https://gazette.example.org/wall">'
        '<meta property="og:site_name" content="The Harbour Gazette"><meta name="author" content="Jane Doe">'
        '<meta property="article:published_time" content="2024-05-02"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Council votes to rebuild the harbour wall</h1>{body}</article>"
        "<footer>© 2024 The Harbour Gazette</footer></body></html>"
    )
    article = read(write_seed, "wall.html", html)
    assert article.paragraphs == tuple(STORY)
    assert (article.headline, article.source, article.url, article.authors, article.date) == (
        "Council votes to rebuild the harbour wall",
        "The Harbour Gazette",
        "https://gazette.example.org/wall",
        ("Jane Doe",),
        "2024-05-02",
    )


def test_a_web_page_without_an_article_gives_one_notice(write_seed):
    path = write_seed("junk.html", "<html><body><script>alert(1)</script></body></html>")
    articles, notices = ingest([path])
    assert articles == []
    assert [str(n) for n in notices] == [f"{path}: web page with no article text (trafilatura found none)"]
