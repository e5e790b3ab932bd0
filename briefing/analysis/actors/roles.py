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
from dataclasses import dataclass

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


class Token:
    """A token with its character span; `low`, `is_word` and `is_cap` are computed once."""

    __slots__ = ("text", "start", "end", "low", "is_word", "is_cap")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.low = text.lower()
        first = text[0]
        self.is_word = first.isalpha()
        self.is_cap = first.isupper()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


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


def _memo(cache: dict, key: str, lookup):
    hit = cache.get(key, _MISSING)
    if hit is _MISSING:
        hit = cache[key] = lookup(key)
    return hit


def _title_starts(g) -> frozenset[str] | None:
    """Lowercased words a title can start with, to skip asking about every token; None (ask
    always) when the gazetteer does not expose its title trie."""
    cached = getattr(g, "_briefing_title_starts", _MISSING)
    if cached is not _MISSING:
        return cached
    try:
        trie = g._titles[1]
        starts = frozenset(k for k in trie if k) | frozenset(
            k for k in ("deputy", "vice", "assistant", "associate", "under"))
        starts = frozenset(starts | {k + "." for k in starts})
    except (AttributeError, IndexError, TypeError):
        starts = None
    try:
        g._briefing_title_starts = starts
    except AttributeError:
        pass
    return starts


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def is_possessive(tokens: list[Token], i: int) -> bool:
    """tokens[i] is a possessive marker: ’s, 's, or a bare apostrophe after a word ending in s."""
    if not 0 <= i < len(tokens):
        return False
    t = tokens[i].text
    if t in ("’s", "'s", "’S", "'S"):
        return i > 0 and tokens[i - 1].end == tokens[i].start
    if t in ("’", "'") and i > 0:
        prev = tokens[i - 1]
        return prev.end == tokens[i].start and prev.low.endswith("s") and (
            i + 1 >= len(tokens) or not tokens[i + 1].text.isalpha()
            or tokens[i + 1].start > tokens[i].end)
    return False


class Reader:
    """Pattern matching over one document's tokens with the gazetteer."""

    def __init__(self, text: str, tokens: list[Token], g) -> None:
        self.text = text
        self.tokens = tokens
        self.g = g
        self.words = [t.text for t in tokens]
        self._starts = [t.start for t in tokens]
        self._titles: dict[int, tuple[int, str, str] | None] = {}
        self._demonyms: dict[str, object] = {}
        self._countries: dict[str, object] = {}
        self._title_starts = _title_starts(g)

    # --- positions -----------------------------------------------------------------------------

    def index_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect_left(self._starts, offset)

    def slice(self, i: int, j: int) -> str:
        """The text of tokens[i:j] as written."""
        return self.text[self.tokens[i].start:self.tokens[j - 1].end]

    def tok(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def low(self, i: int) -> str:
        t = self.tok(i)
        return t.low if t else ""

    # --- words ---------------------------------------------------------------------------------

    def title_at(self, i: int) -> tuple[int, str, str] | None:
        """(n_tokens, canonical, kind) of the longest title starting at token i."""
        if i in self._titles:
            return self._titles[i]
        found = None
        starts = self._title_starts
        if 0 <= i < len(self.tokens) and self.tokens[i].is_word and (
                starts is None or self.tokens[i].low in starts):
            r = self.g.longest_title(self.words, i)
            if r:
                found = (r[0], r[1], r[2])
        self._titles[i] = found
        return found

    def title_ending_at(self, p: int, lookback: int = 6) -> tuple[int, str, str] | None:
        """(start_index, canonical, kind) of the longest title whose last token is p - 1 (or
        p - 2 when p - 1 is its abbreviation dot: "Sen. John Smith")."""
        ends = [p]
        if self.low(p - 1) == "." and p >= 2 and self.tokens[p - 2].end == self.tokens[p - 1].start:
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
        if i < 0 or j > len(self.tokens) or i >= j or not self.tokens[i].is_cap \
                or self.tokens[i].low in DETERMINERS:
            return None
        return _memo(self._demonyms, self.slice(i, j), self.g.demonym)

    def country(self, i: int, j: int):
        """The country named by tokens[i:j] (first token capitalised), else None."""
        if i < 0 or j > len(self.tokens) or i >= j or not self.tokens[i].is_cap \
                or self.tokens[i].low in DETERMINERS:
            return None
        if not self.tokens[j - 1].is_word:
            return None
        return _memo(self._countries, self.slice(i, j), self.g.country)

    def country_ending_at(self, p: int, max_len: int = 5) -> tuple[object, int, bool] | None:
        """A country modifier ending right before token p: (Country, start_index, possessive).
        Demonyms ("Mexican", "North Korean"), possessives ("Mexico’s", "the United States’")
        and country names used as modifiers ("U.S.")."""
        if p <= 0:
            return None
        if is_possessive(self.tokens, p - 1):
            for k in range(min(max_len, p - 1), 0, -1):
                c = self.country(p - 1 - k, p - 1)
                if c:
                    return c, p - 1 - k, True
            return None
        for k in (2, 1):
            if p - k >= 0:
                c = self.demonym(p - k, p)
                if c:
                    return c, p - k, False
        for k in range(min(max_len, p), 0, -1):
            c = self.country(p - k, p)
            if c:
                return c, p - k, False
        return None

    def country_starting_at(self, i: int, max_len: int = 5) -> tuple[object, int, bool] | None:
        """A country modifier starting at token i: (Country, end_index, possessive)."""
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
                while start > 0 and self.low(start - 1) in PARTY and self.tokens[start - 1].is_cap:
                    start -= 1  # "U.S. Democratic Senator Al Franken"
            country = (inner[0], start, False) if inner else self.country_ending_at(start)
            if country and not inner:
                start = country[1]
                f2 = self.former_start(start)
                if f2 is not None:
                    former, start = f2, f2
            name = ("Former " + canonical) if former is not None else canonical
            return RoleMatch(name, country[0].name if country else None,
                             self.tokens[start].start, self.tokens[p - 1].end)
        q = p - 1
        if self.low(q) == ",":
            q -= 1
        if self.low(q) == COUNTERPART:
            country = self.country_ending_at(q)
            start = country[1] if country else q
            return RoleMatch(COUNTERPART, country[0].name if country else None,
                             self.tokens[start].start, self.tokens[p - 1].end)
        # a bare demonym: "Mexican businessman Carlos Slim", "Jamaican Kamina Johnson Smith"
        for gap in range(0, 3):
            d = p - gap
            between = self.tokens[d:p]
            if any(not t.is_word or t.is_cap or t.low in STOP for t in between):
                break
            country = self.country_ending_at(d)
            if country and not country[2] and self.tokens[country[1]].is_cap:
                if self.demonym(country[1], d):
                    return RoleMatch(None, country[0].name, self.tokens[country[1]].start,
                                     self.tokens[p - 1].end)
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
        nxt = self.tok(i)
        if nxt is not None and not (nxt.text in _CLOSERS or nxt.text in "’'"
                                    or (nxt.is_word and not nxt.is_cap)):
            return None
        title = ("Former " + t[1]) if former else t[1]
        return RoleMatch(title, country.name if country else None,
                         self.tokens[q].start, self.tokens[i - 1].end)

    def descriptions(self, name_starts: set[int]) -> list[Description]:
        """Definite title phrases with a country that are not followed by a name."""
        out: list[Description] = []
        i = 0
        n = len(self.tokens)
        while i < n:
            t = self.title_at(i)
            if not t or t[2] == "honorific" or t[1] == COUNTERPART:
                i += 1
                continue
            end = i + t[0]
            desc = self._description(i, end, t[1], name_starts)
            if desc:
                out.append(desc)
            i = end
        return out

    def _description(self, i: int, end: int, title: str, name_starts: set[int]):
        after = self.tok(end)
        if end in name_starts or (after is not None and after.is_cap and after.is_word):
            return None  # a premodifier of a name, proposed or not
        if after is not None and after.low == "-":
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
        return Description(title, country.name, self.tokens[title_start].start,
                           self.tokens[end - 1].end, self.tokens[phrase_start].start)

    def org_country(self, p: int) -> RoleMatch | None:
        """Country stated right before an organisation name starting at token p."""
        q = p
        comma = self.low(q - 1) == ","
        if comma:
            q -= 1
        words = 0
        while words < 4 and q - 1 >= 0:
            t = self.tokens[q - 1]
            if t.is_word and not t.is_cap and t.low not in STOP:
                q -= 1
                words += 1
            else:
                break
        head = self.tokens[q + words - 1].text if words else ""
        if words and head.lower() not in ORG_HEADS and not self.g.is_org_keyword(head):
            return None
        if comma and not words:
            return None
        c = self.country_ending_at(q)
        if not c:
            return None
        return RoleMatch(None, c[0].name, self.tokens[c[1]].start, self.tokens[p - 1].end)
