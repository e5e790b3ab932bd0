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


@given(st.text())
def test_no_control_character_ever_survives(s):
    out = clean_text(s)
    assert not any(
        (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in out
    )
