"""Acceptance on the bundled seeds through the CLI: the plan article is linked to the article
reporting the trip, with the evidence side by side and Grenada planned but not reported."""

import json

import pytest

from tests.helpers import SEEDS
from tests.test_cli import run


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "b.db"
    run("ingest", str(SEEDS), db=db)
    return db


def ids_by_file(db):
    rows = [json.loads(x) for x in run("search", "Videgaray", "--json", db=db).stdout.splitlines()]
    full = {r["id"]: json.loads(run("show", str(r["id"]), "--json", db=db).stdout) for r in rows}
    return {a["origin"].split("/")[-1][:3]: i for i, a in full.items()}


def test_seed_plan_is_realized_by_the_trip_report(db):
    ids = ids_by_file(db)
    links = [json.loads(x) for x in run("links", "--type", "realizes", "--json", db=db).stdout.splitlines()]
    [link] = links
    assert (link["source"], link["target"]) == (ids["001"], ids["000"])
    pair = link["evidence"][0]
    assert "will travel to Jamaica, Grenada and Saint Lucia in March" in pair["source"]["text"]
    assert "visited St. Lucia before Jamaica" in pair["target"]["text"]
    diff = link["diff"]
    assert set(diff["planned"]) == {"Jamaica", "Grenada", "Saint Lucia"}
    assert diff["reported"] == ["Saint Lucia", "Jamaica"]
    assert diff["planned_not_reported"] == ["Grenada"]
    assert link["inferred_order"] is True


def test_seed_shared_context_quotes_the_claims(db):
    links = [json.loads(x) for x in
             run("links", "--type", "shared_context", "--json", db=db).stdout.splitlines()]
    assert len(links) == 1
    texts = [e["source"]["text"] + " | " + e["target"]["text"] for e in links[0]["evidence"]]
    assert any("Petrocaribe program that provided cheap loans" in t for t in texts)
    assert any("Tillerson" in t and "mitigat" in t for t in texts)


def test_seed_timeline_puts_the_plan_first_and_marks_the_order_inferred(db):
    ids = ids_by_file(db)
    entries = [json.loads(x) for x in
               run("timeline", "--actor", "Videgaray", "--json", db=db).stdout.splitlines()]
    articles = [e["article_id"] for e in entries]
    assert articles.index(ids["001"]) < articles.index(ids["000"])
    assert articles[-1] == ids["000"] and all(e["date_inferred"] for e in entries)


def test_events_of_an_article_and_human_output(db):
    ids = ids_by_file(db)
    events = [json.loads(x) for x in
              run("events", "--article", str(ids["000"]), "--json", db=db).stdout.splitlines()]
    visited = [e for e in events if e["trigger"]["text"] == "visited"]
    assert visited and visited[0]["modality"] == "realized" and visited[0]["cameo"] == "042"
    assert [p["actor"] for p in visited[0]["places"]] == ["Saint Lucia", "Jamaica"]
    text = run("links", "--article", str(ids["000"]), db=db).stdout
    assert "realizes" in text and "Grenada" in text
    missing = run("events", "--article", "999", db=db, check=False)
    assert missing.returncode != 0 and "no article 999" in missing.stderr
