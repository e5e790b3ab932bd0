"""The analyst's bookmarks and notes: written the moment they are made, one statement each in
autocommit mode, so nothing is lost if the app is killed right after."""

from __future__ import annotations

from datetime import datetime, timezone

import sqlite_utils

from briefing.store.models import Note


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def set_bookmark(db: sqlite_utils.Database, article_id: int, on: bool) -> bool:
    if on:
        db.execute("INSERT OR IGNORE INTO bookmarks (article_id, created) VALUES (?, ?)",
                   [article_id, _now()])
    else:
        db.execute("DELETE FROM bookmarks WHERE article_id = ?", [article_id])
    return on


def is_bookmarked(db: sqlite_utils.Database, article_id: int) -> bool:
    return db.execute("SELECT 1 FROM bookmarks WHERE article_id = ?", [article_id]).fetchone() \
        is not None


def bookmarks(db: sqlite_utils.Database) -> list[int]:
    return [r[0] for r in db.execute("SELECT article_id FROM bookmarks ORDER BY created, article_id")]


def add_note(db: sqlite_utils.Database, article_id: int, text: str, start: int | None = None,
             end: int | None = None) -> Note:
    """A note on the article, or on the passage text[start:end] (quoted, so the note keeps its
    passage even if offsets are later questioned)."""
    quote = None
    if start is not None and end is not None:
        row = db.execute("SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
                         [start + 1, end - start, article_id]).fetchone()
        quote = row[0] if row else None
    now = _now()
    note_id = db.execute(
        "INSERT INTO notes (article_id, start, end, quote, text, created, updated)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)", [article_id, start, end, quote, text, now, now]).lastrowid
    return Note(note_id, article_id, text, start, end, quote, now, now)


def update_note(db: sqlite_utils.Database, note_id: int, text: str) -> None:
    db.execute("UPDATE notes SET text = ?, updated = ? WHERE id = ?", [text, _now(), note_id])


def delete_note(db: sqlite_utils.Database, note_id: int) -> None:
    db.execute("DELETE FROM notes WHERE id = ?", [note_id])


def notes(db: sqlite_utils.Database, article_id: int | None = None) -> list[Note]:
    sql = "SELECT id, article_id, text, start, end, quote, created, updated FROM notes"
    args: list = []
    if article_id is not None:
        sql += " WHERE article_id = ?"
        args.append(article_id)
    return [Note(*r) for r in db.execute(sql + " ORDER BY article_id, id", args)]
