"""The reader: one article, wrapped by `wrap` so every screen line knows which characters of the
article it shows. That is what lets search hits, actor mentions, a note's passage and a mouse
selection be mapped between the text and the screen."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from briefing.store.models import Note
from briefing.tui.messages import ArticleData
from briefing.tui.widgets.article_list import date_label
from briefing.tui.widgets.styles import CachedStyles
from briefing.tui.wrap import wrap
from briefing.tui.widgets.steady import SteadySize

_MENTION_CLASS = {"PERSON": "reader--person", "ORG": "reader--org", "GPE": "reader--place",
                  "LOC": "reader--place"}


@dataclass(slots=True)
class Line:
    kind: str  # title, meta, body, note, rule, blank, hint
    source: str  # the string this line is a slice of
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.source[self.start:self.end]


class Reader(SteadySize, CachedStyles, ScrollView, can_focus=True, inherit_bindings=False):
    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding(")", "sentence(1)", "Next sentence", show=False, id="reader.next_sentence"),
        Binding("(", "sentence(-1)", "Previous sentence", show=False,
                id="reader.prev_sentence"),
        Binding("escape", "clear", "Clear passage", show=False, id="reader.clear"),
    ]
    """Scrolling, and `(`/`)` to pick the sentence a note will be attached to."""

    COMPONENT_CLASSES = {
        "reader--title", "reader--meta", "reader--hit", "reader--hit-current", "reader--person",
        "reader--org", "reader--place", "reader--actor", "reader--passage", "reader--noted",
        "reader--note", "reader--rule", "reader--hint",
    }

    DEFAULT_CSS = """
    Reader { overflow-x: hidden; overflow-y: scroll; padding: 0 1; }
    Reader > .reader--title { text-style: bold; color: $text; }
    Reader > .reader--meta { color: $text-muted; }
    Reader > .reader--hit { background: $warning-muted; text-style: bold; }
    Reader > .reader--hit-current { background: $warning; color: $background; text-style: bold; }
    Reader > .reader--person { color: $text-accent; }
    Reader > .reader--org { color: $text-success; }
    Reader > .reader--place { color: $text-primary; }
    Reader > .reader--actor { background: $accent-muted; text-style: bold underline; }
    Reader > .reader--passage { background: $primary-muted; }
    Reader > .reader--noted { text-style: underline; }
    Reader > .reader--note { color: $text-secondary; }
    Reader > .reader--rule { color: $text-muted; }
    Reader > .reader--hint { color: $text-muted; }
    """

    class Leave(Message):
        """Escape with nothing left to clear: the reader is done with."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.data: ArticleData | None = None
        self.actor_id: int | None = None
        self.hit_index: int | None = None
        self.sentence: tuple[int, int] | None = None
        self._lines: list[Line] = []
        self._line_starts: list[int] = []  # body lines' start offsets, for bisect
        self._body_rows: list[int] = []  # the row of each of those lines
        self._width = 0
        self._cache: dict[int, Strip] = {}
        self._layers: list | None = None  # body spans by layer; see _body_layers

    # --- what is shown -----------------------------------------------------------------

    @property
    def article_id(self) -> int | None:
        return self.data.article.id if self.data else None

    def show(self, data: ArticleData, top_offset: int = 0) -> None:
        self.data = data
        self.actor_id, self.hit_index, self.sentence = None, None, None
        self.clear_selection()
        self._relayout()
        self.scroll_to(y=self.row_of(top_offset) if top_offset else 0, animate=False,
                       immediate=True)

    def set_hits(self, title_hits: list, text_hits: list) -> None:
        if self.data:
            self.data.title_hits, self.data.text_hits = title_hits, text_hits
            self.hit_index = None
            self._restyle()

    def set_marks(self, bookmarked: bool, notes: list[Note]) -> None:
        if self.data:
            self.data.bookmarked, self.data.notes = bookmarked, notes
            self._relayout(keep_position=True)

    def set_actor(self, actor_id: int | None) -> None:
        self.actor_id = actor_id
        self._restyle()

    def clear_selection(self) -> None:
        if self.text_selection is not None:
            self.screen.clear_selection()

    # --- positions -----------------------------------------------------------------------

    def row_of(self, offset: int) -> int:
        """The screen row (in the whole wrapped article) showing character `offset`."""
        i = bisect_right(self._line_starts, offset) - 1
        return self._body_rows[max(0, i)] if self._body_rows else 0

    @property
    def top_offset(self) -> int:
        """The article offset at the top of the view: the reading position to come back to
        (0 while the title is still in view)."""
        top = round(self.scroll_offset.y)
        if not self._body_rows or top <= self._body_rows[0]:
            return 0
        for line in self._lines[top:]:
            if line.kind == "body":
                return line.start
        return self._lines[self._body_rows[-1]].start

    @property
    def passage(self) -> tuple[int, int] | None:
        """What a note attaches to: the mouse selection, else the sentence picked with `(`/`)`
        or reached by `n`/`N`."""
        return self._selected_span() or self.sentence

    def _selected_span(self) -> tuple[int, int] | None:
        selection = self.text_selection
        if selection is None or not self._body_rows:
            return None
        first, last = self._body_rows[0], self._body_rows[-1]
        start, end = selection.start, selection.end  # None: from the start / to the end
        s_row, s_x = (start.y, start.x) if start else (first, 0)
        e_row, e_x = (end.y, end.x) if end else (last, len(self._lines[last].text))
        if s_row < first:
            s_row, s_x = first, 0
        if e_row > last:
            e_row, e_x = last, len(self._lines[last].text)
        while s_row <= last and self._lines[s_row].kind != "body":
            s_row, s_x = s_row + 1, 0
        while e_row >= first and self._lines[e_row].kind != "body":
            e_row = e_row - 1
            e_x = len(self._lines[e_row].text)
        if s_row > e_row:
            return None
        a = self._lines[s_row].start + min(s_x, len(self._lines[s_row].text))
        b = self._lines[e_row].start + min(e_x, len(self._lines[e_row].text))
        return (a, b) if b > a else None

    # --- moving ------------------------------------------------------------------------

    def next_hit(self, step: int) -> bool:
        hits = self.data.text_hits if self.data else []
        if not hits:
            return False
        if self.hit_index is None:
            top = self.top_offset
            after = [i for i, (s, _) in enumerate(hits) if s >= top]
            index = (after[0] if after else 0) if step > 0 else ((after[0] - 1) if after else -1)
        else:
            index = self.hit_index + step
        self.hit_index = index % len(hits)
        start, end = hits[self.hit_index]
        self.sentence = self._sentence_at(start)
        self._show_row(self.row_of(start))
        self._restyle()
        return True

    def action_sentence(self, step: int) -> None:
        spans = self.data.sentences if self.data else []
        if not spans:
            return
        if self.sentence in spans:
            index = spans.index(self.sentence) + step
        else:
            top = self.top_offset
            index = next((i for i, (s, _) in enumerate(spans) if s >= top), 0)
        self.sentence = spans[max(0, min(index, len(spans) - 1))]
        self._show_row(self.row_of(self.sentence[0]))
        self._restyle()

    def action_clear(self) -> None:
        if self.sentence is None and self.hit_index is None and self.text_selection is None:
            self.post_message(self.Leave())
            return
        self.sentence, self.hit_index = None, None
        self.clear_selection()
        self._restyle()

    def _sentence_at(self, offset: int) -> tuple[int, int] | None:
        for span in self.data.sentences if self.data else []:
            if span[0] <= offset < span[1]:
                return span
        return None

    def _show_row(self, row: int) -> None:
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if not (top <= row < top + height):
            self.scroll_to(y=max(0, row - height // 3), animate=False, immediate=True)

    # --- layout and drawing --------------------------------------------------------------

    def _relayout(self, keep_position: bool = False) -> None:
        top = self.top_offset if keep_position else 0
        self._width = max(10, self.scrollable_content_region.width)
        self._lines = self._build_lines(self._width)
        self._line_starts = [ln.start for ln in self._lines if ln.kind == "body"]
        self._body_rows = [i for i, ln in enumerate(self._lines) if ln.kind == "body"]
        self.virtual_size = Size(self._width, len(self._lines))
        if keep_position and top > 0:
            self.scroll_to(y=self.row_of(top), animate=False, immediate=True)
        self._restyle()

    def _restyle(self) -> None:
        self._cache.clear()
        self._layers = None
        self.refresh()

    def _build_lines(self, width: int) -> list[Line]:
        if self.data is None:
            hint = ("Select an article and press Enter to read it.\n\n"
                    "/ searches, Tab moves between panes, ? lists every key.")
            return [Line("hint", hint, s, e) for s, e in wrap(hint, width)]
        a = self.data.article
        title = a.title or "(untitled)"
        lines = [Line("title", title, s, e) for s, e in wrap(title, width)]
        meta = "  ·  ".join(p for p in (a.place, a.source, date_label(a.published)) if p)
        if self.data.bookmarked:
            meta += "  ·  ★ bookmarked"
        if self.data.notes:
            meta += f"  ·  {len(self.data.notes)} note" + ("s" if len(self.data.notes) > 1 else "")
        lines += [Line("meta", meta, s, e) for s, e in wrap(meta, width)]
        lines.append(Line("blank", "", 0, 0))
        lines += [Line("body", a.text, s, e) for s, e in wrap(a.text, width)]
        if self.data.notes:
            rule = "── Notes " + "─" * max(0, width - 9)
            lines += [Line("blank", "", 0, 0), Line("rule", rule, 0, width)]
            for note in self.data.notes:
                quote = f"“{note.quote}” — " if note.quote else ""
                entry = f"• {quote}{note.text}"
                lines += [Line("note", entry, s, e) for s, e in wrap(entry, width)]
        return lines

    def render_lines(self, crop):
        # Measured once per frame, not once per line (each costs a walk of the styles).
        width = self.scrollable_content_region.width
        if width != self._width and width > 0:
            self._relayout(keep_position=True)
        self._frame = (round(self.scroll_offset.y), width, self.rich_style)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        top, width, base = self._frame
        row = top + y
        strip = self._cache.get(row)
        if strip is None:
            strip = self._render_row(row, width, base)
            if self.text_selection is None:
                self._cache[row] = strip
        return strip

    def _render_row(self, row: int, width: int, base: Style) -> Strip:
        if row >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[row]
        # Article text is untrusted: plain Text with styled spans, never parsed as markup.
        text = Text(line.text, end="")
        text.pad_right(max(0, width - text.cell_len))  # one Strip per line, no crop_extend
        # As a span: Text.render ignores the base style of a Text without spans.
        text.stylize(base + self._kind_style(line.kind))
        if line.kind == "title" and self.data:
            self._paint(text, line, self.data.title_hits, "reader--hit")
        elif line.kind == "body" and self.data:
            self._paint_body(text, line)
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(row)) is not None:
            start, end = span
            text.stylize(self.screen.get_component_rich_style("screen--selection"),
                         start, len(text) if end == -1 else end)
        return Strip(text.render(self.app.console), text.cell_len).apply_offsets(0, row)

    def _kind_style(self, kind: str) -> Style:
        name = {"title": "reader--title", "meta": "reader--meta", "note": "reader--note",
                "rule": "reader--rule", "hint": "reader--hint"}.get(kind)
        return self.style(name, partial=False) if name else Style()

    def _paint(self, text: Text, line: Line, spans, class_name: str) -> None:
        style = self.style(class_name)
        for start, end in spans:
            if start < line.end and end > line.start:
                text.stylize(style, max(0, start - line.start), min(end, line.end) - line.start)

    def _body_layers(self) -> list[tuple[str, list[int], list[tuple[int, int]]]]:
        """The body's styled spans, bottom layer first, each sorted by start (computed once
        per change, then looked up per line by bisection)."""
        data = self.data
        layers: list[tuple[str, list[tuple[int, int]]]] = [
            ("reader--passage", [self.sentence] if self.sentence else []),
            ("reader--noted", [(n.start, n.end) for n in data.notes if n.start is not None]),
        ]
        for kind, class_name in _MENTION_CLASS.items():
            layers.append((class_name, [(m.start, m.end) for m in data.mentions
                                        if m.type == kind]))
        if self.actor_id is not None:
            layers.append(("reader--actor", [(m.start, m.end) for m in data.mentions
                                             if m.actor_id == self.actor_id]))
        layers.append(("reader--hit", data.text_hits))
        if self.hit_index is not None and self.hit_index < len(data.text_hits):
            layers.append(("reader--hit-current", [data.text_hits[self.hit_index]]))
        return [(name, [s for s, _ in spans], spans)
                for name, spans in ((n, sorted(sp)) for n, sp in layers) if spans]

    def _paint_body(self, text: Text, line: Line) -> None:
        if self._layers is None:
            self._layers = self._body_layers()
        for class_name, starts, spans in self._layers:
            style = self.style(class_name)
            # Spans are sorted by start; any that reaches this line starts before its end.
            for start, end in spans[:bisect_right(starts, line.end - 1)]:
                if end > line.start:
                    text.stylize(style, max(0, start - line.start),
                                 min(end, line.end) - line.start)

    # --- selection and events ------------------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract("\n".join(line.text for line in self._lines)), "\n"

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.__dict__.get("_cache", {}).clear()  # a new theme: cached lines have old colours

    def selection_updated(self, selection: Selection | None) -> None:
        self._restyle()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._relayout(keep_position=True)
