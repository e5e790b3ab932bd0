"""Reading ahead in a forked process: the messages, their order and errors are those of the
same job run inline, and the reading process never outlives the ingest."""

import multiprocessing
import os
import signal
import subprocess
import sys
import time

import pytest

from briefing.ingest.ahead import FORK_FROM_BYTES, run_ahead
from tests.helpers import ROOT

BIG = FORK_FROM_BYTES  # as large an input as makes run_ahead fork


def numbers(n: int, fail_at: int | None = None):
    for i in range(n):
        if i == fail_at:
            raise ValueError(f"bad record {i}")
        yield "batch", [i, os.getpid()]


def test_forked_messages_are_the_inline_ones_in_order():
    inline = list(run_ahead(numbers, 50, total_bytes=0))
    forked = list(run_ahead(numbers, 50, total_bytes=BIG))
    assert [m[1][0] for m in forked] == [m[1][0] for m in inline] == list(range(50))
    assert {m[1][1] for m in inline} == {os.getpid()}
    assert os.getpid() not in {m[1][1] for m in forked}  # really read in another process


def test_an_error_while_reading_is_raised_to_the_caller_after_the_messages_before_it():
    got = []
    with pytest.raises(ValueError, match="bad record 4"):
        for message in run_ahead(numbers, 10, 4, total_bytes=BIG):
            got.append(message[1][0])
    assert got == [0, 1, 2, 3]


def test_a_caller_that_stops_early_stops_the_reading_process():
    messages = run_ahead(numbers, 10**9, total_bytes=BIG)
    assert next(messages)[1][0] == 0
    messages.close()  # what an error while storing, or Ctrl-C, does to the loop
    assert not [p for p in multiprocessing.active_children() if p.name == "briefing-read-ahead"]


PARENT = """
import sys, time
from briefing.ingest.ahead import FORK_FROM_BYTES, run_ahead
from tests.test_ingest_ahead import numbers
messages = run_ahead(numbers, 10**9, total_bytes=FORK_FROM_BYTES)
print(next(messages)[1][1], flush=True)  # the reading process's pid
time.sleep(120)
"""


def test_the_reading_process_exits_when_the_ingest_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        child = int(parent.stdout.readline())
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(child):
            assert time.monotonic() < deadline, "the orphaned reader kept running"
            time.sleep(0.1)
    finally:
        if parent.poll() is None:
            parent.kill()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


def test_a_large_ingest_read_in_another_process_reports_like_a_small_one(tmp_path):
    import json

    from briefing.store.corpus import Corpus

    n = 0
    path = tmp_path / "big.jsonl"
    with path.open("w") as f:
        while f.tell() < BIG * 1.2:
            if n == 3000:
                f.write("{not json\n")  # line 3001
            f.write(json.dumps({"title": f"Report {n}", "text": f"Harbour item {n}. " * 40})
                    + "\n")
            n += 1
    corpus = Corpus.open(tmp_path / "b.db", seed=False)
    seen = []
    report = corpus.ingest([path], on_progress=seen.append, analyse=False)
    assert (report.files, report.added) == (1, n)
    assert [(p.where, p.action) for p in report.problems] == [(f"{path}:3001", "skipped record")]
    assert seen[-1].done_bytes == seen[-1].total_bytes == path.stat().st_size
    assert seen[-1].articles == n  # counted by the storing process, not the reader
    assert [h.title for h in corpus.search('"Harbour item 4321"')] == ["Report 4321"]
