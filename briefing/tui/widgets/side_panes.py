"""The right-hand panes: the open article's actors and its links. Both fill in from whatever
the analysis stored; an article with none says so instead of showing an empty box."""

from __future__ import annotations

from collections import Counter

from rich.text import Text

from briefing.store.models import ActorRow, LinkView, MentionSpan
from briefing.tui.widgets.item_list import ItemList

TYPE_LABEL = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "region"}
# What an analyst follows first: a plan and its outcome, then the rest of the story.
LINK_ORDER = {"realizes": 0, "follow_up": 1, "same_event": 2, "shared_context": 3, "same_story": 4,
              "duplicate": 5}


class ActorsPane(ItemList):
    """Highlighting an actor lights its mentions in the reader; Enter or `a` lists every
    article with it."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Actors"
        self.rows: list[ActorRow] = []

    def show(self, rows: list[ActorRow], mentions: list[MentionSpan]) -> None:
        here = Counter(m.actor_id for m in mentions)
        # Most mentioned in this article first; corpus-wide counts only break ties.
        self.rows = sorted(rows, key=lambda r: (-here.get(r.id, 0), -r.mentions, r.name))
        self.set_items([self._lines(r, here.get(r.id, 0)) for r in self.rows],
                       "No actors found in this article.")
        self.border_title = f"Actors ({len(self.rows)})"

    def _lines(self, row: ActorRow, here: int) -> list[Text]:
        # Names come from article text: Text objects, never markup.
        head = Text(row.name, style="bold")
        head.append(f"  ×{here}", style="dim")
        detail = [TYPE_LABEL.get(row.type, row.type.lower())]
        if row.roles:
            detail.append(", ".join(row.roles[:2]))
        if row.country and row.country != row.name:
            detail.append(row.country)
        return [head, Text(" · ".join(detail), style="dim")]

    @property
    def selected(self) -> ActorRow | None:
        index = self.highlighted
        return self.rows[index] if index is not None and index < len(self.rows) else None


class LinksPane(ItemList):
    """Enter opens the link: both evidence sentences and what differs."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Links"
        self.rows: list[LinkView] = []
        self.article_id: int | None = None

    def show(self, article_id: int, rows: list[LinkView]) -> None:
        self.article_id = article_id
        self.rows = sorted(rows, key=lambda r: (LINK_ORDER.get(r.kind, 9), -r.score, r.id))
        self.set_items([self._lines(link) for link in self.rows], "No links to other articles.")
        self.border_title = f"Links ({len(self.rows)})"

    def _lines(self, link: LinkView) -> list[Text]:
        _, title, arrow = link.other(self.article_id)
        head = Text(f"{link.kind.replace('_', ' ')} {arrow} ", style="bold")
        head.append(title or "(untitled)")
        reason = link.reason.splitlines()[0] if link.reason else ""
        return [head, Text(reason, style="dim")]

    @property
    def selected(self) -> LinkView | None:
        index = self.highlighted
        return self.rows[index] if index is not None and index < len(self.rows) else None
