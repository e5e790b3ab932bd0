"""Titles for articles that arrive without one: the lead sentence, cut short at a word boundary."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (optionally followed by a closing quote) before whitespace and an
# upper-case letter or opening quote; "U.S." and initials ("J. Smith") are not ends.
_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?][\"”’)]?(?=\s+[\"“‘(]?[A-Z])")


def lead_sentence(text: str) -> str:
    paragraph = text.strip().split("\n\n", 1)[0]
    paragraph = " ".join(paragraph.split())
    match = _END.search(paragraph)
    return paragraph[: match.end()] if match else paragraph


def derive_title(text: str, limit: int = 90) -> str | None:
    sentence = lead_sentence(text).rstrip(".")
    if not sentence:
        return None
    if len(sentence) <= limit:
        return sentence
    head = sentence[: limit + 1]
    # A clause boundary reads better than a cut mid-phrase, if it keeps most of the room.
    clause = max(head.rfind(", "), head.rfind("; "))
    if clause >= limit * 0.45:
        return head[:clause] + "…"
    cut = head.rsplit(" ", 1)[0].rstrip(",;:–—- ")
    return (cut or sentence[:limit]) + "…"
