"""Quote and speaker benchmark: the shared scorer over gold files, run as a user would run it.

    .venv/bin/python bench/quotes.py GOLD [GOLD ...] [--limit N] [--scorer PATH]

GOLD is a PolNeAR-style JSONL (e.g. ../shared/eval/polnear/polnear_train_dev.jsonl) or a seed
gold .json (e.g. ../shared/gold/000_6848703931b3331e.json). For a JSONL the scorer runs twice:
direct quotes only (`--only-quote-marks`) and every attribution. It calls this project's own
`python -m builder annotate`, so the annotation cache applies. Not part of `make test`.

`--as-attributions` adds a third, diagnostic row for a JSONL: the same annotations with a quote
split around its cue (`“A,” X said. “B.”`) counted as one, which is PolNeAR's unit (one
attribution, content in two pieces). Briefings keeps the two quotations apart, as the seed gold
does, so on PolNeAR every second half counts as a false positive; this row shows how much of the
gap that is.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "eval_quotes.py"
COLUMNS = ("gold", "matched", "fp", "precision", "recall", "f1", "speaker_acc_matched", "end_to_end_f1")


def score(scorer: Path, gold: str, *flags: str) -> dict[str, float]:
    command = [sys.executable, str(scorer), gold, "--project", str(ROOT), *flags]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def joined(quotes: list[dict]) -> list[dict]:
    """Quotes with each cue-less full quote that follows its speaker's full quote in the same
    or the next paragraph folded into it: PolNeAR's attribution unit."""
    out: list[dict] = []
    for quote in quotes:
        last = out[-1] if out else None
        if (
            last is not None
            and quote["kind"] == last["kind"] == "full"
            and quote["speaker"]
            and quote["speaker"] == last["speaker"]
            and quote["cue"] is None
            and quote["paragraph"] - last["paragraph"] in (0, 1)
        ):
            out[-1] = {**last, "text": f"{last['text']} {quote['text']}"}
        else:
            out.append(quote)
    return out


def score_as_attributions(scorer: Path, gold: str, limit: int | None) -> dict[str, float]:
    """Annotate the gold articles the way the scorer does, join split quotes, score with --pred."""
    spec = importlib.util.spec_from_file_location("eval_quotes", scorer)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    articles = module.load_gold(gold, True, None)[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp, "in"), Path(tmp, "out")
        folder.mkdir()
        for n, article in enumerate(articles):
            (folder / f"a{n:04d}.txt").write_text(f"Article {n}\n\n{article['text']}", encoding="utf-8")
        command = [sys.executable, "-m", "builder", "annotate", str(folder), "--out", str(out)]
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        pred = Path(tmp, "pred.jsonl")
        with pred.open("w", encoding="utf-8") as f:
            for n, article in enumerate(articles):
                quotes = json.loads((out / f"a{n:04d}.json").read_text(encoding="utf-8"))["quotes"]
                f.write(json.dumps({"id": article["id"], "quotes": joined(quotes)}) + "\n")
        limit_flags = ("--limit", str(limit)) if limit else ()
        command = [sys.executable, str(scorer), gold, "--pred", str(pred), "--only-quote-marks", *limit_flags]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--scorer", type=Path, default=SCORER)
    parser.add_argument("--as-attributions", action="store_true", help="add the diagnostic row (JSONL only)")
    args = parser.parse_args()
    print("| gold | mode | " + " | ".join(COLUMNS) + " |")
    print("|" + " --- |" * (len(COLUMNS) + 2))
    for gold in args.gold:
        limit = ("--limit", str(args.limit)) if args.limit else ()
        modes = [("direct quotes", ("--only-quote-marks",)), ("all attributions", ())]
        for mode, flags in modes if gold.endswith(".jsonl") else [("seed", ())]:
            row = score(args.scorer, gold, *flags, *limit)
            print(f"| {Path(gold).name} | {mode} | " + " | ".join(str(row[c]) for c in COLUMNS) + " |")
        if args.as_attributions and gold.endswith(".jsonl"):
            row = score_as_attributions(args.scorer, gold, args.limit)
            mode = "direct, split quotes joined"
            print(f"| {Path(gold).name} | {mode} | " + " | ".join(str(row[c]) for c in COLUMNS) + " |")


if __name__ == "__main__":
    main()
