"""Commands over events and links: what connects articles, what happened in what order."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from briefing.analysis.links.model import LINK_TYPES
from briefing.cli.common import db_option, emit, err, json_option, open_corpus, out
from briefing.store.models import LinkView


@click.command("links")
@db_option
@click.option("--article", "article_id", type=int, help="Only links of this article.")
@click.option("--type", "type_", type=click.Choice(LINK_TYPES), help="Only links of this type.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1_000_000))
@json_option
def links_cmd(db_path: Path | None, article_id: int | None, type_: str | None, limit: int,
              as_json: bool) -> None:
    """Links between articles (realizes, same_event, follow_up, shared_context, duplicate),
    with the evidence sentences and, for a plan, what was and wasn't reported."""
    rows = open_corpus(db_path).links(article_id, type_, limit)
    if as_json:
        for row in rows:
            emit(row.as_dict())
        return
    if not rows:
        out.print("No links" + (f" for article {article_id}." if article_id else "."))
    for link in rows:
        _print_link(link)


def _print_link(link: LinkView) -> None:
    out.print(Text(f"{link.source} ─{link.type}→ {link.target}", style="bold"),
              Text(f"  score {link.score:.2f}" + ("  (order inferred)" if link.inferred_order
                                                   else ""), style="dim"))
    out.print(Text(f"  {link.source_title or '(untitled)'}  →  {link.target_title or '(untitled)'}",
                   style="dim"))
    out.print(Text("  " + link.reason))
    for e in link.evidence[:2]:
        table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
        table.add_column(ratio=1)
        table.add_column(ratio=1)
        table.add_row(Text(e.source_text), Text(e.target_text))
        out.print(table)
    out.print()


@click.command("events")
@click.option("--article", "article_id", type=int, required=True, help="The article.")
@db_option
@json_option
def events_cmd(article_id: int, db_path: Path | None, as_json: bool) -> None:
    """Event mentions of one article: type, CAMEO code, modality, agent, targets, places, time."""
    corpus = open_corpus(db_path)
    if corpus.article(article_id) is None:
        raise click.ClickException(f"no article {article_id}")
    for ev in corpus.events(article_id):
        if as_json:
            emit(ev.as_dict())
            continue
        e = ev.event
        who = e["agent"]["actor"] if e["agent"] else "?"
        to = ", ".join(p["actor"] for p in e["places"] + e["targets"])
        when = f"  [{e['time']['text']} → {e['time']['value']}]" if e["time"] else ""
        out.print(Text(f"{e['modality']:<20} {e['type']:<12} {e['cameo'] or '-':<5} ", style="bold"),
                  Text(f"{who} “{e['trigger']['text']}” {to}{when}"))


@click.command("timeline")
@click.option("--actor", help="Only events this actor takes part in.")
@click.option("--limit", default=200, show_default=True, type=click.IntRange(1, 1_000_000))
@db_option
@json_option
def timeline_cmd(actor: str | None, limit: int, db_path: Path | None, as_json: bool) -> None:
    """Events in time order, planned and realized; dates placed by inference are marked."""
    entries = open_corpus(db_path).timeline(actor, limit)
    if not entries and actor:
        raise click.ClickException(f"no events for {actor!r}")
    for t in entries:
        if as_json:
            emit(t.as_dict())
            continue
        e = t.event
        date = (t.date or "undated") + (" (inferred)" if t.date_inferred else "")
        who = e["agent"]["actor"] if e["agent"] else "?"
        to = ", ".join(p["actor"] for p in e["places"] + e["targets"])
        out.print(Text(f"{date:<24}", style="cyan"), Text(f"{e['modality']:<18}", style="bold"),
                  Text(f"{who} {e['type']} {to}  [{t.article_id}] {t.title or ''}"))


@click.command("relink")
@db_option
@json_option
def relink_cmd(db_path: Path | None, as_json: bool) -> None:
    """Recompute every link from the stored events (no re-extraction)."""
    corpus = open_corpus(db_path)
    with err.status("linking articles…") as status:
        n = corpus.relink(lambda step, done, total: status.update(f"linking: {step} ({done}/{total})"))
    counts = corpus.link_counts()
    emit({"links": n, **counts}) if as_json else out.print(
        f"{n} links: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
