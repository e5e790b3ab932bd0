"""`briefing …`: thin click commands over the Corpus facade. Every command has `--json`, which
prints JSON Lines (one object per line) for jq, scripts and evaluation."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import click

from briefing import __version__
from briefing.cli import actor_cmds, app_cmds, corpus_cmds, export_cmds, link_cmds
from briefing.cli.common import database_error, db_option


class _Main(click.Group):
    """Every command under one roof for database failures (disk full, read-only file or
    folder, corruption): one line naming the problem and exit status 1, never a traceback.
    Transactions roll back on the way out, so what was committed before stays."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except sqlite3.Error as exc:
            raise click.ClickException(database_error(exc, ctx)) from None


@click.group(cls=_Main, invoke_without_command=True)
@click.version_option(__version__, prog_name="briefing")
@db_option
@click.pass_context
def main(ctx: click.Context, db_path: Path | None) -> None:
    """A keyboard-driven reader that turns news articles into an analyst's briefing."""
    if ctx.invoked_subcommand is None:
        # The app needs a terminal; piped or redirected, print the overview instead.
        if sys.stdin.isatty() and sys.stdout.isatty():
            app_cmds.launch(db_path)
        else:
            corpus_cmds.overview(db_path)


for command in (corpus_cmds.ingest_cmd, corpus_cmds.search_cmd, corpus_cmds.show_cmd,
                corpus_cmds.summary_cmd, actor_cmds.actors_cmd, actor_cmds.actor_cmd,
                actor_cmds.extract_cmd, actor_cmds.analyze_cmd, link_cmds.links_cmd,
                link_cmds.events_cmd, link_cmds.timeline_cmd, link_cmds.relink_cmd,
                export_cmds.export_cmd, app_cmds.open_cmd):
    main.add_command(command)
