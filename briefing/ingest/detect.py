"""Which reader handles a file: by extension first, by content when the extension says nothing."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

from briefing.ingest.record import InputError

FORMATS = ("text", "md", "csv", "jsonl", "feed", "sgml")
_MODULES = {
    "text": "text", "md": "markdown", "csv": "tabular", "jsonl": "jsonrec",
    "feed": "feed", "sgml": "sgml",
}
_BY_SUFFIX = {
    ".txt": "text", ".text": "text", ".md": "md", ".markdown": "md", ".csv": "csv",
    ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".rss": "feed", ".atom": "feed",
    ".rdf": "feed", ".xml": "feed", ".sgm": "sgml", ".sgml": "sgml",
}


def reader(fmt: str):
    """The `read(path)` function of a format (modules load lazily: feedparser is slow to import)."""
    return importlib.import_module(f"briefing.ingest.{_MODULES[fmt]}").read


def _sniff(fmt: str, head: bytes) -> bool:
    # Each reader knows its own format best; loaded only when the extension did not decide.
    return importlib.import_module(f"briefing.ingest.{_MODULES[fmt]}").sniff(head)


def detect(path: Path) -> str:
    suffix = path.suffix.lower()
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if suffix == ".json":
        # JSON Feed and a JSON array of articles share the extension.
        return "feed" if _sniff("feed", head) else "jsonl"
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    for fmt in ("sgml", "feed"):
        if _sniff(fmt, head):
            return fmt
    if suffix == "" and head and b"\x00" not in head:
        return "text"  # newswire dumps often have no extension
    raise InputError(str(path), f"unknown format (extension {suffix or 'none'}); pass --format")


def walk(paths: list[Path]) -> Iterator[Path]:
    """Files under `paths`, folders walked recursively in name order, hidden entries skipped."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and not any(part.startswith(".") for part in rel):
                    yield child
        else:
            yield path
