"""The reader's pure parts: wrapping with offsets, history, the keymap file, labels; and the
paged reads the facade gives the app."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from briefing.store.corpus import Corpus
from briefing.store.models import TimelineEntry
from briefing.store.query import QueryError
from briefing.tui.history import History
from briefing.tui.keymap import keymap_path, load_keymap
from briefing.tui.wrap import wrap
from tests.helpers import write_file
from tests.test_tui_support import fresh_db, seed_ids


# --- wrapping ------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [1, 5, 12, 40])
def test_wrap_keeps_offsets_and_widths(width):
    text = "Hello world, this is a test.\n\nSecond paragraph: averyveryverylongword 日本語の文章です。"
    lines = wrap(text, width)
    for start, end in lines:
        assert cell_len(text[start:end]) <= max(width, 2)  # a wide character needs 2 cells
        assert "\n" not in text[start:end]
    words = [w for line in lines for w in text[slice(*line)].split()]
    assert "".join(words) == "".join(text.split())  # nothing lost, nothing repeated


def test_wrap_keeps_blank_lines_and_maps_offsets():
    text = "ab cd\n\nef"
    assert wrap(text, 10) == [(0, 5), (6, 6), (7, 9)]
    assert wrap(text, 3) == [(0, 2), (3, 5), (6, 6), (7, 9)]


# --- history -------------------------------------------------------------------------------

def test_history_is_a_browsers():
    h = History()
    for article in (1, 2, 3):
        h.visit(article)
    assert h.back() == 2 and h.back() == 1 and h.back() is None
    assert h.forward() == 2
    h.visit(9)  # a new page drops the forward entries
    assert h.forward() is None and h.back() == 2
    h.visit(2)  # revisiting the current entry adds nothing
    assert h.can_go_forward


# --- keymap --------------------------------------------------------------------------------

def test_keymap_file_good_bad_and_missing(tmp_path):
    known = {"main.note", "main.bookmark"}
    path = write_file(tmp_path / "keys.toml",
                      '[keys]\n"main.note" = "ctrl+n, A"\n"main.bookmark" = "ctrl+h"\n'
                      '"nope" = "x"\n')
    keymap, problems = load_keymap(path, known)
    assert keymap == {"main.note": "ctrl+n,A", "main.bookmark": "ctrl+h"}
    assert any("nope" in p for p in problems) and any("ctrl+h" in p for p in problems)
    write_file(path, "[keys\n")
    assert load_keymap(path, known)[0] == {}
    assert "default keys kept" in load_keymap(path, known)[1][0]
    write_file(path, '[keys]\n"main.note" = 3\n')
    assert load_keymap(path, known) == ({}, [f'{path}: main.note needs a key string such as '
                                            '"ctrl+n"'])
    assert load_keymap(tmp_path / "absent.toml", known) == ({}, [])


def test_keymap_path_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFING_KEYS", str(tmp_path / "k.toml"))
    assert keymap_path() == tmp_path / "k.toml"
    monkeypatch.delenv("BRIEFING_KEYS")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert keymap_path() == tmp_path / "briefing" / "keys.toml"


# --- labels --------------------------------------------------------------------------------

def test_labels():
    from briefing.tui.screens.link import diff_lines
    from briefing.tui.screens.main import quote_value, same_query, starting_a_word
    from briefing.tui.screens.timeline import when_label

    assert quote_value("Luis Videgaray") == '"Luis Videgaray"' and quote_value("OAS") == "OAS"
    assert starting_a_word("s") and starting_a_word("wheat e") and starting_a_word("oil -c")
    assert not any(starting_a_word(t) for t in ("", "sa", "wheat ", "a*", '"a"', "since:2"))
    assert same_query("wheat  ", "wheat") and not same_query("wheat e", "wheat")
    lines = diff_lines({"planned_not_reported": ["Grenada"], "order_changed": True,
                        "reported_order": ["Saint Lucia", "Jamaica"], "claims": 2,
                        "planned_window": [None, None], "reported_not_planned": []})
    assert lines[0] == "planned, not reported: Grenada"
    assert "order changed: Saint Lucia then Jamaica" in lines and "claims: 2" in lines

    def entry(date, inferred, time=None):
        return TimelineEntry(1, "t", date, inferred, {"time": time}, "s")

    assert when_label(entry("2018-03-01", False)) == "2018-03-01"
    assert when_label(entry("2018-03-01", True)) == "≈2018-03-01 (inferred)"
    assert when_label(entry(None, True, {"text": "March"})) == "“March”, undated (order inferred)"
    assert when_label(entry(None, False)) == "undated"


# --- the facade's paged reads ----------------------------------------------------------------

def test_list_articles_pages_newest_first_undated_last(tmp_path):
    records = [{"title": f"Story {i}", "text": f"Wheat report number {i}.",
                **({"date": f"2018-02-{10 + i:02d}"} if i % 3 else {})} for i in range(12)]
    corpus = Corpus(tmp_path / "p.db")
    corpus.ingest([write_file(tmp_path / "p.jsonl",
                              "\n".join(json.dumps(r) for r in records) + "\n")], analyse=False)
    rows = [hit for offset in (0, 5, 10) for hit in corpus.list_articles("", offset, 5)]
    dates = [h.published for h in rows]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[len(dated):] == [None] * 4
    assert len({h.id for h in rows}) == 12 == corpus.count("")
    assert corpus.count("wheat since:2018-02-15") == 5
    assert [h.published for h in corpus.list_articles("since:2018-02-20", 0, 10)] == \
        ["2018-02-21", "2018-02-20"]
    with pytest.raises(QueryError):
        corpus.count("type:robot")
    corpus.close()


def test_hit_spans_follow_the_stemmer(tmp_path):
    db = fresh_db(tmp_path)
    plan, trip = seed_ids(db)
    corpus = Corpus(db)
    text = corpus.article(trip).text
    title_hits, text_hits = corpus.hit_spans(trip, "visits")
    assert [text[s:e] for s, e in text_hits] == ["visited"]
    assert corpus.hit_spans(trip, "") == ([], [])
    assert corpus.duplicate_counts() == {}
    story = corpus.story_timeline(plan)
    assert {e.article_id for e in story} == {plan, trip}
    spans = corpus.sentences(plan)
    assert corpus.article(plan).text[slice(*spans[0])].startswith("Mexico’s foreign minister")
    corpus.close()


def test_a_late_count_of_an_old_search_does_not_replace_the_current_one():
    from briefing.tui.messages import CountReady

    current, stale = CountReady(7, 21204), CountReady(6, 50)
    # Textual drops a queued message when the one behind it `can_replace` it.
    assert not current.can_replace(stale)
    assert stale.can_replace(current) and current.can_replace(CountReady(8, 3))
