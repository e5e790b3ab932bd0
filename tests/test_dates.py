import datetime as dt
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.ingest.dates import normalize_date


@pytest.mark.parametrize(
    "raw, iso",
    [
        ("December 31, 2017 ", "2017-12-31"),  # ISOT, trailing space included
        ("Dec 31 2017", "2017-12-31"),
        ("31 December 2017", "2017-12-31"),
        (" 2-MAR-1987 15:01:01.79", "1987-03-02T15:01:01"),  # Reuters-21578, single-digit day
        ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"),
        ("Mon, 26 Feb 2018  10:00:00 GMT", "2018-02-26T10:00:00"),  # double space, as Medscape
        ("Thu, 01 Mar 2018 08:00:00 -0500", "2018-03-01T13:00:00"),  # offset folded to UTC
        ("2018-02-01", "2018-02-01"),
        ("2018-02-01T10:00:00+01:00", "2018-02-01T09:00:00"),
        ("2018-02", "2018-02"),
    ],
)
def test_known_formats(raw, iso):
    assert normalize_date(raw) == iso


@pytest.mark.parametrize("raw", ["", "yesterday", "Feb 30, 2017", "2018-13-01", "on Thursday", None, "x" * 500])
def test_unknown_dates_are_none_never_invented(raw):
    assert normalize_date(raw) is None


def test_datetime_and_struct_time():
    assert normalize_date(dt.datetime(2018, 2, 1)) == "2018-02-01"
    assert normalize_date(time.strptime("2018-02-01 10:20:30", "%Y-%m-%d %H:%M:%S")) == "2018-02-01T10:20:30"


@given(st.text(max_size=80))
def test_any_text_gives_iso_or_none(s):
    out = normalize_date(s)
    assert out is None or dt.date.fromisoformat((out + "-01")[:10]) is not None
