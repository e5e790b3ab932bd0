"""Hostile article text in the reader (tests/hostile.py): escape sequences, markup, bidi, wide
and zero-width characters, a 1 MB line. Driven with Pilot at 80x24 and 160x48: every case is
listed, opened, searched (hits highlighted), its actors and links panes visited, and the screen
must show the words as typed, never an escape character, never interpreted markup, and the app
must still be running on its main screen after every step."""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
import time
from functools import lru_cache
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests import hostile
from tests.helpers import write_file
from tests.test_tui_support import paste, screen_text, settle, sync

textual = pytest.importorskip("textual")

from briefing.store.corpus import Corpus  # noqa: E402
from briefing.tui.app import make_app  # noqa: E402
from briefing.tui.screens.main import MainScreen  # noqa: E402
from briefing.tui.widgets.side_panes import ActorsPane, LinksPane  # noqa: E402

# case: (a word only its article has, words the screen must show)
CASES: dict[str, tuple[str, list[str]]] = {
    "ansi_colour": ("sharply", ["fell sharply", "in early trading"]),
    "cursor_moves": ("resume", ["said talks would resume"]),
    "osc52_clipboard": ("denied", ["denied the report on Tuesday"]),
    "osc8_link": ("online", ["full statement", "online."]),
    "osc_title": ("steady", ["The central bank held rates steady."]),
    "c1_controls": ("narrowly", ["passed", "narrowly."]),
    "rich_markup": ("analysts", ["red]the", "[/bold", "[link=https://x.example]done[/link]."]),
    "textual_action": ("click", ["[@click=app.quit]here[/]", "[b]full[/b]"]),
    "stray_close": ("rose", ["rose [/] and [/bold] closed higher [ at 1,234."]),
    "rtl_override": ("invoice", ["was sent to the ministry."]),
    "bidi_arabic": ("cairo", ["(Cairo)", "שלום"]),
    "zero_width": ("accord", ["Lucia", "Grenada", "accord."]),
    "emoji_cjk": ("tokyo", ["東京", "(Tokyo)", "貿易", "terms"]),
    "combining": ("discredited", ["report was discredited."]),
    "nul_bytes": ("nothing", ["nothing."]),
    "tabs_and_cr": ("friday", ["climbed", "on Friday."]),
}
# Titles are article text too: these bodies also go in as headlines.
HEADLINES = ["rich_markup", "textual_action", "stray_close", "ansi_colour", "emoji_cjk"]
FORBIDDEN = ["\x1b", "\x07", "\x00", "\x9b", "\x9c", "\x9d"]
SIZES = [(80, 24), (160, 48)]


def _records() -> list[dict]:
    out = [{"title": f"Case {key}", "text": f"{hostile.TEXTS[key]}", "source": "Hostile",
            "date": "2020-01-02"} for key in CASES]
    out += [{"title": hostile.TEXTS[key], "text": f"Headline kept as typed, case {key}.",
             "source": "Headline", "date": "2020-01-03"} for key in HEADLINES]
    return out


@lru_cache(maxsize=None)
def _built() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="briefing-hostile-"))
    atexit.register(shutil.rmtree, folder, True)
    inputs = folder / "in"
    write_file(inputs / "cases.jsonl", "".join(json.dumps(r) + "\n" for r in _records()))
    long_line = next(f for f in hostile.files() if f.name == "long_line.txt")
    write_file(inputs / long_line.name, long_line.data)
    db = folder / "base.db"
    corpus = Corpus.open(db, seed=False)
    report = corpus.ingest([inputs])
    assert report.added == len(CASES) + len(HEADLINES) + 1, report
    corpus.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    corpus.close()
    return db


@pytest.fixture
def db(tmp_path):
    target = tmp_path / "h.db"
    shutil.copy(_built(), target)
    return target


def app_for(db, tmp_path):
    return make_app(db, keys_file=tmp_path / "no-keys.toml", export_dir=tmp_path)


def check_screen(app, width: int) -> str:
    """Still running on the main screen; nothing a terminal would obey; no line wider than
    the terminal. Returns the screen text."""
    assert app.is_running and app.return_code is None
    assert isinstance(app.screen, MainScreen)
    strips = app.screen._compositor.render_strips()
    assert not any(seg.control for strip in strips for seg in strip)
    text = screen_text(app)
    for bad in FORBIDDEN:
        assert bad not in text, repr(bad)
    for line in text.splitlines():
        assert cell_len(line) <= width, line
    return text


def status(app) -> str:
    return str(app.screen.query_one("#search-status").render())


async def search(pilot, words: str) -> None:
    await pilot.press("slash")
    pilot.app.screen.query_one("#search").value = ""
    await paste(pilot, words)


def hit_is_styled(app, word: str) -> bool:
    """Some visible cell run showing `word` is drawn in the hit style (bold, coloured back)."""
    for strip in app.screen._compositor.render_strips():
        for seg in strip:
            if word.lower() in seg.text.lower() and seg.style and seg.style.bold \
                    and seg.style.bgcolor is not None:
                return True
    return False


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@sync
async def test_every_hostile_article_lists_opens_searches_and_shows_literally(db, tmp_path,
                                                                               size):
    width = size[0]
    app = app_for(db, tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.article_list.total == len(CASES) + len(HEADLINES) + 1
        check_screen(app, width)
        for key, (word, visible) in CASES.items():
            await search(pilot, f"{word} -headline")
            assert status(app) == "1 result", (key, status(app))
            listed = check_screen(app, width)
            if width >= 120 or screen._listing:
                assert f"Case {key}" in listed
            await pilot.press("enter")  # the first result, opened
            await settle(pilot)
            assert screen.reader.data is not None and screen.reader.data.article.title == \
                f"Case {key}"
            shown = check_screen(app, width)
            for words in visible:
                assert words in shown, (key, words, shown)
            hits = screen.reader.data.text_hits
            assert hits, key
            text = screen.reader.data.article.text
            assert all(word in text[s:e].lower() for s, e in hits), key
            assert hit_is_styled(app, word), key
            await pilot.press("n")  # to the hit
            check_screen(app, width)
            for pane in (ActorsPane, LinksPane):  # visit both panes and move in them
                screen._focus(screen.query_one(pane))
                await pilot.press("j", "enter")
                await settle(pilot)
                if not isinstance(app.screen, MainScreen):  # a link opened: come back
                    await pilot.press("escape")
                    await settle(pilot)
                check_screen(app, width)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@sync
async def test_headlines_with_markup_are_listed_literally(db, tmp_path, size):
    width = size[0]
    app = app_for(db, tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await search(pilot, "headline")
        assert status(app) == f"{len(HEADLINES)} results"
        shown = check_screen(app, width)
        assert "Analysts said [bold" in shown and "Click [@click=app.quit]" in shown
        assert "The index rose [/] and" in shown and "Leaders met in 東京" in shown
        await pilot.press("enter")
        await settle(pilot)
        shown = check_screen(app, width)
        title = app.screen.reader.data.article.title
        assert title.startswith(("Analysts said [bold red]", "Click [@click=app.quit]",
                                 "The index rose [/]", "Markets ", "Leaders met in 東京"))
        assert "Headline kept as typed" in shown


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@sync
async def test_clicking_a_literal_click_action_does_not_quit(db, tmp_path, size):
    width = size[0]
    app = app_for(db, tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await search(pilot, "click")  # the body case and the headline case
        await pilot.press("enter")
        await settle(pilot)
        clicked = 0
        for _ in range(2):
            lines = screen_text(app).splitlines()
            spots = [(line.index("[@click"), y) for y, line in enumerate(lines)
                     if "[@click" in line]
            assert spots
            for x, y in spots:
                # the cell under "@click": cells before it, not characters, on wide lines
                await pilot.click(offset=(cell_len(lines[y][:x]) + 2, y))
                await settle(pilot)
                clicked += 1
                assert app.is_running and app.return_code is None
                if isinstance(app.screen, MainScreen):
                    check_screen(app, width)
            if not isinstance(app.screen, MainScreen):
                await pilot.press("escape")
            await pilot.press("slash")
            await pilot.press("escape")  # to the list
            await pilot.press("j", "enter")  # the other article with the action
            await settle(pilot)
        assert clicked >= 2
        assert app.is_running and isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@sync
async def test_a_one_megabyte_line_opens_and_scrolls(db, tmp_path, size):
    width = size[0]
    app = app_for(db, tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        reader = app.screen.reader
        started = time.monotonic()
        # ~9 s today, all of it in the store: FTS5 snippet() over the 1 MB body's ~18k hits
        # (briefing/store/search.py run(), reached through browse.page). Bounded, not timed.
        await search(pilot, "committee")
        assert time.monotonic() - started < 30, "search: a safety bound, not a benchmark"
        started = time.monotonic()
        await pilot.press("enter")
        await settle(pilot, rounds=40)
        assert reader.data is not None and len(reader.data.article.text) >= 999_000
        assert reader.virtual_size.height > 10_000  # wrapped into many screen lines
        assert "The committee met again" in check_screen(app, width)
        assert len(reader.data.text_hits) > 10_000  # every "committee" lit
        reader.focus()
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        assert reader.scroll_offset.y > 0
        await pilot.press("end")
        await settle(pilot)
        assert reader.scroll_offset.y >= reader.max_scroll_y - 1
        assert "heard evidence" in check_screen(app, width)
        await pilot.press("n", "N", "home")
        await settle(pilot)
        assert reader.scroll_offset.y == 0
        check_screen(app, width)
        assert time.monotonic() - started < 20, "open and scroll: a safety bound"


@sync
async def test_no_escape_sequence_residue_is_shown(db, tmp_path):
    """Ingest drops whole escape sequences (briefing/ingest/clean.py), not only their ESC."""
    app = app_for(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        for word in ("denied", "sharply", "steady"):
            await search(pilot, f"{word} -headline")
            await pilot.press("enter")
            await settle(pilot)
            shown = check_screen(app, 160)
            for residue in ("52;c;", "cm0gLXJmIH4", "[31m", "]0;pwned"):
                assert residue not in shown
