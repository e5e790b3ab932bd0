"""CSV import: header mapping, datelines, line numbers and every way a row can be broken."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.ingest.record import REPAIRED, SKIPPED_RECORD, InputError, Problem, Record
from briefing.ingest.tabular import read
from tests.helpers import SHARED_DATA, split_items, write_file

ISOT = SHARED_DATA / "isot" / "True_partial.csv"


def _write(tmp_path: Path, content: str, name: str = "a.csv") -> Path:
    return write_file(tmp_path / name, content)


def _split(path: Path) -> tuple[list[Record], list[Problem]]:
    return split_items(read(path))


def test_isot_layout_maps_fields_and_dateline(tmp_path):
    path = _write(tmp_path, (
        "title,text,subject,date\n"
        '"Budget fight looms","WASHINGTON (Reuters) - The head of a faction spoke.",politicsNews,'
        '"December 31, 2017 "\n'
        '"No dateline","Statements were posted on Twitter.",worldNews,"November 9, 2017 "\n'
    ))
    records, problems = _split(path)
    assert problems == []
    first, second = records
    assert first.title == "Budget fight looms"
    assert first.text == "The head of a faction spoke."
    assert first.published == "2017-12-31"
    assert first.place == "Washington"
    assert first.source == "Reuters"  # the dateline's source beats the topic column
    assert first.extra == {"subject": "politicsNews"}
    assert first.origin == f"{path}:2"
    # Without a dateline the topic is the only source-like value there is.
    assert (second.source, second.place, second.published) == ("worldNews", None, "2017-11-09")
    assert second.extra == {"subject": "worldNews"}
    assert second.origin == f"{path}:3"


def test_embedded_newlines_keep_line_numbers_right(tmp_path):
    path = _write(tmp_path, (
        "Headline;Body;Date\r\n"
        '"One";"para 1\r\n\r\npara 2";2018-02-26\r\n'
        '"Two";"single";2018-02-27T10:30:00+01:00\r\n'
        '"Three";"a ""quoted"" word\nand more";\r\n'
    ))
    records, problems = _split(path)
    assert problems == []
    assert [r.origin for r in records] == [f"{path}:2", f"{path}:5", f"{path}:6"]
    assert records[0].text == "para 1\n\npara 2"
    assert records[1].published == "2018-02-27T09:30:00"
    assert records[2].text == 'a "quoted" word\nand more'
    assert records[2].published is None and records[2].extra == {}


def test_truncated_last_row_is_reported_not_fatal(tmp_path):
    path = _write(tmp_path, 'title,text\nA,"complete"\nB,"complete\ntoo"\nC,"cut off mid\nsentence')
    records, problems = _split(path)
    assert [r.title for r in records] == ["A", "B"]
    assert [(p.where, p.reason, p.action) for p in problems] == [
        (f"{path}:5", "truncated row: unterminated quoted field (file ends inside it)",
         SKIPPED_RECORD),
    ]


def test_ragged_rows_are_skipped_with_line_and_expectation(tmp_path):
    path = _write(tmp_path, (
        "title,text,date\n"
        "short,only two\n"
        "long,text,2018-01-01,surplus\n"
        "trailing empties,fine,2018-01-02,,\n"
        "\n"
        "ok,body,2018-01-03"  # no final newline: still a complete row
    ))
    records, problems = _split(path)
    assert [str(p) for p in problems] == [
        f"{path}:2: row has 2 fields, expected 3 (title, text, date) (skipped record)",
        f"{path}:3: row has 4 fields, expected 3 (title, text, date) (skipped record)",
    ]
    assert [(r.title, r.origin) for r in records] == [
        ("trailing empties", f"{path}:4"), ("ok", f"{path}:6"),
    ]


def test_tab_delimiter_and_aliases(tmp_path):
    path = _write(tmp_path, (
        " HEADLINE \tcontent\tPublisher\tLink\tlocation\tpubdate\tauthor\n"
        "Quake\tKINGSTON (Reuters) - The ground shook.\tAP\thttp://x.test/1\tJamaica\t"
        "26 Feb 2018\tJane Doe\n"
    ))
    (record,), problems = _split(path)
    assert problems == []
    # Columns given explicitly beat what the dateline says.
    assert (record.title, record.source, record.place) == ("Quake", "AP", "Jamaica")
    assert record.url == "http://x.test/1"
    assert record.published == "2018-02-26"
    assert record.text == "The ground shook."
    assert record.extra == {"author": "Jane Doe"}


def test_no_text_column_is_fatal_and_lists_header(tmp_path):
    path = _write(tmp_path, "title,summary,date\nA,B,C\n")
    with pytest.raises(InputError) as info:
        list(read(path))
    assert info.value.problem.where == str(path)
    assert 'header found: "title", "summary", "date"' in info.value.problem.reason
    assert "no text column" in info.value.problem.reason


def test_empty_file_is_fatal(tmp_path):
    with pytest.raises(InputError, match="empty file"):
        list(read(_write(tmp_path, "")))


def test_empty_text_and_bad_date_name_the_field(tmp_path):
    path = _write(tmp_path, 'title,body,date\nA,"   ",2018-01-01\nB,words,yesterday\n')
    records, problems = _split(path)
    assert [(p.where, p.reason, p.action) for p in problems] == [
        (f"{path}:2", 'field "body" is empty', SKIPPED_RECORD),
        (f"{path}:3", 'field "date": unrecognised date "yesterday"; published left empty',
         REPAIRED),
    ]
    (record,) = records
    assert record.published is None
    assert record.extra == {"date_raw": "yesterday"}


def test_cleaning_huge_fields_and_long_extras(tmp_path):
    huge = "word " * 40_000  # 200 KB: over the csv module's default field limit
    path = _write(tmp_path, (
        "title,text,notes,blurb\n"
        f'"Bad\x1b[31m title\x07","{huge}\x9b","{"n" * 1001}","Cafe\u0301  short"\n'
    ))
    (record,), problems = _split(path)
    assert problems == []
    assert record.title == "Bad title"
    assert len(record.text) == len(huge.strip()) and "\x9b" not in record.text
    assert record.extra == {"blurb": "Caf\u00e9 short"}  # NFC, folded; the 1001-char note dropped


def test_invalid_utf8_is_repaired_with_line(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"title,text\nA,fine\nB,caf\xe9\n")
    records, problems = _split(path)
    assert [str(p) for p in problems] == [
        f"{path}:3: invalid UTF-8 bytes replaced with U+FFFD (repaired)"
    ]
    assert [r.text for r in records] == ["fine", "caf\ufffd"]


_CELL = st.text(alphabet="ab ,;\t\"'\n", max_size=30)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_CELL, _CELL), min_size=1, max_size=8))
def test_any_quoted_content_round_trips_with_start_lines(tmp_path, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["title", "text"])
    starts = []
    for title, text in rows:
        starts.append(buffer.getvalue().count("\n") + 1)
        writer.writerow(["t" + title, "x" + text])  # never empty, never a dateline
    path = _write(tmp_path, buffer.getvalue())
    records, problems = _split(path)
    assert problems == []
    assert [r.origin for r in records] == [f"{path}:{n}" for n in starts]
    assert [r.text for r in records] == [("x" + text).strip() for _, text in rows]


@pytest.mark.skipif(not ISOT.exists(), reason="shared ISOT data not present")
def test_real_isot_file():
    started = time.perf_counter()
    records, problems = _split(ISOT)
    elapsed = time.perf_counter() - started
    assert len(records) == 912
    assert [(p.where, p.action) for p in problems] == [(f"{ISOT}:914", SKIPPED_RECORD)]
    assert problems[0].reason.startswith("truncated row")
    first = records[0]
    assert first.title == "As U.S. budget fight looms, Republicans flip their fiscal script"
    assert first.published == "2017-12-31"
    assert (first.place, first.source) == ("Washington", "Reuters")
    assert first.extra["subject"] == "politicsNews"
    assert first.text.startswith("The head of a conservative Republican faction")
    assert first.origin == f"{ISOT}:2"
    assert records[-1].origin == f"{ISOT}:913"
    assert all(r.published and r.published.startswith("2017-1") for r in records)
    assert elapsed < 1.0
