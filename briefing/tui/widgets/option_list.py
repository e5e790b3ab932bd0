"""OptionList with vim keys, for the timeline (entries wrap there, so OptionList's measuring
is worth it); its binding ids are the ones ItemList uses, so one remap fits every list."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList

from briefing.tui.widgets.steady import SteadySize


class VimOptionList(SteadySize, OptionList, inherit_bindings=False):
    DEFAULT_CSS = "VimOptionList { overflow-y: scroll; }"
    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="options.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="options.up"),
        Binding("g,home", "first", "First", show=False, id="options.first"),
        Binding("G,end", "last", "Last", show=False, id="options.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="options.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="options.page_up"),
        Binding("enter", "select", "Select", show=False, id="options.select"),
    ]

    def on_focus(self) -> None:
        # Arriving with Tab should land on something Enter can act on.
        if self.highlighted is None and self.option_count:
            self.action_first()
