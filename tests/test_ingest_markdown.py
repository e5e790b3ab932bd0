"""Markdown import: flat front matter, title from the first heading, body kept as markdown."""

from __future__ import annotations

from pathlib import Path

from briefing.ingest.markdown import read
from briefing.ingest.record import REPAIRED, SKIPPED_RECORD, Problem, Record


def _read(tmp_path: Path, content: str) -> tuple[Path, list[Record], list[Problem]]:
    path = tmp_path / "story.md"
    path.write_bytes(content.encode("utf-8"))
    out = list(read(path))
    records = [o for o in out if isinstance(o, Record)]
    return path, records, [o for o in out if isinstance(o, Problem)]


def test_front_matter_fields_and_body_kept_as_markdown(tmp_path):
    path, (record,), problems = _read(tmp_path, (
        "---\n"
        'title: "Talks: a \\"breakthrough\\""\n'
        "date: 2018-02-26T10:00:00Z\n"
        "source: 'Reuters'' wire'\n"
        "url: https://x.test/talks\n"
        "place: Geneva  # filed from\n"
        "tags:\n"
        "  - diplomacy\n"
        "  - un\n"
        "authors: [a, b]\n"
        "author: Jane Doe\n"
        "---\n"
        "\n"
        "Negotiators met on **Monday**.\n"
        "\n"
        "- point one\n"
        "- point two\n"
    ))
    assert problems == []
    assert record.title == 'Talks: a "breakthrough"'
    assert record.published == "2018-02-26T10:00:00"
    assert record.source == "Reuters' wire"
    assert record.url == "https://x.test/talks"
    assert record.place == "Geneva"
    assert record.extra == {"author": "Jane Doe"}  # lists are skipped, not mangled
    assert record.text == "Negotiators met on **Monday**.\n\n- point one\n- point two"
    assert record.origin == str(path)


def test_title_from_first_heading_outside_code_and_dateline(tmp_path):
    _, (record,), problems = _read(tmp_path, (
        "```sh\n# not a heading\n```\n"
        "# Storm hits coast #\n"
        "\n"
        "MANILA (Reuters) - A storm hit.\n"
        "\n"
        "# Second heading\n"
    ))
    assert problems == []
    assert record.title == "Storm hits coast"
    # A dateline only counts at the very start of the body; here a code block comes first.
    assert (record.place, record.source) == (None, None)
    assert record.text == (
        "```sh\n# not a heading\n```\n\nMANILA (Reuters) - A storm hit.\n\n# Second heading"
    )


def test_dateline_after_removed_title(tmp_path):
    _, (record,), _ = _read(tmp_path, "# Title\n\nPORTLAND, Ore., Feb 26 - Rain fell.\r\n\r\nMore.")
    assert (record.title, record.place, record.source) == ("Title", "Portland, Ore.", None)
    assert record.text == "Rain fell.\n\nMore."
    assert record.extra == {"dateline_date": "Feb 26"}


def test_front_matter_title_keeps_heading_in_body(tmp_path):
    _, (record,), _ = _read(tmp_path, "---\nheadline: From front\n---\n# In body\n\nText.\n")
    assert record.title == "From front"
    assert record.text == "# In body\n\nText."


def test_unclosed_front_matter_becomes_body(tmp_path):
    path, (record,), problems = _read(tmp_path, "---\ntitle: Lost\n\n# Heading\n\nBody text.\n")
    assert [(p.where, p.reason, p.action) for p in problems] == [
        (f"{path}:1", "front matter opened with --- is never closed; whole file read as body",
         REPAIRED),
    ]
    assert record.title == "Heading"
    assert record.text == "---\ntitle: Lost\n\n\nBody text."


def test_bad_date_and_control_characters(tmp_path):
    path, (record,), problems = _read(
        tmp_path, "---\ntitle: Evil\x1b]52;c;aGk=\x07 title\ndate: someday\n---\nBody\x1b[2J here.\n"
    )
    assert [str(p) for p in problems] == [
        f'{path}: field "date": unrecognised date "someday"; published left empty (repaired)'
    ]
    assert record.title == "Evil title"
    assert record.text == "Body here."
    assert (record.published, record.extra) == (None, {"date_raw": "someday"})


def test_empty_body_is_skipped(tmp_path):
    path, records, problems = _read(tmp_path, "---\ntitle: Only a title\n---\n\n  \n")
    assert records == []
    assert [(p.where, p.reason, p.action) for p in problems] == [
        (str(path), 'field "body" is empty', SKIPPED_RECORD)
    ]
