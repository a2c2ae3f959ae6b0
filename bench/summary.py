"""Summary benchmark: the shared ROUGE scorer over news collections, run as a user would run it.

    .venv/bin/python bench/summary.py CORPUS [CORPUS ...] [--limit N] [--ids FILE] [--scorer PATH]

CORPUS is a folder with `articles/<id>.txt` and `summaries/<id>.txt` (e.g. ../shared/eval/bbc,
../shared/corpus/wikinews). The scorer calls this project's own `python -m builder annotate`
and compares its summaries with the references and with the Lead-3, Lead-k, TextRank and
LexRank baselines (ROUGE F1 x100, Porter stemming). It needs its own venv (see the scorer's
docstring). The annotation cache applies. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "eval_summary.py"
COLUMNS = ("rouge1", "rouge2", "rougeLsum", "words", "ref_words")


def score(scorer: Path, corpus: str, *flags: str) -> list[dict[str, float]]:
    command = [sys.executable, str(scorer), corpus, "--project", str(ROOT), "--baseline", "all", *flags]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--ids")
    parser.add_argument("--scorer", type=Path, default=SCORER)
    args = parser.parse_args()
    flags = [*(("--limit", str(args.limit)) if args.limit else ()), *(("--ids", args.ids) if args.ids else ())]
    print("| corpus | system | articles | " + " | ".join(COLUMNS) + " |")
    print("|" + " --- |" * (len(COLUMNS) + 3))
    for corpus in args.corpus:
        for row in score(args.scorer, corpus, *flags):
            cells = " | ".join(str(row[c]) for c in COLUMNS)
            print(f"| {Path(corpus).name} | {row['system']} | {row['articles']} | {cells} |")


if __name__ == "__main__":
    main()
