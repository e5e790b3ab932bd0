"""The main screen's panes: which are shown, which has the focus, and how they share a small
terminal (below 120 columns the list and the reader take turns, the focus deciding)."""

from __future__ import annotations

from textual.events import DescendantFocus, Resize
from textual.widget import Widget
from textual.widgets import Input

from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.reader import Reader
from briefing.tui.widgets.side_panes import ActorsPane, LinksPane

NARROW = 120  # below this many columns the list and the reader take turns


class Panes:
    """Mixed into the main screen (which provides the widgets and `_shown`, `_listing`,
    `_list_width`)."""

    def _panes(self) -> list[Widget]:
        panes: list[Widget] = [self.query_one("#search", Input)]
        if self._shown["list"] or self.narrow:
            panes.append(self.article_list)
        panes.append(self.reader)
        if self._shown["side"] and not self._shown["zoom"]:
            panes += [self.query_one(ActorsPane), self.query_one(LinksPane)]
        return panes

    def action_cycle(self, step: int) -> None:
        panes = self._panes()
        current = self.focused
        index = panes.index(current) if current in panes else -1
        self._focus(panes[(index + step) % len(panes)])

    def _focus(self, widget: Widget) -> None:
        # At once, not after the next refresh: keys typed right after `/` belong to the search.
        self._set_mode(widget)
        widget.focus()

    def _set_mode(self, widget: Widget | None) -> None:
        """On narrow terminals the list and the reader take turns; the focus decides."""
        self._listing = isinstance(widget, (ArticleList, Input)) or (
            widget is None and self.reader.data is None)
        self._apply_layout()

    def _apply_layout(self) -> None:
        # Panes are shown and hidden through `display`, not screen classes: a class on the
        # screen restyles every widget under it, which cost a visible pause on each focus move.
        zoom = self._shown["zoom"]
        if self.narrow:
            show_list, show_main = self._listing, not self._listing
        else:
            show_list, show_main = self._shown["list"] and not zoom, True
        self.article_list.display = show_list
        self.query_one("#main").display = show_main
        self.query_one("#side").display = self._shown["side"] and not zoom

    @property
    def narrow(self) -> bool:
        return self.size.width < NARROW

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if self.narrow and isinstance(event.widget, (ArticleList, Input, Reader, ActorsPane,
                                                     LinksPane)):
            self._set_mode(event.widget)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")
        self._apply_layout()

    def action_focus_search(self) -> None:
        # A priority binding, so the focus moves before the next key is delivered (keys typed
        # right after `/` belong to the search); typed in the search itself, it is a "/".
        search = self.query_one("#search", Input)
        if self.focused is search:
            search.insert_text_at_cursor("/")
        else:
            self._focus(search)

    def action_focus_list(self) -> None:
        self._shown["list"] = True
        self._focus(self.article_list)

    def action_focus_links(self) -> None:
        self._shown["side"], self._shown["zoom"] = True, False
        self._focus(self.query_one(LinksPane))

    def action_zoom(self) -> None:
        self._shown["zoom"] = not self._shown["zoom"]
        self._apply_layout()
        if self._shown["zoom"]:
            self._focus(self.reader)

    def action_toggle(self, what: str) -> None:
        self._shown[what] = not self._shown[what]
        self._apply_layout()
        if self.focused is None or not self.focused.display:
            self._focus(self.reader)

    def action_list_width(self, step: int) -> None:
        self._list_width = max(20, min(70, self._list_width + step))
        self.article_list.styles.width = f"{self._list_width}%"
