"""`briefing open` (and `briefing` alone): the reader app. Textual is imported only here, when
the app is really started, so the other commands stay as quick as before."""

from __future__ import annotations

from pathlib import Path

import click

from briefing.cli.common import db_option, open_corpus
from briefing.paths import default_db


def launch(db_path: Path | None) -> None:
    # Opening here creates, migrates and (first run only) seeds the database before the app
    # starts, so the app's own per-thread connections never have to. The list's first page
    # (a fraction of a millisecond, by index) is read now too, to be in the first frame.
    from briefing.tui.app import make_app
    from briefing.tui.widgets.article_list import PAGE

    corpus = open_corpus(db_path)
    first_page = corpus.list_articles("", 0, PAGE)
    path = corpus.path
    corpus.close()
    make_app(path, first_page=first_page).run()


@click.command("open")
@db_option
def open_cmd(db_path: Path | None) -> None:
    """Open the reader app on a database (default: $BRIEFING_DB or the XDG data dir)."""
    launch(db_path or default_db())
