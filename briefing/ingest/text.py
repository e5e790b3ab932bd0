"""Plain-text articles: one file, one article, optional title line, optional dateline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from briefing.ingest.clean import clean_field, clean_text
from briefing.ingest.dateline import parse_dateline
from briefing.ingest.decode import read_text
from briefing.ingest.record import SKIPPED_FILE, Problem, Record


def _split_title(text: str) -> tuple[str | None, str]:
    """A short first line followed by a blank line, not ending like a sentence, is a title."""
    first, sep, rest = text.partition("\n\n")
    if sep and rest.strip() and "\n" not in first and len(first) <= 150 and first[-1:] not in ".,;:":
        return first, rest
    return None, text


def read(path: Path) -> Iterator[Record | Problem]:
    raw, problems = read_text(path)
    yield from problems
    text = clean_text(raw)
    title, body = _split_title(text)
    dateline = parse_dateline(body)
    body = dateline.body.strip()
    if not body:
        yield Problem(str(path), "no article text after the title/dateline", SKIPPED_FILE)
        return
    extra = {"dateline": dateline.date_text} if dateline.date_text else {}
    yield Record(
        text=body, origin=str(path), title=clean_field(title), source=dateline.source,
        place=dateline.place, extra=extra,
    )
