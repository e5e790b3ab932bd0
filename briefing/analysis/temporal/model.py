"""What a resolved temporal expression is, and the parsed form a pattern hands to resolution."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

# The closed set of granularities. "week" also covers weekends (value "2018-W11-WE");
# "vague" is for PRESENT_REF / PAST_REF / FUTURE_REF, which name no calendar unit.
GRANULARITIES = ("day", "week", "month", "season", "quarter", "half", "year", "decade",
                 "century", "vague")

FORWARD, BACKWARD, NONE = "forward", "backward", "none"
DIRECTIONS = (FORWARD, BACKWARD, NONE)


@dataclass(frozen=True, slots=True)
class Timex:
    start: int  # character offsets into the text given to find(); text == given[start:end]
    end: int
    text: str
    value: str | None  # TimeML-style; None when the phrase needs an anchor and none was given
    granularity: str  # one of GRANULARITIES
    lo: datetime.date | None  # inclusive interval the value covers (open side None for PAST/FUTURE_REF)
    hi: datetime.date | None
    relative: bool  # the value depends on the anchor: inferred, not stated
    direction: str  # how an underspecified phrase was placed: FORWARD, BACKWARD, or NONE

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value,
                "granularity": self.granularity,
                "lo": self.lo.isoformat() if self.lo else None,
                "hi": self.hi.isoformat() if self.hi else None,
                "relative": self.relative, "direction": self.direction}


@dataclass(frozen=True, slots=True)
class Spec:
    """What a phrase says, before any anchor: the patterns produce it, resolution consumes it.

    kind and the fields it uses:
      date     year?, month, day            ("March 3, 2018", "Feb 26")
      month    year?, month                 ("March 1987", "in March", "June last year" via rel_year)
      year     year, year2? (fiscal pair)   ("1987", "1987/88")
      weekday  n = 0 (Monday) .. 6
      weekend  -
      quarter  n = 1..4, or 0 for "the quarter" (the last completed one)
      half     n = 1..2
      season   n = 0 spring, 1 summer, 2 fall, 3 winter
      holiday  month, day, or n = -1 for Thanksgiving (fourth Thursday of November)
      shift    unit, offset                 ("yesterday", "last month", "3 weeks ago")
      decade   year (first year)            ("the 1990s")
      century  year (first year)            ("the 20th century")
      ref      ref = PRESENT_REF | PAST_REF | FUTURE_REF
    shift: -1 "last", +1 "next", 0 "this", None when the phrase does not say (direction decides).
    rel_year: -1/0/+1 for "... last/this/next year" attached to a month, quarter, half or season.
    year_ago: the phrase is "a year ago" and friends; a quarter in the same sentence refines it.
    """

    kind: str
    year: int | None = None
    year2: int | None = None
    month: int | None = None
    day: int | None = None
    n: int | None = None
    unit: str | None = None
    offset: int = 0
    shift: int | None = None
    rel_year: int | None = None
    ref: str | None = None
    year_ago: bool = False
    needs_future: bool = False  # "in 3 years": only a date when the clause looks forward
