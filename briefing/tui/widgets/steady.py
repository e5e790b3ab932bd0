"""A scrolling widget whose own size never depends on how much it holds: changing what it
shows need not re-lay-out the whole screen.

Textual declares `virtual_size` with layout=True, so every new article, result list or
option list meant a full-screen layout pass (about half of opening an article). Widgets
that mix this in keep their scrollbar always shown (CSS `overflow-y: scroll`), so the
scrollbar region never appears or vanishes, and only the scrollbar itself is updated."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive


class SteadySize:
    virtual_size = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, size: Size) -> None:
        self._scroll_update(size)  # type: ignore[attr-defined]
