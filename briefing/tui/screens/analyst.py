"""What the analyst does with an article from the main screen: bookmark it, note it, export a
briefing, see a timeline. Writes and exports run in workers (`Loading`); the dialogs and the
timeline screen are imported when first opened, to keep them out of start-up."""

from __future__ import annotations

from briefing.tui.exporting import ExportRequest, ScopeChoice
from briefing.tui.messages import MarksChanged
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.side_panes import ActorsPane


class AnalystActions:
    """Mixed into the main screen."""

    def _target_article(self) -> int | None:
        if isinstance(self.focused, ArticleList) and self.article_list.current is not None:
            return self.article_list.current.id
        return self.reader.article_id

    def action_bookmark(self) -> None:
        article_id = self._target_article()
        if article_id is None:
            self.notify("Open an article first.", severity="warning")
            return
        on = article_id not in self.article_list.bookmarks
        self.save_bookmark(article_id, on)

    def on_marks_changed(self, message: MarksChanged) -> None:
        if message.done:
            self.notify(message.done)
        self.article_list.bookmarks = message.bookmarks
        self.article_list.refresh()
        if message.article_id is not None and message.article_id == self.reader.article_id:
            self.reader.set_marks(message.bookmarked, message.notes)

    def action_note(self) -> None:
        data = self.reader.data
        if data is None:
            self.notify("Open an article first.", severity="warning")
            return
        span = self.reader.passage
        passage = data.article.text[span[0]:span[1]] if span else None
        article_id = data.article.id

        from briefing.tui.screens.note import NoteDialog, NoteResult

        def save(result: NoteResult | None) -> None:
            if result is not None:
                self.save_note(article_id, result.text, span if result.on_passage else None)

        self.app.push_screen(NoteDialog(data.article.title or "(untitled)", passage), save)

    def delete_note(self, note_id: int) -> None:
        if self.reader.article_id is not None:
            self.drop_note(self.reader.article_id, note_id)

    def export_scopes(self) -> list[ScopeChoice]:
        scopes = []
        data = self.reader.data
        if data is not None:
            scopes.append(ScopeChoice(f"This article: {data.article.title or '(untitled)'}",
                                      "ids", [data.article.id]))
        if self.query_text.strip():
            scopes.append(ScopeChoice(f"Search results: {self.query_text}", "query",
                                      self.query_text))
        scopes.append(ScopeChoice("Bookmarked articles", "bookmarks"))
        actor = self.query_one(ActorsPane).selected
        if actor is not None:
            scopes.append(ScopeChoice(f"Actor: {actor.name}", "actor", actor.name))
        if data is not None:
            scopes.append(ScopeChoice("This article's story (it and its linked articles)",
                                      "story", data.article.id))
        scopes.append(ScopeChoice("Every article", "all"))
        return scopes

    def action_export(self) -> None:
        def start(request: ExportRequest | None) -> None:
            if request is not None:
                self.run_export(request)

        from briefing.tui.screens.export import ExportDialog

        self.app.push_screen(ExportDialog(self.export_scopes(), self.export_dir), start)

    def action_timeline(self) -> None:
        actor = self.query_one(ActorsPane).selected
        if actor is not None and isinstance(self.focused, ActorsPane):
            self.show_timeline(actor=actor.name)
        elif self.reader.data is not None:
            self.show_timeline(article_id=self.reader.data.article.id)
        else:
            self.show_timeline()

    def show_timeline(self, actor: str | None = None, article_id: int | None = None) -> None:
        if actor is not None:
            title = f"Timeline: {actor}"
        elif article_id is not None and self.reader.data is not None:
            title = f"Story timeline: {self.reader.data.article.title or '(untitled)'}"
        else:
            title = "Timeline: every event"

        def opened(target: int | None) -> None:
            if target is not None:
                self.open_article(target)
                self._focus(self.reader)

        from briefing.tui.screens.timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(self.corpora, title, actor, article_id), opened)
