"""The link data model: what connects two articles, why, and the evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from briefing.analysis.events.model import Event

REALIZES, SAME_EVENT, FOLLOW_UP, SHARED_CONTEXT, DUPLICATE = (
    "realizes", "same_event", "follow_up", "shared_context", "duplicate")
LINK_TYPES = (REALIZES, SAME_EVENT, FOLLOW_UP, SHARED_CONTEXT, DUPLICATE)


@dataclass(slots=True)
class Evidence:
    """A sentence of the source article and the sentence of the target it answers."""

    source_start: int
    source_end: int
    target_start: int
    target_end: int
    note: str = ""  # what the pair shows: "planned" ↔ "reported", the shared claim


@dataclass(slots=True)
class ArticleView:
    """What linking needs to know of one article."""

    id: int
    date: date | None
    events: list[Event] = field(default_factory=list)
    title: str = ""


@dataclass(slots=True)
class Link:
    source: int  # article ids; the direction reads "source <type> target": a plan is realized
    target: int  # by the report of it, a story is followed up by the later one
    type: str
    score: float
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    diff: dict = field(default_factory=dict)
    inferred_order: bool = False  # source-before-target comes from what they say, not dates

    def as_dict(self) -> dict:
        return {
            "source": self.source, "target": self.target, "type": self.type,
            "score": round(self.score, 3), "reason": self.reason,
            "evidence": [{"source": [e.source_start, e.source_end],
                          "target": [e.target_start, e.target_end], "note": e.note}
                         for e in self.evidence],
            "diff": self.diff, "inferred_order": self.inferred_order,
        }
