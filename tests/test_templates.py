"""Template editors' experience: errors at `templates/NAME:LINE` with the line and a hint,
`check` finding every problem without building, and TEMPLATES.md matching the typed context."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import Markup

from builder import render, templatedoc
from builder.context import briefing_view
from builder.errors import RenderError
from builder.models import Annotation, Article

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
ARTICLE = Annotation(Article(slug="s", source_path="s.txt", headline="H", paragraphs=("P.",)))


@pytest.fixture
def templates(tmp_path) -> Path:
    return Path(shutil.copytree(TEMPLATES, tmp_path / "templates"))


def edit(folder: Path, name: str, old: str, new: str) -> None:
    text = (folder / name).read_text(encoding="utf-8")
    assert old in text
    (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")


def test_templates_md_is_generated_from_the_context():
    """Regenerate with `python -m builder.templatedoc > TEMPLATES.md`."""
    assert (ROOT / "TEMPLATES.md").read_text(encoding="utf-8") == templatedoc.document()


def test_every_variable_in_the_context_has_a_type_and_a_meaning():
    rows = [line for line in templatedoc.document().splitlines() if line.startswith("| `")]
    assert rows
    assert [row for row in rows if row.endswith("|  |")] == []


def test_every_page_template_has_a_typed_context():
    assert [name for name in render.PAGE_TEMPLATES if templatedoc.context_for(name) is None] == []


def test_the_templates_use_only_what_their_context_gives():
    env = render.environment(TEMPLATES)
    walk = templatedoc.checker(env)
    assert walk.problems == []
    documented = templatedoc.document()
    assert walk.used, "the checker saw no field at all"
    for kind, field in sorted(walk.used):
        assert f"## {kind}" in documented and f"| `{field}` |" in documented


BROKEN = [
    ("home.html", "{{ b.teaser }}", "{{ b.teaser | jion(', ') }}", 27, "syntax error: No filter named 'jion'.", "did you mean 'join'?"),
    ("briefing.html", "{{ b.headline }}", "{{ b.headlin }}", 15, "'BriefingView' has no field 'headlin'", "did you mean 'headline'?"),
    ("briefing.html", "{{ q.text }}", "{{ q.txt }}", 65, "'QuoteView' has no field 'txt'", "did you mean 'text'?"),
    ("quotes.html", "{% for group in groups %}", "{% for group in grops %}", 12, "'grops' is undefined", "did you mean 'groups'?"),
    ("actor.html", "{% endif %}\n</div>", "{% endif %}\n{% include 'sidebar.html' %}\n</div>", 54, "template 'sidebar.html' not found", "did you mean 'search.html'? templates in the folder: actor.html"),
    ("actors.html", "{% endfor %}", "{% endfro %}", 13, "syntax error: Encountered unknown tag 'endfro'. Jinja was looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'.", "did you mean 'endfor'?"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "old", "new", "line", "message", "hint"), BROKEN, ids=[b[4][:30] for b in BROKEN])
def test_check_names_file_line_source_and_hint(templates, name, old, new, line, message, hint):
    edit(templates, name, old, new)
    problems = render.template_problems(render.environment(templates))
    [problem] = problems
    first, shown, hinted = str(problem).splitlines()
    assert first == f"{templates / name}:{line}: {message}"
    assert shown.startswith(f"  {line} | ") and [part for part in new.splitlines() if part in shown]
    assert hinted.startswith(f"  hint: {hint}")


def test_check_reports_every_problem_in_one_run(templates, tmp_path):
    for name, old, new, *_ in BROKEN[:5]:
        edit(templates, name, old, new)
    (templates / "_partial.html").write_text("{% if %}\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "empty.txt").write_bytes(b"")
    before = sorted(tmp_path.rglob("*"))
    result = subprocess.run(
        [sys.executable, "-m", "builder", "check", "--seeds", seeds, "--templates", templates],
        cwd=tmp_path, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == f"checked {seeds} and {templates}: 7 problem(s)\n"
    located = [line for line in result.stderr.splitlines() if not line.startswith("  ")]
    assert located[0] == f"{seeds}/empty.txt: file is empty"
    assert len(located) == 7 and all(line.startswith(str(templates) + "/") for line in located[1:])
    assert "Traceback" not in result.stderr
    assert sorted(tmp_path.rglob("*")) == before


def render_briefing(templates: Path) -> str:
    env = render.environment(templates)
    context = {"root": "../", "briefing": briefing_view(ARTICLE, []), "related": [], "jsonld": Markup("{}")}
    return render.render_template(env, "briefing.html", context)


@pytest.mark.parametrize(
    ("new", "message", "hint"),
    [
        ("{{ b.headline | format(1, 2) }}", "TypeError: not all arguments converted", "a filter or expression"),
        ("{{ b.__class__.__mro__ }}", "SecurityError: access to attribute '__class__'", "templates run in Jinja's sandbox"),
        ("{{ b.headline.format.__globals__ }}", "SecurityError: ", "templates run in Jinja's sandbox"),
        ("{{ nothing }}", "'nothing' is undefined", "did you mean"),
    ],
)  # fmt: skip
def test_a_template_that_fails_while_rendering_names_its_line(templates, new, message, hint):
    edit(templates, "briefing.html", "<h1>{{ b.headline }}</h1>", f"<h1>{new}</h1>")
    with pytest.raises(RenderError) as caught:
        render_briefing(templates)
    first, shown, hinted = str(caught.value).splitlines()
    assert first.startswith(f"{templates / 'briefing.html'}:15: {message}")
    assert shown == f"  15 |   <h1>{new}</h1>"
    assert hinted.startswith(f"  hint: {hint}") or hint == "did you mean"
