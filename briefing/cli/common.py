"""What every command shares: consoles, the --db and --json options, opening the corpus."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from briefing.paths import default_db
from briefing.store.corpus import Corpus
from briefing.store.errors import explain
from briefing.store.schema import SchemaError

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)
HIT_STYLE = "bold black on yellow"


def db_option(func: Callable) -> Callable:
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="Database file (default: $BRIEFING_DB or the XDG data dir).",
    )(func)


def json_option(func: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")(func)


_DB_KEY = "briefing.db"  # in click's ctx.meta, which every nested context shares


def open_corpus(db_path: Path | None, seed: bool = True) -> Corpus:
    path = db_path or default_db()
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta[_DB_KEY] = path
    try:
        return Corpus.open(path, seed=seed)
    except SchemaError as exc:
        raise click.ClickException(str(exc)) from None


def database_error(exc: sqlite3.Error, ctx: click.Context | None = None) -> str:
    """A database failure as one line for the user: what happened and which file."""
    where = (ctx.meta.get(_DB_KEY) if ctx is not None else None) or default_db()
    return f"database {where}: {explain(exc)}"


def emit(obj: dict) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


def styled(plain: str, spans, base: str = "", style: str = "") -> Text:
    """Untrusted text as a Text object with styled spans: never parsed as markup."""
    text = Text(plain, style=base)
    for start, end in spans:
        text.stylize(style or HIT_STYLE, start, end)
    return text
