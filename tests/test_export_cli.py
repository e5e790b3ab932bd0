"""`briefing export` end to end, as a user runs it: scopes, formats, -o, --force, --json and
errors that name the problem without a traceback."""

import json
import os
import subprocess
import sys

import pytest

from tests.helpers import SEEDS
from tests.test_cli import run


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli-export") / "b.db"
    run("ingest", str(SEEDS), db=db)
    return db


def test_export_all_to_a_file_then_refuse_then_force(db, tmp_path):
    path = tmp_path / "brief.md"
    proc = run("export", "--all", "-o", str(path), db=db)
    assert proc.stdout.startswith(f"Wrote {path} (markdown): 2 articles")
    text = path.read_text()
    assert text.startswith("# Briefing: all articles\n") and "**Grenada**" in text
    again = run("export", "--all", "-o", str(path), "--format", "html", db=db, check=False)
    assert again.returncode == 1
    assert f"{path} exists; pass --force to overwrite it" in again.stderr
    assert path.read_text() == text
    run("export", "--all", "-o", str(path), "--format", "html", "--force", db=db)
    assert path.read_text().startswith("<!DOCTYPE html>")


def test_export_json_summary_and_stdout(db, tmp_path):
    path = tmp_path / "actor.json"
    proc = run("export", "--actor", "Videgaray", "--format", "json", "-o", str(path), "--json",
               db=db)
    summary = json.loads(proc.stdout)
    assert summary["path"] == str(path) and summary["format"] == "json"
    assert summary["articles"] == 2 and summary["links"] == 2 and summary["key_points"] >= 3
    assert json.loads(path.read_text())["scope"]["actors"] == ["Luis Videgaray"]
    piped = run("export", "--query", "Grenada", "--format", "json", "-o", "-", "--json", db=db)
    doc = json.loads(piped.stdout)  # stdout holds the document alone
    [article] = doc["articles"]
    assert article["title"].startswith("Mexico’s foreign minister will travel to")
    assert json.loads(piped.stderr)["path"] == "-"


def test_export_default_file_name(db, tmp_path):
    env = {**os.environ, "BRIEFING_DB": str(db)}
    proc = subprocess.run([sys.executable, "-m", "briefing", "export", "--story", "1",
                           "--format", "html"], capture_output=True, text=True, env=env,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    [written] = list(tmp_path.glob("briefing-story-1-*.html"))
    assert written.name in proc.stdout


@pytest.mark.parametrize("args, message", [
    ((), "choose what to export: --all, --query Q"),
    (("--all", "--bookmarks"), "choose one scope, not --all and --bookmarks"),
    (("--actor", "Nobody Atall"), "unknown actor 'Nobody Atall'"),
    (("--story", "99"), "no article with id 99"),
    (("--ids", "1,x"), "article ids are whole numbers"),
    (("--ids", "1,99"), "no article with id 99"),
    (("--bookmarks",), "no bookmarked articles"),
    (("--all", "--since", "2030"), "no articles in scope: all articles, since 2030"),
    (("--all", "--until", "March"), "until: expects a date like 2018-02"),
    (("--query", "zzzzunfindable"), "no articles in scope"),
    (("--all", "-o", "/nonexistent-dir/x.md"), "cannot write /nonexistent-dir/x.md"),
    (("--all", "--format", "pdf"), "Invalid value for '--format'"),
])
def test_export_errors_name_the_problem(db, args, message):
    proc = run("export", *args, db=db, check=False)
    assert proc.returncode != 0
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
