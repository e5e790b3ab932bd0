"""`same_event`: two articles report the same real event, not merely the same kind of event.

Two earthquakes, two summits, two DUI arrests of one team's players share their event words
("quake", "magnitude", "arrested on suspicion of drunk driving"); what tells one real event from
another is its specifics: where (places), who (people, organisations), when (dates, weekdays,
years), how many (magnitudes, tolls, amounts, scores, ages), and the rare words of its story. So:

- **Profile** (`profile`, one article, corpus-free, computed once): content-word stems, the resolved
  actors of the actor extraction (one key per name whatever type the extractor gave; a person's
  surname too, since later reports say "Lohan"), numbers, and dates with weekdays, "yesterday" and
  "today" resolved against the article's date (`sim_features`; the temporal module can replace
  that finder). Headline and lead weigh more than the rest: a story states its event up front and
  recalls sibling events further down.
- **Weights** come from a `Stats` object (document frequencies, `df(feature)` and `n`), so the same
  code runs on an in-memory corpus or a store. tf x idf, with names, numbers and dates boosted over
  words and weekdays, small counts and years kept weak. A feature no other article has is left out
  of the vector (it can never be shared, and in a small corpus it would swamp the norm) but still
  counts against an article that shares almost nothing (`COVERAGE_FLOOR`).
- **Blocking** (`candidates`): an inverted index over each article's most telling features, rare
  ones only, capped postings, a bounded number of candidates per article. Never all pairs.
- **Two-stage scoring and clustering** (`events`). Stage 1 groups the candidate graph by subject
  (average link, corpus-wide weights). Stage 2 re-weighs each subject group against itself: inside
  "earthquakes in southern Iran" the words every report shares stop counting and the specifics that
  set one quake apart decide. Two leads about different people, neither of whom the other story
  mentions, count half. Average link again, because "same event" is an equivalence relation and
  single link would chain two events through one story that recalls the other; and two tight groups
  that are only loosely related to each other are not merged (`CONTRAST`).
- **Links** (`link`): every pair inside an event, with the stage-2 similarity as score, the best
  matching sentence pairs as evidence and a short reason, both read off the corpus-wide weights
  ("same place (Qeshm), 5.6 in both, same day (Sunday)").

Publication dates are shown in the reason but do not move the score: on ECB+ (where one half of
each topic is undated) a date-distance factor cost more recall than it bought precision. Measured
on ECB+ topics 1-35 by bench/eval_ecb.py; the thresholds were tuned there.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import chain
from operator import mul

from briefing.analysis.links import same_event_blocking as blocking
from briefing.analysis.links import same_event_cluster as cluster
from briefing.analysis.links import same_event_explain as explain
from briefing.analysis.links import sim_features as sf

LINK_TYPE = "same_event"
DIRECTION = "both"  # symmetric: neither article is the source of the other

@dataclass
class EventProfile:
    doc_id: str
    text: str
    date: date | None
    sentences: list[tuple[int, int]]
    terms: dict[str, float]  # word stem -> weight (title words count double)
    specifics: dict[str, float]  # who/where/when/how-many feature -> weight
    places: dict[str, list[int]] = field(default_factory=dict)  # feature -> sentences it occurs in
    surface: dict[str, str] = field(default_factory=dict)  # feature -> how the text writes it
    kinds: dict[str, str] = field(default_factory=dict)  # actor feature -> p, o or g
    lead: str | None = None  # the first person the lead names ("a:lohan"): whom the story is about

    def features(self) -> set[str]:
        return set(self.terms) | set(self.specifics)


@dataclass
class SameEvent:
    score: float
    evidence: list[tuple[int, int, int, int]]  # (a sentence start, end, b sentence start, end)
    reason: str
    type: str = LINK_TYPE
    direction: str = DIRECTION

    def to_link(self, source, target):
        """As the shared `links.model.Link` (source and target are the two article ids)."""
        from briefing.analysis.links.model import Evidence, Link

        return Link(source, target, self.type, self.score, self.reason,
                    [Evidence(*span) for span in self.evidence])


class Stats:
    """Document frequencies of features, in memory. A store-backed corpus offers the same two
    reads (`df`, `n`) from its tables; nothing else in this module looks at the corpus."""

    def __init__(self, profiles: Iterable[EventProfile] = ()) -> None:
        self.n = 0
        self._df: Counter[str] = Counter()
        for p in profiles:
            self.add(p)

    def add(self, doc: EventProfile) -> None:
        self.add_features(doc.features())

    def add_features(self, features: Collection[str], copies: int = 1) -> None:
        """An article given by its set of features, counted `copies` times (a story the corpus
        carries twice): what a store streaming over its profiles knows of each."""
        self.n += copies
        for _ in range(copies):
            self._df.update(features)

    def df(self, feature: str) -> int:
        return self._df.get(feature, 0)

    @classmethod
    def of_features(cls, features: Collection[set[str]]) -> Stats:
        """The statistics of articles given by their feature sets: a caller that counts the same
        article in many sub-corpora builds its set once."""
        stats = cls()
        stats.n = len(features)
        stats._df = Counter(chain.from_iterable(features))
        return stats


def idf(stats, feature: str) -> float:
    return max(0.0, math.log((stats.n + 1) / (stats.df(feature) + 0.5)))


# -- one article -----------------------------------------------------------------------------------

_ACTOR_KIND = {"PERSON": "p", "ORG": "o", "GPE": "g", "LOC": "g"}
_MAX_PLACES = 4  # sentences remembered per feature: enough to pick evidence, bounded for long texts
# A news story states its event's specifics up front: headline and lead count more than the
# background paragraphs further down (which is where a sibling event gets recalled).
TITLE_WEIGHT = 5.0
LEAD_WEIGHT = 4.0
LEAD_DECAY = 2.0  # sentences
LEAD_SENTENCES = 2  # where the person a story is about gets named


def profile(doc_id: str, text: str, title: str = "", date: date | None = None, extraction=None) -> EventProfile:
    """The features of one article that say which event it reports. `extraction` is the actor
    extraction of exactly `text` (computed here when None); the title is read for words, numbers
    and dates only."""
    text = text or ""
    if extraction is None:
        from briefing.analysis.actors.extract import extract

        extraction = extract(text, "rules")
    sentences = [(s.start, s.end) for s in extraction.sentences] or ([(0, len(text))] if text.strip() else [])
    starts = [s for s, _ in sentences]

    terms: dict[str, float] = defaultdict(float)
    specifics: dict[str, float] = defaultdict(float)
    places: dict[str, list[int]] = defaultdict(list)
    surface: dict[str, str] = {}
    kinds: dict[str, str] = {}

    position = [1.0 + LEAD_WEIGHT * math.exp(-i / LEAD_DECAY) for i in range(max(len(sentences), 1))]

    def note(key: str, shown: str, offset: int | None, bag: dict) -> None:
        if key not in surface:
            surface[key] = shown
        if offset is None:
            bag[key] += TITLE_WEIGHT
            return
        s = max(bisect_right(starts, offset) - 1, 0)
        bag[key] += position[s]
        where = places[key]
        if sentences and len(where) < _MAX_PLACES and (not where or where[-1] != s):
            where.append(s)

    for source, offset in ((title, None), (text, 0)):
        if not source:
            continue
        for key, shown, start in sf.words(source):
            note(key, shown, start if offset is not None else None, terms)
        for finder in (sf.numbers, lambda t: sf.dates(t, date)):
            for key, shown, start in finder(source):
                note(key, shown, start if offset is not None else None, specifics)
    for m in extraction.mentions:
        kind = _ACTOR_KIND.get(m.type)
        if not kind or not m.actor:
            continue
        # One key whatever type the extractor gave: "San Diego Chargers" is an ORG in one story
        # and a PERSON in the next; the kind is kept aside for the reason text.
        name = m.actor.lower()
        note(f"a:{name}", m.actor, m.start, specifics)
        kinds.setdefault(f"a:{name}", kind)
        parts = name.split()
        if kind == "p" and len(parts) > 1:  # "Lohan" in one story is "Lindsay Lohan" in another
            note(f"a:{parts[-1]}", m.actor.split()[-1], m.start, specifics)
            kinds.setdefault(f"a:{parts[-1]}", kind)
    lead = next((f"a:{m.actor.lower().split()[-1]}" for m in extraction.mentions
                 if m.type == "PERSON" and m.actor and m.sentence < LEAD_SENTENCES), None)
    return EventProfile(doc_id, text, date, sentences, _sublinear(terms), _sublinear(specifics),
                        dict(places), surface, kinds, lead)


def _sublinear(weights: dict[str, float]) -> dict[str, float]:
    return {k: 1.0 + math.log(w) if w > 1 else w for k, w in weights.items()}


# -- weights and similarity -----------------------------------------------------------------------

# Names, places, amounts and dates weigh more than words; weekdays and small counts match by chance
# far more often, years are shared by every story of a season.
SPECIFIC_BOOST = 2.0
BOOST = {"wd": 0.5, "c": 1.0, "y": 1.0}


@dataclass
class _Vectors:
    weights: dict[str, float]  # feature -> tf x idf x boost, scaled to unit length
    norm: float  # before scaling; 0 for an article with nothing to compare
    coverage: float = 1.0  # the share of the article's weight that another article could share


@lru_cache(maxsize=1 << 16)
def _name_words(key: str) -> tuple[str, ...]:
    return tuple(w for w, _, _ in sf.words(key[2:]))


class _Idf:
    """idf of each feature under one corpus, computed once: profiles share most of their words."""

    def __init__(self, stats) -> None:
        self.stats = stats
        self.seen = stats.df
        self._memo: dict[str, float] = {}
        # What `vectors` needs of a feature, looked up once per corpus rather than once per article.
        self.terms: dict[str, tuple[float, bool]] = {}  # word -> (idf, does another article have it)
        self.specifics: dict[str, tuple[float, float, bool]] = {}  # -> (idf, boost, another has it)

    def __call__(self, feature: str) -> float:
        value = self._memo.get(feature)
        if value is None:
            value = self._memo[feature] = idf(self.stats, feature)
        return value

    def name(self, key: str) -> float:
        """A name is no rarer than its rarest word: "San Diego Chargers" in one story and
        "Chargers" in the next are the same team, and the word "chargers" says how common it is."""
        value = self(key)
        words = _name_words(key)
        return min(value, max(self(w) for w in words)) if words else value

    def term(self, k: str) -> tuple[float, bool]:
        entry = self.terms[k] = (self(k), self.seen(k) > 1)
        return entry

    def specific(self, k: str) -> tuple[float, float, bool]:
        weight = self.name(k) if k.startswith("a:") else self(k)
        entry = self.specifics[k] = (weight, BOOST.get(k[: k.index(":")], SPECIFIC_BOOST), self.seen(k) > 1)
        return entry


def vectors_of(profiles: Iterable[EventProfile], stats) -> dict[str, _Vectors]:
    """`vectors` of each profile under one corpus, by doc_id."""
    weigh = _Idf(stats)
    return {p.doc_id: vectors(p, stats, weigh) for p in profiles}


def vectors(p: EventProfile, stats, weigh: _Idf | None = None) -> _Vectors:
    """A profile weighted by corpus statistics, scaled to unit length."""
    weigh = weigh or _Idf(stats)
    w: dict[str, float] = {}
    alone = 0.0  # squared weight of the features no other article has
    known = weigh.terms
    for k, tf in p.terms.items():
        value, shared = known.get(k) or weigh.term(k)
        x = tf * value
        if shared:
            w[k] = x
        else:
            alone += x * x
    known = weigh.specifics
    for k, tf in p.specifics.items():
        value, boost, shared = known.get(k) or weigh.specific(k)
        x = tf * value * boost
        if shared:
            w[k] = x
        else:
            alone += x * x
    norm = math.sqrt(sum(v * v for v in w.values()))
    coverage = norm / math.sqrt(norm * norm + alone) if norm else 0.0
    return _Vectors({k: v / norm for k, v in w.items()} if norm else {}, norm, coverage)


# An article whose weight lies almost all in features no other article has (a football report that
# shares one word with a quake report) is not similar to anything, however that word compares.
COVERAGE_FLOOR = 0.4


def _cosine(va: _Vectors, vb: _Vectors) -> float:
    a, b = va.weights, vb.weights
    shared = a.keys() & b.keys()
    s = sum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared)))  # in C, same order
    if COVERAGE_FLOOR:
        s *= min(1.0, math.sqrt(va.coverage * vb.coverage) / COVERAGE_FLOOR)
    return s


# Two stories whose leads are about different people, neither of whom the other story mentions at
# all, are about different events far more often than not (on ECB+ topics 1-35: a third of the
# pairs of sibling events, under 2% of the pairs of one event).
LEAD_CONFLICT = 0.5


def _mentions(p: EventProfile, key: str) -> bool:
    return key in p.specifics or "w:" + key[2:] in p.terms


def lead_factor(a: EventProfile, b: EventProfile) -> float:
    if a.lead and b.lead and a.lead != b.lead and not _mentions(b, a.lead) and not _mentions(a, b.lead):
        return LEAD_CONFLICT
    return 1.0


def _factors(a: EventProfile, b: EventProfile) -> float:
    return lead_factor(a, b)


def similarity(a: EventProfile, b: EventProfile, stats) -> float:
    return _cosine(vectors(a, stats), vectors(b, stats)) * _factors(a, b)


# -- pairs ---------------------------------------------------------------------------------------

PAIR_THRESHOLD = 0.25  # corpus-wide similarity for `score` on its own (best pairwise F1 on ECB+ 1-35)


def score(a: EventProfile, b: EventProfile, stats, threshold: float = PAIR_THRESHOLD) -> SameEvent | None:
    """The `same_event` link between two articles judged on their own, or None."""
    va, vb = vectors(a, stats), vectors(b, stats)
    s = _cosine(va, vb) * _factors(a, b)
    return _explained(a, b, va, vb, s) if s >= threshold else None


def _explained(a: EventProfile, b: EventProfile, va: _Vectors, vb: _Vectors, s: float) -> SameEvent:
    shared = explain.shared_weights(va.weights, vb.weights)
    days = abs((a.date - b.date).days) if a.date and b.date else None
    return SameEvent(round(s, 4), explain.evidence(a, b, shared), explain.reason(a, b, shared, days))


def candidates(profiles: Iterable[EventProfile], stats) -> Iterator[tuple[str, str]]:
    """Pairs worth scoring, from an inverted index of each article's rarest telling features."""
    weigh = _Idf(stats)
    return blocking.candidate_pairs(((p.doc_id, _keys(vectors(p, stats, weigh))) for p in profiles),
                                    stats.df, stats.n)


# Weekdays, small counts and years are shared by chance across unrelated stories: they may add
# to a score but never make two articles candidates.
_NOT_KEYS = ("wd:", "c:", "y:")


def _keys(v: _Vectors) -> dict[str, float]:
    return {k: w for k, w in v.weights.items() if not k.startswith(_NOT_KEYS)}


# -- the corpus ------------------------------------------------------------------------------------

GROUP_THRESHOLD = 0.05  # stage 1: stories on one subject, under corpus-wide statistics
EVENT_THRESHOLD = 0.07  # stage 2: one real event, under the statistics of its subject
CONTRAST = 0.3  # two groups of this subject stay apart when their mean < this x either's cohesion
NEIGHBOURHOOD = 0.02  # subject groups this close on average lend their articles to each other's statistics
ALL_PAIRS_UP_TO = 80  # a subject group this small is compared pair by pair; larger, on candidates only
LINK_ALL_UP_TO = 60  # an event this small gets a link for every pair; larger, for candidate pairs


@dataclass
class Events:
    """What `events` decided, kept so `link` can explain it without recomputing."""
    groups: list[list[str]]  # the articles of each real event, singletons included
    subjects: list[list[str]]  # stage 1: the subject groups the events were cut from
    pairs: list[tuple[str, str]]  # candidate pairs from blocking
    scores: dict[tuple[str, str], float]  # stage-2 similarity of the pairs compared inside a subject
    corpus_vectors: dict[str, _Vectors]
    subject_vectors: dict[str, _Vectors]  # of the articles of events `scores` leaves pairs out of


def events(profiles: Iterable[EventProfile], stats, threshold: float = EVENT_THRESHOLD,
           group_threshold: float = GROUP_THRESHOLD,
           corpus_vectors: dict[str, _Vectors] | None = None) -> Events:
    """Articles grouped into real events.

    Stage 1 clusters the candidate graph by subject, with corpus-wide statistics. Stage 2
    re-weighs each subject group against itself (and against subject groups close to it): inside
    "earthquakes in Iran" the words every report shares ("quake", "Qeshm") stop counting and what
    sets one quake apart (5.6 or 5.9, 2008 or 2005, five hurt or ten dead) decides.

    `corpus_vectors` (`vectors_of(profiles, stats)`) can be given when the caller needs them
    too, so they are computed once."""
    by_id = {p.doc_id: p for p in profiles}
    if corpus_vectors is None:
        corpus_vectors = vectors_of(by_id.values(), stats)
    pairs = list(blocking.candidate_pairs(((i, _keys(v)) for i, v in corpus_vectors.items()), stats.df, stats.n))
    edges = {(a, b): _cosine(corpus_vectors[a], corpus_vectors[b]) for a, b in pairs}
    subjects = cluster.average_link(by_id, edges, group_threshold)

    neighbours: dict[str, set[str]] = defaultdict(set)
    subject_of = {i: k for k, g in enumerate(subjects) for i in g}
    between: dict[tuple[int, int], float] = defaultdict(float)
    for (a, b), sim in edges.items():
        neighbours[a].add(b)
        neighbours[b].add(a)
        sa, sb = subject_of[a], subject_of[b]
        if sa != sb:
            between[(min(sa, sb), max(sa, sb))] += sim
    # When stage 1 already split two sibling events apart (a small corpus about one subject), each
    # half alone would make its own event words look common; its sibling keeps them distinctive.
    close: dict[int, list[int]] = defaultdict(list)
    for (sa, sb), total in between.items():
        if total / (len(subjects[sa]) * len(subjects[sb])) >= NEIGHBOURHOOD:
            close[sa].append(sb)
            close[sb].append(sa)

    known: dict[str, set[str]] = {}

    def features(i: str) -> set[str]:  # an article lends its features to several subject groups
        f = known.get(i)
        if f is None:
            f = known[i] = by_id[i].features()
        return f

    found: list[list[str]] = []
    scores: dict[tuple[str, str], float] = {}
    subject_vectors: dict[str, _Vectors] = {}
    for k, group in enumerate(subjects):
        if len(group) == 1:
            found.append(group)
            continue
        around = set(group).union(*(subjects[o] for o in close[k]))
        local = Stats.of_features([features(i) for i in around])
        local_weigh = _Idf(local)
        lv = {i: vectors(by_id[i], local, local_weigh) for i in group}
        if len(group) <= ALL_PAIRS_UP_TO:
            inner = [(x, y) for j, x in enumerate(group) for y in group[j + 1:]]
        else:
            members = set(group)
            inner = [(x, y) for x in group for y in neighbours[x] if y in members and x < y]
        inner_scores = {(x, y): _cosine(lv[x], lv[y]) * _factors(by_id[x], by_id[y]) for x, y in inner}
        scores.update(inner_scores)
        events_here = cluster.average_link(group, inner_scores, threshold, CONTRAST)
        # `link` reads these only for a pair it links that was not compared here: keeping every
        # article's would double the vectors held for a large corpus.
        subject_vectors.update((i, lv[i]) for g in events_here if _unscored(g, inner_scores) for i in g)
        found.extend(events_here)
    return Events(found, subjects, pairs, scores, corpus_vectors, subject_vectors)


def _unscored(group: list[str], scores: dict[tuple[str, str], float]) -> bool:
    """Whether `link` links a pair of this event that `scores` lacks."""
    if not 1 < len(group) <= LINK_ALL_UP_TO:
        return False  # a larger event is linked on candidate pairs, which were all compared
    return any((x, y) not in scores and (y, x) not in scores
               for j, x in enumerate(group) for y in group[j + 1:])


def link(profiles: Iterable[EventProfile], stats, threshold: float = EVENT_THRESHOLD,
         group_threshold: float = GROUP_THRESHOLD,
         corpus_vectors: dict[str, _Vectors] | None = None) -> list[tuple[str, str, SameEvent]]:
    """Every `same_event` link of a corpus: candidates -> two-stage scoring -> events -> links.

    Links are what the events imply, since "same event" is an equivalence: every pair of an
    event (only its candidate pairs for an event larger than LINK_ALL_UP_TO). `corpus_vectors`
    as for `events`."""
    by_id = {p.doc_id: p for p in profiles}
    ev = events(by_id.values(), stats, threshold, group_threshold, corpus_vectors)
    return [(a.doc_id, b.doc_id, explained(ev, a, b, s)) for a, b, s in event_pairs(ev, by_id)]


def event_pairs(ev: Events, by_id: dict[str, EventProfile],
                detail: Callable[[list[str]], dict[str, EventProfile]] | None = None,
                ) -> Iterator[tuple[EventProfile, EventProfile, float]]:
    """The pairs `link` links, as (a, b, the stage-2 similarity that decided), one event at a
    time. `detail(ids)` gives the profiles explaining reads (sentences, places, surface, kinds)
    when `by_id` holds light ones: a caller with a large corpus loads them one event at a time."""
    for group in ev.groups:
        if len(group) < 2:
            continue
        if len(group) <= LINK_ALL_UP_TO:
            pairs = [(x, y) for j, x in enumerate(group) for y in group[j + 1:]]
        else:
            members = set(group)
            pairs = [p for p in ev.pairs if p[0] in members and p[1] in members]
        full = detail(group) if detail else by_id
        for x, y in pairs:
            s = ev.scores.get((x, y), ev.scores.get((y, x)))
            if s is None:
                s = _cosine(ev.subject_vectors[x], ev.subject_vectors[y]) * _factors(by_id[x], by_id[y])
            yield full[x], full[y], s


def explained(ev: Events, a: EventProfile, b: EventProfile, s: float) -> SameEvent:
    """The link for a pair of `event_pairs`. The score is the stage-2 similarity that decided;
    evidence and reason use corpus-wide rarity, which is what makes a shared name worth showing
    to a reader."""
    return _explained(a, b, ev.corpus_vectors[a.doc_id], ev.corpus_vectors[b.doc_id], s)
