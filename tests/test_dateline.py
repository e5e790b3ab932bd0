import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.ingest.dateline import parse_dateline


@pytest.mark.parametrize(
    "text, place, source, date, body",
    [
        ("KINGSTON (Reuters) - Mexico is looking", "Kingston", "Reuters", None, "Mexico is looking"),
        ("MEXICO CITY (Reuters) - Mexico’s foreign", "Mexico City", "Reuters", None, "Mexico’s foreign"),
        ("    SALVADOR, Feb 26 - Showers continued", "Salvador", None, "Feb 26", "Showers continued"),
        ("    PORTLAND, Ore., Feb 26 - The company", "Portland, Ore.", None, "Feb 26", "The company"),
        ("    SANTA CRUZ, Calif., Feb 26 -\n    Texas", "Santa Cruz, Calif.", None, "Feb 26", "Texas"),
        ("WASHINGTON, March 3 (Reuters) - Officials", "Washington", "Reuters", "March 3", "Officials"),
        ("ST. LUCIA (AP) — The minister", "St. Lucia", "AP", None, "The minister"),
        ("SEATTLE/WASHINGTON (Reuters) - Two", "Seattle/Washington", "Reuters", None, "Two"),
        ("WEST PALM BEACH, Fla./WASHINGTON (Reuters) - X", "West Palm Beach, Fla./Washington", "Reuters", None, "X"),
        ("(Reuters) - Source only", None, "Reuters", None, "Source only"),
    ],
)
def test_datelines(text, place, source, date, body):
    d = parse_dateline(text)
    assert (d.place, d.source, d.date_text, d.body) == (place, source, date, body)


@pytest.mark.parametrize(
    "text",
    ["Mexico is looking - into it", "A - b", "The U.S. - Mexico talks", "", "no dateline at all"],
)
def test_text_without_dateline_is_unchanged(text):
    d = parse_dateline(text)
    assert d.place is None and d.body == text


@given(st.text(max_size=300))
def test_never_raises_and_never_loses_text(s):
    d = parse_dateline(s)
    assert s.endswith(d.body)
