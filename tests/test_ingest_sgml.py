"""Reuters-21578 SGML: a hand-written sample with every oddity of the corpus, then the real files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.ingest import sgml
from briefing.ingest.record import REPAIRED, SKIPPED_RECORD, InputError, Problem, Record
from tests.helpers import shared, split_items, write_file

# Four stories as the corpus writes them: a control-entity start mark, an <UNKNOWN> block, a
# one-digit day, hard-wrapped paragraphs, a story with no BODY (BRIEF), an UNPROC table, a stray
# entity, and a story with nothing in it at all.
SAMPLE = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
<DATE> 2-MAR-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<PLACES><D>el-salvador</D><D>usa</D></PLACES>
<PEOPLE></PEOPLE>
<ORGS><D>ico-coffee</D></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<UNKNOWN> 
&#5;&#5;&#5;C T
&#22;&#22;&#1;f0704&#31;reute
u f BC-BAHIA-COCOA-REVIEW   02-26 0105</UNKNOWN>
<TEXT>&#2;
<TITLE>BAHIA &lt;COCOA> REVIEW &amp; OUTLOOK</TITLE>
<DATELINE>    SALVADOR, March 2 - </DATELINE><BODY>Showers continued throughout the week in
the Bahia cocoa zone, &foo; said Comissaria &lt;Smith>, an anti-
drought group.
    The dry period&#27;[31m means the temporao will be late.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5573" NEWID="30">
<DATE>26-FEB-1987 15:41:56.87</DATE>
<TOPICS></TOPICS>
<PLACES></PLACES>
<PEOPLE></PEOPLE>
<ORGS></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>ASSETS OF MONEY MARKET FUNDS ROSE
</TITLE>Blah blah blah.
&#3;

</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5600" NEWID="31">
<DATE>26-FEB-1987 16:00:00.00</DATE>
<TOPICS></TOPICS>
<PLACES></PLACES>
<PEOPLE></PEOPLE>
<ORGS></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<TEXT TYPE="UNPROC">&#2;
FED WEEKLY REPORT - FEB 26
 Net free reserves.......644 vs.....1,337
 Bank borrowings.........680 vs.......425
 Reuter
&#3;

</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="1762" NEWID="32">
<DATE> 3-APR-1987 07:09:06.48</DATE>
<TOPICS></TOPICS>
<PLACES></PLACES>
<PEOPLE></PEOPLE>
<ORGS></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<TEXT TYPE="UNPROC">&#2;
&#3;

</TEXT>
</REUTERS>
"""

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _write(tmp_path: Path, content: str, name: str = "reut2-900.sgm") -> Path:
    return write_file(tmp_path / name, content, "latin-1")


def _split(path: Path) -> tuple[list[Record], list[Problem]]:
    return split_items(sgml.read(path))


def test_sample_story_fields(tmp_path):
    path = _write(tmp_path, SAMPLE)
    records, _ = _split(path)
    story = records[0]
    assert story.origin == f"{path}#1"
    assert story.title == "BAHIA <COCOA> REVIEW & OUTLOOK"
    assert story.published == "1987-03-02T15:01:01"  # one-digit day with a leading space
    assert story.place == "Salvador"
    assert story.source == "Reuters"
    assert story.extra == {
        "topics": "cocoa",
        "places": "el-salvador;usa",
        "orgs": "ico-coffee",
        "dateline": "SALVADOR, March 2",
    }
    # Reflowed into paragraphs; the hyphen-broken compound joined; the unknown entity kept
    # literally; the ESC from &#27; removed (no terminal escapes); the sign-off gone.
    assert story.text == (
        "Showers continued throughout the week in the Bahia cocoa zone, &foo; said Comissaria "
        "<Smith>, an anti-drought group.\n\n"
        "The dry period means the temporao will be late."
    )


def test_brief_unproc_and_empty_stories(tmp_path):
    path = _write(tmp_path, SAMPLE)
    records, problems = _split(path)
    brief, unproc = records[1], records[2]
    # BRIEF: the editors' "Blah blah blah." placeholder is not text; the headline is the story.
    assert brief.title == brief.text == "ASSETS OF MONEY MARKET FUNDS ROSE"
    assert brief.extra == {"type": "BRIEF"}
    assert brief.place is None and brief.published == "1987-02-26T15:41:56"
    # UNPROC: no TITLE; the table keeps its rows.
    assert unproc.title is None
    assert unproc.text == (
        "FED WEEKLY REPORT - FEB 26\n\n"
        "Net free reserves.......644 vs.....1,337\n"
        "Bank borrowings.........680 vs.......425"
    )
    assert len(records) == 3
    assert problems == [Problem(f"{path}#32", "story has neither text nor title", SKIPPED_RECORD)]


def test_truncated_file_keeps_what_it_has(tmp_path):
    cut = SAMPLE.index("The dry period")
    path = _write(tmp_path, SAMPLE[:cut])
    records, problems = _split(path)
    assert [p.action for p in problems] == [REPAIRED]
    assert problems[0].where == f"{path}#1" and "not closed" in problems[0].reason
    assert records[0].text.startswith("Showers continued") and records[0].title


def test_story_without_newid_is_named_by_line(tmp_path):
    content = SAMPLE.replace(' NEWID="30"', "")
    path = _write(tmp_path, content)
    records, _ = _split(path)
    line = content[: content.index('OLDID="5573"')].count("\n") + 1
    assert records[1].origin == f"{path}:{line}"


def test_junk_after_date_is_ignored_and_a_missing_date_is_not_invented(tmp_path):
    content = SAMPLE.replace("26-FEB-1987 15:41:56.87", "26-FEB-1987 15:41:56.87&#5;&#5;&#5;RM")
    content = content.replace("26-FEB-1987 16:00:00.00", "sometime in February")
    records, problems = _split(_write(tmp_path, content))
    assert records[1].published == "1987-02-26T15:41:56"
    assert records[2].published is None
    assert [p.action for p in problems if "date" in p.reason] == [REPAIRED]


def test_not_sgml_is_an_input_error(tmp_path):
    path = _write(tmp_path, "just some text\n", name="notes.sgm")
    with pytest.raises(InputError, match="notes.sgm"):
        list(sgml.read(path))


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Gold closed at 400 dlrs an ounce. REUTER\n&#3;", "Gold closed at 400 dlrs an ounce."),
        ("Talks go on.\n More\n&#3;", "Talks go on."),
        ("It said so.\nREUTER...^M\n&#3;", "It said so."),
        ("The minister told\nReuters.\n&#3;", "The minister told Reuters."),  # prose, not a sign-off
        ("He wants more.\n&#3;", "He wants more."),
    ],
)
def test_signoffs(tmp_path, body, text):
    content = SAMPLE.replace(SAMPLE[SAMPLE.index("<BODY>") + 6 : SAMPLE.index("</BODY>")], body)
    records, _ = _split(_write(tmp_path, content))
    assert records[0].text == text


def test_sniff():
    assert sgml.sniff(SAMPLE.encode("latin-1")[:1024])
    assert not sgml.sniff(b'<?xml version="1.0"?><rss version="2.0">')


# --- the real corpus (skipped when ../shared/data is absent) ---------------------------------


def test_real_reut2_000():
    records, problems = _split(shared("reuters21578", "reut2-000.sgm"))
    assert len(records) == 1000 and problems == []
    first = records[0]
    assert first.origin.endswith("reut2-000.sgm#1")
    assert first.title == "BAHIA COCOA REVIEW"
    assert first.published == "1987-02-26T15:01:01"
    assert first.place == "Salvador"
    assert first.text.startswith("Showers continued throughout the week in the Bahia cocoa zone,")
    assert "\n\nThe dry period means the temporao will be late this year.\n\n" in first.text
    assert first.extra["places"] == "el-salvador;usa;uruguay"
    for record in records:
        assert record.text and not CONTROL.search(record.text + (record.title or ""))
        assert record.published and record.published.startswith("1987-")
        assert not re.search(r"\n\s*Reuter\s*$", record.text)
        assert "&lt;" not in record.text and "Blah blah blah" not in record.text


def test_real_corpus_is_whole():
    files = sorted(shared("reuters21578").glob("reut2-*.sgm"))
    out = [item for path in files for item in sgml.read(path)]
    records = [o for o in out if isinstance(o, Record)]
    problems = [o for o in out if isinstance(o, Problem)]
    # 21,578 stories; one (NEWID 12793) is an empty UNPROC story.
    assert len(records) == 21577
    assert [p.where.rsplit("#", 1)[1] for p in problems] == ["12793"]
    assert len({r.origin for r in records}) == len(records)
    assert all(r.published for r in records)
    assert sum(r.place is not None for r in records) > 18000
