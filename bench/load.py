"""Load: ingest, search and reader start-up on synthetic corpora of 10k, 50k and 200k articles
(bench/synth_corpus.py), with baselines measured in the same run and scaling exponents.

    .venv/bin/python bench/load.py [--sizes 10000,50000,200000] [--analyse-sizes 10000]
                                   [--queries 200] [--runs 5] [--typed 8] [--work DIR]

Per size, each step in a fresh process (so peak RSS is that step's own):
- ingest: `Corpus.ingest([file], analyse=False)` into a fresh database (parse, clean, dedup,
  store, FTS5); the CLI always analyses, so it is not used here. Baseline, same run: the parse
  alone (`read_path` + `finalise`) plus a bare sqlite3 `executemany` of the same title and text
  into a plain table and an FTS5 index (same tokenizer) built with one `INSERT … SELECT`.
- analysis (only `--analyse-sizes`, on a copy of that database): `Corpus.analyse()`, actors,
  time expressions, events, profiles, links; wall time and peak RSS of the process and of its
  worker processes.
- search: ~200 fixed queries (built once from the smallest corpus, the same at every size):
  single words from four document-frequency bands, two-word AND, phrases, prefixes, OR,
  exclusions, and words with `since:`/`until:`/`source:`/`place:` filters. Timed through the
  reader's path (`list_articles(q, 0, 50)` then `count(q)`, what one search costs the app's
  worker) and the CLI's (`Corpus.search(q)`, 20 results with snippets). Baseline: a bare FTS5
  `MATCH ? ORDER BY rank LIMIT 50` plus `COUNT(*) … MATCH ?` on the same FTS5 expression that
  the query language produced.
- reader: start-up to the first frame showing the list in a 160x48 pseudo-terminal (median of
  `--runs`), keystroke-to-results and Enter-to-article in the headless app, and the app's peak
  RSS, all with the functions of bench/tui.py.

Exponents are log-log slopes between consecutive sizes (1.0 = linear) and over the whole range.
`targets_scaled` sets each size against the earlier issues' Reuters-21578 targets scaled
linearly (ingest 5 s, ingest with actors 60 s, links 60 s for 21,578 stories); the analysis is
split into its extraction part (actors, time, events, profiles) and its links part.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import percentile, reuters_files, save, summary_ms, timed  # noqa: E402

PYTHON = sys.executable
HERE = Path(__file__).resolve()
STOP = set("""about above after again against also been before being below between both could
does doing down during each from further have having here into just more most much must only
other over said same should some such than that their them then there these they this those
through under until very were what when where which while will with would your year years
mln dlrs pct reuter reuters""".split())
RAW_PAGE = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 50"
RAW_COUNT = "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?"


def peak_rss_mb() -> dict:
    """This process's peak RSS (VmHWM: ru_maxrss would carry the parent's peak over exec) and
    the largest of its finished child processes (analysis workers)."""
    status = Path("/proc/self/status").read_text()
    own = int(next(ln for ln in status.splitlines() if ln.startswith("VmHWM:")).split()[1]) / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own, 1), "peak_rss_children_mb": round(kids, 1)}


# --- steps, each run in its own process ---------------------------------------------------------

def step_ingest(src: Path, db: Path) -> dict:
    from briefing.store.corpus import Corpus

    corpus = Corpus(db)
    seconds, report = timed(corpus.ingest, [src], "jsonl", None, False)
    corpus.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    corpus.close()
    return {"ingest_s": round(seconds, 3), "added": report.added,
            "duplicates_marked": report.duplicates, "skipped": len(report.skipped),
            "articles_per_s": round(report.added / seconds),
            "db_mb": round(db.stat().st_size / 2**20, 1), **peak_rss_mb()}


def step_floor(src: Path, db: Path) -> dict:
    from briefing.ingest.pipeline import finalise, read_path
    from briefing.ingest.record import Record

    parse_s, rows = timed(lambda: [(r.title, r.text) for r in map(finalise, (
        r for r in read_path(src, "jsonl") if isinstance(r, Record))) if r is not None])

    def store() -> None:
        con = sqlite3.connect(db)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, text TEXT)")
        con.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',"
                    " content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')")
        with con:
            con.executemany("INSERT INTO articles (title, text) VALUES (?, ?)", rows)
            con.execute("INSERT INTO articles_fts (rowid, title, text)"
                        " SELECT id, title, text FROM articles")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()

    store_s, _ = timed(store)
    return {"parse_s": round(parse_s, 3), "bare_store_fts_s": round(store_s, 3),
            "floor_s": round(parse_s + store_s, 3), **peak_rss_mb()}


def step_analyse(db: Path) -> dict:
    from briefing.store import links as links_store
    from briefing.store.corpus import Corpus

    linking: list[float] = []
    relink = links_store.relink

    def timed_relink(*args, **kw):  # the links part of the analysis, timed on its own
        seconds, n = timed(relink, *args, **kw)
        linking.append(seconds)
        return n

    links_store.relink = timed_relink
    corpus = Corpus(db)
    seconds, done = timed(corpus.analyse)
    links = corpus.db.execute("SELECT COUNT(*) FROM links").fetchone()[0]
    corpus.close()
    return {"analyse_s": round(seconds, 1), "actors_events_s": round(seconds - sum(linking), 1),
            "links_s": round(sum(linking), 1), "analysed": done,
            "articles_per_s": round(done / seconds, 1), "links": links,
            "db_mb_after": round(db.stat().st_size / 2**20, 1), **peak_rss_mb()}


def step_actors(db: Path) -> dict:
    """Actors alone on an ingested database (no time, events or links): what the actors
    issue's "ingested with actors" target measures, as bench/actors.py does on Reuters."""
    from bench.actors import actors_on

    seconds, done = timed(actors_on, db)
    return {"actors_s": round(seconds, 1), "analysed": done,
            "articles_per_s": round(done / seconds, 1), **peak_rss_mb()}


def step_search(db: Path, queries_file: Path) -> dict:
    from briefing.store.corpus import Corpus
    from briefing.store.query import parse_query

    queries = json.loads(queries_file.read_text())
    corpus = Corpus(db)
    raw = sqlite3.connect(db)
    matches = [parse_query(q).match for q in queries]

    def reader(q: str) -> int:
        corpus.list_articles(q, 0, 50)
        return corpus.count(q)

    def bare(m: str) -> int:
        raw.execute(RAW_PAGE, [m]).fetchall()
        return raw.execute(RAW_COUNT, [m]).fetchone()[0]

    for q, m in zip(queries, matches):  # warm the page cache for both, equally
        reader(q)
        corpus.search(q)
        bare(m)
    ours, cli, floor, counts = [], [], [], []
    per_kind: dict[str, list[float]] = {}
    for q, m in zip(queries, matches):
        s, n = timed(reader, q)
        ours.append(s)
        counts.append(n)
        per_kind.setdefault(kind_of(q), []).append(s)
        cli.append(timed(corpus.search, q)[0])
        floor.append(timed(bare, m)[0])
    a, b, c = summary_ms(ours), summary_ms(floor), summary_ms(cli)
    slowest = sorted(zip(ours, queries, counts), reverse=True)[:8]
    return {"queries": len(queries), "queries_without_hits": sum(1 for n in counts if not n),
            "median_hits": percentile([float(n) for n in counts], 50),
            "reader_list_and_count": a, "cli_search": c, "bare_fts5_page_and_count": b,
            "p95_ratio_vs_bare": round(a["p95_ms"] / b["p95_ms"], 2),
            "reader_p95_ms_by_kind": {k: round(percentile(v, 95) * 1000, 2)
                                      for k, v in sorted(per_kind.items())},
            "slowest": [(round(s * 1000, 1), q, n) for s, q, n in slowest], **peak_rss_mb()}


def step_reader(db: Path, queries_file: Path, runs: int, typed: int) -> dict:
    import tempfile

    from bench.tui import bench_headless, bench_memory, bench_startup
    from briefing.store.corpus import Corpus

    queries = [q for q in json.loads(queries_file.read_text())
               if re.fullmatch(r"[a-z ]+", q)][:typed]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        copy = work / "load.db"
        shutil.copy(db, copy)
        corpus = Corpus.open(copy, seed=False)
        first = corpus.list_articles("", 0, 1)[0]
        article = corpus.article(first.id)
        corpus.close()
        out = {"load_average_before": os.getloadavg()}
        out["startup"] = bench_startup(copy, first.title or "", article.text, runs, work)
        head = asyncio.run(bench_headless(copy, queries, 30, work))
        out["keystroke_to_results_painted"] = head["keystroke_to_results_painted"]
        out["open_article_to_painted"] = head["open_article_to_painted"]
        out["slowest_keystrokes"] = head["slowest_keystrokes"][-5:]
        out["memory"] = bench_memory(copy, queries, work)
        out["load_average_after"] = os.getloadavg()
    return out


def run_step(*argv: str) -> dict:
    proc = subprocess.run([PYTHON, str(HERE), "--step", *argv], capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"step {argv} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- queries ------------------------------------------------------------------------------------

def kind_of(q: str) -> str:
    if ":" in q:
        return "filter"
    if q.startswith('"'):
        return "phrase"
    if q.endswith("*"):
        return "prefix"
    if " OR " in q:
        return "or"
    if " -" in q:
        return "exclude"
    return "word" if " " not in q else "two_words"


def make_queries(src: Path, n: int, seed: int = 11) -> list[str]:
    """A fixed mix built from the smallest corpus: a third single words (a quarter each from
    document-frequency bands >10%, 1-10%, 0.1-1%, <0.1% but at least 3 articles), the rest
    two-word AND, phrases of two consecutive words, prefixes, OR, exclusions and filters."""
    texts = [json.loads(line)["text"].lower() for line in src.open(encoding="utf-8")]
    docs = [set(re.findall(r"[a-z]{4,}", t)) - STOP for t in texts]
    df: Counter[str] = Counter(w for ws in docs for w in ws)
    total = len(docs)
    bands = [[w for w, c in df.items() if lo * total <= c < hi * total and c >= 3]
             for lo, hi in ((0.10, 2), (0.01, 0.10), (0.001, 0.01), (0, 0.001))]
    rng = random.Random(seed)
    bands = [sorted(b) for b in bands]
    common = sorted(w for w, c in df.items() if c >= 0.001 * total)
    places = ["london", "new york", "tokyo", "washington", "chicago", "paris"]
    out: list[str] = []
    per = n // 12
    for band in bands:
        out += rng.sample(band, min(per, len(band)))
    common_set = set(common)
    while sum(1 for q in out if kind_of(q) == "two_words") < per * 2:
        pool = sorted(rng.choice(docs) & common_set)
        if len(pool) >= 2:
            out.append(" ".join(rng.sample(pool, 2)))
    while sum(1 for q in out if q.startswith('"')) < per * 2:
        words = re.findall(r"[a-z]{3,}(?: [a-z]{3,})", rng.choice(texts))
        if words:
            out.append(f'"{rng.choice(words)}"')
    for _ in range(per):
        out.append(rng.choice(common)[:4] + "*")
    for _ in range(per):
        out.append(f"{rng.choice(common)} OR {rng.choice(common)}")
    for _ in range(per):
        a, b = rng.sample(common, 2)
        out.append(f"{a} -{b}")
    filters = ["since:2017", "until:2015-06", "since:2016-03 until:2016-04", "source:reuters",
               *(f'place:"{p}"' if " " in p else f"place:{p}" for p in places)]
    while len(out) < n:
        out.append(f"{rng.choice(common)} {rng.choice(filters)}")
    return out


# --- the run -------------------------------------------------------------------------------------

def slope(xs: list[int], ys: list[float]) -> list[float | None]:
    """log-log slope between consecutive sizes, then over the whole range."""
    pairs = list(zip(xs, ys))
    out = [round(math.log(y2 / y1) / math.log(x2 / x1), 2) if y1 and y2 else None
           for (x1, y1), (x2, y2) in zip(pairs, pairs[1:])]
    if len(pairs) > 2:
        (x1, y1), (x2, y2) = pairs[0], pairs[-1]
        out.append(round(math.log(y2 / y1) / math.log(x2 / x1), 2))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000,200000")
    parser.add_argument("--analyse-sizes", default="10000", help="sizes that also get analysis")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5, help="start-up runs per size")
    parser.add_argument("--typed", type=int, default=8, help="queries typed in the headless app")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-load"))
    parser.add_argument("--keep", action="store_true", help="keep the databases in --work")
    parser.add_argument("--no-reader", action="store_true", help="skip the reader app steps")
    parser.add_argument("--out", default="load", help="results file name in bench/results/")
    parser.add_argument("--actors-only", action="store_true",
                        help="only measure actors alone at --sizes (databases in --work, "
                        "ingested again if gone); updates the results file")
    parser.add_argument("--reader-rounds", type=int, default=0,
                        help="only re-measure the reader, sizes interleaved, this many rounds "
                        "(databases in --work, ingested again if gone); updates the results file")
    parser.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reader_rounds:
        reader_rounds(args)
        return
    if args.actors_only:
        actors_only(args)
        return
    if args.step:
        name, *rest = args.step
        paths = [Path(p) for p in rest[:2]]
        result = {"ingest": lambda: step_ingest(*paths), "floor": lambda: step_floor(*paths),
                  "analyse": lambda: step_analyse(paths[0]),
                  "actors": lambda: step_actors(paths[0]),
                  "search": lambda: step_search(*paths),
                  "reader": lambda: step_reader(*paths, int(rest[2]), int(rest[3]))}[name]()
        print(json.dumps(result))
        return

    from bench.synth_corpus import Model, write

    sizes = sorted(int(s) for s in args.sizes.split(","))
    analyse_sizes = {int(s) for s in args.analyse_sizes.split(",") if s}
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    model = Model(reuters_files())
    files = {}
    for size in sizes:
        files[size] = work / f"synth_{size}.jsonl"
        write(model, files[size], size)  # same seed: each file is a prefix of the larger ones
    gen_s = time.perf_counter() - t0
    print(f"corpora generated in {gen_s:.1f} s", flush=True)
    queries_file = work / "queries.json"
    queries_file.write_text(json.dumps(make_queries(files[sizes[0]], args.queries)))
    result: dict = {"sizes": sizes, "generate_s": round(gen_s, 1),
                    "queries": json.loads(queries_file.read_text()),
                    "load_average_start": os.getloadavg(), "per_size": {}}
    path = None
    try:
        for size in sizes:
            db, floor_db = work / f"load_{size}.db", work / f"floor_{size}.db"
            for p in (db, floor_db):
                for extra in ("", "-wal", "-shm"):
                    Path(f"{p}{extra}").unlink(missing_ok=True)
            row: dict = {"load_average": os.getloadavg(),
                         "source_mb": round(files[size].stat().st_size / 2**20, 1)}
            row["ingest"] = run_step("ingest", str(files[size]), str(db))
            row["floor"] = run_step("floor", str(files[size]), str(floor_db))
            row["ingest"]["ratio_vs_floor"] = round(row["ingest"]["ingest_s"]
                                                    / row["floor"]["floor_s"], 2)
            print(size, "ingest", row["ingest"], row["floor"], flush=True)
            row["search"] = run_step("search", str(db), str(queries_file))
            print(size, "search", {k: v for k, v in row["search"].items() if k != "slowest"},
                  flush=True)
            if not args.no_reader:
                row["reader"] = run_step("reader", str(db), str(queries_file), str(args.runs),
                                         str(args.typed))
                print(size, "reader", row["reader"]["startup"]["briefing_first_frame_ms"],
                      row["reader"]["keystroke_to_results_painted"], flush=True)
            result["per_size"][str(size)] = row
            if not args.keep:
                floor_db.unlink(missing_ok=True)
                if size not in analyse_sizes:
                    db.unlink(missing_ok=True)
            path = save(args.out, finish(result))  # saved after every size
        # Analysis last, smallest first, so the ingest/search/reader curve is complete even if
        # the time runs out; it loads both cores and would disturb the other timings.
        for size in sorted(analyse_sizes & set(sizes)):
            copy = work / f"analysed_{size}.db"
            shutil.copy(work / f"load_{size}.db", copy)
            result["per_size"][str(size)]["analyse"] = run_step("analyse", str(copy))
            print(size, "analyse", result["per_size"][str(size)]["analyse"], flush=True)
            if not args.keep:
                copy.unlink()
            path = save(args.out, finish(result))
    finally:
        if not args.keep:
            for f in [*files.values(), *work.glob("load_*.db*")]:
                f.unlink(missing_ok=True)
    print("saved", path)


def ingested(args: argparse.Namespace, sizes: list[int]) -> None:
    """The databases of `sizes` in --work, ingested again from the same synthetic corpus when
    a previous run removed them."""
    from bench.synth_corpus import Model, write

    model = None
    for size in sizes:
        db = args.work / f"load_{size}.db"
        if not db.exists():
            model = model or Model(reuters_files())
            src = args.work / f"synth_{size}.jsonl"
            write(model, src, size)
            print(size, "ingested again", run_step("ingest", str(src), str(db)), flush=True)
            src.unlink()


def actors_only(args: argparse.Namespace) -> None:
    from bench.common import RESULTS

    sizes = sorted(int(s) for s in args.sizes.split(","))
    args.work.mkdir(parents=True, exist_ok=True)
    result = json.loads((RESULTS / f"{args.out}.json").read_text())
    ingested(args, sizes)
    for size in sizes:
        copy = args.work / f"actors_{size}.db"
        shutil.copy(args.work / f"load_{size}.db", copy)
        row = run_step("actors", str(copy))
        copy.unlink()
        result["per_size"][str(size)]["actors_only"] = row
        print(size, "actors", row, flush=True)
        print("saved", save(args.out, finish(result)))


def reader_rounds(args: argparse.Namespace) -> None:
    """The reader's timings move with the machine's load more than with the corpus: measured
    round-robin over the sizes (order rotating), each size sees the same load on average."""
    from bench.common import RESULTS

    sizes = sorted(int(s) for s in args.sizes.split(","))
    work, queries_file = args.work, args.work / "queries.json"
    result = json.loads((RESULTS / f"{args.out}.json").read_text())
    if not queries_file.exists():
        queries_file.write_text(json.dumps(result["queries"]))
    ingested(args, sizes)
    # Rounds already in the results file are kept: running this again adds rounds.
    rounds: dict[int, list[dict]] = {s: list(result["per_size"].get(str(s), {}).get(
        "reader_interleaved", {}).get("all", [])) for s in sizes}
    for k in range(args.reader_rounds):
        order = sizes[k % len(sizes):] + sizes[:k % len(sizes)]
        for size in order:
            r = run_step("reader", str(work / f"load_{size}.db"), str(queries_file),
                         str(args.runs), str(args.typed))
            rounds[size].append(r)
            print(size, "round", k, r["startup"]["briefing_first_frame_ms"],
                  r["startup"]["python_import_textual_ms"],
                  r["keystroke_to_results_painted"]["p95_ms"], flush=True)
    for size in sizes:
        rs = rounds[size]
        med = lambda get: round(percentile([get(r) for r in rs], 50), 1)  # noqa: E731
        first = med(lambda r: r["startup"]["briefing_first_frame_ms"])
        textual = med(lambda r: r["startup"]["python_import_textual_ms"])
        result["per_size"].setdefault(str(size), {})["reader_interleaved"] = {
            "rounds": len(rs), "first_frame_ms_median": first,
            "import_textual_ms_median": textual,
            "first_frame_vs_import_textual": round(first / textual, 2),
            "keystroke_p95_ms_median": med(lambda r: r["keystroke_to_results_painted"]["p95_ms"]),
            "keystroke_p50_ms_median": med(lambda r: r["keystroke_to_results_painted"]["p50_ms"]),
            "open_p95_ms_median": med(lambda r: r["open_article_to_painted"]["p95_ms"]),
            "peak_rss_mb_max": max(r["memory"]["peak_rss_mb"] for r in rs),
            "load_average": [r["load_average_before"][0] for r in rs],
            "all": rs}
    print("saved", save(args.out, finish(result)))


# The earlier issues' targets are for Reuters-21578 (21,578 stories); issue 7 asks that they
# hold scaled linearly to each corpus size.
REUTERS = 21_578
TARGETS_S = {"ingest_s": 5.0,  # issue 2: the corpus ingested before analysis
             "ingest_and_actors_s": 60.0,  # issue 3: ingested with actors
             "links_s": 60.0}  # issue 4: the whole corpus linked


def targets(rows: dict) -> dict:
    out = {}
    for size, row in rows.items():
        scale = int(size) / REUTERS
        measured = {"ingest_s": row["ingest"]["ingest_s"]}
        if "actors_only" in row:
            measured["ingest_and_actors_s"] = round(
                row["ingest"]["ingest_s"] + row["actors_only"]["actors_s"], 1)
        if "analyse" in row:
            measured["links_s"] = row["analyse"]["links_s"]
        out[size] = {key: {"measured": value, "target": round(TARGETS_S[key] * scale, 1),
                           "within": value <= TARGETS_S[key] * scale}
                     for key, value in measured.items()}
    return out


def finish(result: dict) -> dict:
    rows = result["per_size"]
    done = [int(s) for s in rows]
    if len(done) < 2:
        return result

    def series(get) -> list[float]:
        return [get(rows[str(s)]) for s in done]

    exps = {
        "ingest_s": slope(done, series(lambda r: r["ingest"]["ingest_s"])),
        "floor_s": slope(done, series(lambda r: r["floor"]["floor_s"])),
        "search_reader_p95_ms": slope(done, series(
            lambda r: r["search"]["reader_list_and_count"]["p95_ms"])),
        "search_cli_p95_ms": slope(done, series(lambda r: r["search"]["cli_search"]["p95_ms"])),
        "search_bare_fts5_p95_ms": slope(done, series(
            lambda r: r["search"]["bare_fts5_page_and_count"]["p95_ms"])),
    }
    if all("reader_interleaved" in rows[str(s)] for s in done):
        inter = [rows[str(s)]["reader_interleaved"] for s in done]
        exps["startup_first_frame_ms"] = slope(done, [r["first_frame_ms_median"] for r in inter])
        exps["keystroke_p95_ms"] = slope(done, [r["keystroke_p95_ms_median"] for r in inter])
    elif all("reader" in rows[str(s)] for s in done):
        exps["startup_first_frame_ms"] = slope(done, series(
            lambda r: r["reader"]["startup"]["briefing_first_frame_ms"]))
        exps["keystroke_p95_ms"] = slope(done, series(
            lambda r: r["reader"]["keystroke_to_results_painted"]["p95_ms"]))
    analysed = [s for s in done if "analyse" in rows[str(s)]]
    if len(analysed) >= 2:
        for key in ("analyse_s", "actors_events_s", "links_s"):
            exps[key] = slope(analysed, [rows[str(s)]["analyse"].get(key, 0) or 1e-9
                                         for s in analysed])
    result["targets_scaled"] = targets(rows)
    result["exponents"] = {"between": [f"{a}-{b}" for a, b in zip(done, done[1:])]
                           + ([f"{done[0]}-{done[-1]}"] if len(done) > 2 else []), **exps}
    return result


if __name__ == "__main__":
    main()
