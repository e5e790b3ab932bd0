"""Reuters-style datelines: ``KINGSTON (Reuters) - ``, ``SALVADOR, Feb 26 - ``, ``PORTLAND, Ore., Feb 26 -``.

The dateline names where a story was filed and who filed it. It is metadata, not prose, so it is
taken off the body (otherwise it would pollute the lead sentence, the derived title and search).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"""^[ \t\n]*
    (?:(?P<place>[A-Z][A-Z.'’&-]+(?:[ ][A-Z][A-Z.'’&-]*){0,4})   # KINGSTON, MEXICO CITY, ST. LUCIA
    (?P<region>,[ ]?[A-Z][a-zA-Z.]{1,10}(?:[ ][A-Z][a-zA-Z.]{1,10})?(?=,|/|[ ]*\(|[ ]*[-–—]))?  # , Ore.
    (?P<more>(?:/[A-Z][A-Za-z.'’&-]+(?:[ ][A-Z][A-Za-z.'’&-]*){0,4})*))?  # /WASHINGTON (filed from two)
    (?:,[ ]?(?P<date>"""
    + _MON
    + r"""[ ]\d{1,2}))?                                               # , Feb 26
    (?:[ ]*\((?P<source>[A-Za-z][\w .&’'-]{0,30})\))?                 # (Reuters)
    [ ]*(?:--|[-–—])[ \t\n]*""",
    re.VERBOSE,
)


_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")


@dataclass(slots=True, frozen=True)
class Dateline:
    place: str | None
    source: str | None
    date_text: str | None  # e.g. "Feb 26": no year, so resolved later against the article date
    body: str  # the text with the dateline removed


def _title_case(place: str) -> str:
    # "MEXICO CITY" -> "Mexico City", but keep short abbreviations such as "U.S." as written.
    return " ".join(w if _INITIALS.match(w) else w.capitalize() for w in place.split(" "))


def parse_dateline(text: str) -> Dateline:
    """Split a leading dateline off `text`. Text without one comes back unchanged in `body`."""
    match = _DATELINE.match(text[:200])
    if not match:
        return Dateline(None, None, None, text)
    place, date, source = match["place"], match["date"], match["source"]
    if place is None:  # "(Reuters) - ...": a source without a place
        return Dateline(None, source, date, text[match.end():]) if source else Dateline(None, None, None, text)
    # A bare capitalised word followed by a dash is only a dateline when something else
    # marks it as one (a date or a source) or it reads as a place (at least 3 letters).
    letters = sum(c.isalpha() for c in place)
    if letters < 3 or (date is None and source is None and letters < 4):
        return Dateline(None, None, None, text)
    full_place = _title_case(place) + (match["region"] or "")
    if match["more"]:
        full_place += "".join("/" + _title_case(p) for p in match["more"].split("/")[1:])
    return Dateline(full_place, source, date, text[match.end():])
