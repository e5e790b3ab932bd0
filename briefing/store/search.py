"""Running a parsed query: FTS5 ranking plus metadata filters, as SQL the caller never sees."""

from __future__ import annotations

import sqlite3

import sqlite_utils

from briefing.store.models import HIT_END, HIT_START, Hit, split_marked
from briefing.store.query import Query, QueryError, check_raw, since_bound, until_bound

# Title hits weigh more than body hits: a story *about* Grenada beats one that mentions it.
TITLE_WEIGHT, TEXT_WEIGHT = 5.0, 1.0
_RANK = f"bm25({TITLE_WEIGHT}, {TEXT_WEIGHT})"
SUPPORTED_FILTERS = {"since", "until", "source", "place", "actor", "type", "is", "has", "link"}
_LINK_TYPES = ("realizes", "same_event", "follow_up", "shared_context", "duplicate")
_ACTOR_TYPES = {"person": "PERSON", "org": "ORG", "gpe": "GPE", "loc": "LOC"}
# An actor named by canonical name, by any alias seen, or by one of its words ("Videgaray").
_ACTOR_MATCH = (
    "(ac.name = :{p} COLLATE NOCASE"
    " OR ac.id IN (SELECT actor_id FROM actor_aliases WHERE alias = :{p} COLLATE NOCASE)"
    " OR (' ' || ac.name || ' ') LIKE ('% ' || :{p} || ' %'))"
)
_SNIPPET_TOKENS = 24


def _filter_sql(query: Query) -> tuple[list[str], dict]:
    unsupported = sorted(set(query.filters) - SUPPORTED_FILTERS)
    if unsupported:
        raise QueryError(f"the {unsupported[0]}: filter is not available in this version yet")
    where, params = ["a.duplicate_of IS NULL"], {}
    for i, value in enumerate(query.filters.get("since", ())):
        where.append(f"a.published >= :since{i}")
        params[f"since{i}"] = since_bound(value)
    for i, value in enumerate(query.filters.get("until", ())):
        where.append(f"a.published < :until{i}")
        params[f"until{i}"] = until_bound(value)
    for key in ("source", "place"):
        values = query.filters.get(key, ())
        if values:
            # Prefix match, case-insensitive: "source:reuters" finds "Reuters" and "Reuters UK".
            ors = [f"a.{key} LIKE :{key}{i} ESCAPE '\\'" for i in range(len(values))]
            where.append("(" + " OR ".join(ors) + ")")
            for i, v in enumerate(values):
                params[f"{key}{i}"] = v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    types = []
    for value in query.filters.get("type", ()):
        if value.lower() not in _ACTOR_TYPES:
            raise QueryError(f"type: expects person, org, gpe or loc, got \"{value}\"")
        types.append(_ACTOR_TYPES[value.lower()])
    type_sql = f" AND ac.type IN ({', '.join(repr(t) for t in types)})" if types else ""
    for i, value in enumerate(query.filters.get("actor", ())):
        params[f"actor{i}"] = value
        where.append("a.id IN (SELECT m.article_id FROM mentions m JOIN actors ac"
                     f" ON ac.id = m.actor_id WHERE {_ACTOR_MATCH.format(p=f'actor{i}')}{type_sql})")
    if types and not query.filters.get("actor"):
        where.append("a.id IN (SELECT m.article_id FROM mentions m JOIN actors ac"
                     f" ON ac.id = m.actor_id WHERE 1{type_sql})")
    for value in query.filters.get("is", ()):
        if value.lower() != "bookmarked":
            raise QueryError(f"is: expects bookmarked, got \"{value}\"")
        where.append("a.id IN (SELECT article_id FROM bookmarks)")
    for value in query.filters.get("has", ()):
        if value.lower() not in ("note", "notes"):
            raise QueryError(f"has: expects note, got \"{value}\"")
        where.append("a.id IN (SELECT article_id FROM notes)")
    for i, value in enumerate(query.filters.get("link", ())):
        if value.lower() not in _LINK_TYPES and value.lower() != "any":
            raise QueryError(f"link: expects {', '.join(_LINK_TYPES)} or any, got \"{value}\"")
        kind = "" if value.lower() == "any" else f" WHERE type = :link{i}"
        params[f"link{i}"] = value.lower()
        where.append(f"a.id IN (SELECT source FROM links{kind} UNION SELECT target FROM links{kind})")
    if query.exclude and query.match is None:
        # With a match, the exclusions are already inside it (`... NOT (...)`).
        where.append("a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :exclude)")
        params["exclude"] = query.exclude
    return where, params


# FTS5 scores every match before it returns the best page, so ranking costs what the matches
# number: a common word in a 200k-article corpus took 2 s. Past RANK_WINDOW matches only the
# newest RANK_WINDOW (by rowid, the order articles arrived) are ranked, paged and counted; the
# reader says "5,000+". A query with filters is left whole: filters are how a user narrows.
RANK_WINDOW = 5000


def window_floor(db: sqlite_utils.Database, query: Query) -> int | None:
    """The rowid at or below which matches are left out, when there are more than RANK_WINDOW."""
    if query.match is None or query.filters:
        return None
    try:
        row = db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
                         " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                         [query.match, RANK_WINDOW]).fetchone()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"search failed: {exc}") from None
    return row[0] if row else None


# FTS5's snippet() weighs every window around every hit: on a 1 MB transcript that repeats the
# search word ten thousand times it takes seconds. Past this length the snippet is the opening.
SNIPPET_MAX_CHARS = 100_000


def run(db: sqlite_utils.Database, query: Query, limit: int = 20, offset: int = 0,
        snippets: bool = True) -> list[Hit]:
    """A page of matches, best first; `snippets=False` for callers that never show them."""
    if query.raw:
        check_raw(db.conn, "articles_fts", query.text)
    where, params = _filter_sql(query)
    params.update(limit=limit, offset=offset, s=HIT_START, e=HIT_END)
    floor = window_floor(db, query)
    if floor is not None:
        where.append("f.rowid > :floor")
        params["floor"] = floor
    if query.match is None:
        sql = (
            "SELECT a.id, a.title, a.published, a.place, a.source, substr(a.text, 1, 200), NULL, NULL "
            f"FROM articles a WHERE {' AND '.join(where)} "
            "ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT :limit OFFSET :offset"
        )
    else:
        params["match"] = query.match
        # FTS5 consumes ORDER BY rank itself (weights given per query through `rank MATCH`), so
        # rows come out best first, filters are checked as they stream, and snippet() is only
        # computed for the page that is returned.
        sql = (
            "SELECT f.rowid, highlight(articles_fts, 0, :s, :e), a.published, a.place, a.source,"
            f" {_snippet() if snippets else chr(39) * 2}, f.rank, 1"
            " FROM articles_fts f JOIN articles a ON a.id = f.rowid"
            f" WHERE articles_fts MATCH :match AND f.rank MATCH '{_RANK}'"
            f" AND {' AND '.join(where)} ORDER BY f.rank LIMIT :limit OFFSET :offset"
        )
    try:
        rows = db.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"search failed: {exc}") from None
    return [_hit(row) for row in rows]


def _snippet() -> str:
    return (f"CASE WHEN length(a.text) <= {SNIPPET_MAX_CHARS}"
            f" THEN snippet(articles_fts, 1, :s, :e, '…', {_SNIPPET_TOKENS})"
            " ELSE substr(a.text, 1, 200) END")


def _hit(row: tuple) -> Hit:
    id_, title, published, place, source, snippet, score, marked = row
    title_plain, title_hits = split_marked(title or "") if marked else (title or "", [])
    if marked:
        snippet_plain, snippet_hits = split_marked(snippet or "")
    else:
        snippet_plain, snippet_hits = " ".join((snippet or "").split()), []
    return Hit(id_, title_plain or None, published, place, source, snippet_plain, snippet_hits,
               title_hits, score)
