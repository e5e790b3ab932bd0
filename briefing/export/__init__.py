"""Briefing notes: what the analyst found, with sources, as Markdown, JSON or HTML.

    from briefing.export import Scope, build, render, write
    doc = build(corpus, Scope("actor", "Videgaray"))       # the versioned JSON document
    text = render(doc, "markdown")                          # "markdown" | "json" | "html"
    path = write(corpus, Scope("bookmarks"), "html", "notes.html")   # atomic; "-" = stdout

The JSON document (schema.json, JSON Schema draft 2020-12, `schema_version`) is the single
source: the Markdown and HTML are rendered from it. Core code: never imports textual.
"""

from __future__ import annotations

import errno
import json
import os
from datetime import datetime
from pathlib import Path

from briefing.export import to_html, to_markdown
from briefing.export.document import SCHEMA_VERSION, build
from briefing.export.schema import load_schema, validate
from briefing.export.scope import KINDS, ExportError, Scope
from briefing.export.writer import EXTENSIONS, default_filename, write_text
from briefing.store.corpus import Corpus

FORMATS = ("markdown", "json", "html")
_ALIASES = {"md": "markdown", "htm": "html"}

__all__ = ["FORMATS", "KINDS", "SCHEMA_VERSION", "EXTENSIONS", "ExportError", "Scope", "build",
           "default_filename", "load_schema", "render", "validate", "write"]


def render(doc: dict, fmt: str = "markdown") -> str:
    """The document as text in one of FORMATS (ExportError for any other)."""
    fmt = _ALIASES.get(fmt, fmt)
    if fmt == "markdown":
        return to_markdown.render(doc)
    if fmt == "html":
        return to_html.render(doc)
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write(corpus: Corpus, scope: Scope, fmt: str, path: str | os.PathLike, force: bool = False,
          generated: datetime | None = None) -> Path:
    """Build, render and write an export; "-" writes to stdout. Raises ExportError (bad scope,
    unknown actor, nothing in scope, unknown format) and FileExistsError (without force)."""
    fmt = _ALIASES.get(fmt, fmt)
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if str(path) != "-" and not force and Path(path).exists():  # before the work; again after
        raise FileExistsError(errno.EEXIST, "file exists", str(path))
    return write_text(render(build(corpus, scope, generated), fmt), path, force)
