"""Run `python -m builder annotate` over folders of articles and count what ingest found.

    .venv/bin/python scripts/survey_ingest.py ../shared/eval/reuters/articles ../shared/eval/bbc/articles

For each folder: articles written, exit code, how many have a headline and a body, a
dateline (and its source), a date, and how often each kind of removal and repair happened.
Reads the JSON the CLI writes, so it measures what a user gets. Research data stays where it
is; nothing is copied into the project.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path


def survey(folder: Path) -> tuple[int, Counter[str], str]:
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run(
            [sys.executable, "-m", "builder", "annotate", str(folder), "--out", out],
            capture_output=True,
            text=True,
        )
        counts: Counter[str] = Counter()
        for path in Path(out).glob("*.json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            counts["articles"] += 1
            counts["with headline"] += bool(data["headline"].strip())
            counts["with body"] += any(p.strip() for p in data["paragraphs"])
            counts["with dateline"] += data["dateline"] is not None
            counts["with dateline source"] += bool(data["dateline"] and data["dateline"]["source"])
            counts["with date"] += data["date"] is not None
            counts.update(f"removed: {r['reason']}" for r in data["removed"])
            counts.update(f"repair: {r['kind']}" for r in data["repairs"])
        return run.returncode, counts, run.stderr


def main(folders: list[str]) -> None:
    for name in folders:
        code, counts, stderr = survey(Path(name))
        print(f"{name}: exit {code}, {len(stderr.splitlines())} notice line(s)")
        for key, value in sorted(counts.items()):
            print(f"  {key:<40} {value}")
        for line in stderr.splitlines()[:10]:
            print(f"  ! {line}")


if __name__ == "__main__":
    main(sys.argv[1:])
