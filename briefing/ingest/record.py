"""What every format parser yields: a cleaned article record, or a problem naming where it happened."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Record:
    """One article as read from a file, before it is stored.

    `origin` names the file and the record inside it (``path:line`` or ``path#n``) so an
    analyst can always find where an article came from.
    """

    text: str
    origin: str
    title: str | None = None
    published: str | None = None  # ISO 8601, or None when unknown: never invented
    source: str | None = None
    place: str | None = None
    url: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


SKIPPED_FILE = "skipped file"
SKIPPED_RECORD = "skipped record"
REPAIRED = "repaired"


@dataclass(slots=True)
class Problem:
    """Something wrong in the input. `where` is ``path``, ``path:line`` or ``path#record``.

    `action` says what ingest did about it: skipped the whole file, skipped one record, or
    imported the record after repairing it (e.g. undecodable bytes replaced).
    """

    where: str
    reason: str
    action: str = SKIPPED_RECORD

    def __str__(self) -> str:
        return f"{self.where}: {self.reason} ({self.action})"


class InputError(Exception):
    """A whole file cannot be read; carries the Problem to report."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.problem = Problem(where, reason, SKIPPED_FILE)
