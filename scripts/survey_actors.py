"""Count actors across a folder of articles, as the site would show them.

    .venv/bin/python scripts/survey_actors.py ../shared/eval/bbc/articles [--aliases actors.yml]

Annotates the folder (through the annotation cache, like `build`), resolves actors across
articles (`builder.identity`) and prints: actors within articles, actor pages on the site,
merges (an article's actor that joined an actor of another name), ambiguous surnames (a
surname said alone that two people share), and the person pages that could still be
duplicates (a one-word name that is the surname of another page's person).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere, as a file

from builder import identity, pipeline  # noqa: E402
from builder.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--aliases", type=Path, default=None)
    args = parser.parse_args()
    annotations, _ = pipeline.read([args.folder], Settings(), lambda line: print(line, file=sys.stderr))
    who = identity.resolve(annotations, identity.load_aliases(args.aliases))
    kinds = Counter(x.type for a in annotations for x in a.actors)
    pages: dict[str, str] = {}
    for a in annotations:
        for x in a.actors:
            pages[who.site_id(a.article.slug, x.id)] = x.type
    people = {who.names[i] for i, kind in pages.items() if kind == "PERSON"}
    surnames = {name.split()[-1] for name in people if " " in name}
    lone = sorted(name for name in people if " " not in name and name in surnames)
    print(f"articles                     {len(annotations)}")
    print(f"actors within articles       {sum(kinds.values())} ({kinds['PERSON']} people, {kinds['ORG']} organisations)")
    print(f"actor pages on the site      {len(pages)} ({len(people)} people, {len(pages) - len(people)} organisations)")
    print(f"merged across articles       {who.merged}")
    print(f"ambiguous surnames           {len(who.ambiguous)}: {', '.join(who.ambiguous[:15])}")
    print(f"possible duplicate pages     {len(lone)} one-word names that are another person's surname")


if __name__ == "__main__":
    main()
