"""`same_event` links over stored profiles without holding the corpus in memory.

The store streams statistics and the neighbourhood of new articles, and reads light profiles for
scoring and full ones only for explaining. Each of these must give exactly what holding every
full profile in memory gave: `_in_memory` below is that reference, written the plain way.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest

from briefing.analysis.links import same_event as se
from briefing.analysis.links import same_event_blocking as blocking
from briefing.analysis.links import same_event_gate as gate
from briefing.store import profiles as profiles_store
from briefing.store import same_event_links as sel
from briefing.store.corpus import Corpus
from tests.helpers import write_file
from tests.test_same_event import ARTICLES

CITIES = ["Napa", "Ridgecrest", "Fresno", "Eureka", "Bakersfield", "Redding", "Salinas", "Merced",
          "Visalia", "Modesto", "Ukiah", "Hollister"]
PEOPLE = ["Maria Alvarez", "John Okafor", "Wei Chen", "Anna Kowalski", "Omar Haddad",
          "Lena Fischer", "Tom Brennan", "Priya Raman", "Carlos Mendes", "Ingrid Holm",
          "Kenji Sato", "Ruth Adeyemi"]
OPENINGS = ["A magnitude {m} earthquake struck near {city} on {day}, injuring {hurt} people.",
            "{hurt} people were hurt when a {m} quake shook {city} on {day}, officials said.",
            "Residents of {city} cleared rubble after a magnitude {m} tremor on {day}."]
FOLLOWS = ["{name}, the county's emergency manager, said {hurt} people were treated for injuries.",
           "Emergency manager {name} said inspectors checked bridges and schools around {city}.",
           "{name} told reporters that power was restored to most of {city} by evening."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _reports(seed: int = 7, events: int = 12) -> list[dict]:
    """Quake reports: each event (a place, a person, a magnitude, a toll) told two to four ways."""
    rng = random.Random(seed)
    out = []
    for k in range(events):
        city, name = CITIES[k], PEOPLE[k]
        m, hurt = f"{rng.randint(40, 69) / 10}", rng.randint(3, 90)
        day = date(2019, 1, 1) + timedelta(days=rng.randint(0, 300))
        facts = {"city": city, "name": name, "m": m, "hurt": hurt, "day": DAYS[day.weekday()]}
        for r in range(rng.randint(2, 4)):
            text = " ".join([OPENINGS[(k + r) % 3].format(**facts), FOLLOWS[r % 3].format(**facts),
                             FOLLOWS[(r + 1) % 3].format(**facts)])
            published = day + timedelta(days=rng.randint(0, 2))
            out.append({"title": f"Quake near {city}" if r % 2 else f"{city} counts quake damage",
                        "text": text, "date": published.isoformat(), "url": f"test:{k}-{r}"})
    rng.shuffle(out)
    return out


def _unrelated() -> list[dict]:
    return [{"title": title, "text": text, "date": day.isoformat(), "url": f"test:{key}"}
            for key, (title, text, day) in ARTICLES.items() if key in ("football", "rates")]


def _ingest(corpus, path, rows):
    corpus.ingest([write_file(path, "\n".join(json.dumps(r) for r in rows) + "\n")])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """An older batch, then a newer one that carries one earlier report again (a copy)."""
    tmp = tmp_path_factory.mktemp("scale")
    rows = _reports() + _unrelated()
    old, new = rows[: len(rows) * 2 // 3], rows[len(rows) * 2 // 3:]
    corpus = Corpus.open(tmp / "b.db", seed=False)
    _ingest(corpus, tmp / "old.jsonl", old)
    _ingest(corpus, tmp / "new.jsonl", new + [dict(old[0], url="test:copy")])
    return corpus


def _order(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _new_ids(db) -> set[int]:
    return {i for (i,) in db.execute("SELECT id FROM articles ORDER BY id DESC LIMIT 12")}


def _in_memory(db, ids, order):
    """Every full profile in memory, as linking was first written."""
    profiles = {str(i): p for i, p in profiles_store.load(db).items()}
    copied = sel._copied(db)
    profiles.update(sel._copies(copied, profiles))
    stats = se.Stats(profiles.values())
    new = None if ids is None else {str(i) for i in ids} & profiles.keys()
    if new is None:
        chosen = list(profiles.values())
    else:
        chosen = [profiles[i] for i in sorted(new | _neighbours(db, new, profiles, stats))]
    vectors = se.vectors_of(chosen, stats)
    judge = gate.Judge(stats, vectors)
    found = {(x, y): f for x, y, f in se.link(chosen, stats, corpus_vectors=vectors)}
    judged = gate.tied([(x, y, judge(profiles[x], profiles[y])) for x, y in found])
    return [sel._as_link(int(x), int(y), found[(x, y)], v, order) for x, y, v in judged
            if x not in copied and y not in copied and (new is None or x in new or y in new)]


def _neighbours(db, new, profiles, stats):
    cap = blocking.max_df_for(stats.n)
    vectors = se.vectors_of((profiles[i] for i in new), stats)
    wanted = defaultdict(list)
    for i in new:
        for k in blocking.index_keys(se._keys(vectors[i]), lambda k: 2 <= stats.df(k) <= cap):
            wanted[k].append(i)
    shared = defaultdict(Counter)
    for j, p in profiles.items():
        if j not in new:
            for k in wanted.keys() & p.specifics.keys() | wanted.keys() & p.terms.keys():
                for i in wanted[k]:
                    shared[i][j] += 1
    found = set()
    for i in new:
        found.update(j for j, _ in shared[i].most_common(blocking.PER_DOC))
    found |= sel._partners(db, found)
    return found - new


def test_the_corpus_has_events_and_a_republished_copy(corpus):
    assert sel._copied(corpus.db)
    assert len(sel.same_event_links(corpus.db, None, _order)) > 10


def test_streamed_statistics_are_those_of_every_profile_in_memory(corpus):
    profiles = {str(i): p for i, p in profiles_store.load(corpus.db).items()}
    copied = sel._copied(corpus.db)
    profiles.update(sel._copies(copied, profiles))
    held, streamed = se.Stats(profiles.values()), sel.corpus_stats(corpus.db, copied)
    assert streamed.n == held.n == len(profiles)
    assert streamed._df == held._df


def test_light_profiles_score_like_full_ones_and_share_their_keys(corpus):
    full = profiles_store.load(corpus.db)
    light = profiles_store.load_light(corpus.db)
    assert list(light) == list(full)
    for i, p in full.items():
        q = light[i]
        assert (q.doc_id, q.date, q.lead, q.terms, q.specifics) == (p.doc_id, p.date, p.lead, p.terms, p.specifics)
        assert list(q.terms) == list(p.terms) and list(q.specifics) == list(p.specifics)
    keys = {}
    for q in light.values():
        for k in q.terms:
            assert keys.setdefault(k, k) is k  # one string per feature, however many articles


def test_whole_corpus_links_are_those_of_every_profile_in_memory(corpus):
    assert sel.same_event_links(corpus.db, None, _order) == _in_memory(corpus.db, None, _order)


def test_links_of_new_articles_are_those_of_every_profile_in_memory(corpus):
    ids = _new_ids(corpus.db)
    got = sel.same_event_links(corpus.db, ids, _order)
    assert got and got == _in_memory(corpus.db, ids, _order)
    assert all(link.source in ids or link.target in ids for link in got)


def test_full_profiles_are_read_only_for_the_articles_of_linked_events(corpus, monkeypatch):
    asked: list[int] = []
    real = profiles_store.load_ids

    def recorded(db, ids, read=profiles_store.loads):
        ids = list(ids)
        if read is profiles_store.loads:
            asked.extend(ids)
        return real(db, ids, read)

    monkeypatch.setattr(profiles_store, "load_ids", recorded)
    monkeypatch.setattr(profiles_store, "load", lambda db: pytest.fail("every full profile read"))
    links = sel.same_event_links(corpus.db, None, _order)
    linked = {i for link in links for i in (link.source, link.target)}
    assert linked <= set(asked)
    alone = {i for i, url in corpus.db.execute("SELECT id, url FROM articles")
             if url in ("test:football", "test:rates")}
    assert len(alone) == 2 and not alone & set(asked)
