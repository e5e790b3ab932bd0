"""Tables, full-text index and schema versions.

Plain sqlite-utils tables so `datasette briefing.db` and `sqlite-utils search` work on the file
unchanged. The version lives in `PRAGMA user_version`; each step in MIGRATIONS moves a database
from version n-1 to n inside one transaction, so a crash mid-migration leaves the old version.
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"


class SchemaError(Exception):
    """The database cannot be used by this version of briefing (message is for the user)."""


def _v1_articles(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": int, "title": str, "source": str, "place": str, "published": str,
            "url": str, "origin": str, "text": str, "hash": str, "body_hash": str,
            "ingested": str, "duplicate_of": int,
        },
        pk="id",
        not_null={"text", "hash", "body_hash", "origin", "ingested"},
        foreign_keys=[("duplicate_of", "articles", "id")],
    )
    db["articles"].create_index(["hash"], unique=True)
    db["articles"].create_index(["body_hash"])
    db["articles"].create_index(["published"])
    _create_fts(db, "articles", ("title", "text"))
    db["ingests"].create(
        {"id": int, "started": str, "finished": str, "paths": str, "added": int,
         "duplicates": int, "unchanged": int, "skipped": int},
        pk="id",
    )


def _create_fts(db: sqlite_utils.Database, table: str, columns: tuple[str, ...]) -> None:
    """The FTS5 table and triggers exactly as sqlite-utils' `enable_fts(create_triggers=True)`
    makes them (so its `search` and Datasette detect them), but as single statements: its
    `executescript` would commit mid-migration and break the one-transaction guarantee."""
    cols = ", ".join(f"[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    fts = f"{table}_fts"
    db.execute(
        f"CREATE VIRTUAL TABLE [{fts}] USING FTS5 ({cols}, "
        f"tokenize='{FTS_TOKENIZE}', content=[{table}])"
    )
    db.execute(f"INSERT INTO [{fts}] (rowid, {cols}) SELECT rowid, {cols} FROM [{table}]")
    insert = f"INSERT INTO [{fts}] (rowid, {cols}) VALUES (new.rowid, {new});"
    delete = f"INSERT INTO [{fts}] ([{fts}], rowid, {cols}) VALUES('delete', old.rowid, {old});"
    # Bulk writers index a whole batch with one INSERT ... SELECT (3x faster than a trigger per
    # row on Reuters-21578). They hold a row in `_fts_deferred` for the length of their own
    # transaction only, so every other writer (sqlite-utils, Datasette) still gets the trigger.
    db.execute("CREATE TABLE [_fts_deferred] ([table_name] TEXT PRIMARY KEY)")
    db.execute(
        f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] "
        f"WHEN NOT EXISTS (SELECT 1 FROM [_fts_deferred] WHERE [table_name] = '{table}') "
        f"BEGIN {insert} END"
    )
    db.execute(f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN {delete} END")
    db.execute(f"CREATE TRIGGER [{table}_au] AFTER UPDATE ON [{table}] BEGIN {delete} {insert} END")


def _v2_actors(db: sqlite_utils.Database) -> None:
    """Actors resolved across articles, where each is mentioned, and the roles the text gives."""
    db["actors"].create(
        {"id": int, "key": str, "name": str, "type": str, "country": str, "acronym": str},
        pk="id", not_null={"key", "name", "type"},
    )
    db["actors"].create_index(["key"], unique=True)
    db["actors"].create_index(["name"])
    db["actor_aliases"].create(
        {"actor_id": int, "alias": str}, pk=("actor_id", "alias"),
        foreign_keys=[("actor_id", "actors", "id")],
    )
    db["actor_aliases"].create_index(["alias"])
    db["mentions"].create(
        {"id": int, "article_id": int, "actor_id": int, "start": int, "end": int, "text": str,
         "type": str, "sentence_start": int, "sentence_end": int},
        pk="id", foreign_keys=[("article_id", "articles", "id"), ("actor_id", "actors", "id")],
    )
    db["mentions"].create_index(["article_id"])
    db["mentions"].create_index(["actor_id", "article_id"])
    db["roles"].create(
        {"id": int, "actor_id": int, "article_id": int, "title": str, "country": str,
         "sentence_start": int, "sentence_end": int},
        pk="id", foreign_keys=[("actor_id", "actors", "id"), ("article_id", "articles", "id")],
    )
    db["roles"].create_index(["actor_id"])
    db["analysed"].create(
        {"article_id": int, "extractor": str, "analysed": str}, pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )


def _v3_events_links(db: sqlite_utils.Database) -> None:
    """Time expressions, events with their actors, and the links between articles."""
    db["timexes"].create(
        {"id": int, "article_id": int, "start": int, "end": int, "text": str, "value": str,
         "granularity": str, "lo": str, "hi": str, "relative": int},
        pk="id", foreign_keys=[("article_id", "articles", "id")],
    )
    db["timexes"].create_index(["article_id"])
    db["events"].create(
        {"id": int, "article_id": int, "type": str, "cameo": str, "modality": str,
         "sentence_start": int, "sentence_end": int, "trigger_start": int, "trigger_end": int,
         "trigger": str, "time_start": int, "time_end": int, "time_text": str,
         "time_value": str, "time_granularity": str, "time_lo": str, "time_hi": str,
         "time_relative": int, "explicit": int},
        pk="id", not_null={"article_id", "type", "modality"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["events"].create_index(["article_id"])
    db["event_actors"].create(
        {"event_id": int, "actor_id": int, "role": str, "ord": int, "start": int, "end": int,
         "text": str},
        pk=("event_id", "role", "ord"),
        foreign_keys=[("event_id", "events", "id"), ("actor_id", "actors", "id")],
    )
    db["event_actors"].create_index(["actor_id", "role"])
    db["links"].create(
        {"id": int, "source": int, "target": int, "type": str, "score": float, "reason": str,
         "evidence": str, "diff": str, "inferred_order": int},
        pk="id", not_null={"source", "target", "type"},
        foreign_keys=[("source", "articles", "id"), ("target", "articles", "id")],
    )
    db["links"].create_index(["source", "type"])
    db["links"].create_index(["target", "type"])
    db["linked"].create(
        {"article_id": int, "linked": str}, pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )


def _v4_notes(db: sqlite_utils.Database) -> None:
    """The analyst's bookmarks and notes (on an article, or on a passage of it)."""
    db["bookmarks"].create(
        {"article_id": int, "created": str}, pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["notes"].create(
        {"id": int, "article_id": int, "start": int, "end": int, "quote": str, "text": str,
         "created": str, "updated": str},
        pk="id", not_null={"article_id", "text", "created"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["notes"].create_index(["article_id"])


def _v5_event_profiles(db: sqlite_utils.Database) -> None:
    """What `same_event` compares, one JSON document per article, computed at analysis time so
    linking never re-reads texts. Articles analysed before this version get theirs when they
    are next linked."""
    db["event_profiles"].create({"article_id": int, "profile": str}, pk="article_id",
                                foreign_keys=[("article_id", "articles", "id")])


def _v6_roles_by_article(db: sqlite_utils.Database) -> None:
    """Re-analysing an article clears its roles first: without this index every article's
    clear scanned the whole roles table, and actors grew with the square of the corpus
    (50k synthetic: 37.8 -> 25.6 s)."""
    db["roles"].create_index(["article_id"], if_not_exists=True)


def _v7_profile_features(db: sqlite_utils.Database) -> None:
    """Each profile's feature names again, as a sorted JSON list: linking a few new articles
    streams every stored profile for the corpus statistics and the neighbourhood, and parsing
    whole profiles for their keys was most of that (adding 100 articles to 50k: 13.6 -> 9.7 s).
    Existing rows are filled at the next linking (`same_event_links.fill_missing`), not here:
    at 50k that takes 5 s, which a migration would spend before the reader's first frame."""
    db["event_profiles"].add_column("features", str)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_articles, _v2_actors, _v3_events_links, _v4_notes, _v5_event_profiles,
    _v6_roles_by_article, _v7_profile_features]


def current_version() -> int:
    return len(MIGRATIONS)


def connect(path: Path | str) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate. WAL lets the app read while an ingest writes;
    the busy timeout turns brief lock contention into a short wait instead of an error."""
    path = Path(path)
    conn = None
    try:
        for folder in (path.parent, *path.parent.parents):
            if folder.exists():
                if not folder.is_dir():
                    raise SchemaError(f"cannot open database {path}: {folder} is not a folder")
                break
        path.parent.mkdir(parents=True, exist_ok=True)
        conn, read_only = _open(path)
        # Refuse a newer database before anything can write to it: switching it to WAL would
        # already change its header.
        _check_not_newer(conn.execute("PRAGMA user_version").fetchone()[0], path)
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
    except SchemaError:
        if conn is not None:
            conn.close()
        raise
    except (OSError, sqlite3.Error) as exc:
        raise SchemaError(f"cannot open database {path}: {exc}") from None
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    db = sqlite_utils.Database(conn)
    if not read_only:
        migrate(db, path)
    elif conn.execute("PRAGMA user_version").fetchone()[0] < current_version():
        conn.close()
        raise SchemaError(f"cannot open database {path}: it is read-only and needs upgrading to "
                          f"schema version {current_version()}; open it once where it is writable")
    return db


def _open(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A WAL database in a folder nobody may write (a read-only share, a locked archive) cannot
    create its `-shm` file, so a plain open fails on the first read. Opened read-only it can
    still be searched and read; writes then fail with SQLite's "readonly" error."""
    conn = sqlite3.connect(str(path), timeout=10.0, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 10000")
    try:
        conn.execute("PRAGMA user_version").fetchone()
        return conn, False
    except sqlite3.OperationalError:
        if not path.is_file() or os.access(path.parent, os.W_OK):
            raise
        conn.close()
    uri = "file:" + urllib.parse.quote(str(path.resolve()))
    for flags in ("?mode=ro", "?mode=ro&immutable=1"):  # immutable: no -shm to share, none made
        conn = sqlite3.connect(uri + flags, uri=True, timeout=10.0, isolation_level=None)
        try:
            conn.execute("PRAGMA user_version").fetchone()
            return conn, True
        except sqlite3.OperationalError:
            conn.close()
    raise sqlite3.OperationalError("unable to open database file")


def _check_not_newer(version: int, where: Path | str) -> None:
    if version > current_version():
        raise SchemaError(
            f"{where} has schema version {version}, newer than this briefing supports "
            f"({current_version()}); upgrade briefing to open it"
        )


def migrate(db: sqlite_utils.Database, where: Path | str = "database") -> int:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    target = current_version()
    _check_not_newer(version, where)
    for step in range(version, target):
        with db.conn:  # one transaction per step: all of it or none of it
            db.execute("BEGIN IMMEDIATE")
            # Another process opening the same new database may have run this step while we
            # waited for the lock: read the version again under it.
            if db.execute("PRAGMA user_version").fetchone()[0] > step:
                continue
            MIGRATIONS[step](db)
            db.execute(f"PRAGMA user_version = {step + 1}")
    return target
