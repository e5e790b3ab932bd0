"""What temporal expressions look like: one table of anchored word patterns.

No general date parser is ever run over text. Each pattern is an anchored regular expression
for one family of phrases ("March 3, 2018", "last month", "three years ago", "the third
quarter"); scan.py tries them only where a head word stands, and handlers.py turns a match into
a Spec or turns it away. At one position the first pattern that matches wins, so the table is
ordered longest reading first ("last year's fourth quarter" before "last year", "March 3, 2018"
before "March").

Spans follow TimeML: prepositions ("in", "on") stay outside, modifiers ("early", "mid-", "the
end of") stay inside.
"""

from __future__ import annotations

import re

from briefing.analysis.temporal.lexicon import (
    CENTURY_WORDS, DECADE_WORDS, MONTHS, NUMBERS, SEASONS, SPOKEN_YEAR, VAGUE_NUMBERS, WEEKDAYS,
)


def alts(words) -> str:
    # Longest first, so "a couple of" wins over "a".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
MON = rf"(?:{MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z])"
UNITS_AFTER_NUMBER = (r"%|pct\b|percent|per cent|mln\b|million|billion|bln\b|dlrs|dollars|cts\b|"
                       r"cents|yen\b|marks\b|francs\b|pounds\b|stg\b")
_DAY = rf"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|[.,:/]\d|\s*(?:{UNITS_AFTER_NUMBER}))"
_YEAR = r"(?:1\d\d\d|20\d\d)(?!\d|[.,:/]\d|%)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_NUM = rf"\d{{1,3}}|(?i:{alts(list(NUMBERS) + list(VAGUE_NUMBERS))})"
_UNIT = r"(?i:day|week|month|year|decade|century|centurie)"
_MOD_WORDS = ("early", "late", "mid", "earlier", "later", "the end of", "the beginning of",
              "the start of", "the middle of", "the rest of", "the remainder of", "the close of")


def _mod(p: str) -> str:
    return rf"(?:(?P<{p}_mod>(?i:{alts(_MOD_WORDS)})(?: in)?)[ -]+)?"


_SHIFT = "this|next|last|this past|this coming|the coming|the past|past"

_PATTERNS = [
    ("iso", r"(?P<iso_y>\d{4})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])(?![\d])"),
    ("wdate", rf"(?P<wdate_wd>{_WEEKDAY}),? (?:(?P<wdate_m1>{MON}) (?P<wdate_d1>{_DAY})"
              rf"|(?P<wdate_d2>{_DAY}) (?P<wdate_m2>{MON}))(?:,? (?P<wdate_y>{_YEAR}))?"),
    ("mdy", rf"{_mod('mdy')}(?P<mdy_m>{MON}) (?:the )?(?P<mdy_d>{_DAY})(?:,? (?P<mdy_y>{_YEAR}))?"),
    ("myear", rf"{_mod('my')}(?P<my_m>{MON}),? (?:(?i:of) )?(?P<my_y>{_YEAR}|{SPOKEN_YEAR}\b)"),
    ("mrel", rf"{_mod('mr')}(?P<mr_m>{MON}) (?:(?i:of) )?(?P<mr_s>(?i:last|this|next)) (?i:year)\b"),
    ("dmy", rf"(?P<dmy_d>{_DAY}) (?:(?i:of) )?(?P<dmy_m>{MON})(?:,? (?P<dmy_y>{_YEAR}))?"),
    ("quarter", r"(?:(?i:the)\s+)?(?:(?P<q_s>(?i:this|next|last|current|latest|previous|past|"
                r"coming|year-ago|year-earlier|(?:this|last|next) year's|(?:1\d|20)\d\d))\s+)?"
                r"(?:(?i:fiscal)[- ])?(?P<q_n>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[- ]"
                r"(?:(?i:fiscal)[- ])?(?P<q_u>(?i:quarter|half))\b(?!-(?:final|point))"
                rf"(?:\s+(?i:of)\s+(?:(?i:fiscal)\s+)?(?P<q_y>{_YEAR}|(?i:this|last|next|the) year))?"),
    ("q0", r"(?P<q0_t>(?i:the (?:(?:latest|most recent|current|previous|year-ago|year-earlier|"
           r"comparable|same|fiscal|recent) )*quarter))\b(?![-‐]|\s+of\b)"),
    ("qq", rf"(?P<qq_q>Q[1-4])(?:[ -](?P<qq_y>{_YEAR}))?\b"),
    ("units", rf"{_mod('u')}(?P<u_s>(?i:this|next|last|past|the past|the previous|previous|"
              r"the coming|the current|the latest|the most recent|the prior|the))\s+(?:(?i:fiscal)\s+)?"
              r"(?P<u_u>(?i:week|weekend|month|year|quarter|decade|century))\b(?![-‐]|\s+of\b)"),
    ("month", rf"{_mod('mo')}(?:(?P<mo_s>(?i:{_SHIFT}))\s+)?(?P<mo_m>{MONTH_FULL})\b"),
    ("weekday", r"(?:(?P<wd_s>(?i:last|next|this|this past|this coming|early|late|earlier|later))\s+)?"
                rf"(?P<wd_d>{_WEEKDAY})(?:\s+(?P<wd_p>(?i:morning|afternoon|evening|night))\b)?"),
    ("dayword", r"(?:(?P<dw_mod>(?i:early|late|earlier|later))\s+)?(?P<dw>(?i:the day before yesterday|"
                r"the day after tomorrow|today|tonight|yesterday|tomorrow|"
                r"this (?:morning|afternoon|evening)))\b"),
    ("season", rf"{_mod('se')}(?:(?P<se_s>(?i:{_SHIFT}|the))\s+)?(?P<se_n>(?i:spring|summer|autumn|fall|winter))\b"
               rf"(?:\s+(?:(?i:of)\s+)?(?P<se_y>{_YEAR}))?"),
    ("ago", r"(?:(?i:nearly|almost|about|some|more than|less than|over|roughly|approximately|around|"
            r"just over|just under|barely|only|exactly)\s+)?"
            rf"(?P<ago_n>{_NUM})[\s-]+(?P<ago_u>{_UNIT})s?\s+(?P<ago_w>(?i:ago|earlier|from now|hence))\b"),
    ("in_n", rf"(?i:in)\s+(?P<in_n>{_NUM})\s+(?P<in_u>{_UNIT})s?\b(?:(?:'s|’s)? (?i:time)\b)?(?!\s+(?i:ago))"),
    ("ya", r"(?P<ya_t>(?i:year-earlier|year-ago))\b"),
    ("decade", rf"{_mod('de')}(?:(?i:the)\s+)?(?:(?P<de_m2>(?i:early|mid|late))[- ])?"
               r"(?P<de_y>(?:1\d|20)\d0)'?s\b"),
    ("decword", r"(?i:the)\s+(?:(?i:early|mid|late)[- ])?(?P<dw_w>(?i:" + alts(DECADE_WORDS) + r"))\b"
                r"|(?i:the)\s+(?:(?i:early|mid|late)[- ])?['‘’](?P<dw_y>\d)0s\b"),
    ("century", r"(?:(?i:the)\s+)?(?:(?i:early|mid|late)[- ])?(?P<ce_n>\d{1,2}(?:st|nd|rd|th)|(?i:"
                + alts(CENTURY_WORDS) + r"))[ -](?i:century)\b"),
    ("holiday", r"(?:(?P<ho_s>(?i:last|next|this))\s+)?(?P<ho_n>Christmas(?: Day| Eve)?|"
                r"New Year['’]s (?:Day|Eve)|Thanksgiving(?: Day)?)\b"),
    ("year", rf"{_mod('y')}(?:(?P<y_f>(?i:fiscal year|fiscal|calendar year|calendar|the year|FY))[ ]?)?"
             r"(?P<y_y>(?:1\d|20)\d\d)(?:[/-](?P<y_y2>\d\d(?:\d\d)?))?(?!\d|[.,:]\d|%|[-‐]\w)"),
    ("spoken", rf"{_mod('sp')}(?:(?P<sp_the>(?i:the year))\s+)?(?P<sp_y>{SPOKEN_YEAR})\b(?![-‐])"),
    ("present", r"(?P<pres_t>(?i:right now|just now|at present|at the moment|for now|nowadays|"
                r"these days|currently|presently|now|current(?![-‐ ](?i:account|asset|liabilit))))"
                r"\b(?![-‐])"),
    ("past", r"(?P<past_t>(?i:in the past|the past|previously|recently|lately|formerly|"
             r"(?:in )?recent (?:years|months|weeks|days|times)|not long ago|some time ago|recent))\b"
             rf"(?![-‐]|\s+(?:{_NUM}|few|several|couple)\b|\s+{_UNIT})"),
    ("future", r"(?P<fut_t>(?i:soon|shortly|in the (?:near |distant )?future|the (?:near |distant )?future|"
               r"(?:in )?(?:the )?coming (?:days|weeks|months|years)|"
               r"in the (?:days|weeks|months|years) ahead))\b(?![-‐])"),
]

# Which head words each pattern can contain (see scan.py): a candidate is matched only against the
# patterns its head can belong to, a handful instead of all of them.
_SERVES = {
    "iso": "digits", "wdate": "weekday", "mdy": "month", "myear": "month", "mrel": "month",
    "dmy": "month", "quarter": "unit digits", "q0": "unit ref", "qq": "qcode", "units": "unit ref",
    "month": "month", "weekday": "weekday", "dayword": "deictic", "season": "season", "ago": "unit",
    "in_n": "unit", "ya": "unit", "decade": "digits", "decword": "decade", "century": "unit",
    "holiday": "holiday unit", "year": "digits", "spoken": "spoken", "present": "ref unit",
    "past": "ref", "future": "ref unit",
}
MATCHERS = {
    group: re.compile(r"\b(?:" + "|".join(f"(?P<k_{name}>{pat})" for name, pat in _PATTERNS
                                          if group in _SERVES[name].split()) + ")").match
    for group in {g for v in _SERVES.values() for g in v.split()}
}
_HEAD_GROUP = {
    **{w: "month" for w in MONTHS}, **{w: "weekday" for w in WEEKDAYS},
    **{w: "unit" for w in "day days week weeks weekend weekends month months year years quarter "
                          "quarters half decade decades century centuries".split()},
    **{w: "season" for w in SEASONS},
    **{w: "deictic" for w in "today tonight yesterday tomorrow morning afternoon evening".split()},
    **{w: "ref" for w in "now nowadays currently presently current recent recently previously "
                         "lately formerly soon shortly future past present moment ago ahead".split()},
    **{w: "spoken" for w in ("nineteen", "thousand")}, **{w: "decade" for w in DECADE_WORDS},
    "christmas": "holiday", "thanksgiving": "holiday",
}


def head_group(word: str) -> str:
    if word[0].isdigit():
        return "digits"
    if word[0] in "'‘’":
        return "decade"
    if word[0] == "Q" and len(word) == 2:
        return "qcode"
    return _HEAD_GROUP[word.lower()]
