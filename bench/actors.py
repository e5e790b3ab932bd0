"""Actor extraction speed and the whole Reuters-21578 corpus ingested with actors.

    .venv/bin/python bench/actors.py [--sample 3000]

Baselines measured in the same run: ingest without analysis (so the cost of actors is a
ratio), and a regex tokenisation pass over the same text (the floor any extractor pays). The
corpus is ingested three ways: without analysis, with actors only (the actors issue's target),
and with the whole analysis (actors, time, events, links) as `briefing ingest` does it.
"""

from __future__ import annotations

import argparse
import re
from itertools import islice
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import reuters_files, save, timed, words_per_s  # noqa: E402
from briefing.analysis.actors import rules, sentences  # noqa: E402
from briefing.analysis.actors.extract import extract  # noqa: E402
from briefing.analysis.actors.gazetteer import gazetteer  # noqa: E402
from briefing.ingest.pipeline import read_path  # noqa: E402
from briefing.ingest.record import Record  # noqa: E402
from briefing.store import actors as actors_store  # noqa: E402
from briefing.store.corpus import Corpus  # noqa: E402
from briefing.analysis.actors.batch import extract_many  # noqa: E402

_WORD = re.compile(r"\w+|[^\w\s]")


def _actors_only(path: Path, files: list[Path]) -> None:
    """Ingest, then actors alone (no time, events or links): the actors issue's figure."""
    corpus = Corpus(path)
    corpus.ingest(files, analyse=False)
    corpus.close()
    actors_on(path)


def actors_on(path: Path) -> int:
    """Actors alone for every live article of an ingested database; returns how many."""
    corpus = Corpus(path)
    pending = corpus.db.execute(
        "SELECT id, text FROM articles WHERE duplicate_of IS NULL ORDER BY id").fetchall()
    results = extract_many(pending, "rules")
    while chunk := list(islice(results, 500)):
        with corpus.db.conn:
            corpus.db.execute("BEGIN IMMEDIATE")
            for article_id, extraction in chunk:
                actors_store.save_extraction(corpus.db, article_id, extraction)
    with corpus.db.conn:
        corpus.db.execute("BEGIN IMMEDIATE")
        actors_store.consolidate(corpus.db)
    corpus.close()
    return len(pending)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=3000, help="stories timed for words/s")
    args = parser.parse_args()
    files = reuters_files()
    texts = [r.text for f in files for r in read_path(f) if isinstance(r, Record)][: args.sample]
    gazetteer().load_all()
    speed = {
        "regex_tokenise_floor": round(words_per_s(texts, _WORD.findall)),
        "rules_proposer": round(words_per_s(texts, lambda t: rules.propose(t, sentences.split(t)))),
        "rules_extract_with_resolution": round(words_per_s(texts, lambda t: extract(t, "rules"))),
    }
    speed["proposer_vs_floor"] = round(speed["rules_proposer"] / speed["regex_tokenise_floor"], 3)
    print("words/s", speed)
    work = Path(tempfile.mkdtemp(prefix="briefing-actors-"))
    try:
        plain = Corpus(work / "plain.db")
        plain_s, _ = timed(plain.ingest, files, analyse=False)
        actors_s = timed(_actors_only, work / "actors.db", files)[0]
        full = Corpus(work / "full.db")
        full_s, report = timed(full.ingest, files)
        counts = dict(full.db.execute(
            "SELECT type, COUNT(*) FROM actors GROUP BY type").fetchall())
        mentions = full.db.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
        corpus = {"articles": report.added, "ingest_without_actors_s": round(plain_s, 2),
                  "ingest_with_actors_only_s": round(actors_s, 2),
                  "ingest_with_actors_s": round(full_s, 2),
                  "ratio_with_vs_without": round(full_s / plain_s, 1),
                  "actors_by_type": counts, "mentions": mentions}
        print("corpus", corpus)
        print("saved", save("actors", {"sample_stories": len(texts), "speed": speed, "corpus": corpus}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
