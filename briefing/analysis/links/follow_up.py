"""Follow-up: a later article updates an earlier one's story.

Two updates are recognised, both about the same agent (the resolved actor, named by a verb's
subject or, for a bare noun, a person) and sharing a leg, counterpart or party:

- what became of a plan other than its realization: the plan is reported cancelled,
  postponed or denied ("the visit was postponed", "will not travel");
- the outcome of talks: a meeting or talks with a counterpart, then an agreement signed by
  the same agent with the same counterpart.

Time as for plans: a follow-up dated before the story it follows is not one.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from briefing.analysis.events.model import CANCELLED, NEGATED, PLANNED, REALIZED, Event
from briefing.analysis.links.model import FOLLOW_UP, ArticleView, Evidence, Link
from briefing.analysis.links.realizes import trusted_agent

_MAX_GAP = timedelta(days=365)


def _actors(e: Event) -> set[str]:
    return {p.actor for p in e.places} | {p.actor for p in e.targets}


def _parties(e: Event) -> set[str]:
    return {p.actor for p in e.targets}


def _overlap(a: Event, b: Event) -> set[str]:
    return _actors(a) & _actors(b)


def compare(a: ArticleView, b: ArticleView) -> Link | None:
    """The `follow_up` link from `a` (the story) to `b` (its update), or None."""
    if a.id == b.id:
        return None
    if a.date and b.date and (b.date < a.date or b.date - a.date > _MAX_GAP):
        return None
    by_agent: dict[str, list[Event]] = defaultdict(list)
    for e in a.events:
        if e.agent is not None:
            by_agent[e.agent.actor].append(e)
    best = None
    for later in b.events:
        if later.agent is None or later.agent.actor not in by_agent:
            continue
        for earlier in by_agent[later.agent.actor]:
            found = _update(earlier, later)
            if found and (best is None or found[0] > best[0]):
                best = (found[0], found[1], earlier, later)
    if best is None:
        return None
    score, what, earlier, later = best
    agent = earlier.agent.actor
    reason = f"{agent}: {what}"
    evidence = [Evidence(earlier.sentence_start, earlier.sentence_end, later.sentence_start,
                         later.sentence_end, f"{earlier.modality} “{earlier.trigger}” → "
                                             f"{later.modality} “{later.trigger}”")]
    diff = {"agent": agent, "before": {"event": earlier.type, "modality": earlier.modality},
            "after": {"event": later.type, "modality": later.modality},
            "shared": sorted(_overlap(earlier, later))}
    return Link(a.id, b.id, FOLLOW_UP, score, reason, evidence, diff, not (a.date and b.date))


def _update(earlier: Event, later: Event) -> tuple[float, str] | None:
    shared = _overlap(earlier, later)
    if not shared or not (trusted_agent(earlier) and trusted_agent(later)):
        return None  # the same agent alone is a topic, not a story
    legs = f" ({', '.join(sorted(shared))})" if shared else ""
    if earlier.modality == PLANNED and later.type == earlier.type \
            and later.modality in (CANCELLED, NEGATED):
        word = "called off or postponed" if later.modality == CANCELLED else "denied"
        return 0.85, f"planned {earlier.type}{legs} later {word}"
    if earlier.type == "meeting" and later.type == "agreement" and later.modality == REALIZED \
            and earlier.modality in (PLANNED, REALIZED) and _parties(earlier) & _parties(later):
        # the same counterpart in both: talks with X, then an agreement with X
        both = ", ".join(sorted(_parties(earlier) & _parties(later)))
        return 0.75, f"talks with {both} followed by an agreement"
    return None
