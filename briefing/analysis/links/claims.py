"""Shared context: two articles carrying the same background claim, found sentence by sentence.

A claim is a sentence; two sentences carry the same claim when the rare words they share
weigh most of either sentence (IDF-weighted overlap coefficient), so a reworded background
paragraph ("Petrocaribe program that provided cheap loans for oil to Caribbean nations", or
Tillerson's announcement about mitigating sanctions on Venezuela, told with other verbs)
still matches while two sentences on the same topic with different specifics do not.

Scaling without comparing all pairs: every sentence is filed under the pairs of its four
rarest shared words; only sentences filed under a common key are compared, and a key held by
too many sentences (boilerplate, a common name) is dropped. Linear in the corpus.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations

_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*|\d+(?:[.,]\d+)*")
STOP = frozenset("""
a an the and or but nor of to in on at by for from with without within into onto over under
about after before between during than then that this these those there here which who whom
whose what where when while if as is are was were be been being am has have had do does did
will would shall should can could may might must not no so also said says say told tell it its
he she they we i you his her their our them him us me my your one two three more most some
any all other such only just very much many new last first year years month week day days
reuters percent pct mln billion million dlrs dlr us its it's s
""".split())
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "er",
             "ed", "es", "s", "ly")
MIN_WORDS = 8  # content words a sentence needs to state a claim (not "Qtrly div 26 cts")
MIN_SHARED = 4  # shared content words a pair needs at least
MIN_OVERLAP = 0.5  # weighted share of the smaller sentence the shared words must make up
MIN_RUN = 5  # or: this many content words in the same order (a clause quoted in both)
MAX_POSTINGS = 40  # a key shared by more sentences than this is boilerplate, not a claim


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """Crude suffix stripping, enough to meet "mitigate" and "mitigated", "loans" and "loan"."""
    found = _STEMS.get(word)
    if found is None:
        found = _stem(word)
        if len(_STEMS) < 500_000:  # a cache, not a record of every word a long run meets
            _STEMS[word] = found
    return found


def _stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[:-len(suffix)]
            break
    return w[:-1] if w.endswith("e") and len(w) > 4 else w


def words(text: str) -> tuple[str, ...]:
    """A sentence's content words, stemmed, in order."""
    return tuple(stem(w) for w in _WORD.findall(text)
                 if w.lower() not in STOP and len(w) > 2 and not w.isdigit())


def terms(text: str) -> frozenset[str]:
    return frozenset(words(text))


def longest_run(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """Length of the longest run of content words both sentences have in the same order."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b):
            if x == y:
                cur[j + 1] = prev[j] + 1
                if cur[j + 1] > best:
                    best = cur[j + 1]
        prev = cur
    return best


@dataclass(slots=True)
class Claim:
    article: int
    start: int
    end: int
    words: tuple[str, ...]
    named: tuple[str, ...]  # capitalised words inside the sentence: who or what it is about

    @property
    def terms(self) -> frozenset[str]:
        # derived rather than stored: a set per sentence was most of a whole corpus's memory
        return frozenset(self.words)


@dataclass(slots=True)
class SharedClaim:
    a: Claim
    b: Claim
    score: float
    shared: list[str]  # the shared words, rarest first


def claims(article: int, text: str, sentences: Iterable[tuple[int, int]]) -> list[Claim]:
    out = []
    for start, end in sentences:
        sentence = text[start:end]
        if sentence.isupper():
            continue  # a headline or table line
        w: list[str] = []
        named: set[str] = set()
        for m in _WORD.finditer(sentence):  # one pass: content words, and which are names
            word = m.group()
            if len(word) > 2 and not word.isdigit() and word.lower() not in STOP:
                s = stem(word)
                w.append(s)
                if m.start() > 0 and word[0].isupper():
                    named.add(s)
        if len(set(w)) >= MIN_WORDS:
            out.append(Claim(article, start, end, tuple(w), tuple(named)))
    return out


class Idf:
    def __init__(self, df: Callable[[str], int], n: int) -> None:
        self.df, self.n = df, max(n, 1)
        self._cache: dict[str, float] = {}

    def __call__(self, term: str) -> float:
        w = self._cache.get(term)
        if w is None:
            w = self._cache[term] = math.log((self.n + 1) / (self.df(term) + 1)) + 0.1
        return w


def keys(claim: Claim, idf: Idf) -> list[tuple[str, str]]:
    """The pairs of the claim's four rarest words that another article also has."""
    return _pairs(rarest(claim, idf))


def rarest(claim: Claim, idf: Idf) -> tuple[str, ...]:
    usable = [t for t in claim.terms if idf.df(t) >= 2]
    return tuple(sorted(usable, key=lambda t: (-idf(t), t))[:4])


def _pairs(rare: tuple[str, ...]) -> list[tuple[str, str]]:
    return [tuple(sorted(p)) for p in combinations(rare, 2)]


def match(a: Claim, b: Claim, idf: Idf) -> SharedClaim | None:
    terms_a, terms_b = a.terms, b.terms
    shared = terms_a & terms_b
    if len(shared) < MIN_SHARED or not shared.intersection(a.named, b.named):
        return None  # a claim is about someone or something named in both
    # fsum: exact, so independent of set order (the hash seed); a plain sum made equal scores
    # 1.0 or 0.9999999999999999 from run to run, which changed quotes and the pairs kept.
    weight = math.fsum(idf(t) for t in shared)
    smaller = min(math.fsum(idf(t) for t in terms_a), math.fsum(idf(t) for t in terms_b))
    score = weight / smaller if smaller else 0.0
    if score < MIN_OVERLAP:
        run = longest_run(a.words, b.words)
        if run < MIN_RUN:
            return None
        score = max(score, min(1.0, 0.4 + 0.05 * run))
    return SharedClaim(a, b, score, sorted(shared, key=lambda t: (-idf(t), t)))


def shared_claims(new: list[Claim], old: list[Claim], idf: Idf,
                  skip: Callable[[int, int], bool] = lambda a, b: False) -> list[SharedClaim]:
    """Sentence pairs across articles carrying the same claim; `new` claims are compared with
    each other and with `old` ones (pass the same list twice for a whole-corpus run)."""
    index: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in old:
        for k in keys(c, idf):
            index[k].append(c)
    seen: set[tuple[int, int, int, int]] = set()
    out: list[SharedClaim] = []
    for c in new:
        for k in keys(c, idf):
            bucket = index.get(k, ())
            if len(bucket) > MAX_POSTINGS:
                continue
            for other in bucket:
                if other.article == c.article or skip(c.article, other.article):
                    continue
                a, b = (c, other) if (c.article, c.start) < (other.article, other.start) \
                    else (other, c)
                ident = (a.article, a.start, b.article, b.start)
                if ident in seen:
                    continue
                seen.add(ident)
                found = match(a, b, idf)
                if found:
                    out.append(found)
    return out


def shared_within(claims: list[Claim], idf: Idf) -> list[SharedClaim]:
    """What `shared_claims(claims, claims, idf)` finds, in the same order, in the memory a whole
    corpus allows: each claim's rarest words are worked out once, only the keys two or more
    claims hold are indexed (most are held by one, which pairs nothing), and no set of every
    pair compared is kept: a pair is compared when its earlier claim comes round, which is
    when shared_claims first meets it."""
    rare = [rarest(c, idf) for c in claims]
    index = _index(rare)
    out: list[SharedClaim] = []
    for i, c in enumerate(claims):
        met: set[int] = set()
        for k in _pairs(rare[i]):
            bucket = index.get(k, ())
            if len(bucket) > MAX_POSTINGS:
                continue
            for j in bucket:
                other = claims[j]
                if j <= i or j in met or other.article == c.article:
                    continue
                met.add(j)
                a, b = (c, other) if (c.article, c.start) < (other.article, other.start) \
                    else (other, c)
                found = match(a, b, idf)
                if found:
                    out.append(found)
    return out


def _index(rare: list[tuple[str, ...]]) -> dict[tuple[str, str], list[int]]:
    """Claim positions by key, for the keys held more than once. Most keys are held by one
    claim, which pairs nothing; counting keys by hash into a byte array first keeps those out
    for a few bytes a key (a set of them cost more than the index). A collision only lets a
    lone key in, which finds nothing."""
    size = max(1024, 8 * sum(len(r) * (len(r) - 1) // 2 for r in rare))
    held = bytearray(size)
    for r in rare:
        for k in _pairs(r):
            h = hash(k) % size
            if held[h] < 2:
                held[h] += 1
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(rare):
        for k in _pairs(r):
            if held[hash(k) % size] > 1:
                index[k].append(i)
    return index


def quote(text_a: str, a: Claim, b: Claim, limit: int = 200) -> str:
    """The words of `a` (in `text_a`) that the two sentences share as one run, when there is
    a run of five or more content words; else the sentence itself, shortened."""
    spans = [(m.start(), m.end(), stem(m.group())) for m in _WORD.finditer(text_a, a.start, a.end)
             if m.group().lower() not in STOP and len(m.group()) > 2 and not m.group().isdigit()]
    best, best_end = 0, 0
    prev = [0] * (len(b.words) + 1)
    for i, (_, _, x) in enumerate(spans):
        cur = [0] * (len(b.words) + 1)
        for j, y in enumerate(b.words):
            if x == y:
                cur[j + 1] = prev[j] + 1
                if cur[j + 1] > best:
                    best, best_end = cur[j + 1], i
        prev = cur
    if best >= 5:
        start, end = spans[best_end - best + 1][0], spans[best_end][1]
    else:
        start, end = a.start, a.end
    snippet = " ".join(text_a[start:end].split())
    return snippet if len(snippet) <= limit else snippet[: limit - 1].rstrip() + "…"
