"""JSON Lines and JSON array import: bad lines are skipped, a bad document is fatal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.ingest.jsonrec import read
from briefing.ingest.record import REPAIRED, SKIPPED_RECORD, InputError, Problem, Record
from tests.helpers import split_items, write_file


def _write(tmp_path: Path, name: str, content: str) -> Path:
    return write_file(tmp_path / name, content)


def _split(path: Path) -> tuple[list[Record], list[Problem]]:
    return split_items(read(path))


def test_jsonl_bad_lines_are_skipped_and_named(tmp_path):
    lines = [
        json.dumps({"title": "One", "text": "LONDON (Reuters) - First.", "date": "2018-02-26"}),
        "",
        "{not json",
        "[1, 2]",
        '"just a string"',
        json.dumps({"Headline": "Two", "Content": "Second.", "Link": "http://x.test/2"}),
    ]
    path = _write(tmp_path, "a.jsonl", "\r\n".join(lines) + "\r\n\r\n")
    records, problems = _split(path)
    assert [(p.where, p.reason, p.action) for p in problems] == [
        (f"{path}:3", "invalid JSON at column 2: Expecting property name enclosed in double quotes",
         SKIPPED_RECORD),
        (f"{path}:4", "not a JSON object but an array", SKIPPED_RECORD),
        (f"{path}:5", "not a JSON object but a string", SKIPPED_RECORD),
    ]
    first, second = records
    assert (first.origin, first.title, first.text) == (f"{path}:1", "One", "First.")
    assert (first.place, first.source, first.published) == ("London", "Reuters", "2018-02-26")
    assert (second.origin, second.title, second.url) == (f"{path}:6", "Two", "http://x.test/2")


def test_jsonl_line_separator_inside_string_is_not_a_line_break(tmp_path):
    path = _write(tmp_path, "a.ndjson", json.dumps({"text": "a\u2028b"}, ensure_ascii=False)
                  + "\n" + json.dumps({"text": "c"}) + "\n")
    records, problems = _split(path)
    assert problems == []
    assert [(r.origin, r.text) for r in records] == [(f"{path}:1", "a\u2028b"), (f"{path}:2", "c")]


def test_non_string_values(tmp_path):
    rows = [
        {"body": ["Para one.", "Para two."], "title": 42, "published_at": 1519639200,
         "meta": {"a": 1}, "rank": 3.5, "flag": True, "none": None},
        {"text": {"html": "<p>x</p>"}},
        {"text": "kept", "title": {"en": "T"}, "date": 1519639200000},
        {"text": "   "},
        {"summary": "no body here", "title": "X"},
        {"text": "y", "date": [2018, 2, 26]},
    ]
    path = _write(tmp_path, "a.jsonl", "\n".join(json.dumps(r) for r in rows))
    records, problems = _split(path)
    assert [(p.where, p.reason, p.action) for p in problems] == [
        (f"{path}:2", 'field "text" is an object, not text', SKIPPED_RECORD),
        (f"{path}:3", 'field "title" is an object, ignored', REPAIRED),
        (f"{path}:4", 'field "text" is empty', SKIPPED_RECORD),
        (f"{path}:5", "no text field (expected one of text, body, content, article); "
                      "keys: summary, title", SKIPPED_RECORD),
        (f"{path}:6", 'field "date": unrecognised date "[2018, 2, 26]"; published left empty',
         REPAIRED),
    ]
    first, third, sixth = records
    assert first.text == "Para one.\n\nPara two."
    assert first.title == "42"
    assert first.published == "2018-02-26T10:00:00"  # Unix seconds, UTC
    assert first.extra == {"meta": '{"a": 1}', "rank": "3.5", "flag": "true"}
    assert (third.title, third.published) == (None, "2018-02-26T10:00:00")  # milliseconds
    assert sixth.extra == {"date_raw": "[2018, 2, 26]"}


def test_json_array_origins_use_element_number(tmp_path):
    doc = [{"title": "A", "text": "one"}, "oops", {"title": "C", "article": "three"}]
    path = _write(tmp_path, "a.json", json.dumps(doc, indent=2))
    records, problems = _split(path)
    assert [str(p) for p in problems] == [
        f"{path}#2: not a JSON object but a string (skipped record)"
    ]
    assert [(r.origin, r.title, r.text) for r in records] == [
        (f"{path}#1", "A", "one"), (f"{path}#3", "C", "three"),
    ]


@pytest.mark.parametrize("key", ["articles", "items"])
def test_json_object_with_article_list(tmp_path, key):
    path = _write(tmp_path, "a.json", json.dumps({"status": "ok", key: [{"content": "x"}]}))
    (record,), problems = _split(path)
    assert problems == [] and (record.origin, record.text) == (f"{path}#1", "x")


def test_invalid_json_document_is_fatal_with_line_and_column(tmp_path):
    path = _write(tmp_path, "a.json", '[\n  {"text": "a"},\n  {"text": "b",}\n]\n')
    with pytest.raises(InputError) as info:
        list(read(path))
    assert info.value.problem.where == str(path)
    assert info.value.problem.reason == (
        "invalid JSON at line 3, column 16: Expecting property name enclosed in double quotes"
    )


def test_json_object_without_list_is_fatal(tmp_path):
    path = _write(tmp_path, "a.json", '{"status": "ok", "count": 0}')
    with pytest.raises(InputError, match='found an object with keys: status, count'):
        list(read(path))


def test_json_lines_saved_as_json_still_import(tmp_path):
    path = _write(tmp_path, "a.json", '{"text": "one"}\n{"text": "two"}\n{broken\n')
    records, problems = _split(path)
    assert [(r.origin, r.text) for r in records] == [(f"{path}:1", "one"), (f"{path}:2", "two")]
    assert [p.where for p in problems] == [f"{path}:3"]


_PIECES = [
    json.dumps({"title": "Quake", "text": "NAPA (Reuters) - A quake struck.", "date": "2014-08-24"}).encode(),
    json.dumps({"title": "Línea", "text": "Texto con acentos y \u2028 separador."}, ensure_ascii=False).encode(),
    b'{"title": "Bad \xff\xfe bytes", "text": "Body with bad bytes."}',
    b'{"title": "NUL", "text": "A stray \x00 NUL."}',
    b"{not json", b"", b"   ", b"[1, 2]", b'{"title": "CR", "text": "Windows line."}\r',
]


@pytest.mark.parametrize("seed", range(40))
def test_jsonl_read_a_line_at_a_time_gives_what_reading_it_whole_gives(tmp_path, seed):
    """The streaming reader against the whole-file decoding it replaced, on mixes of good,
    bad, blank, invalid-UTF-8, NUL and CRLF lines, with and without a UTF-8 BOM."""
    import random

    from briefing.ingest import jsonrec
    from briefing.ingest.decode import read_text

    rng = random.Random(seed)
    lines = [rng.choice(_PIECES) for _ in range(rng.randint(1, 12))]
    bad = any(b"\xff" in line for line in lines)
    if bad:  # whole-file decoding names only the invalid bytes when a file has both
        lines = [line for line in lines if b"\x00" not in line] or [_PIECES[0]]
    data = (b"\xef\xbb\xbf" if seed % 3 == 0 else b"") + b"\n".join(lines) + b"\n" * (seed % 2)
    path = tmp_path / "mix.jsonl"
    path.write_bytes(data)
    try:
        text, problems = read_text(path)
        whole = problems + list(jsonrec._read_lines(path, enumerate(text.split("\n"), 1)))
    except InputError as exc:
        whole = [exc.problem]
    try:
        streamed = list(read(path))
    except InputError as exc:
        streamed = [exc.problem]
    records = lambda items: [i for i in items if isinstance(i, Record)]  # noqa: E731
    problems = lambda items: sorted(str(p) for p in items  # noqa: E731
                                    if isinstance(p, Problem))
    assert records(streamed) == records(whole)
    assert problems(streamed) == problems(whole)
