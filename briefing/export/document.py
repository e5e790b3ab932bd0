"""Building the export document: the versioned JSON structure (schema.json) that the Markdown
and HTML are rendered from. Everything is read through the Corpus facade; every list has a
stable order, so the same database and scope give the same document (but for `generated`)."""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path

from briefing.analysis.actors.sentences import split
from briefing.export.bottom_line import key_points
from briefing.export.scope import Resolved, Scope, resolve
from briefing.store.corpus import Corpus

SCHEMA_VERSION = 1
FORMAT_NAME = "briefing-export"
ACTOR_LIMIT = 100  # actors listed (most articles first); `counts.actors_total` has them all
LINK_ORDER = ("realizes", "follow_up", "same_event", "shared_context", "duplicate")
EXTRACT_MIN, EXTRACT_MAX, EXTRACT_CHARS = 2, 3, 320  # a third sentence only if two are short
SENTENCE_CHARS = 600  # an extract sentence longer than this is cut at a word, with "…"
_HEAD = 2500  # the extract and lead come from the first characters only
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str | None) -> str | None:
    """Analyst-typed text without control characters (articles are cleaned at ingest)."""
    return None if text is None else _CONTROL.sub("", text)


def one_line(text: str) -> str:
    return " ".join(text.split())


def stamp(generated: datetime | None) -> str:
    """ISO 8601 UTC with seconds; a naive datetime is local time, as Python reads it."""
    generated = generated or datetime.now(timezone.utc)
    return generated.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def display_path(origin: str | None, bases: list[tuple[str, str]] | None = None) -> str | None:
    """Where an article came from, shown without the machine's layout where possible: below
    the working directory, relative to it; below the home directory, as ~/…; else as stored."""
    if not origin:
        return origin
    for prefix, shown in bases or _bases():
        if origin.startswith(prefix):
            return shown + origin[len(prefix):]
    return origin


def _bases() -> list[tuple[str, str]]:
    out = []
    for base, shown in ((Path.cwd, ""), (Path.home, "~/")):
        try:
            prefix = str(base()).rstrip(os.sep) + os.sep
        except (OSError, RuntimeError):  # no working directory, no home
            continue
        if len(prefix) > 1:  # never strip a bare "/"
            out.append((prefix, shown))
    return out


def _extract(text: str, sentences: list) -> list[str]:
    out: list[str] = []
    for s in sentences:
        if len(out) >= EXTRACT_MAX or (len(out) >= EXTRACT_MIN
                                        and sum(map(len, out)) >= EXTRACT_CHARS):
            break
        sentence = one_line(text[s.start:s.end])
        if len(sentence) > SENTENCE_CHARS:
            sentence = sentence[:SENTENCE_CHARS].rsplit(" ", 1)[0] + " …"
        out.append(sentence)
    return out


def _head_sentences(text: str) -> list:
    """The sentences of the start of the text (the last one dropped if the cut split it)."""
    if len(text) <= _HEAD:
        return split(text)
    sentences = split(text[:_HEAD])
    return sentences[:-1] if len(sentences) > 1 else sentences


def _names(parts: list) -> list[str]:
    return [p["actor"] for p in parts if p]


def build(corpus: Corpus, scope: Scope, generated: datetime | None = None) -> dict:
    """The export document for a scope: see briefing/export/schema.json."""
    resolved = resolve(corpus, scope)
    ids = resolved.ids
    order, _ = corpus.chronology(ids)
    refs = {article_id: n for n, article_id in enumerate(order, 1)}
    articles = {a.id: a for a in corpus.articles(ids)}
    links = sorted(corpus.links_among(ids), key=lambda link: (
        LINK_ORDER.index(link.type) if link.type in LINK_ORDER else len(LINK_ORDER),
        refs[link.source], refs[link.target], link.id))
    entries = corpus.timeline_of(ids)
    actors, actors_total = corpus.scope_actors(ids, ACTOR_LIMIT)
    bookmarked = set(corpus.bookmarks())
    notes: dict[int, list] = {}
    for note in corpus.notes():
        if note.article_id in articles:
            notes.setdefault(note.article_id, []).append(note)
    heads = {i: _head_sentences(a.text) for i, a in articles.items()}
    bases = _bases()

    bottom = key_points({i: a.text for i, a in articles.items()}, refs,
                        {i: [(x.start, x.end) for x in s[:3]] for i, s in heads.items()},
                        entries, links)
    timeline, not_reported = _timeline(entries, links, refs)
    summary = corpus.summary()
    doc = {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "title": "Briefing: " + clean(resolved.label),
        "generated": stamp(generated),
        "scope": _scope(resolved),
        "corpus": {
            "database": Path(summary.database).name,
            "articles": summary.articles, "duplicates": summary.duplicates,
            "dated": summary.dated, "first": summary.first, "last": summary.last,
            "sources": [{"name": n, "articles": c} for n, c in summary.sources],
            "extractors": [{"name": n, "articles": c} for n, c in summary.extractors],
            "schema_version": summary.schema_version,
        },
        "counts": {},
        "bottom_line": bottom,
        "timeline": timeline,
        "not_reported": not_reported,
        "actors": [_actor(a, refs) for a in actors],
        "links": [_link(link, refs) for link in links],
        "articles": [_article(articles[i], refs[i], heads[i], i in bookmarked,
                              notes.get(i, [])) for i in order],
        "sources": [_source(articles[i], refs[i], bases) for i in order],
    }
    doc["counts"] = {
        "articles": len(order), "key_points": len(bottom), "timeline": len(timeline),
        "not_reported": len(not_reported), "actors": len(doc["actors"]),
        "actors_total": actors_total, "links": len(links),
        "notes": sum(len(n) for n in notes.values()),
        "bookmarked": sum(1 for i in order if i in bookmarked),
    }
    return doc


def _scope(resolved: Resolved) -> dict:
    s = resolved.scope
    value = resolved.value
    return {"kind": s.kind, "value": clean(value) if isinstance(value, str) else value,
            "since": s.since, "until": s.until, "label": clean(resolved.label),
            "actors": resolved.matched}


def _timeline(entries: list, links: list, refs: dict[int, int]) -> tuple[list[dict], list[dict]]:
    plans: dict[tuple, set[int]] = {}
    reports: dict[tuple, set[int]] = {}
    not_reported = []
    for link in links:
        if link.type != "realizes":
            continue
        event = link.diff.get("event")
        for pair in link.evidence:
            plans.setdefault((link.source, pair.source_start, pair.source_end, event),
                             set()).add(refs[link.target])
            reports.setdefault((link.target, pair.target_start, pair.target_end, event),
                               set()).add(refs[link.source])
        d = link.diff
        if d.get("planned_not_reported"):
            not_reported.append({
                "link_id": link.id, "agent": d.get("agent"), "event": d.get("event"),
                "planned": list(d.get("planned") or []), "reported": list(d.get("reported") or []),
                "not_reported": list(d["planned_not_reported"]),
                "planned_time": d.get("planned_time"), "timing": d.get("timing"),
                "plan_ref": refs[link.source], "report_ref": refs[link.target]})
    rows = []
    for entry in entries:
        e = entry.event
        start, end = e["sentence"]
        key = (entry.article_id, start, end, e["type"])
        rows.append({
            "ref": refs[entry.article_id], "article_id": entry.article_id,
            "date": entry.date, "date_inferred": entry.date_inferred,
            "time_text": e["time"]["text"] if e["time"] else None,
            "modality": e["modality"], "type": e["type"], "trigger": e["trigger"]["text"],
            "explicit": e["explicit"],
            "agent": e["agent"]["actor"] if e["agent"] else None,
            "targets": _names(e["targets"]), "places": _names(e["places"]),
            "sentence": one_line(entry.sentence),
            "realized_by": sorted(plans.get(key, ())) if e["modality"] == "planned" else [],
            "realizes": sorted(reports.get(key, ())) if e["modality"] != "planned" else [],
            "_order": (entry.date or "9999", refs[entry.article_id], start,
                       e["trigger"]["start"]),
        })
    rows.sort(key=lambda r: r["_order"])
    for r in rows:
        del r["_order"]
    return rows, not_reported


def _actor(actor, refs: dict[int, int]) -> dict:
    """One role per title: the first source that gives it with a country, else the first."""
    best: dict[str, object] = {}
    for role in sorted(actor.roles, key=lambda r: (refs[r.article_id], r.country is None)):
        if role.title not in best or (best[role.title].country is None and role.country):
            best[role.title] = role
    roles = [{"title": r.title, "country": r.country, "sentence": one_line(r.sentence),
              "ref": refs[r.article_id]}
             for r in sorted(best.values(), key=lambda r: (refs[r.article_id], r.title))]
    return {"name": actor.name, "type": actor.type, "country": actor.country,
            "articles": actor.articles, "mentions": actor.mentions, "roles": roles}


def _link(link, refs: dict[int, int]) -> dict:
    return {
        "id": link.id, "type": link.type, "score": round(link.score, 3),
        "reason": link.reason, "from": refs[link.source], "to": refs[link.target],
        "from_article": link.source, "to_article": link.target,
        "inferred_order": link.inferred_order,
        "evidence": [{"from": one_line(p.source_text), "to": one_line(p.target_text),
                      "note": p.note} for p in link.evidence],
        "diff": link.diff,
    }


def _article(article, ref: int, sentences: list, bookmarked: bool, notes: list) -> dict:
    notes = sorted(notes, key=lambda n: (n.start is None, n.start or 0, n.id))
    return {
        "ref": ref, "id": article.id, "title": article.title, "date": article.published,
        "place": article.place, "source": article.source, "bookmarked": bookmarked,
        "duplicate_of": article.duplicate_of,
        "extract": _extract(article.text, sentences),
        "notes": [{"text": clean(n.text), "quote": clean(n.quote), "start": n.start,
                   "end": n.end} for n in notes],
    }


def _source(article, ref: int, bases: list[tuple[str, str]]) -> dict:
    return {"ref": ref, "article_id": article.id, "title": article.title,
            "date": article.published, "dateline": article.place, "source": article.source,
            "url": article.url, "path": display_path(article.origin, bases)}
