"""Storing time expressions and events, and reading events back for linking and the timeline.

Event participants are stored as actor ids, so when `consolidate` folds "Videgaray" into "Luis
Videgaray" the events follow, and linking compares the corpus-wide actor, not the spelling.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import sqlite_utils

from briefing.analysis.events.model import Event, EventTime, Participant

_ROLES = ("agent", "target", "place")


def clear_article(db: sqlite_utils.Database, article_id: int) -> None:
    db.execute("DELETE FROM event_actors WHERE event_id IN"
               " (SELECT id FROM events WHERE article_id = ?)", [article_id])
    db.execute("DELETE FROM events WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM timexes WHERE article_id = ?", [article_id])


def save(db: sqlite_utils.Database, article_id: int, timexes: list, events: list[Event]) -> None:
    """Write one article's time expressions and events (after its mentions; caller holds the
    transaction)."""
    clear_article(db, article_id)
    db.conn.executemany(
        "INSERT INTO timexes (article_id, start, end, text, value, granularity, lo, hi, relative)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, t.start, t.end, t.text, t.value, t.granularity,
          t.lo.isoformat() if t.lo else None, t.hi.isoformat() if t.hi else None,
          int(bool(t.relative))) for t in timexes])
    actor_at = {(s, e): a for s, e, a in db.execute(
        "SELECT start, end, actor_id FROM mentions WHERE article_id = ?", [article_id])}
    for ev in events:
        t = ev.time
        event_id = db.execute(
            "INSERT INTO events (article_id, type, cameo, modality, sentence_start, sentence_end,"
            " trigger_start, trigger_end, trigger, time_start, time_end, time_text, time_value,"
            " time_granularity, time_lo, time_hi, time_relative, explicit)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [article_id, ev.type, ev.cameo, ev.modality, ev.sentence_start, ev.sentence_end,
             ev.trigger_start, ev.trigger_end, ev.trigger,
             *((t.start, t.end, t.text, t.value, t.granularity, t.lo, t.hi, int(t.relative))
               if t else (None,) * 8), int(ev.explicit)]).lastrowid
        rows = []
        for role, parts in (("agent", [ev.agent] if ev.agent else []), ("target", ev.targets),
                            ("place", ev.places)):
            for k, p in enumerate(parts):
                actor_id = actor_at.get((p.start, p.end))
                if actor_id is not None:
                    rows.append((event_id, actor_id, role, k, p.start, p.end, p.text))
        db.conn.executemany(
            "INSERT INTO event_actors (event_id, actor_id, role, ord, start, end, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


_EVENT_COLUMNS = ("e.id, e.article_id, e.type, e.cameo, e.modality, e.sentence_start,"
                  " e.sentence_end, e.trigger_start, e.trigger_end, e.trigger, e.time_start,"
                  " e.time_end, e.time_text, e.time_value, e.time_granularity, e.time_lo,"
                  " e.time_hi, e.time_relative, e.explicit")


def load(db: sqlite_utils.Database, article_ids: Iterable[int]) -> dict[int, list[Event]]:
    """Events of the given articles, participants named by their corpus-wide actor."""
    ids = sorted(set(article_ids))
    events: dict[int, Event] = {}
    by_article: dict[int, list[Event]] = defaultdict(list)
    for chunk in _chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        for row in db.execute(f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.article_id IN"
                              f" ({marks}) ORDER BY e.article_id, e.trigger_start", chunk):
            ev = _event(row)
            events[row[0]] = ev
            by_article[row[1]].append(ev)
        for event_id, role, name, type_, start, end, text in db.execute(
                "SELECT ea.event_id, ea.role, a.name, a.type, ea.start, ea.end, ea.text"
                " FROM event_actors ea JOIN events e ON e.id = ea.event_id"
                " JOIN actors a ON a.id = ea.actor_id"
                f" WHERE e.article_id IN ({marks}) ORDER BY ea.event_id, ea.role, ea.ord", chunk):
            ev = events[event_id]
            part = Participant(name, type_, start, end, text)
            if role == "agent":
                ev.agent = part
            elif role == "target":
                ev.targets.append(part)
            else:
                ev.places.append(part)
    return by_article


def _event(row) -> Event:
    (_, _, type_, cameo, modality, s0, s1, t0, t1, trigger, ts, te, ttext, tval, tgran, tlo,
     thi, trel, explicit) = row
    time = EventTime(ts, te, ttext, tval, tgran, tlo, thi, bool(trel)) if ttext else None
    return Event(type_, cameo, modality, -1, s0, s1, t0, t1, trigger, time=time,
                 explicit=bool(explicit))


def _chunks(items: list, n: int):
    for i in range(0, len(items), n):
        yield items[i:i + n]
