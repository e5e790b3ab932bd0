"""RSS 2.0 / Atom (via feedparser) and JSON Feed (via json): one Record per entry.

Feeds are untrusted input. feedparser 6.0.14 parses with the stdlib SAX/expat reader with
external general entities off (the stdlib default too), so ``<!ENTITY x SYSTEM "file:///...">``
is never fetched, and expat >= 2.4 stops billion-laughs expansion -- but only after ~1 s of work,
and a different SAX driver (feedparser prefers libxml2 when it is installed) may behave
differently. So the DOCTYPE's internal subset, where entities are declared, is removed before
feedparser sees the bytes: no declared entity can then be expanded, by any parser.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser

from briefing.ingest.clean import clean_field, clean_text
from briefing.ingest.dates import normalize_date
from briefing.ingest.decode import decode_bytes, looks_binary
from briefing.ingest.record import REPAIRED, SKIPPED_RECORD, InputError, Problem, Record

_XML_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]")
_LEADING = b"\xef\xbb\xbf \t\r\n"
_DOCTYPE_START = re.compile(rb"<!DOCTYPE\b")
# DOCTYPE name/external id, then an optional [internal subset]; quoted strings may hold "]" or
# ">". The alternatives begin with different characters, so matching is linear, not exponential.
_DOCTYPE = re.compile(
    rb"""<!DOCTYPE((?:[^\[>"']|"[^"]*"|'[^']*')*)(\[(?:[^\]"']|"[^"]*"|'[^']*')*\])?\s*>"""
)
_SUBSET_END = re.compile(rb"\]\s*>")
_ELEMENT_START = re.compile(rb"<[A-Za-z_]")
# General entities only: a parameter entity ("<!ENTITY % p ...>") is referenced in the DTD alone.
_ENTITY_DECL = re.compile(rb"<!ENTITY\s+([A-Za-z_:][\w.:\-]*)")
_REFERENCE = re.compile(rb"&([A-Za-z_:][\w.:\-]*);")


def sniff(data_head: bytes) -> bool:
    """True when the first KB looks like RSS, Atom or JSON Feed."""
    head = data_head[:1024].lstrip(_LEADING)
    if head.startswith(b"{"):
        return b"jsonfeed.org/version" in head
    return bool(_XML_ROOT.search(head))


# --- HTML to readable text -------------------------------------------------------------------

_BLOCK = frozenset(
    "address article aside blockquote dd details div dl dt figcaption figure footer form h1 h2 "
    "h3 h4 h5 h6 header hr li main nav ol p pre section summary table tr ul".split()
)
_CELL = frozenset({"td", "th"})
_HIDDEN = frozenset("script style template noscript head title svg math iframe object".split())
_WS = re.compile(r"\s+")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities arrive unescaped in handle_data
        self.parts: list[str] = []
        self.hidden = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")
            self.pre += tag == "pre"
        elif tag in _CELL:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")
            if tag == "pre" and self.pre:
                self.pre -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data if self.pre else _WS.sub(" ", data))


def html_to_text(html: str) -> str:
    """Readable text from an HTML fragment: block elements become paragraph breaks, ``<br>`` a
    line break, script/style contents are dropped, entities unescaped, whitespace collapsed."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- shared helpers --------------------------------------------------------------------------


def _text(value: object, html: bool) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    return clean_text(html_to_text(value) if html else value)


def _url(value: object) -> str | None:
    # Only web links: a "javascript:" or "file:" link from an untrusted feed must not reach a
    # reader that may open it.
    url = clean_field(value) if isinstance(value, str) else None
    return url if url and urlsplit(url).scheme.lower() in ("http", "https") else None


def _record(
    where: str, title: str | None, text: str, extra: dict[str, str | None], **fields: str | None
) -> Record | Problem:
    if not text and not title:
        return Problem(where, "entry has neither title nor text", SKIPPED_RECORD)
    kept = {key: value for key, value in extra.items() if value}
    # A headline-only entry (a link post) still says something: the headline is its text.
    return Record(text=text or title or "", origin=where, title=title, extra=kept, **fields)


# --- RSS / Atom ------------------------------------------------------------------------------


def _drop_internal_subset(data: bytes) -> tuple[bytes, bool]:
    start = _DOCTYPE_START.search(data)
    if not start or _ELEMENT_START.search(data, 0, start.start()):
        return data, False  # no DOCTYPE in the prolog
    at = start.start()
    match = _DOCTYPE.match(data, at)
    if match:
        if match[2] is None:
            return data, False  # no internal subset: nothing declared
        head, subset, rest = data[:at] + b"<!DOCTYPE" + match[1] + b">", match[2], match.end()
    else:
        # Quotes that do not pair up (an apostrophe in a comment, or a deliberate trick): cut at
        # the first "]>" instead, dropping the whole DOCTYPE. Leftovers only make the XML malformed.
        bracket = data.find(b"[", at)
        element = _ELEMENT_START.search(data, at)
        end = _SUBSET_END.search(data, bracket) if bracket >= 0 else None
        if not end or (element is not None and bracket > element.start()):
            return data, False
        head, subset, rest = data[:at], data[at : end.end()], end.end()
    return head + _drop_references(data[rest:], subset), True


def _drop_references(body: bytes, subset: bytes) -> bytes:
    """The document without references to the entities the removed subset declared.

    Left in, ``&xxe;`` would reach the stored text as a literal (or half of one, once the
    lenient parser is done with it) and make the XML ill-formed. Dropped, the item reads as
    if the entity were empty: an external entity must never be fetched and a nested one never
    expanded, so empty is the only value they can safely have. One linear pass with a set
    lookup, whatever the number of declarations. (A reference-shaped string inside CDATA is
    dropped too: a declared name written out literally is a loss we accept.)"""
    declared = set(_ENTITY_DECL.findall(subset))
    if not declared:
        return body
    return _REFERENCE.sub(lambda m: b"" if m[1] in declared else m[0], body)


def _is_html(detail: object) -> bool:
    return isinstance(detail, dict) and "html" in str(detail.get("type") or "")


def _entry_text(entry: dict) -> str:
    for content in entry.get("content") or []:  # full content beats the summary
        text = _text(content.get("value"), _is_html(content))
        if text:
            return text
    return _text(entry.get("summary"), _is_html(entry.get("summary_detail")))


def _entry_date(entry: dict) -> str | None:
    # The raw string first: it keeps a date-only value date-only, where feedparser's
    # struct_time would claim midnight.
    for raw, parsed in (("published", "published_parsed"), ("updated", "updated_parsed")):
        # dict.get: FeedParserDict.get("updated") would fall back to "published" with a warning.
        date = normalize_date(dict.get(entry, raw)) or normalize_date(dict.get(entry, parsed))
        if date:
            return date
    return None


def _title(value: object, detail: object) -> str | None:
    return clean_field(_text(value, _is_html(detail))) if value else None


def _read_xml(path: Path, data: bytes) -> Iterator[Record | Problem]:
    data, stripped = _drop_internal_subset(data)
    if stripped:
        yield Problem(str(path), "DOCTYPE entity declarations ignored, references to them dropped "
                      "(untrusted feed)", REPAIRED)
    # A stream, never a string: feedparser treats a str as a URL or file name to open.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.get("version") and not parsed.entries:
        raise InputError(str(path), "not an RSS, Atom or JSON feed")
    if parsed.get("bozo") and parsed.entries:
        reason = clean_field(parsed.get("bozo_exception")) or "malformed feed"
        yield Problem(str(path), f"feed is not well-formed ({reason}); read leniently", REPAIRED)
    feed = parsed.feed
    source = _title(feed.get("title"), feed.get("title_detail"))
    for index, entry in enumerate(parsed.entries, 1):
        yield _record(
            f"{path}#{index}",
            _title(entry.get("title"), entry.get("title_detail")),
            _entry_text(entry),
            {"id": clean_field(entry.get("id")), "author": clean_field(entry.get("author"))},
            published=_entry_date(entry),
            source=source,
            url=_url(entry.get("link")),
        )


# --- JSON Feed -------------------------------------------------------------------------------


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _author(item: dict) -> str | None:
    author = item.get("author") or next(iter(item.get("authors") or []), None)  # 1.0 / 1.1
    return clean_field(_str(author.get("name"))) if isinstance(author, dict) else None


def _read_json(path: Path, data: bytes) -> Iterator[Record | Problem]:
    text, problems = decode_bytes(data, str(path))
    yield from problems
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InputError(str(path), f"not valid JSON: {clean_field(exc)}") from None
    is_feed = isinstance(doc, dict) and "jsonfeed.org/version/" in (_str(doc.get("version")) or "")
    if not is_feed or not isinstance(doc.get("items"), list):
        raise InputError(str(path), "JSON, but not a JSON Feed (no jsonfeed.org version or items)")
    source = clean_field(_str(doc.get("title")))
    for index, item in enumerate(doc["items"], 1):
        where = f"{path}#{index}"
        if not isinstance(item, dict):
            yield Problem(where, "item is not a JSON object", SKIPPED_RECORD)
            continue
        body = (
            _text(item.get("content_html"), html=True)
            or _text(item.get("content_text"), html=False)
            or _text(item.get("summary"), html=False)
        )
        yield _record(
            where,
            clean_field(_str(item.get("title"))),
            body,
            {
                "id": clean_field(_str(item.get("id"))),
                "author": _author(item),
                "external_url": _url(item.get("external_url")),
            },
            published=normalize_date(_str(item.get("date_published") or item.get("date_modified"))),
            source=source,
            url=_url(item.get("url")) or _url(item.get("external_url")),
        )


def read(path: Path) -> Iterator[Record | Problem]:
    """Yield one Record per feed entry in `path` (RSS, Atom or JSON Feed), or a Problem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(str(path), "empty file")
    if looks_binary(data):
        raise InputError(str(path), "binary file (NUL bytes), not a feed")
    if data.lstrip(_LEADING).startswith(b"{"):
        yield from _read_json(path, data)
    else:
        yield from _read_xml(path, data)
