"""One article through every analysis step: actors, then time, then events, then the profile
`same_event` compares.

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
from briefing.analysis.links.same_event import EventProfile, profile


@dataclass
class DocumentAnalysis:
    extraction: Extraction
    timexes: list  # temporal.Timex
    events: list[Event]
    profile: EventProfile | None = None


def anchor_date(published: str | None) -> date | None:
    """The article's own date (metadata), the anchor for "on Thursday" and "last month"."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def headline(title: str | None, text: str) -> str:
    """The title as a headline of its own, or "" when it only repeats the lead (ingest gives an
    untitled article its first sentence as title): counted as a headline, the lead would weigh
    twice and untitled stories would look alike."""
    title = (title or "").strip()
    head = " ".join(title.rstrip("…").split())
    if head and " ".join(text[: len(title) + 200].split()).startswith(head.rstrip(".")):
        return ""
    return title


def event_profile(text: str, title: str | None, anchor: date | None,
                  extraction: Extraction | None = None) -> EventProfile:
    """What `same_event` compares for one article (`extraction` computed when None), without
    the text itself: the store has it, and linking never reads it."""
    found = profile("", text, headline(title, text), anchor, extraction)
    found.text = ""
    return found


def analyse_document(text: str, published: str | None = None,
                     extractor: str = "auto", title: str = "") -> DocumentAnalysis:
    extraction = extract(text, extractor)
    anchor = anchor_date(published)
    timexes = temporal.find(text, anchor)
    mentions = [m for actor in extraction.actors for m in actor.mentions]
    events = find_events(text, extraction.sentences, mentions, timexes, anchor, temporal.resolve)
    return DocumentAnalysis(extraction, timexes, events,
                            event_profile(text, title, anchor, extraction))
