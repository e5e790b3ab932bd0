"""Word tables shared by the patterns: month and weekday names, number words, units."""

from __future__ import annotations

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}

# Month names that are also common words or first names: alone they count only after a word
# that makes them a date ("in May", "last March"), never as "May I" or "the March on ...".
AMBIGUOUS_MONTHS = frozenset({"may", "march", "april", "june", "august"})

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a couple of": 2, "a couple": 2,
}
VAGUE_NUMBERS = frozenset({"a few", "few", "several", "some", "many"})

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4}

SEASONS = {"spring": 0, "summer": 1, "fall": 2, "autumn": 2, "winter": 3}

DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                "seventies": 70, "eighties": 80, "nineties": 90}

CENTURY_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "eighteenth": 18}

# Deictic words naming a day by its distance from the anchor.
DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}

# this/last/next and the other determiners that fix which unit is meant.
SHIFTS = {
    "this": 0, "the current": 0, "current": 0, "the present": 0,
    "next": 1, "the next": 1, "the coming": 1, "coming": 1,
    "last": -1, "the last": -1, "past": -1, "the past": -1, "the previous": -1,
    "previous": -1, "the latest": -1, "the most recent": -1, "the prior": -1, "prior": -1,
}

_UNITS = {w: n for w, n in NUMBERS.items() if n < 10 and " " not in w and w not in ("a", "an")}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}

# Years as broadcast transcripts write them: "nineteen ninety-six", "two thousand and one".
SPOKEN_YEAR = (
    r"(?i:(?:nineteen|twenty)[ -](?:hundred|(?:" + "|".join(_TENS) + r")(?:[ -](?:"
    + "|".join(_UNITS) + r"))?|" + "|".join(_TEENS) + r"|oh[ -](?:" + "|".join(_UNITS) + r"))"
    r"|two thousand(?:(?:[ -]and)?[ -](?:" + "|".join(list(_TEENS) + list(_UNITS)) + r"))?)"
)


def spoken_year(words: str) -> int | None:
    parts = words.lower().replace("-", " ").split()
    if parts[:2] == ["two", "thousand"]:
        rest = [p for p in parts[2:] if p != "and"]
        return 2000 + sum(_UNITS.get(p, 0) + _TEENS.get(p, 0) for p in rest)
    century = {"nineteen": 1900, "twenty": 2000}.get(parts[0])
    if century is None:
        return None
    rest = [p for p in parts[1:] if p not in ("hundred", "oh")]
    return century + sum(_TENS.get(p, 0) + _UNITS.get(p, 0) + _TEENS.get(p, 0) for p in rest)
