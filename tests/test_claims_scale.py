"""Shared-context links at corpus scale: the whole-corpus path, taken for a first ingest, and the
memory it keeps."""

from __future__ import annotations

import json
import random
import tracemalloc

from briefing.analysis.links import claims as C
from briefing.store import links as L
from briefing.store.corpus import Corpus

NAMES = ["Petrocaribe", "Ceyhan", "Tillerson", "Caracas", "Kirkuk", "Ongpin", "Seixas", "Padua",
         "Norcros", "Williams", "Fiji", "Wellington"]
VOCAB = [f"{a}{b}" for a in ("ban", "cor", "dal", "fen", "gor", "hul", "jas", "kel", "lom")
         for b in ("arta", "ender", "ipso", "omat", "urix", "evant", "olith", "aneum")]


def _claim(rng: random.Random) -> str:
    words = rng.sample(VOCAB, 10)
    return f"The {rng.choice(NAMES)} " + " ".join(words) + f" near {rng.choice(NAMES)}."


def _articles(n: int, seed: int = 7) -> list[dict]:
    """Articles mixing a few background claims drawn from a common stock (some reworded by a
    word or two) with sentences of their own, so that pairs share one, several or no claims."""
    rng = random.Random(seed)
    stock = [_claim(rng) for _ in range(12)]
    out = []
    for i in range(n):
        shared = []
        for s in rng.sample(stock, rng.randint(0, 3)):
            words = s.split()
            if rng.random() < 0.4:
                words[rng.randrange(2, len(words) - 2)] = rng.choice(VOCAB)
            shared.append(" ".join(words))
        own = [_claim(rng) for _ in range(rng.randint(1, 3))]
        body = " ".join(rng.sample(shared + own, len(shared) + len(own)))
        out.append({"title": f"Story {i}", "date": f"2018-0{1 + i % 9}-1{i % 10}",
                    "source": "Wire", "text": body})
    return out


def _corpus(tmp_path, articles: list[dict]) -> Corpus:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles))
    corpus = Corpus.open(tmp_path / "c.db", seed=False)
    corpus.ingest([path], analyse=False)
    return corpus


def _context(corpus: Corpus) -> list[tuple]:
    return corpus.db.execute(
        "SELECT source, target, score, reason, evidence, diff FROM links"
        " WHERE type = 'shared_context' ORDER BY 1, 2").fetchall()


def test_relinking_every_article_by_id_gives_the_whole_corpus_links(tmp_path):
    corpus = _corpus(tmp_path, _articles(60))
    every = [r[0] for r in corpus.db.execute("SELECT id FROM articles")]
    L.relink(corpus.db, every)
    by_id = _context(corpus)
    L.relink(corpus.db)
    assert len(by_id) > 20
    assert by_id == _context(corpus)
    corpus.close()


def test_the_whole_corpus_index_finds_what_comparing_new_with_all_finds(tmp_path):
    articles = _articles(80, seed=11)
    found = [L._claims_in(i, a["text"]) for i, a in enumerate(articles)]
    every = [c for cs in found for c in cs]
    df: dict[str, int] = {}
    for cs in found:
        for t in {t for c in cs for t in c.words}:
            df[t] = df.get(t, 0) + 1
    idf = C.Idf(lambda t: df.get(t, 0), len(articles))
    ident = [(s.a.article, s.a.start, s.b.article, s.b.start, s.score, s.shared)
             for s in C.shared_claims(every, every, idf)]
    assert ident and ident == [(s.a.article, s.a.start, s.b.article, s.b.start, s.score, s.shared)
                               for s in C.shared_within(every, idf)]


def test_the_whole_corpus_path_does_not_hold_every_text(tmp_path):
    # Long articles whose filler states no claim: holding their texts is all the memory used.
    rng = random.Random(3)
    stock = [_claim(rng) for _ in range(40)]
    filler = "Qtrly div 26 cts. " * 600
    articles = [{"title": f"Long {i}", "date": f"2018-02-{10 + i % 9}", "source": "Wire",
                 "text": f"{stock[i % 40]} {filler}{_claim(rng)}"} for i in range(160)]
    corpus = _corpus(tmp_path, articles)
    dates = L._dates(corpus.db)
    held = sum(len(a["text"]) for a in articles)
    tracemalloc.start()
    try:
        links = L._claim_links(corpus.db, set(dates), dates, True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert links
    assert peak < held / 4
    corpus.close()
