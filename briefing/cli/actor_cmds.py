"""Commands over actors: the corpus who's who, one actor's profile, database-free extraction."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from briefing.cli.common import db_option, emit, err, json_option, open_corpus, out
from briefing.store.models import ActorProfile

TYPES = click.Choice(["PERSON", "ORG", "GPE", "LOC"], case_sensitive=False)


@click.command("actors")
@db_option
@click.option("--article", "article_id", type=int, help="Only actors of this article.")
@click.option("--type", "type_", type=TYPES, help="Only actors of this type.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000))
@json_option
def actors_cmd(db_path: Path | None, article_id: int | None, type_: str | None, limit: int,
               as_json: bool) -> None:
    """People, states, organisations and regions, resolved across spellings and articles."""
    rows = open_corpus(db_path).actors(article_id, type_, limit)
    if as_json:
        for row in rows:
            emit(row.as_dict())
        return
    table = Table("actor", "type", "country", "roles", "mentions", "articles", box=None)
    for r in rows:
        table.add_row(Text(r.name, style="bold"), r.type, Text(r.country or ""),
                      Text(", ".join(r.roles)), str(r.mentions), str(r.articles))
    out.print(table if rows else "No actors (run `briefing analyze` on an older database).")


@click.command("actor")
@click.argument("name")
@db_option
@json_option
def actor_cmd(name: str, db_path: Path | None, as_json: bool) -> None:
    """One actor's profile: aliases, roles with their sources, articles, frequent co-actors."""
    profiles = open_corpus(db_path).actor_profiles(name)
    if not profiles:
        raise click.ClickException(f"no actor matches {name!r}")
    for p in profiles:
        emit(p.as_dict()) if as_json else _print_profile(p)


def _print_profile(p: ActorProfile) -> None:
    a = p.actor
    out.print(Text(a.name, style="bold"), Text(f"  {a.type}" + (f" · {a.country}" if a.country else "")))
    counts = f"{a.mentions} mentions in {a.articles} article(s)"
    others = [x for x in p.aliases if x != a.name]
    out.print(Text(counts + (f"; also written {', '.join(others)}" if others else "")))
    for r in p.roles:
        out.print(Text(f"  {r.title}" + (f" ({r.country})" if r.country else ""), style="cyan"),
                  Text(f" [{r.article_id}] “{r.sentence}”"))
    for article_id, title, published, mentions in p.articles:
        out.print(Text(f"  {article_id:>6}  {(published or 'undated')[:10]}  {title or ''}  ({mentions})"))
    if p.co_actors:
        out.print(Text("  appears with: " + ", ".join(f"{n} ({c})" for n, _, c in p.co_actors),
                       style="dim"))
    out.print()


@click.command("extract")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--extractor", default="auto", show_default=True,
              help="rules, spacy+rules, or auto (the best installed).")
@json_option
def extract_cmd(files: tuple[Path, ...], extractor: str, as_json: bool) -> None:
    """Actor mentions of plain-text FILES, or of JSONL {"id","text"} on stdin ("-" or no file).
    No database. One JSON line per document; offsets index the text as given."""
    from briefing.analysis.actors.extract import extract

    def documents():
        if not files or files == (Path("-"),):
            for n, line in enumerate(sys.stdin, 1):
                if line.strip():
                    try:
                        doc = json.loads(line)
                        yield doc.get("id", n), doc["text"]
                    except (ValueError, KeyError, TypeError, AttributeError):
                        raise click.ClickException(f"stdin:{n}: expected a JSON object with \"text\"")
        for path in files:
            if str(path) != "-":
                yield str(path), path.read_text(encoding="utf-8", errors="replace")

    for doc_id, text in documents():
        result = extract(text, extractor)
        record = {"id": doc_id, "extractor": result.extractor,
                  "mentions": [m.as_dict() for m in result.mentions]}
        if as_json:
            emit(record)
        else:
            out.print(Text(f"{doc_id}: ", style="bold"),
                      Text(", ".join(f"{m.text} ({m.type} → {m.actor})" for m in result.mentions)))


@click.command("analyze")
@db_option
@click.option("--extractor", default="auto", show_default=True)
@json_option
def analyze_cmd(db_path: Path | None, extractor: str, as_json: bool) -> None:
    """Recompute actors, time, events and links for every article (after an upgrade, or to
    switch extractor)."""
    corpus = open_corpus(db_path)
    with err.status("analysing articles…") as status:
        n = corpus.analyse(everything=True, extractor=extractor,
                           on_progress=lambda done, total: status.update(f"analysed {done}/{total}"))
    links = corpus.link_counts()
    summary = {"articles": n, "actors": corpus.actor_count(), "links": links}
    emit(summary) if as_json else out.print(
        f"Analysed {n} articles: {summary['actors']} actors, "
        f"{sum(links.values())} links ({', '.join(f'{k} {v}' for k, v in sorted(links.items()))}).")
