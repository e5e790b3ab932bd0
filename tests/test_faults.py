"""Faults, as they happen to a user: kill -9 in the middle of an ingest or right after a note,
an ingest and a reader at the same time, a full disk, a read-only database, old and newer
schemas, and exports that fail half way. Real processes and real files throughout."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from briefing.ingest.pipeline import BATCH
from briefing.store import schema
from tests.helpers import SEEDS, read_only_folder

ROOT = Path(__file__).resolve().parents[1]
VOCAB = ("harbour fishing quota council water bridge road market grain copper timber cargo "
         "tariff ledger").split()


# --- helpers ----------------------------------------------------------------------------------

def env() -> dict[str, str]:
    e = {**os.environ, "COLUMNS": "200", "PYTHONPATH": str(ROOT)}
    e.pop("BRIEFING_DB", None)
    return e


def briefing(*args: str, **kw) -> list[str]:
    return [sys.executable, "-m", "briefing", *args]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(briefing(*args), capture_output=True, text=True, env=env(), cwd=cwd,
                          timeout=120)


# The CLI with one thing patched first (a full disk, a read-only open, a failing fsync): the
# user-visible behaviour (stderr, exit status) is the real one.
PATCHED_CLI = """
import sys
{patch}
from briefing.cli import main
main(sys.argv[1:], prog_name="briefing")
"""


def run_patched(patch: str, *args: str, **extra_env: str) -> subprocess.CompletedProcess:
    code = PATCHED_CLI.format(patch=textwrap.dedent(patch))
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env={**env(), **extra_env}, timeout=120)


def unique_word(i: int) -> str:
    """A word no other generated article has (letters only, so the stemmer leaves its stem
    unique too)."""
    i += 26**3
    letters = ""
    while i:
        letters += chr(97 + i % 26)
        i //= 26
    return "zx" + letters


def article(i: int) -> dict:
    # Lowercase and undated on purpose: cheap to read, nothing for analysis to chase.
    body = " ".join(VOCAB[(i * 7 + k * 3) % len(VOCAB)] for k in range(30))
    return {"title": f"item {unique_word(i)}", "text": f"{unique_word(i)} {body} {unique_word(i)}."}


def big_jsonl(path: Path, n: int, start: int = 0) -> Path:
    with path.open("w") as f:
        for i in range(start, start + n):
            f.write(json.dumps(article(i)) + "\n")
    return path


def read_only(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)


def count_rows(db: Path) -> int:
    try:
        conn = read_only(db)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet, or the table not yet there
        return 0


def check_consistent(db: Path) -> sqlite3.Connection:
    """integrity_check ok, the FTS index exactly matches the articles, no duplicate identity."""
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    # FTS5's own check of an external-content index against its table: raises if a row is
    # missing, extra or stale.
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == n
    assert conn.execute("SELECT hash, COUNT(*) FROM articles GROUP BY hash"
                        " HAVING COUNT(*) > 1").fetchall() == []
    return conn


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), proc.stderr
    return lines[0]


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory) -> Path:
    """The seeds, ingested and analysed once; tests copy it."""
    db = tmp_path_factory.mktemp("faults") / "seeded.db"
    proc = run("ingest", "--db", str(db), str(SEEDS))
    assert proc.returncode == 0, proc.stderr
    return db


@contextmanager
def reaped(proc: subprocess.Popen):
    """The process, killed and waited for if a failed assertion leaves it running."""
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def copy_db(src: Path, dst: Path) -> Path:
    conn, out = sqlite3.connect(src), sqlite3.connect(dst)
    conn.backup(out)
    conn.close(), out.close()
    return dst


# --- 1. kill -9 in the middle of a large ingest ----------------------------------------------

def test_kill_9_mid_ingest_keeps_whole_batches_and_a_rerun_completes(tmp_path):
    n = 20_000
    src = big_jsonl(tmp_path / "big.jsonl", n)
    db = tmp_path / "k.db"
    with reaped(subprocess.Popen(briefing("ingest", "--no-analysis", "--db", str(db), str(src)),
                                 env=env(), stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)) as proc:
        deadline = time.monotonic() + 60
        while count_rows(db) == 0:  # a separate, read-only connection sees the first commit
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "no batch was ever committed"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    conn = check_consistent(db)
    stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 0 < stored < n, "the kill should land in the middle of the ingest"
    assert stored % BATCH == 0, f"{stored} is not whole batches of {BATCH}"
    # Every stored article is complete and findable: its title and text as given, in the index.
    last, title, text = conn.execute(
        "SELECT id, title, text FROM articles ORDER BY id DESC LIMIT 1").fetchone()
    assert (title, text) == (article(last - 1)["title"], article(last - 1)["text"])
    conn.close()
    from briefing.store.corpus import Corpus

    # Opened as `briefing` or `briefing search` open it: the interrupted first ingest counts as
    # an ingest, so the bundled seeds are not mixed into the user's articles.
    corpus = Corpus.open(db)
    assert corpus.count("") == stored
    assert [h.id for h in corpus.search(unique_word(last - 1))] == [last]
    assert corpus.search(unique_word(stored)) == []  # the next one, never committed
    corpus.close()

    again = run("ingest", "--no-analysis", "--db", str(db), str(src))
    assert again.returncode == 0, again.stderr
    assert f"{n - stored} added" in again.stdout and f"{stored} already stored" in again.stdout
    conn = check_consistent(db)
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT hash) FROM articles").fetchone() == (n, n)
    conn.close()


# --- 2. notes and bookmarks are on disk when the call returns ---------------------------------

MARK_AND_SLEEP = """
import sys, time
from briefing.store.corpus import Corpus
corpus = Corpus(sys.argv[1])
corpus.set_bookmark(2)
note = corpus.add_note(1, "written before the kill", 0, 24)
print("done", note.id, flush=True)
time.sleep(120)
"""


def test_bookmark_and_note_survive_kill_9_right_after_the_call(seeded_db, tmp_path):
    db = copy_db(seeded_db, tmp_path / "n.db")
    with reaped(subprocess.Popen([sys.executable, "-c", MARK_AND_SLEEP, str(db)], env=env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)) as proc:
        line = proc.stdout.readline()
        assert line.startswith("done"), proc.stderr.read()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT article_id FROM bookmarks").fetchall() == [(2,)]
    assert conn.execute("SELECT article_id, text, start, end FROM notes").fetchall() == [
        (1, "written before the kill", 0, 24)]
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_bookmark_made_in_the_reader_survives_kill_9(seeded_db, tmp_path):
    from tests.test_tui_tmux import Tmux

    db = copy_db(seeded_db, tmp_path / "t.db")
    tmux = Tmux(f"briefing-faults-{os.getpid()}")
    command = " ".join(["env", "-u", "COLUMNS", "-u", "LINES", "-u", "BRIEFING_DB",
                        f"BRIEFING_KEYS={tmp_path / 'no-keys.toml'}", "TERM=xterm-256color",
                        f"PYTHONPATH={ROOT}", sys.executable, "-m", "briefing", "open", "--db",
                        str(db)])
    try:
        tmux("new-session", "-d", "-s", "app", "-x", "120", "-y", "36", "-c", str(ROOT), command)
        tmux.wait_for("2 articles")
        time.sleep(0.5)  # Textual drops keys that arrive while it is still setting up
        pid = int(tmux("list-panes", "-t", "app", "-F", "#{pane_pid}").split()[0])
        tmux("send-keys", "-t", "app", "m")  # bookmark the highlighted article
        tmux.wait_for("★")
        deadline = time.monotonic() + 10
        while not sqlite3.connect(db).execute("SELECT COUNT(*) FROM bookmarks").fetchone()[0]:
            assert time.monotonic() < deadline, tmux.screen()
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
    finally:
        tmux("kill-server")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM bookmarks").fetchone()[0] == 1
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


# --- 3. an ingest and a reader at the same time -----------------------------------------------

SEARCH_LOOP = """
import json, sys, time
from pathlib import Path
from briefing.store.corpus import Corpus
corpus = Corpus(sys.argv[1])  # the database may be brand new: opening races the ingest
stop, counts, searches = Path(sys.argv[2]), [], 0
while True:
    last = stop.exists()
    hits = corpus.search("harbour", limit=5)
    searches += 1
    counts.append(corpus.count(""))
    if last:
        break
    time.sleep(0.005)  # a reader, not a spinning loop: leave the writer its core
print(json.dumps({"counts": counts, "searches": searches, "hits": len(hits)}))
"""


def test_ingest_and_searches_in_another_process_never_see_a_locked_database(tmp_path):
    n = 20_000
    src = big_jsonl(tmp_path / "big.jsonl", n)
    db, stop = tmp_path / "c.db", tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", SEARCH_LOOP, str(db), str(stop)],
                              env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    writer = subprocess.run(briefing("ingest", "--no-analysis", "--db", str(db), str(src)),
                            env=env(), capture_output=True, text=True, timeout=120)
    stop.touch()
    out, errors = reader.communicate(timeout=60)
    assert writer.returncode == 0, writer.stderr
    assert reader.returncode == 0, errors
    assert "locked" not in errors + writer.stderr
    seen = json.loads(out)
    counts = seen["counts"]
    assert counts == sorted(counts), "the count never goes back"
    assert counts[-1] == n and seen["hits"] == 5
    assert len(set(counts)) >= 3, f"the reader should see the corpus grow: {sorted(set(counts))}"


# --- 4. disk full, read-only ------------------------------------------------------------------

FULL_DISK = """
import os
import briefing.store.corpus as corpus_module
from briefing.store import schema

def connect(path):
    db = schema.connect(path)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + int(os.environ['EXTRA_PAGES'])}")
    return db

corpus_module.connect = connect
"""


def test_disk_full_mid_ingest_is_one_line_and_loses_nothing(tmp_path):
    db = tmp_path / "f.db"
    first = run("ingest", "--no-analysis", "--db", str(db),
                str(big_jsonl(tmp_path / "first.jsonl", 3_000)))
    assert first.returncode == 0, first.stderr
    conn = sqlite3.connect(db)
    before = dict(conn.execute("SELECT id, hash FROM articles"))
    conn.close()

    more = big_jsonl(tmp_path / "more.jsonl", 8_000, start=3_000)
    # Room for a couple of batches, not for all four: the disk fills mid-ingest.
    proc = run_patched(FULL_DISK, "ingest", "--no-analysis", "--db", str(db), str(more),
                       EXTRA_PAGES="700")
    line = one_line_error(proc)
    assert f"database {db}: database or disk is full" in line
    assert "every completed batch is stored" in line

    conn = check_consistent(db)
    after = dict(conn.execute("SELECT id, hash FROM articles"))
    assert before.items() <= after.items(), "something committed before was lost"
    added = len(after) - len(before)
    assert 0 < added < 8_000 and added % BATCH == 0, added
    conn.close()

    again = run("ingest", "--no-analysis", "--db", str(db), str(more))
    assert again.returncode == 0, again.stderr
    conn = check_consistent(db)
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 11_000
    conn.close()


READ_ONLY_OPEN = """
import sqlite3
_connect = sqlite3.connect

def connect(database, *args, **kwargs):
    return _connect(f"file:{database}?mode=ro", *args, uri=True, **kwargs)

sqlite3.connect = connect
"""


def test_read_only_database_is_one_line_and_untouched(seeded_db, tmp_path):
    db = copy_db(seeded_db, tmp_path / "ro.db")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")  # as briefing leaves it
    conn.close()
    before = db.read_bytes()
    more = big_jsonl(tmp_path / "more.jsonl", 10)
    proc = run_patched(READ_ONLY_OPEN, "ingest", "--db", str(db), str(more))
    line = one_line_error(proc)
    assert line == (f"Error: database {db}: attempt to write a readonly database "
                    "(the file or its folder is read-only)")
    # Reading still works on a read-only database.
    search = run_patched(READ_ONLY_OPEN, "search", "grenada", "--db", str(db))
    assert search.returncode == 0 and "Grenada" in search.stdout, search.stderr
    assert db.read_bytes() == before
    check_consistent(db).close()


def test_read_only_folder_is_one_line_and_untouched(seeded_db, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    db = copy_db(seeded_db, folder / "b.db")
    before = db.read_bytes()
    more = big_jsonl(tmp_path / "more.jsonl", 10)
    with read_only_folder(folder):
        with pytest.raises(OSError):
            (folder / "probe").write_text("x")  # the folder really is read-only
        proc = run("ingest", "--db", str(db), str(more))
        search = run("search", "grenada", "--db", str(db))
    line = one_line_error(proc)
    assert "read" in line and str(db) in line, line
    assert db.read_bytes() == before
    assert search.returncode == 0 and "Grenada" in search.stdout, search.stderr


def test_database_under_a_file_is_one_line(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    proc = run("ingest", "--db", str(blocker / "b.db"), str(SEEDS))
    line = one_line_error(proc)
    assert line == f"Error: cannot open database {blocker / 'b.db'}: {blocker} is not a folder"
    assert blocker.read_text() == "x"


# --- 5. schema versions -----------------------------------------------------------------------

def old_database(path: Path, version: int) -> None:
    """A database as briefing at schema `version` left it, with an article (and at v4 a
    bookmark and a note)."""
    import sqlite_utils

    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    for step in range(version):
        with db.conn:
            db.execute("BEGIN IMMEDIATE")
            schema.MIGRATIONS[step](db)
            db.execute(f"PRAGMA user_version = {step + 1}")
    db["articles"].insert({"id": 1, "title": "Old story", "text": "The quokka census of 1987.",
                           "hash": "h1", "body_hash": "b1", "origin": "old.txt",
                           "ingested": "2020-01-01T00:00:00Z"})
    db["ingests"].insert({"started": "2020-01-01T00:00:00", "added": 1})
    if version >= 4:
        db["bookmarks"].insert({"article_id": 1, "created": "2020-01-01"})
        db["notes"].insert({"article_id": 1, "text": "old note", "created": "2020-01-01"})
    db.conn.close()


def _schema_of(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return set(conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE"
                                " 'sqlite_%'"))
    finally:
        conn.close()


@pytest.mark.parametrize("version", range(1, schema.current_version()))
def test_old_database_is_migrated_in_place_keeping_its_data(tmp_path, version):
    from briefing.store.corpus import Corpus

    db = tmp_path / f"v{version}.db"
    old_database(db, version)
    corpus = Corpus(db)
    assert corpus.db.execute("PRAGMA user_version").fetchone()[0] == schema.current_version()
    assert [h.id for h in corpus.search("quokka")] == [1]
    assert corpus.article(1).title == "Old story"
    assert corpus.bookmarks() == ([1] if version >= 4 else [])
    assert [n.text for n in corpus.notes()] == (["old note"] if version >= 4 else [])
    corpus.close()
    check_consistent(db).close()
    fresh = tmp_path / "fresh.db"
    Corpus(fresh).close()
    assert _schema_of(db) == _schema_of(fresh)  # every table and index a new database has


def test_old_database_is_migrated_by_the_cli(tmp_path):
    db = tmp_path / "v1.db"
    old_database(db, 1)
    proc = run("search", "quokka", "--db", str(db))
    assert proc.returncode == 0 and "Old story" in proc.stdout, proc.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.current_version()
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1  # no seeds added
    conn.close()


@pytest.mark.parametrize("args", [("summary",), ("ingest", str(SEEDS))])
def test_newer_database_is_refused_and_left_byte_for_byte(tmp_path, args):
    db = tmp_path / "future.db"
    old_database(db, schema.current_version())
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {schema.current_version() + 1}")
    conn.close()
    before, files = db.read_bytes(), sorted(os.listdir(tmp_path))
    proc = run(*args, "--db", str(db))
    line = one_line_error(proc)
    assert "newer than this briefing supports" in line and str(db) in line
    assert db.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == files  # no -wal, -shm or journal left behind


# --- 6. export --------------------------------------------------------------------------------

FAILING_FSYNC = """
import errno
import briefing.export.writer as writer

def fsync(fd):
    raise OSError(errno.ENOSPC, "No space left on device")

writer.os.fsync = fsync
"""


def test_export_failing_mid_write_leaves_no_partial_file(seeded_db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "brief.md"
    proc = run_patched(FAILING_FSYNC, "export", "--all", "--db", str(seeded_db), "-o",
                       str(target))
    line = one_line_error(proc)
    assert f"cannot write {target}: No space left on device" in line
    assert os.listdir(out) == []  # neither the target nor a temporary file
    target.write_text("old content")
    proc = run_patched(FAILING_FSYNC, "export", "--all", "--db", str(seeded_db), "-o",
                       str(target), "--force")
    one_line_error(proc)
    assert target.read_text() == "old content" and os.listdir(out) == ["brief.md"]


def test_write_text_failing_mid_write_keeps_the_old_file(tmp_path, monkeypatch):
    from briefing.export import writer

    target = tmp_path / "x.md"
    target.write_text("old")
    real_fdopen = os.fdopen

    class HalfWritten:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, text):
            self.f.write(text[: len(text) // 2])
            self.f.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer.os, "fdopen", lambda *a, **k: HalfWritten(real_fdopen(*a, **k)))
    with pytest.raises(OSError):
        writer.write_text("new " * 10_000, target, force=True)
    with pytest.raises(OSError):
        writer.write_text("new " * 10_000, tmp_path / "y.md")
    assert target.read_text() == "old" and sorted(os.listdir(tmp_path)) == ["x.md"]


def test_export_to_a_relative_path_shows_where_it_lands(seeded_db, tmp_path):
    cwd = tmp_path / "a" / "b"
    cwd.mkdir(parents=True)
    proc = run("export", "--all", "--db", str(seeded_db), "-o", "../../x.md", cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    landed = (tmp_path / "x.md").resolve()
    assert proc.stdout.startswith(f"Wrote {landed} (markdown): 2 articles")
    text = landed.read_text()
    again = run("export", "--all", "--db", str(seeded_db), "-o", "../../x.md", "--format",
                "html", cwd=cwd)
    line = one_line_error(again)
    assert line == f"Error: {landed} exists; pass --force to overwrite it"
    assert landed.read_text() == text
    summary = run("export", "--all", "--db", str(seeded_db), "-o", "../../x.md", "--force",
                  "--json", cwd=cwd)
    assert json.loads(summary.stdout)["path"] == str(landed)
