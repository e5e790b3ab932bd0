"""Text hygiene applied to every string that comes from an article.

Articles are untrusted: a control character left in could let an article emit terminal escape
sequences (colour, cursor moves, OSC 52 clipboard writes) when shown. So every C0/C1 control
except newline and tab is removed, and text is NFC-normalised so that search and dedup see one
spelling of each accented letter. Curly quotes are kept: they are content.
"""

from __future__ import annotations

import re
import unicodedata

# C0 (except \t \n), DEL, C1. \r is handled separately so Windows line ends become \n.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CRLF = re.compile(r"\r\n?")
_SPACES = re.compile(r"[ \t\u00a0]+")
# Non-empty, no control characters, no leading/trailing or doubled spaces.
_ONE_LINE_CLEAN = re.compile(r"[^\x00-\x20\x7f-\x9f](?:[^\x00-\x1f\x7f-\x9f ]| (?! ))*(?<! )")


def clean_text(text: str) -> str:
    """NFC-normalise, turn CR/CRLF into LF, drop control characters, trim the ends."""
    # Each step checks before it rewrites: most text is already clean, and `finalise` runs this
    # again on every record as a safety net, so the clean case must cost little.
    if "\r" in text:
        text = _CRLF.sub("\n", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.strip()


def clean_field(value: object) -> str | None:
    """A one-line metadata field (title, source, place): cleaned, whitespace folded, None if empty."""
    if value is None:
        return None
    if isinstance(value, str) and _ONE_LINE_CLEAN.fullmatch(value) and value.isascii():
        return value  # already clean: readers clean and `finalise` checks again
    text = clean_text(str(value)).replace("\n", " ")
    text = _SPACES.sub(" ", text).strip()
    return text or None
