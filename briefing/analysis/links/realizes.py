"""Plan → realization: article B reports as done what article A reported as planned.

A pair qualifies when A has a planned visit, meeting or agreement and B a realized (or under
way) one of the same type, each stated by its own words (not a modality guessed for a bare
noun) by the same agent (the resolved actor, so "Mexico’s foreign
minister" in one article and "Videgaray" in another are one agent), sharing at least one leg:
a destination for a visit (a city counts for its country and the other way round), a
counterpart or party for a meeting or agreement. Time must not contradict it: a report dated
before the plan, or more than a year after it, is another story; a realization outside the
planned window costs score but is kept and said ("planned in March, reported in May").

The link carries the diff an analyst asks for first: legs planned but not reported, legs
reported but not planned, the order they were reported in, and planned against reported time.
When neither article is dated, the plan is still ordered first, and the order is marked as
inferred.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from briefing.analysis.events import lexicon as L
from briefing.analysis.events.model import ONGOING, PLANNED, REALIZED, Event, Participant
from briefing.analysis.links.model import REALIZES, ArticleView, Evidence, Link

PLAN_TYPES = frozenset({"visit", "meeting", "agreement"})
_DONE = frozenset({REALIZED, ONGOING})
MAX_GAP = timedelta(days=365)  # a report this long after the plan is of another occasion
_LATE = timedelta(days=45)  # a realization this far past the planned window is "late"


def _country_of(name: str) -> str | None:
    try:
        from briefing.analysis.actors.gazetteer import gazetteer
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        return None
    g = gazetteer()
    country = g.country(name)
    return country.name if country else g.city(name)


class _Legs:
    """The ordered legs of one agent's events of one type in one article."""

    def __init__(self, events: list[Event], kind: str) -> None:
        self.events = events
        legs = [p for e in events for p in self.of(e, kind)]
        if any(p.type == "GPE" for p in legs):
            legs = [p for p in legs if p.type == "GPE"]  # "the Caribbean" is not a leg then
        self.names: list[str] = []
        for p in legs:
            if p.actor not in self.names:
                self.names.append(p.actor)

    @staticmethod
    def of(event: Event, kind: str) -> list[Participant]:
        if kind == "visit":
            states = [p for p in event.places if p.type == "GPE"]
            return states or event.places  # a region ("the Caribbean") only when nothing finer
        return event.targets


def _same_leg(a: str, b: str) -> bool:
    if a == b:
        return True
    ca, cb = _country_of(a), _country_of(b)
    return (ca is not None and ca == b) or (cb is not None and cb == a)


def _shared(planned: list[str], done: list[str]) -> list[str]:
    return [p for p in planned if any(_same_leg(p, d) for d in done)]


def _parse(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _when_done(events: list[Event], fallback: date | None) -> date | None:
    for e in events:
        if e.time is not None and e.time.lo and e.time.hi == e.time.lo:
            return _parse(e.time.lo)
    return fallback


def _planned_window(events: list[Event]) -> tuple[date | None, date | None, str | None]:
    for e in events:
        if e.time is not None and (e.time.lo or e.time.text):
            return _parse(e.time.lo), _parse(e.time.hi), e.time.text
    return None, None, None


def trusted_agent(e: Event) -> bool:
    """A bare noun ("negotiations", "trip") takes its agent from the nearest name before it,
    which is right for a person ("Videgaray said on a Caribbean trip") but too loose for a
    state or organisation; a verb's subject is trusted whatever it is."""
    if e.agent is None:
        return False
    low = e.trigger.lower()
    return e.agent.type == "PERSON" or (low in L.VERB_FORMS and low not in L.NOUN_FORMS)


def compare(a: ArticleView, b: ArticleView) -> Link | None:
    """The `realizes` link from plan article `a` to report article `b`, or None."""
    if a.id == b.id:
        return None
    if a.date and b.date and (b.date < a.date - timedelta(days=1) or b.date - a.date > MAX_GAP):
        return None
    plans: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in a.events:
        if e.modality == PLANNED and e.explicit and e.type in PLAN_TYPES and trusted_agent(e):
            plans[(e.agent.actor, e.type)].append(e)
    done: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in b.events:
        if e.modality in _DONE and e.explicit and e.type in PLAN_TYPES and trusted_agent(e):
            done[(e.agent.actor, e.type)].append(e)
    best: Link | None = None
    for key in plans.keys() & done.keys():
        link = _link(a, b, key, plans[key], done[key])
        if link is not None and (best is None or link.score > best.score):
            best = link
    return best


def _link(a: ArticleView, b: ArticleView, key: tuple[str, str], plans: list[Event],
          done: list[Event]) -> Link | None:
    agent, kind = key
    planned, reported = _Legs(plans, kind), _Legs(done, kind)
    shared = _shared(planned.names, reported.names)
    if not shared:
        return None
    lo, hi, planned_text = _planned_window(plans)
    when = _when_done(done, b.date)
    timing, time_score = _timing(lo, hi, when, a.date, b.date)
    coverage = len(shared) / len(planned.names)
    score = 0.45 + 0.35 * coverage + 0.2 * time_score
    not_reported = [p for p in planned.names if p not in shared]
    not_planned = [r for r in reported.names if not any(_same_leg(r, p) for p in planned.names)]
    diff = {
        "agent": agent, "event": kind,
        "planned": planned.names, "reported": reported.names,
        "planned_not_reported": not_reported, "reported_not_planned": not_planned,
        "reported_order": reported.names,
        "order_changed": [p for p in planned.names if p in shared] != [
            r for r in reported.names if any(_same_leg(r, p) for p in shared)],
        "planned_time": planned_text, "planned_window": [d.isoformat() if d else None
                                                         for d in (lo, hi)],
        "reported_date": when.isoformat() if when else None,
        "timing": timing,
    }
    inferred = not (a.date and b.date)
    return Link(a.id, b.id, REALIZES, min(score, 1.0), _reason(diff, inferred),
                _evidence(plans, done, kind), diff, inferred)


def _timing(lo, hi, when, a_date, b_date) -> tuple[str, float]:
    if when is None:
        return ("undated report: order inferred from the plan" if b_date is None
                else "report date unknown"), 0.5
    if lo is None or hi is None:
        return (f"reported {when.isoformat()}" if a_date is None or when >= a_date
                else "reported before the plan"), 0.6
    if lo - timedelta(days=3) <= when <= hi:
        return f"reported {when.isoformat()}, within the planned window", 1.0
    if when < lo:
        return f"reported {when.isoformat()}, earlier than planned", 0.3
    late = "late" if when - hi <= _LATE else "much later than planned"
    return f"reported {when.isoformat()}, {late}", 0.3 if when - hi <= _LATE else 0.1


def _evidence(plans: list[Event], done: list[Event], kind: str) -> list[Evidence]:
    pairs = []
    for d in done:
        legs = [p.actor for p in _Legs.of(d, kind)]
        for p in plans:
            plan_legs = [x.actor for x in _Legs.of(p, kind)]
            n = len(_shared(plan_legs, legs))
            if n:
                pairs.append((n, len(plan_legs), -p.sentence_start, -d.sentence_start, p, d))
    pairs.sort(key=lambda t: t[:4], reverse=True)
    out, seen = [], set()
    for *_, p, d in pairs:
        if (p.sentence_start, d.sentence_start) in seen:
            continue
        seen.add((p.sentence_start, d.sentence_start))
        out.append(Evidence(p.sentence_start, p.sentence_end, d.sentence_start, d.sentence_end,
                            f"planned “{p.trigger}” ↔ {d.modality} “{d.trigger}”"))
        if len(out) == 3:
            break
    return out


def _reason(diff: dict, inferred: bool) -> str:
    legs = ", ".join(diff["planned"])
    when = f"; {diff['planned_time']}" if diff["planned_time"] else ""
    text = (f"{diff['agent']}'s planned {diff['event']} ({legs}{when}) reported as done: "
            f"{' then '.join(diff['reported'])}")
    if diff["planned_not_reported"]:
        text += f"; planned, not reported: {', '.join(diff['planned_not_reported'])}"
    if diff["reported_not_planned"]:
        text += f"; reported, not planned: {', '.join(diff['reported_not_planned'])}"
    if inferred:
        text += " (order inferred: plan before report)"
    return text
