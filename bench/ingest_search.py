"""Ingest and search on the whole Reuters-21578 corpus, against baselines measured in the same run.

    .venv/bin/python bench/ingest_search.py [--queries 240] [--grep 40]

Ingest: our full pipeline before analysis (parse, clean, dedup, store, FTS5) vs a bare
sqlite-utils bulk insert plus FTS5 build of the same parsed stories (the floor). Search:
`Corpus.search` (query language, bm25 with title weight, filters, snippets, result objects) vs
raw sqlite3 FTS5 MATCH with snippet on the same database (the floor), and vs `grep -ril WORD`
over one file per article (what a user would do without us).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlite_utils  # noqa: E402

from bench.common import reuters_files, save, summary_ms, timed  # noqa: E402
from briefing.ingest.pipeline import finalise, read_path  # noqa: E402
from briefing.ingest.record import Record  # noqa: E402
from briefing.store.corpus import Corpus  # noqa: E402

STOP = set("""about above after again against also been before being below between both could
does doing down during each from further have having here into just more most much must only
other over said same should some such than that their them then there these they this those
through under until very were what when where which while will with would your year years
mln dlrs pct reuter reuters""".split())
RAW_SQL = ("SELECT rowid, snippet(articles_fts, 1, '[', ']', '…', 24) FROM articles_fts "
           "WHERE articles_fts MATCH ? ORDER BY rank LIMIT 20")


def make_queries(texts: list[str], n: int, seed: int = 7) -> list[str]:
    """1-3 word queries (a third of each length) whose words come from one real story, so every
    query has hits; words must occur in at least 5 stories, as analysts search for real terms."""
    words = [set(re.findall(r"[a-z]{4,}", t.lower())) - STOP for t in texts]
    df: Counter[str] = Counter(w for ws in words for w in ws)
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < n:
        pool = sorted(w for w in rng.choice(words) if df[w] >= 5)
        k = 1 + len(queries) % 3
        if len(pool) >= k:
            queries.append(" ".join(rng.sample(pool, k)))
    return queries


def bench_ingest(files: list[Path], work: Path) -> tuple[dict, Path, list[Record]]:
    db_path = work / "briefing.db"
    corpus = Corpus(db_path)
    # Without analysis: the floor only parses and stores. Actors, events and links have their own
    # benchmarks (bench/actors.py, bench/links.py); `briefing ingest` runs them after this.
    seconds, report = timed(lambda: corpus.ingest(files, analyse=False))
    corpus.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    corpus.close()
    parse_s, records = timed(lambda: [finalise(r) for f in files for r in read_path(f)
                                      if isinstance(r, Record)])
    floor = sqlite_utils.Database(work / "floor.db")
    rows = [{"title": r.title, "text": r.text} for r in records]
    floor_s, _ = timed(lambda: (floor["articles"].insert_all(rows),
                                floor["articles"].enable_fts(["title", "text"])))
    return {
        "articles": report.added,
        "duplicates_marked": report.duplicates,
        "skipped": len(report.skipped),
        "ingest_s": round(seconds, 3),
        "articles_per_s": round(report.added / seconds),
        "parse_only_s": round(parse_s, 3),
        "floor_bare_insert_fts_s": round(floor_s, 3),
        "ratio_vs_floor_plus_parse": round(seconds / (floor_s + parse_s), 2),
        "db_mb": round(db_path.stat().st_size / 2**20, 1),
    }, db_path, records


def bench_search(db_path: Path, queries: list[str]) -> dict:
    corpus = Corpus(db_path)
    raw = sqlite3.connect(db_path)
    for q in queries:  # warm the page cache for both, equally
        corpus.search(q)
        raw.execute(RAW_SQL, [q]).fetchall()
    ours, floor, empty = [], [], 0
    for q in queries:
        s, hits = timed(corpus.search, q)
        ours.append(s)
        empty += not hits
        floor.append(timed(lambda: raw.execute(RAW_SQL, [q]).fetchall())[0])
    a, b = summary_ms(ours), summary_ms(floor)
    return {"queries": len(queries), "queries_without_hits": empty, "ours": a, "raw_fts5": b,
            "p95_ratio_vs_raw": round(a["p95_ms"] / b["p95_ms"], 2)}


def bench_grep(records: list[Record], words: list[str], work: Path, ours_p50: float) -> dict:
    folder = work / "articles"
    folder.mkdir()
    for i, r in enumerate(records):
        (folder / f"{i}.txt").write_text(f"{r.title}\n\n{r.text}")
    subprocess.run(["grep", "-ril", "warmup", str(folder)], capture_output=True)
    times = [timed(subprocess.run, ["grep", "-ril", w, str(folder)], capture_output=True)[0]
             for w in words]
    g = summary_ms(times)
    return {"grep": g, "speedup_p50_vs_grep": round(g["p50_ms"] / ours_p50, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--grep", type=int, default=40, help="one-word queries timed with grep")
    args = parser.parse_args()
    files = reuters_files()
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        ingest, db_path, records = bench_ingest(files, work)
        print("ingest", ingest)
        queries = make_queries([r.text for r in records], args.queries)
        search = bench_search(db_path, queries)
        print("search", search)
        one_words = [q for q in queries if " " not in q][: args.grep]
        grep = bench_grep(records, one_words, work, search["ours"]["p50_ms"])
        print("grep", grep)
        print("saved", save("ingest_search", {"ingest": ingest, "search": search, "grep": grep}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
