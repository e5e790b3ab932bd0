"""Exporting a 1,000-article scope of Reuters-21578 in every format (target: < 5 s each).

    .venv/bin/python bench/export.py [--db FILE] [--query Q] [--size 1000] [--repeat 3]

The scope is the 1,000 best matches of a broad search (`oil OR trade OR bank OR dollar`), as
an analyst exporting "the current search" would have it. With --db, an analysed Reuters
database is copied to a temporary directory first (the benchmark never writes to the given
file); without it, Reuters-21578 is ingested with analysis into a fresh one (minutes).

Each run times, on the same machine in the same process:
- baseline: reading those articles' text through the facade (`Corpus.article` for each id),
  the least any export of them pays;
- build: the JSON document (scope, timeline, actors, links, bottom line, extracts, sources);
- render: Markdown, JSON and HTML from that document;
- write: the full `briefing.export.write` per format (build + render + atomic write), the
  figure the target applies to.
The median of --repeat runs is reported. Results: bench/results/export.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import reuters_files, save, timed  # noqa: E402
from briefing.export import FORMATS, Scope, build, render, write  # noqa: E402
from briefing.store.corpus import Corpus  # noqa: E402

TARGET_S = 5.0


def median_time(func, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t, result = timed(func)
        times.append(t)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an analysed Reuters database (copied first)")
    parser.add_argument("--query", default="oil OR trade OR bank OR dollar")
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="briefing-export-"))
    try:
        db = work / "reuters.db"
        ingest_s = None
        if args.db:
            shutil.copyfile(args.db, db)
            corpus = Corpus(db)
        else:
            corpus = Corpus(db)
            ingest_s, _ = timed(corpus.ingest, reuters_files())
        ids = [hit.id for hit in corpus.search(args.query, limit=args.size)]
        if len(ids) < args.size:
            raise SystemExit(f"only {len(ids)} articles match {args.query!r}")
        scope = Scope("ids", ids)

        baseline_s, texts = median_time(lambda: [corpus.article(i).text for i in ids],
                                        args.repeat)
        build_s, doc = median_time(lambda: build(corpus, scope), args.repeat)
        render_s, sizes, write_s = {}, {}, {}
        for fmt in FORMATS:
            render_s[fmt], text = median_time(lambda: render(doc, fmt), args.repeat)
            sizes[fmt] = len(text.encode("utf-8"))
            out = work / f"export.{fmt}"
            write_s[fmt], _ = median_time(
                lambda: write(corpus, scope, fmt, out, force=True), args.repeat)
        worst = max(write_s.values())
        result = {
            "scope": {"query": args.query, "articles": len(ids),
                      "words": sum(len(t.split()) for t in texts)},
            "counts": doc["counts"],
            "ingest_with_analysis_s": ingest_s and round(ingest_s, 1),
            "baseline_read_texts_s": round(baseline_s, 3),
            "build_s": round(build_s, 3),
            "render_s": {k: round(v, 3) for k, v in render_s.items()},
            "write_s": {k: round(v, 3) for k, v in write_s.items()},
            "bytes": sizes,
            "worst_write_vs_baseline": round(worst / baseline_s, 1),
            "target_s": TARGET_S, "meets_target": worst < TARGET_S,
            "repeat": args.repeat,
        }
        print(json.dumps(result, indent=2))
        print("saved", save("export", result))
        corpus.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
