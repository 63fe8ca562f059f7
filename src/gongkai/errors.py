"""Typed errors. Library code raises these; only the CLI turns them into a stderr line and an exit code."""

from __future__ import annotations


class GongkaiError(Exception):
    """Base class: something a user can act on, with a one-line message."""


class ReadError(GongkaiError):
    """A file could not be read as a report (missing, empty, binary, undecodable, unsupported)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NotAReportError(ReadError):
    """The file was read, but its text is not a government information disclosure annual report."""


class StoreError(GongkaiError):
    """The store could not be opened or written."""


class QueryError(GongkaiError):
    """A query could not be parsed or run; the message carries the parser's position."""
