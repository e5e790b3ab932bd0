"""Reuters-21578 SGML (``reut2-*.sgm``): one ``<REUTERS>`` element per story.

The files are SGML, not XML (control-character entities such as ``&#2;``, unquoted ``<`` in
``<UNKNOWN>`` blocks, a DOCTYPE with no DTD at hand), so an XML parser rejects them. The markup
is regular and flat, so plain string scanning and a few regexes do: the whole 21,578-story
corpus takes about 1.5 s on a slow shared VM, of which ~0.3 s is the unavoidable part (decode,
clean_text, normalize_date).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from briefing.ingest.clean import clean_field, clean_text
from briefing.ingest.dateline import parse_dateline
from briefing.ingest.dates import normalize_date
from briefing.ingest.decode import read_text
from briefing.ingest.record import REPAIRED, SKIPPED_RECORD, InputError, Problem, Record

_OPEN, _CLOSE = "<REUTERS", "</REUTERS>"
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_D = re.compile(r"<D>(.*?)</D>", re.S)
_TAG = re.compile(r"</?[A-Z]+\b[^>]*>")
_TAGGED_PARTS = re.compile(r"<(TITLE|DATELINE|AUTHOR)>.*?</\1>", re.S)
_LISTS = {"topics": "TOPICS", "places": "PLACES", "people": "PEOPLE", "orgs": "ORGS"}
# BRIEF stories have their whole text in TITLE; the corpus editors put this in TEXT instead.
_PLACEHOLDER = "Blah blah blah."
_LEAD = re.compile(r"^\s*(?:&#2;)?\s*\**")  # start-of-text mark and BRIEF's "******"
# Some DATE elements carry wire junk after the time: "27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM".
_WIRE_DATE = re.compile(r"\d{1,2}-[A-Za-z]{3}-\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")

# Wire sign-offs on the last line: "Reuter", "REUTER...", "REUTER11:43/VB", typos ("REUITER"),
# and "More" (the story continues in another take). Mixed-case "Reuters" is left alone:
# "... told\nReuters." ends a sentence, it is not a sign-off.
_SIGNOFF_TAIL = r"(?:\.\.\.)?(?:\d{1,2}:\d{2}/\w+)?"
_SIGNOFF = re.compile(r"(?:REU[A-Z]*|[Rr]euter|MORE|[Mm]ore)" + _SIGNOFF_TAIL)
_SIGNOFF_INLINE = re.compile(r"([.!?]) +REUTER" + _SIGNOFF_TAIL + "$")  # "per ounce. REUTER"
_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*", re.I)
# Regexes that start with a literal so the engine can skip ahead: these run on every body.
_COLUMNS = re.compile(r"   (?<=\S   ) *\S")  # a run of spaces inside a line
_PARAGRAPH = re.compile(r"\n(?=\s)")  # a new paragraph: an indented line or a blank line
_HYPHEN_BREAK = re.compile(r"(\w-)\n(?=\S)")  # "anti-\naircraft" was one word


def sniff(data_head: bytes) -> bool:
    return b"<REUTERS" in data_head


def _element(chunk: str, tag: str) -> str | None:
    """Content of the first ``<TAG>...</TAG>`` in `chunk`. str.find, not a regex: this runs
    nine times per story and was most of the parse time. (These elements never carry
    attributes in the corpus, and "<DATE>" cannot match "<DATELINE>".)"""
    i = chunk.find(f"<{tag}>")
    if i < 0:
        return None
    i += len(tag) + 2
    k = chunk.find(f"</{tag}>", i)
    return chunk[i:k] if k >= 0 else None


def _entity(match: re.Match[str]) -> str:
    name = match[1]
    if not name.startswith("#"):
        return _NAMED[name]
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
        return chr(code)  # control characters such as &#3; are dropped later by clean_text
    return match[0]


def unescape(text: str) -> str:
    """Resolve the entities SGML uses here; anything else (``&foo;``) stays literal."""
    return _ENTITY.sub(_entity, text) if "&" in text else text


def _strip_signoff(text: str) -> str:
    text = text.replace("\x03", "").rstrip()
    for _ in range(2):  # "More" can follow "Reuter" and vice versa
        head, _, last = text.rpartition("\n")
        if not _SIGNOFF.fullmatch(last.strip()):
            break
        text = head.rstrip()
    if "REUTER" not in text[-40:]:
        return text
    head, newline, last = text.rpartition("\n")
    return head + newline + _SIGNOFF_INLINE.sub(r"\1", last)


def _is_table(line: str) -> bool:
    # Columns (a run of spaces inside the line) or dot leaders: rewrapping would scramble them.
    return "   " in line or "...." in line


def reflow(text: str) -> str:
    """Undo the wire's ~70-column hard wrap: paragraphs (which start with an indent or follow a
    blank line) become one line each, separated by a blank line. Tables keep their lines."""
    if "...." not in text and not _COLUMNS.search(text):
        # Most stories: the same result as the line loop below, in a few C-level passes.
        if "-\n" in text:
            text = _HYPHEN_BREAK.sub(r"\1", text)
        paragraphs = (" ".join(p.split()) for p in _PARAGRAPH.split(text))
        return "\n\n".join(p for p in paragraphs if p)
    return _reflow_lines(text)


def _reflow_lines(text: str) -> str:
    blocks: list[tuple[bool, list[str]]] = []  # (is_table, lines)
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            blocks.append((False, []))
            continue
        table = _is_table(stripped)
        last_table, last = blocks[-1] if blocks else (False, None)
        if table and last_table:
            last.append(line.rstrip())
        elif table or last is None or last_table or line[0] in " \t":
            blocks.append((table, [line.rstrip() if table else stripped]))
        elif last and last[-1][-1] == "-" and last[-1][-2:-1].isalnum():
            last[-1] += stripped  # a compound broken at its hyphen: "anti-" + "aircraft"
        else:
            last.append(stripped)
    out = []
    for table, lines in blocks:
        if table:
            indent = min(len(line) - len(line.lstrip()) for line in lines)
            out.append("\n".join(line[indent:] for line in lines))
        elif lines:
            out.append(" ".join(" ".join(lines).split()))
    return "\n\n".join(out)


@lru_cache(maxsize=8192)
def _codes(inner: str) -> str:
    """``<D>usa</D><D>uk</D>`` -> ``usa;uk``. Cached: a few hundred lists cover the corpus."""
    return ";".join(v for v in (clean_field(unescape(d)) for d in _D.findall(inner)) if v)


@lru_cache(maxsize=8192)  # "NEW YORK, March 2 -" recurs hundreds of times
def _place(dateline: str) -> str | None:
    place = parse_dateline(dateline).place
    if place is None:
        # A DATELINE element is a dateline for sure, but ~3% are in mixed case ("New York,
        # June 1 -") or shout the month ("MARCH 20"); retry in the wire's usual shape.
        city, comma, rest = dateline.partition(",")
        place = parse_dateline(city.upper() + comma + _MONTH_WORD.sub(_capitalize, rest)).place
    return place


def _capitalize(match: re.Match[str]) -> str:
    return match[0].capitalize()


def _field(chunk: str, tag: str) -> str | None:
    raw = _element(chunk, tag)
    return clean_field(unescape(raw)) if raw else None


def _date(raw: str | None) -> str | None:
    if not raw:
        return None
    match = _WIRE_DATE.search(raw)  # the usual shape, without cleaning first: it is ASCII
    return normalize_date(match[0] if match else clean_field(unescape(raw)))


def _story(chunk: str, where: str) -> Iterator[Record | Problem]:
    extra: dict[str, str] = {}
    for key, tag in _LISTS.items():
        inner = _element(chunk, tag)
        codes = _codes(inner) if inner else None
        if codes:
            extra[key] = codes

    text_at = chunk.find("<TEXT")
    head_end = chunk.find(">", text_at)
    if text_at < 0 or head_end < 0:
        text_attrs, text_inner = "", ""
    else:
        text_end = chunk.find("</TEXT>", head_end)
        text_attrs = chunk[text_at:head_end]
        text_inner = chunk[head_end + 1 : text_end if text_end >= 0 else len(chunk)]
    kind = dict(_ATTR.findall(text_attrs)).get("TYPE", "NORM")
    if kind != "NORM":
        extra["type"] = kind

    title = _field(text_inner, "TITLE")
    author = _field(text_inner, "AUTHOR")
    if author:
        extra["author"] = author
    place = None
    dateline = _field(text_inner, "DATELINE")
    if dateline:
        place = _place(dateline)
        extra["dateline"] = dateline.rstrip(" -–—")

    body = _element(text_inner, "BODY")
    if body is None:
        # No BODY (BRIEF and UNPROC stories): whatever TEXT holds besides the tagged parts.
        body = _TAG.sub("", _TAGGED_PARTS.sub("", text_inner))
        body = _LEAD.sub("", body.replace(_PLACEHOLDER, ""))
    # "^M" is a carriage return written out in caret notation by the wire system.
    text = clean_text(reflow(_strip_signoff(unescape(body).replace("^M", ""))))
    if not text:
        if not title:
            yield Problem(where, "story has neither text nor title", SKIPPED_RECORD)
            return
        text = title  # a headline-only flash: the headline is the story

    raw_date = _element(chunk, "DATE")
    published = _date(raw_date)
    if published is None and raw_date and raw_date.strip():
        yield Problem(where, f"unreadable date {clean_field(raw_date)!r} left empty", REPAIRED)
    yield Record(
        text=text,
        origin=where,
        title=title,
        published=published,
        source="Reuters",
        place=place,
        extra=extra,
    )


def read(path: Path) -> Iterator[Record | Problem]:
    """Yield one Record per ``<REUTERS>`` story in `path`, or a Problem for a story without text."""
    content, problems = read_text(path, fallback="latin-1")
    yield from problems
    start = content.find(_OPEN)
    if start < 0:
        raise InputError(str(path), "no <REUTERS> stories: not a Reuters-21578 SGML file")
    line, line_pos = 1, 0
    while start >= 0:
        end = content.find(_CLOSE, start)
        following = content.find(_OPEN, start + len(_OPEN))
        closed = end >= 0 and (following < 0 or end < following)
        stop = end if closed else (following if following >= 0 else len(content))
        head_end = content.find(">", start, stop)
        if head_end < 0:
            head_end = start + len(_OPEN) - 1
        line += content.count("\n", line_pos, start)
        line_pos = start

        newid = clean_field(dict(_ATTR.findall(content[start:head_end])).get("NEWID"))
        where = f"{path}#{newid}" if newid else f"{path}:{line}"
        if not closed:
            yield Problem(where, "story not closed by </REUTERS> (truncated file?)", REPAIRED)
        yield from _story(content[head_end + 1 : stop], where)
        start = following
