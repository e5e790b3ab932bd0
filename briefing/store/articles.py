"""Writing articles: identity, duplicates and batches.

An article's identity is its title, date and body: re-ingesting the same file is a no-op. The
same body under another title or date (Reuters republishes corrections, wires repeat stories) is
stored, so nothing the analyst fed in disappears, but marked `duplicate_of` the first copy so lists
and search can fold it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlite_utils

from briefing.ingest.record import Record

_CHUNK = 500  # stays under SQLite's bound-parameter limit in IN (...) look-ups
_COLUMNS = ("id", "title", "source", "place", "published", "url", "origin", "text", "hash",
            "body_hash", "ingested", "duplicate_of")
_INSERT = f"INSERT INTO articles ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"


# SQLite copies the WAL back into the database every 1,000 pages, which is about one batch: so
# every commit rewrote the pages it had just dirtied, and since the hash indexes take keys at
# random, a batch dirties more of them the larger the corpus (the ingest grew faster than the
# corpus: 44 s for 200k stored, against 33 s with this). Checked every 16,384 pages (64 MB),
# a page dirtied by several batches is copied back once. Durability is unchanged: the WAL holds
# every committed batch, and readers see each one as soon as it commits.
BULK_CHECKPOINT_PAGES = 16384
# The same random keys miss SQLite's default 2 MB page cache more often as the indexes grow;
# 64 MB during a bulk ingest took 200k from 20.8-25.3 s to 17.8-19.3 s (storing process
# 51 -> 114 MB peak).
BULK_CACHE_KIB = 65536


@contextmanager
def bulk_writes(db: sqlite_utils.Database) -> Iterator[None]:
    """For a run of `add_batch` calls; the connection's setting is restored afterwards."""
    before = db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
    db.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA wal_autocheckpoint = {before}")
        db.execute(f"PRAGMA cache_size = {cache}")
        # PASSIVE: never waits for a reader (an open app), which a TRUNCATE would.
        db.execute("PRAGMA wal_checkpoint(PASSIVE)")


@dataclass(slots=True)
class BatchResult:
    added: int = 0
    duplicates: int = 0  # added, but the body was already stored under another identity
    unchanged: int = 0  # already stored: nothing written


def body_hash(text: str) -> str:
    # Whitespace-insensitive, so a re-wrapped copy of the same story is still a duplicate.
    return hashlib.blake2b(" ".join(text.split()).encode(), digest_size=16).hexdigest()


def identity_hash(record: Record, body: str) -> str:
    key = "\x1f".join((record.title or "", record.published or "", body))
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()


def _existing(db: sqlite_utils.Database, column: str, values: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i in range(0, len(values), _CHUNK):
        chunk = list(values[i : i + _CHUNK])
        marks = ",".join("?" * len(chunk))
        # MIN(id): the first copy is the one others point to.
        sql = f"SELECT {column}, MIN(id) FROM articles WHERE {column} IN ({marks}) GROUP BY {column}"
        found.update(db.execute(sql, chunk).fetchall())
    return found


def add_batch(db: sqlite_utils.Database, records: Sequence[Record]) -> BatchResult:
    """Store `records` in one transaction: either the whole batch is written or none of it."""
    result = BatchResult()
    if not records:
        return result
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    bodies = [body_hash(r.text) for r in records]
    hashes = [identity_hash(r, b) for r, b in zip(records, bodies)]
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        seen = _existing(db, "hash", hashes)
        first_body = _existing(db, "body_hash", bodies)
        rows = []
        next_id = (db.execute("SELECT MAX(id) FROM articles").fetchone()[0] or 0) + 1
        for record, h, b in zip(records, hashes, bodies):
            if h in seen:
                result.unchanged += 1
                continue
            seen[h] = next_id
            duplicate_of = first_body.get(b)
            if duplicate_of is None:
                first_body[b] = next_id
            else:
                result.duplicates += 1
            rows.append((next_id, record.title, record.source, record.place, record.published,
                         record.url, record.origin, record.text, h, b, now, duplicate_of))
            next_id += 1
        # executemany over a fixed statement: sqlite-utils' insert_all rebuilds its SQL per chunk,
        # which was a fifth of a full-corpus ingest.
        if rows:
            db.execute("INSERT INTO _fts_deferred VALUES ('articles')")
            db.conn.executemany(_INSERT, rows)
            db.execute(
                "INSERT INTO articles_fts (rowid, title, text) "
                "SELECT id, title, text FROM articles WHERE id >= ?", [rows[0][0]]
            )
            db.execute("DELETE FROM _fts_deferred WHERE table_name = 'articles'")
        result.added = len(rows)
    return result
