"""Paths the tests share: the bundled seeds and the optional ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"


def shared(*parts: str) -> Path:
    """A path in ../shared/data, skipping the test cleanly when the data is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path


def split_items(items) -> tuple[list, list]:
    """A reader's output as (records, problems)."""
    from briefing.ingest.record import Problem

    items = list(items)
    return ([i for i in items if not isinstance(i, Problem)],
            [i for i in items if isinstance(i, Problem)])


def write_file(path: Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    """Write `data` (text in `encoding`, or bytes as given) to `path`, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
    return path
