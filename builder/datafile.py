"""YAML files that editors write (boilerplate patterns, actor aliases): a list of entries,
each reported with its line so that a mistake is one line naming the file and the entry."""

from __future__ import annotations

from pathlib import Path

import yaml

from builder.errors import BuilderError


def entries(path: Path, error: type[BuilderError], expect: str) -> list[tuple[object, int]]:
    """The entries of a YAML list file with the line each starts on; raises `error`, naming
    the file and line, when the file is not YAML or not a list (`expect` says what it should be)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as problem:
        line = path.read_bytes().count(b"\n", 0, problem.start) + 1
        raise error("not UTF-8 text: save the file as UTF-8", path, line) from None
    try:
        data, root = yaml.safe_load(text), yaml.compose(text)
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        raise error(
            f"broken YAML: {getattr(problem, 'problem', None) or problem}", path, mark and mark.line + 1
        ) from None
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise error(f"must be a list of entries, {expect}", path, 1)
    return [(entry, node.start_mark.line + 1) for entry, node in zip(data, root.value, strict=True)]
