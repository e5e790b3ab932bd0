"""Candidate pairs for `same_event`: who could possibly report the same event as whom.

Never all pairs. Each article is indexed under its few most telling features (its highest
tf x idf ones: names, places, amounts, dates, rare words), and only features that are rare
enough to mean something: a feature found in more than `max_df` articles ("said", "police",
"Reuters") indexes nothing, and neither does one found in no other article. An article's
candidates are the articles that share the most of its index keys, at most `per_doc` of them.
Each article reads at most KEYS_PER_DOC postings of at most MAX_MAX_DF entries, so the work and the
number of pairs grow linearly with the corpus.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from itertools import chain
from operator import itemgetter

KEYS_PER_DOC = 24  # features an article is indexed under
PER_DOC = 30  # candidates kept per article: about the most reports one event gets in a news corpus
MIN_MAX_DF, MAX_MAX_DF = 50, 150


def max_df_for(n: int) -> int:
    """Posting cap: what counts as rare grows with the corpus, up to a fixed bound."""
    return min(MAX_MAX_DF, max(MIN_MAX_DF, int(math.sqrt(n))))


def candidate_pairs(docs: Iterable[tuple[Hashable, dict[str, float]]], df: Callable[[str], int], n: int,
                    per_doc: int = PER_DOC, keys_per_doc: int = KEYS_PER_DOC,
                    max_df: int | None = None) -> Iterator[tuple[Hashable, Hashable]]:
    """Pairs (a, b), each once, from docs given as (id, feature -> tf x idf weight)."""
    cap = max_df or max_df_for(n)
    keys: dict[Hashable, list[str]] = {}
    postings: dict[str, list[Hashable]] = defaultdict(list)
    known: dict[str, bool] = {}  # feature -> usable as a key; most features recur across articles

    def usable(f: str) -> bool:
        ok = known.get(f)
        if ok is None:
            ok = known[f] = 2 <= df(f) <= cap
        return ok

    for doc_id, weights in docs:
        top = index_keys(weights, usable, keys_per_doc)
        keys[doc_id] = top
        for f in top:
            postings[f].append(doc_id)
    rank = _ranks(keys)
    seen: set[tuple[Hashable, Hashable]] = set()
    for doc_id, top in keys.items():
        # How many of its index keys each other article shares (counted in C); ties go to the
        # article met under the heavier keys first, since keys are listed heaviest first.
        shared = Counter(chain.from_iterable([postings[f] for f in top]))
        shared.pop(doc_id, None)
        mine = rank[doc_id]
        for other, _ in _heaviest(shared.items(), per_doc):
            pair = (doc_id, other) if mine <= rank[other] else (other, doc_id)
            if pair not in seen:
                seen.add(pair)
                yield pair


def index_keys(weights: dict[str, float], usable: Callable[[str], bool],
               n: int = KEYS_PER_DOC) -> list[str]:
    """An article's index keys: its `n` heaviest features that `usable` allows, heaviest first."""
    return [f for f, _ in _heaviest([(f, w) for f, w in weights.items() if usable(f)], n)]


def _heaviest(items: Iterable[tuple], n: int) -> list[tuple]:
    """The n items with the largest second element, ties in their given order: what
    `heapq.nlargest` returns, but sorted in C, which is faster for the few hundred items here."""
    return sorted(items, key=itemgetter(1), reverse=True)[:n]


def _ranks(ids: Iterable[Hashable]) -> dict[Hashable, int]:
    """Each id's place in `_order`, computed once: pairs are written smaller id first."""
    order = {i: _order(i) for i in ids}
    place = {o: k for k, o in enumerate(sorted(set(order.values())))}
    return {i: place[o] for i, o in order.items()}


def _order(x: Hashable) -> tuple[str, str]:
    return (type(x).__name__, str(x)) if not isinstance(x, int) else ("", f"{x:020d}")
