"""Writing an export: atomically (a temporary file in the same directory, then a rename), never
over an existing file unless forced, or to stdout for "-"."""

from __future__ import annotations

import errno
import os
import re
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from briefing.export.scope import Scope

EXTENSIONS = {"markdown": "md", "json": "json", "html": "html"}


def write_text(text: str, path: str | os.PathLike, force: bool = False) -> Path:
    """Write `text` (UTF-8, "\\n" line ends) to `path`, or to stdout when path is "-".

    The text goes to a temporary file next to the target, is flushed to disk, then renamed
    over it (os.replace), so a reader never sees half a file. Without `force` an existing file
    raises FileExistsError, also when it appears while writing (os.link refuses to replace)."""
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return Path("-")
    target = Path(path)
    if not force and target.exists():
        raise FileExistsError(errno.EEXIST, "file exists", str(target))
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)  # atomic and refuses to replace: no window for a race
            except FileExistsError:
                raise FileExistsError(errno.EEXIST, "file exists", str(target)) from None
            except OSError:  # a file system without hard links
                if target.exists():
                    raise FileExistsError(errno.EEXIST, "file exists", str(target)) from None
                os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def default_filename(scope: Scope, fmt: str, generated: datetime | None = None) -> str:
    """A file name for an export: briefing-<scope>-<UTC time>.<ext>, e.g.
    briefing-actor-luis-videgaray-20260101-120000.md."""
    value = scope.value
    if isinstance(value, (list, tuple)):
        value = "-".join(map(str, value))
    slug = re.sub(r"[^a-z0-9]+", "-", f"{scope.kind} {value or ''}".lower()).strip("-")[:48]
    when = (generated or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return f"briefing-{slug.rstrip('-')}-{when:%Y%m%d-%H%M%S}.{EXTENSIONS.get(fmt, fmt)}"
