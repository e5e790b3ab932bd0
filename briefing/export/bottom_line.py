"""Bottom line up front: 3–5 sentences taken verbatim from the articles, chosen by what the
analysis connects to them. Nothing is written, only picked, and every pick says why.

A sentence scores, summed:

- 4 for each plan → realization link whose evidence it is (the plan or the report sentence),
  2 for each follow_up or same_event link, 1 for each shared_context link or same_event link
  of strength "story" (duplicates: 0),
  counting at most 2 links of each type: a sentence shared with many articles is boilerplate
  more often than news;
- 1 for each event it reports (at most 3) and 0.5 for each actor those events name (at most 4);
- the lead sentence of an article: 1, plus 0.5 for each link the article has in scope (at
  most 4), so the leads of the most connected articles come first among leads;
- an article's second and third sentences are candidates too (scoring 0 by themselves), so
  a small scope without links or events still gets 3 points.

The best sentences are taken in order of score, then source number, then position, skipping
near-repeats (word-set Jaccard similarity of 0.6 or more with one already taken) and
taking at most 2 per article (3 when the scope has fewer than 3 articles). Up to 5 sentences
scoring at least `SUBSTANTIAL` are kept; if fewer than 3 do, the next best fill up to 3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A same_event link of strength "story" (the same subject, perhaps weeks apart) says no more
# than a shared background claim, so it weighs the same.
LINK_WEIGHT = {"realizes": 4.0, "follow_up": 2.0, "same_event": 2.0, "shared_context": 1.0,
               "same_story": 1.0}
LINK_CAP = 2  # links of one type counted per sentence
REFS_SHOWN = 5
EVENT_WEIGHT, EVENT_CAP = 1.0, 3
ACTOR_WEIGHT, ACTOR_CAP = 0.5, 4
LEAD_WEIGHT, DEGREE_WEIGHT, DEGREE_CAP = 1.0, 0.5, 4
SUBSTANTIAL = 2.0
MOST, LEAST = 5, 3
NEAR_REPEAT = 0.6
MIN_CHARS, MAX_CHARS = 30, 600  # shorter is a fragment or a table row; longer, not a point
_WORD = re.compile(r"\w+")


@dataclass
class _Candidate:
    article_id: int
    start: int
    end: int
    text: str
    links: dict[tuple[str, str], set[int]] = field(default_factory=dict)  # (type, role) -> refs
    events: list[str] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    lead_degree: int | None = None
    opening: int | None = None  # 2 or 3: the article's second or third sentence (a filler)

    def score(self) -> float:
        s = sum(LINK_WEIGHT[type_] * min(len(refs), LINK_CAP)
                for (type_, _), refs in self.links.items())
        s += EVENT_WEIGHT * min(len(self.events), EVENT_CAP)
        s += ACTOR_WEIGHT * min(len(self.actors), ACTOR_CAP)
        if self.lead_degree is not None:
            s += LEAD_WEIGHT + DEGREE_WEIGHT * min(self.lead_degree, DEGREE_CAP)
        return round(s, 2)

    def why(self) -> list[str]:
        out = []
        for (type_, role), refs in sorted(self.links.items(), key=lambda kv: (
                -LINK_WEIGHT[kv[0][0]], kv[0])):
            shown = ", ".join(f"[{r}]" for r in sorted(refs)[:REFS_SHOWN])
            shown += ", …" if len(refs) > REFS_SHOWN else ""
            if type_ == "realizes":
                out.append(f"plan in a plan → realization link (realized in {shown})"
                           if role == "plan" else
                           f"report in a plan → realization link (plan {shown})")
            else:
                plural = "s" if len(refs) > 1 else ""
                out.append(f"evidence of {len(refs)} {type_} link{plural} with {shown}")
        if self.events:
            shown = self.events[:EVENT_CAP]
            out.append(f"{len(self.events)} event{'s' if len(self.events) > 1 else ''}: "
                       + "; ".join(shown) + ("; …" if len(self.events) > len(shown) else ""))
        if self.actors:
            out.append("names " + ", ".join(sorted(self.actors)))
        if self.opening is not None and not out and self.lead_degree is None:
            out.append(f"sentence {self.opening} of the article (no stronger sentence left)")
        if self.lead_degree is not None:
            out.append("lead sentence" + (
                f" of an article with {self.lead_degree} link"
                f"{'s' if self.lead_degree > 1 else ''} in scope" if self.lead_degree else ""))
        return out


def key_points(texts: dict[int, str], refs: dict[int, int],
               openings: dict[int, list[tuple[int, int]]], timeline: list,
               links: list) -> list[dict]:
    """The bottom line: [{ref, article_id, start, end, text, score, why}], best first.

    texts: article id -> text; refs: article id -> source number; openings: article id ->
    spans of its first sentences (the lead first; the others only fill up to 3 points);
    timeline: TimelineEntry list; links: LinkView list (all in scope)."""
    cands: dict[tuple[int, int, int], _Candidate] = {}

    def cand(article_id: int, start: int, end: int) -> _Candidate:
        key = (article_id, start, end)
        if key not in cands:
            cands[key] = _Candidate(article_id, start, end, texts[article_id][start:end])
        return cands[key]

    degree: dict[int, int] = {}
    for link in links:
        kind = link.kind
        weight = LINK_WEIGHT.get(kind, 0.0)
        for article_id in (link.source, link.target):
            degree[article_id] = degree.get(article_id, 0) + 1
        if not weight:
            continue
        src, dst = refs[link.source], refs[link.target]
        for pair in link.evidence:
            a = cand(link.source, pair.source_start, pair.source_end)
            b = cand(link.target, pair.target_start, pair.target_end)
            plan, report = ("plan", "report") if link.type == "realizes" else ("", "")
            a.links.setdefault((kind, plan), set()).add(dst)
            b.links.setdefault((kind, report), set()).add(src)
    for entry in timeline:
        e = entry.event
        start, end = e["sentence"]
        c = cand(entry.article_id, start, end)
        who = e["agent"]["actor"] if e["agent"] else None
        c.events.append(" ".join(p for p in (who, e["type"], e["modality"]) if p))
        c.actors.update(p["actor"] for p in [e["agent"], *e["targets"], *e["places"]] if p)
    for article_id, spans in openings.items():
        for n, (start, end) in enumerate(spans[:LEAST], 1):
            c = cand(article_id, start, end)
            if n == 1:
                c.lead_degree = degree.get(article_id, 0)
            else:
                c.opening = n

    ranked = sorted(cands.values(), key=lambda c: (-c.score(), refs[c.article_id], c.start))
    per_article = 2 if len(texts) >= 3 else 3
    taken: list[_Candidate] = []
    words: list[set[str]] = []
    used: dict[int, int] = {}
    for c in ranked:
        if len(taken) >= MOST or (len(taken) >= LEAST and c.score() < SUBSTANTIAL):
            break
        size = len(" ".join(c.text.split()))
        if not MIN_CHARS <= size <= MAX_CHARS or used.get(c.article_id, 0) >= per_article:
            continue
        bag = set(_WORD.findall(c.text.lower()))
        if any(len(bag & w) >= NEAR_REPEAT * len(bag | w) for w in words):
            continue
        taken.append(c)
        words.append(bag)
        used[c.article_id] = used.get(c.article_id, 0) + 1
    return [{"ref": refs[c.article_id], "article_id": c.article_id, "start": c.start,
             "end": c.end, "text": " ".join(c.text.split()), "score": c.score(), "why": c.why()}
            for c in taken]
