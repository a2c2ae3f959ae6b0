"""Quote and speaker benchmark: the shared scorer over gold files, run as a user would run it.

    .venv/bin/python bench/quotes.py GOLD [GOLD ...] [--limit N] [--scorer PATH]

GOLD is a PolNeAR-style JSONL (e.g. ../shared/eval/polnear/polnear_train_dev.jsonl) or a seed
gold .json (e.g. ../shared/gold/000_6848703931b3331e.json). For a JSONL the scorer runs twice:
direct quotes only (`--only-quote-marks`) and every attribution. It calls this project's own
`python -m builder annotate`, so the annotation cache applies. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "eval_quotes.py"
COLUMNS = ("gold", "matched", "fp", "precision", "recall", "f1", "speaker_acc_matched", "end_to_end_f1")


def score(scorer: Path, gold: str, *flags: str) -> dict[str, float]:
    command = [sys.executable, str(scorer), gold, "--project", str(ROOT), *flags]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--scorer", type=Path, default=SCORER)
    args = parser.parse_args()
    print("| gold | mode | " + " | ".join(COLUMNS) + " |")
    print("|" + " --- |" * (len(COLUMNS) + 2))
    for gold in args.gold:
        limit = ("--limit", str(args.limit)) if args.limit else ()
        modes = [("direct quotes", ("--only-quote-marks",)), ("all attributions", ())]
        for mode, flags in modes if gold.endswith(".jsonl") else [("seed", ())]:
            row = score(args.scorer, gold, *flags, *limit)
            print(f"| {Path(gold).name} | {mode} | " + " | ".join(str(row[c]) for c in COLUMNS) + " |")


if __name__ == "__main__":
    main()
