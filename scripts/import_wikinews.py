"""Turn the Wikinews articles of the GUM corpus into Markdown seeds with front matter.

    python scripts/import_wikinews.py ../shared/corpus/wikinews seeds/

Each `articles/GUM_news_<name>.txt` (headline, blank line, date line, paragraphs) becomes
`seeds/wikinews-<name>.md` with title, date, source, url, authors and licence (CC BY 2.5,
Wikinews contributors) in its front matter. Markdown syntax in the text is escaped so the
words render exactly as written.
"""

from __future__ import annotations

import csv
import re
import sys
from datetime import datetime
from pathlib import Path

import yaml

DATE_LINE = re.compile(r"(\w+day, \w+ \d{1,2}, \d{4})\s*")


def escape(paragraph: str) -> str:
    text = re.sub(r"([\\`*_\[\]<])", r"\\\1", paragraph)
    return re.sub(r"^(#|[-+>]|\d+[.)])(\s)", r"\\\1\2", text)


def convert(corpus: Path, out: Path) -> None:
    with open(corpus / "metadata.tsv", encoding="utf-8") as handle:
        urls = {row["id"]: row["sourceURL"] for row in csv.DictReader(handle, delimiter="\t")}
    for path in sorted((corpus / "articles").glob("GUM_news_*.txt")):
        headline, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        match = DATE_LINE.match(body.strip())
        date_line, rest = match.group(1), body.strip()[match.end() :]
        meta = {
            "title": headline.strip(),
            "date": datetime.strptime(date_line.strip(), "%A, %B %d, %Y").date(),
            "source": "Wikinews",
            "url": urls[path.stem],
            "authors": ["Wikinews contributors"],
            "licence": "CC BY 2.5",
        }
        paragraphs = [escape(p.strip()) for p in rest.split("\n\n") if p.strip()]
        front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
        name = path.stem.removeprefix("GUM_news_")
        text = f"---\n{front}---\n\n" + "\n\n".join(paragraphs) + "\n"
        (out / f"wikinews-{name}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    convert(Path(sys.argv[1]), Path(sys.argv[2]))
