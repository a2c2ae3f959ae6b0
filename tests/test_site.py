"""The whole pipeline: tests/seeds built with the real model and MkDocs into a temporary site."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from markupsafe import escape

from builder import pipeline
from builder.errors import AnnotateError, PublishError, RenderError
from builder.settings import Settings

pytestmark = [pytest.mark.site, pytest.mark.model]

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "seeds"
SLUGS = {"harbour-strike", "night-train", "seed-bank"}
# A tag that would load something from another host (`<link rel="canonical">` names the page's
# own address and loads nothing).
REMOTE = re.compile(
    r"""<(?:script|link(?![^>]*rel="canonical")|img|iframe)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//""", re.IGNORECASE
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build of tests/seeds; returns the settings, the result, the annotations and the report lines."""
    tmp = tmp_path_factory.mktemp("build")
    settings = Settings(
        seeds=SEEDS, site=tmp / "site", templates=ROOT / "templates", config=ROOT / "mkdocs.yml", cache=tmp / "cache"
    )
    lines: list[str] = []
    result = pipeline.build(settings, lines.append)
    annotations, _ = pipeline.read([SEEDS], settings, lines.append)  # served from the cache
    return settings, result, annotations, lines


@pytest.fixture
def no_model(monkeypatch):
    def refuse(name):
        raise AnnotateError(f"test: the model {name} must not be loaded")

    monkeypatch.setattr("builder.annotate.load_model", refuse)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_build_result(built):
    _, result, annotations, lines = built
    assert result.articles == len(annotations) == len(SLUGS)
    assert result.notices == ()
    assert lines == []


def test_one_briefing_page_per_seed(built):
    site = built[0].site
    assert {p.stem for p in (site / "briefings").glob("*.html")} == SLUGS


def test_home_lists_every_briefing(built):
    _, _, annotations, _ = built
    home = (built[0].site / "index.html").read_text(encoding="utf-8")
    for annotation in annotations:
        assert f'href="briefings/{annotation.article.slug}.html"' in home
        assert str(escape(annotation.article.headline)) in home


def test_one_actor_page_per_actor_linking_back(built):
    settings, _, annotations, _ = built
    pages = {p.stem for p in (settings.site / "actors").glob("*.html")} - {"index"}
    assert pages == {a.id for ann in annotations for a in ann.actors}
    assert pages  # the seeds do name people
    for annotation in annotations:
        for actor in annotation.actors:
            html = (settings.site / "actors" / f"{actor.id}.html").read_text(encoding="utf-8")
            assert f'href="../briefings/{annotation.article.slug}.html"' in html


def test_briefing_page_shows_quote_and_speaker(built):
    html = (built[0].site / "briefings" / "harbour-strike.html").read_text(encoding="utf-8")
    assert "We have waited two years for a fair offer" in html
    assert 'href="../actors/margaret-oyelaran.html"' in html
    assert "Leave A Reply" not in html
    assert "Contributors: Daniel Ocampo." in html


def test_stylesheet_copied(built):
    site = built[0].site
    assert (site / "assets" / "briefings.css").read_bytes() == (ROOT / "templates/assets/briefings.css").read_bytes()
    assert 'href="assets/briefings.css"' in (site / "index.html").read_text(encoding="utf-8")


def test_pages_load_nothing_from_other_hosts(built):
    for page in html_pages(built[0].site):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert not REMOTE.search(html), f"{page}: {REMOTE.search(html)}"


def search_index(site: Path) -> list[dict]:
    """The pages in Pagefind's index: each fragment is gzipped `pagefind_dcd` + JSON."""
    pages = []
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        pages.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return pages


def test_search_indexes_briefings_and_actor_pages_only(built):
    site = built[0].site
    pages = search_index(site)
    urls = {p["url"] for p in pages}
    assert {f"/briefings/{slug}.html" for slug in SLUGS} <= urls
    assert all(re.fullmatch(r"/(briefings|actors)/[a-z0-9_-]+\.html", url) for url in urls), urls
    assert "/actors/index.html" not in urls
    strike = next(p for p in pages if p["url"] == "/briefings/harbour-strike.html")
    assert strike["meta"]["kind"] == "Briefing"
    assert strike["meta"]["preview"].startswith("Dock workers")  # the summary, not the sidebar
    assert "mentions" not in strike["content"]  # the sidebar's counts are not indexed


def test_site_ships_no_source_maps_or_theme_search(built):
    site = built[0].site
    assert not list(site.rglob("*.map"))
    assert not (site / "search").exists() and not (site / "assets" / "javascripts" / "lunr").exists()
    assert not list((site / "pagefind").glob("pagefind-*ui*"))
    assert all(b"sourceMappingURL" not in p.read_bytes() for p in (site / "assets").rglob("*.js"))
    assert (site / "search.html").is_file() and (site / "pagefind" / "pagefind.js").is_file()
    assert (
        "pagefind" not in (site / "briefings" / "harbour-strike.html").read_text(encoding="utf-8").split("<article")[0]
    )


def test_second_build_is_served_from_cache(built, no_model, tmp_path):
    settings = replace(built[0], site=tmp_path / "site")
    result = pipeline.build(settings, print)
    assert result.articles == len(SLUGS)
    assert snapshot(settings.site).keys() == snapshot(built[0].site).keys()


def test_kept_pages_give_the_same_site_as_fresh_ones(built, no_model, tmp_path):
    """Builds that keep their pages between runs (as the CLI does) publish what a fresh build does,
    after a seed goes away and after a page of the kept folder is edited by hand."""
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    kept = replace(built[0], seeds=seeds, site=tmp_path / "kept-site", pages=tmp_path / "pages")
    fresh = replace(kept, site=tmp_path / "fresh-site", pages=None)
    pipeline.build(kept, print)
    assert snapshot(kept.site) == snapshot(built[0].site)
    (seeds / "night-train.txt").unlink()
    for page in (tmp_path / "pages").glob("*/pages/index.md"):
        page.write_text("edited by hand", encoding="utf-8")
    pipeline.build(kept, print)
    pipeline.build(fresh, print)
    assert snapshot(kept.site) == snapshot(fresh.site)
    assert not any("night-train" in path for path in snapshot(kept.site))


def test_force_ignores_the_cache(built, no_model, tmp_path):
    with pytest.raises(AnnotateError, match="must not be loaded"):
        pipeline.build(replace(built[0], site=tmp_path / "site", force=True), print)
    assert not (tmp_path / "site").exists()


def test_cached_build_does_not_import_spacy(built):
    settings = built[0]
    code = (
        "import sys; from pathlib import Path; from builder import pipeline; from builder.settings import Settings; "
        f"pipeline.read([Path({str(SEEDS)!r})], Settings(cache=Path({str(settings.cache)!r})), print); "
        "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"


def test_bad_seed_is_reported_and_the_rest_still_builds(built, no_model, tmp_path):
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    (seeds / "empty.txt").write_bytes(b"")
    lines: list[str] = []
    result = pipeline.build(replace(built[0], seeds=seeds, site=tmp_path / "site"), lines.append)
    assert lines == [f"{seeds / 'empty.txt'}: file is empty"]
    assert result.articles == len(SLUGS)
    assert {p.stem for p in (tmp_path / "site" / "briefings").glob("*.html")} == SLUGS


# ------------------------------------------------------------------ a failed build publishes nothing


@pytest.fixture
def old_site(built, tmp_path) -> Path:
    """A copy of the built site that a failing build is pointed at."""
    return Path(shutil.copytree(built[0].site, tmp_path / "site"))


def test_broken_template_leaves_site_untouched(built, no_model, old_site, tmp_path):
    templates = Path(shutil.copytree(ROOT / "templates", tmp_path / "templates"))
    (templates / "actor.html").write_text("{% for x in %}\n", encoding="utf-8")
    before = snapshot(old_site)
    with pytest.raises(RenderError, match=r"actor\.html:1: syntax error"):
        pipeline.build(replace(built[0], site=old_site, templates=templates), print)
    assert snapshot(old_site) == before


def test_failing_site_generator_leaves_site_untouched(built, no_model, old_site, tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Briefings\ntheme:\n  name: no-such-theme\n", encoding="utf-8")
    before = snapshot(old_site)
    with pytest.raises(PublishError, match="MkDocs failed"):
        pipeline.build(replace(built[0], site=old_site, config=config), print)
    assert snapshot(old_site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".briefings-")] == []


def test_strict_with_bad_seed_leaves_site_untouched(built, old_site, tmp_path):
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    (seeds / "notes.rst").write_text("not a seed", encoding="utf-8")
    before = snapshot(old_site)
    with pytest.raises(pipeline.StrictModeError, match=r"^1 problem\(s\) with seeds and --strict is on"):
        pipeline.build(replace(built[0], seeds=seeds, site=old_site, strict=True), print)
    assert snapshot(old_site) == before


def test_every_bad_input_is_one_line_and_the_rest_still_builds(built, tmp_path):
    """The ingest cases, bad ones included, in one seeds folder: one line per problem, a site."""
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    cases = ROOT / "tests" / "ingest_cases"
    for path in sorted(cases.glob("*/*")):
        shutil.copyfile(path, seeds / f"{path.parent.name}--{path.name}")
    lines: list[str] = []
    result = pipeline.build(replace(built[0], seeds=seeds, site=tmp_path / "site"), lines.append)
    problems = [line for line in lines if line.startswith(str(seeds))]
    assert len(problems) == len(result.notices) == 12
    assert all(line.count(": ") >= 1 and "\n" not in line for line in problems)
    page = (tmp_path / "site" / "briefings" / "reuters-1987--nordmelk.html").read_text(encoding="utf-8")
    assert "Dairy Group Says Oslo Plant to Close in June" in page
    assert "OSLO, March 3 (Reuters)" in page
    assert "REUTER" not in page.replace("(Reuters)", "")
    assert not (tmp_path / "outside.html").exists() and not (tmp_path / "site" / "outside.html").exists()
