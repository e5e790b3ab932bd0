"""Reading ahead: parse the next batches in a thread while the current one is stored.

Storing a batch is mostly SQLite work (row and full-text inserts, commit), during which Python's
sqlite3 releases the GIL; parsing is Python work. Run side by side on two threads they overlap,
and the writes stay on the caller's thread and connection, one transaction per batch as before.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")

_DONE = object()


class _Failed:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def batches_ahead(items: Iterator[T], size: int, depth: int = 2) -> Iterator[list[T]]:
    """`items` in lists of `size`, produced by a thread that keeps up to `depth` lists ready.
    An exception in `items` is raised here, in the caller's thread. If the caller stops early
    (an error storing, Ctrl-C), the thread stops at its next hand-over."""
    ready: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def hand_over(value) -> bool:
        while not stop.is_set():
            try:
                ready.put(value, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        batch: list[T] = []
        try:
            for item in items:
                batch.append(item)
                if len(batch) >= size:
                    if not hand_over(batch):
                        return
                    batch = []
            if batch and not hand_over(batch):
                return
            hand_over(_DONE)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, who raises it
            hand_over(_Failed(exc))

    # A daemon: an interrupted ingest must not wait for a reader stuck in a huge file.
    thread = threading.Thread(target=produce, name="briefing-read-ahead", daemon=True)
    thread.start()
    try:
        while (got := ready.get()) is not _DONE:
            if isinstance(got, _Failed):
                raise got.exc
            yield got
    finally:
        stop.set()
        thread.join(timeout=1.0)
