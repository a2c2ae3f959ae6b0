"""How fast a build is beside spaCy and MkDocs, and how it grows with the number of articles.

Run by hand (not by `make test`); it takes minutes:

    .venv/bin/python bench/scale.py ../shared/eval/bbc/articles -n 1000 --jobs 2

It copies N articles (`.txt`, headline line, blank line, body) from the folder into a work
folder outside the repository (a temporary folder unless `--work DIR`), and measures, each in
a fresh process and in the same run:

- `bare pipe`: spaCy alone, `nlp.pipe(texts, batch_size=32, n_process=J)` over the texts our
  annotate stage reads, with the model as `spacy.load` gives it (every pipe);
- `cold annotate`: ingest and annotate with an empty cache (`pipeline.read`), `--jobs 1` and
  `--jobs J`;
- `full build`: `python -m builder build --jobs J` with an empty cache and no site;
- `warm build`: the same command again, nothing changed;
- `one changed`: the same command after one article's text changed;
- `bare mkdocs`: `mkdocs build` over the very pages our build generates, into the existing site.

Each row gives wall time, CPU time (the process and its workers) and peak memory (the sum
of the resident memory of the process and its children, sampled every 50 ms), and whether
spaCy was imported. The machine may be shared: ratios between rows of one run are what count;
repeat a run when in doubt.

When N is larger than the folder, articles are used again with a changed headline (`(copy 2)`
appended) so that every article is distinct; the report says how many were reused.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.settings import DEFAULT_MODEL  # noqa: E402

PHASES = ("bare1", "cold1", "bareJ", "coldJ", "full", "warm", "changed", "mkdocs")
BATCH_SIZE = 32


@dataclass
class Row:
    name: str
    wall: float
    cpu: float
    peak_mb: float
    spacy: bool | None = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path, help="folder of .txt articles (headline line, blank line, body)")
    parser.add_argument(
        "-n", type=int, nargs="+", default=[1000], help="numbers of articles, one table each (default: 1000)"
    )
    parser.add_argument("--jobs", type=int, default=2, help="processes for the parallel rows (default: 2)")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of the warm, one-changed and bare mkdocs rows; the fastest counts"
    )
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary folder, removed afterwards)")
    parser.add_argument("--only", nargs="+", choices=PHASES, default=PHASES, help="measure only these rows")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="briefings-bench-"))
    load = os.getloadavg()[0]
    runs: dict[int, dict[str, Row]] = {}
    try:
        for n in args.n:
            print(f"N = {n}", file=sys.stderr, flush=True)
            rows, reused = run(args, n, work.resolve() / str(n))
            runs[n] = rows
            print(table(rows, args, n, reused) + "\n", flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if len(runs) > 1:
        print(scaling(runs))
    print(f"\n{os.cpu_count()} CPUs; load average {load:.1f} before the run, {os.getloadavg()[0]:.1f} after")


def run(args: argparse.Namespace, n: int, work: Path) -> tuple[dict[str, Row], int]:
    seeds, reused = copy_articles(args.articles, n, work / "seeds")
    shutil.rmtree(work / "docs", ignore_errors=True)  # the pages of an earlier run in --work
    texts = work / "texts.json"
    write_texts(seeds, texts)
    j = args.jobs
    rows: dict[str, Row] = {}
    measure = {
        "bare1": lambda: child("bare pipe, 1 process", bare_pipe(texts, args.model, 1)),
        "cold1": lambda: child("cold annotate, --jobs 1", cold_annotate(seeds, work, args.model, 1)),
        "bareJ": lambda: child(f"bare pipe, {j} processes", bare_pipe(texts, args.model, j)),
        "coldJ": lambda: child(f"cold annotate, --jobs {j}", cold_annotate(seeds, work, args.model, j)),
    }
    for phase in ("bare1", "cold1", "bareJ", "coldJ"):
        if phase in args.only:
            rows[phase] = report(measure[phase]())
    builds = [p for p in ("full", "warm", "changed", "mkdocs") if p in args.only]
    if not builds:
        return rows, reused
    build = build_command(seeds, work, args.model, j)
    if "full" in builds:  # cold: no cache, no site
        shutil.rmtree(work / ".cache", ignore_errors=True)
        shutil.rmtree(work / "site", ignore_errors=True)
        rows["full"] = report(child("full build (cold cache)", build))
    else:
        child("(filling the cache, or a warm build when a run left it in --work)", build)
    names = {
        "warm": "warm build, nothing changed",
        "changed": "warm build, one article changed",
        "mkdocs": "bare mkdocs build, same pages",
    }
    for _ in range(args.repeat):  # the rows in turn, so that a busy moment of the machine hits one only
        for phase in ("warm", "changed", "mkdocs"):
            if phase not in builds:
                continue
            if phase == "changed":
                change_one(seeds)
            if phase == "mkdocs" and not (work / "docs").is_dir():
                export_docs(seeds, work, args.model)
            row = report(child(names[phase], bare_mkdocs(work) if phase == "mkdocs" else build))
            rows[phase] = best(rows.get(phase), row)
    return rows, reused


def report(row: Row) -> Row:
    print(f"  {row.name}: {row.wall:.1f} s", file=sys.stderr, flush=True)
    return row


def best(old: Row | None, new: Row) -> Row:
    """The faster of two runs of a row, with the higher peak memory of the two."""
    if old is None:
        return new
    fast = min(old, new, key=lambda r: r.wall)
    return Row(fast.name, fast.wall, fast.cpu, max(old.peak_mb, new.peak_mb), fast.spacy)


def copy_articles(source: Path, n: int, seeds: Path) -> tuple[Path, int]:
    """N distinct articles in `seeds`: the folder's articles in name order, then again with a changed headline."""
    files = sorted(source.glob("*.txt"))
    if not files:
        sys.exit(f"{source}: no .txt articles")
    shutil.rmtree(seeds, ignore_errors=True)
    seeds.mkdir(parents=True)
    for i in range(n):
        original = files[i % len(files)]
        copy = i // len(files) + 1
        text = original.read_text(encoding="utf-8", errors="replace")
        name = original.stem
        if copy > 1:
            headline, _, rest = text.partition("\n")
            text = f"{headline.rstrip()} (copy {copy})\n{rest}"
            name = f"{name}-copy{copy}"
        (seeds / f"{i:05d}-{name}.txt").write_text(text, encoding="utf-8")
    return seeds, max(0, n - len(files))


def write_texts(seeds: Path, target: Path) -> None:
    """The texts the model reads (`Article.text`), for the bare spaCy rows."""
    from builder import ingest

    articles, _ = ingest.ingest([seeds])
    target.write_text(json.dumps([a.text for a in articles]), encoding="utf-8")


def change_one(seeds: Path) -> None:
    """Change the body of the article in the middle of the list."""
    files = sorted(seeds.glob("*.txt"))
    path = files[len(files) // 2]
    added = f"\nThis paragraph was added by the benchmark at {time.time()}.\n"  # new on every run
    path.write_text(path.read_text(encoding="utf-8") + added, encoding="utf-8")


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


SPACY_LOADED = "import sys; print('BENCH-SPACY', 'spacy' in sys.modules)"


def bare_pipe(texts: Path, model: str, processes: int) -> list[str]:
    return python(
        "import json, spacy\n"
        f"texts = json.load(open({str(texts)!r}, encoding='utf-8'))\n"
        f"nlp = spacy.load({model!r})\n"
        f"for doc in nlp.pipe(texts, batch_size={BATCH_SIZE}, n_process={processes}):\n"
        "    pass\n"
    )


def cold_annotate(seeds: Path, work: Path, model: str, jobs: int) -> list[str]:
    cache = work / f"cache-annotate-{jobs}"
    shutil.rmtree(cache, ignore_errors=True)
    return python(
        "from pathlib import Path\n"
        "from builder import pipeline\n"
        "from builder.settings import Settings\n"
        f"settings = Settings(cache=Path({str(cache)!r}), model={model!r}, jobs={jobs})\n"
        f"pipeline.read([Path({str(seeds)!r})], settings, print)\n" + SPACY_LOADED
    )


def build_command(seeds: Path, work: Path, model: str, jobs: int) -> list[str]:
    argv = ["build", "--seeds", str(seeds), "--site", str(work / "site"), "--templates", str(ROOT / "templates")]
    argv += ["--config", str(ROOT / "mkdocs.yml"), "--aliases", str(work / "no-aliases.yml")]
    argv += ["--model", model, "--jobs", str(jobs)]
    return python(
        "import os\n"
        "from builder.cli import main\n"
        f"os.chdir({str(work)!r})  # the cache is ./.cache/annotations\n"
        f"code = main({argv!r})\n" + SPACY_LOADED + "\nraise SystemExit(code)"
    )


def export_docs(seeds: Path, work: Path, model: str) -> None:
    """The Markdown pages and assets our build hands to MkDocs, read from the cache, in `work/docs`."""
    code = (
        "import os\n"
        "from pathlib import Path\n"
        "from builder import pagefolder, pipeline, publish, render\n"
        "from builder.settings import Settings\n"
        f"work, root = Path({str(work)!r}), Path({str(ROOT)!r})\n"
        "os.chdir(work)\n"
        f"settings = Settings(model={model!r})\n"
        f"annotations, _ = pipeline.read([Path({str(seeds)!r})], settings, print)\n"
        "pages = render.render(annotations, root / 'templates', work / 'no-aliases.yml')\n"
        "files = publish.docs_files(pages, root / 'templates' / 'assets')\n"
        "root, _ = pagefolder.sync(files, work / 'kept')\n"
        "root.rename(work / 'docs')\n"
    )
    for folder in ("docs", "kept"):
        shutil.rmtree(work / folder, ignore_errors=True)
    subprocess.run(python(code), cwd=ROOT, env=environment(), check=True, stdout=subprocess.DEVNULL)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # Its docs_dir is `docs`, next to it; the theme folder and hook stay in the project.
    config = config.replace("custom_dir: templates/", f"custom_dir: {ROOT}/templates/")
    config = config.replace("- builder/theme.py", f"- {ROOT}/builder/theme.py")
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")


def bare_mkdocs(work: Path) -> list[str]:
    """`mkdocs build` over `work/docs` into the site our build wrote (MkDocs empties it first)."""
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml"), "-d", str(work / "site")]


def environment() -> dict[str, str]:
    return os.environ | {"PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}


def child(name: str, command: list[str]) -> Row:
    """Run `command`; its wall time, CPU time with its children, and peak memory of its process tree."""
    os.sync()  # every row starts with nothing left to write back, so deleting an old site costs the same
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=environment(), stdout=subprocess.PIPE, text=True)
    peak = Peak(process.pid)
    peak.start()
    out, _ = process.communicate()
    wall = time.perf_counter() - start
    peak.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        sys.exit(f"{name}: exit code {process.returncode}\n{out}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    spacy = None
    for line in out.splitlines():
        if line.startswith("BENCH-SPACY"):
            spacy = line.split()[1] == "True"
    return Row(name, wall, cpu, peak.peak / 2**20, spacy)


class Peak(threading.Thread):
    """Samples the resident memory of a process and all its descendants."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak = max(self.peak, sum(rss(p) for p in tree(self.pid)))

    def stop(self) -> None:
        self.done.set()
        self.join()


def tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def table(rows: dict[str, Row], args: argparse.Namespace, n: int, reused: int) -> str:
    lines = [
        f"N = {n} articles ({reused} reused with a changed headline), --jobs {args.jobs}, model {args.model}, "
        f"warm, one-changed and bare mkdocs rows the fastest of {args.repeat}",
        "",
        "| row | wall s | articles/s | CPU s | peak MB | spaCy in the main process |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows.values():
        spacy = "" if row.spacy is None else ("yes" if row.spacy else "no")
        lines.append(f"| {row.name} | {row.wall:.1f} | {n / row.wall:.1f} | {row.cpu:.1f} | {row.peak_mb:.0f} | {spacy} |")
    lines += ["", "| ratio | value | target |", "| --- | ---: | --- |"]
    for label, value, target in ratios(rows):
        lines.append(f"| {label} | {value} | {target} |")
    return "\n".join(lines)


def ratios(rows: dict[str, Row]) -> list[tuple[str, str, str]]:
    wall = {phase: row.wall for phase, row in rows.items()}
    j = jobs_of(rows)
    wanted = [
        ("cold annotate throughput / bare pipe, 1 process", "bare1", "cold1", ">= 0.85"),
        (f"cold annotate throughput / bare pipe, {j} processes", "bareJ", "coldJ", ">= 0.85"),
        (f"cold annotate --jobs {j} speed-up over --jobs 1", "cold1", "coldJ", ">= 1.6"),
        (f"bare pipe speed-up, n_process={j} over 1 (spaCy's own)", "bare1", "bareJ", ""),
        ("warm build / bare mkdocs", "warm", "mkdocs", "<= 1.25"),
        ("full build / bare mkdocs", "full", "mkdocs", ""),
    ]
    found = [(label, f"{wall[a] / wall[b]:.2f}", target) for label, a, b, target in wanted if a in wall and b in wall]
    if "changed" in wall and "warm" in wall:
        found.append(("one changed article: added seconds over the warm build", f"{wall['changed'] - wall['warm']:.1f} s", "< 2 s at N = 1000"))
    return found


def scaling(runs: dict[int, dict[str, Row]]) -> str:
    """Each row's wall time against the smallest N's (linear growth: the ratio of the Ns)."""
    first, *others = sorted(runs)
    lines = ["| row | " + " | ".join(f"N = {n} / N = {first}" for n in others) + " |"]
    lines.append("| --- |" + " ---: |" * len(others))
    for phase, row in runs[first].items():
        cells = [f"{runs[n][phase].wall / row.wall:.2f}" if phase in runs[n] else "" for n in others]
        lines.append(f"| {row.name} | " + " | ".join(cells) + " |")
    lines.append("| (articles) | " + " | ".join(f"{n / first:.2f}" for n in others) + " |")
    return "\n".join(lines)


def jobs_of(rows: dict[str, Row]) -> str:
    for row in rows.values():
        if "processes" in row.name:
            return row.name.split(", ")[1].split()[0]
    return "J"


if __name__ == "__main__":
    main()
