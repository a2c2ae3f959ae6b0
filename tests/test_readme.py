"""The README says what is so: its usage lines are the CLI's, its error examples are what a
real build prints, the files, make targets and CI settings it names exist as it says."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builder import feeds

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PREFIX = ".venv/bin/python -m builder "


def run_cli(args: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "builder", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else None]


def usage_lines() -> dict[str, str]:
    """`command -> its usage` from the README's command-line block (comments dropped)."""
    block = section("The command line").split("```sh\n", 1)[1].split("```", 1)[0]
    lines = [line.split("#", 1)[0].strip() for line in block.splitlines() if line.startswith(PREFIX)]
    return {line.removeprefix(PREFIX).split()[0]: line.removeprefix(PREFIX) for line in lines}


def test_the_readme_lists_every_command():
    assert sorted(usage_lines()) == ["annotate", "build", "check", "serve"]


@pytest.mark.parametrize("command", ["build", "annotate", "check", "serve"])
def test_each_usage_line_is_the_one_help_prints(command):
    run = run_cli([command, "--help"])
    assert run.returncode == 0
    usage = " ".join(run.stdout.split("\n\n", 1)[0].split())
    assert usage.removeprefix("usage: python -m builder ").replace(" [-h]", "") == usage_lines()[command]


def example(after: str) -> str:
    """The fenced `text` block that follows the README sentence ending in `after`."""
    start = README.index(after)
    return README[start:].split("```text\n", 1)[1].split("```", 1)[0]


@pytest.mark.model
@pytest.mark.site
def test_the_template_error_example_is_what_a_build_prints(tmp_path):
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "tests" / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    template = tmp_path / "templates" / "briefing.html"
    text = template.read_text(encoding="utf-8")
    assert text.count("<h1>{{ b.headline }}</h1>") == 1
    template.write_text(text.replace("<h1>{{ b.headline }}</h1>", "<h1>{{ b.headlin }}</h1>"), encoding="utf-8")
    run = run_cli(["build", "--jobs", "1"], cwd=tmp_path)
    assert run.returncode == 1
    shown = example("`build` says:").splitlines()
    printed = run.stderr.splitlines()
    assert printed[:2] == shown[:2]
    assert printed[2].startswith(shown[2].removesuffix(" ..."))
    assert not (tmp_path / "site").exists()


def test_the_seed_error_example_is_what_check_prints(tmp_path):
    """`seeds/bad.md:3: broken front matter: ...`, the README's example of a problem line."""
    written = re.search(r"`(seeds/bad\.md:(\d+): broken front matter: )\.\.\.`", README)
    assert written
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "bad.md").write_text("---\ntitle: A bridge\ndate: [2024\n---\n\nThe council voted.\n")
    run = run_cli(["check", "--templates", str(ROOT / "templates")], cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr.splitlines()[0].startswith(written.group(1))


def test_every_file_the_readme_names_exists():
    named = set(re.findall(r"`((?:builder|templates|tests|scripts|bench|seeds|\.github|\.ci)/[\w./-]*)(?: [A-Z.]+)*`", README))
    named |= {"TEMPLATES.md", "requirements.lock", "requirements.in", "mkdocs.yml", ".ci/run"}
    missing = [path for path in sorted(named) if "<" not in path and not (ROOT / path).exists()]
    assert len(named) > 15 and missing == []


def test_every_make_target_the_readme_names_exists():
    targets = set(re.findall(r"^([\w.-]+):", (ROOT / "Makefile").read_text(), re.MULTILINE))
    named = set(re.findall(r"`make ([\w-]+)`", README)) | set(re.findall(r"^make (\w+)", README, re.MULTILINE))
    assert named >= {"site", "test", "serve", "lock", "clean", "templates-doc"}
    assert named <= targets


def test_the_ci_advice_is_what_the_workflow_does():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    [cache] = [s["with"] for job in workflow["jobs"].values() for s in job["steps"] if "actions/cache" in s.get("uses", "")]
    assert cache["path"] == ".cache/annotations" and "`.cache/annotations`" in README
    assert "github.sha" in cache["key"] and "a key per commit" in README
    assert cache["restore-keys"] and "`restore-keys`" in README
    assert "path: .cache`" not in README and "fixed key)" not in README


def test_the_site_address_example(monkeypatch):
    monkeypatch.setenv("BRIEFINGS_SITE_URL", "https://news.example.com/briefings/")
    assert "BRIEFINGS_SITE_URL=https://news.example.com/briefings/ make site" in README
    assert feeds.site_info(ROOT / "mkdocs.yml").url == "https://news.example.com/briefings/"
