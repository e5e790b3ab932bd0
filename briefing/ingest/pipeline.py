"""From paths to stored articles: walk, detect, read, finalise, store in batches.

Each batch is one transaction, so a crash or Ctrl-C loses at most the batch in flight and a rerun
completes the job (identity hashes make already-stored articles no-ops). A large input is
parsed in a second process while this one stores (`ahead.py`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from briefing.ingest.ahead import Message, run_ahead
from briefing.ingest.clean import clean_field, clean_text
from briefing.ingest.detect import detect, reader, walk
from briefing.ingest.lead import derive_title
from briefing.ingest.record import REPAIRED, SKIPPED_FILE, InputError, Problem, Record
from briefing.store.articles import BatchResult, add_batch, bulk_writes

BATCH = 2000


@dataclass(slots=True)
class Progress:
    done_bytes: int
    total_bytes: int
    articles: int
    path: str


@dataclass
class IngestReport:
    files: int = 0
    added: int = 0
    duplicates: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.action != REPAIRED]

    def absorb(self, batch: BatchResult) -> None:
        self.added += batch.added
        self.duplicates += batch.duplicates
        self.unchanged += batch.unchanged

    def as_dict(self) -> dict:
        return {
            "files": self.files, "added": self.added, "duplicates": self.duplicates,
            "unchanged": self.unchanged, "skipped": len(self.skipped),
            "problems": [{"where": p.where, "reason": p.reason, "action": p.action}
                         for p in self.problems],
        }


def finalise(record: Record) -> Record | None:
    """Last safety net before storage: whatever a reader did, every stored string is clean."""
    record.text = clean_text(record.text)
    if not record.text:
        return None
    record.title = clean_field(record.title) or derive_title(record.text)
    record.source = clean_field(record.source)
    record.place = clean_field(record.place)
    record.url = clean_field(record.url)
    return record


def read_path(path: Path, fmt: str = "auto") -> Iterator[Record | Problem]:
    """Every record or problem in one file; never raises for bad input."""
    if not path.exists():
        yield Problem(str(path), "no such file or folder", SKIPPED_FILE)
        return
    try:
        read = reader(detect(path) if fmt == "auto" else fmt)
        yield from read(path)
    except InputError as exc:
        yield exc.problem
    except (ValueError, OSError, UnicodeError, RecursionError, MemoryError) as exc:
        # A reader bug or pathological file must not stop the rest of the ingest.
        yield Problem(str(path), f"unreadable: {type(exc).__name__}: {exc}", SKIPPED_FILE)


def ingest(
    db: sqlite_utils.Database,
    paths: list[Path],
    fmt: str = "auto",
    on_progress: Callable[[Progress], None] | None = None,
    batch_size: int = BATCH,
) -> IngestReport:
    report = IngestReport()
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    # Recorded before the first batch (finished stays empty until the end), so a database whose
    # first ingest was killed still counts as ingested and is never topped up with the seeds.
    run_id = db["ingests"].insert(
        {"started": started, "paths": json.dumps([str(p) for p in paths])}).last_pk
    files = list(walk(paths))
    sizes = [f.stat().st_size if f.exists() else 0 for f in files]
    where = (0, sum(sizes), "")  # bytes of the files read so far, of all, the last file
    with bulk_writes(db):
        for kind, payload in run_ahead(_read, files, sizes, fmt, batch_size,
                                       total_bytes=sum(sizes)):
            if kind == "batch":
                records, problems = payload
                report.problems += problems
                report.absorb(add_batch(db, records))
            else:
                report.files += 1
                where = payload
            if on_progress:  # after every batch too: one large file still shows articles moving
                on_progress(Progress(where[0], where[1], report.added, where[2]))
    db["ingests"].update(
        run_id,
        {"finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
         "added": report.added, "duplicates": report.duplicates, "unchanged": report.unchanged,
         "skipped": len(report.skipped)}
    )
    return report


def _read(files: list[Path], sizes: list[int], fmt: str, batch_size: int) -> Iterator[Message]:
    """What `ingest` stores, as messages (they may come from another process): ("batch",
    (records, problems met since the last batch)) and, after each file, ("file", (bytes done,
    bytes in all, path))."""
    batch: list[Record] = []
    problems: list[Problem] = []
    done, total = 0, sum(sizes)
    for path, size in zip(files, sizes):
        for item in read_path(path, fmt):
            if isinstance(item, Problem):
                problems.append(item)
            elif (record := finalise(item)) is None:
                problems.append(Problem(item.origin, "empty text after cleaning"))
            else:
                batch.append(record)
                if len(batch) >= batch_size:
                    yield "batch", (batch, problems)
                    batch, problems = [], []
        done += size
        yield "file", (done, total, str(path))
    yield "batch", (batch, problems)
