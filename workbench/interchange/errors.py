"""Errors of an import, each naming the file, the place in it and the problem."""

from __future__ import annotations

from workbench.errors import WorkbenchError


class BadImportFile(WorkbenchError):
    """A file that cannot be imported; `where` is 'line 12' or, for JSON, a record such as 'links[3]'."""

    def __init__(self, file: str, problem: str, where: str | None = None):
        super().__init__(f"{file}{', ' + where if where else ''}: {problem}")
        self.file = file
        self.where = where
        self.problem = problem


class NeedsEncodingChoice(BadImportFile):
    """The file is not UTF-8; it may be Windows-1252, but only the user can say so."""


class ImportStopped(Exception):
    """The caller stopped the planning (the window's Cancel); not a problem of any file."""


def line(n: int | None) -> str | None:
    return f"line {n}" if n else None
