"""Roles and affiliations stated in the text around a mention.

Everything here works on a token list of the whole document (`tokenize`) and asks the gazetteer
what a word is; nothing is keyed to particular names. The patterns, with COUNTRY standing for a
demonym ("Mexican"), a country name ("U.S.", "United States") or a possessive country
("Mexico’s"), and TITLE for a title the gazetteer knows, in any case ("Foreign Minister",
"secretary of state"):

premodifier (`premodifier`), right before a person's name:
    [former] [COUNTRY] [PARTY] [former] TITLE NAME
                                                U.S. Secretary of State Rex Tillerson
    COUNTRY counterpart [,] NAME                his Jamaican counterpart Kamina Johnson Smith
    DEMONYM [word [word]] NAME                  Mexican businessman Carlos Slim (country only)

appositive (`appositive`), right after a person's name:
    NAME , [the|a] [former] [COUNTRY] TITLE [of [the] COUNTRY] (, . ; : ) | end | lowercase word)
                                                Rex Tillerson, the U.S. secretary of state, said

description (`descriptions`), a definite title phrase standing for someone, never followed by
a name, and only with a country (a bare "the minister" is too vague to resolve):
    the COUNTRY TITLE | COUNTRY’s TITLE | the TITLE of COUNTRY
                                                Mexico’s foreign minister; the Mexican foreign minister

organisation affiliation (`org_country`), right before an organisation's name:
    COUNTRY [words ending in an organisation keyword] [,] ORG
                                                Venezuelan national oil company PDVSA
                                                Jamaica’s oil refinery, Petrojam
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterable
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from briefing.analysis.actors.tokens import spaced, with_offsets

COUNTERPART = "counterpart"  # the role a counterpart takes is the other person's
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "your",
                         "this", "that"})
# Words that end a noun phrase: a demonym or country is not modifying a name beyond them.
STOP = frozenset("""
a an the and or but nor of to in on at for from with by as into onto over under about after
before between during without within against than then that which who whom whose where when
while if is are was were be been being am has have had do does did will would shall should can
could may might must not no so also said says say told tells tell met meets meet visited visits
asked asks urged urges called calls added adds according it he she they we i you his her its
their our this these those there here
""".split())
# Political affiliations written before a name ("Democrat Doug Jones", "U.S. Republican
# Senator ..."): not part of the name, not a role.
PARTY = frozenset("""
democrat democrats democratic republican republicans gop conservative conservatives labour
liberal liberals tory tories socialist socialists communist communists
""".split())
_CLOSERS = frozenset(",.;:)!?”\"")
# Lowercase head nouns of a description of an organisation ("national oil company PDVSA",
# "oil refinery, Petrojam"), besides the gazetteer's organisation keywords.
ORG_HEADS = frozenset("""
company companies firm corporation conglomerate group bank lender insurer fund refinery refiner
producer exporter importer maker manufacturer carrier airline operator utility agency ministry
regulator party newspaper broadcaster network exchange union association council organisation
organization institute university club team monopoly giant unit subsidiary venture militia
""".split())

_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # U.S., U.N., e.g.
    r"|[’'][sS]\b"  # possessive marker
    r"|[^\W\d_]+(?:[’'](?![sS]\b)[^\W\d_]+)*"  # words, O’Brien, but not the possessive
    r"|\d+(?:[.,]\d+)*"
    r"|\S"
)
_SPACED_TOKEN = spaced(_TOKEN)


class Token(NamedTuple):
    """One token, as `Tokens[i]` gives it."""

    text: str
    start: int
    end: int
    low: str
    is_word: bool  # starts with a letter
    is_cap: bool  # starts with a capital


class Tokens:
    """A document's tokens as parallel lists, index i for token i: `words` as written, `starts`
    and `ends` (character offsets), `lows`, `is_word`, `is_cap` (see `Token`).

    Lists rather than an object per token: resolution needs every token but looks at few of
    them closely, and a document has thousands. The lists come from one regex pass and a few
    C-level maps."""

    __slots__ = ("words", "starts", "ends", "lows", "is_word", "is_cap")

    def __init__(self, text: str) -> None:
        self.words, self.starts, self.ends = with_offsets(_SPACED_TOKEN, text)
        self.lows = list(map(str.lower, self.words))
        firsts = list(map(itemgetter(0), self.words))
        self.is_word = list(map(str.isalpha, firsts))
        self.is_cap = list(map(str.isupper, firsts))

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, i: int) -> Token:
        return Token(self.words[i], self.starts[i], self.ends[i], self.lows[i], self.is_word[i],
                     self.is_cap[i])


@dataclass(frozen=True, slots=True)
class RoleMatch:
    """A role phrase found around a mention. `title` is the gazetteer's canonical title (or
    "Former …"), `COUNTERPART`, or None when only a country was stated."""

    title: str | None
    country: str | None
    start: int  # character span of the whole phrase, name excluded
    end: int


@dataclass(frozen=True, slots=True)
class Description:
    """A title phrase standing for a person: `start`/`end` cover the title words only (so the
    span never overlaps a place mention like "Mexico’s"), `phrase_start` the whole phrase."""

    title: str
    country: str
    start: int
    end: int
    phrase_start: int


_MISSING = object()


def tokenize(text: str) -> Tokens:
    return Tokens(text)


def is_possessive(tokens: Tokens, i: int) -> bool:
    """tokens[i] is a possessive marker: ’s, 's, or a bare apostrophe after a word ending in s."""
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    if not 0 <= i < len(words):
        return False
    t = words[i]
    if t in ("’s", "'s", "’S", "'S"):
        return i > 0 and ends[i - 1] == starts[i]
    if t in ("’", "'") and i > 0:
        return ends[i - 1] == starts[i] and tokens.lows[i - 1].endswith("s") and (
            i + 1 >= len(words) or not words[i + 1].isalpha() or starts[i + 1] > ends[i])
    return False


class Reader:
    """Pattern matching over one document's tokens with the gazetteer."""

    def __init__(self, text: str, tokens: Tokens, g) -> None:
        self.text = text
        self.tokens = tokens
        self.g = g
        self.n = len(tokens)
        # the token lists, read directly in the patterns below
        self.words, self.starts, self.ends = tokens.words, tokens.starts, tokens.ends
        self.lows, self.is_word, self.is_cap = tokens.lows, tokens.is_word, tokens.is_cap
        self._titles: dict[int, tuple[int, str, str] | None] = {}
        # gazetteer answers by text, for this document (its names recur, and the patterns
        # ask about the same spans from both sides)
        self._demonyms: dict[str, object] = {}
        self._countries: dict[str, object] = {}
        self._title_starts = g.title_starts

    # --- positions -----------------------------------------------------------------------------

    def index_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect_left(self.starts, offset)

    def slice(self, i: int, j: int) -> str:
        """The text of tokens[i:j] as written."""
        return self.text[self.starts[i]:self.ends[j - 1]]

    def low(self, i: int) -> str:
        """tokens[i] lowercased; "" outside the document."""
        return self.lows[i] if 0 <= i < self.n else ""

    # --- words ---------------------------------------------------------------------------------

    def title_at(self, i: int) -> tuple[int, str, str] | None:
        """(n_tokens, canonical, kind) of the longest title starting at token i."""
        if not (0 <= i < self.n and self.is_word[i]):
            return None
        second = self._title_starts.get(self.lows[i], _MISSING)
        if second is _MISSING or second is not None and (
                i + 1 >= self.n or self.lows[i + 1] not in second):
            return None  # most words: answered without asking the gazetteer or remembering
        found = self._titles.get(i, _MISSING)
        if found is _MISSING:
            r = self.g.longest_title(self.words, i)
            found = self._titles[i] = (r[0], r[1], r[2]) if r else None
        return found

    def title_ending_at(self, p: int, lookback: int = 6) -> tuple[int, str, str] | None:
        """(start_index, canonical, kind) of the longest title whose last token is p - 1 (or
        p - 2 when p - 1 is its abbreviation dot: "Sen. John Smith")."""
        ends = [p]
        if self.low(p - 1) == "." and p >= 2 and self.ends[p - 2] == self.starts[p - 1]:
            ends.append(p - 1)
        for j in range(max(0, p - lookback), p):
            r = self.title_at(j)
            if r and j + r[0] in ends:
                return j, r[1], r[2]
        return None

    def split_country_title(self, j: int, end: int) -> tuple[object, int] | None:
        """A title match at tokens[j:end] that begins with a country ("U.S. Secretary of
        State" is one title variant): (Country, index where the bare title starts)."""
        c = self.country_starting_at(j)
        if c and j < c[1] < end:
            r = self.title_at(c[1])
            if r and c[1] + r[0] == end:
                return c[0], c[1]
        return None

    def demonym(self, i: int, j: int):
        """The country of a capitalised demonym spanning tokens[i:j]."""
        if i < 0 or j > self.n or i >= j or not self.is_cap[i] or self.lows[i] in DETERMINERS \
                or not self.g.may_start_demonym(self.words[i]):
            return None
        s = self.text[self.starts[i]:self.ends[j - 1]]
        hit = self._demonyms.get(s, _MISSING)
        if hit is _MISSING:
            hit = self._demonyms[s] = self.g.demonym(s)
        return hit

    def country(self, i: int, j: int):
        """The country named by tokens[i:j] (first token capitalised), else None."""
        if i < 0 or j > self.n or i >= j or not self.is_cap[i] or self.lows[i] in DETERMINERS \
                or not self.is_word[j - 1] or not self.g.may_start_country(self.words[i]):
            return None
        s = self.text[self.starts[i]:self.ends[j - 1]]
        hit = self._countries.get(s, _MISSING)
        if hit is _MISSING:
            hit = self._countries[s] = self.g.country(s)
        return hit

    def country_ending_at(self, p: int, max_len: int = 5) -> tuple[object, int, bool] | None:
        """A country modifier ending right before token p: (Country, start_index, possessive).
        Demonyms ("Mexican", "North Korean"), possessives ("Mexico’s", "the United States’")
        and country names used as modifiers ("U.S.")."""
        if not 0 < p <= self.n:
            return None
        if is_possessive(self.tokens, p - 1):
            for k in range(min(max_len, p - 1), 0, -1):
                c = self.country(p - 1 - k, p - 1)
                if c:
                    return c, p - 1 - k, True
            return None
        # both lookups need a capital first, and a country a word last: skip the calls
        is_cap = self.is_cap
        for k in (2, 1):
            if p - k >= 0 and is_cap[p - k]:
                c = self.demonym(p - k, p)
                if c:
                    return c, p - k, False
        if self.is_word[p - 1]:
            for k in range(min(max_len, p), 0, -1):
                if is_cap[p - k]:
                    c = self.country(p - k, p)
                    if c:
                        return c, p - k, False
        return None

    def country_starting_at(self, i: int, max_len: int = 5) -> tuple[object, int, bool] | None:
        """A country modifier starting at token i: (Country, end_index, possessive)."""
        if not 0 <= i < self.n or not self.is_cap[i] or self.lows[i] in DETERMINERS:
            return None  # what `country` and `demonym` would both say
        for k in range(max_len, 0, -1):
            c = self.country(i, i + k)
            if c:
                if is_possessive(self.tokens, i + k):
                    return c, i + k + 1, True
                return c, i + k, False
        for k in (2, 1):
            c = self.demonym(i, i + k)
            if c:
                return c, i + k, False
        return None

    def former_start(self, i: int) -> int | None:
        """If a "former"/"ex-" marker ends right before token i, the index it starts at."""
        if self.low(i - 1) in ("former", "late"):
            return i - 1
        if self.low(i - 1) == "-" and self.low(i - 2) == "ex":
            return i - 2
        return None

    # --- patterns ------------------------------------------------------------------------------

    def premodifier(self, p: int) -> RoleMatch | None:
        """Role and country stated right before a name starting at token p."""
        if p <= 0:
            return None
        title = self.title_ending_at(p)
        if title and title[2] != "honorific":
            start, canonical, _ = title
            end = start + self.title_at(start)[0]
            inner = self.split_country_title(start, end)
            former = self.former_start(start)
            if former is not None:
                start = former
            if not inner:
                while start > 0 and self.low(start - 1) in PARTY and self.is_cap[start - 1]:
                    start -= 1  # "U.S. Democratic Senator Al Franken"
            country = (inner[0], start, False) if inner else self.country_ending_at(start)
            if country and not inner:
                start = country[1]
                f2 = self.former_start(start)
                if f2 is not None:
                    former, start = f2, f2
            name = ("Former " + canonical) if former is not None else canonical
            return RoleMatch(name, country[0].name if country else None,
                             self.starts[start], self.ends[p - 1])
        q = p - 1
        if self.low(q) == ",":
            q -= 1
        if self.low(q) == COUNTERPART:
            country = self.country_ending_at(q)
            start = country[1] if country else q
            return RoleMatch(COUNTERPART, country[0].name if country else None,
                             self.starts[start], self.ends[p - 1])
        # a bare demonym: "Mexican businessman Carlos Slim", "Jamaican Kamina Johnson Smith"
        is_word, is_cap, lows = self.is_word, self.is_cap, self.lows
        for d in range(p, max(p - 3, -1), -1):  # up to two lowercase words before the name
            if any(not is_word[k] or is_cap[k] or lows[k] in STOP for k in range(d, p)):
                break
            country = self.country_ending_at(d)
            if country and not country[2] and is_cap[country[1]]:
                if self.demonym(country[1], d):
                    return RoleMatch(None, country[0].name, self.starts[country[1]],
                                     self.ends[p - 1])
        return None

    def appositive(self, q: int) -> RoleMatch | None:
        """Role stated in an appositive right after a name whose last token is q - 1."""
        if self.low(q) != ",":
            return None
        i = q + 1
        if self.low(i) in ("the", "a", "an"):
            i += 1
        former = False
        if self.low(i) in ("former", "late"):
            former, i = True, i + 1
        elif self.low(i) == "ex" and self.low(i + 1) == "-":
            former, i = True, i + 2
        country = None
        c = self.country_starting_at(i)
        if c:
            country, i = c[0], c[1]
        if not former and self.low(i) in ("former", "late"):
            former, i = True, i + 1
        t = self.title_at(i)
        if not t or t[2] == "honorific":
            return None
        i += t[0]
        if self.low(i) == "of":
            j = i + 1 + (self.low(i + 1) == "the")
            c = self.country_starting_at(j)
            if c and not c[2]:
                country, i = c[0], c[1]
        if 0 <= i < self.n and not (self.words[i] in _CLOSERS or self.words[i] in "’'"
                                    or (self.is_word[i] and not self.is_cap[i])):
            return None
        title = ("Former " + t[1]) if former else t[1]
        return RoleMatch(title, country.name if country else None,
                         self.starts[q], self.ends[i - 1])

    def descriptions(self, name_starts: set[int],
                     titles: Container[str] | None = None) -> list[Description]:
        """Definite title phrases with a country that are not followed by a name; only of
        `titles` when given (the others are still read, as they hide the titles inside them:
        "Deputy Foreign Minister" is no "Foreign Minister")."""
        out: list[Description] = []
        end = 0
        for i in self._title_candidates():
            if i < end:
                continue  # inside the title just read
            t = self.title_at(i)
            if not t or t[2] == "honorific" or t[1] == COUNTERPART:
                continue
            end = i + t[0]
            if titles is not None and t[1] not in titles:
                continue
            desc = self._description(i, end, t[1], name_starts)
            if desc:
                out.append(desc)
        return out

    def _title_candidates(self) -> Iterable[int]:
        """Indices of the tokens a title may start at, in order."""
        return compress(range(self.n), map(self._title_starts.__contains__, self.lows))

    def _description(self, i: int, end: int, title: str, name_starts: set[int]):
        if end in name_starts or (end < self.n and self.is_cap[end] and self.is_word[end]):
            return None  # a premodifier of a name, proposed or not
        if self.low(end) == "-":
            return None  # "foreign minister-designate" and the like
        title_start = i
        inner = self.split_country_title(i, end)
        if inner:  # "the U.S. secretary of state": the title variant holds the country
            country, mod_start, possessive = inner[0], i, False
            title_start = inner[1]
        else:
            c = self.country_ending_at(i)
            country, mod_start, possessive = (c if c else (None, i, False))
        if self.former_start(title_start) is not None or self.former_start(mod_start) is not None:
            return None
        phrase_start = mod_start
        if country is not None and not possessive:
            if self.low(mod_start - 1) != "the":
                return None  # "a Mexican official", "Mexican officials said": not one person
            phrase_start = mod_start - 1
        elif country is not None and self.low(mod_start - 1) in ("a", "an"):
            return None
        elif country is None:
            if self.low(i - 1) != "the" or self.low(end) != "of":
                return None
            j = end + 1 + (self.low(end + 1) == "the")
            c = self.country_starting_at(j)
            if not c or c[2]:
                return None
            country, phrase_start = c[0], i - 1
        return Description(title, country.name, self.starts[title_start], self.ends[end - 1],
                           self.starts[phrase_start])

    def org_country(self, p: int) -> RoleMatch | None:
        """Country stated right before an organisation name starting at token p."""
        q = p
        comma = self.low(q - 1) == ","
        if comma:
            q -= 1
        words = 0
        while words < 4 and q - 1 >= 0:
            if self.is_word[q - 1] and not self.is_cap[q - 1] and self.lows[q - 1] not in STOP:
                q -= 1
                words += 1
            else:
                break
        head = self.words[q + words - 1] if words else ""
        if words and head.lower() not in ORG_HEADS and not self.g.is_org_keyword(head):
            return None
        if comma and not words:
            return None
        c = self.country_ending_at(q)
        if not c:
            return None
        return RoleMatch(None, c[0].name, self.starts[c[1]], self.ends[p - 1])
