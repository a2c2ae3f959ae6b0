"""Peak memory of a build of the demo seeds and of annotating a 1.9 MB article.

Run by hand (not by `make test`); it takes about ten minutes on a shared machine:

    .venv/bin/python bench/memory.py

Each row runs in a fresh process with an empty annotation cache (a temporary folder, or
`--work DIR`) and gives the peak of the resident memory of the process and its children
(sampled every 50 ms, as `bench/scale.py` does), with its wall and CPU time. The rows:

- `model loaded`: the baseline, the same process that loads the model and reads nothing;
- `bare spaCy, one piece`: `nlp(text)` over the first `annotate.PIECE_CHARS` characters of
  the long article, the most the model reads at once, and over 100,000 and 300,000
  characters (`nlp.max_length` raised), to show how the parser's memory grows with the text
  it reads at once;
- `build seeds/`: `python -m builder build` of the demo seeds, `--jobs 1` and `--jobs 2`;
- `annotate long article`: `python -m builder annotate` of a made-up article of 1.9 MB
  (`bench/prose.py`, ordinary prose, 8,068 paragraphs), read in pieces, `--jobs 1`.

Ratios are against the baseline of the same run; the machine may be shared, so repeat a
run when in doubt.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from prose import long_article  # noqa: E402
from scale import Row, child, python  # noqa: E402

from builder.annotate import PIECE_CHARS  # noqa: E402
from builder.settings import DEFAULT_MODEL  # noqa: E402

LONG_CHARS = 1_900_000
PIECES = (PIECE_CHARS, 100_000, 300_000)


def cli(work: Path, argv: list[str]) -> list[str]:
    """`python -m builder ARGV` run in `work`, so that its cache is `work/.cache/annotations`."""
    return python(f"import os\nfrom builder.cli import main\nos.chdir({str(work)!r})\nraise SystemExit(main({argv!r}))")


def baseline(model: str) -> list[str]:
    return python(f"from builder.annotate import load_model\nload_model({model!r})")


def one_piece(article: Path, model: str, chars: int) -> list[str]:
    return python(
        "from builder.annotate import load_model\n"
        f"text = open({str(article)!r}, encoding='utf-8').read().split('\\n\\n', 1)[1][:{chars}]\n"
        f"nlp = load_model({model!r})\n"
        f"nlp.max_length = max(nlp.max_length, {chars})\n"
        "nlp(text)\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary folder, removed afterwards)")
    args = parser.parse_args()
    work = (args.work or Path(tempfile.mkdtemp(prefix="briefings-memory-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    article = work / "long" / "long-plan.txt"
    article.parent.mkdir(exist_ok=True)
    article.write_text(long_article(LONG_CHARS), encoding="utf-8")
    common = ["--templates", str(ROOT / "templates"), "--config", str(ROOT / "mkdocs.yml")]
    runs = {
        "model loaded (baseline)": lambda: baseline(args.model),
        **{
            f"bare spaCy, one piece of {chars:,} characters": (lambda chars=chars: one_piece(article, args.model, chars))
            for chars in PIECES
        },
        "build seeds/, --jobs 1": lambda: cli(
            fresh(work / "b1"), ["build", "--seeds", str(ROOT / "seeds"), "--site", "site", *common, "--jobs", "1"]
        ),
        "build seeds/, --jobs 2": lambda: cli(
            fresh(work / "b2"), ["build", "--seeds", str(ROOT / "seeds"), "--site", "site", *common, "--jobs", "2"]
        ),
        f"annotate a {article.stat().st_size / 1e6:.1f} MB article, --jobs 1": lambda: cli(
            fresh(work / "a1"), ["annotate", str(article), "--out", "out", "--jobs", "1"]
        ),
    }
    rows: list[Row] = []
    try:
        for name, command in runs.items():
            print(f"  {name} ...", file=sys.stderr, flush=True)
            rows.append(child(name, command()))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(table(rows, args.model))


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def table(rows: list[Row], model: str) -> str:
    base = rows[0].peak_mb
    lines = [
        f"model {model}, empty cache in every row",
        "",
        "| row | wall s | CPU s | peak MB | peak / baseline |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(f"| {row.name} | {row.wall:.1f} | {row.cpu:.1f} | {row.peak_mb:.0f} | {row.peak_mb / base:.2f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
