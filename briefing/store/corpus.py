"""The facade: the one object the CLI, the TUI and export call. Nothing outside `store/`
writes SQL, so the schema can change without touching the surfaces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import islice
from pathlib import Path

from briefing.ingest.pipeline import IngestReport, Progress, ingest
from briefing.paths import SEEDS
from briefing.store import actor_views, link_views
from briefing.store import actors as actors_store
from briefing.store import events as events_store
from briefing.store import notes as notes_store
from briefing.store import profiles as profiles_store
from briefing.store import links as links_store
from briefing.store import search as _search
from briefing.store.models import (
    ActorProfile, ActorRow, Article, EventView, Hit, LinkView, MentionSpan, Note, Summary,
    TimelineEntry)
from briefing.store.query import parse_query
from briefing.store.schema import connect

_ARTICLE_COLUMNS = "id, title, text, source, place, published, url, origin, ingested, duplicate_of"


class Corpus:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.db = connect(self.path)

    @classmethod
    def open(cls, path: Path | str, seed: bool = True) -> Corpus:
        """Open a database; a brand-new one (nothing ever ingested) gets the bundled seeds, so
        `briefing` alone shows something real."""
        corpus = cls(path)
        if seed and corpus.never_ingested() and SEEDS.is_dir():
            corpus.ingest([SEEDS])
        return corpus

    def close(self) -> None:
        self.db.conn.close()

    def never_ingested(self) -> bool:
        """No ingest ever ran and no article is stored (another tool may have filled it)."""
        return self.db.execute("SELECT NOT EXISTS (SELECT 1 FROM ingests)"
                               " AND NOT EXISTS (SELECT 1 FROM articles)").fetchone()[0] == 1

    def ingest(self, paths: list[Path], fmt: str = "auto",
               on_progress: Callable[[Progress], None] | None = None,
               analyse: bool = True) -> IngestReport:
        """Store articles, then analyse the new ones against the corpus."""
        report = ingest(self.db, paths, fmt, on_progress)
        if analyse:
            self.analyse()
        return report

    def analyse(self, everything: bool = False, extractor: str = "auto",
                on_progress: Callable[[int, int], None] | None = None,
                batch: int = 500) -> int:
        """Extract actors, time expressions and events for articles not analysed yet (or all of
        them), one transaction per batch; fold cross-article variants together; then link the
        new articles to the corpus. Returns articles analysed."""
        from briefing.analysis.workers import analyse_many

        if everything:
            with self.db.conn:
                self.db.execute("BEGIN IMMEDIATE")
                for table in ("event_actors", "events", "timexes", "event_profiles", "mentions",
                              "roles", "analysed", "actor_aliases", "actors"):
                    self.db.execute(f"DELETE FROM {table}")
        pending = self.db.execute(
            "SELECT id, text, published, COALESCE(title, '') FROM articles"
            " WHERE duplicate_of IS NULL AND id NOT IN"
            " (SELECT article_id FROM analysed) ORDER BY id").fetchall()
        results = analyse_many(pending, extractor)
        done = 0
        while chunk := list(islice(results, batch)):
            with self.db.conn:
                self.db.execute("BEGIN IMMEDIATE")
                for article_id, analysis in chunk:
                    actors_store.save_extraction(self.db, article_id, analysis.extraction)
                    events_store.save(self.db, article_id, analysis.timexes, analysis.events)
                    if analysis.profile is not None:
                        profiles_store.save(self.db, article_id, analysis.profile)
            done += len(chunk)
            if on_progress:
                on_progress(done, len(pending))
        if pending:
            with self.db.conn:
                self.db.execute("BEGIN IMMEDIATE")
                actors_store.consolidate(self.db)
        unlinked = [r[0] for r in self.db.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM linked)")]
        if everything:
            links_store.relink(self.db)
        elif unlinked:
            links_store.relink(self.db, unlinked)
        return len(pending)

    def relink(self, on_progress: Callable[[str, int, int], None] | None = None) -> int:
        """Recompute every link of the corpus."""
        return links_store.relink(self.db, None, on_progress)

    def actors(self, article_id: int | None = None, type_: str | None = None,
               limit: int = 100) -> list[ActorRow]:
        return actor_views.list_actors(self.db, article_id, type_, limit)

    def actor_count(self) -> int:
        return actor_views.count_actors(self.db)

    def actor_profiles(self, name: str) -> list[ActorProfile]:
        return [p for i in actor_views.find_actor(self.db, name)
                if (p := actor_views.profile(self.db, i)) is not None]

    def links(self, article_id: int | None = None, type_: str | None = None,
              limit: int = 100) -> list[LinkView]:
        return link_views.links(self.db, article_id, type_, limit)

    def link_counts(self) -> dict[str, int]:
        return link_views.link_count(self.db)

    def events(self, article_id: int) -> list[EventView]:
        return link_views.events(self.db, article_id)

    def timeline(self, actor: str | None = None, limit: int = 500) -> list[TimelineEntry]:
        return link_views.timeline(self.db, actor, limit)

    # --- the analyst's marks: stored the moment they are made ---------------------------

    def set_bookmark(self, article_id: int, on: bool = True) -> bool:
        return notes_store.set_bookmark(self.db, article_id, on)

    def is_bookmarked(self, article_id: int) -> bool:
        return notes_store.is_bookmarked(self.db, article_id)

    def bookmarks(self) -> list[int]:
        return notes_store.bookmarks(self.db)

    def add_note(self, article_id: int, text: str, start: int | None = None,
                 end: int | None = None) -> Note:
        return notes_store.add_note(self.db, article_id, text, start, end)

    def update_note(self, note_id: int, text: str) -> None:
        notes_store.update_note(self.db, note_id, text)

    def delete_note(self, note_id: int) -> None:
        notes_store.delete_note(self.db, note_id)

    def notes(self, article_id: int | None = None) -> list[Note]:
        return notes_store.notes(self.db, article_id)

    def mentions(self, article_id: int) -> list[MentionSpan]:
        return actor_views.article_mentions(self.db, article_id)

    def search(self, text: str, limit: int = 20, offset: int = 0, raw: bool = False,
               since: str | None = None, until: str | None = None,
               source: str | None = None) -> list[Hit]:
        """Search with the query language; options are the same filters written as flags, added
        as values as they are (the search validates them like typed ones), never re-parsed as
        query text, where a quote in a value would end it."""
        query = parse_query(text, raw=raw)
        given = (("since", since), ("until", until), ("source", source))
        flags = [(key, value.strip()) for key, value in given if value and value.strip()]
        if flags:
            merged = {**query.filters}
            for key, value in flags:
                merged[key] = merged.get(key, ()) + (value,)
            query = replace(query, filters=merged)
        return _search.run(self.db, query, limit, offset)

    def article(self, article_id: int) -> Article | None:
        row = self.db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        return Article(*row) if row else None

    def summary(self, top: int = 5) -> Summary:
        count, dups, dated, first, last = self.db.execute(
            "SELECT COUNT(*), COUNT(duplicate_of), COUNT(published), MIN(published), MAX(published)"
            " FROM articles"
        ).fetchone()

        def top_values(column: str) -> list[tuple[str, int]]:
            return [tuple(r) for r in self.db.execute(
                f"SELECT {column}, COUNT(*) AS n FROM articles WHERE {column} IS NOT NULL"
                f" GROUP BY {column} ORDER BY n DESC, {column} LIMIT ?", [top])]

        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        extractors = [tuple(r) for r in self.db.execute(
            "SELECT extractor, COUNT(*) FROM analysed GROUP BY extractor ORDER BY 2 DESC")]
        return Summary(str(self.path), count, dups, dated, first, last,
                       top_values("source"), top_values("place"), version, extractors)

    # --- export ---
    # Read-only, in bulk: an export reads a whole scope at once (briefing/export).

    def article_ids(self, since: str | None = None, until: str | None = None,
                    within: list[int] | None = None, duplicates: bool = False) -> list[int]:
        """Stored article ids, ascending: all (or those of `within`), in a publication range."""
        from briefing.store import export_views
        return export_views.article_ids(self.db, since, until, within, duplicates)

    def search_ids(self, text: str) -> list[int]:
        """Every article the search language matches, ascending (no ranking, no snippets)."""
        from briefing.store import export_views
        return export_views.search_ids(self.db, text)

    def actor_articles(self, name: str) -> tuple[list[str], list[int]]:
        """(actor names matched, ids of the articles mentioning them)."""
        from briefing.store import export_views
        return export_views.actor_articles(self.db, name)

    def story(self, article_id: int) -> list[int]:
        """The article and the articles connected to it by links (see export_views.story)."""
        from briefing.store import export_views
        return export_views.story(self.db, article_id)

    def articles(self, ids: list[int]) -> list[Article]:
        from briefing.store import export_views
        return export_views.articles(self.db, ids)

    def links_among(self, ids: list[int]) -> list[LinkView]:
        """Links whose two articles are both in `ids`."""
        from briefing.store import export_views
        return export_views.links_among(self.db, ids)

    def chronology(self, ids: list[int]) -> tuple[list[int], dict[int, str]]:
        """The articles in time order, and dates inferred for undated ones."""
        from briefing.store import export_views
        return export_views.chronology(self.db, ids)

    def timeline_of(self, ids: list[int]) -> list[TimelineEntry]:
        """Every event of these articles, in time order."""
        from briefing.store import export_views
        return export_views.timeline(self.db, ids)

    def scope_actors(self, ids: list[int], limit: int = 100):
        """(top actors of these articles with their roles there, number of actors in all)."""
        from briefing.store import export_views
        return export_views.scope_actors(self.db, ids, limit)

    # --- reader (TUI) ---
    # Paged and per-article reads the app needs; each call is one short query, run in a worker.

    def list_articles(self, query: str = "", offset: int = 0, limit: int = 50) -> list[Hit]:
        """A page of the article list: the query's matches ranked, or with no search words every
        article newest first (undated last); duplicates folded either way."""
        from briefing.store import browse
        return browse.page(self.db, parse_query(query), offset, limit)

    def count(self, query: str = "") -> int:
        """How many articles `list_articles(query)` pages through (at most the rank window)."""
        from briefing.store import browse
        return browse.count(self.db, parse_query(query))

    def count_more(self, query: str = "") -> tuple[int, bool]:
        """`count(query)`, and whether more articles match than are ranked and listed."""
        from briefing.store import browse
        return browse.count_more(self.db, parse_query(query))

    def hit_spans(self, article_id: int,
                  query: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(title spans, text spans) where the query's words hit this article."""
        from briefing.store import browse
        return browse.hit_spans(self.db, parse_query(query), article_id)

    def duplicate_counts(self) -> dict[int, int]:
        """Folded copies per article, for articles that have any."""
        from briefing.store import browse
        return browse.duplicate_counts(self.db)

    def sentences(self, article_id: int) -> list[tuple[int, int]]:
        """Sentence spans of the article text (the passages a note can be attached to)."""
        from briefing.store import browse
        article = self.article(article_id)
        return browse.sentence_spans(article.text) if article else []

    def story_timeline(self, article_id: int) -> list[TimelineEntry]:
        """The events of the article's story (it and its linked articles), in time order."""
        return self.timeline_of(self.story(article_id))
