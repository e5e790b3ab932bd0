"""Commands over the articles themselves: ingest, search, show, summary."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import click
from rich.console import Group
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from briefing.cli.common import (
    database_error, db_option, emit, err, json_option, open_corpus, out, styled)
from briefing.ingest.detect import FORMATS
from briefing.store.corpus import Corpus
from briefing.store.models import Article, Hit
from briefing.store.query import QueryError


def overview(db_path: Path | None) -> None:
    """What `briefing` with no command shows until the reader app lands."""
    corpus = open_corpus(db_path)
    print_summary(corpus)
    out.print()
    out.print(Text('Sample search: "Grenada"', style="bold"))
    _print_hits(corpus.search("Grenada", limit=5))


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--format", "fmt", type=click.Choice(("auto",) + FORMATS), default="auto",
              show_default=True, help="Input format; auto detects from extension and content.")
@click.option("--strict", is_flag=True, help="Exit non-zero if any record was skipped or repaired.")
@click.option("--no-analysis", "no_analysis", is_flag=True,
              help="Only store and index the articles; actors, events and links are computed "
                   "by the next ingest or `briefing analyze`.")
@json_option
def ingest_cmd(paths: tuple[Path, ...], db_path: Path | None, fmt: str, strict: bool,
               no_analysis: bool, as_json: bool) -> None:
    """Add articles from files or folders (text, Markdown, CSV, JSONL/JSON, feeds, Reuters SGML)."""
    corpus = open_corpus(db_path, seed=False)
    columns = (TextColumn("[bold]{task.description:<7}"), BarColumn(),
               TextColumn("{task.fields[detail]}"), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        reading = bar.add_task("ingest", total=None, detail="")
        analysing = bar.add_task("actors", total=None, detail="", visible=False)

        def on_read(p) -> None:
            bar.update(reading, completed=p.done_bytes, total=p.total_bytes,
                       detail=f"{p.done_bytes / 2**20:.1f}/{p.total_bytes / 2**20:.1f} MB, "
                              f"{p.articles:,} articles")

        def on_analyse(done: int, total: int) -> None:
            bar.update(analysing, completed=done, total=total, visible=True,
                       detail=f"{done}/{total} articles")

        try:
            report = corpus.ingest(list(paths), fmt, on_read, analyse=False)
            if not no_analysis:
                corpus.analyse(on_progress=on_analyse)
        except KeyboardInterrupt:
            err.print("Interrupted: every completed batch is stored; run the same command again to finish.")
            sys.exit(130)
        except sqlite3.Error as exc:
            # Disk full mid-ingest: the batch in flight rolled back, the ones before are stored.
            message = database_error(exc, click.get_current_context())
            if "full" in str(exc):
                message += "; every completed batch is stored, run the same command again to finish"
            raise click.ClickException(message) from None
    if as_json:
        emit(report.as_dict())
    else:
        for problem in report.problems:
            err.print(Text(f"{problem.where}: {problem.reason} ({problem.action})", style="yellow"))
        line = (f"{report.added} added ({report.duplicates} duplicate bodies marked), "
                f"{report.unchanged} already stored, {len(report.skipped)} skipped, "
                f"from {report.files} file(s) into {corpus.path}")
        out.print(Text(line))
    if strict and report.problems:
        sys.exit(1)


@click.command("search")
@click.argument("query", nargs=-1)
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--since", help="Only articles published on or after this date (YYYY[-MM[-DD]]).")
@click.option("--until", help="Only articles published up to this date (YYYY[-MM[-DD]]).")
@click.option("--source", help="Only articles from this source (prefix, case-insensitive).")
@click.option("--raw", is_flag=True, help="Pass the query to SQLite FTS5 unchanged.")
@json_option
def search_cmd(query: tuple[str, ...], db_path: Path | None, limit: int, since: str | None,
               until: str | None, source: str | None, raw: bool, as_json: bool) -> None:
    """Full-text search: words, "phrases", prefix*, -exclude, OR, and filters like since:2018-02."""
    corpus = open_corpus(db_path)
    try:
        hits = corpus.search(" ".join(query), limit=limit, raw=raw, since=since, until=until,
                             source=source)
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    if as_json:
        for hit in hits:
            emit(hit.as_dict())
    else:
        _print_hits(hits)


@click.command("show")
@click.argument("article_id", type=int)
@db_option
@json_option
def show_cmd(article_id: int, db_path: Path | None, as_json: bool) -> None:
    """Print one article."""
    article = open_corpus(db_path).article(article_id)
    if article is None:
        raise click.ClickException(f"no article with id {article_id}")
    if as_json:
        emit(article.as_dict())
    else:
        _print_article(article)


@click.command("summary")
@db_option
@json_option
def summary_cmd(db_path: Path | None, as_json: bool) -> None:
    """What the database holds: counts, date range, top sources and places."""
    corpus = open_corpus(db_path)
    if as_json:
        emit(corpus.summary().as_dict())
    else:
        print_summary(corpus)


def _meta(item: Hit | Article) -> str:
    parts = [item.published[:10] if item.published else "undated", item.place, item.source]
    return " · ".join(p for p in parts if p)


def _print_hits(hits: list[Hit]) -> None:
    if not hits:
        out.print("No matching articles.")
        return
    grid = Table.grid(padding=(0, 2, 1, 0))
    grid.add_column(justify="right", style="dim", no_wrap=True)
    grid.add_column(ratio=1)
    for hit in hits:
        grid.add_row(str(hit.id), Group(
            styled(hit.title or "(untitled)", hit.title_hits, "bold"),
            Text(_meta(hit), style="cyan"),
            styled(hit.snippet, hit.snippet_hits),
        ))
    out.print(grid)


def _print_article(article: Article) -> None:
    out.print(Text(article.title or "(untitled)", style="bold"))
    out.print(Text(_meta(article), style="cyan"))
    if article.duplicate_of:
        out.print(Text(f"duplicate of article {article.duplicate_of}", style="dim"))
    out.print()
    out.print(Text(article.text))
    out.print()
    out.print(Text(f"from {article.origin}", style="dim"))


def print_summary(corpus: Corpus) -> None:
    s = corpus.summary()
    out.print(Text(f"{s.database}", style="bold"))
    out.print(Text(f"{s.articles} articles ({s.duplicates} duplicates), {s.dated} dated"
                   + (f", {s.first[:10]} to {s.last[:10]}" if s.first else "")))
    if s.sources:
        out.print(Text("sources: " + ", ".join(f"{n} ({c})" for n, c in s.sources)))
    if s.places:
        out.print(Text("places: " + ", ".join(f"{n} ({c})" for n, c in s.places)))
    if s.extractors:
        out.print(Text("actors extracted by: " + ", ".join(f"{n} ({c} articles)" for n, c in s.extractors)))
