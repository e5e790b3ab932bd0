"""What a matched phrase says (a Spec), and the false friends turned away.

Each handler takes the pattern's match and the whole text and returns a Spec, or None to reject
the candidate: "May I", "the March on Washington", "$1987", "1987 shares", "entered by 1000
London time", "the first time in two years", "prices fall".
"""

from __future__ import annotations

import calendar
import re

from briefing.analysis.temporal.lexicon import (
    AMBIGUOUS_MONTHS, CENTURY_WORDS, DAYS, DECADE_WORDS, MONTHS, NUMBERS, ORDINALS, SEASONS, SHIFTS,
    VAGUE_NUMBERS, WEEKDAYS, spoken_year,
)
from briefing.analysis.temporal.model import Spec
from briefing.analysis.temporal.patterns import MON, UNITS_AFTER_NUMBER


# Words after which an ambiguous month name ("May", "March") is a date.
_MONTH_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|through|thru|during|before|after|of|for|between|"
    r"early|late|mid|end|last|next|this|each|every|around|on)|\d{4}|-)\s*$", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"\b{MON}(?:\s+\d{{1,2}})?,?\s+(?:and|or|to|through|-)\s*$")
# "a June agreement", "its April report": a determiner, the month, then a common noun (not a
# preposition, which would make "the March on Washington" a date).
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|its|his|her|their|our)\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+(?!(?:on|of|to|for|from|in|at|by|with|against|and|or|is|was|will|"
                         r"would|has|had|said)\b)[a-z]")
_WORD_BEFORE = re.compile(r"([\w.’'$£€#]+)\s*$")
# A four-digit number followed by a unit is a quantity ("2000 tonnes", "1200 GMT", "1000 London
# time"). Words a year often qualifies ("1987 results", "1987 accounts", "1987 stock market
# crash") are deliberately absent.
_YEAR_UNIT_AFTER = re.compile(
    r"\s*(?:[-/]\s*)?(?:" + UNITS_AFTER_NUMBER + r"|shares|tonnes|tons|tonne|ton|barrels|bpd|bbl|"
    r"units|points|feet|ft|metres|meters|miles|km|kilometers|kilometres|acres|hectares|votes|"
    r"troops|soldiers|people|persons|cars|vehicles|jobs|workers|employees|members|sq|square|gmt|"
    r"est|edt|cst|cdt|pst|pdt|bst|hrs|hours|hour|local|lbs|kg|kilos|ounces|oz|bales|bags|head|"
    r"cattle|hogs|contracts|lots|homes|houses|yards|minutes|seconds|rpm|mhz|copies|passengers|"
    r"seats|rooms|beds|men|women|children|students|tanks|planes|aircraft|ships|guns|delegates|"
    r"calories|kilowatts|megawatts|mw|kw|kwh|volts|degrees|meter|metre|mile|foot|inch|inches|cc|"
    r"ml|litres|liters|gallons|bushels|(?:london|new york|tokyo|eastern|central|pacific) time)\b",
    re.IGNORECASE)
_NOT_YEAR_BEFORE = frozenset("no no. nos. number flight route page room model suite box highway "
                             "interstate apt. apartment tel phone fax ext. rt. hwy. item code "
                             "zip article section chapter rule paragraph vol. vol version "
                             "v lot unit gate platform track bus".split())
_OLD_YEAR_CUE = frozenset("in since from until till by of before after around circa c. year".split())
_COUNT_TIME_BEFORE = re.compile(
    r"(?:\b(?:time|first|highest|lowest|best|worst|biggest|largest|smallest|strongest|weakest|"
    r"sharpest|fastest|slowest|most|least|ever|record|once|twice)\b[^.;]{0,25})$", re.IGNORECASE)


def _prev_word(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return m.group(1).lower() if m else ""


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(s: str) -> int:
    return int(s.rstrip("stndrh"))


def _year(s: str | None) -> int | None:
    return int(s) if s else None


def _shift(word: str | None) -> int | None:
    if not word:
        return None
    word = " ".join(word.lower().split())
    if word in ("this past", "past", "the past"):
        return -1
    if word in ("this coming", "the coming"):
        return 1
    return SHIFTS.get(word)


def _number(word: str) -> int | None:
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def _rel_year(word: str | None) -> int | None:
    if not word:
        return None
    return {"last": -1, "this": 0, "next": 1, "the": 0}.get(word.lower().split()[0])


# Handlers: (match, text) -> Spec or None (None rejects the candidate).

def _iso(m, text):
    return _date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))


def _date(year, month, day):
    if year is None:
        return Spec("date", month=month, day=day) if day <= _MONTH_DAYS[month] else None
    if day > calendar.monthrange(year, month)[1]:
        return None
    return Spec("date", year=year, month=month, day=day)


_MONTH_DAYS = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def _wdate(m, text):
    mon, day = (m["wdate_m1"], m["wdate_d1"]) if m["wdate_m1"] else (m["wdate_m2"], m["wdate_d2"])
    return _date(_year(m["wdate_y"]), _month(mon), _day(day))


def _mdy(m, text):
    return _date(_year(m["mdy_y"]), _month(m["mdy_m"]), _day(m["mdy_d"]))


def _myear(m, text):
    y = m["my_y"]
    return Spec("month", year=int(y) if y.isdigit() else spoken_year(y), month=_month(m["my_m"]))


def _mrel(m, text):
    return Spec("month", month=_month(m["mr_m"]), rel_year=_rel_year(m["mr_s"]))


def _dmy(m, text):
    before = text[max(0, m.start() - 1):m.start()]
    if before and (before in "$£€.,#" or before.isdigit()):
        return None
    return _date(_year(m["dmy_y"]), _month(m["dmy_m"]), _day(m["dmy_d"]))


def _quarter(m, text):
    n = ORDINALS[m["q_n"].lower()]
    half = m["q_u"].lower() == "half"
    if half and n > 2:
        return None
    kind = "half" if half else "quarter"
    s = (m["q_s"] or "").lower()
    y = m["q_y"]
    if y and y[0].isdigit():
        return Spec(kind, year=int(y), n=n)
    if s[:1].isdigit():
        return Spec(kind, year=int(s), n=n)
    if y:
        return Spec(kind, n=n, rel_year=_rel_year(y))
    if s in ("year-ago", "year-earlier"):
        return Spec(kind, n=n, rel_year=-1)
    if s.endswith("year's"):
        return Spec(kind, n=n, rel_year=_rel_year(s))
    return Spec(kind, n=n, shift=_shift(s) if s else None)


def _q0(m, text):
    words = m["q0_t"].lower().split()
    if "current" in words:
        return Spec("shift", unit="quarter", offset=0)
    if "year-ago" in words or "year-earlier" in words:
        return Spec("quarter", n=0, rel_year=-1)
    return Spec("quarter", n=0)


def _qq(m, text):
    return Spec("quarter", n=int(m["qq_q"][1]), year=_year(m["qq_y"]))


def _units(m, text):
    det = " ".join(m["u_s"].lower().split())
    unit = m["u_u"].lower()
    mod = (m["u_mod"] or "").lower()
    if det == "the":
        if unit == "weekend" and not mod:
            return Spec("weekend")  # which weekend is left to the clause's tense
        if not mod:
            return None  # "the year", "the week": referential, not anchored to the article date
        det = "this"
    offset = _shift(det)
    if offset is None:
        return None
    if unit == "quarter" and det in ("the latest", "the most recent"):
        return Spec("quarter", n=0)
    if unit == "weekend":
        return Spec("weekend", shift=offset)
    return Spec("shift", unit=unit, offset=offset)


def _month_bare(m, text):
    name = m["mo_m"]
    shift = _shift(m["mo_s"])
    if name.lower() in AMBIGUOUS_MONTHS and shift is None and not m["mo_mod"]:
        before = text[max(0, m.start() - 40):m.start()]
        if not (_MONTH_CUE_BEFORE.search(before) or _MONTH_BEFORE.search(before)
                or (_DETERMINER_BEFORE.search(before) and _NOUN_AFTER.match(text, m.end()))):
            return None
        after = text[m.end():m.end() + 2]
        if name == "May" and after[:1] == " " and text[m.end() + 1:m.end() + 2].isupper():
            return None  # "... to May Smith"
    return Spec("month", month=_month(name), shift=shift)


_NAME_AFTER_WEEKDAY = re.compile(r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Independent|"
                                 r"Tribune|Star|Sport|Night Live|School|Club)\b")


def _weekday(m, text):
    if _NAME_AFTER_WEEKDAY.match(text, m.end()):
        return None
    s = (m["wd_s"] or "").lower()
    shift = {"last": -1, "this past": -1, "next": 1, "this coming": 1, "this": 0}.get(s)
    return Spec("weekday", n=WEEKDAYS[m["wd_d"].lower()], shift=shift)


def _dayword(m, text):
    w = " ".join(m["dw"].lower().split())
    if w in DAYS:
        offset = DAYS[w]
    elif w == "the day before yesterday":
        offset = -2
    elif w == "the day after tomorrow":
        offset = 2
    else:
        offset = 0  # this morning / afternoon / evening
    return Spec("shift", unit="day", offset=offset)


def _season(m, text):
    n = SEASONS[m["se_n"].lower()]
    s = (m["se_s"] or "").lower()
    y = _year(m["se_y"])
    if y:
        return Spec("season", n=n, year=y)
    if not s:
        return None  # bare "summer", "fall": too often not a date ("prices fall")
    if s == "the":
        if re.match(r"\s+of\b", text[m.end():m.end() + 4], re.I):
            return None  # "the fall of the wall"
        return Spec("season", n=n)
    return Spec("season", n=n, shift=_shift(s))


def _ago(m, text):
    word = m["ago_w"].lower()
    unit = m["ago_u"].lower().replace("centurie", "century")
    raw = " ".join(m["ago_n"].lower().split())
    sign = 1 if word in ("from now", "hence") else -1
    if raw in VAGUE_NUMBERS:
        return Spec("ref", ref="FUTURE_REF" if sign > 0 else "PAST_REF")
    n = _number(raw)
    if n is None:
        return None
    if unit == "decade":
        unit, n = "year", n * 10
    if unit == "century":
        unit, n = "year", n * 100
    return Spec("shift", unit=unit, offset=sign * n, year_ago=(unit == "year" and n == 1 and sign < 0))


def _in_n(m, text):
    raw = " ".join(m["in_n"].lower().split())
    n = _number(raw)
    unit = m["in_u"].lower()
    if n is None or unit not in ("day", "week", "month", "year"):
        return None
    if _COUNT_TIME_BEFORE.search(text, max(0, m.start() - 40), m.start()):
        return None  # "the first time in two years", "the highest in 10 years": a duration
    return Spec("shift", unit=unit, offset=n, needs_future=True)


def _ya(m, text):
    return Spec("shift", unit="year", offset=-1, year_ago=True)


def _decade(m, text):
    return Spec("decade", year=int(m["de_y"]))


def _decword(m, text):
    if m["dw_w"]:
        return Spec("decade", year=1900 + DECADE_WORDS[m["dw_w"].lower()])
    return Spec("decade", year=1900 + 10 * int(m["dw_y"]))


def _century(m, text):
    raw = m["ce_n"].lower()
    n = CENTURY_WORDS.get(raw) or int(raw.rstrip("stndrh"))
    if not 1 <= n <= 30:
        return None
    return Spec("century", year=(n - 1) * 100)


def _holiday(m, text):
    name = m["ho_n"].lower()
    shift = {"last": -1, "next": 1, "this": 0}.get((m["ho_s"] or "").lower())
    if name.startswith("christmas"):
        return Spec("holiday", month=12, day=24 if name.endswith("eve") else 25, shift=shift)
    if name.startswith("new year"):
        return Spec("holiday", month=12 if name.endswith("eve") else 1,
                    day=31 if name.endswith("eve") else 1, shift=shift)
    return Spec("holiday", n=-1, month=11, shift=shift)  # Thanksgiving


def _year_bare(m, text):
    y = int(m["y_y"])
    y2s = m["y_y2"]
    prefix = (m["y_f"] or "").lower()
    mod = m["y_mod"]
    end = m.end()
    y2 = None
    if y2s:
        # "1987/88" (a fiscal or crop year) or a short range "1986-1990": one span over both.
        y2 = int(y2s) + (y - y % 100 if len(y2s) == 2 else 0)
        if len(y2s) == 2 and y2 < y:
            y2 += 100
        if not y < y2 <= y + 10:
            return None  # "1987-1234": a code or a phone number
    if not (prefix or mod):
        start = m.start("y_y")
        before = text[max(0, start - 1):start]
        if before and (before in "$£€#+-/.,:'’" or before.isalnum()):
            return None
        if _YEAR_UNIT_AFTER.match(text, end):
            return None
        word = _prev_word(text, start)
        if word in _NOT_YEAR_BEFORE:
            return None
        if y < 1900 and word not in _OLD_YEAR_CUE:
            return None
    if y < 1000:
        return None
    return Spec("year", year=y, year2=y2)


def _spoken(m, text):
    words = m["sp_y"].lower()
    if words.startswith("two thousand") and not (m["sp_the"] or m["sp_mod"]):
        if _prev_word(text, m.start()) not in _OLD_YEAR_CUE:
            return None  # "two thousand troops"
    return Spec("year", year=spoken_year(words))


def _ref(kind):
    def handler(m, text):
        if kind == "FUTURE_REF" and m["fut_t"].lower() == "soon":
            if _prev_word(text, m.start()) in ("as", "how", "too"):
                return None  # "as soon as", "too soon to say"
        return Spec("ref", ref=kind)
    return handler


HANDLERS = {
    "iso": _iso, "wdate": _wdate, "mdy": _mdy, "myear": _myear, "mrel": _mrel, "dmy": _dmy,
    "quarter": _quarter, "q0": _q0, "qq": _qq, "units": _units, "month": _month_bare,
    "weekday": _weekday, "dayword": _dayword, "season": _season, "ago": _ago, "in_n": _in_n,
    "ya": _ya, "decade": _decade, "decword": _decword, "century": _century, "holiday": _holiday,
    "year": _year_bare, "spoken": _spoken, "present": _ref("PRESENT_REF"), "past": _ref("PAST_REF"),
    "future": _ref("FUTURE_REF"),
}
