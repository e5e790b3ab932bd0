"""Turning one row of a tabular source (CSV row, JSON object) into a `Record`.

Exports from scrapers, Kaggle data sets and news APIs name the same fields differently
(``headline`` / ``title``, ``body`` / ``content``); `map_fields` finds them, `build_record`
does the rest in one place so CSV and JSON records come out alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timezone

from briefing.ingest.clean import clean_field, clean_text
from briefing.ingest.dateline import parse_dateline
from briefing.ingest.dates import normalize_date
from briefing.ingest.record import REPAIRED, Problem, Record

# Earlier aliases win when a source has several (e.g. both "text" and "content").
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article"),
    "published": ("date", "published", "pubdate", "published_at", "datetime"),
    "source": ("source", "publisher", "subject"),
    "url": ("url", "link"),
    "place": ("place", "dateline", "location"),
}
# ISOT's "subject" is a topic ("politicsNews"), only a stand-in for a source: a source named
# in the body's dateline beats it, and the topic itself is kept in extra.
_WEAK_SOURCE = {"subject"}
MAX_EXTRA = 1000  # longer values would bloat every stored record for little use


def map_fields(keys: Iterable[str]) -> dict[str, str]:
    """Canonical field name -> the key as it appears in the source, for the keys recognised."""
    by_name: dict[str, str] = {}
    for key in keys:
        by_name.setdefault(str(key).strip().lower(), key)
    found = {}
    for canonical, aliases in ALIASES.items():
        for alias in aliases:
            if alias in by_name:
                found[canonical] = by_name[alias]
                break
    return found


class _NotText(ValueError):
    """A value that has no sensible one-string form (an object, a list of objects)."""


def _as_str(value: object, sep: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list) and all(
        isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
    ):
        return sep.join(str(v) for v in value)  # e.g. a body given as a list of paragraphs
    raise _NotText("a list" if isinstance(value, list) else "an object")


def _epoch(value: float) -> str | None:
    # JSON APIs give Unix time in seconds or milliseconds; anything outside 1970-2100 is not one.
    seconds = value / 1000 if value > 1e11 else value
    if not 0 < seconds < 4102444800:
        return None
    return normalize_date(datetime.fromtimestamp(seconds, tz=timezone.utc))


def build_record(
    values: Mapping[str, object], mapping: Mapping[str, str], origin: str
) -> Iterator[Record | Problem]:
    """Yield the Record for one row (after any `repaired` Problems), or one skipping Problem.

    `mapping` is what `map_fields` returned for the row's keys; `origin` names file and row.
    """
    text_key = mapping.get("text")
    if text_key is None:
        yield Problem(origin, f"no text field (expected one of {', '.join(ALIASES['text'])}); "
                      f"keys: {', '.join(str(k) for k in values) or 'none'}")
        return
    try:
        body = clean_text(_as_str(values.get(text_key), "\n\n"))
    except _NotText as exc:
        yield Problem(origin, f'field "{text_key}" is {exc}, not text')
        return
    if not body:
        yield Problem(origin, f'field "{text_key}" is empty')
        return
    dateline = parse_dateline(body)
    body = dateline.body.strip()
    if not body:
        yield Problem(origin, f'field "{text_key}" holds only a dateline, no text')
        return

    fields: dict[str, str | None] = {}
    extra: dict[str, str] = {}
    for name in ("title", "source", "place", "url"):
        key = mapping.get(name)
        if key is None:
            continue
        try:
            fields[name] = clean_field(_as_str(values.get(key), ", "))
        except _NotText as exc:
            yield Problem(origin, f'field "{key}" is {exc}, ignored', REPAIRED)

    published = None
    date_key = mapping.get("published")
    raw_date = values.get(date_key) if date_key is not None else None
    if isinstance(raw_date, (int, float)) and not isinstance(raw_date, bool):
        published = _epoch(raw_date)
    elif isinstance(raw_date, str):
        published = normalize_date(raw_date)
    if published is None and raw_date is not None:
        raw = raw_date if isinstance(raw_date, str) else json.dumps(raw_date, ensure_ascii=False)
        shown = (clean_field(raw) or "")[:MAX_EXTRA]
        if shown:
            extra["date_raw"] = shown
            yield Problem(origin, f'field "{date_key}": unrecognised date "{shown[:80]}"; '
                          "published left empty", REPAIRED)

    source = fields.get("source")
    source_key = mapping.get("source")
    if source_key is not None and str(source_key).strip().lower() in _WEAK_SOURCE:
        if source:
            extra[str(source_key).strip().lower()] = source
        source = clean_field(dateline.source) or source
    else:
        source = source or clean_field(dateline.source)
    if dateline.date_text:
        extra["dateline_date"] = dateline.date_text  # "Feb 26": the year comes from context

    used = set(mapping.values())
    for key, value in values.items():
        if key in used or value is None or value == "":
            continue
        name = clean_field(key)
        try:
            shown = clean_field(_as_str(value, ", "))
        except _NotText:
            shown = clean_field(json.dumps(value, ensure_ascii=False, default=str))
        if name and shown and len(shown) <= MAX_EXTRA:
            extra.setdefault(name, shown)

    yield Record(
        text=body,
        origin=origin,
        title=fields.get("title"),
        published=published,
        source=source,
        place=fields.get("place") or clean_field(dateline.place),
        url=fields.get("url"),
        extra=extra,
    )
