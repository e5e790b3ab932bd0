"""Calendar units as (value, granularity, lo, hi): the TimeML value and the days it covers."""

from __future__ import annotations

import calendar
import datetime as dt

Period = tuple[str, str, dt.date, dt.date]

SEASON_CODES = ("SP", "SU", "FA", "WI")


def day(d: dt.date) -> Period:
    return d.isoformat(), "day", d, d


def week(d: dt.date) -> Period:
    y, w, wd = d.isocalendar()
    monday = d - dt.timedelta(days=wd - 1)
    return f"{y:04d}-W{w:02d}", "week", monday, monday + dt.timedelta(days=6)


def weekend(saturday: dt.date) -> Period:
    y, w, _ = saturday.isocalendar()
    return f"{y:04d}-W{w:02d}-WE", "week", saturday, saturday + dt.timedelta(days=1)


def month(y: int, m: int) -> Period:
    return f"{y:04d}-{m:02d}", "month", dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


def quarter(y: int, q: int) -> Period:
    lo = dt.date(y, 3 * q - 2, 1)
    return f"{y:04d}-Q{q}", "quarter", lo, month(y, 3 * q)[3]


def half(y: int, h: int) -> Period:
    return f"{y:04d}-H{h}", "half", dt.date(y, 6 * h - 5, 1), month(y, 6 * h)[3]


def season(y: int, s: int) -> Period:
    # Meteorological seasons; winter Y runs from December Y into February Y+1 (TimeML "Y-WI").
    if s == 3:
        return f"{y:04d}-WI", "season", dt.date(y, 12, 1), month(y + 1, 2)[3]
    return f"{y:04d}-{SEASON_CODES[s]}", "season", dt.date(y, 3 * s + 3, 1), month(y, 3 * s + 5)[3]


def year(y: int, last: int | None = None) -> Period:
    # A fiscal or crop year written "1987/88" (or a range "1986-1990") covers every calendar
    # year it spans; the value names the first.
    return f"{y:04d}", "year", dt.date(y, 1, 1), dt.date(last or y, 12, 31)


def decade(first: int) -> Period:
    first -= first % 10
    return f"{first // 10:03d}", "decade", dt.date(first, 1, 1), dt.date(first + 9, 12, 31)


def century(first: int) -> Period:
    first -= first % 100
    return (f"{first // 100:02d}", "century", dt.date(max(first, 1), 1, 1),
            dt.date(first + 99, 12, 31))


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1
