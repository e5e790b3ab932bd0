"""Bookmarks and notes: stored at once, found by the search filters, passages quoted."""

import sqlite3

import pytest

from briefing.store.query import QueryError, parse_query


def test_bookmarks_and_notes_are_written_immediately(seeded, tmp_path):
    first, second = [h.id for h in seeded.search("Videgaray", limit=5)]
    seeded.set_bookmark(first)
    text = seeded.article(second).text
    start = text.index("Grenada")
    note = seeded.add_note(second, "check the Grenada leg", start, start + len("Grenada"))
    assert note.quote == "Grenada"
    # another connection sees them without any save step (nothing held in a transaction)
    other = sqlite3.connect(seeded.path)
    assert other.execute("SELECT article_id FROM bookmarks").fetchall() == [(first,)]
    assert other.execute("SELECT text, quote FROM notes").fetchall() == [("check the Grenada leg", "Grenada")]
    seeded.update_note(note.id, "Grenada: not reported")
    assert [n.text for n in seeded.notes(second)] == ["Grenada: not reported"]
    seeded.set_bookmark(first, False)
    assert seeded.bookmarks() == [] and not seeded.is_bookmarked(first)
    seeded.delete_note(note.id)
    assert seeded.notes() == []


def test_search_filters_for_marks_and_links(seeded):
    ids = [h.id for h in seeded.search("Videgaray", limit=5)]
    seeded.set_bookmark(ids[0])
    seeded.add_note(ids[1], "a note")
    assert [h.id for h in seeded.search("is:bookmarked")] == [ids[0]]
    assert [h.id for h in seeded.search("Caribbean has:note")] == [ids[1]]
    assert sorted(h.id for h in seeded.search("link:realizes")) == sorted(ids)
    assert seeded.search("link:same_event") == []
    for bad in ("is:starred", "has:tags", "link:cites"):
        with pytest.raises(QueryError):
            seeded.search(bad)
    assert parse_query("is:bookmarked").filters == {"is": ("bookmarked",)}
