"""Bundled gazetteers: countries, demonyms, capitals, cities, US states, regions, organisations,
titles, given names and surnames, and organisation keywords.

Everything is read from the tables in ``briefing/data`` (see ``briefing/data/SOURCES.md``) the
first time it is needed, into plain dicts and sets, and kept for the life of the process:
``gazetteer()`` returns the one shared instance. Each table loads on first use of a method that
needs it, so asking for a country does not pay for the 28,000 cities.

Matching rules for places, demonyms and organisation names (``country``, ``demonym``,
``capital_of``, ``city``, ``region``, ``region_adjective``, ``org``, ``canonical_place``):

1. the text as given (runs of whitespace folded, curly apostrophes made straight);
2. with "St."/"St"/"Ste."/"Saint" and dots normalised ("St. Lucia" = "Saint Lucia",
   "U.S." = "US"), "&" read as "and";
3. case-insensitively, when the normalised text is longer than three characters and the text
   has at least one capital letter: "JAMAICA" and "the Dominican republic" match, the lowercase
   words "turkey", "chad" or "erode" never do, and neither does "us".

Each rule is tried on the text, then without a possessive ("Venezuela’s", "Caracas’"), then
without a leading "the". A table entry written with a leading "the " ("the West", "the
States") matches only when the text has the article. Acronyms of organisations and the AP
abbreviations of US states ("Calif.") match case-sensitively only (dots may be dropped from
acronyms and multi-initial abbreviations: "UN" = "U.N.", "NY" = "N.Y.", never "Pa" = "Pa.").
Canonical region names carry no article: ``region("the Caribbean") == "Caribbean"``.

Titles (``title``, ``longest_title``) match case-insensitively, with an optional dot after any
token ("Sen" = "Sen."); "Deputy", "Vice", "Assistant", "Associate" and "Under" before a known
title make a title of their own ("Deputy Trade Minister"). "former", "acting", "interim" and the
like are not part of a title. Plurals ("foreign ministers") are not titles.

Cost: loading every table takes about 100 ms on the 2-core reference VM (cities 55 of it;
countries alone 7 ms). Lookups are memoised per distinct argument (LRU, 65,536 entries a
method): a repeated lookup costs well under a microsecond, a first one 2-5 microseconds,
``canonical_place`` (four tables) about 12. Ask only about spans that can be names (capitalised
tokens, or "the" before one), not about every token.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Iterable, Iterator

__all__ = ["Country", "Org", "Gazetteer", "gazetteer"]

DATA_PACKAGE = "briefing.data"

# Lookups are memoised (news repeats its names): results per distinct argument, per method.
_CACHE = 1 << 16


class _cached:
    """Memoise a method per instance, in an lru_cache keyed by the arguments alone. An
    lru_cache on the method itself would key on (self, argument) tuples, which hold the
    instance and so stay tracked by the garbage collector: tens of thousands of them, walked
    by every full collection (some 6% of the time extraction took)."""

    def __init__(self, method) -> None:
        self.method = method
        self.__doc__ = method.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        memoised = lru_cache(maxsize=_CACHE)(self.method.__get__(instance, owner))
        instance.__dict__[self.name] = memoised  # found before this descriptor from now on
        return memoised


@dataclass(frozen=True, slots=True)
class Country:
    name: str  # canonical: "Saint Lucia", "United States", "Soviet Union"
    iso2: str  # ISO 3166-1 alpha-2 ("LC"); a former code for historic states; "GB-SCT" style
    # for the UK's constituent countries; empty for Northern Cyprus and Somaliland
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]  # as written in the table (plurals are matched too)
    capital: str | None


@dataclass(frozen=True, slots=True)
class Org:
    name: str  # canonical: "Organization of American States"
    acronyms: tuple[str, ...]  # ("OAS",)
    country: str | None  # canonical name of the country it belongs to, None if international
    aliases: tuple[str, ...] = ()  # other names ("Organisation of American States")


# --------------------------------------------------------------------------- normalising

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " "})
_SAINTS = {"St": "Saint", "St.": "Saint", "Saint": "Saint", "ST": "Saint", "ST.": "Saint",
           "SAINT": "Saint", "Ste": "Sainte", "Ste.": "Sainte", "Sainte": "Sainte"}
_LOWER_SAINTS = {"st": "saint", "ste": "sainte"}
_TITLE_MODIFIERS = {"deputy": "Deputy", "vice": "Vice", "assistant": "Assistant",
                    "associate": "Associate", "under": "Under"}


def _clean(text: str) -> str:
    """Fold runs of whitespace and make curly apostrophes straight."""
    if not text.isascii():
        text = text.translate(_APOSTROPHES)
    if "  " in text or "\t" in text or "\n" in text:
        text = " ".join(text.split())
    return text


@lru_cache(maxsize=_CACHE)
def _start_key(token: str) -> str:
    """How a token is looked up as the first word of a place or organisation name:
    lowercase, no possessive, no dots, "St"/"Ste" as "saint"/"sainte"."""
    token = _clean(token).strip().lower()
    if token.endswith("'s"):
        token = token[:-2]
    elif token.endswith("s'"):
        token = token[:-1]
    token = token.replace(".", "")
    return _LOWER_SAINTS.get(token, token)


def _norm(text: str) -> str:
    """Saint variants and dots normalised: "St. Kitts & Nevis" -> "Saint Kitts and Nevis"."""
    words = text.split(" ")
    out = []
    for word in words:
        saint = _SAINTS.get(word)
        if saint is not None:
            out.append(saint)
        elif word == "&":
            out.append("and")
        elif "." in word:
            stripped = word.replace(".", "")
            if stripped:
                out.append(stripped)
        else:
            out.append(word)
    return " ".join(out)


def _needs_norm(form: str) -> bool:
    """Whether _norm can change the form (a dot, "&", or a "St"/"Ste" word)."""
    return "." in form or "St" in form or "ST" in form or "&" in form


def _variants(text: str) -> tuple[str, ...]:
    """The text, then without a possessive, then (for each) without a leading article."""
    text = _clean(text).strip()
    bare = None
    if text.endswith("'s") or text.endswith("'S"):
        bare = text[:-2]
    elif text.endswith("s'"):
        bare = text[:-1]
    if bare is None and text[:4] not in _ARTICLES:
        return (text,)
    out = [text]
    if bare:
        out.append(bare)
    for form in (text, bare):
        if form and form[:4] in _ARTICLES:
            out.append(form[4:])
    return tuple(out)


_ARTICLES = ("the ", "The ", "THE ")


def _has_upper(text: str) -> bool:
    return not text.islower()  # cheap: True when some cased character is uppercase


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _Index:
    """Three dicts over the forms of a table: as written, normalised, lowercased."""

    __slots__ = ("exact", "norm", "lower")

    def __init__(self) -> None:
        self.exact: dict[str, object] = {}
        self.norm: dict[str, object] = {}
        self.lower: dict[str, object] = {}

    def add(self, form: str, value: object) -> None:
        if not form:
            return
        self.exact.setdefault(form, value)
        normal = _norm(form) if _needs_norm(form) else form
        if normal != form:
            self.norm.setdefault(normal, value)
        if len(normal) > 3:
            self.lower.setdefault(normal.lower(), value)

    def get(self, text: str):
        exact = self.exact
        hit = exact.get(text)
        if hit is not None:
            return hit
        for form in _variants(text):
            hit = exact.get(form)
            if hit is not None:
                return hit
            normal = form
            if _needs_norm(form):
                normal = _norm(form)
                hit = self.norm.get(normal)
                if hit is None:
                    hit = exact.get(normal)
                if hit is not None:
                    return hit
            if len(normal) > 3 and _has_upper(form):
                hit = self.lower.get(normal.lower())
                if hit is not None:
                    return hit
        return None


def _saintly(form: str) -> bool:
    """Whether _norm may change the form, or it has a "Saint" word."""
    return _needs_norm(form) or "Saint" in form or "SAINT" in form


class _CityIndex(_Index):
    """Cities are stored as written ("St. Petersburg" in Florida, "Saint Petersburg" in
    Russia); ``norm`` maps the lowercased normal form of every name with a dot or a saint to
    the most populous city, and is asked first for such a query, so that spelling does not
    decide between two cities."""

    __slots__ = ()

    def get(self, text: str):
        exact, norm, lower = self.exact, self.norm, self.lower
        for form in _variants(text):
            if _saintly(form) and _has_upper(form):
                hit = norm.get(_norm(form).lower())
                if hit is not None:
                    return hit
            hit = exact.get(form)
            if hit is not None:
                return hit
            if len(form) > 3 and _has_upper(form):
                hit = lower.get(form.lower())
                if hit is not None:
                    return hit
        return None


def _prefix_key(word: str) -> str:
    """A token as `_prefixes` compares it: clean, lowercase, no dots."""
    return _clean(word).lower().replace(".", "")


def _prefixes(index: _Index) -> frozenset[str]:
    """Every beginning ("s", "so", ... "south") of the first word of every form a plain
    `_Index` holds, in every spelling, as `_prefix_key` writes it; also the short saints,
    which lookups spell out, and the article they drop ("the Mexicans"). Besides dropping that
    article, a lookup only cleans, lowercases, drops dots, strips a final possessive and spells
    saints out, so the first word it compares begins with its first token's key: a token whose
    key is not in here starts no form of the index."""
    prefixes = {"st", "ste", "the"}
    for form in (*index.exact, *index.norm, *index.lower):
        word = _prefix_key(form.split(" ", 1)[0])
        prefixes.update(word[:k] for k in range(1, len(word) + 1))
    return frozenset(prefixes)


def _rows(name: str) -> Iterator[list[str]]:
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    for line in text.split("\n"):
        if line and not line.startswith("#"):
            yield line.split("\t")


def _words(name: str) -> Iterator[str]:
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    for line in text.split("\n"):
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def _split(field: str) -> tuple[str, ...]:
    return tuple(part for part in field.split("|") if part) if field else ()


def _plural(demonym: str) -> str | None:
    if demonym.endswith("man"):
        return demonym[:-3] + "men"
    if demonym.endswith(("ese", "sh", "ch", "s", "x", "z", "men", "ois", "ais")):
        return None
    return demonym + "s"


@lru_cache(maxsize=_CACHE)
def _title_key(token: str) -> str:
    token = token.lower()
    if len(token) > 1 and token.endswith("."):
        token = token[:-1]
    return token


_END = ""  # trie key marking a complete title (no real token is empty)


class Gazetteer:
    """Lookups over the bundled tables. Use ``gazetteer()`` for the shared instance."""

    # ----------------------------------------------------------------- countries

    @cached_property
    def _countries(self) -> tuple[list[Country], _Index, _Index, _Index, dict[str, Country]]:
        countries: list[Country] = []
        names, demonyms, capitals = _Index(), _Index(), _Index()
        by_iso2: dict[str, Country] = {}
        for name, iso2, aliases, dems, capital in _rows("countries.tsv"):
            caps = _split(capital)
            country = Country(name, iso2, _split(aliases), _split(dems), caps[0] if caps else None)
            countries.append(country)
            if iso2:
                by_iso2.setdefault(iso2, country)
            for form in (name, *country.aliases):
                names.add(form, country)
            for dem in country.demonyms:
                demonyms.add(dem, country)
                plural = _plural(dem.rsplit(" ", 1)[-1])
                if plural:
                    demonyms.add(dem[: len(dem) - len(dem.rsplit(" ", 1)[-1])] + plural, country)
            for cap in caps:
                capitals.add(cap, country)
        return countries, names, demonyms, capitals, by_iso2

    @_cached
    def country(self, name: str) -> Country | None:
        """A country, territory or historic state by its name or an alias."""
        return self._countries[1].get(name)

    @_cached
    def demonym(self, word: str) -> Country | None:
        """The country of a demonym: "Mexican", "Americans", "Saint Lucian", "St. Lucians"."""
        return self._countries[2].get(word)

    @_cached
    def may_start_country(self, token: str) -> bool:
        """False when no text beginning with this token (a word as a tokeniser cut it) can
        name a country: a cheap test before `country` (see `_prefixes`)."""
        return _prefix_key(token) in self._country_prefixes

    @_cached
    def may_start_demonym(self, token: str) -> bool:
        """False when no text beginning with this token can be a demonym (as above)."""
        return _prefix_key(token) in self._demonym_prefixes

    @cached_property
    def _country_prefixes(self) -> frozenset[str]:
        return _prefixes(self._countries[1])

    @cached_property
    def _demonym_prefixes(self) -> frozenset[str]:
        return _prefixes(self._countries[2])

    @_cached
    def capital_of(self, city: str) -> Country | None:
        """The country whose capital (or other seat) this is: "Caracas" -> Venezuela."""
        return self._countries[3].get(city)

    def country_by_iso2(self, code: str) -> Country | None:
        """By ISO 3166-1 alpha-2 code (today's state where a historic one shared the code)."""
        return self._countries[4].get(code.upper())

    def countries(self) -> list[Country]:
        """Every row of countries.tsv, in table order (UN members, observers, territories,
        UK constituent countries, historic states)."""
        return list(self._countries[0])

    # ----------------------------------------------------------------- cities

    @cached_property
    def _city_aliases(self) -> tuple[dict[tuple[str, str], str], list[tuple[str, str, str]]]:
        renamed: dict[tuple[str, str], str] = {}
        aliases: list[tuple[str, str, str]] = []
        for alias, city, iso2, flag in _rows("city_aliases.tsv"):
            if flag == "preferred":
                renamed[(city, iso2)] = alias
            aliases.append((alias, city, iso2))
        return renamed, aliases

    @cached_property
    def _cities(self) -> _CityIndex:
        """Index of city forms -> (GeoNames name, ISO2). 28,000 rows, so it is built with
        slices and dict(zip()) rather than row by row (a third of the time). The first form
        wins, as in _Index.add: hand-written aliases, then names from the most populous city
        down, then ASCII spellings ("Sao Paulo")."""
        text = resources.files(DATA_PACKAGE).joinpath("cities.tsv").read_text(encoding="utf-8")
        body = text[text.index("\n") + 1:] if text.startswith("#") else text
        fields = body.rstrip("\n").replace("\n", "\t").split("\t")  # 4 fields a row
        names, isos, ascii_forms = fields[0::4], fields[1::4], fields[3::4]
        entries = list(zip(names, isos))
        ascii_pairs = [(a, e) for a, e in zip(ascii_forms, entries) if a]
        known = set(entries)
        aliases = [(alias, (city, iso2)) for alias, city, iso2 in self._city_aliases[1]
                   if (city, iso2) in known]
        # Precedence: hand-written aliases, then names by population, then ASCII spellings.
        # dict(zip()) keeps the last value of a repeated key, so build from the reversed order.
        forms = [*(a for a, _ in aliases), *names, *(a for a, _ in ascii_pairs)]
        values = [*(e for _, e in aliases), *entries, *(e for _, e in ascii_pairs)]
        forms.reverse()
        values.reverse()
        index = _CityIndex()
        index.exact = dict(zip(forms, values))
        index.lower = dict(zip(map(str.lower, forms), values))
        index.norm = {_norm(f).lower(): v for f, v in zip(forms, values) if _saintly(f)}
        return index

    @_cached
    def _city_entry(self, name: str) -> tuple[str, str] | None:
        """(canonical city name, canonical country name)."""
        hit = self._cities.get(name)
        if hit is not None:
            country = self._countries[4].get(hit[1])
            if country is not None:
                return self._city_aliases[0].get(hit, hit[0]), country.name
        # A capital that cities.tsv lacks (Ngerulmud, Port Vila), unless the word is a given
        # name: "Victoria" (Seychelles) is left out of cities.tsv on purpose.
        country = self.capital_of(name)
        if country is not None and country.capital and not self.is_first_name(name):
            return country.capital, country.name
        return None

    def city(self, name: str) -> str | None:
        """The canonical name of the country of a known city ("Kingston" -> "Jamaica": the most
        populous city of that name wins), or None."""
        entry = self._city_entry(name)
        return entry[1] if entry else None

    def city_name(self, name: str) -> str | None:
        """The canonical name of a known city ("Bombay" -> "Mumbai", "St. Louis")."""
        entry = self._city_entry(name)
        return entry[0] if entry else None

    # ----------------------------------------------------------------- US states

    @cached_property
    def _states(self) -> tuple[_Index, dict[str, str], dict[str, str]]:
        names = _Index()
        abbreviations: dict[str, str] = {}
        postal: dict[str, str] = {}
        for name, code, ap in _rows("us_states.tsv"):
            names.add(name, name)
            postal[code] = name
            for abbreviation in _split(ap):
                abbreviations[abbreviation] = name
                if abbreviation.count(".") >= 2:  # "N.Y." -> "NY", "W.Va." -> "WVa"
                    abbreviations.setdefault(abbreviation.replace(".", "").replace(" ", ""),
                                             name)
        return names, abbreviations, postal

    @_cached
    def us_state(self, name: str, *, postal: bool = False) -> str | None:
        """A US state (or the District of Columbia) by name or AP abbreviation ("Calif.",
        "N.Y."); two-letter postal codes ("CA", "OR", "IN") only when ``postal`` is true."""
        names, abbreviations, codes = self._states
        hit = abbreviations.get(name.strip())
        if hit is None:
            hit = names.get(name)
        if hit is None and postal:
            hit = codes.get(name.strip())
        return hit  # type: ignore[return-value]

    # ----------------------------------------------------------------- regions

    @cached_property
    def _regions(self) -> tuple[_Index, _Index, dict[str, str]]:
        names, adjectives = _Index(), _Index()
        types: dict[str, str] = {}
        for row in _rows("regions.tsv"):
            name, aliases, adjs = row[0], row[1], row[2]
            kind = (row[3] if len(row) > 3 else "") or "LOC"
            canonical = name.removeprefix("the ")
            types[canonical] = kind
            for form in (name, *_split(aliases)):
                names.add(form, canonical)
            for adj in _split(adjs):
                adjectives.add(adj, canonical)
        return names, adjectives, types

    @_cached
    def region(self, name: str) -> str | None:
        """The canonical region name, without article: "the Caribbean" -> "Caribbean",
        "Mideast" -> "Middle East", "the West" -> "West" (bare "West" is not a region)."""
        return self._regions[0].get(name)  # type: ignore[return-value]

    @_cached
    def region_adjective(self, word: str) -> str | None:
        """The region of an adjective: "Caribbean" -> "Caribbean", "European" -> "Europe"."""
        return self._regions[1].get(word)  # type: ignore[return-value]

    def region_type(self, name: str) -> str | None:
        """"LOC", or "GPE" for the sub-national polities in regions.tsv (Quebec, Tibet)."""
        canonical = self.region(name)
        return self._regions[2][canonical] if canonical else None

    # ----------------------------------------------------------------- places together

    @_cached
    def canonical_place(self, name: str) -> tuple[str, str] | None:
        """(canonical name, "GPE" or "LOC") for a country ("St. Lucia" -> ("Saint Lucia",
        "GPE")), US state, region ("the Caribbean" -> ("Caribbean", "LOC")) or city. A name
        that is several of these takes the first in that order: "Georgia" is the country."""
        country = self.country(name)
        if country is not None:
            return country.name, "GPE"
        state = self.us_state(name)
        if state is not None:
            return state, "GPE"
        region = self.region(name)
        if region is not None:
            return region, self._regions[2][region]
        city = self._city_entry(name)
        if city is not None:
            return city[0], "GPE"
        return None

    @cached_property
    def _place_starts(self) -> dict[str, int]:
        """Lowercased normalised first word of any place or organisation name of several
        words -> the most words such a name has."""
        starts: dict[str, int] = {}
        indexes = [self._countries[1], self._states[0], self._regions[0], self._cities,
                   self._orgs[0]]
        keys: list[str] = []
        for index in indexes:  # one-word forms need no entry: _longest always tries one word
            keys.extend(key for key in index.lower if " " in key)
        get = starts.get
        for key in keys:
            n = key.count(" ") + 1
            first = _start_key(key.split(" ", 1)[0])
            if get(first, 0) < n:
                starts[first] = n
        return starts

    def _longest(self, tokens: list[str], start: int, lookup) -> tuple[int, object] | None:
        if start >= len(tokens):
            return None
        starts = self._place_starts
        first = _start_key(tokens[start])
        longest = starts.get(first, 1)
        if first == "the" and start + 1 < len(tokens):  # "the Dominican Republic"
            following = starts.get(_start_key(tokens[start + 1]), 0)
            if following:
                longest = max(longest, following + 1)
        for n in range(min(longest, len(tokens) - start), 0, -1):
            hit = lookup(" ".join(tokens[start:start + n]))
            if hit is not None:
                return n, hit
        return None

    def longest_place(self, tokens: list[str], start: int) -> tuple[int, str, str] | None:
        """The longest place starting at tokens[start]: (n_tokens, canonical, "GPE"/"LOC").
        Tokens are words as written ("St.", "Lucia"), joined with single spaces to look up."""
        found = self._longest(tokens, start, self.canonical_place)
        if found is None:
            return None
        n, (name, kind) = found  # type: ignore[misc]
        return n, name, kind

    def longest_org(self, tokens: list[str], start: int) -> tuple[int, Org] | None:
        """The longest known organisation starting at tokens[start]: (n_tokens, Org)."""
        return self._longest(tokens, start, self.org)  # type: ignore[return-value]

    # ----------------------------------------------------------------- organisations

    @cached_property
    def _orgs(self) -> tuple[_Index, dict[str, Org], list[Org]]:
        by_iso2 = self._countries[4]
        names = _Index()
        acronyms: dict[str, Org] = {}
        orgs: list[Org] = []
        for name, acrs, iso2, aliases in _rows("organisations.tsv"):
            country = by_iso2.get(iso2) if iso2 else None
            org = Org(name, _split(acrs), country.name if country else None, _split(aliases))
            orgs.append(org)
            for form in (name, *org.aliases):
                names.add(form, org)
            for acronym in org.acronyms:
                acronyms.setdefault(acronym, org)
                dotless = acronym.replace(".", "")
                if dotless:
                    acronyms.setdefault(dotless, org)
        return names, acronyms, orgs

    @_cached
    def org(self, name: str) -> Org | None:
        """A known organisation by name, alias or acronym ("OAS", "U.N.", "the Fed")."""
        names, acronyms, _ = self._orgs
        for form in _variants(name):
            hit = acronyms.get(form)
            if hit is None and "." in form:
                hit = acronyms.get(form.replace(".", ""))
            if hit is not None:
                return hit
        return names.get(name)  # type: ignore[return-value]

    def orgs(self) -> list[Org]:
        return list(self._orgs[2])

    # ----------------------------------------------------------------- titles

    @cached_property
    def _titles(self) -> tuple[dict[str, tuple[str, str]], dict]:
        flat: dict[str, tuple[str, str]] = {}
        trie: dict = {}
        for canonical, variants, kind in _rows("titles.tsv"):
            value = (canonical, kind)
            for form in (canonical, *_split(variants)):
                keys = [_title_key(t) for t in form.split()]
                flat.setdefault(" ".join(keys), value)
                paths = [keys]
                if any("-" in k for k in keys):
                    split: list[str] = []
                    for k in keys:
                        parts = k.split("-")
                        for i, part in enumerate(parts):
                            if i:
                                split.append("-")
                            if part:
                                split.append(part)
                    paths.append(split)
                    flat.setdefault(" ".join(k.replace("-", " ") for k in keys), value)
                for path in paths:
                    node = trie
                    for key in path:
                        node = node.setdefault(key, {})
                    node.setdefault(_END, value)
        return flat, trie

    @_cached
    def title(self, words: str) -> tuple[str, str] | None:
        """(canonical title, kind) for a role or title, case-insensitively: "foreign minister",
        "Minister of Foreign Affairs" -> ("Foreign Minister", "government")."""
        keys = [_title_key(t) for t in _clean(words).split()]
        if not keys:
            return None
        flat = self._titles[0]
        hit = flat.get(" ".join(keys))
        if hit is None and len(keys) > 1 and keys[0] in _TITLE_MODIFIERS:
            rest = flat.get(" ".join(keys[1:]))
            if rest is not None:
                hit = (f"{_TITLE_MODIFIERS[keys[0]]} {rest[0]}", rest[1])
        return hit

    @cached_property
    def title_starts(self) -> dict[str, frozenset[str] | None]:
        """What can begin a title, so that callers need not ask `longest_title` about every
        word: each lowercased first word (with or without a final dot: "sen", "sen.") maps to
        the lowercased words that can come second (again either way), or to None when the
        word may be a title by itself or is a modifier ("deputy"), which any title may follow."""
        trie = self._titles[1]
        second: dict[str, set[str]] = {}
        alone: set[str] = set()
        for word in {*trie, *_TITLE_MODIFIERS} - {_END}:
            node = trie.get(word, {})
            for form in (word, word + "."):  # a form may come from two words ("lt", "lt.")
                if _END in node or word in _TITLE_MODIFIERS:
                    alone.add(form)
                second.setdefault(form, set()).update(
                    k for key in node if key != _END for k in (key, key + "."))
        return {w: None if w in alone else frozenset(after) for w, after in second.items()}

    def _trie_match(self, tokens: list[str], start: int) -> tuple[int, str, str] | None:
        node = self._titles[1]
        best = None
        i = start
        while i < len(tokens):
            node = node.get(_title_key(tokens[i]))
            if node is None:
                break
            i += 1
            value = node.get(_END)
            if value is not None:
                best = (i - start, value[0], value[1])
        return best

    def longest_title(self, tokens: list[str], start: int) -> tuple[int, str, str] | None:
        """The longest title starting at tokens[start]: (n_tokens, canonical, kind).
        ["Foreign", "Minister", "Luis"] at 0 -> (2, "Foreign Minister", "government")."""
        if start >= len(tokens):
            return None
        best = self._trie_match(tokens, start)
        modifier = _TITLE_MODIFIERS.get(_title_key(tokens[start]))
        if modifier is not None:
            rest = self._trie_match(tokens, start + 1)
            if rest is not None and (best is None or rest[0] + 1 > best[0]):
                best = (rest[0] + 1, f"{modifier} {rest[1]}", rest[2])
        return best

    # ----------------------------------------------------------------- names, keywords

    @cached_property
    def _first_names(self) -> frozenset[str]:
        return frozenset([*_words("first_names.txt"), *_words("first_names_intl.txt")])

    @cached_property
    def _surnames(self) -> frozenset[str]:
        return frozenset(_words("surnames.txt"))

    @cached_property
    def _org_keywords(self) -> tuple[frozenset[str], frozenset[str]]:
        words = list(_words("org_keywords.txt"))
        return frozenset(words), frozenset(w.lower() for w in words if len(w) >= 4)

    @staticmethod
    def _name_key(word: str) -> str:
        word = _clean(word).strip()
        if word.endswith("'s") or word.endswith("'S"):
            word = word[:-2]
        return word.lower()

    @_cached
    def is_first_name(self, word: str) -> bool:
        """A given name in the 1990 US Census lists or the hand-written international list
        (case-insensitive; "Jean-Pierre" counts when "jean" does)."""
        names = self._first_names
        key = self._name_key(word)
        if key in names:
            return True
        if not key.isascii() and _fold(key) in names:
            return True
        if "-" in key:
            return key.split("-", 1)[0] in names
        return False

    @_cached
    def is_surname(self, word: str) -> bool:
        """A surname in the 1990 US Census list (about 19,000 of them; many are also words or
        places: Brown, White, Young, King, Paris). "O'Brien" matches the Census's "obrien";
        a hyphenated name matches when every part does."""
        names = self._surnames
        key = self._name_key(word).replace("'", "")
        if key in names:
            return True
        if not key.isascii() and _fold(key) in names:
            return True
        if "-" in key:
            parts = [p for p in key.split("-") if p]
            return bool(parts) and all(p in names for p in parts)
        return False

    def is_org_keyword(self, word: str) -> bool:
        """A word that heads or ends an organisation's name: "Corp", "Corp.", "Ministry",
        "BANK" (any case for words of four or more letters; short ones as written: "AG")."""
        exact, folded = self._org_keywords
        if word in exact:
            return True
        stripped = word.rstrip(".")
        if stripped in exact:
            return True
        return len(stripped) >= 4 and stripped.lower() in folded

    # ----------------------------------------------------------------- loading

    def load_all(self) -> "Gazetteer":
        """Load every table now (lookups otherwise load what they need on first use)."""
        for name in ("_countries", "_cities", "_states", "_regions", "_orgs", "_titles",
                     "_first_names", "_surnames", "_org_keywords", "_place_starts",
                     "_country_prefixes", "_demonym_prefixes", "title_starts"):
            getattr(self, name)
        return self


_INSTANCE: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The shared gazetteer; tables load lazily on first use."""
    global _INSTANCE
    if _INSTANCE is None:
        _INSTANCE = Gazetteer()
    return _INSTANCE


def iter_data_files() -> Iterable[str]:
    """Names of the bundled data files (for tests and tooling)."""
    return sorted(entry.name for entry in resources.files(DATA_PACKAGE).iterdir()
                  if entry.name.endswith((".tsv", ".txt", ".md")))
