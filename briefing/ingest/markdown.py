"""Markdown articles, optionally with front matter (``---`` / ``key: value`` / ``---``) on top.

Only flat ``key: value`` pairs are understood (no YAML library): that covers title, date,
source, url and place as static-site generators and note apps write them. Lists and nested
blocks are skipped. The body stays markdown; it is shown as written, not rendered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from briefing.ingest.decode import read_text
from briefing.ingest.fields import build_record, map_fields
from briefing.ingest.record import REPAIRED, Problem, Record

_FENCE = re.compile(r"^[ ]{0,3}(```|~~~)")
_H1 = re.compile(r"^[ ]{0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_PAIR = re.compile(r"^([A-Za-z_][\w .-]*?)[ \t]*:(?:[ \t]+(.*))?$")
_BODY_KEY = "body"


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        # YAML escapes: '' inside single quotes, backslash escapes inside double quotes.
        return inner.replace("''", "'") if value[0] == "'" else re.sub(r"\\(.)", r"\1", inner)
    if " #" in value:  # trailing YAML comment on an unquoted value
        value = value.split(" #", 1)[0].rstrip()
    return value


def _front_matter(lines: list[str]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for line in lines:
        match = _PAIR.match(line)  # indented, "- item" and "# comment" lines do not match
        if match and match[2] and not match[2].lstrip().startswith(("[", "{", "|", ">")):
            pairs.setdefault(match[1].strip(), _unquote(match[2]))
    return pairs


def _take_title(body: str) -> tuple[str | None, str]:
    """The first level-1 heading outside code blocks, and the body without it."""
    lines = body.split("\n")
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (match := _H1.match(line)):
            return match[1], "\n".join(lines[:i] + lines[i + 1 :])
    return None, body


def read(path: Path) -> Iterator[Record | Problem]:
    text, problems = read_text(path)
    yield from problems
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front: dict[str, str] = {}
    body = text
    if lines[0].strip() == "---":
        closers = (i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "..."))
        end = next(closers, None)
        if end is None:
            yield Problem(f"{path}:1", "front matter opened with --- is never closed; "
                          "whole file read as body", REPAIRED)
        else:
            front = _front_matter(lines[1:end])
            body = "\n".join(lines[end + 1 :])
    mapping = map_fields(front)
    if "title" not in mapping:
        title, body = _take_title(body)
        if title is not None:
            front["title"] = title
            mapping["title"] = "title"
    # Text-like front-matter keys are not the body here; they stay in extra under their name.
    values: dict[str, object] = {k: v for k, v in front.items() if k != _BODY_KEY}
    values[_BODY_KEY] = body
    mapping["text"] = _BODY_KEY
    yield from build_record(values, mapping, str(path))
