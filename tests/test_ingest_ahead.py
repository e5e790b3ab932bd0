"""Reading ahead on a thread: the batches, their order and errors are those of a plain loop."""

import threading

import pytest

from briefing.ingest.ahead import batches_ahead


def test_batches_keep_order_and_size():
    assert list(batches_ahead(iter(range(7)), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batches_ahead(iter([]), 3)) == []


def test_an_error_while_reading_is_raised_to_the_caller_after_the_batches_before_it():
    def items():
        yield from range(4)
        raise ValueError("bad record 5")

    got = []
    with pytest.raises(ValueError, match="bad record 5"):
        for batch in batches_ahead(items(), 2):
            got.append(batch)
    assert got == [[0, 1], [2, 3]]


def test_a_caller_that_stops_early_stops_the_reader():
    produced = []

    def items():
        for i in range(10_000):
            produced.append(i)
            yield i

    batches = batches_ahead(items(), 10, depth=2)
    assert next(batches) == list(range(10))
    batches.close()  # what an error while storing or Ctrl-C does to the loop
    assert not any(t.name == "briefing-read-ahead" for t in threading.enumerate())
    assert len(produced) < 100  # it kept at most a few batches ready, not the whole input
