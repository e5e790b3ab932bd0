"""Actor surfaces through the real CLI: the resolved table on the seeds, profiles, the
`extract` contract used for independent evaluation, and `actor:` search."""

import json
import subprocess
import sys

from tests.helpers import SEEDS
from tests.test_cli import run


def lines(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_seed_people_states_and_no_junk(tmp_path):
    db = tmp_path / "a.db"
    run("ingest", str(SEEDS), db=db)
    people = {r["name"]: r for r in lines(run("actors", "--type", "person", "--json", db=db).stdout)}
    expected = {
        "Luis Videgaray": ("Foreign Minister", "Mexico"),
        "Rex Tillerson": ("Secretary of State", "United States"),
        "Nicolas Maduro": ("President", "Venezuela"),
        "Kamina Johnson Smith": ("Foreign Minister", "Jamaica"),
        "Donald Trump": ("President", "United States"),
    }
    assert {n: (p["roles"][0], p["country"]) for n, p in people.items()} == expected
    states = {r["name"] for r in lines(run("actors", "--type", "gpe", "--json", "--limit", "500",
                                          db=db).stdout)}
    vote = {"Saint Kitts and Nevis", "Saint Vincent and the Grenadines", "Dominica", "Grenada",
            "Haiti", "Dominican Republic", "Trinidad and Tobago", "Antigua and Barbuda",
            "Jamaica", "Saint Lucia"}
    assert vote <= states
    everything = lines(run("actors", "--json", "--limit", "500", db=db).stdout)
    junk = [a["name"] for a in everything
            if a["name"].startswith(("’", "'", "State ", "The ")) or a["name"].endswith(("’s", "'s"))]
    assert junk == []


def test_profile_and_actor_search(tmp_path):
    db = tmp_path / "a.db"
    run("ingest", str(SEEDS), db=db)
    [profile] = lines(run("actor", "Videgaray", "--json", db=db).stdout)
    assert profile["name"] == "Luis Videgaray" and len(profile["articles"]) == 2
    assert "Videgaray" in profile["aliases"]
    assert all(r["sentence"] for r in profile["roles"])
    hits = lines(run("search", "actor:Videgaray", "grenada", "--json", db=db).stdout)
    assert [h["place"] for h in hits] == ["Mexico City"]
    assert lines(run("search", "actor:Tillerson", "--json", db=db).stdout)  # both articles
    assert lines(run("search", "actor:nobody-at-all", "--json", db=db).stdout) == []


def test_extract_contract_offsets_index_the_given_text(tmp_path):
    docs = [{"id": "a", "text": "U.S. Secretary of State Rex Tillerson met OAS officials in St. Lucia."},
            {"id": 7, "text": "Nothing to see here."}]
    proc = subprocess.run([sys.executable, "-m", "briefing", "extract", "--json"],
                          input="\n".join(json.dumps(d) for d in docs), capture_output=True,
                          text=True, check=True)
    out = lines(proc.stdout)
    assert [o["id"] for o in out] == ["a", 7]
    for doc, result in zip(docs, out):
        for m in result["mentions"]:
            assert doc["text"][m["start"]:m["end"]] == m["text"]
            assert set(m) == {"start", "end", "text", "type", "actor"}
    found = {(m["text"], m["type"], m["actor"]) for m in out[0]["mentions"]}
    assert {("Rex Tillerson", "PERSON", "Rex Tillerson"), ("St. Lucia", "GPE", "Saint Lucia"),
            ("OAS", "ORG", "Organization of American States")} <= found
    assert out[1]["mentions"] == []
    seed = SEEDS / "000_6ac3c1ea0dc10694.txt"
    proc = subprocess.run([sys.executable, "-m", "briefing", "extract", str(seed), "--json"],
                          capture_output=True, text=True, check=True)
    [result] = lines(proc.stdout)
    text = seed.read_text()
    assert all(text[m["start"]:m["end"]] == m["text"] for m in result["mentions"])
