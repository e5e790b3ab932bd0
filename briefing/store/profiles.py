"""`same_event` profiles in the store: one JSON document per article.

The text is not stored again (the article row has it, and linking never needs it): a profile
read back has `text = ""`. Dates travel as ISO strings, sentence spans as pairs.

A whole corpus of full profiles does not fit in memory at a few hundred thousand articles, so
linking reads two forms: `light` profiles (what scoring and clustering read) for every article,
interned, and full ones (`load_ids`) only for the few articles whose links are being explained.
Linking a few new articles streams every stored article's feature names (`feature_rows`), kept
in a column of their own because parsing whole profiles for them was most of that pass.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date

import sqlite_utils

from briefing.analysis.links.same_event import EventProfile

_LIVE_OF = ("SELECT p.article_id, p.{} FROM event_profiles p JOIN articles a"
            " ON a.id = p.article_id WHERE a.duplicate_of IS NULL")
_LIVE = _LIVE_OF.format("profile")
_CHUNK = 500  # ids per query: under SQLite's bound-parameter limit


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


class Light:
    """Reads light profiles: weights, date and lead only (no sentences, places, surface or kinds,
    which only explaining a link reads). The same few tens of thousands of feature keys and weight
    values recur across every article, so each is held once per reader instead of once per
    article: that, more than the dropped fields, is what makes a corpus of them small."""

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}
        self._values: dict[float, float] = {}

    def __call__(self, article_id: int, data: str) -> EventProfile:
        d = json.loads(data)
        return EventProfile(
            str(article_id), "", date.fromisoformat(d["date"]) if d["date"] else None, [],
            self._shared(d["terms"]), self._shared(d["specifics"]), lead=d["lead"])

    def _shared(self, weights: dict[str, float]) -> dict[str, float]:
        key, value = self._keys.setdefault, self._values.setdefault
        return {key(k, k): value(v, v) for k, v in weights.items()}


def save(db: sqlite_utils.Database, article_id: int, profile: EventProfile) -> None:
    """Caller holds the transaction."""
    db.execute("INSERT OR REPLACE INTO event_profiles (article_id, profile, features)"
               " VALUES (?, ?, ?)", [article_id, dumps(profile), features_json(profile)])


def features_json(profile: EventProfile) -> str:
    return json.dumps(sorted(profile.features()), ensure_ascii=False, separators=(",", ":"))


def rows(db: sqlite_utils.Database) -> Iterator[tuple[int, str]]:
    """(id, JSON) of every live (not duplicate) article, one at a time, in `load`'s order."""
    return db.execute(_LIVE)


def feature_rows(db: sqlite_utils.Database) -> Iterator[tuple[int, set[str]]]:
    """(id, feature names) of every live article, one at a time, in `load`'s order: what
    statistics and blocking read, without parsing whole profiles."""
    for article_id, features in db.execute(_LIVE_OF.format("features")):
        yield article_id, set(json.loads(features))


def load(db: sqlite_utils.Database) -> dict[int, EventProfile]:
    """Profiles of every live (not duplicate) article."""
    return {i: loads(i, data) for i, data in rows(db)}


def load_light(db: sqlite_utils.Database) -> dict[int, EventProfile]:
    """`Light` profiles of every live article, in `load`'s order."""
    read = Light()
    return {i: read(i, data) for i, data in rows(db)}


def load_ids(db: sqlite_utils.Database, ids: Iterable[int], read=loads) -> dict[int, EventProfile]:
    """Profiles of the given live articles (full ones unless `read` says otherwise)."""
    wanted = sorted(set(ids))
    out = {}
    for k in range(0, len(wanted), _CHUNK):
        chunk = wanted[k:k + _CHUNK]
        out.update((i, read(i, data)) for i, data in db.execute(
            f"{_LIVE} AND p.article_id IN ({','.join('?' * len(chunk))})", chunk))
    return out


def fill_features(db: sqlite_utils.Database, chunk: int = 2000) -> int:
    """Feature names for profiles stored before they were (schema 7), a chunk per transaction
    so memory stays flat; caller holds no transaction."""
    filled = 0
    while rows := db.execute("SELECT article_id, profile FROM event_profiles"
                             " WHERE features IS NULL LIMIT ?", [chunk]).fetchall():
        with db.conn:
            db.execute("BEGIN IMMEDIATE")
            db.conn.executemany(
                "UPDATE event_profiles SET features = ? WHERE article_id = ?",
                [(features_json(loads(i, data)), i) for i, data in rows])
        filled += len(rows)
    return filled


def missing(db: sqlite_utils.Database) -> list[tuple[int, str, str, str | None]]:
    """(id, text, title, published) of analysed articles that have no profile yet: a database
    analysed before profiles existed."""
    return db.execute(
        "SELECT a.id, a.text, COALESCE(a.title, ''), a.published FROM articles a"
        " JOIN analysed d ON d.article_id = a.id WHERE a.duplicate_of IS NULL"
        " AND a.id NOT IN (SELECT article_id FROM event_profiles)").fetchall()
