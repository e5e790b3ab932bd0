"""Reading a whole export scope at once: which articles a scope holds, and their articles,
links, timeline and actors in bulk (one query per kind, not one per article).

Id lists travel as one JSON parameter read with `json_each`, so a 20,000-article scope needs
no temporary table and no statement with 20,000 placeholders.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable

import sqlite_utils

from briefing.store import link_views
from briefing.store.link_views import article_texts, reading_order
from briefing.store.models import (
    Article, LinkView, RoleSource, ScopeActor, TimelineEntry)
from briefing.store.query import QueryError, parse_query, since_bound, until_bound
from briefing.store.search import _filter_sql

_IN = "(SELECT value FROM json_each(?))"
_ARTICLE_COLUMNS = ("id, title, text, source, place, published, url, origin, ingested,"
                    " duplicate_of")
# Links that tell one story: followed transitively. A `same_event` link of strength "story" (the
# same subject, perhaps a later development) and shared_context (a background claim two articles
# share) only add the direct neighbours of the story's own article: followed further, a wire's
# running coverage of one company would pull in months of it.
_FOLLOWED = ("(type IN ('realizes', 'follow_up', 'duplicate') OR (type = 'same_event'"
             " AND json_extract(diff, '$.strength') = 'event'))")
_NEIGHBOURS = ("(type = 'shared_context' OR (type = 'same_event'"
               " AND json_extract(diff, '$.strength') IS NOT 'event'))")


def _ids(ids: Iterable[int]) -> str:
    return json.dumps(sorted({int(i) for i in ids}))


def article_ids(db: sqlite_utils.Database, since: str | None = None, until: str | None = None,
                within: Iterable[int] | None = None, duplicates: bool = False) -> list[int]:
    """Ids of stored articles, ascending: all of them (duplicates folded out unless asked) or
    those of `within` that exist, narrowed to a publication range like the search filters
    (inclusive; an undated article is outside any range)."""
    where, args = [], []
    if within is not None:
        where.append(f"id IN {_IN}")
        args.append(_ids(within))
    if not duplicates:
        where.append("duplicate_of IS NULL")
    if since:
        where.append("published >= ?")
        args.append(since_bound(since))
    if until:
        where.append("published < ?")
        args.append(until_bound(until))
    sql = "SELECT id FROM articles" + (" WHERE " + " AND ".join(where) if where else "")
    return [r[0] for r in db.execute(sql + " ORDER BY id", args)]


def search_ids(db: sqlite_utils.Database, text: str) -> list[int]:
    """Every article the search language matches (no ranking, no snippets), ascending."""
    query = parse_query(text)
    where, params = _filter_sql(query)
    if query.match is None:
        sql = f"SELECT a.id FROM articles a WHERE {' AND '.join(where)}"
    else:
        params["match"] = query.match
        sql = ("SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.rowid"
               f" WHERE articles_fts MATCH :match AND {' AND '.join(where)}")
    try:
        return sorted(r[0] for r in db.execute(sql, params))
    except sqlite3.OperationalError as exc:
        raise QueryError(f"search failed: {exc}") from None


def actor_articles(db: sqlite_utils.Database, name: str) -> tuple[list[str], list[int]]:
    """(canonical names matched, ids of the articles mentioning them) for an actor name."""
    from briefing.store.actor_views import find_actor

    actor_ids = find_actor(db, name)
    if not actor_ids:
        return [], []
    names = sorted(r[0] for r in db.execute(
        f"SELECT name FROM actors WHERE id IN {_IN}", [_ids(actor_ids)]))
    ids = [r[0] for r in db.execute(
        f"SELECT DISTINCT article_id FROM mentions WHERE actor_id IN {_IN} ORDER BY article_id",
        [_ids(actor_ids)])]
    return names, ids


def story(db: sqlite_utils.Database, article_id: int) -> list[int]:
    """The article, every article reachable from it through story links (`_FOLLOWED`, either
    direction), and the articles only loosely tied to the article itself (`_NEIGHBOURS`)."""
    seen = {article_id}
    frontier = [article_id]
    while frontier:
        rows = db.execute(
            f"SELECT source, target FROM links WHERE {_FOLLOWED} AND"
            f" (source IN {_IN} OR target IN {_IN})", [_ids(frontier), _ids(frontier)]).fetchall()
        found = {i for row in rows for i in row} - seen
        seen |= found
        frontier = sorted(found)
    for source, target in db.execute(
            f"SELECT source, target FROM links WHERE {_NEIGHBOURS} AND"
            " (source = ? OR target = ?)", [article_id, article_id]):
        seen |= {source, target}
    return sorted(seen)


def articles(db: sqlite_utils.Database, ids: Iterable[int]) -> list[Article]:
    """The articles with these ids, ascending by id."""
    return [Article(*r) for r in db.execute(
        f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN {_IN} ORDER BY id", [_ids(ids)])]


def links_among(db: sqlite_utils.Database, ids: Iterable[int]) -> list[LinkView]:
    """Every link whose two articles are both in `ids`, by id, with the evidence quoted."""
    key = _ids(ids)
    return link_views.views(db, db.execute(
        "SELECT id, source, target, type, score, reason, evidence, diff, inferred_order"
        f" FROM links WHERE source IN {_IN} AND target IN {_IN} ORDER BY id",
        [key, key]).fetchall())


def chronology(db: sqlite_utils.Database, ids: Iterable[int]) -> tuple[list[int], dict[int, str]]:
    """The articles in time order (dated by date; undated ones after the articles that links
    say precede them) and the dates inferred for undated ones from a dated neighbour."""
    return reading_order(db, article_texts(db, ids))


def timeline(db: sqlite_utils.Database, ids: Iterable[int]) -> list[TimelineEntry]:
    """Every event of the articles, in article time order then text order; dates as the
    corpus timeline gives them (`link_views.entries`)."""
    return link_views.entries(db, list(ids))


def scope_actors(db: sqlite_utils.Database, ids: Iterable[int],
                 limit: int = 100) -> tuple[list[ScopeActor], int]:
    """The actors mentioned in the articles, counted within them (articles, then mentions,
    then name), at most `limit`, with the roles the articles give them and the sentence each
    role was read from; and how many actors there are in all."""
    key = _ids(ids)
    counts = db.execute(
        "SELECT a.id, a.name, a.type, a.country, COUNT(DISTINCT m.article_id) AS n, COUNT(*)"
        f" FROM mentions m JOIN actors a ON a.id = m.actor_id WHERE m.article_id IN {_IN}"
        " GROUP BY a.id ORDER BY n DESC, COUNT(*) DESC, a.name, a.id", [key]).fetchall()
    top = [ScopeActor(*r) for r in counts[:limit]]
    by_id = {a.id: a for a in top}
    roles: dict[int, list[RoleSource]] = defaultdict(list)
    for actor_id, title, country, article_id, article_title, sentence in db.execute(
            "SELECT r.actor_id, r.title, r.country, r.article_id, ar.title,"
            " substr(ar.text, r.sentence_start + 1, r.sentence_end - r.sentence_start)"
            f" FROM roles r JOIN articles ar ON ar.id = r.article_id"
            f" WHERE r.actor_id IN {_IN} AND r.article_id IN {_IN}"
            " ORDER BY r.actor_id, r.article_id, r.sentence_start",
            [_ids(by_id), key]):
        roles[actor_id].append(RoleSource(title, country, article_id, article_title, sentence))
    for actor_id, actor in by_id.items():
        actor.roles = roles.get(actor_id, [])
    return top, len(counts)
