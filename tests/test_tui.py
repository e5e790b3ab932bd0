"""The reader app driven with Pilot, one flow per test, on a private copy of the seeded DB."""

from __future__ import annotations

import sqlite3

import pytest

from tests.test_tui_support import (
    HOSTILE_TITLE, fresh_db, paste, screen_text, seed_ids, settle, sync)

textual = pytest.importorskip("textual")

from briefing.store.corpus import Corpus  # noqa: E402
from briefing.tui.app import make_app  # noqa: E402
from briefing.tui.bindings import known_binding_ids  # noqa: E402
from briefing.tui.screens.export import ExportDialog  # noqa: E402
from briefing.tui.screens.help import HelpScreen  # noqa: E402
from briefing.tui.screens.link import LinkScreen  # noqa: E402
from briefing.tui.screens.note import NoteDialog  # noqa: E402
from briefing.tui.screens.timeline import TimelineScreen  # noqa: E402


@pytest.fixture
def db(tmp_path):
    return fresh_db(tmp_path)


def app_for(db, tmp_path, **kwargs):
    kwargs.setdefault("keys_file", tmp_path / "no-keys.toml")
    kwargs.setdefault("export_dir", tmp_path)
    return make_app(db, **kwargs)


def status(app) -> str:
    return str(app.screen.query_one("#search-status").render())


async def type_search(pilot, text: str) -> None:
    await pilot.press("slash")
    await paste(pilot, text)


async def open_plan(pilot) -> None:
    """Search for the plan article and open it: the seed with the realizes link."""
    await type_search(pilot, '"will travel"')
    await pilot.press("enter")
    await settle(pilot)


@sync
async def test_startup_lists_every_article(db, tmp_path):
    app = app_for(db, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.article_list.total == 2
        assert status(app) == "2 articles"
        text = screen_text(app)
        assert "undated" in text and "Mexico’s foreign minister" in text
        assert screen.focused is screen.article_list


@sync
async def test_search_as_you_type_updates_results_and_count(db, tmp_path):
    app = app_for(db, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"grenada")  # key by key, as typed
        await settle(pilot)
        listed = app.screen.article_list
        assert status(app) == "1 result"
        assert listed.total == 1
        hit = listed.row(0)
        assert hit.title_hits and hit.title[slice(*hit.title_hits[0])] == "Grenada"
        await paste(pilot, " -cuba")  # the plan mentions Cuba: excluded
        assert status(app) == "0 results"


@sync
async def test_invalid_query_is_a_gentle_message_not_an_exception(db, tmp_path):
    app = app_for(db, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await type_search(pilot, "grenada")
        await paste(pilot, " type:robot")
        assert "type: expects person" in status(app)
        assert app.screen.article_list.total == 1  # the last good results stay
        await pilot.press(*["backspace"] * 5)
        await settle(pilot)
        assert status(app) == "1 result"


@sync
async def test_enter_opens_and_n_N_walk_the_hits(db, tmp_path):
    app = app_for(db, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await type_search(pilot, "grenada")
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen.reader
        text = reader.data.article.text
        assert "will travel to Jamaica, Grenada" in text
        assert len(reader.data.text_hits) >= 2
        assert all(text[s:e] == "Grenada" for s, e in reader.data.text_hits)
        await pilot.press("n")
        assert reader.hit_index == 0 and reader.sentence is not None
        await pilot.press("n")
        assert reader.hit_index == 1
        await pilot.press("N")
        assert reader.hit_index == 0
        await pilot.press("N")  # wraps to the last hit
        assert reader.hit_index == len(reader.data.text_hits) - 1
        start = reader.data.text_hits[-1][0]
        top = reader.scroll_offset.y
        assert top <= reader.row_of(start) < top + reader.scrollable_content_region.height


@sync
async def test_actor_highlights_mentions_and_filters_the_list(db, tmp_path):
    app = app_for(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await open_plan(pilot)
        screen = app.screen
        actors = screen.query_one("#actors")
        names = [r.name for r in actors.rows]
        assert "Luis Videgaray" in names
        actors.focus()
        actors.highlighted = names.index("Luis Videgaray")
        await settle(pilot)
        videgaray = actors.selected
        assert screen.reader.actor_id == videgaray.id
        await pilot.press("a")
        await settle(pilot)
        assert screen.query_one("#search").value == 'actor:"Luis Videgaray"'
        assert screen.article_list.total == 2
        assert screen.focused is screen.article_list


@sync
async def test_follow_the_realizes_link_and_come_back(db, tmp_path):
    plan, trip = seed_ids(db)
    app = app_for(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await open_plan(pilot)
        screen = app.screen
        assert screen.reader.article_id == plan
        await pilot.press("l")
        await settle(pilot)
        assert screen.focused is screen.query_one("#links")
        assert screen.query_one("#links").selected.type == "realizes"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LinkScreen)
        text = screen_text(app)
        assert "planned, not reported: Grenada" in text
        assert "will travel to Jamaica, Grenada and Saint Lucia in March" in text
        assert "visited St. Lucia before Jamaica" in text
        await pilot.press("o")
        await settle(pilot)
        assert app.screen is screen and screen.reader.article_id == trip
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.reader.article_id == plan
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.reader.article_id == trip
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.reader.article_id == plan


@sync
async def test_link_view_back_key_returns_without_moving(db, tmp_path):
    plan, _ = seed_ids(db)
    app = app_for(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_plan(pilot)
        await pilot.press("l", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LinkScreen)
        assert app.screen.has_class("-narrow")  # evidence stacked below 100 columns
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.reader.article_id == plan


@sync
async def test_bookmark_is_stored_at_once(db, tmp_path):
    plan, _ = seed_ids(db)
    app = app_for(db, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_plan(pilot)
        await pilot.press("m")
        await settle(pilot)
        # Another connection, as another process would see it: already on disk.
        with sqlite3.connect(db) as other:
            assert other.execute("SELECT article_id FROM bookmarks").fetchall() == [(plan,)]
        assert plan in app.screen.article_list.bookmarks
        assert "★ bookmarked" in screen_text(app)
        await type_search(pilot, " is:bookmarked")  # appended to the phrase
        assert app.screen.article_list.total == 1
        await pilot.press("escape")
        await pilot.press("m")
        await settle(pilot)
        with sqlite3.connect(db) as other:
            assert other.execute("SELECT COUNT(*) FROM bookmarks").fetchone()[0] == 0


@sync
async def test_notes_on_a_passage_and_on_the_article(db, tmp_path):
    plan, _ = seed_ids(db)
    app = app_for(db, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_plan(pilot)
        reader = app.screen.reader
        reader.focus()
        await pilot.press("right_parenthesis")  # the first sentence becomes the passage
        passage = reader.passage
        assert passage is not None
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        await paste(pilot, "check the March dates")
        await pilot.press("enter")
        await settle(pilot)
        corpus = Corpus(db)
        notes = corpus.notes(plan)
        assert [(n.text, n.start, n.end) for n in notes] == [("check the March dates", *passage)]
        assert notes[0].quote.startswith("Mexico’s foreign minister will travel")
        assert "1 note" in screen_text(app)  # the reader shows it at once
        shown_notes = " ".join(line.text for line in reader._lines if line.kind == "note")
        assert "check the March dates" in shown_notes
        await pilot.press("escape")  # drop the passage: the next note is on the article
        await pilot.press("A")
        await settle(pilot)
        await paste(pilot, "whole story")
        await pilot.press("enter")
        await settle(pilot)
        assert [(n.text, n.start) for n in corpus.notes(plan)][-1] == ("whole story", None)
        corpus.close()


@sync
async def test_export_dialog_writes_the_open_article(db, tmp_path):
    app = app_for(db, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_plan(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.scopes[0].kind == "ids"
        app.screen.query_one("#export-path").focus()
        await pilot.press("enter")
        await settle(pilot)
        written = tmp_path / "briefing.md"
        assert written.exists()
        assert "will travel to Jamaica" in written.read_text()
        # Again without overwrite: refused with a message, the file untouched.
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#export-path").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert any("exists" in n.message for n in app._notifications)


@sync
async def test_help_lists_every_binding(db, tmp_path):
    app = app_for(db, tmp_path)
    async with app.run_test(size=(160, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = {b.id for _, bindings in app.screen.sections for b in bindings}
        assert shown == known_binding_ids()
        assert len(shown) > 40
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@sync
async def test_palette_offers_the_open_articles_actors(db, tmp_path):
    app = app_for(db, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_plan(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await paste(pilot, "Filter by actor: Luis Videgaray")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#search").value == 'actor:"Luis Videgaray"'


@sync
async def test_palette_opens_an_article_by_its_title(db, tmp_path):
    _, trip = seed_ids(db)
    app = app_for(db, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await paste(pilot, "deepen energy cooperation")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.reader.article_id == trip


@sync
async def test_story_timeline_marks_planned_realized_and_inferred(db, tmp_path):
    _, trip = seed_ids(db)
    app = app_for(db, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_plan(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        modalities = {e.event["modality"] for e in app.screen.entries}
        assert {"planned", "realized"} <= modalities
        text = screen_text(app)
        assert "○ planned" in text and "(order inferred)" in text
        trip_index = next(i for i, e in enumerate(app.screen.entries) if e.article_id == trip)
        app.screen.highlight_entry(trip_index)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.reader.article_id == trip


@sync
async def test_resize_to_80x24_takes_turns_and_keeps_everything_on_screen(db, tmp_path):
    app = app_for(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert not screen.has_class("-narrow")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert screen.has_class("-narrow")
        assert screen.article_list.display and screen.article_list.region.width > 70
        await pilot.press("enter")
        await settle(pilot)
        assert screen.focused is screen.reader
        for widget in (screen.reader, screen.query_one("#actors"), screen.query_one("#links")):
            region = widget.region
            assert region.width > 0 and region.height > 0
            assert region.right <= 80 and region.bottom <= 24
        assert screen.article_list.region.width == 0  # the list waits its turn
        await pilot.press("escape")
        await settle(pilot)
        assert screen.focused is screen.article_list and screen.article_list.region.width > 0


@sync
async def test_tab_cycles_the_panes(db, tmp_path):
    app = app_for(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        seen = []
        for _ in range(5):
            await pilot.press("tab")
            await pilot.pause()
            seen.append(app.screen.focused.id)
        assert seen == ["reader", "actors", "links", "search", "list"]


@sync
async def test_article_text_is_never_markup(tmp_path):
    db = fresh_db(tmp_path, "hostile")
    app = app_for(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the hostile article is the only dated one: listed first
        await settle(pilot)
        assert app.screen.reader.data.article.title == HOSTILE_TITLE
        text = screen_text(app)
        assert "[bold]nothing[/bold]" in text
        assert "[@click=app.quit]quitting[/]" in text
        assert "[bold]not bold[/]" in text
        await pilot.click("#reader", offset=(10, 5))
        await settle(pilot)
        assert app.is_running
        await type_search(pilot, "[/]")  # brackets in a query: searched as text, shown as typed
        assert app.is_running


@sync
async def test_remapped_keys_and_a_bad_keys_file(db, tmp_path):
    keys = tmp_path / "keys.toml"
    keys.write_text('[keys]\n"main.bookmark" = "b"\n"no.such" = "x"\n')
    plan, _ = seed_ids(db)
    app = app_for(db, tmp_path, keys_file=keys)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert any("no.such" in n.message for n in app._notifications)
        await open_plan(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert Corpus(db).is_bookmarked(plan)
    keys.write_text("[keys\n")
    app = app_for(db, tmp_path, keys_file=keys)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert any("default keys kept" in n.message for n in app._notifications)
        await open_plan(pilot)
        await pilot.press("m")  # the default binding still works
        await settle(pilot)
        assert not Corpus(db).is_bookmarked(plan)


@sync
async def test_reading_position_is_kept_per_article(db, tmp_path):
    plan, trip = seed_ids(db)
    app = app_for(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_plan(pilot)
        reader = app.screen.reader
        reader.focus()
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        kept = reader.top_offset
        assert kept > 0
        app.screen.open_article(trip)
        await settle(pilot)
        assert reader.top_offset == 0
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert reader.article_id == plan and reader.top_offset == kept


@sync
async def test_searching_while_another_process_writes(db, tmp_path):
    # WAL: an uncommitted write transaction elsewhere never blocks the reader's queries.
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO ingests (started, paths) VALUES ('now', 'elsewhere')")
    try:
        app = app_for(db, tmp_path)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await type_search(pilot, "grenada")
            assert status(app) == "1 result"
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen.reader.data is not None
    finally:
        writer.execute("ROLLBACK")
        writer.close()


@sync
async def test_the_list_pages_through_thousands_of_articles(tmp_path):
    import json

    from tests.helpers import write_file

    lines = [json.dumps({"title": f"Story number {i}", "text": f"Body of story {i} about wheat.",
                         "date": f"20{10 + i % 10}-01-{1 + i % 28:02d}"})
             for i in range(3000)]
    corpus = Corpus(tmp_path / "big.db")
    corpus.ingest([write_file(tmp_path / "big.jsonl", "\n".join(lines) + "\n")], analyse=False)
    corpus.close()
    app = app_for(tmp_path / "big.db", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        listed = app.screen.article_list
        assert listed.total == 3000
        assert len(listed._pages) == 1  # one page fetched: only what is on screen
        await pilot.press("G")
        await settle(pilot)
        assert listed.cursor == 2999 and listed.current is not None
        assert len(listed._pages) <= 3
        assert listed.current.published.startswith("2010")  # oldest last
        await type_search(pilot, "wheat")
        assert listed.total == 3000 and status(app) == "3,000 results"
