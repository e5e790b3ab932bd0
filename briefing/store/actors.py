"""Storing actors: per-article extractions merged into corpus-wide actors, and the queries
behind `briefing actors`, `briefing actor NAME` and the actors pane.

Cross-article identity has two parts. The resolver gives every actor a key (`person:luis
videgaray`, `gpe:saint lucia`), so the same canonical name meets the same row. `consolidate` then
folds what one article could not know: a bare surname ("Videgaray") into the one person of
the corpus with that surname, and a bare acronym ("OAS") into the one organisation defined with it,
in whichever order the articles arrived.
"""

from __future__ import annotations

from datetime import datetime, timezone

import sqlite_utils

from briefing.analysis.actors.model import Extraction
from briefing.analysis.actors.resolve import merge_key


def clear_article(db: sqlite_utils.Database, article_id: int) -> None:
    for table in ("mentions", "roles", "analysed"):
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])


def save_extraction(db: sqlite_utils.Database, article_id: int, extraction: Extraction) -> None:
    """Write one article's actors, mentions and roles (caller holds the transaction)."""
    clear_article(db, article_id)
    sentences = extraction.sentences
    for actor in extraction.actors:
        key = merge_key(actor)
        row = db.execute("SELECT id, country, acronym FROM actors WHERE key = ?", [key]).fetchone()
        if row is None:
            actor_id = db.execute(
                "INSERT INTO actors (key, name, type, country, acronym) VALUES (?, ?, ?, ?, ?)",
                [key, actor.name, actor.type, actor.country, actor.acronym],
            ).lastrowid
        else:
            actor_id = row[0]
            if (actor.country and not row[1]) or (actor.acronym and not row[2]):
                db.execute(
                    "UPDATE actors SET country = COALESCE(country, ?), acronym = COALESCE(acronym, ?)"
                    " WHERE id = ?", [actor.country, actor.acronym, actor_id])
        db.conn.executemany(
            "INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?, ?)",
            [(actor_id, alias) for alias in sorted(actor.aliases | {actor.name})],
        )
        db.conn.executemany(
            "INSERT INTO mentions (article_id, actor_id, start, end, text, type, sentence_start,"
            " sentence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, actor_id, m.start, m.end, m.text, m.type, sentences[m.sentence].start,
              sentences[m.sentence].end) for m in actor.mentions],
        )
        db.conn.executemany(
            "INSERT INTO roles (actor_id, article_id, title, country, sentence_start, sentence_end)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(actor_id, article_id, r.title, r.country, sentences[r.sentence].start,
              sentences[r.sentence].end) for r in actor.roles],
        )
    db.execute(
        "INSERT INTO analysed (article_id, extractor, analysed) VALUES (?, ?, ?)",
        [article_id, extraction.extractor, datetime.now(timezone.utc).isoformat(timespec="seconds")],
    )


def _merge(db: sqlite_utils.Database, source: int, target: int) -> None:
    for table in ("mentions", "roles", "event_actors"):
        db.execute(f"UPDATE {table} SET actor_id = ? WHERE actor_id = ?", [target, source])
    db.execute("INSERT OR IGNORE INTO actor_aliases (actor_id, alias)"
               " SELECT ?, alias FROM actor_aliases WHERE actor_id = ?", [target, source])
    db.execute("UPDATE actors SET country = COALESCE(country, (SELECT country FROM actors"
               " WHERE id = ?)) WHERE id = ?", [source, target])
    db.execute("DELETE FROM actor_aliases WHERE actor_id = ?", [source])
    db.execute("DELETE FROM actors WHERE id = ?", [source])


def consolidate(db: sqlite_utils.Database) -> int:
    """Fold bare surnames and bare acronyms into the one actor they can only mean. Ambiguous
    ones (two known people named Smith) stay apart: a wrong merge is worse than a missed one."""
    merges = 0
    people = db.execute(
        "SELECT id, name FROM actors WHERE type = 'PERSON' AND name LIKE '% %'").fetchall()
    by_surname: dict[str, list[int]] = {}
    for actor_id, name in people:
        by_surname.setdefault(name.rsplit(" ", 1)[1].casefold(), []).append(actor_id)
    for actor_id, name in db.execute(
            "SELECT id, name FROM actors WHERE type = 'PERSON' AND name NOT LIKE '% %'").fetchall():
        targets = by_surname.get(name.casefold(), [])
        if len(targets) == 1:
            _merge(db, actor_id, targets[0])
            merges += 1
    by_acronym: dict[str, list[int]] = {}
    for actor_id, acronym in db.execute(
            "SELECT id, acronym FROM actors WHERE acronym IS NOT NULL AND name != acronym"):
        by_acronym.setdefault(acronym, []).append(actor_id)
    for actor_id, name in db.execute(
            "SELECT id, name FROM actors WHERE type = 'ORG' AND name = upper(name)").fetchall():
        targets = [t for t in by_acronym.get(name, []) if t != actor_id]
        if len(targets) == 1:
            _merge(db, actor_id, targets[0])
            merges += 1
    return merges
