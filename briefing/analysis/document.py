"""One article through every analysis step: actors, then time, then events.

A pure function of the text and the article's date, so it can run in worker processes; the
store saves what it returns and links articles afterwards (links need the whole corpus).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from briefing.analysis import temporal
from briefing.analysis.actors.extract import extract
from briefing.analysis.actors.model import Extraction
from briefing.analysis.events.extract import find_events
from briefing.analysis.events.model import Event


@dataclass
class DocumentAnalysis:
    extraction: Extraction
    timexes: list  # temporal.Timex
    events: list[Event]


def anchor_date(published: str | None) -> date | None:
    """The article's own date (metadata), the anchor for "on Thursday" and "last month"."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def analyse_document(text: str, published: str | None = None,
                     extractor: str = "auto") -> DocumentAnalysis:
    extraction = extract(text, extractor)
    anchor = anchor_date(published)
    timexes = temporal.find(text, anchor)
    mentions = [m for actor in extraction.actors for m in actor.mentions]
    events = find_events(text, extraction.sentences, mentions, timexes, anchor, temporal.resolve)
    return DocumentAnalysis(extraction, timexes, events)
