"""Paths the tests share: the bundled seeds and the optional ../shared/data."""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
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


@contextmanager
def read_only_folder(folder: Path):
    """The folder made read-only for whoever runs the tests. Root ignores file modes (and CI
    runs as root), so there the folder is bind-mounted read-only: the kernel refuses the write,
    as on a read-only share."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in (folder, *folder.iterdir())}
        for p in folder.iterdir():
            p.chmod(0o444)
        folder.chmod(0o555)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    bind = ["mount", "--bind", str(folder), str(folder)]
    if shutil.which("mount") is None or subprocess.run(bind, capture_output=True).returncode:
        pytest.skip("running as root without mount: nothing can make a folder read-only for root")
    try:
        remount = subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)],
                                 capture_output=True)
        if remount.returncode:
            pytest.skip("running as root and a read-only remount is not allowed here")
        yield
    finally:
        # Lazy: a connection still open (an app's worker thread) must not keep it mounted.
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
