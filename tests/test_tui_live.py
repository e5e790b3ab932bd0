"""The reader picks up articles another connection ingests while it is open, without a restart
and without losing the user's place (search text, highlighted article, open article)."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from tests.helpers import write_file
from tests.test_tui_support import fresh_db, paste, screen_text, settle, sync

textual = pytest.importorskip("textual")

from briefing.store.corpus import Corpus  # noqa: E402
from briefing.tui.app import make_app  # noqa: E402
from briefing.tui.screens import main as main_screen  # noqa: E402
from briefing.tui.screens.main import MainScreen  # noqa: E402


@pytest.fixture
def fast_poll(monkeypatch):
    monkeypatch.setattr(main_screen, "POLL", 0.1)


def status(app) -> str:
    return str(app.screen.query_one("#search-status").render())


def ingest_elsewhere(db, folder, name: str, records: list[dict]) -> None:
    """What another process does: its own connection, its own transaction, then closed."""
    path = write_file(folder / f"{name}.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    corpus = Corpus.open(db, seed=False)
    try:
        report = corpus.ingest([path])
        assert report.added == len(records)
    finally:
        corpus.close()


async def wait_for(pilot, condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)
    await settle(pilot)


def no_lock_errors(app) -> None:
    text = screen_text(app).lower()
    notes = " ".join(str(n.message) for n in app._notifications).lower()
    for said in (text, notes):
        assert "locked" not in said and "something went wrong" not in said
    assert app.is_running and isinstance(app.screen, MainScreen)


@sync
async def test_new_articles_appear_in_the_list_while_open(tmp_path, fast_poll):
    db = fresh_db(tmp_path)
    app = make_app(db, keys_file=tmp_path / "no-keys.toml", export_dir=tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        listed = app.screen.article_list
        assert listed.total == 2 and status(app) == "2 articles"
        await pilot.press("j")  # the user's place: the second article highlighted
        place = listed.current.id

        ingest_elsewhere(db, tmp_path, "new", [{
            "title": "Zanzibarian envoy arrives", "date": "2030-01-01", "source": "Wire",
            "text": "The zanzibarian envoy arrived in Kingston for talks on Monday."}])
        await wait_for(pilot, lambda: listed.total == 3)
        assert status(app) == "3 articles"
        assert "Zanzibarian envoy arrives" in screen_text(app)  # newest first: at the top
        assert listed.current.id == place  # still on the article the user had highlighted
        no_lock_errors(app)

        await pilot.press("slash")
        await paste(pilot, "zanzibarian")
        assert status(app) == "1 result"
        assert listed.row(0).title == "Zanzibarian envoy arrives"
        no_lock_errors(app)


@sync
async def test_a_search_on_screen_is_rerun_in_place(tmp_path, fast_poll):
    db = fresh_db(tmp_path)
    app = make_app(db, keys_file=tmp_path / "no-keys.toml", export_dir=tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await paste(pilot, "jamaica")
        before = app.screen.article_list.total
        assert before >= 1
        await pilot.press("enter")  # opens the first result
        await settle(pilot)
        reading = app.screen.reader.article_id
        assert reading is not None

        ingest_elsewhere(db, tmp_path, "more", [
            {"title": f"Jamaica bulletin {i}", "date": f"2031-01-0{i}",
             "text": f"Bulletin {i} from Jamaica on the quorlax negotiations."}
            for i in range(1, 4)])
        listed = app.screen.article_list
        await wait_for(pilot, lambda: listed.total == before + 3)
        assert app.screen.query_one("#search").value == "jamaica"  # the search text kept
        assert app.screen.query_text == "jamaica"
        assert app.screen.reader.article_id == reading  # the open article stays open
        assert "Jamaica bulletin" in screen_text(app)
        no_lock_errors(app)


@sync
async def test_reading_while_another_connection_ingests_in_batches(tmp_path, fast_poll):
    """An ingest running alongside (a thread with its own connection, several transactions):
    the app keeps answering and ends with every article listed, no lock error shown."""
    db = fresh_db(tmp_path)
    app = make_app(db, keys_file=tmp_path / "no-keys.toml", export_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)

        def writer() -> None:
            for n in range(5):
                ingest_elsewhere(db, tmp_path, f"batch{n}", [
                    {"title": f"Batch {n} story {i}", "text": f"Story {i} of batch {n} on the "
                     f"vextorine accord signed in Castries."} for i in range(4)])

        task = asyncio.create_task(asyncio.to_thread(writer))
        while not task.done():  # the user keeps searching while the writer commits
            await pilot.press("slash")
            app.screen.query_one("#search").value = ""
            await paste(pilot, "vextorine")
            no_lock_errors(app)
            await pilot.press("escape")
            await pilot.pause(0.05)
        await task
        listed = app.screen.article_list
        await wait_for(pilot, lambda: listed.total == 20)
        assert status(app) == "20 results"
        no_lock_errors(app)


@sync
async def test_a_read_only_database_reads_and_says_why_a_bookmark_fails(tmp_path):
    from tests.helpers import read_only_folder

    folder = tmp_path / "archive"
    folder.mkdir()
    db = fresh_db(folder)
    app = make_app(db, keys_file=tmp_path / "no-keys.toml", export_dir=tmp_path)
    with read_only_folder(folder):
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("slash")
            await paste(pilot, "grenada")
            assert status(app) == "1 result"
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen.reader.article_id is not None
            await pilot.press("m")
            said = "Bookmark not saved: attempt to write a readonly database (the file or its " \
                   "folder is read-only)"
            await wait_for(pilot, lambda: any(str(n.message) == said for n in app._notifications))
            assert app.is_running and isinstance(app.screen, MainScreen)
