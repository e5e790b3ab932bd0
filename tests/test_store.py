import sqlite3
import subprocess
import sys

import pytest
import sqlite_utils

from briefing.ingest.record import Record
from briefing.store import schema
from briefing.store.articles import add_batch
from briefing.store.schema import SchemaError, connect


def rec(text, title="T", published=None, origin="f.txt"):
    return Record(text=text, origin=origin, title=title, published=published)


def test_fresh_database_is_current_version_in_wal(tmp_path):
    db = connect(tmp_path / "a.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.current_version()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db["articles"].detect_fts() == "articles_fts"


def test_newer_schema_is_refused_with_clear_message(tmp_path):
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.current_version() + 5}")
    conn.close()
    with pytest.raises(SchemaError, match="newer than this briefing supports"):
        connect(path)


def test_migration_steps_apply_in_order_and_a_failing_step_rolls_back(tmp_path, monkeypatch):
    path = tmp_path / "m.db"
    connect(path).conn.close()  # at current version, with one article
    db = connect(path)
    add_batch(db, [rec("kept text")])
    db.conn.close()

    def add_tags(db):
        db["tags"].create({"id": int, "name": str}, pk="id")
        db.execute("INSERT INTO tags (name) SELECT 'migrated' FROM articles")

    def broken(db):
        db["half"].create({"x": int})
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + [add_tags, broken])
    with pytest.raises(RuntimeError):
        connect(path)
    raw = sqlite_utils.Database(path)
    # The good step landed, the broken one left nothing behind; data survived.
    assert raw.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS) - 1
    assert "half" not in raw.table_names()
    assert [r["name"] for r in raw["tags"].rows] == ["migrated"]
    assert raw["articles"].count == 1


def test_identity_dedup_and_duplicate_bodies(tmp_path):
    db = connect(tmp_path / "d.db")
    first = add_batch(db, [rec("Same body.", "A"), rec("Other body.", "B")])
    assert (first.added, first.duplicates, first.unchanged) == (2, 0, 0)
    again = add_batch(db, [rec("Same body.", "A"), rec("Same  body.", "C"), rec("Same body.", "C")])
    # A again: no-op. C: same body (modulo whitespace) under another title: kept, marked.
    # The repeated C inside the batch is the same identity: no-op too.
    assert (again.added, again.duplicates, again.unchanged) == (1, 1, 2)
    rows = {r["title"]: r for r in db["articles"].rows}
    assert rows["C"]["duplicate_of"] == rows["A"]["id"]
    assert rows["A"]["duplicate_of"] is None


def test_later_inserts_are_indexed_and_sqlite_utils_search_works(tmp_path):
    path = tmp_path / "s.db"
    db = connect(path)
    add_batch(db, [rec("The minister will travel to Grenada.", "Trip")])
    assert [r["title"] for r in db["articles"].search("grenada")] == ["Trip"]
    db.conn.close()
    cli = [sys.executable, "-m", "sqlite_utils", "search", str(path), "articles", "grenada", "--csv"]
    out = subprocess.run(cli, capture_output=True, text=True, check=True).stdout
    assert "Trip" in out


def test_a_failed_batch_writes_nothing(tmp_path, monkeypatch):
    db = connect(tmp_path / "f.db")
    add_batch(db, [rec("before")])
    bad = [rec("fine one", "x"), Record(text="y", origin=None, title="y")]  # NOT NULL origin
    with pytest.raises(sqlite3.IntegrityError):
        add_batch(db, bad)
    assert [r["text"] for r in db["articles"].rows] == ["before"]
    assert db.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == 1


def test_batches_and_other_writers_are_both_indexed(tmp_path):
    db = connect(tmp_path / "i.db")
    add_batch(db, [rec("Grenada abstained.", "ours"), rec("Jamaica backed it.", "ours too")])
    # Another tool writing through sqlite-utils relies on the trigger.
    db["articles"].insert({"title": "theirs", "text": "Grenada again.", "hash": "x",
                           "body_hash": "y", "origin": "datasette", "ingested": "now"})
    assert sorted(r["title"] for r in db["articles"].search("grenada")) == ["ours", "theirs"]
    assert db["_fts_deferred"].count == 0
    assert db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')") is not None


def test_a_database_another_tool_filled_gets_no_seeds(tmp_path):
    from briefing.store.corpus import Corpus

    db = schema.connect(tmp_path / "b.db")
    db["articles"].insert({"title": "Imported", "text": "Filled by sqlite-utils.", "origin": "x",
                           "hash": "h", "body_hash": "b", "ingested": "2026-01-01"})
    db.conn.close()
    corpus = Corpus.open(tmp_path / "b.db")
    assert [a.title for a in corpus.articles(corpus.article_ids())] == ["Imported"]


def test_bulk_writes_checkpoint_less_often_and_restore_the_setting_after_a_failure(tmp_path):
    from briefing.store.articles import BULK_CACHE_KIB, BULK_CHECKPOINT_PAGES, bulk_writes
    from briefing.store.schema import connect

    db = connect(tmp_path / "b.db")
    default = db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    with pytest.raises(RuntimeError):
        with bulk_writes(db):
            assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == BULK_CHECKPOINT_PAGES
            assert db.execute("PRAGMA cache_size").fetchone()[0] == -BULK_CACHE_KIB
            raise RuntimeError("a batch failed")
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == default == 1000
    assert db.execute("PRAGMA cache_size").fetchone()[0] == cache == -2000


def test_per_article_and_per_actor_lookups_use_an_index(tmp_path):
    """Analysis clears and re-reads one article at a time, so any of these statements that
    scanned its table would make analysis grow with the square of the corpus."""
    db = connect(tmp_path / "plan.db")
    by_column = {"article_id": [], "actor_id": [], "source": [], "target": []}
    for table in db.table_names():
        if table.startswith("articles") or table.startswith("_"):  # its `source` is a name
            continue
        columns = {c.name for c in db[table].columns}
        for column in by_column:
            if column in columns:
                by_column[column].append(table)
    assert "roles" in by_column["article_id"] and "mentions" in by_column["actor_id"]
    scans = []
    for column, tables in by_column.items():
        for table in tables:
            for sql in (f"DELETE FROM {table} WHERE {column} = ?",
                        f"SELECT * FROM {table} WHERE {column} = ?"):
                plan = " ".join(r[3] for r in db.execute(f"EXPLAIN QUERY PLAN {sql}", [1]))
                if "SCAN" in plan:
                    scans.append((sql, plan))
    assert scans == []
