"""Article body benchmark: how much of what ingest keeps is the article, and how much of the
article it keeps, scored with the shared scorer's own shingle measure.

    .venv/bin/python bench/body.py extraction DIR [--html] [--annotate] [--worst N]
    .venv/bin/python bench/body.py clean DIR [DIR ...]

`extraction`: DIR holds `articles/<id>.txt`, `html/<id>.html` and `gold/<id>.json` (the
shared `eval/extraction` set). The pages are split in two halves by site (the host of the
gold `url`, `www.` dropped, hashed with SHA-1: even or odd), so that no site of one half is
in the other; ingest rules are tuned on half `A`, half `B` shows what happens on sites they
never saw. Prints precision, recall and F1 for each half and for all pages. By default the
body is `Article.paragraphs` from `builder.ingest` (what `annotate` writes as `paragraphs`,
in seconds instead of minutes); `--annotate` runs `python -m builder annotate` instead, as
`eval_body.py` does. `--worst N` lists the N pages with the lowest F1.

`clean`: DIR holds clean text (`<headline>\\n\\n<body>`, the BBC and Reuters dev sets), so
the source body itself is the gold: recall of it by what ingest keeps must stay >= 0.99
(ingest takes out datelines and sign-offs, which are not body text).

Both read the scorer (`shingles`, `prf`) from `../shared/tools/eval_body.py`.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "eval_body.py"
sys.path.insert(0, str(ROOT))


def scorer(path: Path = SCORER) -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_body", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def half(url: str) -> str:
    """`A` or `B`: the same for every page of one site."""
    host = urlparse(url).netloc.lower().removeprefix("www.")
    return "AB"[int(hashlib.sha1(host.encode()).hexdigest(), 16) % 2]


def ingested(folder: Path) -> dict[str, str]:
    """Body text per file stem, as ingest keeps it (refused files are missing)."""
    from builder.ingest import ingest

    articles, _ = ingest([folder])
    return {Path(a.source_path).stem: "\n\n".join(a.paragraphs) for a in articles}


def annotated(folder: Path) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "builder", "annotate", str(folder), "--out", tmp]
        subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
        return {p.stem: "\n\n".join(json.loads(p.read_text())["paragraphs"]) for p in Path(tmp).glob("*.json")}


def mean(rows: list[tuple[float, float, float]]) -> dict[str, float]:
    n = len(rows) or 1
    return {k: round(sum(r[i] for r in rows) / n, 3) for i, k in enumerate(("precision", "recall", "f1"))}


def extraction(args: argparse.Namespace) -> None:
    score = scorer()
    folder = Path(args.dir)
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "gold").glob("*.json"))}
    source = folder / ("html" if args.html else "articles")
    bodies = annotated(source) if args.annotate else ingested(source)
    rows: dict[str, tuple[float, float, float]] = {}
    for stem, gold in golds.items():
        body = bodies.get(stem)
        rows[stem] = score.prf(gold["articleBody"], body) if body is not None else (0.0, 0.0, 0.0)
    print(f"| half | pages | refused | precision | recall | F1 |  ({'html' if args.html else 'text'})")
    for name in ("A", "B", "all"):
        keys = [s for s in golds if name == "all" or half(golds[s]["url"]) == name]
        m = mean([rows[k] for k in keys])
        refused = sum(k not in bodies for k in keys)
        print(f"| {name} | {len(keys)} | {refused} | {m['precision']} | {m['recall']} | {m['f1']} |")
    for stem in sorted(rows, key=lambda s: rows[s][2])[: args.worst]:
        p, r, f = rows[stem]
        print(f"{stem} {half(golds[stem]['url'])} P={p:.3f} R={r:.3f} F={f:.3f} {golds[stem]['url'][:70]}")


def clean(args: argparse.Namespace) -> None:
    score = scorer()
    for name in args.dirs:
        folder = Path(name)
        bodies = ingested(folder)
        recalls = []
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace").strip()
            gold = text.split("\n", 1)[1] if "\n" in text else ""
            body = bodies.get(path.stem)
            recalls.append(score.prf(gold, body)[1] if body is not None else 0.0)
        lowest = sorted(recalls)[:3]
        print(f"{name}: {len(recalls)} articles, refused {len(recalls) - len(bodies)}, "
              f"recall {sum(recalls) / len(recalls):.4f}, lowest {[round(r, 3) for r in lowest]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("extraction")
    one.add_argument("dir")
    one.add_argument("--html", action="store_true")
    one.add_argument("--annotate", action="store_true")
    one.add_argument("--worst", type=int, default=0)
    two = sub.add_parser("clean")
    two.add_argument("dirs", nargs="+")
    args = parser.parse_args()
    extraction(args) if args.command == "extraction" else clean(args)


if __name__ == "__main__":
    main()
