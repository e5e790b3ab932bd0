"""Reading actors back: lists, one actor's profile, and mention spans for highlighting."""

from __future__ import annotations

import sqlite_utils

from briefing.store.models import ActorProfile, ActorRow, MentionSpan, RoleSource

_ROW = (
    "SELECT a.id, a.name, a.type, a.country,"
    " (SELECT group_concat(DISTINCT r.title) FROM roles r WHERE r.actor_id = a.id),"
    " COUNT(m.id), COUNT(DISTINCT m.article_id)"
    " FROM actors a JOIN mentions m ON m.actor_id = a.id"
)


def _row(r: tuple) -> ActorRow:
    return ActorRow(r[0], r[1], r[2], r[3], sorted((r[4] or "").split(",")) if r[4] else [],
                    r[5], r[6])


def list_actors(db: sqlite_utils.Database, article_id: int | None = None,
                type_: str | None = None, limit: int = 100) -> list[ActorRow]:
    where, params = [], []
    if article_id is not None:
        # Counts stay corpus-wide; the article only selects which actors are listed.
        where.append("a.id IN (SELECT actor_id FROM mentions WHERE article_id = ?)")
        params.append(article_id)
    if type_:
        where.append("a.type = ?")
        params.append(type_.upper())
    sql = (_ROW + (" WHERE " + " AND ".join(where) if where else "")
           + " GROUP BY a.id ORDER BY COUNT(m.id) DESC, a.name LIMIT ?")
    return [_row(r) for r in db.execute(sql, params + [limit])]


def count_actors(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COUNT(*) FROM actors").fetchone()[0]


def find_actor(db: sqlite_utils.Database, name: str) -> list[int]:
    """Actor ids for a name: exact canonical name, else alias, else a unique word match."""
    for sql in (
        "SELECT id FROM actors WHERE name = ? COLLATE NOCASE",
        "SELECT DISTINCT actor_id FROM actor_aliases WHERE alias = ? COLLATE NOCASE",
        "SELECT id FROM actors WHERE (' ' || name || ' ') LIKE ('% ' || ? || ' %')",
    ):
        ids = [r[0] for r in db.execute(sql, [name.strip()])]
        if ids:
            return ids
    return []


def profile(db: sqlite_utils.Database, actor_id: int, top: int = 10) -> ActorProfile | None:
    rows = db.execute(_ROW + " WHERE a.id = ? GROUP BY a.id", [actor_id]).fetchall()
    if not rows:
        return None
    acronym = db.execute("SELECT acronym FROM actors WHERE id = ?", [actor_id]).fetchone()[0]
    aliases = [r[0] for r in db.execute(
        "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias", [actor_id])]
    roles = [RoleSource(*r) for r in db.execute(
        "SELECT r.title, r.country, r.article_id, ar.title,"
        " substr(ar.text, r.sentence_start + 1, r.sentence_end - r.sentence_start)"
        " FROM roles r JOIN articles ar ON ar.id = r.article_id WHERE r.actor_id = ?"
        " ORDER BY r.article_id, r.sentence_start", [actor_id])]
    articles = [tuple(r) for r in db.execute(
        "SELECT ar.id, ar.title, ar.published, COUNT(*) FROM mentions m"
        " JOIN articles ar ON ar.id = m.article_id WHERE m.actor_id = ?"
        " GROUP BY ar.id ORDER BY ar.published IS NULL, ar.published, ar.id", [actor_id])]
    co_actors = [tuple(r) for r in db.execute(
        "SELECT a.name, a.type, COUNT(DISTINCT m2.article_id) AS shared FROM mentions m1"
        " JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.actor_id != m1.actor_id"
        " JOIN actors a ON a.id = m2.actor_id WHERE m1.actor_id = ?"
        " GROUP BY a.id ORDER BY shared DESC, COUNT(*) DESC, a.name LIMIT ?", [actor_id, top])]
    return ActorProfile(_row(rows[0]), acronym, aliases, roles, articles, co_actors)


def article_mentions(db: sqlite_utils.Database, article_id: int) -> list[MentionSpan]:
    return [MentionSpan(*r) for r in db.execute(
        "SELECT m.start, m.end, m.actor_id, a.name, m.type FROM mentions m"
        " JOIN actors a ON a.id = m.actor_id WHERE m.article_id = ? ORDER BY m.start",
        [article_id])]
