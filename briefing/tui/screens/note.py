"""Writing a note: on the article, or on the passage picked in the reader."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static


@dataclass(frozen=True)
class NoteResult:
    text: str
    on_passage: bool


class NoteDialog(ModalScreen[NoteResult | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="dialog.cancel")]
    """Enter saves, Escape cancels."""

    def __init__(self, article_title: str, passage: str | None) -> None:
        super().__init__()
        self.article_title = article_title
        self.passage = passage

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Text("Note on ") + Text(self.article_title, style="bold"),
                         classes="dialog-title")
            if self.passage:
                shown = self.passage if len(self.passage) < 300 else self.passage[:299] + "…"
                yield Static(Text(f"“{shown}”", style="italic"), id="note-passage")
                yield Checkbox("On this passage (off: on the whole article)", value=True,
                               id="note-on-passage")
            yield Input(placeholder="Your note — Enter saves, Escape cancels", id="note-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="note-save")
                yield Button("Cancel", id="note-cancel")

    def on_mount(self) -> None:
        self.query_one("#note-text", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#note-save")
    def save(self) -> None:
        text = self.query_one("#note-text", Input).value.strip()
        if not text:
            self.notify("Write something first, or press Escape.", severity="warning")
            return
        on_passage = bool(self.passage) and self.query_one("#note-on-passage", Checkbox).value
        self.dismiss(NoteResult(text, on_passage))

    @on(Button.Pressed, "#note-cancel")
    def cancel(self) -> None:
        self.dismiss(None)
