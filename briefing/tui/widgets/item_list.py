"""A list of small items (a few lines each, cut to the width, never wrapped) drawn with the
line API. The actors and links panes use it: Textual's OptionList measured 0.7 ms a line for
long link reasons, a third of the time to open an article."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.tui.widgets.steady import SteadySize
from briefing.tui.widgets.styles import CachedStyles, ListFrame


class ItemList(SteadySize, CachedStyles, ListFrame, ScrollView, can_focus=True,
               inherit_bindings=False):
    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False, id="options.down"),
        Binding("k,up", "move(-1)", "Up", show=False, id="options.up"),
        Binding("g,home", "jump(0)", "First", show=False, id="options.first"),
        Binding("G,end", "jump(-1)", "Last", show=False, id="options.last"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="options.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="options.page_up"),
        Binding("enter", "select", "Select", show=False, id="options.select"),
    ]
    """The same ids as the timeline's list: one remap applies to every list."""

    COMPONENT_CLASSES = {"item-list--cursor", "item-list--cursor-blurred", "item-list--empty"}

    DEFAULT_CSS = """
    ItemList { overflow-x: hidden; overflow-y: scroll; }
    ItemList > .item-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: $block-cursor-text-style; }
    ItemList > .item-list--cursor-blurred { background: $block-cursor-blurred-background; }
    ItemList > .item-list--empty { color: $text-muted; text-style: italic; }
    """

    highlighted: reactive[int | None] = reactive(None, repaint=False)

    @dataclass
    class Highlighted(Message):
        item_list: ItemList
        index: int

        @property
        def control(self) -> ItemList:
            return self.item_list

    @dataclass
    class Selected(Message):
        item_list: ItemList
        index: int

        @property
        def control(self) -> ItemList:
            return self.item_list

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._items: list[list[Text]] = []
        self._starts: list[int] = []  # first row of each item
        self._empty = ""

    def set_items(self, items: list[list[Text]], empty: str = "") -> None:
        """Replace the items (each a list of lines, untrusted text already in Text objects)."""
        self._items, self._empty = items, empty
        self._starts, row = [], 0
        for lines in items:
            self._starts.append(row)
            row += len(lines)
        self.set_reactive(ItemList.highlighted, None)
        self.virtual_size = Size(self.size.width, max(row, 1))
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        top, width, focused, base = self._frame
        row = top + y
        if not self._items:
            text = Text(self._empty if row == 0 else "", style=self.style("item-list--empty"))
        else:
            index = bisect_right(self._starts, row) - 1
            lines = self._items[index]
            line = row - self._starts[index]
            text = lines[line].copy() if line < len(lines) else Text()
            text.truncate(width, overflow="ellipsis", pad=True)
            if index == self.highlighted:
                text.stylize(self.style("item-list--cursor" if focused
                                        else "item-list--cursor-blurred"))
        text.truncate(width, overflow="ellipsis", pad=True)
        text.stylize_before(base)
        return Strip(text.render(self.app.console), width)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        if new is None:
            self.refresh()
            return
        start, end = self._starts[new], self._starts[new] + len(self._items[new])
        height = self.scrollable_content_region.height
        if start < self.scroll_offset.y:
            self.scroll_to(y=start, animate=False, immediate=True)
        elif end > self.scroll_offset.y + height:
            self.scroll_to(y=max(0, end - height), animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self, new))

    def action_move(self, step: int) -> None:
        if self._items:
            current = self.highlighted if self.highlighted is not None else -step
            self.highlighted = max(0, min(len(self._items) - 1, current + step))

    def action_jump(self, where: int) -> None:
        if self._items:
            self.highlighted = where % len(self._items)

    def action_page(self, direction: int) -> None:
        if self._items:
            rows = max(1, self.scrollable_content_region.height)
            current = self.highlighted or 0
            target = self._starts[current] + direction * rows
            index = bisect_right(self._starts, max(0, target)) - 1
            self.highlighted = max(0, min(len(self._items) - 1, index))

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        # A click highlights; a click on the highlighted item selects it.
        row = round(self.scroll_offset.y) + event.y
        if not self._items or row >= self._starts[-1] + len(self._items[-1]):
            return
        index = bisect_right(self._starts, row) - 1
        if index == self.highlighted:
            self.action_select()
        else:
            self.highlighted = index

    def on_focus(self) -> None:
        # Arriving with Tab or `l` should land on something Enter can act on.
        if self.highlighted is None and self._items:
            self.highlighted = 0
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
