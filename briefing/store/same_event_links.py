"""`same_event` links in the store: the analysis machinery over stored profiles, then the gate.

Statistics are always the whole corpus's (every stored profile). For the whole corpus,
`same_event.link` runs over every profile. For a few new articles it runs over their
neighbourhood only: the new profiles, the stored articles sharing most of their telling rare
features (the same keys blocking uses), and those articles' current same-event partners, so a new
report joins an event as a whole instead of re-deciding it pair by pair. Only links touching a new
article come out of that; links among older articles stay as they are.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace

import sqlite_utils

from briefing.analysis.document import anchor_date, event_profile
from briefing.analysis.links import same_event as se
from briefing.analysis.links import same_event_blocking as blocking
from briefing.analysis.links import same_event_gate as gate
from briefing.analysis.links.model import SAME_EVENT, Evidence, Link
from briefing.store import profiles as profiles_store

MAX_NEIGHBOURHOOD = 3000  # articles compared with a batch of new ones, besides the new ones


def same_event_links(db: sqlite_utils.Database, ids: set[int] | None,
                     order: Callable[[int, int], tuple[int, int]]) -> list[Link]:
    fill_missing(db)
    profiles = {str(i): p for i, p in profiles_store.load(db).items()}
    if not profiles:
        return []
    republished = _republished(db, profiles)
    profiles.update(republished)
    stats = se.Stats(profiles.values())
    if ids is None:
        new = None
        chosen = list(profiles.values())
    else:
        new = {str(i) for i in ids} & profiles.keys()
        if not new:
            return []
        around = _neighbours(db, new, profiles, stats)
        chosen = [profiles[i] for i in sorted(new | around)]
    vectors = se.vectors_of(chosen, stats)
    judge = gate.Judge(stats, vectors)
    found = {(x, y): f for x, y, f in se.link(chosen, stats, corpus_vectors=vectors)}
    judged = gate.tied([(x, y, judge(profiles[x], profiles[y])) for x, y in found])
    out = []
    for x, y, verdict in judged:
        if x in republished or y in republished:
            continue  # the `duplicate` link and the original's own links say it already
        if new is None or x in new or y in new:
            out.append(_as_link(int(x), int(y), found[(x, y)], verdict, order))
    return out


def _republished(db, profiles: dict[str, se.EventProfile]) -> dict[str, se.EventProfile]:
    """Republished copies weigh in like any report: a story carried twice is part of the corpus
    the statistics describe, and leaving copies out changes which reports group together."""
    out = {}
    for dup, original in db.execute(
            "SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL"):
        p = profiles.get(str(original))
        if p is not None:
            out[str(dup)] = replace(p, doc_id=str(dup))
    return out


def _as_link(a: int, b: int, found: se.SameEvent, verdict: gate.Verdict,
             order: Callable[[int, int], tuple[int, int]]) -> Link:
    source, target = order(a, b)
    spans = found.evidence if source == a else [(c, d, e, f) for e, f, c, d in found.evidence]
    label = "same event" if verdict.strength == gate.EVENT else "same story"
    return Link(source, target, SAME_EVENT, found.score, f"{label}: {found.reason}",
                [Evidence(*span, note=label) for span in spans],
                {"strength": verdict.strength, "anchors": verdict.anchors,
                 "similarity": verdict.similarity, "days_apart": verdict.days}, False)


def _neighbours(db, new: set[str], profiles: dict[str, se.EventProfile], stats) -> set[str]:
    """Stored articles worth comparing with the new ones (never the new ones themselves)."""
    cap = blocking.max_df_for(stats.n)
    vectors = se.vectors_of((profiles[i] for i in new), stats)
    wanted: dict[str, list[str]] = defaultdict(list)  # key -> new articles indexed under it
    for i in new:
        for k in blocking.index_keys(se._keys(vectors[i]), lambda k: 2 <= stats.df(k) <= cap):
            wanted[k].append(i)
    shared: dict[str, Counter] = defaultdict(Counter)
    keyset = wanted.keys()
    for j, p in profiles.items():
        if j in new:
            continue
        for k in keyset & p.specifics.keys() | keyset & p.terms.keys():
            for i in wanted[k]:
                shared[i][j] += 1
    found: set[str] = set()
    for i in new:
        found.update(j for j, _ in shared[i].most_common(blocking.PER_DOC))
    found |= _partners(db, found)
    if len(found) > MAX_NEIGHBOURHOOD:
        found = set(sorted(found, key=int)[-MAX_NEIGHBOURHOOD:])  # the most recent ingests
    return found - new


def _partners(db, ids: set[str]) -> set[str]:
    out: set[str] = set()
    wanted = sorted(int(i) for i in ids)
    for k in range(0, len(wanted), 400):
        chunk = wanted[k:k + 400]
        marks = ",".join("?" * len(chunk))
        for a, b in db.execute(
                f"SELECT source, target FROM links WHERE type = '{SAME_EVENT}'"
                f" AND (source IN ({marks}) OR target IN ({marks}))", chunk + chunk):
            out.update((str(a), str(b)))
    return out


def fill_missing(db: sqlite_utils.Database) -> int:
    """Profiles for articles analysed before profiles were stored (an older database)."""
    rows = profiles_store.missing(db)
    if not rows:
        return 0
    made = [(article_id, event_profile(text, title, anchor_date(published)))
            for article_id, text, title, published in rows]
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        for article_id, p in made:
            profiles_store.save(db, article_id, p)
    return len(made)
