"""Computing, storing and reading links between articles.

`relink(db, ids)` recomputes every link touching the given articles (all of them when None):
candidate pairs come from blocking, never from all pairs —

- realizes / follow_up: articles whose events share an agent (the corpus-wide actor id) and
  a compatible event type; a very common agent keeps, per article, only the articles nearest
  in date;
- shared_context: sentences filed under pairs of their rarest words (`analysis.links.claims`);
  for a few new articles the old sentences come from full-text search on those words;
- same_event: stored profiles, blocked on their rare features (`store.same_event_links`);
- duplicate: the store's own `duplicate_of`.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date, datetime, timezone

import sqlite_utils

from briefing.analysis.actors import sentences as sentence_split
from briefing.analysis.document import anchor_date
from briefing.analysis.events.model import CANCELLED, NEGATED, ONGOING, PLANNED, REALIZED
from briefing.analysis.links import claims as C
from briefing.analysis.links import follow_up, realizes
from briefing.analysis.links.model import (
    DUPLICATE, FOLLOW_UP, REALIZES, SAME_EVENT, SHARED_CONTEXT, ArticleView, Evidence, Link)
from briefing.store import events as events_store
from briefing.store.same_event_links import same_event_links
from briefing.store.schema import connect

PARALLEL_FROM = 2000  # articles linked at once: from here same_event runs beside the other links
PER_KEY = 40  # per article and shared agent, the articles nearest in date that are compared
MAX_CONTEXT = 5  # shared-context links kept per article, the strongest
_STEPS = ("events", "shared context", "same events", "saving")


def _dates(db: sqlite_utils.Database) -> dict[int, date | None]:
    return {article_id: anchor_date(published) for article_id, published in db.execute(
        "SELECT id, published FROM articles WHERE duplicate_of IS NULL")}


def relink(db: sqlite_utils.Database, article_ids: Iterable[int] | None = None,
           on_progress: Callable[[str, int, int], None] | None = None) -> int:
    """Recompute the links touching `article_ids` (None: all). Returns links stored."""
    dates = _dates(db)
    everything = article_ids is None
    raw = None if everything else set(article_ids)
    ids = set(dates) if raw is None else raw & dates.keys()
    links: list[Link] = []
    # A first ingest names every article: then compare the whole corpus at once, as relink(db)
    # does, rather than look for each new article's neighbours among the others.
    every = everything or len(ids) == len(dates)
    same_ids = None if every else ids
    pool, same = _same_event_beside(db, same_ids, dates, len(ids))
    links += _event_links(db, ids, dates)
    if on_progress:
        on_progress(_STEPS[0], 1, 4)
    links += _claim_links(db, ids, dates, every)  # not the full-text index per sentence: 3x slower
    if on_progress:
        on_progress(_STEPS[1], 2, 4)
    if same is None:
        links += same_event_links(db, same_ids, lambda a, b: _order(a, b, dates))
    else:
        with pool:
            links += same.result()
    if on_progress:
        on_progress(_STEPS[2], 3, 4)
    links += _duplicate_links(db, raw)
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        if everything:
            db.execute("DELETE FROM links")
            db.execute("DELETE FROM linked")
        else:
            for chunk in _chunks(sorted(raw), 500):
                marks = ",".join("?" * len(chunk))
                db.execute(f"DELETE FROM links WHERE source IN ({marks}) OR target IN ({marks})",
                           chunk + chunk)
        db.conn.executemany(
            "INSERT INTO links (source, target, type, score, reason, evidence, diff,"
            " inferred_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(ln.source, ln.target, ln.type, round(ln.score, 4), ln.reason,
              json.dumps([[e.source_start, e.source_end, e.target_start, e.target_end, e.note]
                          for e in ln.evidence], ensure_ascii=False),
              json.dumps(ln.diff, ensure_ascii=False), int(ln.inferred_order))
             for ln in _dedupe(_specific(links))])
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        db.conn.executemany("INSERT OR REPLACE INTO linked (article_id, linked) VALUES (?, ?)",
                            [(i, now) for i in sorted(ids if raw is None else raw)])
    if on_progress:
        on_progress(_STEPS[3], 4, 4)
    return len(links)


def _same_event_beside(db, ids: set[int] | None, dates: dict[int, date | None], n: int
                       ) -> tuple[ProcessPoolExecutor | None, Future | None]:
    """For a large relink, same_event in a forked process while this one computes the other
    links: the two take about as long as each other, and a laptop has more than one core."""
    path = db.execute("PRAGMA database_list").fetchone()[2]
    if n < PARALLEL_FROM or not path or (os.cpu_count() or 1) < 2 or \
            "fork" not in multiprocessing.get_all_start_methods():
        return None, None
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    return pool, pool.submit(_same_event_job, path, ids, dates)


def _same_event_job(path: str, ids: set[int] | None, dates: dict[int, date | None]) -> list[Link]:
    db = connect(path)  # its own connection: a forked copy of the parent's is not safe to use
    try:
        return same_event_links(db, ids, lambda a, b: _order(a, b, dates))
    finally:
        db.conn.close()


_MORE_SPECIFIC = {REALIZES, FOLLOW_UP, DUPLICATE}


def _specific(links: list[Link]) -> list[Link]:
    """No `same_event` beside a plan and its realization, a follow-up or a republication: those
    say more precisely how the two articles relate (a plan and the trip are two events)."""
    told = {frozenset((ln.source, ln.target)) for ln in links if ln.type in _MORE_SPECIFIC}
    return [ln for ln in links
            if ln.type != SAME_EVENT or frozenset((ln.source, ln.target)) not in told]


def _dedupe(links: list[Link]) -> list[Link]:
    """One link per pair and type, the higher-scoring direction."""
    best: dict[tuple, Link] = {}
    for ln in links:
        key = (ln.type, min(ln.source, ln.target), max(ln.source, ln.target))
        if key not in best or ln.score > best[key].score:
            best[key] = ln
    return list(best.values())


# --- event links -------------------------------------------------------------------------

def _event_links(db, ids: set[int], dates: dict[int, date | None]) -> list[Link]:
    # (agent, type) -> modality group -> articles
    groups: dict[tuple[int, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for article_id, type_, modality, agent in db.execute(
            "SELECT e.article_id, e.type, e.modality, ea.actor_id FROM events e"
            " JOIN event_actors ea ON ea.event_id = e.id AND ea.role = 'agent'"):
        if article_id in dates:
            groups[(agent, type_)][modality].add(article_id)
    pairs: set[tuple[int, int]] = set()
    for (agent, type_), by_modality in groups.items():
        planned = by_modality.get(PLANNED, set())
        done = by_modality.get(REALIZED, set()) | by_modality.get(ONGOING, set())
        undone = by_modality.get(CANCELLED, set()) | by_modality.get(NEGATED, set())
        for a_side, b_side in ((planned, done), (planned, undone)):
            pairs |= _pairs(a_side, b_side, ids, dates)
    meetings: dict[int, set[int]] = defaultdict(set)
    signed: dict[int, set[int]] = defaultdict(set)
    for (agent, type_), by_modality in groups.items():
        if type_ == "meeting":
            meetings[agent] |= by_modality.get(PLANNED, set()) | by_modality.get(REALIZED, set())
        elif type_ == "agreement":
            signed[agent] |= by_modality.get(REALIZED, set())
    for agent in meetings.keys() & signed.keys():
        pairs |= _pairs(meetings[agent], signed[agent], ids, dates)
    needed = {i for p in pairs for i in p}
    events = events_store.load(db, needed)
    views = {i: ArticleView(i, dates.get(i), events.get(i, [])) for i in needed}
    out = []
    for a, b in pairs:
        for compare in (realizes.compare, follow_up.compare):
            link = compare(views[a], views[b])
            if link is not None:
                out.append(link)
    return out


def _pairs(left: set[int], right: set[int], ids: set[int],
           dates: dict[int, date | None]) -> set[tuple[int, int]]:
    """(a, b) with a in left, b in right, one of them in ids; a common agent keeps, for each a,
    the PER_KEY articles nearest in date."""
    out: set[tuple[int, int]] = set()
    if not left or not right:
        return out
    for a in left:
        others = right if a in ids else right & ids
        others = [b for b in others if b != a]
        if len(others) > PER_KEY:
            da = dates.get(a)
            others.sort(key=lambda b: (abs((dates[b] - da).days) if da and dates.get(b)
                                       else 10 ** 6, b))
            others = others[:PER_KEY]
        out.update((a, b) for b in others)
    return out


# --- shared context ------------------------------------------------------------------------

def _texts(db, article_ids: Iterable[int]) -> Iterable[tuple[int, str]]:
    for chunk in _chunks(sorted(set(article_ids)), 500):
        marks = ",".join("?" * len(chunk))
        yield from db.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", chunk)


def _claims_in(article_id: int, text: str) -> list[C.Claim]:
    return C.claims(article_id, text, [(s.start, s.end) for s in sentence_split.split(text)])


def _claims_of(db, article_ids: Iterable[int]) -> dict[int, tuple[str, list[C.Claim]]]:
    return {article_id: (text, _claims_in(article_id, text))
            for article_id, text in _texts(db, article_ids)}


def _claim_links(db, ids: set[int], dates: dict[int, date | None], everything: bool) -> list[Link]:
    if not ids:
        return []
    shared = _shared_everywhere(db, ids) if everything else _shared_with_new(db, ids, dates)
    by_pair = _by_pair(db, shared, dates)
    del shared
    keep = _strongest(by_pair)
    return _context_links(db, {pair: by_pair[pair] for pair in by_pair if pair in keep}, dates)


def _shared_everywhere(db, ids: set[int]) -> list[C.SharedClaim]:
    """Every article against every other. Texts are not kept (they would be most of the
    memory on a large corpus): only the claims, and the quotes re-read the texts they need."""
    claims: list[C.Claim] = []
    df: Counter[str] = Counter()
    read = 0
    for article_id, text in _texts(db, ids):
        found = _claims_in(article_id, text)
        df.update({t for c in found for t in c.words})
        claims += found
        read += 1
    return C.shared_within(claims, C.Idf(lambda t: df[t], read))


def _shared_with_new(db, ids: set[int], dates: dict[int, date | None]) -> list[C.SharedClaim]:
    """New articles against each other and against the old ones holding their rare words."""
    docs = _claims_of(db, ids)
    idf = C.Idf(_fts_df(db, docs), len(dates))
    new = [c for _, cs in docs.values() for c in cs]
    old_ids = _fts_candidates(db, new, idf, docs) - ids
    old_docs = _claims_of(db, old_ids)
    old = [c for i in old_ids if i in old_docs for c in old_docs[i][1]]  # the index's order
    return C.shared_claims(new, new + old, idf)


def _by_pair(db, shared: list[C.SharedClaim], dates: dict[int, date | None]
             ) -> dict[tuple[int, int], list[C.SharedClaim]]:
    """The shared claims of each pair of live articles, the earlier article first; a
    republication shares everything and is linked as a duplicate instead."""
    duplicates = {(a, b) for a, b in db.execute(
        "SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL")}
    by_pair: dict[tuple[int, int], list[C.SharedClaim]] = defaultdict(list)
    for sc in shared:
        a, b = sc.a.article, sc.b.article
        if a not in dates or b not in dates or (a, b) in duplicates or (b, a) in duplicates:
            continue
        first, second = _order(a, b, dates)
        if first != a:
            sc = C.SharedClaim(sc.b, sc.a, sc.score, sc.shared)
        by_pair[(first, second)].append(sc)
    return by_pair


def _strongest(by_pair: dict[tuple[int, int], list[C.SharedClaim]]) -> set[tuple[int, int]]:
    """The pairs among the MAX_CONTEXT strongest of either of their articles."""
    per_article: dict[int, list[tuple[float, tuple[int, int]]]] = defaultdict(list)
    for pair, found in by_pair.items():
        top = max(sc.score for sc in found) + 0.01 * len(found)
        for article in pair:
            per_article[article].append((top, pair))
    keep = set()
    for scored in per_article.values():
        keep.update(pair for _, pair in sorted(scored, reverse=True)[:MAX_CONTEXT])
    return keep


def _context_links(db, kept: dict[tuple[int, int], list[C.SharedClaim]],
                   dates: dict[int, date | None]) -> list[Link]:
    """The links, quoting the first article of each pair: the texts are read again here, one
    at a time, rather than all held from the start."""
    by_first: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pair in kept:
        by_first[pair[0]].append(pair)
    out = []
    for article_id, text in _texts(db, by_first):
        for a, b in by_first[article_id]:
            found = kept[(a, b)]
            found.sort(key=lambda sc: -sc.score)
            out.append(_context_link(text, a, b, found, dates))
    return out


def _context_link(text_a: str, a: int, b: int, found: list[C.SharedClaim],
                  dates: dict[int, date | None]) -> Link:
    quoted = C.quote(text_a, found[0].a, found[0].b)
    evidence = [Evidence(sc.a.start, sc.a.end, sc.b.start, sc.b.end,
                         "shared: " + ", ".join(sc.shared[:5])) for sc in found[:3]]
    reason = f"both carry: “{quoted}”" + (f" (+{len(found) - 1} more)" if len(found) > 1
                                         else "")
    return Link(a, b, SHARED_CONTEXT, found[0].score, reason, evidence,
                {"claims": len(found)}, not (dates.get(a) and dates.get(b)))


def _order(a: int, b: int, dates: dict[int, date | None]) -> tuple[int, int]:
    da, dbb = dates.get(a), dates.get(b)
    if da and dbb and da != dbb:
        return (a, b) if da < dbb else (b, a)
    return (a, b) if a < b else (b, a)


def _surface(docs) -> dict[str, str]:
    forms: dict[str, str] = {}
    for text, claims in docs.values():
        for c in claims:
            for m in C._WORD.finditer(text, c.start, c.end):
                forms.setdefault(C.stem(m.group()), m.group())
    return forms


def _fts_df(db, docs) -> Callable[[str], int]:
    """Document frequency from the full-text index, asked with a surface form of the stem."""
    forms = _surface(docs)
    cache: dict[str, int] = {}

    def df(term: str) -> int:
        if term not in cache:
            word = forms.get(term, term)
            try:
                cache[term] = db.execute(
                    "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?",
                    ['"' + word.replace('"', "") + '"']).fetchone()[0]
            except Exception:  # a word FTS5 cannot take as a phrase: treat as rare
                cache[term] = 1
        return cache[term]

    return df


def _fts_candidates(db, new: list[C.Claim], idf: C.Idf, docs) -> set[int]:
    """Articles holding the rarest words of a new sentence, from the full-text index."""
    forms = _surface(docs)
    found: set[int] = set()
    for c in new:
        rare = sorted((t for t in c.terms if idf.df(t) >= 2), key=lambda t: (-idf(t), t))[:3]
        if len(rare) < 2:
            continue
        query = " AND ".join('"' + forms.get(t, t).replace('"', "") + '"' for t in rare[:2])
        try:
            rows = db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
                              f" LIMIT {C.MAX_POSTINGS + 1}", [query]).fetchall()
        except Exception:
            continue
        if len(rows) <= C.MAX_POSTINGS:
            found.update(r[0] for r in rows)
    return found


# --- duplicates ----------------------------------------------------------------------------

def _duplicate_links(db, ids: set[int] | None) -> list[Link]:
    out = []
    for dup, original, text in db.execute(
            "SELECT id, duplicate_of, text FROM articles WHERE duplicate_of IS NOT NULL"):
        if ids is not None and dup not in ids and original not in ids:
            continue
        first = sentence_split.split(text)[:1]
        evidence = [Evidence(s.start, s.end, s.start, s.end, "same text") for s in first]
        out.append(Link(original, dup, DUPLICATE, 1.0, "the same text republished", evidence,
                        {}, False))
    return out


def _chunks(items: list, n: int):
    for i in range(0, len(items), n):
        yield items[i:i + n]
