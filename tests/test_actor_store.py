"""Storing actors: cross-article identity, consolidation in any order, profiles with sources."""

import sqlite3

import pytest
import sqlite_utils

from briefing.analysis.actors.model import Actor, Extraction, Mention, Role, Sentence
from briefing.ingest.record import Record
from briefing.store import schema
from briefing.store.actors import consolidate, save_extraction
from briefing.store.articles import add_batch


def extraction(text, actors):
    """actors: (name, type, [surface forms in text], role or None, country, acronym)."""
    sentences = [Sentence(0, len(text))]
    built = []
    for name, type_, forms, role, country, acronym in actors:
        mentions = []
        for form in forms:
            start = text.index(form)
            mentions.append(Mention(start, start + len(form), form, type_, 0, actor=name))
        roles = [Role(role, country, 0)] if role else []
        built.append(Actor(name, type_, country, set(forms), roles, mentions, acronym))
    return Extraction(text, sentences, [m for a in built for m in a.mentions], built, "test")


def store(corpus, *texts):
    add_batch(corpus.db, [Record(text=t, origin=f"t#{i}", title=f"A{i}") for i, t in enumerate(texts)])


def save(corpus, article_id, ext):
    with corpus.db.conn:
        save_extraction(corpus.db, article_id, ext)
        consolidate(corpus.db)


B_TEXT = "Videgaray said the OAS vote failed."
A_TEXT = "Mexican Foreign Minister Luis Videgaray met the Organization of American States (OAS)."


def test_bare_surname_and_acronym_fold_into_the_full_actor_whatever_the_order(corpus):
    store(corpus, B_TEXT, A_TEXT)
    save(corpus, 1, extraction(B_TEXT, [("Videgaray", "PERSON", ["Videgaray"], None, None, None),
                                        ("OAS", "ORG", ["OAS"], None, None, None)]))
    save(corpus, 2, extraction(A_TEXT, [
        ("Luis Videgaray", "PERSON", ["Luis Videgaray"], "Foreign Minister", "Mexico", None),
        ("Organization of American States", "ORG", ["Organization of American States"], None,
         None, "OAS")]))
    rows = {r.name: r for r in corpus.actors()}
    assert set(rows) == {"Luis Videgaray", "Organization of American States"}
    person = rows["Luis Videgaray"]
    assert (person.articles, person.mentions, person.roles, person.country) == (
        2, 2, ["Foreign Minister"], "Mexico")
    [profile] = corpus.actor_profiles("Videgaray")
    assert set(profile.aliases) == {"Luis Videgaray", "Videgaray"}
    [role] = profile.roles
    assert (role.title, role.country, role.article_id) == ("Foreign Minister", "Mexico", 2)
    assert role.sentence == A_TEXT
    assert [name for name, _, _ in profile.co_actors] == ["Organization of American States"]
    assert corpus.actor_profiles("OAS")[0].actor.articles == 2


def test_ambiguous_surname_stays_apart(corpus):
    text = "John Smith met Kamina Johnson Smith. Smith spoke."
    store(corpus, text)
    save(corpus, 1, extraction(text, [
        ("John Smith", "PERSON", ["John Smith"], None, None, None),
        ("Kamina Johnson Smith", "PERSON", ["Kamina Johnson Smith"], None, None, None),
        ("Smith", "PERSON", ["Smith"], None, None, None)]))
    assert {r.name for r in corpus.actors()} == {"John Smith", "Kamina Johnson Smith", "Smith"}


def test_reanalysing_an_article_replaces_its_mentions(corpus):
    store(corpus, A_TEXT)
    ext = extraction(A_TEXT, [("Luis Videgaray", "PERSON", ["Luis Videgaray"], None, None, None)])
    save(corpus, 1, ext)
    save(corpus, 1, ext)
    assert [(r.name, r.mentions) for r in corpus.actors()] == [("Luis Videgaray", 1)]
    spans = corpus.mentions(1)
    assert [(A_TEXT[s.start:s.end], s.type) for s in spans] == [("Luis Videgaray", "PERSON")]


def test_version_1_database_is_migrated_forward_in_place(tmp_path, monkeypatch):
    path = tmp_path / "v1.db"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    db = schema.connect(path)
    add_batch(db, [Record(text="Grenada abstained.", origin="old", title="Old")])
    db.conn.close()
    monkeypatch.undo()
    db = schema.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.current_version() >= 2
    assert {"actors", "mentions", "roles", "actor_aliases", "analysed"} <= set(db.table_names())
    assert [r["title"] for r in db["articles"].search("grenada")] == ["Old"]
