"""The event data model shared by extraction, linking, storage and export."""

from __future__ import annotations

from dataclasses import dataclass, field

# Event types, the modality of each report, and the roles actors play in an event.
TYPES = ("visit", "meeting", "announcement", "agreement", "sanction", "vote")
PLANNED, REALIZED, ONGOING, CANCELLED, NEGATED = (
    "planned", "realized", "reported-ongoing", "cancelled/postponed", "negated")
MODALITIES = (PLANNED, REALIZED, ONGOING, CANCELLED, NEGATED)
AGENT, TARGET = "agent", "target"


@dataclass(slots=True)
class Participant:
    actor: str  # canonical actor name, as the actor extraction resolved it
    type: str  # PERSON, ORG, GPE, LOC
    start: int  # the mention that names it in this sentence
    end: int
    text: str


@dataclass(slots=True)
class EventTime:
    """The time expression attached to an event, resolved in the direction its modality
    implies (a plan looks forward from the article date, a report back)."""

    start: int
    end: int
    text: str
    value: str | None  # TimeML-style value ("2018-03", "2018-03-15"), None when undated
    granularity: str
    lo: str | None  # ISO dates, inclusive
    hi: str | None
    relative: bool  # placed by the article date, so inferred rather than stated


@dataclass(slots=True)
class Event:
    type: str  # one of TYPES
    cameo: str | None  # CAMEO code ("036" intent to meet or visit, "042" make a visit ...)
    modality: str  # one of MODALITIES
    sentence: int  # index into the document's sentences
    sentence_start: int
    sentence_end: int
    trigger_start: int  # the word that names the event ("travel", "visited", "trip")
    trigger_end: int
    trigger: str
    agent: Participant | None = None
    targets: list[Participant] = field(default_factory=list)  # counterparts, parties, targets
    places: list[Participant] = field(default_factory=list)  # destinations, venues (in order)
    time: EventTime | None = None
    explicit: bool = True  # the modality is stated by the event's own words, not guessed

    def as_dict(self) -> dict:
        def part(p: Participant | None):
            return None if p is None else {"actor": p.actor, "type": p.type, "start": p.start,
                                           "end": p.end, "text": p.text}

        return {
            "type": self.type, "cameo": self.cameo, "modality": self.modality,
            "explicit": self.explicit,
            "sentence": [self.sentence_start, self.sentence_end],
            "trigger": {"start": self.trigger_start, "end": self.trigger_end,
                        "text": self.trigger},
            "agent": part(self.agent), "targets": [part(t) for t in self.targets],
            "places": [part(p) for p in self.places],
            "time": None if self.time is None else {
                "text": self.time.text, "start": self.time.start, "end": self.time.end,
                "value": self.time.value, "granularity": self.time.granularity,
                "lo": self.time.lo, "hi": self.time.hi, "inferred": self.time.relative},
        }
