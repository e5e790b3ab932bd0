"""Finding candidates fast: head words first, patterns only around them.

Trying every pattern at every word would cost a few dozen alternatives a word. Instead a cheap
scan finds head words (a month, a weekday, a unit such as "year", a four-digit number, "now",
"ago"...) that every expression contains, and only the patterns that can hold that head are
tried, at the head and at the run of modifier words just before it ("more than two years ago",
"the end of this month").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefing.analysis.temporal.handlers import HANDLERS
from briefing.analysis.temporal.lexicon import DECADE_WORDS, NUMBERS
from briefing.analysis.temporal.model import Spec
from briefing.analysis.temporal.patterns import MATCHERS, MONTH_FULL, head_group


# The head scan starts with a non-word character, so the regex engine skips along the text in
# its fast loop and tries the alternatives only at word starts; the alternatives are grouped by
# first letter so a failing word costs one comparison per group.
_HEAD_WORDS = (
    MONTH_FULL.split("|") + "Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "Christmas Thanksgiving".split()
    + [w + r"\b" for w in "Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec".split()]
    + [v + r"\b" for w in (
        "today tonight yesterday tomorrow now nowadays currently presently current recent "
        "recently previously lately formerly soon shortly future past present moment ago ahead "
        "day days week weeks weekend weekends month months year years quarter quarters half "
        "decade decades century centuries spring summer autumn fall winter morning afternoon "
        "evening nineteen thousand").split() + list(DECADE_WORDS) for v in (w, w.capitalize())]
    + [r"Q[1-4]\b", r"1\d{3}(?!\d)", r"2\d{3}(?!\d)", r"'\d0s\b", r"‘\d0s\b", r"’\d0s\b"]
)


def _trie(alternatives: list[str]) -> str:
    groups: dict[str, list[str]] = {}
    for a in alternatives:
        groups.setdefault(a[0], []).append(a[1:])
    return "|".join(re.escape(k) + "(?:" + "|".join(sorted(set(v), key=len, reverse=True)) + ")"
                    for k, v in groups.items())


_HEAD_BODY = _trie(_HEAD_WORDS)
_HEAD = re.compile(r"[^\w](?:" + _HEAD_BODY + ")")
_HEAD_AT_START = re.compile("(?:" + _HEAD_BODY + ")")
# Words that may stand before a head inside one expression. Only some of them can open one;
# "in", "at", "for" and the number qualifiers open only phrases whose head is a plain word
# ("in the past", "at present", "more than a year ago"), never "in March" or "in 1987".
_INNER_WORDS = frozenset(
    "of than under before after end beginning start middle rest remainder close near distant "
    "year's year’s comparable same most prior latest day recent".split())
_OPEN_BEFORE_WORD_HEAD = frozenset(
    "in at for these not right a an few several some many couple nearly almost about more less "
    "over roughly approximately around just barely only exactly".split()) | frozenset(NUMBERS)
_PREFIX_WORDS = frozenset(
    "the this next last past previous coming current early earlier late later mid fiscal calendar "
    "first second third fourth 1st 2nd 3rd 4th new fy year-ago year-earlier nineteenth twentieth "
    "eighteenth twenty".split()) | _INNER_WORDS | _OPEN_BEFORE_WORD_HEAD
_JOINERS = " \t-"
_WORD_CHARS = "'’"
_MAX_PREFIX = 6


def _starts(text: str, head: int, floor: int) -> list[int]:
    """Where an expression holding the word at `head` may begin: the run of modifier words (or
    small numbers) right before it, earliest first, then the head itself."""
    starts = [head]
    word_head = text[head].islower()
    pos = head
    for _ in range(_MAX_PREFIX):
        j = pos
        while j > floor and text[j - 1] in _JOINERS:
            j -= 1
        if j == pos or j <= floor:
            break
        k = j
        while k > floor and (text[k - 1].isalnum() or text[k - 1] in _WORD_CHARS):
            k -= 1
        word = text[k:j].lower()
        if word in _PREFIX_WORDS:
            if word not in _INNER_WORDS and (word_head or word not in _OPEN_BEFORE_WORD_HEAD):
                starts.append(k)
        elif word[:1].isdigit() and len(word) <= 4:
            starts.append(k)
        else:
            break
        pos = k
    return starts[::-1]


def _heads(text: str) -> Iterator[tuple[int, str]]:
    m = _HEAD_AT_START.match(text)
    if m:
        yield 0, m.group()
    for m in _HEAD.finditer(text):
        yield m.start() + 1, m.group()[1:]


def scan(text: str) -> Iterator[tuple[int, int, Spec]]:
    """(start, end, spec) for every accepted candidate, in text order, non-overlapping."""
    done = 0
    for head, word in _heads(text):
        if head < done:
            continue
        match = MATCHERS[head_group(word)]
        for start in _starts(text, head, done):
            m = match(text, start)
            if m is None or m.end() <= head:
                continue
            spec = HANDLERS[m.lastgroup[2:]](m, text)
            if spec is not None:
                yield m.start(), m.end(), spec
                done = m.end()
                break


def parse(phrase: str) -> tuple[int, int, Spec] | None:
    """The first expression in a short phrase (for re-resolving one expression on its own)."""
    return next(scan(phrase), None)
