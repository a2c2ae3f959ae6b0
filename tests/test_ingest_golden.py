"""Ingest goldens: each folder of `tests/ingest_cases/` -> `tests/golden/ingest/<folder>.json`.

The JSON holds every article ingest made of the folder (all fields, `source_path` relative)
and every notice. Two cases too big to keep in the repository (a 5 MB file, a paragraph of
50,000 characters) are written by `GENERATED` instead. Regenerate with `UPDATE_GOLDEN=1`.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from builder.ingest import ingest

CASES = Path(__file__).parent / "ingest_cases"


def sentence(n: int) -> str:
    return f"Sentence {n} of the council minutes records one more vote on the harbour wall. "


GENERATED = {
    "huge-file": {"minutes.txt": "Council minutes\n\n" + sentence(0) * 70_000},
    "long-paragraph": {"minutes.txt": "Council minutes\n\n" + "".join(sentence(n) for n in range(640)).strip() + "\n"},
}


def snapshot(folder: Path) -> str:
    articles, notices = ingest([folder])

    def relative(text: str) -> str:
        return text.replace(f"{folder}/", "")

    data = {
        "articles": [asdict(a) | {"source_path": relative(a.source_path)} for a in articles],
        "notices": [relative(str(n)) for n in notices],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_ingest_case(case, golden):
    golden(f"ingest/{case}.json", snapshot(CASES / case))


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_generated_ingest_case(case, golden, tmp_path):
    for name, text in GENERATED[case].items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    golden(f"ingest/{case}.json", snapshot(tmp_path))
