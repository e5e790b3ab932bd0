"""A timeline: the events of one actor or one story in order, planned against realized, with
dates the articles only imply marked as inferred. Enter opens the event's article."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing.store.models import TimelineEntry
from briefing.tui.corpora import Corpora
from briefing.tui.messages import TimelineReady
from briefing.tui.screens.loading import ReportsFailures
from briefing.tui.widgets.key_bar import KeyBar
from briefing.tui.widgets.option_list import VimOptionList

_MODALITY = {"planned": "○ planned", "realized": "● realized"}


def when_label(entry: TimelineEntry) -> str:
    """The event's date; "≈" when the articles only imply it; the words of an unresolved
    time ("March") rather than nothing."""
    if entry.date:
        return f"≈{entry.date} (inferred)" if entry.date_inferred else entry.date
    said = ((entry.event.get("time") or {}).get("text") or "").strip()
    label = f"“{said}”, undated" if said else "undated"
    return label + (" (order inferred)" if entry.date_inferred else "")


def entry_prompt(entry: TimelineEntry) -> Text:
    event = entry.event
    head = Text(when_label(entry), style="bold")
    modality = event.get("modality", "")
    head.append(f"  {_MODALITY.get(modality, modality)}",
                style="italic" if modality == "planned" else "bold")
    head.append(f"  {event.get('type', '')}")
    agent = (event.get("agent") or {}).get("actor")
    places = [p.get("actor") for p in event.get("places", []) if p.get("actor")]
    if agent or places:
        head.append("  " + (agent or "?") + (" → " + ", ".join(places) if places else ""))
    # Sentences and titles are article text: Text, never markup.
    return Text.assemble(head, "\n", Text(entry.sentence))


def article_header(entry: TimelineEntry) -> Text:
    return Text(f"▍ {entry.title or '(untitled)'}", style="bold reverse")


class TimelineScreen(ReportsFailures, Screen[int | None]):
    BINDINGS = [
        Binding("escape,backspace,left_square_bracket", "dismiss(None)", "Back",
                key_display="esc", id="timeline.back"),
    ]
    """Enter opens the article of the highlighted event; Escape comes back."""

    def __init__(self, corpora: Corpora, title: str, actor: str | None = None,
                 article_id: int | None = None) -> None:
        super().__init__()
        self.corpora = corpora
        self.heading = title
        self.actor = actor
        self.article_id = article_id
        self.entries: list[TimelineEntry] = []

    def compose(self) -> ComposeResult:
        yield Static(Text(self.heading, style="bold"), id="timeline-title")
        yield VimOptionList(id="timeline")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#timeline", OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        corpus = self.corpora.get()
        if self.article_id is not None:
            entries = corpus.story_timeline(self.article_id)
        else:
            entries = corpus.timeline(self.actor)
        self.post_message(TimelineReady(entries))

    def on_timeline_ready(self, message: TimelineReady) -> None:
        self.entries = message.entries
        options = self.query_one("#timeline", OptionList)
        options.clear_options()
        previous = None
        for index, entry in enumerate(self.entries):
            if entry.article_id != previous:  # a heading per article, not its title per event
                options.add_option(Option(article_header(entry), disabled=True))
                previous = entry.article_id
            options.add_option(Option(entry_prompt(entry), id=str(index)))
        if not self.entries:
            options.add_option(Option(Text("No events found.", style="dim"), disabled=True))
        self.query_one("#timeline-title", Static).update(
            Text(f"{self.heading} — {len(self.entries)} events", style="bold"))

    @on(OptionList.OptionSelected, "#timeline")
    def open_entry(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self.entries[int(event.option.id)].article_id)

    def highlight_entry(self, index: int) -> None:
        options = self.query_one("#timeline", OptionList)
        options.highlighted = options.get_option_index(str(index))
