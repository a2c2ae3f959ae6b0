"""The folder of Markdown pages handed to MkDocs, kept between builds (part of `publish`).

A warm build renders the same 12,000 pages for 1,000 articles, and creating that many files
costs as much as rendering them. So the folder is kept in the cache (`.cache/pages/`), one per
site folder, and a build writes only the files whose bytes changed and deletes the ones that
are no longer pages. The folder is then exactly the new set of pages, as a fresh folder would
be: MkDocs reads it the same way.

`manifest.json` beside the folder records, for each file, the digest of what was written and
the size and modification time it had afterwards. A file is skipped only when its new digest
and its size and time on disk all match the record, so a file changed or removed by hand, or
written by a build that was killed before it saved the manifest, is written again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import posixpath
from collections.abc import Mapping
from pathlib import Path

MANIFEST = "manifest.json"
PAGES = "pages"

Record = tuple[str, int, int]
"""What a file held when it was written: digest, size, modification time (ns)."""


def folder_for(cache: Path, site: Path) -> Path:
    """The kept folder of `site` (pass it resolved) under `cache`: two sites never share one."""
    key = hashlib.blake2b(str(site).encode("utf-8"), digest_size=8).hexdigest()
    return cache / f"{site.name}-{key}"


def sync(files: Mapping[str, bytes], folder: Path) -> tuple[Path, int]:
    """Make `folder/pages` hold exactly `files` (relative path -> bytes); return it and the
    number of files written. Call with the site lock held: one build at a time uses a folder.

    Pages that are gone are deleted first, so a path that was a file and is now a folder (or
    the other way round) is free when it is written."""
    root = folder / PAGES
    root.mkdir(parents=True, exist_ok=True)
    files = {posixpath.normpath(rel): data for rel, data in files.items()}  # `a//b.md` is `a/b.md`
    known = read_manifest(folder / MANIFEST)
    on_disk = files_under(root)
    for rel in on_disk.keys() - files.keys():
        (root / rel).unlink()
    remove_empty_folders(root)
    records: dict[str, Record] = {}
    written = 0
    made: set[Path] = set()
    for rel, data in files.items():
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        stat = on_disk.get(rel)
        if stat is not None and known.get(rel) == (digest, stat.st_size, stat.st_mtime_ns):
            records[rel] = known[rel]
            continue
        target = root / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
        after = target.stat()
        records[rel] = (digest, after.st_size, after.st_mtime_ns)
        written += 1
    write_manifest(folder / MANIFEST, records)
    return root, written


def files_under(root: Path) -> dict[str, os.stat_result]:
    """Every file below `root`, by path relative to it (with `/`), and its stat. A link to a
    folder is removed: MkDocs would publish whatever it points to."""
    out: dict[str, os.stat_result] = {}
    for folder, dirs, names in os.walk(root):
        for link in [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            os.unlink(os.path.join(folder, link))
            dirs.remove(link)
        prefix = os.path.relpath(folder, root)
        for name in names:
            path = os.path.join(folder, name)
            rel = name if prefix == "." else f"{prefix}/{name}".replace(os.sep, "/")
            out[rel] = os.stat(path, follow_symlinks=False)
    return out


def remove_empty_folders(root: Path) -> None:
    """Remove the folders below `root` that hold nothing, deepest first."""
    for folder, _, _ in os.walk(root, topdown=False):
        if folder != str(root) and not os.listdir(folder):
            with contextlib.suppress(OSError):
                os.rmdir(folder)


def read_manifest(path: Path) -> dict[str, Record]:
    """The records of the last build; nothing (so every file is written) if unreadable."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {rel: (str(d), int(s), int(t)) for rel, (d, s, t) in raw.items()}
    except Exception:  # noqa: BLE001 - whatever is wrong with it (bad JSON, types, 1e400), start afresh
        return {}


def write_manifest(path: Path, records: Mapping[str, Record]) -> None:
    """Write the manifest whole or not at all (a new file renamed over the old one)."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(records, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    os.replace(partial, path)
