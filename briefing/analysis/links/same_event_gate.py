"""Which `same_event` pairs are worth storing, and how strong each one is.

`same_event.link` groups articles the way ECB+ does: every report of one story, a trial months
after the shooting included. On a single wire service (Reuters-21578) that grouping also puts
together one company's or one market's unrelated items over weeks. Two checks, measured on both
corpora (README, "Time, events and links"):

- **Anchor.** Two articles of an event must be tied by who or where: an actor both resolve, a
  name one resolves and the other spells, or a capitalised word both use, rare enough to mean
  something; or each be so tied to reports that are tied to the other (a story that names no one
  the extractor caught still joins its event through the reports around it). This drops
  same-template pairs about different companies ("COMSHARE 1ST QTR" and "SCICOM 1ST QTR").
- **Strength.** `event` when the two were published within EVENT_DAYS of each other (or either is
  undated) and their texts are directly similar under corpus-wide weights; `story` otherwise: the
  same story, which may be a later development of it. 28 of 40 Reuters `event` pairs checked by
  hand were one real event; `story` pairs there were mostly the same company's other news.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.analysis.links import same_event as se

ANCHOR_MAX_DF = 150  # a name in more articles than this (a big exchange, "U.S.") anchors nothing
EVENT_DAYS = 3
EVENT_SIMILARITY = 0.45
EVENT, STORY = "event", "story"


@dataclass
class Verdict:
    anchors: list[str]  # the shared who/where, as the texts write them
    strength: str
    similarity: float  # direct, under corpus-wide weights
    days: int | None  # between publication dates, when both are known


def _capitalised(p: se.EventProfile, key: str) -> bool:
    shown = p.surface.get(key, "")
    return shown[:1].isupper() and not shown.isupper()


def anchors(a: se.EventProfile, b: se.EventProfile, df) -> list[str]:
    """The who/where features two articles share (keys), rarest first."""
    def rare(key: str) -> bool:
        return 2 <= df(key) <= ANCHOR_MAX_DF

    found = {k for k in a.specifics.keys() & b.specifics.keys() if k.startswith("a:") and rare(k)}
    for p, q in ((a, b), (b, a)):  # "Lohan" resolved in one story, only written in the other
        for k in p.specifics:
            if k.startswith("a:"):
                found.update(w for w in se._name_words(k) if w in q.terms and rare(w))
    found.update(k for k in a.terms.keys() & b.terms.keys()
                 if rare(k) and _capitalised(a, k) and _capitalised(b, k))
    return sorted(found, key=lambda k: (df(k), k))


class Judge:
    """Verdicts for pairs of one corpus; vectors are computed once per article, or taken from
    `vectors` (`same_event.vectors_of`, as `link` used them)."""

    def __init__(self, stats, vectors: dict[str, se._Vectors] | None = None) -> None:
        self.stats = stats
        self._weigh = se._Idf(stats)
        self._vectors = dict(vectors or {})

    def _v(self, p: se.EventProfile) -> se._Vectors:
        v = self._vectors.get(p.doc_id)
        if v is None:
            v = self._vectors[p.doc_id] = se.vectors(p, self.stats, self._weigh)
        return v

    def __call__(self, a: se.EventProfile, b: se.EventProfile) -> Verdict:
        shared = anchors(a, b, self.stats.df)
        similarity = se._cosine(self._v(a), self._v(b)) * se.lead_factor(a, b)
        days = abs((a.date - b.date).days) if a.date and b.date else None
        close = days is None or days <= EVENT_DAYS
        strength = EVENT if close and similarity >= EVENT_SIMILARITY else STORY
        shown = [a.surface.get(k) or b.surface.get(k) or k.split(":", 1)[-1] for k in shared[:3]]
        return Verdict(shown, strength, round(similarity, 4), days)


def tied(pairs: list[tuple[str, str, Verdict]]) -> list[tuple[str, str, Verdict]]:
    """The pairs whose two articles are connected through anchored pairs."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y, v in pairs:
        if v.anchors:
            parent[find(x)] = find(y)
    return [(x, y, v) for x, y, v in pairs if find(x) == find(y)]
