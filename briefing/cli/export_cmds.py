"""`briefing export`: a briefing note of a scope, as Markdown, JSON or HTML."""

from __future__ import annotations

import json
from pathlib import Path

import click

from briefing.cli.common import db_option, open_corpus
from briefing.export import FORMATS, ExportError, Scope, build, default_filename, render
from briefing.export.scope import parse_ids
from briefing.export.writer import write_text

_SCOPES = "--all, --query Q, --bookmarks, --actor NAME, --story ID or --ids 1,2,3"


@click.command("export")
@db_option
@click.option("--all", "all_", is_flag=True, help="Every article (duplicates folded out).")
@click.option("--query", help="The articles a search matches (the search language).")
@click.option("--bookmarks", is_flag=True, help="The bookmarked articles.")
@click.option("--actor", help="The articles mentioning an actor (name, alias or surname).")
@click.option("--story", type=int, metavar="ID",
              help="An article and the articles linked to it.")
@click.option("--ids", metavar="1,2,3", help="These articles.")
@click.option("--since", help="Only articles published on or after this date (YYYY[-MM[-DD]]).")
@click.option("--until", help="Only articles published up to this date (YYYY[-MM[-DD]]).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="markdown",
              show_default=True, help="Markdown (CommonMark), JSON (schema.json) or HTML.")
@click.option("-o", "--output", metavar="FILE|-",
              help="Where to write; - for stdout. Default: briefing-<scope>-<time>.<ext> here.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@click.option("--json", "as_json", is_flag=True,
              help="Print a one-line JSON summary (path, format, counts).")
def export_cmd(db_path: Path | None, all_: bool, query: str | None, bookmarks: bool,
               actor: str | None, story: int | None, ids: str | None, since: str | None,
               until: str | None, fmt: str, output: str | None, force: bool,
               as_json: bool) -> None:
    """Write a briefing note: bottom line, timeline, actors, links, articles and numbered
    sources, every statement quoted from the articles and cited [n]."""
    chosen = [(name, value) for name, value in (
        ("--all", all_ or None), ("--query", query), ("--bookmarks", bookmarks or None),
        ("--actor", actor), ("--story", story), ("--ids", ids)) if value is not None]
    if not chosen:
        raise click.UsageError(f"choose what to export: {_SCOPES}")
    if len(chosen) > 1:
        raise click.UsageError("choose one scope, not " + " and ".join(n for n, _ in chosen))
    name, value = chosen[0]
    kind = name.removeprefix("--")
    try:
        if kind == "ids":
            value = parse_ids(value)
        elif kind in ("all", "bookmarks"):
            value = None
        scope = Scope(kind, value, since, until)
        corpus = open_corpus(db_path)
        path = output or default_filename(scope, fmt)
        if path != "-":
            # `../../x.md` is shown as where it really lands, in every message.
            path = str(Path(path).expanduser().resolve())
        if path != "-" and not force and Path(path).exists():
            raise FileExistsError(path)
        doc = build(corpus, scope)
        text = render(doc, fmt)
        written = write_text(text, path, force)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    except FileExistsError:
        raise click.ClickException(f"{path} exists; pass --force to overwrite it") from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}") from None
    summary = {"path": str(written), "format": fmt, "scope": doc["scope"]["label"],
               "bytes": len(text.encode("utf-8")), **doc["counts"]}
    if as_json:
        line = json.dumps(summary, ensure_ascii=False)
        # With the document on stdout, the summary goes to stderr so stdout stays one document.
        click.echo(line, err=str(written) == "-")
    elif str(written) != "-":
        c = doc["counts"]
        click.echo(f"Wrote {written} ({fmt}): {c['articles']} articles, {c['key_points']} key "
                   f"points, {c['timeline']} events, {c['actors']} actors, {c['links']} links, "
                   f"{c['notes']} notes.")
