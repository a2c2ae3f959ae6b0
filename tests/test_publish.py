"""Stage 4, publish: the lock, the atomic swap, recovery after a kill, reproducible dates.

Most tests stand in for MkDocs with a tiny generator; the kill test runs the real one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builder import publish
from builder.errors import PublishError
from builder.models import Annotation, Article, Page

ROOT = Path(__file__).resolve().parents[1]
PAGES = [Page("index.md", "Home", "<p>home</p>"), Page("briefings/a.md", "A <b>", "<p>a</p>")]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fake_generator(config: Path, docs: Path, out: Path) -> list[str]:
    """Copies the docs folder, as a site generator would turn it into HTML."""
    out.mkdir(parents=True)
    for page in docs.rglob("*.md"):
        target = out / page.relative_to(docs).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.read_bytes())
    (out / "date.txt").write_text(os.environ.get("SOURCE_DATE_EPOCH", "unset"), encoding="utf-8")
    return []


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """An old site in tmp_path/site, and MkDocs replaced by `fake_generator`."""
    monkeypatch.setattr(publish, "run_site_generator", fake_generator)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("old", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    return folder


def run_publish(site: Path, epoch: int | None = None) -> None:
    publish.publish(PAGES, site.parent / "mkdocs.yml", site.parent / "templates", site, False, print, epoch)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in ("site", "mkdocs.yml", ".site.lock"))


def test_publish_replaces_the_site_and_leaves_nothing_behind(site):
    run_publish(site)
    assert sorted(snapshot(site)) == ["briefings/a.html", "date.txt", "index.html"]
    assert leftovers(site.parent) == []


@pytest.mark.parametrize("atomic", [True, False], ids=["exchange", "two-renames"])
def test_swap_keeps_a_whole_site(tmp_path, monkeypatch, atomic):
    if not atomic:
        monkeypatch.setattr(publish, "exchange", lambda a, b: False)
    site, built = tmp_path / "site", tmp_path / "built"
    for folder, text in ((site, "old"), (built, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    publish.swap_into_place(built, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_into_a_new_folder(tmp_path):
    built = tmp_path / "built"
    built.mkdir()
    publish.swap_into_place(built, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_build_killed_between_two_renames_gets_its_old_site_back(site):
    """The fallback swap renames site -> site.old, then the new site -> site: a kill between
    the two leaves only site.old. The next build puts it back before anything else."""
    site.rename(publish.old_path(site))
    (site.parent / ".briefings-site~deadbeef").mkdir()  # the dead build's work folder
    publish.recover(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert leftovers(site.parent) == []


def test_failed_build_keeps_the_old_site(site, monkeypatch):
    def broken(config: Path, docs: Path, out: Path) -> list[str]:
        out.mkdir()
        raise PublishError("MkDocs failed: boom", config)

    monkeypatch.setattr(publish, "run_site_generator", broken)
    with pytest.raises(PublishError, match="boom"):
        run_publish(site)
    assert snapshot(site) == {"index.html": b"old"}
    assert leftovers(site.parent) == []


def test_a_second_build_of_the_same_site_is_refused_with_a_clear_message(site):
    with publish.site_lock(site.resolve()):
        with pytest.raises(PublishError) as caught:
            run_publish(site)
    assert str(caught.value) == (
        f"{site.resolve()}: another build (pid {os.getpid()}) is publishing this folder; "
        "wait for it to finish and build again"
    )
    assert snapshot(site) == {"index.html": b"old"}
    run_publish(site)  # the lock is free again
    assert (site / "index.html").read_text(encoding="utf-8") != "old"


def test_the_lock_of_a_killed_build_is_free(site):
    code = (
        "import time; from pathlib import Path; from builder import publish\n"
        f"with publish.site_lock(Path({str(site.resolve())!r})):\n print('locked', flush=True); time.sleep(60)"
    )
    with subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout and holder.stdout.readline() == "locked\n"
        with pytest.raises(PublishError, match=rf"another build \(pid {holder.pid}\)"):
            run_publish(site)
        holder.kill()
    run_publish(site)


# ------------------------------------------------------------------ reproducible dates


def dated(*dates: str | None) -> list[Annotation]:
    return [Annotation(Article(slug=f"a{i}", source_path="x", headline="h", paragraphs=("p",), date=d)) for i, d in enumerate(dates)]  # fmt: skip


def test_build_date_is_the_newest_article_date():
    assert publish.source_date_epoch(dated("2024-05-07", None, "2023-01-01")) == 1715040000
    assert publish.source_date_epoch(dated(None)) == 0
    assert publish.source_date_epoch(dated("0001-01-01")) == 0
    assert publish.source_date_epoch(dated("9999-12-31")) == publish.MAX_EPOCH


def test_source_date_epoch_wins_and_is_never_left_set(site, monkeypatch):
    run_publish(site, epoch=1715040000)
    assert (site / "date.txt").read_text(encoding="utf-8") == "1715040000"
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    run_publish(site, epoch=1715040000)
    assert (site / "date.txt").read_text(encoding="utf-8") == "86400"


def test_a_bad_source_date_epoch_is_named(site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(PublishError, match="SOURCE_DATE_EPOCH must be seconds since 1970"):
        run_publish(site)
    assert snapshot(site) == {"index.html": b"old"}


# ------------------------------------------------------------------ killed with the real MkDocs

KILLED_BUILD = """
import sys
from pathlib import Path
import mkdocs.commands.build, mkdocs.config
from builder import publish
from builder.models import Page
print("ready", flush=True)
pages = [Page(f"briefings/b{i}.md", f"B{i}", f"<p>{'text ' * 200}</p>") for i in range(60)]
pages.append(Page("index.md", "Home", "<p>new home</p>"))
site, root = Path(sys.argv[1]), Path(sys.argv[2])
while True:
    publish.publish(pages, root / "mkdocs.yml", root / "templates", site, False, lambda line: None, 0)
    print("published", flush=True)
"""


@pytest.mark.site
def test_killing_builds_at_any_moment_leaves_a_whole_site(tmp_path):
    """Builds run in a loop and are killed (SIGKILL) at staggered moments: after each kill
    `site/` is the old site or a complete new one, never missing and never half-written."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    seen = set()
    # The last child is killed during its second build, so a new site is there to keep.
    for delay, wait_for in ((0.05, 0), (0.3, 0), (0.6, 0), (0.9, 0), (0.2, 1)):
        args = [sys.executable, "-c", KILLED_BUILD, str(site), str(ROOT)]
        with subprocess.Popen(args, env=env, cwd=tmp_path, stdout=subprocess.PIPE, text=True) as child:
            assert child.stdout and child.stdout.readline() == "ready\n"
            for _ in range(wait_for):
                assert child.stdout.readline() == "published\n"
            time.sleep(delay)
            child.send_signal(signal.SIGKILL)
        files = snapshot(site)
        if files == {"index.html": b"old"}:
            seen.add("old")
            continue
        seen.add("new")
        assert "new home" in files["index.html"].decode()
        assert {f"briefings/b{i}.html" for i in range(60)} <= files.keys()
        assert "sitemap.xml.gz" in files  # one of the last files MkDocs writes
    assert "new" in seen
    publish.publish(PAGES, ROOT / "mkdocs.yml", ROOT / "templates", site, False, lambda line: None, 0)
    assert leftovers(tmp_path) == []  # the next build cleared what the killed ones left
