"""The search language: what a person types -> an FTS5 MATCH expression plus filters.

User text is safe by default: we tokenize it ourselves and hand FTS5 nothing but string
literals (``"..."``, optionally ``*`` for a prefix) joined by operators we wrote, so no input
can make SQLite raise. FTS5's own tokenizer splits each literal, so ``multi-agent`` or
``U.S.`` become phrases of their parts. ``raw=True`` is the escape hatch: the text goes to
FTS5 verbatim and `check_raw` turns FTS5's complaints into readable errors.

Language: ``word``, ``"a phrase"``, ``word*`` / ``"a phr"*`` (prefix), ``-word`` /
``-"a phrase"`` (exclude), ``a OR b`` (uppercase only; binds tighter than the implicit AND,
as in web search: ``storm OR hurricane grenada`` means (storm OR hurricane) AND grenada),
and filters ``key:value`` / ``key:"a value"`` for the keys in `FILTER_KEYS`.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta

from briefing.ingest.clean import drop_escapes, join_words

FILTER_KEYS = ("actor", "type", "place", "source", "since", "until", "is", "has", "link")
_FILTER = re.compile(r"(%s):" % "|".join(FILTER_KEYS), re.IGNORECASE)
# ASCII digits only: \d would accept Arabic-Indic digits that datetime rejects anyway.
_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ASCII_SPACE = " \t\n\r\f\v"
_OR = object()  # marker for an OR between terms
_KEYWORDS = {"AND", "OR", "NOT", "NEAR"}  # not highlight terms in raw mode


class QueryError(ValueError):
    """A query the user must fix; the message is shown as-is."""


@dataclass(frozen=True)
class Query:
    """A parsed query. How to run it:

    - ``match`` not None: ``fts MATCH match``. It already contains the exclusions
      (``(positive) NOT (excluded)``), so it ranks, highlights and filters in one go.
    - ``match`` None and ``exclude`` not None (only exclusions were typed): FTS5 cannot
      express "everything except", so use ``rowid NOT IN (SELECT rowid FROM fts WHERE fts
      MATCH exclude)``. Applying that alongside ``match`` as well is redundant but correct.
    - both None: no text search; list by ``filters`` only.
    """

    text: str  # original input
    match: str | None
    exclude: str | None  # the excluded terms OR-ed together
    terms: tuple[str, ...]  # positive words/phrases, unquoted, for highlighting
    filters: dict[str, tuple[str, ...]] = field(hash=False)  # key -> values, in typed order
    raw: bool = False


@dataclass(frozen=True)
class _Term:
    body: str  # the text between quotes, or the bare word without trailing *
    prefix: bool
    excluded: bool


def parse_query(text: str, *, raw: bool = False) -> Query:
    """Parse the search language (or pass FTS5 syntax through with ``raw=True``)."""
    # Lone surrogates (e.g. undecodable argv bytes) cannot be encoded for SQLite at all, and
    # NUL ends a string inside FTS5's parser, so a raw check would see less than the search.
    clean = join_words(drop_escapes(_SURROGATE.sub("\ufffd", text).replace("\x00", " ")))
    if raw:
        # Only the whitespace FTS5 skips: str.strip() would also drop "\x85" and other
        # Unicode spaces that FTS5 reads as token characters, so the check and the search
        # would see different expressions.
        expr = clean.strip(_ASCII_SPACE) or None
        words = re.findall(r"\w+", clean)
        return Query(text, expr, None, _unique(w for w in words if w not in _KEYWORDS), {}, True)

    # Curly quotes are what macOS and phones type for ".
    clean = clean.replace("\u201c", '"').replace("\u201d", '"')
    groups: list[list[str]] = []  # AND of ORs: [[a], [b, c]] -> a AND (b OR c)
    excluded: list[str] = []
    terms: list[str] = []
    filters: dict[str, tuple[str, ...]] = {}
    pending_or = False
    for item in _scan(clean):
        if item is _OR:
            pending_or = True
        elif isinstance(item, tuple):  # a filter; lifted out, the rest reads as if it were absent
            key, value = item
            filters[key] = filters.get(key, ()) + (value,)
        elif not any(ch.isalnum() for ch in item.body):
            # "", "-", "😀": no token for FTS5, so the term would match nothing; drop it.
            continue
        elif item.excluded:
            excluded.append(_literal(item))
            pending_or = False  # "a OR -b c": OR cannot join an exclusion; don't carry it over
        else:
            if pending_or and groups:
                groups[-1].append(_literal(item))
            else:
                groups.append([_literal(item)])
            terms.append(item.body.strip())
            pending_or = False  # a trailing OR, or one with nothing before it, is ignored

    exclude = _join(excluded, "OR") if excluded else None
    match = None
    if groups:
        if len(groups) == 1:
            match = " OR ".join(groups[0])
        else:
            match = " AND ".join(_join(g, "OR") for g in groups)
        if exclude:
            compound = len(groups) > 1 or len(groups[0]) > 1
            match = f"({match}) NOT {exclude}" if compound else f"{match} NOT {exclude}"
    return Query(text, match, exclude, _unique(terms), filters)


def _scan(text: str):
    """Yield `_Term`, `_OR` or (key, value) filter tuples, left to right."""
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        # "-" right before something is an exclusion; a lone "-" is just a (dropped) word.
        excluded = text[i] == "-" and i + 1 < n and not text[i + 1].isspace()
        if excluded:
            i += 1
        key = _FILTER.match(text, i)
        if key:
            name = key.group(1).lower()
            if text.startswith('"', key.end()):
                value, i = _quoted(text, key.end())
                value = value.strip()
            else:
                i = _word_end(text, key.end())
                value = text[key.end():i]
            if excluded:
                written = text[key.start():i]
                raise QueryError(f'Filters can\'t be excluded: "-{written}"; drop the "-".')
            if name in ("since", "until") and value:
                _check_date(name, value)
            if value:  # "source:" alone (e.g. still being typed) means nothing yet
                yield name, value
        elif text[i] == '"':  # a phrase only starts at the start of a term; don"t is a word
            body, i = _quoted(text, i)
            prefix = text.startswith("*", i)
            while text.startswith("*", i):
                i += 1
            yield _Term(body, prefix, excluded)
        else:
            end = _word_end(text, i)
            word = text[i:end]
            i = end
            if word == "OR" and not excluded:
                yield _OR
            else:
                body = word.rstrip("*")
                yield _Term(body, body != word, excluded)


def _quoted(text: str, start: int) -> tuple[str, int]:
    """The text inside quotes opening at `start`; an unclosed quote runs to the end."""
    end = text.find('"', start + 1)
    if end < 0:
        return text[start + 1:], len(text)
    return text[start + 1:end], end + 1


def _word_end(text: str, i: int) -> int:
    while i < len(text) and not text[i].isspace():
        i += 1
    return i


def _literal(term: _Term) -> str:
    # An FTS5 string: nothing inside is syntax, and a doubled quote stands for a quote.
    return '"' + term.body.replace('"', '""') + '"' + ("*" if term.prefix else "")


def _join(parts: list[str], op: str) -> str:
    return parts[0] if len(parts) == 1 else "(" + f" {op} ".join(parts) + ")"


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))



# --- dates -------------------------------------------------------------------------------
# Stored dates are ISO strings ("2018", "2018-02", "2018-02-14", "2018-02-14T10:00:00"), so
# bounds are strings too and plain string comparison orders them.


def _check_date(key: str, value: str) -> tuple[int, int | None, int | None]:
    m = _DATE.match(value)
    parts = None
    if m:
        year, month, day = (int(g) if g else None for g in m.groups())
        try:
            # "is None", not "or": month 00 or day 00 must fail here, not later in until_bound.
            date(year, 1 if month is None else month, 1 if day is None else day)
            if 1000 <= year <= 2999:  # same plausible range as ingest; keeps bounds 4-digit
                parts = (year, month, day)
        except ValueError:
            pass
    if parts is None:
        raise QueryError(f'{key}: expects a date like 2018-02 or 2018-02-14, got "{value}"')
    return parts


def since_bound(value: str) -> str:
    """Inclusive lower bound: use ``published >= since_bound(v)``.

    It is the value itself: "2018-02" lets in "2018-02", "2018-02-01" and later. A stored
    month-only "2018-02" is *not* since "2018-02-14": its day is unknown.
    """
    _check_date("since", value)
    return value


def until_bound(value: str) -> str:
    """Exclusive upper bound: use ``published < until_bound(v)``.

    "until" includes the whole period named: until 2018 -> "2019", until 2018-12 ->
    "2019-01", until 2018-02-28 -> "2018-03-01", so "2018-02-28T23:59:59" is still in.
    """
    year, month, day = _check_date("until", value)
    if month is None:
        return f"{year + 1:04d}"
    if day is None:
        return f"{year + 1:04d}-01" if month == 12 else f"{year:04d}-{month + 1:02d}"
    return (date(year, month, day) + timedelta(days=1)).isoformat()


# --- raw FTS5 ------------------------------------------------------------------------------


def check_raw(conn: sqlite3.Connection, fts_table: str, expr: str) -> None:
    """Raise QueryError with FTS5's complaint if `expr` is not a valid MATCH expression.

    A blank expression passes: parse_query turns it into match=None (no text search).
    """
    expr = join_words(drop_escapes(_SURROGATE.sub("\ufffd", expr).replace("\x00", " ")))  # as parse_query
    if not expr.strip(_ASCII_SPACE):
        return
    table = '"' + fts_table.replace('"', '""') + '"'
    try:
        # LIMIT 1 and a fetch: FTS5 parses the expression when the scan starts, and with
        # LIMIT 0 SQLite never starts it, so errors would go unnoticed. Parsing happens
        # even on an empty table.
        conn.execute(f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1", (expr,)).fetchall()
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if message.startswith("no such table"):  # our bug, not the user's query
            raise
        message = message.removeprefix("fts5: ")
        raise QueryError(f"Invalid FTS5 query: {message}") from None
