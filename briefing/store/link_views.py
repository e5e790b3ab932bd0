"""Reading links, events and timelines for the CLI, the TUI and export."""

from __future__ import annotations

import heapq
import json
from collections import defaultdict

import sqlite_utils

from briefing.store import events as events_store
from briefing.store.models import EventView, EvidencePair, LinkView, TimelineEntry

ORDERING = ("realizes", "follow_up")  # link types that say which article came first


def article_texts(db: sqlite_utils.Database, ids) -> dict[int, tuple[str | None, str, str | None]]:
    ids = sorted(set(ids))
    out = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for article_id, title, text, published in db.execute(
                f"SELECT id, title, text, published FROM articles WHERE id IN ({marks})", chunk):
            out[article_id] = (title, text, published)
    return out


def links(db: sqlite_utils.Database, article_id: int | None = None, type_: str | None = None,
          limit: int = 100) -> list[LinkView]:
    where, args = [], []
    if article_id is not None:
        where.append("(source = ? OR target = ?)")
        args += [article_id, article_id]
    if type_:
        where.append("type = ?")
        args.append(type_)
    sql = ("SELECT id, source, target, type, score, reason, evidence, diff, inferred_order"
           " FROM links" + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY score DESC, id LIMIT ?")
    return views(db, db.execute(sql, args + [limit]).fetchall())


def views(db: sqlite_utils.Database, rows: list[tuple]) -> list[LinkView]:
    """LinkViews from rows of (id, source, target, type, score, reason, evidence, diff,
    inferred_order), in the rows' order, with both articles' titles and evidence quoted."""
    texts = article_texts(db, [r[1] for r in rows] + [r[2] for r in rows])
    out = []
    for link_id, source, target, type_name, score, reason, evidence, diff, inferred in rows:
        s_title, s_text, _ = texts.get(source, (None, "", None))
        t_title, t_text, _ = texts.get(target, (None, "", None))
        pairs = [EvidencePair(a, b, s_text[a:b], c, d, t_text[c:d], note)
                 for a, b, c, d, note in json.loads(evidence or "[]")]
        out.append(LinkView(link_id, source, target, type_name, score, reason, s_title, t_title,
                            pairs, json.loads(diff or "{}"), bool(inferred)))
    return out


def link_count(db: sqlite_utils.Database) -> dict[str, int]:
    return dict(db.execute("SELECT type, COUNT(*) FROM links GROUP BY type").fetchall())


def events(db: sqlite_utils.Database, article_id: int) -> list[EventView]:
    text = article_texts(db, [article_id]).get(article_id, (None, "", None))[1]
    return [EventView(article_id, e.as_dict(), text[e.sentence_start:e.sentence_end])
            for e in events_store.load(db, [article_id]).get(article_id, [])]


def _actor_ids(db: sqlite_utils.Database, name: str) -> list[int]:
    from briefing.store.actor_views import find_actor

    return list(find_actor(db, name))


def timeline(db: sqlite_utils.Database, actor: str | None = None,
             limit: int = 500) -> list[TimelineEntry]:
    """Events in order: by stated date where there is one; undated articles placed by what
    the links say (a plan before its realization), with the date marked as inferred."""
    if actor is not None:
        ids = _actor_ids(db, actor)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        article_ids = [r[0] for r in db.execute(
            "SELECT DISTINCT e.article_id FROM events e JOIN event_actors ea"
            f" ON ea.event_id = e.id WHERE ea.actor_id IN ({marks})", ids)]
    else:
        article_ids = [r[0] for r in db.execute(
            "SELECT DISTINCT article_id FROM events ORDER BY article_id LIMIT ?", [limit])]
    names = set()
    if actor is not None:
        marks = ",".join("?" * len(ids))
        names = {r[0] for r in db.execute(f"SELECT name FROM actors WHERE id IN ({marks})", ids)}
    return entries(db, article_ids, names, limit)


def entries(db: sqlite_utils.Database, article_ids, names: set[str] | None = None,
            limit: int | None = None) -> list[TimelineEntry]:
    """The events of these articles in article time order, then text order (only those
    `names` take part in, when given). A date is the event's own day, else the article's,
    else one inferred from a linked article, marked inferred."""
    by_article = events_store.load(db, article_ids)
    texts = article_texts(db, article_ids)
    order, inferred_dates = reading_order(db, texts)
    out: list[TimelineEntry] = []
    for article_id in order:
        title, text, published = texts[article_id]
        for e in by_article.get(article_id, []):
            people = {p.actor for p in [e.agent, *e.targets, *e.places] if p is not None}
            if names and not people & names:
                continue
            stated = e.time.lo if e.time is not None and e.time.lo == e.time.hi else None
            when = stated or (published[:10] if published else inferred_dates.get(article_id))
            inferred = (stated is not None and e.time.relative) or (
                not stated and not published)
            out.append(TimelineEntry(article_id, title, when, inferred, e.as_dict(),
                                     text[e.sentence_start:e.sentence_end]))
            if limit is not None and len(out) >= limit:
                return out
    return out


def reading_order(db: sqlite_utils.Database, texts: dict) -> tuple[list[int], dict[int, str]]:
    """Articles in time order: dated ones by date, undated ones after the articles links say
    precede them (Kahn's algorithm, ties by date then id). Also the dates inferred for
    undated articles from a dated neighbour."""
    ids = set(texts)
    after: dict[int, set[int]] = defaultdict(set)
    indegree = {i: 0 for i in ids}
    marks = ",".join("?" * len(ORDERING))
    for source, target in db.execute(
            f"SELECT source, target FROM links WHERE type IN ({marks})", ORDERING):
        if source in ids and target in ids and target not in after[source]:
            after[source].add(target)
            indegree[target] += 1
    dated = {i: t[2][:10] for i, t in texts.items() if t[2]}
    inferred: dict[int, str] = {}
    for source, targets in after.items():
        for target in targets:
            if target not in dated and source in dated:
                inferred[target] = max(inferred.get(target, ""), dated[source])
            if source not in dated and target in dated:
                inferred.setdefault(source, dated[target])

    def key(i: int):
        return (dated.get(i) or inferred.get(i) or "9999", i)

    ready = [(key(i), i) for i in ids if indegree[i] == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        _, i = heapq.heappop(ready)
        order.append(i)
        for j in after.get(i, ()):
            indegree[j] -= 1
            if indegree[j] == 0:
                heapq.heappush(ready, (key(j), j))
    order += sorted(ids - set(order), key=key)  # a cycle (contradictory links): by date
    return order, inferred
