"""Time: temporal expressions in article text, resolved against the article's date.

    find(text, anchor)                -> [Timex] in text order, non-overlapping
    resolve(timex_or_phrase, anchor, direction) -> Timex  (re-anchor one expression)
    anchor_from(published)            -> datetime.date | None  (the article date from metadata)

Flow for one text (all offsets are character offsets into the text given):

    scan.scan(text)          -> (start, end, Spec): head words found, patterns.py tried around
                                them, handlers.py turning each match into a Spec or away
    cues.Reader.direction    -> forward / backward from the clause's tense, only for phrases
                                that leave it open ("in March", "on Thursday")
    anchoring.resolve_spec   -> value, granularity, lo, hi against the anchor

Values are TimeML-style strings ("2018-03-15", "2018-03", "2018-W11", "2018-W11-WE", "2018-Q1",
"2018-H2", "2018-SU", "2018", "199" for the 1990s, "19" for the 20th century, "PRESENT_REF",
"PAST_REF", "FUTURE_REF"); granularities are model.GRANULARITIES. Times of day are not
resolved: "Wednesday night" is the Wednesday, at day granularity.
"""

from __future__ import annotations

import datetime as dt
import re

from briefing.analysis.temporal import cues, scan
from briefing.analysis.temporal.anchoring import needs_direction, resolve_spec, year_ago_quarter
from briefing.analysis.temporal.model import BACKWARD, DIRECTIONS, FORWARD, GRANULARITIES, NONE, Timex

__all__ = ["Timex", "find", "resolve", "anchor_from", "GRANULARITIES", "DIRECTIONS", "FORWARD",
           "BACKWARD", "NONE"]

_QUARTER_WORD = re.compile(r"quarter", re.IGNORECASE)


def find(text: str, anchor: dt.date | None = None) -> list[Timex]:
    """Every temporal expression in `text`, resolved against `anchor` (the article date).

    A phrase that leaves its direction open is placed by the tense of its own clause: a future
    modal ("will", "plans to") puts it ahead of the anchor; other cues (past tense, "since",
    "payable", "next") make it lean that way; a sentence without cues takes the occurrence
    nearest the anchor. With no anchor, anchor-dependent values are None.
    """
    if not text:
        return []
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    found = list(scan.scan(text))
    reader = None  # tense cues are read only for texts that need them
    out: list[Timex] = []
    shifted: set[int] = set()  # indices in `out` already moved a year back by _year_ago
    for start, end, spec in found:
        direction, firm = NONE, True
        if needs_direction(spec) or spec.year_ago:
            reader = reader or cues.Reader(text, [(s, e) for s, e, _ in found])
        if needs_direction(spec):
            direction, firm = reader.direction(start, end)
            if spec.needs_future and direction != FORWARD:
                continue  # "in two years" without a future cue is a duration, not a date
        soft = not firm or spec.kind in ("quarter", "half")  # "will report third-quarter results"
        value, gran, lo, hi, relative, placed = resolve_spec(spec, anchor, direction, soft)
        if spec.year_ago and anchor is not None:
            quarter = _year_ago(reader, start, end, anchor, out, shifted)
            if quarter:
                value, gran, lo, hi = quarter
                shifted.add(len(out))
        elif spec.kind == "quarter" and spec.rel_year == -1:
            shifted.add(len(out))  # "the year-ago quarter", "last year's third quarter"
        out.append(Timex(start, end, text[start:end], value, gran, lo, hi, relative, placed))
    return out


_RESULTS_REACH = 600  # characters back to the quarter a results story is about


def _year_ago(reader: cues.Reader, start: int, end: int, anchor: dt.date, found: list[Timex],
              shifted: set[int]):
    # In results news "a year ago" / "year-earlier" follows a quarter and means that quarter one
    # year back; elsewhere it is the year before the anchor.
    for i in range(len(found) - 1, -1, -1):
        t = found[i]
        if t.start < start - _RESULTS_REACH:
            break
        if t.granularity == "quarter":
            if i in shifted:  # "the year-ago quarter ... a year ago": already a year back
                return t.value, t.granularity, t.lo, t.hi
            return year_ago_quarter(t.value, anchor)
    lo, hi = reader.sentence(start, end)
    if _QUARTER_WORD.search(reader.text, lo, hi):
        return year_ago_quarter(None, anchor)
    return None


def resolve(phrase: Timex | str, anchor: dt.date, direction: str) -> Timex:
    """Re-anchor one expression with a direction decided elsewhere (say, from an event's modality).

    `phrase` is a Timex from find() (its offsets are kept) or a short text holding one expression
    (offsets are then into that text). `direction` is FORWARD, BACKWARD or NONE (nearest to the
    anchor). Phrases that state their own way ("last April", "next week") ignore it. Raises
    ValueError when the text holds no temporal expression or the direction is unknown.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    text = phrase.text if isinstance(phrase, Timex) else phrase
    parsed = scan.parse(text)
    if parsed is None:
        # Alone, "May" or "March" is not taken for a month; as the object of "in" it is.
        parsed = scan.parse("in " + text)
        if parsed is None:
            raise ValueError(f"no temporal expression in {text!r}")
        start, end, spec = parsed
        start, end = start - 3, end - 3
    else:
        start, end, spec = parsed
    if isinstance(phrase, Timex) and not needs_direction(spec):
        return phrase  # no direction can move it, and find() may have refined it from context
    offset = phrase.start if isinstance(phrase, Timex) else 0
    value, gran, lo, hi, relative, placed = resolve_spec(spec, anchor, direction)
    return Timex(offset + start, offset + end, text[start:end], value, gran, lo, hi, relative, placed)


_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


def anchor_from(published: str | dt.date | None) -> dt.date | None:
    """The anchor for an article: its stored ISO date ("2018-02-14", "2018-02-14T10:00:00")."""
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    m = _ISO_DAY.match(published or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
