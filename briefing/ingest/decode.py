"""Turning a file's bytes into text, or a clear reason why not.

Binary files (images, archives) renamed `.txt`, empty files and UTF-16 exports all reach an
ingest sooner or later; each gets a message naming the file (and the line for bad bytes).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from briefing.ingest.record import REPAIRED, InputError, Problem

_UTF8_BOM = b"\xef\xbb\xbf"
_BOMS = ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KB, unless they are a few stray ones in otherwise valid UTF-8.

    Images, archives and executables have many NULs or bytes that are not UTF-8; a text file
    with a stray NUL (a buggy exporter, a bad copy) is text, and `decode_bytes` drops the NULs
    and names the line."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    nuls = head.count(b"\x00")
    if not nuls:
        return False
    if nuls * 10 > len(head):  # UTF-16 without a BOM, padded binary formats
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A character cut by the 8 KB boundary is still text.
        return not (exc.reason == "unexpected end of data" and len(data) > len(head))
    return False


def decode_bytes(data: bytes, where: str, fallback: str | None = None) -> tuple[str, list[Problem]]:
    """Decode `data` as UTF-8 (or UTF-16 with a BOM). Invalid bytes are replaced, not fatal:
    the record is kept and a `repaired` problem names the first bad line. `fallback` (e.g.
    latin-1 for Reuters SGML) is used instead of replacement when the format has a known legacy
    encoding."""
    if data.startswith(_UTF8_BOM):  # then the same rules as any UTF-8: bad bytes repaired
        data = data[len(_UTF8_BOM):]
    if not data.strip():
        raise InputError(where, "empty file")
    if looks_binary(data):
        raise InputError(where, "binary file (NUL bytes), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError as exc:
                raise InputError(where, f"invalid {encoding} text at byte {exc.start}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if fallback:
            return data.decode(fallback), []
        line = data.count(b"\n", 0, exc.start) + 1
        problem = Problem(f"{where}:{line}", "invalid UTF-8 bytes replaced with U+FFFD", REPAIRED)
        return data.decode("utf-8", errors="replace"), [problem]
    if "\x00" in text:  # stray NULs in text (see looks_binary); clean_text drops them
        line = text.count("\n", 0, text.index("\x00")) + 1
        return text, [Problem(f"{where}:{line}", "NUL bytes removed", REPAIRED)]
    return text, []


def read_text(path: Path, fallback: str | None = None) -> tuple[str, list[Problem]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return decode_bytes(data, str(path), fallback)


def read_lines(path: Path) -> Iterator[tuple[int, str] | Problem]:
    """(number, line) of a line-per-record file, and the same problems `read_text` gives, read a
    line at a time so memory does not grow with the file (a 177 MB JSONL took 566 MB whole).
    Lines split on "\n" only, as `str.split` would: U+2028 is legal inside a JSON string."""
    where = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(where, f"cannot read: {exc.strerror or exc}") from None
    with handle:
        head = handle.read(8193)
        if any(head.startswith(bom) for bom, _ in _BOMS):
            handle.seek(0)
            text, problems = decode_bytes(handle.read(), where)
            yield from problems
            yield from enumerate(text.split("\n"), 1)
            return
        if looks_binary(head):
            raise InputError(where, "binary file (NUL bytes), not text")
        handle.seek(len(_UTF8_BOM) if head.startswith(_UTF8_BOM) else 0)
        # The first bad line only of each kind is named, as `decode_bytes` names it.
        bad_bytes_named = nul_named = False
        blank = True
        for number, raw in enumerate(handle, 1):  # binary lines end at b"\n" only
            raw = raw[:-1] if raw.endswith(b"\n") else raw
            blank = blank and not raw.strip()
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("utf-8", errors="replace")
                if not bad_bytes_named:
                    bad_bytes_named = True
                    yield Problem(f"{where}:{number}", "invalid UTF-8 bytes replaced with U+FFFD",
                                  REPAIRED)
            if not nul_named and "\x00" in line:
                nul_named = True
                yield Problem(f"{where}:{number}", "NUL bytes removed", REPAIRED)
            yield number, line
        if blank:
            raise InputError(where, "empty file")
