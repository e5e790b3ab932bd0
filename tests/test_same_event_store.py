"""`same_event` links through the store: computed at ingest against the corpus, gated, kept.

The articles are the hand-written quake reports of test_same_event (two reports of the Napa quake,
two of the Ridgecrest quake, two unrelated stories), ingested as JSONL like any user's file.
"""

from __future__ import annotations

import json
import os
from datetime import date

from briefing.analysis.links import same_event as se
from briefing.analysis.links import same_event_gate as gate
from briefing.store import profiles as profiles_store
from briefing.store.corpus import Corpus
from tests.helpers import SEEDS, write_file
from tests.test_same_event import ARTICLES

NAPA_3 = (
    "Napa wineries tally quake losses",
    "Wineries in the Napa Valley counted their losses on Tuesday, two days after the 6.0 magnitude "
    "earthquake that injured about 120 people in and around Napa.\n"
    "Governor Jerry Brown toured damaged buildings in downtown Napa with county officials.",
    date(2014, 8, 26),
)


def _jsonl(path, articles):
    rows = [{"title": t, "text": x, "date": d.isoformat(), "url": f"test:{k}"}
            for k, (t, x, d) in articles.items()]
    return write_file(path, "\n".join(json.dumps(r) for r in rows) + "\n")


def _same_event(corpus):
    key = {i: url[5:] for i, url in corpus.db.execute("SELECT id, url FROM articles")}
    rows = corpus.db.execute(
        "SELECT source, target, diff FROM links WHERE type = 'same_event'").fetchall()
    return {frozenset((key[a], key[b])): json.loads(d) for a, b, d in rows}


def test_ingest_links_reports_of_one_event_and_not_of_a_sibling_event(tmp_path):
    corpus = Corpus.open(tmp_path / "b.db", seed=False)
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", ARTICLES)])
    links = _same_event(corpus)
    assert frozenset(("napa1", "napa2")) in links
    assert frozenset(("ridge1", "ridge2")) in links
    assert not any(pair & {"napa1", "napa2"} and pair & {"ridge1", "ridge2"} for pair in links)
    assert not any(pair & {"football", "rates"} for pair in links)
    napa = links[frozenset(("napa1", "napa2"))]
    assert napa["strength"] in (gate.EVENT, gate.STORY)
    assert "Napa" in " ".join(napa["anchors"]) and napa["days_apart"] == 1
    view = [v for v in corpus.links(type_="same_event") if v.reason.startswith("same ")]
    assert view and all(v.evidence for v in view)


def test_a_later_report_joins_the_event_and_earlier_links_stay(tmp_path):
    corpus = Corpus.open(tmp_path / "b.db", seed=False)
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", ARTICLES)])
    before = _same_event(corpus)
    corpus.ingest([_jsonl(tmp_path / "b.jsonl", {"napa3": NAPA_3})])
    after = _same_event(corpus)
    assert {frozenset(("napa3", "napa1")), frozenset(("napa3", "napa2"))} <= after.keys()
    assert not any("napa3" in pair and pair & {"ridge1", "ridge2", "football", "rates"}
                   for pair in after)
    assert before.keys() <= after.keys()


def test_profiles_are_stored_at_analysis_and_read_back_equal(tmp_path):
    corpus = Corpus.open(tmp_path / "b.db", seed=False)
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", {"napa1": ARTICLES["napa1"]})])
    (article_id, stored), = profiles_store.load(corpus.db).items()
    title, text, day = ARTICLES["napa1"]
    fresh = se.profile(str(article_id), text, title, day)
    assert (stored.terms, stored.specifics, stored.places, stored.sentences, stored.date) == \
        (fresh.terms, fresh.specifics, fresh.places, [tuple(s) for s in fresh.sentences], day)


def test_a_database_analysed_before_profiles_gets_them_when_relinked(tmp_path):
    corpus = Corpus.open(tmp_path / "b.db", seed=False)
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", ARTICLES)])
    before = _same_event(corpus)
    corpus.db.execute("DELETE FROM event_profiles")
    corpus.relink()
    assert corpus.db.execute("SELECT COUNT(*) FROM event_profiles").fetchone()[0] == len(ARTICLES)
    assert _same_event(corpus).keys() == before.keys()


def test_a_plan_and_its_realization_are_not_also_called_the_same_event(tmp_path):
    corpus = Corpus.open(tmp_path / "b.db", seed=False)
    corpus.ingest([SEEDS])
    types = {v.type for v in corpus.links()}
    assert "realizes" in types and "same_event" not in types


def _profile(doc_id, names=(), words=(), day=None):
    specifics = {f"a:{n.lower()}": 1.0 for n in names}
    terms = {f"w:{w.lower()}": 1.0 for w in words}
    surface = {f"w:{w.lower()}": w for w in words}
    return se.EventProfile(doc_id, "", day, [], terms, specifics, surface=surface)


def test_anchor_is_a_shared_rare_name_or_capitalised_word():
    a = _profile("a", names=["Jerry Brown"], words=["Jerry", "Brown", "Napa", "quake"])
    b = _profile("b", words=["brown", "Napa", "quake"])  # a lower-case text the extractor missed
    c = _profile("c", words=["napa", "quake"])
    stats = se.Stats([a, b, c, _profile("d", words=["quake"])])
    assert gate.anchors(a, b, stats.df) == ["w:brown", "w:napa"]  # the name, the place
    assert gate.anchors(a, c, stats.df) == []  # "napa" in lower case is not a name there


def test_unanchored_pairs_stay_only_when_anchored_pairs_connect_them():
    v = gate.Verdict(["Napa"], gate.STORY, 0.3, 1)
    loose = gate.Verdict([], gate.STORY, 0.3, 1)
    kept = gate.tied([("a", "b", v), ("b", "c", v), ("a", "c", loose), ("c", "d", loose)])
    assert {(x, y) for x, y, _ in kept} == {("a", "b"), ("b", "c"), ("a", "c")}


def test_story_export_scope_takes_in_the_same_event_and_stops_there(tmp_path):
    corpus = Corpus.open(tmp_path / "b.db", seed=False)
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", ARTICLES)])
    key = {url[5:]: i for i, url in corpus.db.execute("SELECT id, url FROM articles")}
    story = set(corpus.story(key["napa1"]))
    assert key["napa2"] in story and not story & {key["ridge1"], key["ridge2"], key["rates"]}


def test_a_large_relink_computes_same_event_in_a_forked_process_with_the_same_result(
        tmp_path, monkeypatch):
    from briefing.store import links as links_store

    corpus = Corpus.open(tmp_path / "b.db", seed=False)
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", ARTICLES)])
    alone = _same_event(corpus)
    monkeypatch.setattr(links_store, "PARALLEL_FROM", 1)
    real, pids = links_store.same_event_links, tmp_path / "pids"

    def recorded(*args):
        with pids.open("a") as f:
            f.write(f"{os.getpid()}\n")
        return real(*args)

    monkeypatch.setattr(links_store, "same_event_links", recorded)
    corpus.relink()
    assert _same_event(corpus) == alone
    ran_in = pids.read_text().split()
    assert len(ran_in) == 1 and int(ran_in[0]) != os.getpid()


def test_feature_names_are_stored_beside_profiles_and_filled_in_for_an_older_database(tmp_path):
    import sqlite3

    from briefing.store import schema

    corpus = Corpus.open(tmp_path / "b.db", seed=False)
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", ARTICLES)])
    saved = dict(profiles_store.feature_rows(corpus.db))
    full = profiles_store.load(corpus.db)
    assert saved.keys() == full.keys() and all(saved[i] == full[i].features() for i in full)
    links = _same_event(corpus)
    corpus.close()
    # As the previous schema left it: the column gone, the version one back.
    conn = sqlite3.connect(tmp_path / "b.db")
    conn.execute("ALTER TABLE event_profiles DROP COLUMN features")
    conn.execute(f"PRAGMA user_version = {schema.current_version() - 1}")
    conn.commit()
    conn.close()
    corpus = Corpus.open(tmp_path / "b.db", seed=False)  # migrates: the column comes back empty
    assert corpus.db.execute("SELECT COUNT(*) FROM event_profiles WHERE features IS NULL"
                             ).fetchone()[0] == len(saved)
    corpus.ingest([_jsonl(tmp_path / "b.jsonl", {"napa3": NAPA_3})])  # linking fills them in
    now = dict(profiles_store.feature_rows(corpus.db))
    assert {i: now[i] for i in saved} == saved and len(now) == len(saved) + 1
    assert links.keys() < _same_event(corpus).keys()
