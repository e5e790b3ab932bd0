"""Domain objects the facade hands to the CLI, the TUI and export (never raw rows)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# Hit markers for snippet()/highlight(): control characters are stripped from every article at
# ingest, so these can never occur in stored text and never be confused with content.
HIT_START, HIT_END = "\x02", "\x03"


def split_marked(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Plain text and (start, end) spans of hits from a string with HIT markers."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    pos, start = 0, None
    for i, part in enumerate(marked.replace(HIT_END, HIT_START).split(HIT_START)):
        if i % 2 == 1:
            start = pos
        plain.append(part)
        pos += len(part)
        if i % 2 == 1 and start is not None:
            spans.append((start, pos))
    return "".join(plain), spans


@dataclass(slots=True)
class Article:
    id: int
    title: str | None
    text: str
    source: str | None = None
    place: str | None = None
    published: str | None = None
    url: str | None = None
    origin: str | None = None
    ingested: str | None = None
    duplicate_of: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Hit:
    id: int
    title: str | None
    published: str | None
    place: str | None
    source: str | None
    snippet: str
    snippet_hits: list[tuple[int, int]] = field(default_factory=list)
    title_hits: list[tuple[int, int]] = field(default_factory=list)
    score: float | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["snippet_hits"] = [list(s) for s in self.snippet_hits]
        data["title_hits"] = [list(s) for s in self.title_hits]
        return data


@dataclass(slots=True)
class Summary:
    database: str
    articles: int
    duplicates: int
    dated: int
    first: str | None
    last: str | None
    sources: list[tuple[str, int]]
    places: list[tuple[str, int]]
    schema_version: int
    extractors: list[tuple[str, int]] = field(default_factory=list)  # which analysed how many

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class ActorRow:
    id: int
    name: str
    type: str
    country: str | None
    roles: list[str]
    mentions: int
    articles: int

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class RoleSource:
    title: str
    country: str | None
    article_id: int
    article_title: str | None
    sentence: str  # the sentence the role was read from, quoted as evidence

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class MentionSpan:
    start: int
    end: int
    actor_id: int
    name: str
    type: str


@dataclass
class ActorProfile:
    actor: ActorRow
    acronym: str | None
    aliases: list[str]
    roles: list[RoleSource]
    articles: list[tuple[int, str | None, str | None, int]]  # id, title, published, mentions
    co_actors: list[tuple[str, str, int]]  # name, type, articles shared

    def as_dict(self) -> dict:
        return {**self.actor.as_dict(), "acronym": self.acronym, "aliases": self.aliases,
                "roles": [r.as_dict() for r in self.roles],
                "articles": [dict(zip(("id", "title", "published", "mentions"), a))
                             for a in self.articles],
                "co_actors": [dict(zip(("name", "type", "shared_articles"), c))
                              for c in self.co_actors]}


@dataclass(slots=True)
class EvidencePair:
    source_start: int
    source_end: int
    source_text: str
    target_start: int
    target_end: int
    target_text: str
    note: str = ""


@dataclass(slots=True)
class LinkView:
    """A stored link with both articles' titles and the evidence sentences quoted."""

    id: int
    source: int
    target: int
    type: str
    score: float
    reason: str
    source_title: str | None
    target_title: str | None
    evidence: list[EvidencePair] = field(default_factory=list)
    diff: dict = field(default_factory=dict)
    inferred_order: bool = False

    @property
    def kind(self) -> str:
        """The type, except that a same_event link of strength "story" (the same subject,
        perhaps weeks apart) is "same_story": the weakest claim, shown and weighed as such."""
        if self.type == "same_event" and self.diff.get("strength") == "story":
            return "same_story"
        return self.type

    def other(self, article_id: int) -> tuple[int, str | None, str]:
        """(id, title, direction) of the article at the other end, seen from `article_id`."""
        if article_id == self.source:
            return self.target, self.target_title, "→"
        return self.source, self.source_title, "←"

    def as_dict(self) -> dict:
        return {
            "id": self.id, "source": self.source, "target": self.target, "type": self.type,
            "score": self.score, "reason": self.reason, "source_title": self.source_title,
            "target_title": self.target_title,
            "evidence": [{"source": {"start": e.source_start, "end": e.source_end,
                                     "text": e.source_text},
                          "target": {"start": e.target_start, "end": e.target_end,
                                     "text": e.target_text}, "note": e.note}
                         for e in self.evidence],
            "diff": self.diff, "inferred_order": self.inferred_order,
        }


@dataclass(slots=True)
class EventView:
    article_id: int
    event: dict  # analysis.events.model.Event.as_dict()
    sentence: str

    def as_dict(self) -> dict:
        return {"article_id": self.article_id, **self.event, "sentence_text": self.sentence}


@dataclass(slots=True)
class TimelineEntry:
    article_id: int
    title: str | None
    date: str | None  # the event's own time when resolved to a day, else the article's date
    date_inferred: bool  # placed by what the articles say, not a stated date
    event: dict
    sentence: str

    def as_dict(self) -> dict:
        return {"article_id": self.article_id, "title": self.title, "date": self.date,
                "date_inferred": self.date_inferred, **self.event, "sentence_text": self.sentence}


@dataclass(slots=True)
class Note:
    id: int
    article_id: int
    text: str
    start: int | None = None  # the passage the note is on, when it is on one
    end: int | None = None
    quote: str | None = None
    created: str | None = None
    updated: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class ScopeActor:
    """An actor as an export scope sees it: counts within the scope's articles, and the roles
    those articles give it (each with the sentence it was read from)."""

    id: int
    name: str
    type: str
    country: str | None
    articles: int  # articles of the scope mentioning it
    mentions: int  # mentions within those articles
    roles: list[RoleSource] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)
