"""A synthetic news corpus of any size built from Reuters-21578, for load tests.

    .venv/bin/python bench/synth_corpus.py OUT.jsonl [--n 200000] [--seed 21578]

Method (deterministic: the same `--n` and `--seed` give the same file byte for byte, and the
first k lines of a larger run are the corpus of size k, so sizes nest):

- Every story of Reuters-21578 with a body is read through briefing's own SGML reader (title,
  place, topics, body split into paragraphs). Each paragraph is cut once into literal text and
  digit runs.
- Synthetic article i picks a real story as its template (uniformly at random). It keeps the
  template's paragraph count and order, so article lengths follow the real distribution, but
  each paragraph is replaced, with probability 0.4, by a paragraph of another story on the
  same first topic (any story when the template has no topic), so the text stays on one subject
  while the mix is new.
- Every digit run in the title and body is redrawn with the same number of digits
  ("155,221 bags" becomes "607,384 bags", "5.93 mln" becomes "8.17 mln"); so bodies are unique
  in practice (a template without any digit can still repeat: those are marked duplicates by the
  ingest, as in real feeds) while the vocabulary, term frequencies and phrase structure stay
  those of the real corpus: a word's document frequency grows linearly with N, which is the
  realistic worst case for search.
- Publication dates are drawn uniformly over 2015-01-01..2018-12-31 (with a time of day); the
  body starts with a Reuters-style dateline from the template's place and the drawn date
  (`SALVADOR, Feb 26 - `), which the ingest parses into place and source.

Output: JSON Lines, one object per article with `title`, `date`, `source` and `text`; the
`jsonl` reader of `briefing ingest` takes it as is. 200,000 articles (about 140 MB) take
about 20 s on one core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import reuters_files  # noqa: E402
from briefing.ingest.pipeline import finalise, read_path  # noqa: E402
from briefing.ingest.record import Record  # noqa: E402

DIGITS = re.compile(r"(\d+)")
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
START = dt.datetime(2015, 1, 1)
SPAN_S = int((dt.datetime(2019, 1, 1) - START).total_seconds())
REPLACE_P = 0.4

Pieces = tuple[str, ...]  # even indices literal text, odd indices digit runs


def _cut(text: str) -> Pieces:
    return tuple(DIGITS.split(text))


class Model:
    """The real material, cut once: templates (title, place, topic, paragraphs) and paragraphs
    pooled by topic."""

    def __init__(self, files: list[Path]) -> None:
        self.templates: list[tuple[Pieces, str, str, list[Pieces]]] = []
        self.by_topic: dict[str, list[Pieces]] = defaultdict(list)
        for f in files:
            for r in read_path(f):
                if not isinstance(r, Record):
                    continue
                r = finalise(r)
                paragraphs = [_cut(" ".join(p.split())) for p in r.text.split("\n\n") if p.strip()]
                if not paragraphs or not r.title:
                    continue
                topic = (r.extra.get("topics") or "").split(";")[0]
                place = (r.place or "").upper()
                self.templates.append((_cut(r.title), place, topic, paragraphs))
                self.by_topic[topic].extend(paragraphs)

    def generate(self, n: int, seed: int = 21578) -> Iterator[dict]:
        rng = random.Random(seed)
        randrange, rand = rng.randrange, rng.random

        def fill(pieces: Pieces) -> str:
            out = list(pieces)
            for k in range(1, len(out), 2):
                width = len(out[k])
                out[k] = str(randrange(10 ** (width - 1) if width > 1 else 0, 10 ** width))
            return "".join(out)

        templates = self.templates
        for _ in range(n):
            title, place, topic, paragraphs = templates[randrange(len(templates))]
            pool = self.by_topic[topic]
            body = [fill(pool[randrange(len(pool))] if rand() < REPLACE_P else p)
                    for p in paragraphs]
            when = START + dt.timedelta(seconds=randrange(SPAN_S))
            dateline = f"{place}, {MONTHS[when.month - 1]} {when.day} - " if place else ""
            yield {"title": fill(title), "date": when.isoformat(), "source": "Reuters",
                   "text": dateline + "\n\n".join(body)}


def write(model: Model, out: Path, n: int, seed: int = 21578) -> int:
    """Write n articles to `out` as JSON Lines; returns bytes written."""
    with out.open("w", encoding="utf-8") as fh:
        for article in model.generate(n, seed):
            fh.write(json.dumps(article, ensure_ascii=False))
            fh.write("\n")
    return out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=21578)
    args = parser.parse_args()
    t0 = time.perf_counter()
    model = Model(reuters_files())
    t1 = time.perf_counter()
    size = write(model, args.out, args.n, args.seed)
    t2 = time.perf_counter()
    print(f"{len(model.templates)} templates read in {t1 - t0:.1f} s; {args.n} articles "
          f"({size / 2**20:.0f} MB) written in {t2 - t1:.1f} s to {args.out}")


if __name__ == "__main__":
    main()
