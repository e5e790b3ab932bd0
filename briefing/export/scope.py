"""What an export covers: a scope names a set of articles, resolved through the facade."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.store.corpus import Corpus
from briefing.store.query import QueryError

KINDS = ("all", "query", "bookmarks", "actor", "story", "ids")


class ExportError(ValueError):
    """A problem the user must fix (bad scope, unknown actor, nothing in scope, bad format);
    the message is shown as-is."""


@dataclass(frozen=True)
class Scope:
    """kind: all | query | bookmarks | actor | story | ids. value: the query text, the actor's
    name, the story's article id, or the list of article ids. since/until (YYYY[-MM[-DD]],
    inclusive) narrow any kind to a publication range."""

    kind: str
    value: str | int | list[int] | tuple[int, ...] | None = None
    since: str | None = None
    until: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.value, list):  # kept as a tuple, so a Scope stays hashable
            object.__setattr__(self, "value", tuple(self.value))


@dataclass
class Resolved:
    """A scope resolved against a corpus: its article ids and how to describe it."""

    scope: Scope
    ids: list[int]
    label: str
    value: object = None  # the value normalised: str, int or list of ints
    matched: list[str] = field(default_factory=list)  # actor scope: the actors' names


def parse_ids(value) -> list[int]:
    """Article ids from a list/tuple of ints or a string like "1,2,3" / "1 2 3"."""
    if isinstance(value, int) and not isinstance(value, bool):
        return [value]
    if isinstance(value, str):
        parts = [p for p in re.split(r"[\s,]+", value.strip()) if p]
    elif isinstance(value, (list, tuple)):
        parts = list(value)
    else:
        raise ExportError("an ids scope needs article ids, like 1,2,3")
    ids = []
    for part in parts:
        try:
            if isinstance(part, bool):
                raise ValueError
            ids.append(int(part))
        except (TypeError, ValueError):
            raise ExportError(f"article ids are whole numbers, like 1,2,3; got {part!r}") from None
    if not ids:
        raise ExportError("an ids scope needs at least one article id, like 1,2,3")
    return list(dict.fromkeys(ids))


def _range(scope: Scope) -> str:
    if scope.since and scope.until:
        return f", {scope.since} to {scope.until}"
    if scope.since:
        return f", since {scope.since}"
    return f", until {scope.until}" if scope.until else ""


def resolve(corpus: Corpus, scope: Scope) -> Resolved:
    """The article ids of a scope (ascending), or an ExportError that names the problem."""
    if not isinstance(scope, Scope):
        raise ExportError(f"expected a Scope, got {type(scope).__name__}")
    if scope.kind not in KINDS:
        raise ExportError(f"unknown scope {scope.kind!r}; choose one of {', '.join(KINDS)}")
    kind, value, matched = scope.kind, scope.value, []
    if kind == "all":
        ids, label = corpus.article_ids(), "all articles"
    elif kind == "bookmarks":
        ids, label = sorted(corpus.bookmarks()), "bookmarked articles"
        if not ids:
            raise ExportError("no bookmarked articles: bookmark some first")
    elif kind == "query":
        value = str(value or "").strip()
        if not value:
            raise ExportError("a query scope needs search text")
        try:
            ids = corpus.search_ids(value)
        except QueryError as exc:
            raise ExportError(f"bad query: {exc}") from None
        label = f"search “{value}”"
    elif kind == "actor":
        value = str(value or "").strip()
        if not value:
            raise ExportError("an actor scope needs an actor's name")
        matched, ids = corpus.actor_articles(value)
        if not matched:
            raise ExportError(f"unknown actor {value!r}: no actor has that name, alias or word")
        label = "actor " + " / ".join(matched)
    elif kind == "story":
        try:
            value = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ExportError(f"a story scope needs an article id, got {value!r}") from None
        article = corpus.article(value)
        if article is None:
            raise ExportError(f"no article with id {value}")
        ids = corpus.story(value)
        label = f"story of article {value} ({article.title or 'untitled'})"
    else:  # ids
        value = parse_ids(value)
        found = set(corpus.article_ids(within=value, duplicates=True))
        missing = [i for i in value if i not in found]
        if missing:
            raise ExportError("no article with id " + ", ".join(map(str, missing)))
        ids = sorted(value)
        label = ("article " if len(value) == 1 else "articles ") + ", ".join(map(str, value))
    if scope.since or scope.until:
        try:
            ids = corpus.article_ids(scope.since, scope.until, within=ids, duplicates=True)
        except QueryError as exc:
            raise ExportError(str(exc)) from None
    label += _range(scope)
    if not ids:
        raise ExportError(f"no articles in scope: {label}")
    return Resolved(scope, ids, label, value, matched)
