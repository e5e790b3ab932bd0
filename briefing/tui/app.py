"""The app itself stays thin: global keys, the user's keymap, the help, and the main screen."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from briefing.store.models import Hit
from briefing.tui.bindings import binding_sections, known_binding_ids
from briefing.tui.commands import BriefingCommands
from briefing.tui.corpora import Corpora
from briefing.tui.keymap import keymap_path, load_keymap
from briefing.tui.screens.main import MainScreen


class BriefingApp(App[None]):
    CSS_PATH = "briefing.tcss"
    TITLE = "briefing"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", key_display="?", id="app.help"),
        Binding("ctrl+p", "command_palette", "Commands", key_display="^p", priority=True,
                id="app.palette"),
    ]
    """`q` quits, `?` lists every key, ctrl+p opens the command palette."""

    COMMANDS = App.COMMANDS | {BriefingCommands}

    def __init__(self, db_path: Path | str, keys_file: Path | None = None,
                 export_dir: Path | None = None, first_page: list[Hit] | None = None) -> None:
        super().__init__()
        self.corpora = Corpora(db_path)
        self.keys_file = keys_file or keymap_path()
        self.export_dir = export_dir or Path.cwd()
        self.first_page = first_page
        self.user_keys: dict[str, str] = {}
        self._key_problems: list[str] = []

    def get_default_screen(self) -> Screen:
        if self.keys_file.is_file():  # checking ids imports every screen: only when needed
            self.user_keys, self._key_problems = load_keymap(self.keys_file,
                                                             known_binding_ids())
            self.set_keymap(self.user_keys)
        return MainScreen(self.corpora, self.export_dir, self.first_page)

    def on_mount(self) -> None:
        for problem in self._key_problems:
            self.notify(problem, title="keys.toml", severity="warning", timeout=12,
                        markup=False)
        # Everything built so far (modules, styles, widgets) lives as long as the app: out of
        # the collector's way, so a full collection cannot land as a pause in a keystroke.
        self.call_after_refresh(gc.freeze)

    def on_unmount(self) -> None:
        gc.unfreeze()  # the app is going: its objects may be collected again

    def action_help(self) -> None:
        from briefing.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(binding_sections(), self.user_keys, self.keys_file))


def make_app(db_path: Path | str, keys_file: Path | None = None,
             export_dir: Path | None = None, first_page: list[Hit] | None = None) -> BriefingApp:
    """The one factory for the app, shared by the CLI, the tests and the benchmark.
    `first_page`: the list's first rows when the caller has them already (the CLI reads them
    while it opens the database), so the first frame shows them."""
    return BriefingApp(db_path, keys_file, export_dir, first_page)
