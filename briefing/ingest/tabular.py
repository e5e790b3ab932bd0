"""CSV (or ``;`` / tab separated) files with a header row naming the columns.

Real exports are often cut off (a download that stopped mid-row) or ragged; each bad row is
reported with the line it starts on and the rest still import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from briefing.ingest.decode import read_text
from briefing.ingest.fields import ALIASES, build_record, map_fields
from briefing.ingest.record import InputError, Problem, Record

# Article bodies can exceed the csv module's 128 KiB default; 2**31-1 fits a C long everywhere.
csv.field_size_limit(2**31 - 1)
_DELIMITERS = ",;\t"


class _Lines:
    """Line iterator that notes when the csv reader asked for more input than there was."""

    def __init__(self, text: str) -> None:
        # newline="" keeps \r\n inside quoted fields for csv, while still splitting lines on them.
        self._lines = iter(io.StringIO(text, newline=""))
        self.exhausted = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        try:
            return next(self._lines)
        except StopIteration:
            self.exhausted = True
            raise


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _names(header: list[str]) -> list[str]:
    # Unique, non-empty names, so no column silently overwrites another in the row dict.
    names: list[str] = []
    for i, cell in enumerate(header, 1):
        name = cell.strip() or f"column{i}"
        names.append(f"{name}_{i}" if name in names else name)
    return names


def read(path: Path) -> Iterator[Record | Problem]:
    text, problems = read_text(path)
    yield from problems
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=_delimiter(first_line))

    header: list[str] = []
    while not any(cell.strip() for cell in header):
        try:
            header = next(reader)
        except StopIteration:
            raise InputError(str(path), "no header row") from None
        except csv.Error as exc:
            raise InputError(f"{path}:{reader.line_num}", f"unreadable header: {exc}") from None
    header = _names(header)
    mapping = map_fields(header)
    if "text" not in mapping:
        found = ", ".join(f'"{h}"' for h in header)
        raise InputError(str(path), f"no text column (expected one of "
                         f"{', '.join(ALIASES['text'])}); header found: {found}")

    while True:
        start = reader.line_num + 1
        where = f"{path}:{start}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem(where, f"unreadable row: {exc}")
            continue
        if lines.exhausted:
            # Only a quoted field left open makes the reader want input past the last line.
            yield Problem(where, "truncated row: unterminated quoted field (file ends inside it)")
            return
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) and not any(cell.strip() for cell in row[len(header):]):
            row = row[: len(header)]  # trailing empty cells from a spreadsheet export are harmless
        if len(row) != len(header):
            yield Problem(where, f"row has {len(row)} fields, expected {len(header)} "
                          f"({', '.join(header)})")
            continue
        yield from build_record(dict(zip(header, row)), mapping, where)
