import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from briefing.ingest.clean import clean_field, clean_text


def test_escape_sequences_cannot_survive():
    hostile = "red \x1b[31mtext\x1b[0m, clipboard \x1b]52;c;aGk=\x07, link \x1b]8;;http://x\x1b\\y\x9b2J"
    cleaned = clean_text(hostile)
    assert "\x1b" not in cleaned and "\x07" not in cleaned and "\x9b" not in cleaned
    assert cleaned == "red text, clipboard , link y"  # whole sequences go, not just ESC


def test_keeps_newlines_tabs_and_curly_quotes():
    assert clean_text("“Quoted” — it’s\tfine\nnext") == "“Quoted” — it’s\tfine\nnext"


def test_crlf_and_nfc():
    decomposed = "Me\u0301xico\r\nline\rthree"
    assert clean_text(decomposed) == "México\nline\nthree"
    assert unicodedata.is_normalized("NFC", clean_text(decomposed))


def test_field_is_one_line_or_none():
    assert clean_field("  Saint\n Lucia \x00 ") == "Saint Lucia"
    assert clean_field("  \x1b ") is None
    assert clean_field(None) is None


def test_invisible_characters_inside_a_latin_word_go():
    # A zero-width joiner or a soft hyphen from a web page would split the word for search.
    assert clean_text("Gre\u200dnada and Gre\u00adnada, \u041b\u043e\u200b\u043d\u0434\u043e\u043d") == \
        "Grenada and Grenada, \u041b\u043e\u043d\u0434\u043e\u043d"
    assert clean_field("Saint Lu\u2060cia\ufeff") == "Saint Lucia\ufeff"  # only inside words


def test_invisible_characters_other_scripts_need_stay():
    emoji_family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ is spelling
    thai = "\u0e20\u0e32\u0e29\u0e32\u200b\u0e44\u0e17\u0e22"  # ZWSP marks the word break
    for text in (emoji_family, persian, thai, "end.\u200b Next"):
        assert clean_text(text) == text


def test_a_word_with_a_joiner_is_found_by_search(tmp_path):
    from briefing.store.corpus import Corpus

    src = tmp_path / "a.jsonl"
    src.write_text('{"title": "Visit", "text": "The minister flew to Gre\\u200dnada on Monday."}\n')
    corpus = Corpus.open(tmp_path / "b.db", seed=False)
    corpus.ingest([src], analyse=False)
    assert [r.title for r in corpus.search("Grenada")] == ["Visit"]


@given(st.text())
def test_no_control_character_ever_survives(s):
    out = clean_text(s)
    assert not any(
        (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in out
    )
