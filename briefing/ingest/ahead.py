"""Reading ahead: a large input is parsed in a second process while this one stores.

Parsing is Python work and so is much of storing (binding rows, hashing), so a thread could not
overlap them: the GIL made an ingest with a reader thread slower (200k articles: 61.8 s against
52.3 s in one). A forked process has its own interpreter: it parses and hands over whole batches,
and the writes stay in this process, on its connection, one transaction per batch as before.
Small inputs are read inline: a fork costs more than it saves there.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import signal
from collections.abc import Callable, Iterator

Message = tuple[str, object]
FORK_FROM_BYTES = 4 * 2**20  # about 5,000 articles


def run_ahead(job: Callable[..., Iterator[Message]], *args, total_bytes: int,
              depth: int = 4) -> Iterator[Message]:
    """The messages of `job(*args)`, produced in a forked process when the input is large.
    An exception in the job is raised here. If the caller stops early (an error storing,
    Ctrl-C), the process is stopped; if this process dies (kill -9), the child notices and
    exits."""
    if total_bytes < FORK_FROM_BYTES or "fork" not in multiprocessing.get_all_start_methods():
        yield from job(*args)
        return
    context = multiprocessing.get_context("fork")
    ready = context.Queue(maxsize=depth)
    child = context.Process(target=_child, args=(ready, job, args, os.getpid()),
                            name="briefing-read-ahead", daemon=True)
    child.start()
    try:
        while True:
            try:
                kind, payload = ready.get(timeout=1.0)
            except queue.Empty:
                if not child.is_alive():
                    raise RuntimeError("the reading process stopped unexpectedly") from None
                continue
            if kind == _DONE:
                return
            if kind == _FAILED:
                raise payload  # type: ignore[misc]
            yield kind, payload
    finally:
        if child.is_alive():
            child.terminate()
        child.join(timeout=2.0)
        ready.cancel_join_thread()
        ready.close()


_DONE, _FAILED = "_done", "_failed"


def _child(ready, job: Callable[..., Iterator[Message]], args: tuple, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle

    def hand_over(message: Message) -> bool:
        while os.getppid() == parent:  # an orphan (the parent was killed) stops
            try:
                ready.put(message, timeout=0.5)
                return True
            except queue.Full:
                continue
        return False

    try:
        for message in job(*args):
            if not hand_over(message):
                return
        hand_over((_DONE, None))
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
        hand_over((_FAILED, exc if _picklable(exc) else RuntimeError(repr(exc))))


def _picklable(exc: BaseException) -> bool:
    try:
        pickle.dumps(exc)
        return True
    except Exception:  # noqa: BLE001 - any failure means: send a plain copy instead
        return False
