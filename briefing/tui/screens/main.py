"""The main screen: search bar, article list, reader, and the open article's actors and links.
Workers (`Loading`) fetch; the handlers here decide what the widgets show."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input

from briefing.store.models import Hit
from briefing.tui.corpora import Corpora
from briefing.tui.history import History
from briefing.tui.messages import (
    ArticleReady, CopiesReady, CorpusSize, CountReady, HitsReady, PageReady, ResultsReady,
    SearchFailed)
from briefing.tui.screens.analyst import AnalystActions
from briefing.tui.screens.loading import Loading
from briefing.tui.screens.panes import Panes
from briefing.tui.widgets.article_list import PAGE, ArticleList
from briefing.tui.widgets.item_list import ItemList
from briefing.tui.widgets.key_bar import KeyBar
from briefing.tui.widgets.reader import Reader
from briefing.tui.widgets.search_bar import SearchBar
from briefing.tui.widgets.side_panes import ActorsPane, LinksPane

# Long enough to skip the intermediate words of a burst of typing, short enough that results
# follow the last key within the 100 ms budget.
DEBOUNCE = 0.02
# How often the corpus size is checked, so articles another process ingests appear without a
# restart (one COUNT on a worker thread: ~20 ms on 21k Reuters articles).
POLL = 2.0


def starting_a_word(typed: str) -> bool:
    """The last word is one letter still being typed: searching it would rank nearly every
    article (the token "s" of every "’s") for a result nobody wants. Enter still searches."""
    last = typed.rsplit(None, 1)[-1] if typed.strip() else ""
    return not typed[-1:].isspace() and len(last.lstrip("-")) == 1 and last[-1:].isalnum()


def same_query(typed: str, shown: str) -> bool:
    """Only spacing differs (the space typed after a word): the list already shows it."""
    return typed.split() == shown.split()


def quote_value(value: str) -> str:
    """A filter value as the search language reads it back."""
    return f'"{value}"' if any(c.isspace() for c in value) else value


class MainScreen(Panes, AnalystActions, Loading, Screen):
    BINDINGS = [
        Binding("slash", "focus_search", "Search", key_display="/", priority=True,
                id="main.search"),
        Binding("escape", "focus_list", "To the list", show=False, id="main.to_list"),
        Binding("tab", "cycle(1)", "Next pane", show=False, id="main.next_pane"),
        Binding("shift+tab", "cycle(-1)", "Previous pane", show=False, id="main.prev_pane"),
        Binding("n", "hit(1)", "Next hit", show=False, id="main.next_hit"),
        Binding("N", "hit(-1)", "Previous hit", show=False, id="main.prev_hit"),
        Binding("a", "actor_filter", "Actor's articles", show=False, id="main.actor_filter"),
        Binding("l", "focus_links", "Links", show=False, id="main.links"),
        Binding("backspace,left_square_bracket", "back", "Back", key_display="[",
                id="main.back"),
        Binding("right_square_bracket", "forward", "Forward", key_display="]", show=False,
                id="main.forward"),
        Binding("m", "bookmark", "Bookmark", id="main.bookmark"),
        Binding("A", "note", "Note", id="main.note"),
        Binding("e", "export", "Export", id="main.export"),
        Binding("t", "timeline", "Timeline", id="main.timeline"),
        Binding("z", "zoom", "Reader only", show=False, id="main.zoom"),
        Binding("less_than_sign", "list_width(-5)", "Narrower list", show=False,
                id="main.narrower"),
        Binding("greater_than_sign", "list_width(5)", "Wider list", show=False,
                id="main.wider"),
    ]
    """`n`/`N` move between search hits; `A` writes a note (`N` is taken by the previous
    hit); `t` shows the timeline of the highlighted actor, else of the open article's story."""

    def __init__(self, corpora: Corpora, export_dir: Path,
                 first_page: list[Hit] | None = None) -> None:
        super().__init__()
        self.corpora = corpora
        self.first_page = first_page
        self.export_dir = export_dir
        self.history = History()
        self.query_text = ""  # the query the list shows (the last that ran without error)
        self._typed = ""  # what is in the search bar
        self._generation = 0
        self._article_generation = 0
        self._debounce: Timer | None = None
        self._shown_generation = 0  # the search whose answer the list shows
        self._corpus_size: int | None = None  # as last polled
        self._refresh: tuple[int, tuple[int | None, int, int]] | None = None  # (gen, place)
        self._list_width = 38
        self._open_first = False
        self._listing = True  # narrow terminals: the list has its turn (else the reader)
        self._shown = {"list": True, "side": True, "zoom": False}  # pane toggles

    def compose(self) -> ComposeResult:
        yield SearchBar()
        with Horizontal(id="body"):
            yield ArticleList(id="list")
            with Container(id="main"):
                yield Reader(id="reader")
                with Container(id="side"):
                    yield ActorsPane(id="actors")
                    yield LinksPane(id="links")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#list").border_title = "Articles"
        self.query_one("#reader").border_title = "Reader"
        self.query_one(ArticleList).focus()
        if self.first_page is None:
            self._search("")
        else:  # read before the app started: the list is in the very first frame
            self._generation += 1
            full = len(self.first_page) == PAGE
            self.on_results_ready(ResultsReady(self._generation, "", self.first_page,
                                               None if full else len(self.first_page)))
            if full:
                self.run_count(self._generation, "")
        self.load_marks()
        self.load_copies()
        self.set_interval(POLL, self.poll_size, name="poll corpus size")

    # --- panes ---------------------------------------------------------------------------

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    # --- searching -----------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "search":
            return
        self._typed = event.value
        self._cancel_debounce()
        if not starting_a_word(event.value) and not same_query(event.value, self.query_text):
            self._debounce = self.set_timer(DEBOUNCE, self._debounced)

    def _debounced(self) -> None:
        self._debounce = None
        self._search(self._typed)

    def _cancel_debounce(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None

    @property
    def search_pending(self) -> bool:
        """Typed, but the debounce has not run the search yet."""
        return self._debounce is not None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search":
            return
        self._cancel_debounce()
        if self._typed != self.query_text:
            self._search(self._typed, open_first=True)
        else:
            self.action_focus_list()
            self.article_list.action_open()

    def search(self, text: str) -> None:
        """Put `text` in the search bar and run it (what `a` and the palette do)."""
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):
            search.value = text
        self._typed = text
        self._search(text)

    def _search(self, text: str, open_first: bool = False) -> None:
        self._generation += 1
        self._open_first = open_first
        self.run_search(self._generation, text)

    def on_results_ready(self, message: ResultsReady) -> None:
        if message.generation != self._generation:
            return
        self.query_text = message.query
        self._shown_generation = message.generation
        self.article_list.reset(message.generation, message.rows, message.total)
        self._show_count(message.total, len(message.rows))
        if message.total is not None:
            self._restore_place(message.generation)
        if self.reader.article_id is not None:
            self.load_hits(self.reader.article_id, message.query)
        if self._open_first:
            self._open_first = False
            self.action_focus_list()
            self.article_list.action_open()

    def on_count_ready(self, message: CountReady) -> None:
        if message.generation == self._generation:
            self.article_list.set_total(message.generation, message.total)
            self._show_count(message.total, message.total, message.more)
            self._restore_place(message.generation)

    def _show_count(self, total: int | None, loaded: int, more: bool = False) -> None:
        noun = "result" if self.query_text.strip() else "article"
        if total is None:
            self.query_one(SearchBar).status(f"{loaded:,}+ {noun}s…")
        elif more:  # the newest `total` matches are ranked; saying so beats a slow exact count
            self.query_one(SearchBar).status(f"{total:,}+ {noun}s, newest ranked")
        else:
            self.query_one(SearchBar).status(f"{total:,} {noun}{'' if total == 1 else 's'}")

    # --- articles another process adds -----------------------------------------------------

    def on_corpus_size(self, message: CorpusSize) -> None:
        """The database grew or shrank since the last poll: run the list's query again in
        place (same search text, same article under the cursor, same reader)."""
        if self._corpus_size is None or message.total == self._corpus_size:
            self._corpus_size = message.total
            return
        if (self.search_pending or self._typed != self.query_text
                or self._generation != self._shown_generation):
            # A search is on its way (it reads the new rows) or the bar shows an error: the
            # next poll looks again.
            return
        self._corpus_size = message.total
        self._generation += 1
        self._refresh = (self._generation, self.article_list.place())
        self.run_search(self._generation, self.query_text)
        self.load_copies()

    def _restore_place(self, generation: int) -> None:
        if self._refresh is not None and self._refresh[0] == generation:
            self.article_list.restore(self._refresh[1])
            self._refresh = None

    def on_search_failed(self, message: SearchFailed) -> None:
        if message.generation == self._generation:
            self.query_one(SearchBar).status(message.error, error=True)

    @on(ArticleList.PageWanted)
    def page_wanted(self, message: ArticleList.PageWanted) -> None:
        if message.generation == self._generation:
            self.fetch_page(message.generation, self.query_text, message.page)

    def on_page_ready(self, message: PageReady) -> None:
        self.article_list.add_page(message.generation, message.page, message.rows)

    # --- reading -------------------------------------------------------------------------

    @on(ArticleList.Opened)
    def list_opened(self, message: ArticleList.Opened) -> None:
        self.open_article(message.article_id)

    def open_article(self, article_id: int, remember: bool = True) -> None:
        current = self.reader.article_id
        if current is not None:
            self.history.positions[current] = self.reader.top_offset
        if remember:
            self.history.visit(article_id)
        self._article_generation += 1
        self.load_article(self._article_generation, article_id, self.query_text)

    def on_article_ready(self, message: ArticleReady) -> None:
        if message.generation != self._article_generation:
            return
        if message.data is None:
            self.notify(f"Article {message.article_id} is no longer in the database.",
                        severity="warning", markup=False)
            return
        data = message.data
        self.reader.show(data, self.history.positions.get(data.article.id, 0))
        self.query_one(ActorsPane).show(data.actors, data.mentions)
        self.query_one(LinksPane).show(data.article.id, data.links)
        self.article_list.set_open(data.article.id)
        if self.narrow and isinstance(self.focused, (ArticleList, Input)):
            self._focus(self.reader)

    def on_hits_ready(self, message: HitsReady) -> None:
        if message.article_id == self.reader.article_id and message.query == self.query_text:
            self.reader.set_hits(message.title_hits, message.text_hits)

    def action_hit(self, step: int) -> None:
        if not self.reader.next_hit(step):
            self.notify("No search hits in this article." if self.reader.data
                        else "Open an article first.", severity="warning")

    @on(ItemList.Highlighted, "#actors")
    def actor_highlighted(self) -> None:
        actor = self.query_one(ActorsPane).selected
        self.reader.set_actor(actor.id if actor else None)

    @on(ItemList.Selected, "#actors")
    def actor_selected(self) -> None:
        self.action_actor_filter()

    def action_actor_filter(self) -> None:
        actor = self.query_one(ActorsPane).selected
        if actor is None:
            self.notify("Highlight an actor in the Actors pane first (Tab to reach it).",
                        severity="warning")
            return
        self.filter_by_actor(actor.name)

    def filter_by_actor(self, name: str) -> None:
        self.search(f"actor:{quote_value(name)}")
        self.action_focus_list()

    @on(ItemList.Selected, "#links")
    def link_selected(self) -> None:
        link = self.query_one(LinksPane).selected
        here = self.reader.article_id
        if link is None or here is None:
            return

        def follow(other: int | None) -> None:
            if other is not None:
                self.open_article(other)
                self._focus(self.reader)

        from briefing.tui.screens.link import LinkScreen  # imported when first needed: start-up

        self.app.push_screen(LinkScreen(link, here), follow)

    def action_back(self) -> None:
        self._step_history(self.history.back(), "No earlier article.")

    def action_forward(self) -> None:
        self._step_history(self.history.forward(), "No later article.")

    def _step_history(self, article_id: int | None, none_left: str) -> None:
        if article_id is None:
            self.notify(none_left, severity="warning")
        else:
            self.open_article(article_id, remember=False)

    def on_reader_leave(self) -> None:
        self.action_focus_list()

    def on_copies_ready(self, message: CopiesReady) -> None:
        self.article_list.copies = message.counts
        self.article_list.refresh()
