"""The command palette's commands, offered from where the reader is: the open article's actors,
its story, the panes on screen; and any article, found by what its title says."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from briefing.store.models import Hit as ArticleHit
from briefing.store.query import QueryError

Command = tuple[str, str, Callable[[], object]]  # name (may quote article text), help, callback


class BriefingCommands(Provider):
    def _main(self):
        from briefing.tui.screens.main import MainScreen

        return self.screen if isinstance(self.screen, MainScreen) else None

    def _commands(self) -> list[Command]:
        main = self._main()
        if main is None:
            return []
        commands: list[Command] = [
            ("Search", "Focus the search bar", main.action_focus_search),
            ("Show bookmarked articles", "Search is:bookmarked",
             partial(main.search, "is:bookmarked")),
            ("Show articles with notes", "Search has:note", partial(main.search, "has:note")),
            ("Show plans and their realizations", "Search link:realizes",
             partial(main.search, "link:realizes")),
            ("Clear the search", "List every article", partial(main.search, "")),
            ("Export…", "Write a briefing (Markdown, JSON or HTML)", main.action_export),
            ("Toggle the article list", "Show or hide the list pane",
             partial(main.action_toggle, "list")),
            ("Toggle the actors and links panes", "Show or hide the right-hand column",
             partial(main.action_toggle, "side")),
            ("Toggle reader only", "Hide everything but the reader", main.action_zoom),
            ("Wider article list", "Give the list more room", partial(main.action_list_width, 5)),
            ("Narrower article list", "Give the reader more room",
             partial(main.action_list_width, -5)),
            ("Timeline of every event", "Events in order across the corpus",
             main.show_timeline),
        ]
        data = main.reader.data
        if data is not None:
            commands += [
                ("Show this story's timeline", "Events of this article and its linked articles",
                 partial(main.show_timeline, article_id=data.article.id)),
                ("Bookmark or unbookmark this article", "Stored at once", main.action_bookmark),
                ("Add a note", "On the article or the selected passage", main.action_note),
            ]
            for actor in data.actors:
                commands += [
                    (f"Filter by actor: {actor.name}", "Every article mentioning this actor",
                     partial(main.filter_by_actor, actor.name)),
                    (f"Show timeline: {actor.name}", "This actor's events in order",
                     partial(main.show_timeline, actor=actor.name)),
                ]
            for note in data.notes:
                commands.append((f"Delete note: {note.text[:60]}", "Removes it from the database",
                                 partial(main.delete_note, note.id)))
        if main.history.can_go_back:
            commands.append(("Back", "The previous article", main.action_back))
        if main.history.can_go_forward:
            commands.append(("Forward", "The next article", main.action_forward))
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, self._highlight(matcher, query, name), callback, text=name,
                          help=help_text)
        main = self._main()
        if main is None or len(query.strip()) < 2:
            return
        rows = await asyncio.to_thread(self._find_articles, main, query)
        for rank, row in enumerate(rows):
            title = row.title or "(untitled)"
            label = Content(f"Open: {title}")
            yield Hit(max(matcher.match(title), 0.5 - rank * 0.01), label,
                      partial(main.open_article, row.id), text=f"Open: {title}",
                      help="Open this article")

    @staticmethod
    def _find_articles(main, query: str) -> list[ArticleHit]:
        try:
            return main.corpora.get().list_articles(query, 0, 8)
        except (QueryError, sqlite3.Error):  # a half-typed query, or a locked database
            return []

    def _highlight(self, matcher, query: str, candidate: str) -> Content:
        # Not matcher.highlight(): it parses the candidate as markup, and names here can be
        # article text.
        content = Content(candidate)
        _, offsets = matcher.fuzzy_search.match(query, candidate)
        for offset in offsets:
            content = content.stylize(matcher.match_style, offset, offset + 1)
        return content
