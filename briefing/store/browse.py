"""Reading the corpus a page at a time, for the reader app: every article newest first, or a
query's matches, their count, and where a query hits inside one article."""

from __future__ import annotations

import sqlite_utils

from briefing.store import search as _search
from briefing.store.models import HIT_END, HIT_START, Hit, split_marked
from briefing.store.query import Query, check_raw


def page(db: sqlite_utils.Database, query: Query, offset: int, limit: int) -> list[Hit]:
    """One page of a query's matches, ranked; without search words, newest first."""
    if query.match is not None or query.raw:
        return _search.run(db, query, limit, offset, snippets=False)  # the list shows titles
    where, params = _search._filter_sql(query)
    # `published DESC, id DESC` is the published index read backwards (NULLs sort lowest, so
    # undated articles come last): a page costs its own rows, not a sort of the corpus.
    sql = ("SELECT a.id, a.title, a.published, a.place, a.source FROM articles a"
           f" WHERE {' AND '.join(where)} ORDER BY a.published DESC, a.id DESC"
           " LIMIT :limit OFFSET :offset")
    rows = db.execute(sql, {**params, "limit": limit, "offset": offset}).fetchall()
    return [Hit(id_, title, published, place, source, "") for id_, title, published, place, source
            in rows]


def count(db: sqlite_utils.Database, query: Query) -> int:
    return count_more(db, query)[0]


def count_more(db: sqlite_utils.Database, query: Query) -> tuple[int, bool]:
    """How many articles `page` pages through, and whether more match than are ranked
    (`search.RANK_WINDOW`)."""
    if query.raw:
        check_raw(db.conn, "articles_fts", query.text)
    where, params = _search._filter_sql(query)
    floor = None
    if query.match is None:
        sql = f"SELECT COUNT(*) FROM articles a WHERE {' AND '.join(where)}"
    else:
        params["match"] = query.match
        floor = _search.window_floor(db, query)
        if floor is not None:
            where.append("f.rowid > :floor")
            params["floor"] = floor
        sql = ("SELECT COUNT(*) FROM articles_fts f JOIN articles a ON a.id = f.rowid"
               f" WHERE articles_fts MATCH :match AND {' AND '.join(where)}")
    return db.execute(sql, params).fetchone()[0], floor is not None


def hit_spans(db: sqlite_utils.Database, query: Query,
              article_id: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where the query's words hit in the article's title and text, as character spans (FTS5
    highlight(), so stemmed forms count: `visits` lights up `visited`)."""
    if query.match is None:
        return [], []
    row = db.execute(
        "SELECT highlight(articles_fts, 0, :s, :e), highlight(articles_fts, 1, :s, :e)"
        " FROM articles_fts WHERE articles_fts MATCH :match AND rowid = :id",
        {"s": HIT_START, "e": HIT_END, "match": query.match, "id": article_id}).fetchone()
    if row is None:
        return [], []
    return split_marked(row[0] or "")[1], split_marked(row[1] or "")[1]


def duplicate_counts(db: sqlite_utils.Database) -> dict[int, int]:
    """How many folded copies each article has (only those with any)."""
    return dict(db.execute("SELECT duplicate_of, COUNT(*) FROM articles"
                           " WHERE duplicate_of IS NOT NULL GROUP BY duplicate_of").fetchall())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    from briefing.analysis.actors.sentences import split

    return [(s.start, s.end) for s in split(text)]
