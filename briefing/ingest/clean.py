"""Text hygiene applied to every string that comes from an article.

Articles are untrusted: a control character left in could let an article emit terminal escape
sequences (colour, cursor moves, OSC 52 clipboard writes) when shown. So escape sequences are
removed whole (their parameters are not text), then every other C0/C1 control except newline
and tab, and text is NFC-normalised so that search and dedup see one
spelling of each accented letter. Curly quotes are kept: they are content. Invisible format
characters inside a Latin, Greek or Cyrillic word are dropped (see `_INVISIBLE_IN_WORD`).
"""

from __future__ import annotations

import re
import unicodedata

# C0 (except \t \n), DEL, C1. \r is handled separately so Windows line ends become \n.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Whole ECMA-48 escape sequences, parameters included: removing only ESC would leave "[31m"
# glued to the next word ("[31mfell" is not the word "fell" to search, actors or dedup).
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, erasing
    # OSC (titles, OSC 8 links, OSC 52 clipboard), DCS, SOS, PM, APC: up to BEL or ST. Only a
    # terminated string goes whole: an unterminated one loses just its introducer, not the text.
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"  # any other escape: ESC 7, ESC c, ESC ( B
)
# A soft hyphen or zero-width character inside a word of an alphabet that never needs one
# ("Gre\u200dnada", "Gre\u00adnada" from a web page) splits it for the full-text index, so
# "Grenada" would not find it. Elsewhere they are kept: ZWJ builds emoji sequences, ZWNJ spells
# Persian, ZWSP marks word breaks in Thai.
_ALPHABET = "A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
_INVISIBLE = "\u00ad\u200b-\u200d\u2060\ufeff"
_INVISIBLE_IN_WORD = re.compile(f"(?<=[{_ALPHABET}])[{_INVISIBLE}]+(?=[{_ALPHABET}])")
_ANY_INVISIBLE = re.compile(f"[{_INVISIBLE}]")
_CRLF = re.compile(r"\r\n?")
_SPACES = re.compile(r"[ \t\u00a0]+")
# Non-empty, no control characters, no leading/trailing or doubled spaces.
_ONE_LINE_CLEAN = re.compile(r"[^\x00-\x20\x7f-\x9f](?:[^\x00-\x1f\x7f-\x9f ]| (?! ))*(?<! )")


def drop_escapes(text: str) -> str:
    """Escape sequences and control characters out, nothing else touched (for a search typed or
    pasted from a terminal: "\x1b[31mfell" means "fell")."""
    return _CONTROL.sub("", _SEQUENCE.sub("", text)) if _CONTROL.search(text) else text


def join_words(text: str) -> str:
    """Invisible characters out of Latin, Greek and Cyrillic words: stored text and typed
    queries both go through this, so they split words the same way."""
    return _INVISIBLE_IN_WORD.sub("", text) if _ANY_INVISIBLE.search(text) else text


def clean_text(text: str) -> str:
    """NFC-normalise, turn CR/CRLF into LF, drop escape sequences and control characters, trim."""
    # Each step checks before it rewrites: most text is already clean, and `finalise` runs this
    # again on every record as a safety net, so the clean case must cost little.
    if "\r" in text:
        text = _CRLF.sub("\n", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", _SEQUENCE.sub("", text))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return join_words(text).strip()


def clean_field(value: object) -> str | None:
    """A one-line metadata field (title, source, place): cleaned, whitespace folded, None if empty."""
    if value is None:
        return None
    if isinstance(value, str) and _ONE_LINE_CLEAN.fullmatch(value) and value.isascii():
        return value  # already clean: readers clean and `finalise` checks again
    text = clean_text(str(value)).replace("\n", " ")
    text = _SPACES.sub(" ", text).strip()
    return text or None
