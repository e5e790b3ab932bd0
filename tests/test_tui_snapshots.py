"""SVG snapshots of the main screens at 80x24 and 160x48 (pytest-textual-snapshot). Fixed data
(the seeds), no clock shown, cursor blink off: each run draws the same picture.
Update after an intended change with `pytest tests/test_tui_snapshots.py --snapshot-update`."""

from __future__ import annotations

import pytest

from tests.test_tui_support import fresh_db, settle

pytest.importorskip("pytest_textual_snapshot")

from textual.widgets import Input  # noqa: E402

from briefing.tui.app import make_app  # noqa: E402

SMALL, LARGE = (80, 24), (160, 48)


@pytest.fixture
def app(tmp_path):
    return make_app(fresh_db(tmp_path), keys_file=tmp_path / "none.toml", export_dir=tmp_path)


def steps(*actions):
    """A run_before that performs `actions` (keys, or callables taking the pilot), settling
    after each, with every cursor made steady."""
    async def run(pilot):
        await settle(pilot)
        for action in actions:
            if callable(action):
                result = action(pilot)
                if result is not None:
                    await result
            else:
                await pilot.press(action)
            await settle(pilot)
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False
        await settle(pilot)
    return run


def search(text):
    def run(pilot):
        pilot.app.screen.search(text)
    return run


def highlight_actor(name):
    def run(pilot):
        actors = pilot.app.screen.query_one("#actors")
        actors.focus()
        actors.highlighted = [r.name for r in actors.rows].index(name)
    return run


def test_main_list_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=SMALL, run_before=steps())


def test_main_reading_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=SMALL,
                        run_before=steps(search("grenada"), "enter"))


def test_main_reading_160x48(snap_compare, app):
    assert snap_compare(app, terminal_size=LARGE,
                        run_before=steps(search("grenada"), "enter", "n",
                                         highlight_actor("Luis Videgaray")))


def test_link_view_160x48(snap_compare, app):
    assert snap_compare(app, terminal_size=LARGE,
                        run_before=steps(search('"will travel"'), "enter", "l", "enter"))


def test_link_view_stacked_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=SMALL,
                        run_before=steps(search('"will travel"'), "enter", "l", "enter"))


def test_timeline_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=SMALL,
                        run_before=steps(search('"will travel"'), "enter", "t"))


def test_help_160x48(snap_compare, app):
    assert snap_compare(app, terminal_size=LARGE, run_before=steps("question_mark"))
