"""The article list: one line per article over paged queries, drawn with the line API so only
the visible rows cost anything, whether the list holds two articles or the whole corpus."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.store.models import Hit
from briefing.tui.widgets.styles import CachedStyles, ListFrame
from briefing.tui.widgets.steady import SteadySize

PAGE = 50
_CACHED_PAGES = 64  # 3,200 rows: scrolling back and forth never refetches


def date_label(published: str | None) -> str:
    return published[:10] if published else "undated"


class ArticleList(SteadySize, CachedStyles, ListFrame, ScrollView, can_focus=True,
                  inherit_bindings=False):
    """Rows come from the screen: the list asks for a page it has not got (`PageWanted`), and
    draws a placeholder until `add_page` delivers it."""

    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False, id="list.down"),
        Binding("k,up", "move(-1)", "Up", show=False, id="list.up"),
        Binding("g,home", "jump(0)", "Top", show=False, id="list.top"),
        Binding("G,end", "jump(-1)", "Bottom", show=False, id="list.bottom"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up"),
        Binding("enter", "open", "Open", id="list.open"),
    ]
    """Vim keys as well as arrows; Enter opens the article under the cursor."""

    COMPONENT_CLASSES = {
        "article-list--cursor", "article-list--cursor-blurred", "article-list--meta",
        "article-list--hit", "article-list--open", "article-list--placeholder",
    }

    DEFAULT_CSS = """
    ArticleList { overflow-x: hidden; overflow-y: scroll; }
    ArticleList > .article-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: $block-cursor-text-style; }
    ArticleList > .article-list--cursor-blurred { background: $block-cursor-blurred-background; }
    ArticleList > .article-list--meta { color: $text-muted; }
    ArticleList > .article-list--hit { color: $text-warning; text-style: bold; }
    ArticleList > .article-list--open { color: $text-accent; text-style: bold; }
    ArticleList > .article-list--placeholder { color: $text-disabled; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    @dataclass
    class PageWanted(Message):
        generation: int
        page: int

    @dataclass
    class Opened(Message):
        article_id: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.generation = 0
        self.total = 0
        self.total_known = False
        self.open_id: int | None = None
        self.bookmarks: set[int] = set()
        self.copies: dict[int, int] = {}  # folded duplicates per article
        self._pages: OrderedDict[int, list[Hit]] = OrderedDict()
        self._wanted: set[int] = set()

    # --- data in -----------------------------------------------------------------------

    def reset(self, generation: int, rows: list[Hit], total: int | None) -> None:
        """A new result set: its first page, and its size when already known."""
        self.generation = generation
        self._pages.clear()
        self._wanted.clear()
        self._pages[0] = rows
        self.total_known = total is not None
        self.total = total if total is not None else len(rows)
        self.virtual_size = Size(self.size.width, self.total)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = 0
        self.refresh()

    def place(self) -> tuple[int | None, int, int]:
        """Where the user is: the article under the cursor, the cursor row, and its row on
        screen (to put back after the rows were reloaded)."""
        current = self.current
        return (current.id if current else None, self.cursor,
                self.cursor - round(self.scroll_offset.y))

    def restore(self, place: tuple[int | None, int, int]) -> None:
        """Back to `place` in reloaded rows: the same article if a loaded page still has it
        (new articles may have pushed it down), else the same row."""
        article_id, cursor, on_screen = place
        for page, rows in self._pages.items():
            found = next((i for i, hit in enumerate(rows) if hit.id == article_id), None)
            if found is not None:
                cursor = page * PAGE + found
                break
        cursor = max(0, min(cursor, self.total - 1))
        self.scroll_to(y=max(0, cursor - on_screen), animate=False, immediate=True)
        self.cursor = cursor

    def set_total(self, generation: int, total: int) -> None:
        if generation == self.generation:
            self.total, self.total_known = total, True
            self.virtual_size = Size(self.size.width, total)
            self.refresh()

    def add_page(self, generation: int, page: int, rows: list[Hit]) -> None:
        if generation != self.generation:
            return
        self._wanted.discard(page)
        self._pages[page] = rows
        while len(self._pages) > _CACHED_PAGES:
            self._pages.popitem(last=False)
        self.refresh()

    def row(self, index: int) -> Hit | None:
        rows = self._pages.get(index // PAGE)
        if rows is None:
            return None
        self._pages.move_to_end(index // PAGE)
        return rows[index % PAGE] if index % PAGE < len(rows) else None

    @property
    def current(self) -> Hit | None:
        return self.row(self.cursor) if self.total else None

    def set_open(self, article_id: int | None) -> None:
        """Mark the article open in the reader (redrawing just its old and new rows)."""
        before, self.open_id = self.open_id, article_id
        top = round(self.scroll_offset.y)
        for index in range(top, min(self.total, top + self.size.height)):
            hit = self.row(index)
            if hit is not None and hit.id in (before, article_id):
                self.refresh_line(index)

    def _want(self, page: int) -> None:
        if page not in self._wanted and page not in self._pages:
            self._wanted.add(page)
            self.post_message(self.PageWanted(self.generation, page))

    # --- drawing -----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        top, width, focused, base = self._frame
        index = top + y
        if index >= self.total:
            return Strip.blank(width, base)
        hit = self.row(index)
        if hit is None:
            self._want(index // PAGE)
            text = Text("  …", style=self.style("article-list--placeholder"))
        else:
            text = self._row_text(hit, width)
        text.stylize_before(base)
        if index == self.cursor:
            text.stylize(self.style(
                "article-list--cursor" if focused else "article-list--cursor-blurred"))
        strip = Strip(text.render(self.app.console), text.cell_len)
        return strip.crop_extend(0, width, base)

    def _row_text(self, hit: Hit, width: int) -> Text:
        meta_style = self.style("article-list--meta", partial=False)
        date = date_label(hit.published)
        parts = [date]
        if width >= 70:
            parts = [p for p in (hit.place, hit.source) if p] + parts
        meta = "  ".join(parts)
        copies = self.copies.get(hit.id)
        marker = "★" if hit.id in self.bookmarks else " "
        gutter = Text(("▌" if hit.id == self.open_id else " ") + marker,
                      style=self.style("article-list--open"))
        # Titles are untrusted article text: a Text with styled spans, never markup.
        title = Text(hit.title or "(untitled)")
        for start, end in hit.title_hits:
            title.stylize(self.style("article-list--hit"), start, end)
        if hit.id == self.open_id:
            title.stylize(self.style("article-list--open"))
        if copies:
            title.append(f" +{copies}", style=meta_style)
        room = max(4, width - cell_len(meta) - 4)
        title.truncate(room, overflow="ellipsis", pad=True)
        return Text.assemble(gutter, title, " ", Text(meta, style=meta_style), " ")

    # --- moving ------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        clamped = max(0, min(new, self.total - 1)) if self.total else 0
        if clamped != new:
            self.cursor = clamped
            return
        height = self.scrollable_content_region.height
        if new < self.scroll_offset.y:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif height and new >= self.scroll_offset.y + height:
            self.scroll_to(y=new - height + 1, animate=False, immediate=True)
        self.refresh_line(old)
        self.refresh_line(new)

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_jump(self, where: int) -> None:
        self.cursor = where if where >= 0 else self.total - 1

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def action_open(self) -> None:
        hit = self.current
        if hit is not None:
            self.post_message(self.Opened(hit.id))

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < self.total:
            self.cursor = index
            self.action_open()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.total)
