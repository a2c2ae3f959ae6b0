"""`python -m builder` as a user runs it: exact messages and exit codes (0 ok, 1 failed, 2 usage)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "seeds"
COMMANDS = ("build", "annotate", "check", "serve")


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a subprocess with a fixed terminal width and no colours."""
    env = os.environ | {"COLUMNS": "80", "NO_COLOR": "1", "PYTHON_COLORS": "0", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "builder", *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True
    )


@pytest.mark.parametrize("command", [(), *((c,) for c in COMMANDS)], ids=["main", *COMMANDS])
def test_help_exits_0(command):
    result = run(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: python -m builder {' '.join(command)}".rstrip() + " [-h]")
    assert result.stderr == ""


def test_main_help_documents_every_command():
    lines = run("--help").stdout.splitlines()
    for command in COMMANDS:
        [line] = [x for x in lines if x.split()[:1] == [command]]
        assert len(line.split()) > 2, f"{command} has no help text"


def test_version():
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, "briefings 0.1.0\n")


def test_no_command_prints_help_and_exits_2():
    result = run()
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("usage: python -m builder [-h] [--version] COMMAND ...\n")
    assert "build     annotate seeds/ and publish the site into site/" in result.stderr


@pytest.mark.parametrize("args", [["--bogus"], ["build", "--bogus"]])
def test_unknown_option_exits_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "python -m builder: error: unrecognized arguments: --bogus"


def test_unknown_command_exits_2():
    result = run("frobnicate")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "python -m builder: error: argument COMMAND: invalid choice: 'frobnicate' "
        "(choose from 'build', 'annotate', 'check', 'serve')"
    )


def test_annotate_needs_paths_and_out():
    result = run("annotate")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "python -m builder annotate: error: the following arguments are required: PATH, --out"
    )


@pytest.mark.parametrize("command", ["build", "annotate"])
@pytest.mark.parametrize("value", ["0", "two"])
def test_jobs_must_be_a_positive_number(command, value):
    paths = ["seeds", "--out", "out"] if command == "annotate" else []
    result = run(command, *paths, "--jobs", value)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        f"python -m builder {command}: error: argument --jobs: expected a whole number of at least 1, got '{value}'"
    )


@pytest.mark.parametrize("command", ["build", "annotate"])
def test_jobs_is_documented(command):
    assert "--jobs N" in run(command, "--help").stdout


def test_build_missing_seeds_folder_exits_2():
    result = run("build", "--seeds", "does-not-exist")
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        "error: does-not-exist: seeds folder not found\n",
    )


def test_check_repository_is_clean():
    result = run("check")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "checked seeds and templates: 0 problem(s)\n"


def test_check_names_bad_seed_and_exits_1(tmp_path):
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    (seeds / "empty.txt").write_bytes(b"")
    result = run("check", "--seeds", seeds)
    assert result.returncode == 1
    assert result.stderr == f"{seeds}/empty.txt: file is empty\n"
    assert result.stdout == f"checked {seeds} and templates: 1 problem(s)\n"


def test_check_names_broken_template_and_exits_1(tmp_path):
    templates = Path(shutil.copytree(ROOT / "templates", tmp_path / "templates"))
    (templates / "home.html").write_text("<h1>Home</h1>\n{% for b in briefings %}\n", encoding="utf-8")
    result = run("check", "--seeds", SEEDS, "--templates", templates)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{templates}/home.html:2: syntax error: Unexpected end of template.")
    assert result.stdout == f"checked {SEEDS} and {templates}: 1 problem(s)\n"


def test_check_writes_nothing(tmp_path):
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    before = sorted(tmp_path.rglob("*"))
    missing = run("check", "--seeds", seeds, cwd=tmp_path)  # no templates/ in tmp_path
    assert (missing.returncode, missing.stderr) == (2, "error: templates: templates folder not found\n")
    assert run("check", "--seeds", seeds, "--templates", ROOT / "templates", cwd=tmp_path).returncode == 0
    assert sorted(tmp_path.rglob("*")) == before


def test_build_strict_with_bad_seed_exits_1_and_keeps_site(tmp_path):
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    (seeds / "broken.md").write_text("---\ntitle: [unclosed\n---\n\nBody.\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>the previous site</p>\n", encoding="utf-8")
    result = run("build", "--seeds", seeds, "--site", site, "--strict")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{seeds}/broken.md:2: broken front matter: expected ',' or ']', but got '<stream end>'",
        "error: 1 problem(s) with seeds and --strict is on; nothing written",
    ]
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>the previous site</p>\n"


def test_build_with_missing_templates_is_a_usage_error(tmp_path):
    result = run("build", "--seeds", SEEDS, "--site", tmp_path / "site", "--templates", tmp_path / "none")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"error: {tmp_path / 'none'}: templates folder not found\n"
    assert not (tmp_path / "site").exists()


@pytest.mark.model
def test_annotate_writes_one_json_per_article(tmp_path):
    # Run in tmp_path: `annotate` keeps its cache in ./.cache, which must not land in the repository.
    out = tmp_path / "out"
    result = run("annotate", SEEDS / "harbour-strike.txt", SEEDS / "seed-bank.md", "--out", out, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"wrote 2 annotation(s) to {out}\n"
    assert sorted(p.name for p in out.iterdir()) == ["harbour-strike.json", "seed-bank.json"]
    data = json.loads((out / "harbour-strike.json").read_text(encoding="utf-8"))
    assert (data["schema"], data["headline"]) == (1, "Dock workers walk out at Port Merrow over night-shift pay")
    assert data["dateline"] == {"place": "LONDON", "source": "Reuters", "when": None}
    assert data["contributors"] == ["Daniel Ocampo"]
    assert data["boilerplate"] == ["Leave A Reply"]
    assert data["quotes"][0]["speaker"] == "Margaret Oyelaran"


CASES = ROOT / "tests" / "ingest_cases"
PROBLEM_CASES = sorted(
    p.stem
    for p in (ROOT / "tests" / "golden" / "ingest").glob("*.json")
    if (CASES / p.stem).is_dir() and json.loads(p.read_text(encoding="utf-8"))["notices"]
)


@pytest.mark.parametrize("case", PROBLEM_CASES)
def test_check_gives_one_line_per_seed_problem(case):
    """Each bad-input case of the ingest goldens: one line per problem, naming the file; exit 1."""
    golden = json.loads((ROOT / "tests" / "golden" / "ingest" / f"{case}.json").read_text(encoding="utf-8"))
    result = run("check", "--seeds", CASES / case)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert all(line.startswith(f"{CASES / case}/") for line in lines)
    assert [line.replace(f"{CASES / case}/", "") for line in lines] == golden["notices"]


def test_check_reports_a_broken_aliases_file(tmp_path):
    aliases = tmp_path / "actors.yml"
    aliases.write_text("- name: Joe Biden\n- alias: [Biden]\n", encoding="utf-8")
    result = run("check", "--seeds", SEEDS, "--aliases", aliases)
    assert result.returncode == 1
    assert result.stderr == f"{aliases}:2: an entry needs a `name`\n"


@pytest.mark.model
def test_build_keeps_its_pages_in_the_cache_folder_of_where_it_runs(tmp_path):
    """The kept pages (`.cache/pages`) are found from any folder, whatever the config's folder."""
    args = ("build", "--seeds", SEEDS, "--site", "site", "--config", ROOT / "mkdocs.yml")
    args += ("--templates", ROOT / "templates", "--aliases", "none.yml")
    for _ in range(2):  # the second build finds its pages kept
        result = run(*args, "--jobs", "1", cwd=tmp_path)
        assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    [kept] = (tmp_path / ".cache" / "pages").iterdir()
    assert (kept / "pages" / "index.md").is_file()
