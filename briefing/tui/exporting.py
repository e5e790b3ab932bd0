"""The one place the app calls the exporter (briefing.export), so the dialog does not depend on
its internals and a missing exporter is a message, not a crash."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.store.corpus import Corpus

FORMATS = {"markdown": ".md", "json": ".json", "html": ".html"}


@dataclass(frozen=True)
class ScopeChoice:
    """A scope the export dialog offers: its label, and what `briefing.export.Scope` gets."""

    label: str
    kind: str
    value: object = None


@dataclass(frozen=True)
class ExportRequest:
    kind: str  # all, query, bookmarks, actor, story, ids
    value: object
    fmt: str
    path: Path
    force: bool = False


class ExportUnavailable(RuntimeError):
    pass


def export(corpus: Corpus, request: ExportRequest) -> Path:
    try:
        from briefing.export import Scope, write
    except ImportError as exc:
        raise ExportUnavailable(f"export is not available in this version ({exc})") from None
    return write(corpus, Scope(request.kind, request.value), request.fmt, request.path,
                 force=request.force)
