"""TextRank held to the summary's budget: the fair baseline for summaries of at most a quarter.

    ~/.eval-venv/bin/python bench/textrank_budget.py CORPUS [--ids FILE] [--limit N]

The shared scorer's TextRank always takes 3 sentences, whatever the story's length; our
summaries take at most a quarter of the story's words (and 100 words). This runs sumy's
TextRank exactly as the shared scorer does (its own sentence splitter, stemmer, stop words and
ROUGE settings, imported from `../shared/tools/eval_summary.py`), then takes its sentences in
rank order while they fit in that same budget (at most 3), in reading order. It needs the
scorer's venv (sumy, rouge-score), not the project's. Prints one JSON line like the scorer's.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "eval_summary.py"
SHARE = 0.25
MAX_WORDS = 100
SENTENCES = 3


def load_scorer(path: Path):  # noqa: ANN201 - the scorer is a script, not a typed package
    spec = importlib.util.spec_from_file_location("eval_summary", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--ids")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--scorer", type=Path, default=SCORER)
    args = parser.parse_args()
    es = load_scorer(args.scorer)
    from rouge_score import rouge_scorer
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    split = es.make_splitter("regex")
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    summarizer, tok = es.sumy_summarizer("textrank"), es._WordTok()
    totals = dict.fromkeys(("rouge1", "rouge2", "rougeLsum"), 0.0)
    words = 0
    articles = es.load_corpus(args.corpus, args.ids, args.limit)
    for article in articles:
        paragraphs = [split(p) for p in es.paragraphs(article["body"])]
        doc = ObjectDocumentModel([Paragraph([Sentence(s, tok) for s in ps]) for ps in paragraphs if ps])
        budget = min(MAX_WORDS, int(len(article["body"].split()) * SHARE))
        ratings = summarizer.rate_sentences(doc) if doc.sentences else {}
        chosen, used = [], 0
        for sentence in sorted(doc.sentences, key=lambda s: -ratings[s]):
            size = es.nwords([str(sentence)])
            if used + size <= budget and len(chosen) < SENTENCES:
                chosen.append(sentence)
                used += size
        summary = [str(s) for s in doc.sentences if s in chosen]
        refs = es.reference_sentences(article["ref"], split)
        scores = scorer.score("\n".join(refs), "\n".join(summary))
        for key in totals:
            totals[key] += scores[key].fmeasure
        words += es.nwords(summary)
    n = max(len(articles), 1)
    row = {"system": "textrank@budget", "articles": len(articles), **{k: round(100 * v / n, 2) for k, v in totals.items()}}
    print(json.dumps({**row, "words": round(words / n, 1)}))


if __name__ == "__main__":
    main()
