"""Where things live: the default database (XDG data dir) and the bundled seed articles."""

from __future__ import annotations

import os
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def default_db() -> Path:
    if os.environ.get("BRIEFING_DB"):
        return Path(os.environ["BRIEFING_DB"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "briefing" / "briefing.db"
