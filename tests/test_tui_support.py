"""What the reader app's tests share (no tests here): the seeded database, built once per
test process and copied for each test, and helpers to let the app settle."""

from __future__ import annotations

import asyncio
import atexit
import functools
import json
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from tests.helpers import SEEDS, write_file

# An article written to break a markup parser: every bracket must show as typed.
HOSTILE_TITLE = "Markup test [bold]not bold[/] and [@click=app.quit]click[/]"
HOSTILE_TEXT = ("The minister said [bold]nothing[/bold] about [@click=app.quit]quitting[/] "
                "or [/] closing tags, and [red]colours[/red] stay literal in Kingston.")


@lru_cache(maxsize=None)
def _built(kind: str) -> Path:
    from briefing.store.corpus import Corpus

    folder = Path(tempfile.mkdtemp(prefix="briefing-tui-"))
    atexit.register(shutil.rmtree, folder, True)
    db = folder / "base.db"
    corpus = Corpus.open(db)  # a brand-new database is seeded with the two bundled articles
    if kind == "hostile":
        record = {"title": HOSTILE_TITLE, "text": HOSTILE_TEXT, "source": "Test",
                  "date": "2018-02-20"}
        corpus.ingest([write_file(folder / "hostile.jsonl", json.dumps(record) + "\n")])
    corpus.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    corpus.close()
    return db


def fresh_db(tmp_path: Path, kind: str = "seeds") -> Path:
    """A private copy of the seeded database ("seeds", or "hostile" with the markup article)."""
    target = tmp_path / "t.db"
    shutil.copy(_built(kind), target)
    assert SEEDS.is_dir()
    return target


async def settle(pilot, rounds: int = 8) -> None:
    """Let the debounce timer fire, workers finish and their messages be handled."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        if getattr(app.screen, "search_pending", False):
            await pilot.pause(0.04)
            continue
        if not any(w.is_running for w in app.workers):
            return
        await app.workers.wait_for_complete()


async def paste(pilot, text: str) -> None:
    """Put text into the focused input as a paste would (quicker than a key press each)."""
    pilot.app.focused.insert_text_at_cursor(text)
    await settle(pilot)


def screen_text(app) -> str:
    """The screen as plain text, line by line."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


def seed_ids(db: Path) -> tuple[int, int]:
    """(plan article id, trip article id) of the two seeds."""
    from briefing.store.corpus import Corpus

    corpus = Corpus(db)
    try:
        plan = corpus.list_articles('"will travel to Jamaica"')[0].id
        trip = corpus.list_articles('"visited St. Lucia"')[0].id
    finally:
        corpus.close()
    return plan, trip


def sync(test):
    """Run an async test with asyncio.run (the suite has no async pytest plugin)."""
    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))
    return run
