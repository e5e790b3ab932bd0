"""Where every key binding lives, for the help screen and for checking a user's keymap."""

from __future__ import annotations

from textual.binding import Binding


def binding_sections() -> list[tuple[str, list[Binding]]]:
    from briefing.tui.app import BriefingApp
    from briefing.tui.screens.export import ExportDialog
    from briefing.tui.screens.help import HelpScreen
    from briefing.tui.screens.link import LinkScreen
    from briefing.tui.screens.main import MainScreen
    from briefing.tui.screens.timeline import TimelineScreen
    from briefing.tui.widgets.article_list import ArticleList
    from briefing.tui.widgets.item_list import ItemList
    from briefing.tui.widgets.reader import Reader

    sections = [
        ("Everywhere", BriefingApp.BINDINGS),
        ("Main screen", MainScreen.BINDINGS),
        ("Article list", ArticleList.BINDINGS),
        ("Reader", Reader.BINDINGS),
        ("Actors, links and timeline lists", ItemList.BINDINGS),
        ("Link view", LinkScreen.BINDINGS),
        ("Timeline", TimelineScreen.BINDINGS),
        ("Dialogs and help", ExportDialog.BINDINGS + HelpScreen.BINDINGS),
    ]
    return [(title, [b for b in bindings if isinstance(b, Binding)])
            for title, bindings in sections]


def known_binding_ids() -> set[str]:
    return {b.id for _, bindings in binding_sections() for b in bindings if b.id}
