"""What workers post back to the screen. Each carries the generation of the request it answers,
so a late answer to a superseded search or article is recognised and dropped."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from briefing.store.models import (
    ActorRow, Article, Hit, LinkView, MentionSpan, Note, TimelineEntry)


@dataclass
class ResultsReady(Message):
    """The first page of a search (or of the whole list)."""

    generation: int
    query: str
    rows: list[Hit]
    total: int | None  # known when the page was not full; else a CountReady follows


@dataclass
class CountReady(Message):
    generation: int
    total: int
    more: bool = False  # more articles match than are ranked and listed

    def can_replace(self, message: Message) -> bool:
        # Only by a count at least as recent: a slow count of a superseded search can arrive
        # after the current one, and must not push it out of the queue.
        return isinstance(message, CountReady) and message.generation >= self.generation


@dataclass
class CorpusSize(Message):
    """How many articles the database holds now (polled: another process may be ingesting)."""

    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, CorpusSize)


@dataclass
class SearchFailed(Message):
    generation: int
    query: str
    error: str


@dataclass
class PageReady(Message):
    generation: int
    page: int
    rows: list[Hit]


@dataclass
class ArticleData:
    """Everything the reader and the side panes show for one article."""

    article: Article
    mentions: list[MentionSpan]
    actors: list[ActorRow]
    links: list[LinkView]
    notes: list[Note]
    bookmarked: bool
    sentences: list[tuple[int, int]]
    title_hits: list[tuple[int, int]] = field(default_factory=list)
    text_hits: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class ArticleReady(Message):
    generation: int
    data: ArticleData | None  # None: the article is gone (deleted by another process)
    article_id: int


@dataclass
class HitsReady(Message):
    """Hit spans of the open article for a new query."""

    article_id: int
    query: str
    title_hits: list[tuple[int, int]]
    text_hits: list[tuple[int, int]]


@dataclass
class MarksChanged(Message):
    """A bookmark or note was stored: what the reader and the list show of them."""

    article_id: int
    bookmarked: bool
    notes: list[Note]
    bookmarks: set[int]
    done: str = ""  # what was stored, confirmed once it is on disk


@dataclass
class TimelineReady(Message):
    entries: list[TimelineEntry]


@dataclass
class CopiesReady(Message):
    """Folded duplicates per article, shown as "+n" in the list."""

    counts: dict[int, int]
