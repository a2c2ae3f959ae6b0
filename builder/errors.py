"""One error hierarchy. Every error names the file (and line, when known) it is about.

The CLI catches `BuilderError` once and prints `str(error)`: one line, no traceback.
"""

from __future__ import annotations

from pathlib import Path


class BuilderError(Exception):
    """A problem the user can fix, located in a file."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class UsageError(BuilderError):
    """The command line asked for something impossible (exit code 2)."""


class IngestError(BuilderError):
    """A seed article could not be read or parsed."""


class AnnotateError(BuilderError):
    """The language model could not be loaded or run."""


class RenderError(BuilderError):
    """A template is broken or used a variable it was not given.

    Printed as three lines: `templates/NAME:LINE: message`, the offending line, a hint.
    """

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        source: str | None = None,
        hint: str | None = None,
    ):
        super().__init__(message, path, line)
        self.source = source
        self.hint = hint

    def __str__(self) -> str:
        text = super().__str__()
        if self.source is not None:
            text += f"\n  {self.line} | {self.source}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class PublishError(BuilderError):
    """MkDocs could not build the site, or the site folder could not be replaced."""
