"""An actor's id, from its name: the address of its page, the same in every build.

Kept apart from `names` so that rendering a site from cached annotations never imports spaCy.
"""

from __future__ import annotations

import re
import unicodedata


def actor_id(name: str) -> str:
    """`Antony Blinken` -> `antony-blinken`; the same name gives the same id in every build."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80] or "actor"
    return "index-actor" if slug == "index" else slug  # actors/index.html is the A-Z page
