"""The CLI end to end, as a user runs it: a real subprocess, a real database file."""

import json
import os
import subprocess
import sys

from tests.helpers import SEEDS


def run(*args, db, check=True):
    env = {**os.environ, "BRIEFING_DB": str(db), "COLUMNS": "200"}
    proc = subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True,
                          text=True, env=env)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_ingest_seeds_then_search_grenada(tmp_path):
    db = tmp_path / "b.db"
    out = run("ingest", str(SEEDS), "--json", db=db).stdout
    assert json.loads(out)["added"] == 2
    hits = [json.loads(line) for line in run("search", "Grenada", "--json", db=db).stdout.splitlines()]
    assert len(hits) == 1
    hit = hits[0]
    assert hit["place"] == "Mexico City" and hit["source"] == "Reuters"
    start, end = hit["snippet_hits"][0]
    assert hit["snippet"][start:end] == "Grenada"
    shown = json.loads(run("show", str(hit["id"]), "--json", db=db).stdout)
    assert "will travel to Jamaica, Grenada and Saint Lucia in March" in shown["text"]
    assert not shown["text"].startswith("MEXICO CITY")  # dateline moved to metadata


def test_first_run_on_empty_database_shows_the_seeds(tmp_path):
    db = tmp_path / "fresh.db"
    out = run(db=db).stdout
    assert "2 articles" in out and "Grenada" in out
    summary = json.loads(run("summary", "--json", db=db).stdout)
    assert summary["articles"] == 2 and summary["schema_version"] >= 1
    used = json.loads(run("extract", str(SEEDS / "000_6ac3c1ea0dc10694.txt"), "--json", db=db).stdout)
    assert summary["extractors"] == [[used["extractor"], 2]]  # says which extractor analysed them


def test_bad_input_strict_and_odd_queries(tmp_path):
    db = tmp_path / "b.db"
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02binary")
    proc = run("ingest", str(SEEDS), str(junk), "--strict", db=db, check=False)
    assert proc.returncode == 1
    assert f"{junk}: binary file" in proc.stderr
    assert "2 added" in proc.stdout
    for query in ["multi-agent", "Venezuela’s", '"unbalanced', "-", "OR", "NEAR(", "*", ""]:
        assert run("search", query, db=db).returncode == 0
    proc = run("search", "--raw", "foo AND (", db=db, check=False)
    assert proc.returncode == 2 and "Invalid FTS5 query" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_newer_database_is_refused_cleanly(tmp_path):
    import sqlite3

    db = tmp_path / "future.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    proc = run("summary", db=db, check=False)
    assert proc.returncode == 1 and "newer than this briefing supports" in proc.stderr
    assert "Traceback" not in proc.stderr
