"""The main screen's workers: each runs one or two facade calls on its thread's own Corpus and
posts the answer as a message; the screen's handlers decide what changes. Nothing here touches
a widget, so a slow query can never freeze the interface."""

from __future__ import annotations

import sqlite3

from textual import work
from textual.worker import Worker, WorkerState, get_current_worker

from briefing.store.errors import explain
from briefing.store.query import QueryError
from briefing.tui.corpora import Corpora
from briefing.tui.exporting import ExportRequest, export
from briefing.tui.messages import (
    ArticleData, ArticleReady, CopiesReady, CorpusSize, CountReady, HitsReady, MarksChanged,
    PageReady, ResultsReady, SearchFailed)
from briefing.tui.widgets.article_list import PAGE


# What the user was doing when a worker failed, by worker (method) name.
_DOING = {"save_bookmark": "Bookmark not saved", "save_note": "Note not saved",
          "drop_note": "Note not deleted"}


class ReportsFailures:
    """A worker that fails (a database locked past the busy timeout, a file gone) does not take
    the app down (`exit_on_error=False`): its screen says what happened."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            said = explain(error) if isinstance(error, sqlite3.Error) else str(error)
            doing = _DOING.get(event.worker.name, event.worker.name)
            self.notify(f"{doing}: {said}",  # type: ignore[attr-defined]
                        title="Something went wrong", severity="error", markup=False)


class Loading(ReportsFailures):
    """Mixed into the main screen, which provides `corpora`, `post_message` and `notify`."""

    corpora: Corpora

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, generation: int, text: str) -> None:
        corpus = self.corpora.get()
        try:
            rows = corpus.list_articles(text, 0, PAGE)
        except QueryError as exc:
            self.post_message(SearchFailed(generation, text, str(exc)))
            return
        if get_current_worker().is_cancelled:
            return
        full = len(rows) == PAGE
        self.post_message(ResultsReady(generation, text, rows, None if full else len(rows)))
        if full and not get_current_worker().is_cancelled:  # a newer search counts its own
            self.post_message(CountReady(generation, *corpus.count_more(text)))

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_count(self, generation: int, text: str) -> None:
        self.post_message(CountReady(generation, *self.corpora.get().count_more(text)))

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def poll_size(self) -> None:
        """The corpus size, to notice articles another process ingested. Quiet on failure (a
        database busy past the timeout): the next poll tries again, and a notice every few
        seconds would say nothing the user can act on."""
        try:
            total = self.corpora.get().count("")
        except sqlite3.Error:
            return
        self.post_message(CorpusSize(total))

    @work(thread=True, group="pages", exit_on_error=False)
    def fetch_page(self, generation: int, text: str, page: int) -> None:
        try:
            rows = self.corpora.get().list_articles(text, page * PAGE, PAGE)
        except QueryError:
            return  # the query was valid for its first page; a later failure means it changed
        self.post_message(PageReady(generation, page, rows))

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load_article(self, generation: int, article_id: int, query: str) -> None:
        corpus = self.corpora.get()
        article = corpus.article(article_id)
        if article is None:
            self.post_message(ArticleReady(generation, None, article_id))
            return
        data = ArticleData(
            article, corpus.mentions(article_id), corpus.actors(article_id=article_id),
            corpus.links(article_id=article_id), corpus.notes(article_id),
            corpus.is_bookmarked(article_id), corpus.sentences(article_id))
        try:
            data.title_hits, data.text_hits = corpus.hit_spans(article_id, query)
        except QueryError:
            pass
        self.post_message(ArticleReady(generation, data, article_id))

    @work(thread=True, exclusive=True, group="hits", exit_on_error=False)
    def load_hits(self, article_id: int, query: str) -> None:
        try:
            title, text = self.corpora.get().hit_spans(article_id, query)
        except QueryError:
            return
        self.post_message(HitsReady(article_id, query, title, text))

    # Marks are written by the worker the moment they are made: no save step.

    @work(thread=True, group="marks", exit_on_error=False)
    def save_bookmark(self, article_id: int, on: bool) -> None:
        corpus = self.corpora.get()
        corpus.set_bookmark(article_id, on)
        self._post_marks(article_id, "Bookmarked." if on else "Bookmark removed.")

    @work(thread=True, group="marks", exit_on_error=False)
    def save_note(self, article_id: int, text: str, span: tuple[int, int] | None) -> None:
        corpus = self.corpora.get()
        start, end = span if span else (None, None)
        corpus.add_note(article_id, text, start, end)
        self._post_marks(article_id, "Note saved.")

    @work(thread=True, group="marks", exit_on_error=False)
    def drop_note(self, article_id: int, note_id: int) -> None:
        self.corpora.get().delete_note(note_id)
        self._post_marks(article_id, "Note deleted.")

    @work(thread=True, group="marks", exit_on_error=False)
    def load_marks(self, article_id: int | None = None) -> None:
        self._post_marks(article_id)

    def _post_marks(self, article_id: int | None, done: str = "") -> None:
        corpus = self.corpora.get()
        bookmarked = corpus.is_bookmarked(article_id) if article_id is not None else False
        notes = corpus.notes(article_id) if article_id is not None else []
        self.post_message(MarksChanged(article_id, bookmarked, notes, set(corpus.bookmarks()),
                                       done))

    @work(thread=True, group="marks", exit_on_error=False)
    def load_copies(self) -> None:
        self.post_message(CopiesReady(self.corpora.get().duplicate_counts()))

    @work(thread=True, group="export", exit_on_error=False)
    def run_export(self, request: ExportRequest) -> None:
        try:
            path = export(self.corpora.get(), request)
        except FileExistsError:
            self.notify(f"{request.path} exists: tick “overwrite” to replace it.",
                        title="Not exported", severity="warning", markup=False)
        except Exception as exc:  # the exporter's own errors are messages for the user
            self.notify(str(exc) or type(exc).__name__, title="Export failed",
                        severity="error", markup=False)
        else:
            self.notify(str(path), title="Exported", markup=False)
