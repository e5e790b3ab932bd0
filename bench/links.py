"""Linking the whole Reuters-21578 corpus: time, candidate pairs, links found, and a sample of
plan → realization links to check by hand.

    .venv/bin/python bench/links.py [--db FILE] [--sample 40]

Ingests Reuters-21578 with analysis into a fresh database (or reuses --db), then times
`relink` over every article. Baseline in the same run: a single pass that reads every
article's text and splits its sentences (the least any linker over the corpus pays), and the
number of pairs an all-pairs linker would compare. Results go to bench/results/links.json and
the realizes sample to bench/results/links_realizes_sample.jsonl (source and target evidence,
for the hand check reported in the README).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RESULTS, reuters_files, save, timed  # noqa: E402
from briefing.analysis.actors import sentences  # noqa: E402
from briefing.store.corpus import Corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="reuse an analysed Reuters database")
    parser.add_argument("--sample", type=int, default=40, help="realizes links written out")
    args = parser.parse_args()
    work = None
    if args.db:
        corpus = Corpus(args.db)
        ingest_s = None
    else:
        files = reuters_files()
        work = Path(tempfile.mkdtemp(prefix="briefing-links-"))
        corpus = Corpus(work / "reuters.db")
        ingest_s, _ = timed(corpus.ingest, files)
    try:
        texts = [r[0] for r in corpus.db.execute(
            "SELECT text FROM articles WHERE duplicate_of IS NULL")]
        start = time.perf_counter()
        for t in texts:
            sentences.split(t)
        floor_s = time.perf_counter() - start
        link_s, n = timed(corpus.relink)
        counts = corpus.link_counts()
        events = corpus.db.execute("SELECT modality, COUNT(*) FROM events GROUP BY modality").fetchall()
        result = {
            "articles": len(texts), "ingest_with_analysis_s": ingest_s and round(ingest_s, 1),
            "relink_s": round(link_s, 2), "sentence_split_floor_s": round(floor_s, 2),
            "relink_vs_floor": round(link_s / floor_s, 1), "links": n, "by_type": counts,
            "all_pairs": len(texts) * (len(texts) - 1) // 2,
            "events_by_modality": dict(events),
        }
        print(json.dumps(result, indent=2))
        print("saved", save("links", result))
        sample = corpus.links(type_="realizes", limit=args.sample)
        path = RESULTS / "links_realizes_sample.jsonl"
        with path.open("w") as f:
            for link in sample:
                row = link.as_dict()
                row["evidence"] = row["evidence"][:1]
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print("sample", path)
    finally:
        corpus.close()
        if work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
