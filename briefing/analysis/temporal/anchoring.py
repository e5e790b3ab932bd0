"""Anchoring: a parsed phrase (Spec) plus the article date and a direction give the value.

Placement of an underspecified phrase ("March", "Thursday", "the third quarter", "Feb 26"):

- backward: the latest occurrence that has begun by the anchor (the current one counts: "on
  Friday" in a Friday article is that day, "in March" in a March article is this March);
- forward: the earliest occurrence that has not ended by the anchor (the current one counts);
- none: whichever of the two is nearer to the anchor (backward on a tie), reported as the
  direction actually taken.

find() passes most tense cues as a lean rather than a rule (soft=True): the cued occurrence
wins unless it lies more than PULL times further from the anchor than the other one. Tense is
read from the nearest verb, which is often another clause's ("declared a dividend, payable
Dec. 15"), and a month or date written without its year is almost always within months of the
article date. Weekdays always follow the cue: both candidates lie within the week. (find() also
lets quarters and halves only lean, even on a firm cue: they are mostly the object of a report,
and "will report third-quarter results" is about the quarter just ended.)

A phrase that says its own way ("last April", "next Friday", "this summer", "June last year")
is placed by its words and the requested direction is ignored.
"""

from __future__ import annotations

import datetime as dt

from briefing.analysis.temporal import periods as P
from briefing.analysis.temporal.model import BACKWARD, FORWARD, NONE, Spec

Resolved = tuple[str | None, str, dt.date | None, dt.date | None, bool, str]

_GRANULARITY = {"date": "day", "month": "month", "year": "year", "weekday": "day",
                "weekend": "week", "quarter": "quarter", "half": "half", "season": "season",
                "holiday": "day", "decade": "decade", "century": "century", "ref": "vague"}


def granularity(spec: Spec) -> str:
    if spec.kind == "shift":
        return spec.unit if spec.unit in ("day", "week", "month", "quarter", "year", "decade",
                                          "century") else "year"
    return _GRANULARITY[spec.kind]


def is_absolute(spec: Spec) -> bool:
    """True when the phrase names its own calendar position ("March 3, 2018", "1987", "the 1990s")."""
    if spec.kind in ("date", "month", "quarter", "half", "season"):
        return spec.year is not None
    return spec.kind in ("year", "decade", "century")


def needs_direction(spec: Spec) -> bool:
    """True when the phrase leaves open whether it lies before or after the anchor."""
    if spec.kind == "shift":
        return spec.needs_future
    if is_absolute(spec) or spec.rel_year is not None or spec.shift is not None:
        return False
    if spec.kind == "quarter" and spec.n == 0:
        return False
    return spec.kind in ("date", "month", "weekday", "weekend", "quarter", "half", "season",
                         "holiday")


PULL = 3.0


def resolve_spec(spec: Spec, anchor: dt.date | None, direction: str = NONE, soft: bool = False) -> Resolved:
    """(value, granularity, lo, hi, relative, direction) for one phrase."""
    gran = granularity(spec)
    relative = not is_absolute(spec)
    if spec.kind == "ref":
        lo = anchor if spec.ref in ("PRESENT_REF", "FUTURE_REF") else None
        hi = anchor if spec.ref in ("PRESENT_REF", "PAST_REF") else None
        return spec.ref, "vague", lo, hi, True, NONE
    if relative and anchor is None:
        return None, gran, None, None, True, NONE
    try:
        period, placed = _place(spec, anchor, direction, soft)
    except (ValueError, OverflowError):
        return None, gran, None, None, relative, NONE  # beyond the calendar's years
    if period is None:
        return None, gran, None, None, relative, NONE
    value, gran, lo, hi = period
    says_its_way = spec.kind != "shift" and spec.shift in (-1, 1)  # "last April", "next Friday"
    return value, gran, lo, hi, relative, placed if needs_direction(spec) or says_its_way else NONE


def _place(spec: Spec, a: dt.date | None, direction: str, soft: bool):
    k = spec.kind
    if k == "year":
        return P.year(spec.year, spec.year2), NONE
    if k == "decade":
        return P.decade(spec.year), NONE
    if k == "century":
        return P.century(spec.year), NONE
    if k == "date":
        if spec.year is not None:
            return P.day(dt.date(spec.year, spec.month, spec.day)), NONE
        return _choose(direction, a, *_yearly(a, lambda y: _safe_date(y, spec.month, spec.day)), soft)
    if k == "holiday":
        return _holiday(spec, a, direction, soft)
    if k == "month":
        return _month(spec, a, direction, soft)
    if k == "weekday":
        return _weekday(spec, a, direction)
    if k == "weekend":
        return _weekend(spec, a, direction)
    if k in ("quarter", "half", "season"):
        return _part_of_year(spec, a, direction, soft)
    if k == "shift":
        return _shift(spec, a), NONE
    raise ValueError(k)


def _choose(direction: str, anchor: dt.date, back, fwd, soft: bool = False):
    """Pick between the backward and forward placements (each a Period or None)."""
    if fwd is None or (direction == BACKWARD and not soft):
        return back, BACKWARD
    if back is None or (direction == FORWARD and not soft):
        return fwd, FORWARD
    before = (anchor - back[3]).days if back[3] < anchor else 0
    after = (fwd[2] - anchor).days if fwd[2] > anchor else 0
    if direction == BACKWARD:
        before /= PULL
    elif direction == FORWARD:
        after /= PULL
    return (back, BACKWARD) if before <= after else (fwd, FORWARD)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None  # 29 February in a common year


def _yearly(a: dt.date, day_in_year):
    """Latest occurrence on or before `a` and earliest on or after, of a yearly date."""
    back = fwd = None
    for y in range(a.year, a.year - 9, -1):
        d = day_in_year(y)
        if d and d <= a:
            back = P.day(d)
            break
    for y in range(a.year, a.year + 9):
        d = day_in_year(y)
        if d and d >= a:
            fwd = P.day(d)
            break
    return back, fwd


def _thanksgiving(y: int) -> dt.date:
    first = dt.date(y, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def _holiday(spec: Spec, a: dt.date, direction: str, soft: bool):
    def on(y):
        return _thanksgiving(y) if spec.n == -1 else dt.date(y, spec.month, spec.day)

    if spec.shift == 0:
        return P.day(on(a.year)), NONE
    if spec.shift == -1:
        y = a.year if on(a.year) < a else a.year - 1
        return P.day(on(y)), BACKWARD
    if spec.shift == 1:
        y = a.year if on(a.year) > a else a.year + 1
        return P.day(on(y)), FORWARD
    return _choose(direction, a, *_yearly(a, on), soft)


def _month(spec: Spec, a: dt.date, direction: str, soft: bool):
    m = spec.month
    if spec.year is not None:
        return P.month(spec.year, m), NONE
    if spec.rel_year is not None:
        return P.month(a.year + spec.rel_year, m), NONE
    if spec.shift == 0:
        return P.month(a.year, m), NONE
    if spec.shift == -1:
        return P.month(a.year if m < a.month else a.year - 1, m), BACKWARD
    if spec.shift == 1:
        return P.month(a.year if m > a.month else a.year + 1, m), FORWARD
    back = P.month(a.year if m <= a.month else a.year - 1, m)
    fwd = P.month(a.year if m >= a.month else a.year + 1, m)
    return _choose(direction, a, back, fwd, soft)


def _weekday(spec: Spec, a: dt.date, direction: str):
    wd = spec.n
    if spec.shift == 0:
        return P.day(a + dt.timedelta(days=wd - a.weekday())), NONE
    if spec.shift == -1:
        return P.day(a - dt.timedelta(days=(a.weekday() - wd - 1) % 7 + 1)), BACKWARD
    if spec.shift == 1:
        return P.day(a + dt.timedelta(days=(wd - a.weekday() - 1) % 7 + 1)), FORWARD
    back = P.day(a - dt.timedelta(days=(a.weekday() - wd) % 7))
    fwd = P.day(a + dt.timedelta(days=(wd - a.weekday()) % 7))
    return _choose(direction, a, back, fwd)


def _weekend(spec: Spec, a: dt.date, direction: str):
    this_sat = a + dt.timedelta(days=5 - a.weekday())  # Saturday of the anchor's ISO week
    if spec.shift == 0:
        return P.weekend(this_sat), NONE
    if spec.shift == -1:
        return P.weekend(this_sat - dt.timedelta(days=7)), BACKWARD
    if spec.shift == 1:
        return P.weekend(this_sat + dt.timedelta(days=7)), FORWARD
    back = this_sat if a.weekday() >= 5 else this_sat - dt.timedelta(days=7)
    return _choose(direction, a, P.weekend(back), P.weekend(this_sat))


_MAKERS = {"quarter": P.quarter, "half": P.half, "season": P.season}


def _part_of_year(spec: Spec, a: dt.date, direction: str, soft: bool):
    make = _MAKERS[spec.kind]
    n = spec.n
    if spec.kind == "quarter" and n == 0:
        # "the quarter", "the latest quarter": in results news, the last one completed.
        y, q = P.add_months(a.year, 3 * P.quarter_of(a) - 2, -3)
        return make(y + (spec.rel_year or 0), (q - 1) // 3 + 1), NONE
    if spec.year is not None:
        return make(spec.year, n), NONE
    if spec.rel_year is not None:
        return make(a.year + spec.rel_year, n), NONE
    if spec.kind == "season" and n == 3 and a.month <= 2:
        base = a.year - 1  # January's winter began last December
    else:
        base = a.year
    candidates = [make(y, n) for y in (base - 1, base, base + 1)]
    if spec.shift == 0:
        return make(base, n), NONE
    if spec.shift == -1:
        return max((c for c in candidates if c[3] < a), key=lambda c: c[2]), BACKWARD
    if spec.shift == 1:
        return min((c for c in candidates if c[2] > a), key=lambda c: c[2]), FORWARD
    back = max((c for c in candidates if c[2] <= a), key=lambda c: c[2])
    fwd = min((c for c in candidates if c[3] >= a), key=lambda c: c[2])
    return _choose(direction, a, back, fwd, soft)


def _shift(spec: Spec, a: dt.date):
    k, unit = spec.offset, spec.unit
    if unit == "day":
        return P.day(a + dt.timedelta(days=k))
    if unit == "week":
        return P.week(a + dt.timedelta(weeks=k))
    if unit == "month":
        return P.month(*P.add_months(a.year, a.month, k))
    if unit == "quarter":
        y, m = P.add_months(a.year, 3 * P.quarter_of(a) - 2, 3 * k)
        return P.quarter(y, (m - 1) // 3 + 1)
    if unit == "year":
        return P.year(a.year + k)
    if unit == "decade":
        return P.decade(a.year + 10 * k)
    if unit == "century":
        return P.century(a.year + 100 * k)
    raise ValueError(unit)


def year_ago_quarter(quarter_value: str | None, a: dt.date):
    """"a year ago" beside a quarter: the same quarter one year earlier (the results-news
    reading); without a quarter value, the last completed quarter's. None off the calendar."""
    if quarter_value and len(quarter_value) == 7 and quarter_value[5] == "Q":
        y, q = int(quarter_value[:4]), int(quarter_value[6])
    else:
        y, m = P.add_months(a.year, 3 * P.quarter_of(a) - 2, -3)
        q = (m - 1) // 3 + 1
    try:
        return P.quarter(y - 1, q)
    except ValueError:
        return None
