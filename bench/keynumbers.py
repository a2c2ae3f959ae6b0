"""Key-number benchmark: the shared scorer over labelled numbers, on two fixed halves.

    .venv/bin/python bench/keynumbers.py [GOLD] [--scorer PATH]

GOLD is `../shared/eval/keynumbers_gold.jsonl` (every number of 42 articles labelled `key`,
`ok` or `no`). The scorer runs this project's own `python -m builder annotate` as a user
would; this script runs it on the whole file and on each half of a fixed split, so that rules
tuned on half A are judged on half B too. The split: within each source, articles ordered by
the SHA-256 of their id, and dealt alternately to A and B (12 + 12 Wikinews, 9 + 9 BBC).
The halves are written to a temporary folder, never into the project (research data).
Not part of `make test`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "eval" / "keynumbers_gold.jsonl"
SCORER = ROOT.parent / "shared" / "tools" / "eval_keynumbers.py"


def halves(lines: list[str]) -> dict[str, list[str]]:
    """`A` and `B`: each source's articles by the SHA-256 of their id, dealt alternately."""
    by_source: dict[str, list[tuple[str, str]]] = {}
    for line in lines:
        article = json.loads(line)
        digest = hashlib.sha256(article["id"].encode("utf-8")).hexdigest()
        by_source.setdefault(article.get("source", "all"), []).append((digest, line))
    out: dict[str, list[str]] = {"A": [], "B": []}
    for articles in by_source.values():
        for n, (_, line) in enumerate(sorted(articles)):
            out["AB"[n % 2]].append(line)
    return out


def score(scorer: Path, gold: Path) -> dict[str, dict[str, float]]:
    command = [sys.executable, str(scorer), str(gold), "--project", str(ROOT)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GOLD)
    parser.add_argument("--scorer", type=Path, default=SCORER)
    args = parser.parse_args()
    lines = [line for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    print("| set | source | key figures | recall | shown | precision |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        sets = {"all": args.gold}
        for name, part in halves(lines).items():
            sets[f"half {name}"] = Path(tmp) / f"half_{name}.jsonl"
            sets[f"half {name}"].write_text("\n".join(part) + "\n", encoding="utf-8")
        for name, path in sets.items():
            for source, row in score(args.scorer, path).items():
                print(f"| {name} | {source} | {row['key']} | {row['recall']} | {row['shown']} | {row['precision']} |")


if __name__ == "__main__":
    main()
