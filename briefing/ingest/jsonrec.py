"""JSON Lines (``.jsonl``/``.ndjson``, one object a line) and JSON arrays of article objects.

A JSON Lines file loses only its bad lines; a JSON document is all or nothing, since after a
syntax error there is no telling where the next object starts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from briefing.ingest.decode import read_lines, read_text
from briefing.ingest.fields import build_record, map_fields
from briefing.ingest.record import InputError, Problem, Record

_LINE_SUFFIXES = {".jsonl", ".ndjson"}
_LIST_KEYS = ("articles", "items")


def _kind(value: object) -> str:
    return {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def _from_object(obj: object, where: str) -> Iterator[Record | Problem]:
    if not isinstance(obj, dict):
        yield Problem(where, f"not a JSON object but {_kind(obj)}")
        return
    yield from build_record(obj, map_fields(obj), where)


def _read_lines(path: Path, lines: Iterable[tuple[int, str] | Problem]
                ) -> Iterator[Record | Problem]:
    for item in lines:
        if isinstance(item, Problem):
            yield item
            continue
        number, line = item
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(where, f"invalid JSON at column {exc.colno}: {exc.msg}")
            continue
        yield from _from_object(obj, where)


def _read_document(path: Path, text: str) -> Iterator[Record | Problem]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            # Several objects one after another: JSON Lines saved as .json, a common mix-up.
            # split("\n"), not splitlines(): U+2028 and friends are legal inside JSON strings.
            yield from _read_lines(path, enumerate(text.split("\n"), 1))
            return
        raise InputError(str(path), f"invalid JSON at line {exc.lineno}, column {exc.colno}: "
                         f"{exc.msg}") from None
    if isinstance(doc, dict):
        found = next((k for k in _LIST_KEYS if isinstance(doc.get(k), list)), None)
        if found is None:
            raise InputError(str(path), 'expected an array of objects or an object with an '
                             f'"articles" or "items" list; found an object with keys: '
                             f"{', '.join(doc) or 'none'}")
        doc = doc[found]
    if not isinstance(doc, list):
        raise InputError(str(path), f"expected an array of objects, found {_kind(doc)}")
    for n, obj in enumerate(doc, 1):
        yield from _from_object(obj, f"{path}#{n}")


def read(path: Path) -> Iterator[Record | Problem]:
    if path.suffix.lower() in _LINE_SUFFIXES:
        yield from _read_lines(path, read_lines(path))
        return
    text, problems = read_text(path)
    yield from problems
    yield from _read_document(path, text)
