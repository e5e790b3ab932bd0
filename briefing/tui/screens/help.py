"""Every key binding, grouped by where it works, with the keys in force (after the user's
keymap) and the id to remap it by."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

Sections = list[tuple[str, list[Binding]]]

SEARCH_HELP = (
    'Search: words (any form), "a phrase", prefix*, -exclude, a OR b; filters actor:NAME '
    "type:person|org|gpe|loc place: source: since:2018-02 until:2018-03-15 is:bookmarked "
    "has:note link:realizes. The mouse works too: click a row to open it, scroll any pane, "
    "select text in the reader to note a passage.")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss(None)", "Close", id="help.close")]
    """Escape, ? or q close the help."""

    def __init__(self, sections: Sections, keymap: dict[str, str], keys_file: Path) -> None:
        super().__init__()
        self.sections = sections
        self.keymap = keymap
        self.keys_file = keys_file

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(Text("Keys", style="bold"), classes="dialog-title")
            yield Static(Text(SEARCH_HELP), classes="help-search")
            for title, bindings in self.sections:
                table = Table(title=title, title_justify="left", title_style="bold",
                              show_header=False, box=None, expand=True, padding=(0, 1))
                table.add_column("keys", width=18, no_wrap=True)
                table.add_column("what", ratio=1)
                table.add_column("id", style="dim", no_wrap=True, width=24)
                for binding in bindings:
                    table.add_row(Text(self._keys(binding), style="bold"),
                                  Text(binding.description or binding.action),
                                  Text(binding.id or ""))
                yield Static(table)
            yield Static(Text(f"Remap any of these by id in {self.keys_file} "
                              '(e.g. [keys] "main.note" = "ctrl+n").  Esc closes.',
                              style="dim"))

    def _keys(self, binding: Binding) -> str:
        keys = self.keymap.get(binding.id or "", binding.key)
        return ", ".join(self.app.get_key_display(Binding(k.strip(), ""))
                         for k in keys.split(","))
