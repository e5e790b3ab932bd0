"""Word wrapping that remembers where each line came from, so the reader can map a character
offset (a search hit, a mention, a note's passage) to a screen line and back."""

from __future__ import annotations

import re

from rich.cells import cell_len

_WORD = re.compile(r"\S+\s*")


def wrap(text: str, width: int, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets into `text` of each line of text[start:end] wrapped to `width` cells.

    A newline always breaks; blank lines are kept as empty spans; trailing spaces stay off the
    line; a word wider than the line is cut by cells (wide characters measured, not counted).
    """
    end = len(text) if end is None else end
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = start
    while pos <= end:
        newline = text.find("\n", pos, end)
        stop = end if newline < 0 else newline
        lines.extend(_wrap_line(text, pos, stop, width))
        if newline < 0:
            break
        pos = newline + 1
    return lines


def _wrap_line(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    line_start, line_end, cells = None, start, 0
    for m in _WORD.finditer(text, start, end):
        w_start, w_end = m.start(), m.start() + len(m.group().rstrip())
        if line_start is not None:
            grown = cells + cell_len(text[line_end:w_end])
            if grown <= width:
                line_end, cells = w_end, grown
                continue
            out.append((line_start, line_end))
        s = w_start
        while cell_len(text[s:w_end]) > width:
            cut = _cut(text, s, width)
            out.append((s, cut))
            s = cut
        line_start, line_end, cells = s, w_end, cell_len(text[s:w_end])
    out.append((start, start) if line_start is None else (line_start, line_end))
    return out


def _cut(text: str, start: int, width: int) -> int:
    cells, i = 0, start
    while i < len(text):
        w = cell_len(text[i])
        if cells + w > width and i > start:
            break
        cells += w
        i += 1
    return i
