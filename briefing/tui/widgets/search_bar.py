"""The search bar: the query on the left, what it found (or why it could not search) on the
right. Typing is debounced by the screen; this widget only shows."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static

from briefing.tui.widgets.steady import SteadySize

PLACEHOLDER = ('words "a phrase" prefix* -exclude OR  actor: type: place: source: since: '
               'until: is:bookmarked has:note link:realizes')


class SearchInput(SteadySize, Input):
    """An Input whose every keystroke does not re-lay-out the screen (its size is fixed)."""


class SearchBar(Horizontal):
    DEFAULT_CSS = """
    SearchBar { height: 1; dock: top; background: $boost; }
    SearchBar > #search-prompt { width: 3; color: $text-accent; text-style: bold; padding: 0 1; }
    SearchBar > Input, SearchBar > Input:focus {
        border: none; height: 1; padding: 0; width: 1fr; background: $boost;
    }
    SearchBar > Input:focus { background: $surface-active; }
    SearchBar > #search-status {
        width: 20; padding: 0 1; color: $text-muted; text-align: right; text-wrap: nowrap;
    }
    SearchBar > #search-status.-error { width: 60%; color: $text-warning; }
    """

    def compose(self) -> ComposeResult:
        yield Static("/", id="search-prompt")
        yield SearchInput(placeholder=PLACEHOLDER, id="search", select_on_focus=False)
        yield Static("", id="search-status")

    def status(self, message: str, error: bool = False) -> None:
        # A fixed width, so a new count redraws one line, not the layout of the whole screen
        # (measured: the relayout was half of keystroke-to-results). Errors get more room.
        status = self.query_one("#search-status", Static)
        resized = status.has_class("-error") != error
        status.set_class(error, "-error")
        # Error messages quote the query, which is user text: never markup.
        status.update(Text(message), layout=resized)
