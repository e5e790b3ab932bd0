"""`same_event` profiles in the store: one JSON document per article.

The text is not stored again (the article row has it, and linking never needs it): a profile
read back has `text = ""`. Dates travel as ISO strings, sentence spans as pairs.
"""

from __future__ import annotations

import json
from datetime import date

import sqlite_utils

from briefing.analysis.links.same_event import EventProfile


def dumps(p: EventProfile) -> str:
    return json.dumps({
        "date": p.date.isoformat() if p.date else None, "sentences": p.sentences,
        "terms": p.terms, "specifics": p.specifics, "places": p.places, "surface": p.surface,
        "kinds": p.kinds, "lead": p.lead}, ensure_ascii=False, separators=(",", ":"))


def loads(article_id: int, data: str) -> EventProfile:
    d = json.loads(data)
    return EventProfile(
        str(article_id), "", date.fromisoformat(d["date"]) if d["date"] else None,
        [tuple(s) for s in d["sentences"]], d["terms"], d["specifics"], d["places"],
        d["surface"], d["kinds"], d["lead"])


def save(db: sqlite_utils.Database, article_id: int, profile: EventProfile) -> None:
    """Caller holds the transaction."""
    db.execute("INSERT OR REPLACE INTO event_profiles (article_id, profile) VALUES (?, ?)",
               [article_id, dumps(profile)])


def load(db: sqlite_utils.Database) -> dict[int, EventProfile]:
    """Profiles of every live (not duplicate) article."""
    return {i: loads(i, data) for i, data in db.execute(
        "SELECT p.article_id, p.profile FROM event_profiles p JOIN articles a"
        " ON a.id = p.article_id WHERE a.duplicate_of IS NULL")}


def missing(db: sqlite_utils.Database) -> list[tuple[int, str, str, str | None]]:
    """(id, text, title, published) of analysed articles that have no profile yet: a database
    analysed before profiles existed."""
    return db.execute(
        "SELECT a.id, a.text, COALESCE(a.title, ''), a.published FROM articles a"
        " JOIN analysed d ON d.article_id = a.id WHERE a.duplicate_of IS NULL"
        " AND a.id NOT IN (SELECT article_id FROM event_profiles)").fetchall()
