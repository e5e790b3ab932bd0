"""Surface features for comparing two articles: content words, numbers, years and calendar dates.

Pure regular expressions and word lists written by hand; nothing is derived from any corpus.
Each finder yields (feature key, surface text, start offset) so a caller can both count a feature
and show it to a reader ("4.7 in both"). Keys are namespaced: `w:` word stems, `n:` numbers,
`c:` small counts (2 to 12), `y:` years, `md:` a month and day, `d:` a full date, `wd:` a weekday.

Dates here are deliberately simple (explicit "May 2", "2 May 2013", weekdays, "yesterday" and
"today" resolved against the article's own date when it has one); `briefing.analysis.temporal`
can replace `dates()` once it exists, the keys it must produce are `d:YYYY-MM-DD` and `y:YYYY`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache

# Function words and the vocabulary of reporting itself: shared by any two news stories. Weekdays
# and small number words are here because `dates` and `numbers` read them as such.
STOP = frozenset("""
a about above after again against ago all almost along already also although always am among an and
another any anyone anything are around as at away back be became because become been before being
below between both but by came can cannot could day days did do does doing done down during each
early either else even ever every few for former from further get gets getting got had has have
having he her here hers herself him himself his how however i if in including inside instead into
is it its itself just last late later least less like made make makes many may me might more most
much must my myself near nearly never new next no nor not now of off often on once one only onto or
other others our ours out over own past per perhaps put rather really said same say saying says see
seen several she should since so some still such than that the their theirs them themselves then
there these they this those though three through thus time times to today told too toward two
under until up upon us use used very via was way we week weeks well were what when where whether
which while who whom whose why will with within without would year years yesterday yet you your
according added adding asked called comes go going know known let look mr mrs ms news report
reported reporter reports statement took told take takes taken tell telling think thursday monday
tuesday wednesday friday saturday sunday month months morning night evening afternoon am pm
""".split())

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {m: i + 1 for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")]) for m in names}

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light suffix stripper: enough to meet "quakes"/"quake", "killed"/"kill", not a lemmatiser."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # "stopped" -> "stop"
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]  # "damage" meets "damaged" (-> "damag")
    return w


_WORD_KEY: dict[str, str | None] = {}  # token -> its `w:` key (None: a stop word); bounded below


def word_key(token: str) -> str | None:
    key = _WORD_KEY.get(token, "")
    if key == "":
        low = token.lower().replace("’", "'")
        key = None
        if low not in STOP and len(low) >= 3:
            s = stem(low)
            key = None if s in STOP else "w:" + s
        if len(_WORD_KEY) < 500_000:
            _WORD_KEY[token] = key
    return key


def words(text: str) -> Iterator[tuple[str, str, int]]:
    for m in _WORD.finditer(text):
        shown = m.group()
        key = word_key(shown)
        if key is not None:
            yield key, shown[:-2] if shown[-2:] in ("'s", "’s") else shown, m.start()


# -- numbers ---------------------------------------------------------------------------------------

_SCALE = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9, "bln": 1e9,
          "trillion": 1e12}
_NUMBER = re.compile(
    r"(?<![\w.:/-])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:[\s-]?(?P<scale>thousand|million|billion|trillion|mn|mln|bn|bln)\b)?"
    r"(?![A-Za-z\d])(?P<after>[:/]\d|-\d)?")


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


_SPELLED = {w: i + 2 for i, w in enumerate(
    "two three four five six seven eight nine ten eleven twelve".split())}
_SPELLED.update({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                 "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12})
_SPELLED_RE = re.compile(r"(?i)\b(" + "|".join(_SPELLED) + r")\b(?!-)")
_MONTH_NEAR = re.compile(r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$")
_MONTH_AFTER = re.compile(r"(?i)\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")


def numbers(text: str) -> Iterator[tuple[str, str, int]]:
    """Counts, amounts, magnitudes, ages, scores, as `n:` keys, and small counts (2 to 12, in
    digits or words: "five hurt", "10 dead") as `c:` keys, which say less. Years, days of a month
    and clock times are left out: the first two are dates, the last is when a page was updated."""
    for m in _NUMBER.finditer(text):
        raw = m.group("num")
        after = m.group("after") or ""
        if after[:1] == ":" or (after[:1] == "/" and len(raw) <= 2):
            continue  # 4:59, 05/02/2013
        if after[:1] == "-" and "." not in raw:  # a score or record: 20-13, 52-3
            score = re.match(r"-(\d+)", text[m.end("num"):])
            if score:
                yield f"n:{raw}-{score.group(1)}", text[m.start():m.end("num") + score.end()], m.start()
                continue
        value = float(raw.replace(",", ""))
        if m.group("scale"):
            value *= _SCALE[m.group("scale").lower()]
        elif "." not in raw:
            if 1900 <= value <= 2099 and "," not in raw:
                continue
            if value <= 31 and (_MONTH_NEAR.search(text, max(0, m.start() - 12), m.start())
                                or _MONTH_AFTER.match(text, m.end("num"))):
                continue  # the day of "May 2", "2nd of May"
            if value < 2:
                continue
        surface = m.group("num") + (" " + m.group("scale") if m.group("scale") else "")
        yield ("c:" if value <= 12 and "." not in raw else "n:") + _plain(value), surface, m.start()
    for m in _SPELLED_RE.finditer(text):
        value = _SPELLED[m.group(1).lower()]
        yield ("c:" if value <= 12 else "n:") + str(value), m.group(1), m.start()


# -- dates -----------------------------------------------------------------------------------------

_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
       r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_MON2 = _MON.replace("mon>", "mon2>")
_MONTH_DAY = re.compile(
    rf"(?i)\b(?:{_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON2}\b(?:,?\s+(?P<year2>(?:19|20)\d\d)\b)?)")
_ANY_MONTH = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_YEAR = re.compile(r"(?<![\d,.$-])((?:19|20)\d\d)(?![\d,])")
_RELATIVE = re.compile(r"(?i)\b(yesterday|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def dates(text: str, anchor: date | None) -> Iterator[tuple[str, str, int]]:
    """Calendar dates and years the text states, and weekdays resolved against `anchor`.

    Month-day and weekday keys (`md:`, `wd:`) are always given, so an undated article can still
    meet a dated one; a full date (`d:`) is added when the year is stated or the anchor gives it. A
    weekday in a news story almost always means the most recent one on or before the day it was
    written."""
    for m in (_MONTH_DAY.finditer(text) if _ANY_MONTH.search(text) else ()):
        mon = (m.group("mon") or m.group("mon2")).lower()
        day = int(m.group("day") or m.group("day2"))
        year = m.group("year") or m.group("year2")
        month = MONTHS.get(mon[:3] if mon[:4] != "sept" else "sep")
        if not month or not 1 <= day <= 31:
            continue
        yield f"md:{month:02d}-{day:02d}", m.group(), m.start()
        if year is None and anchor is not None:
            d = _make(anchor.year, month, day)
            if d and d > anchor + timedelta(days=60):  # "Dec. 2" in a January story is last year's
                d = _make(anchor.year - 1, month, day)
            year = d.year if d else None
        if year is not None and (d := _make(int(year), month, day)):
            yield "d:" + d.isoformat(), m.group(), m.start()
    for m in _YEAR.finditer(text):
        yield "y:" + m.group(1), m.group(1), m.start()
    for m in _RELATIVE.finditer(text):
        word = m.group(1).lower()
        if word in WEEKDAYS:
            yield "wd:" + word, m.group(1), m.start()
        if anchor is None:
            continue
        if word in ("today", "tonight"):
            d = anchor
        elif word == "yesterday":
            d = anchor - timedelta(days=1)
        else:
            d = anchor - timedelta(days=(anchor.weekday() - WEEKDAYS.index(word)) % 7)
        yield "d:" + d.isoformat(), m.group(1), m.start()
