"""`same_event` links in the store: the analysis machinery over stored profiles, then the gate.

Statistics are always the whole corpus's (every stored profile). For the whole corpus,
`same_event.link` runs over every profile. For a few new articles it runs over their
neighbourhood only: the new profiles, the stored articles sharing most of their telling rare
features (the same keys blocking uses), and those articles' current same-event partners, so a new
report joins an event as a whole instead of re-deciding it pair by pair. Only links touching a new
article come out of that; links among older articles stay as they are.

Memory stays bounded by what is compared, not by the corpus: scoring and clustering read light
profiles (`profiles.Light`), explaining a link reads full ones, loaded one event at a time; and
for new articles the statistics and the neighbourhood come from streaming over the stored
profiles, so only the neighbourhood is ever held.
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
    copied = _copied(db)
    if ids is None:
        profiles = {str(i): p for i, p in profiles_store.load_light(db).items()}
        profiles.update(_copies(copied, profiles))
        stats = se.Stats(profiles.values())
        new, chosen = None, list(profiles.values())
    else:
        stats = corpus_stats(db, copied)
        new, chosen = _neighbourhood(db, ids, copied, stats)
    if not chosen:
        return []
    vectors = se.vectors_of(chosen, stats)
    judge = gate.Judge(stats, vectors)
    ev = se.events(chosen, stats, corpus_vectors=vectors)
    found: dict[tuple[str, str], se.SameEvent | None] = {}
    verdicts = []
    for a, b, s in se.event_pairs(ev, {p.doc_id: p for p in chosen}, _detail(db, copied)):
        x, y = a.doc_id, b.doc_id
        # Every pair is judged (the gate ties pairs through each other), but only the links that
        # come out are explained: not a copy's (its `duplicate` link and the original's links say
        # it already) and, for new articles, not those among older ones.
        wanted = x not in copied and y not in copied and (new is None or x in new or y in new)
        found[(x, y)] = se.explained(ev, a, b, s) if wanted else None
        verdicts.append((x, y, judge(a, b)))
    out = []
    for x, y, verdict in gate.tied(verdicts):
        if found[(x, y)] is not None:
            out.append(_as_link(int(x), int(y), found[(x, y)], verdict, order))
    return out


def _copied(db) -> dict[str, str]:
    """Republished copy -> its original, in the order copies join the corpus."""
    return {str(dup): str(original) for dup, original in db.execute(
        "SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL")}


def _copies(copied: dict[str, str], profiles: dict[str, se.EventProfile]) -> dict[str, se.EventProfile]:
    """Republished copies weigh in like any report: a story carried twice is part of the corpus
    the statistics describe, and leaving copies out changes which reports group together."""
    return {dup: replace(profiles[original], doc_id=dup)
            for dup, original in copied.items() if original in profiles}


def corpus_stats(db, copied: dict[str, str]) -> se.Stats:
    """The statistics of every stored profile (copies included), read one profile at a time."""
    times = Counter(copied.values())
    stats = se.Stats()
    for i, features in profiles_store.feature_rows(db):
        stats.add_features(features, 1 + times.get(str(i), 0))
    return stats


def _neighbourhood(db, ids: set[int], copied: dict[str, str], stats) -> tuple[set[str], list]:
    """The new articles that have profiles, and the light profiles to compare: theirs and their
    neighbours', ordered by id as text."""
    wanted = {str(i) for i in ids}
    profiles = _light(db, wanted, copied)
    new = set(profiles)
    if not new:
        return new, []
    around = _neighbours(db, new, profiles, copied, stats)
    profiles.update(_light(db, around, copied))
    return new, [profiles[i] for i in sorted(new | around)]


def _light(db, ids: set[str], copied: dict[str, str]) -> dict[str, se.EventProfile]:
    """Light profiles of the given articles, a copy's being its original's."""
    stored = profiles_store.load_ids(db, (int(copied.get(i, i)) for i in ids), profiles_store.Light())
    out = {str(i): p for i, p in stored.items() if str(i) in ids}
    out.update(_copies({i: copied[i] for i in ids if i in copied}, {str(i): p for i, p in stored.items()}))
    return out


def _detail(db, copied: dict[str, str]) -> Callable[[list[str]], dict[str, se.EventProfile]]:
    """Full profiles for one event's articles, a copy's being its original's."""
    def detail(group: list[str]) -> dict[str, se.EventProfile]:
        stored = profiles_store.load_ids(db, (int(copied.get(i, i)) for i in group))
        return {i: replace(p, doc_id=i) if i in copied else p
                for i in group if (p := stored.get(int(copied.get(i, i)))) is not None}
    return detail


def _as_link(a: int, b: int, found: se.SameEvent, verdict: gate.Verdict,
             order: Callable[[int, int], tuple[int, int]]) -> Link:
    source, target = order(a, b)
    spans = found.evidence if source == a else [(c, d, e, f) for e, f, c, d in found.evidence]
    label = "same event" if verdict.strength == gate.EVENT else "same story"
    return Link(source, target, SAME_EVENT, found.score, f"{label}: {found.reason}",
                [Evidence(*span, note=label) for span in spans],
                {"strength": verdict.strength, "anchors": verdict.anchors,
                 "similarity": verdict.similarity, "days_apart": verdict.days}, False)


def _neighbours(db, new: set[str], profiles: dict[str, se.EventProfile], copied: dict[str, str],
                stats) -> set[str]:
    """Stored articles worth comparing with the new ones (never the new ones themselves), found
    by streaming over the stored profiles in the order `load` gives them, copies last."""
    cap = blocking.max_df_for(stats.n)
    vectors = se.vectors_of((profiles[i] for i in new), stats)
    wanted: dict[str, list[str]] = defaultdict(list)  # key -> new articles indexed under it
    for i in new:
        for k in blocking.index_keys(se._keys(vectors[i]), lambda k: 2 <= stats.df(k) <= cap):
            wanted[k].append(i)
    shared: dict[str, Counter] = defaultdict(Counter)
    keyset = wanted.keys()
    originals = set(copied.values())
    hits: dict[str, set[str]] = {}  # of originals, for their copies

    def count(j: str, found: set[str]) -> None:
        for k in found:
            for i in wanted[k]:
                shared[i][j] += 1

    for j, features in profiles_store.feature_rows(db):
        j = str(j)
        if j in originals or j not in new:
            found = keyset & features
            if j in originals:
                hits[j] = found
            if j not in new:
                count(j, found)
    for dup, original in copied.items():
        if original in hits and dup not in new:
            count(dup, hits[original])
    out: set[str] = set()
    for i in new:
        out.update(j for j, _ in shared[i].most_common(blocking.PER_DOC))
    out |= _partners(db, out)
    if len(out) > MAX_NEIGHBOURHOOD:
        out = set(sorted(out, key=int)[-MAX_NEIGHBOURHOOD:])  # the most recent ingests
    return out - new


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
    """Profiles for articles analysed before profiles were stored, and feature names for
    profiles stored before those were (an older database)."""
    profiles_store.fill_features(db)
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
