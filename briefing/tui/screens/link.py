"""One link opened: why two articles are connected, the evidence sentences side by side
(stacked on narrow terminals) and what differs between them. `o` goes to the other article."""

from __future__ import annotations

import re

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Button, Static

from briefing.store.models import LinkView
from briefing.tui.widgets.key_bar import KeyBar

_DIFF_LABELS = {
    "planned_not_reported": "planned, not reported",
    "reported_not_planned": "reported, not planned",
    "planned": "planned",
    "reported": "reported",
    "planned_time": "planned for",
    "reported_date": "reported on",
    "timing": "timing",
}


def diff_lines(diff: dict) -> list[str]:
    """The diff as short human lines, most telling first; unknown keys are shown plainly."""
    lines = []
    for key, label in _DIFF_LABELS.items():
        value = diff.get(key)
        if value:
            lines.append(f"{label}: {_plain(value)}")
    if diff.get("order_changed") and diff.get("reported_order"):
        lines.append(f"order changed: {' then '.join(diff['reported_order'])}")
    for key, value in diff.items():
        if key in _DIFF_LABELS or key in ("order_changed", "reported_order", "agent", "event",
                                          "planned_window"):
            continue
        if value not in (None, "", [], {}, False):
            lines.append(f"{key.replace('_', ' ')}: {_plain(value)}")
    return lines


def marked(sentence: str, note: str, diff: dict) -> Text:
    """An evidence sentence (article text: a Text, never markup) with the words the pair
    turns on in bold (the note quotes them) and what the plan had but the report lacks
    highlighted."""
    text = Text(sentence)
    for word in re.findall(r"“([^”]+)”", note):
        text.highlight_words([word], style="bold underline", case_sensitive=False)
    missing = [str(v) for v in diff.get("planned_not_reported") or [] if v]
    text.highlight_words(missing, style="bold reverse", case_sensitive=False)
    return text


def _plain(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value if v is not None)
    return str(value)


class LinkScreen(Screen[int | None]):
    BINDINGS = [
        Binding("o,enter", "open_other", "Open other article", id="link.open"),
        Binding("escape,backspace,left_square_bracket", "dismiss(None)", "Back",
                key_display="esc", id="link.back"),
    ]
    """`o` (or Enter) jumps to the other article; Escape, Backspace or `[` come back."""

    def __init__(self, link: LinkView, here: int) -> None:
        super().__init__()
        self.link = link
        self.here = here

    def compose(self) -> ComposeResult:
        link, here = self.link, self.here
        other_id, other_title, arrow = link.other(here)
        here_title = link.source_title if here == link.source else link.target_title
        with VerticalScroll(id="link-body"):
            head = Text(f"{link.type.replace('_', ' ')} link", style="bold")
            head.append(f"   score {link.score:.2f}" + ("   order inferred"
                                                         if link.inferred_order else ""),
                        style="dim")
            yield Static(head, id="link-head")
            yield Static(Text.assemble(Text("this article  ", style="dim"),
                                       Text(here_title or "(untitled)", style="bold")))
            yield Static(Text.assemble(Text(f"{arrow} other       ", style="dim"),
                                       Text(other_title or "(untitled)", style="bold")))
            yield Static(Text(link.reason), id="link-reason")
            diff = diff_lines(link.diff)
            if diff:
                yield Static(Text("\n".join(diff)), id="link-diff")
            for n, pair in enumerate(link.evidence, 1):
                mine, theirs = ((pair.source_text, pair.target_text) if here == link.source
                                else (pair.target_text, pair.source_text))
                note = f" — {pair.note}" if pair.note else ""
                yield Static(Text(f"Evidence {n}{note}", style="bold"), classes="evidence-head")
                with Horizontal(classes="evidence"):
                    for label, sentence in (("this article", mine), ("other", theirs)):
                        side = Static(marked(sentence, pair.note, link.diff),
                                      classes="evidence-side")
                        side.border_title = label
                        yield side
            with Horizontal(classes="dialog-buttons"):
                yield Button("Open the other article (o)", variant="primary", id="link-open")
                yield Button("Back (esc)", id="link-back")
        yield KeyBar()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < 100, "-narrow")

    def action_open_other(self) -> None:
        self.dismiss(self.link.other(self.here)[0])

    @on(Button.Pressed, "#link-open")
    def open_pressed(self) -> None:
        self.action_open_other()

    @on(Button.Pressed, "#link-back")
    def back_pressed(self) -> None:
        self.dismiss(None)
