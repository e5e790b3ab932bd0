"""Normalise the many ways sources write a publication date to ISO 8601.

Output is ``YYYY-MM-DD`` when only a day is known and ``YYYY-MM-DDTHH:MM:SS`` (UTC when the
source gave an offset) when a time is known, so plain string comparison orders dates and
``since:2018-02`` works as a prefix. Anything unrecognised gives None: a date is never invented.
"""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_PATTERNS = [
    # December 31, 2017 / Dec 31 2017
    re.compile(rf"^{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$"),
    # 31 December 2017
    re.compile(rf"^(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>\d{{4}})$"),
    # Reuters-21578: 26-FEB-1987 15:01:01.79 (day may be one digit with a leading space)
    re.compile(
        rf"^(?P<day>\d{{1,2}})-{_MONTH}-(?P<year>\d{{4}})"
        r"(?:\s+(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?)?$"
    ),
]
_PADDED_YEAR = re.compile(r"(?<![\d+-])0\d{2,3}(?!\d)")  # "0001", "099"; not "+0100"
_ISO = re.compile(r"^\d{4}-\d{2}(-\d{2})?([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")


# Plausible publication years; the query language's since:/until: accept the same range.
_YEARS = range(1000, 3000)


def _fmt(dt: datetime, with_time: bool) -> str | None:
    if dt.tzinfo is not None:
        try:
            dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
        except OverflowError:  # 0001-01-01T00:00+01:00 is before the calendar's first day in UTC
            return None
    if dt.year not in _YEARS:  # also: strftime does not pad years below 1000 to four digits
        return None
    return dt.strftime("%Y-%m-%dT%H:%M:%S" if with_time else "%Y-%m-%d")


def _valid(year: int, month: int, day: int, h: int = 0, m: int = 0, s: int = 0) -> datetime | None:
    try:
        return datetime(year, month, day, h, m, s)
    except ValueError:
        return None


def normalize_date(value: object) -> str | None:
    """ISO 8601 for a date given as text, datetime or struct_time; None when unknown or
    outside the plausible years 1000-2999."""
    if value is None:
        return None
    if isinstance(value, datetime):
        has_time = (value.hour, value.minute, value.second) != (0, 0, 0) or value.tzinfo is not None
        return _fmt(value, has_time)
    if isinstance(value, time.struct_time):
        dt = _valid(*value[:6])
        return _fmt(dt, True) if dt else None
    text = " ".join(str(value).split())
    if not text or len(text) > 64:
        return None
    if _ISO.match(text):
        return _from_iso(text)
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            month = _MONTHS.get(match["mon"].lower())
            if not month:
                return None
            groups = match.groupdict()
            has_time = groups.get("h") is not None
            dt = _valid(
                int(match["year"]), month, int(match["day"]),
                int(groups.get("h") or 0), int(groups.get("m") or 0), int(groups.get("s") or 0),
            )
            return _fmt(dt, has_time) if dt else None
    if _PADDED_YEAR.search(text):
        return None  # email.utils would read "0001" as the two-digit year 01, i.e. 2001
    try:  # RFC 822 / 2822, as feeds write them ("Mon, 26 Feb 2018  10:00:00 GMT")
        dt = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return _fmt(dt, True) if dt else None


def _from_iso(text: str) -> str | None:
    if len(text) == 7:  # YYYY-MM: keep the month, it is what the source said
        return text if int(text[:4]) in _YEARS and _valid(int(text[:4]), int(text[5:7]), 1) else None
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return _fmt(dt, len(text) > 10)
