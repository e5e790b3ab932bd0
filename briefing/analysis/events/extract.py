"""Sentence-level event mentions: what happens, who does it, to whom, where, when, and whether
it is planned, done, under way, called off or denied.

`find_events(text, sentences, mentions, timexes)` reads each sentence's words around trigger
words (`lexicon.TRIGGERS`) and the resolved actor mentions:

- modality: a cancel word near the trigger ("postponed", "called off") > a negation right
  before it ("did not visit", "no plans to") > a past verb form ("visited", "met") > a future
  cue in the words before it ("will travel", "plans to visit", "is due to", "planned trip",
  "would be signing") > a progressive ("is visiting") > for nouns, words that place them in
  the past ("during his visit", "held talks", "on a Caribbean trip") or the time phrase's own
  direction ("earlier this month"); a noun with no cue is a report of something done.
- agent: for a noun, the possessor ("Videgaray’s planned trip", "the Mexican foreign
  minister’s trip") or "by X" after it; a possessive pronoun ("his trip") is the person last
  named; otherwise the subject: the nearest actor mention before the trigger in its clause that
  is not the object of a preposition ("Videgaray, who visited", "Mexico’s foreign minister will
  travel").
- places (destinations, venues): the run of place mentions right after the trigger ("travel
  to Jamaica, Grenada and Saint Lucia", "visited St. Lucia before Jamaica"), a place adjective
  right before a noun ("Caribbean trip", "Jamaican stop"), "in/at PLACE" for meetings.
- targets: counterparts and parties after "with", "between", direct objects of "meet", the
  person after "counterpart", what a sanction is "on"/"against".
- time: the nearest time expression in the sentence, re-resolved forward for a plan and
  backward for a report when a resolver is given.

An event needs an agent, a target or a place: one with no actor says nothing to link.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

from briefing.analysis.events import lexicon as L
from briefing.analysis.events.model import (
    CANCELLED, NEGATED, ONGOING, PLANNED, REALIZED, Event, EventTime, Participant)

_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # U.S., U.N.
    r"|[^\W\d_]+?(?=n[’']t\b)"  # "did" of "didn't"
    r"|n[’']t\b|[’'](?:ll|s|re|ve|d|m)\b"
    r"|[^\W\d_]+(?:(?:[’'](?!(?:ll|s|re|ve|d|m)\b)|-)[^\W\d_]+)*"
    r"|\d+(?:[.,:]\d+)*"
    r"|\S"
)
_PLACE_TYPES = frozenset({"GPE", "LOC"})
_ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE"})
# Prepositions whose object is not the subject of the next verb.
_PREPOSITIONS = frozenset("""to in at from of with for on by into against about over under
between among than like near via toward towards across through""".split())
# Words allowed between the trigger and its first place, and between places in a list.
_TO_PLACE = frozenset("to in at into the a an of for through across around".split())
_LIST = frozenset({",", "and", "or", "before", "after", "then", "the", "to", "in", "via", "&",
                   "as", "well", "also", "later", "finally", "first"})
_CLAUSE_END = frozenset({";", ":", "(", ")", "“", "”", '"', "—", "–", "--"})
_SAID = frozenset("said says told added according".split())
_PRONOUNS = frozenset("his her their its he she they".split())
_DETERMINERS = frozenset("a an the this that these those his her their its our".split())
_PRESENCE = frozenset("next alongside beside with joined flanked hosted greeted welcomed".split())

Reanchor = Callable[[object, date, str], object]


class _Tok:
    __slots__ = ("text", "low", "start", "end")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.low, self.start, self.end = text, text.lower(), start, end


def _part(m) -> Participant:
    return Participant(m.actor, m.type, m.start, m.end, m.text)


class _Sentence:
    """One sentence's tokens, with each actor mention's token span."""

    def __init__(self, text: str, index: int, start: int, end: int, mentions: list) -> None:
        self.index, self.start, self.end = index, start, end
        self.toks = [_Tok(m.group(), m.start(), m.end())
                     for m in _TOKEN.finditer(text, start, end)]
        starts = [t.start for t in self.toks]
        self.mentions = []  # (p, q, mention), token spans, in text order
        self.at: dict[int, tuple[int, int, object]] = {}  # token index -> its mention
        for m in mentions:
            p = _index(starts, m.start)
            q = p
            while q < len(self.toks) and self.toks[q].start < m.end:
                q += 1
            if q > p:
                entry = (p, q, m)
                self.mentions.append(entry)
                for k in range(p, q):
                    self.at[k] = entry

    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def clause_start(self, i: int) -> int:
        """Index where the clause holding token i starts (after ;, a quote or a dash)."""
        j = i - 1
        while j >= 0 and self.toks[j].text not in _CLAUSE_END:
            j -= 1
        return j + 1

    def clause_end(self, i: int) -> int:
        j = i + 1
        while j < len(self.toks) and self.toks[j].text not in _CLAUSE_END:
            j += 1
        return j


def _index(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def find_events(text: str, sentences: Sequence, mentions: Sequence, timexes: Sequence = (),
                anchor: date | None = None, reanchor: Reanchor | None = None) -> list[Event]:
    """Events in text order. `mentions` are resolved actor mentions (with `actor` set,
    demonyms included); `timexes` objects with start, end, text, value, granularity, lo, hi,
    relative; `reanchor(timex, anchor, direction)` re-resolves one for an event's modality."""
    by_sentence: dict[int, list] = {}
    for m in mentions:
        if m.actor:
            by_sentence.setdefault(m.sentence, []).append(m)
    events: list[Event] = []
    last_person = None
    for si, s in enumerate(sentences):
        ms = sorted(by_sentence.get(si, ()), key=lambda m: (m.start, -m.end))
        sent = _Sentence(text, si, s.start, s.end, ms)
        times = [t for t in timexes if s.start <= t.start and t.end <= s.end]
        previous: tuple[int, str] | None = None  # (token index, type) of the last event
        for i in range(len(sent.toks)):
            found = _event_at(sent, i, times, last_person, anchor, reanchor)
            if found is None:
                continue
            event, cued, definite = found
            if previous and previous[1] == event.type and i - previous[0] <= 4 \
                    and L.TRIGGERS[sent.low(i)][1] == L.NOUN \
                    and L.TRIGGERS[sent.low(previous[0])][1] == L.VERB:
                continue  # "impose sanctions", "would be signing a memorandum": one event
            previous = (i, event.type)
            event.explicit = cued
            if not cued and definite:
                _follow_antecedent(event, events)
            if event.agent is None and not event.places and not event.targets:
                continue  # nothing to link it by
            events.append(event)
        persons = [m for _, _, m in sent.mentions if m.type == "PERSON"]
        if persons:
            last_person = persons[-1]
    return events


def _follow_antecedent(event: Event, earlier: list[Event]) -> None:
    """"the trip", "the meeting" with nothing in its own words to date it is the trip the
    article already told of: it takes that one's modality, and its agent when it has none of
    its own."""
    mine = event.agent.actor if event.agent is not None and event.agent.type == "PERSON" else None
    for other in reversed(earlier):
        if other.type == event.type and (mine is None or other.agent is None
                                          or other.agent.actor == mine):
            event.modality = other.modality
            event.cameo = L.cameo(event.type, event.modality, event.trigger)
            if other.agent is not None and (event.agent is None or event.agent.type != "PERSON"):
                event.agent = other.agent
            return


def _event_at(sent: _Sentence, i: int, times: list, last_person, anchor,
              reanchor) -> tuple[Event, bool, bool] | None:
    """The event named at token i, whether its modality came from a cue in its own words, and
    whether it is a definite noun ("the trip") that can refer back to an earlier event."""
    tok = sent.toks[i]
    entry = L.TRIGGERS.get(tok.low)
    if entry is None or i in sent.at or (i > 0 and tok.text[0].isupper()
                                          and not tok.text.isupper()):
        return None  # inside a name: "Visit Britain", "Summit Bank"
    type_, pos, tense = entry
    if tok.low in L.VERB_FORMS and tok.low in L.NOUN_FORMS:
        pos, tense = _noun_or_verb(sent, i, tok.low)
        type_ = (L.NOUN_FORMS if pos == L.NOUN else L.VERB_FORMS)[tok.low][0]
    needs = L.NEEDS_NEARBY.get(_base(tok.low))
    if needs and not any(sent.low(k) in needs for k in range(i + 1, i + 7)):
        return None
    if pos == L.NOUN and tok.low in L.WEAK_NOUNS and not _weak_noun_ok(sent, i, tok.low):
        return None
    if tok.low in L.MOVES_TO and sent.low(i + 1) not in ("to", "into", "in"):
        return None  # "fly to Tokyo", not "fly the American flag"
    modality, cued = _modality(sent, i, pos, tense, times, anchor)
    agent = _agent(sent, i, pos, last_person)
    places = _places(sent, i, pos, type_)
    targets = _targets(sent, i, type_, tok.low)
    if agent is not None:
        places = [p for p in places if p.actor != agent.actor]
        targets = [t for t in targets if t.actor != agent.actor]
    if type_ == "meeting" and pos == L.VERB and not targets and not _joint_subject(sent, i):
        return None  # "meet the deficit targets": a meeting needs someone to meet
    definite = pos == L.NOUN and _definite(sent, i)
    if agent is None and not places and not targets and not definite:
        return None
    when = _time(sent, i, times, modality, anchor, reanchor)
    event = Event(type_, L.cameo(type_, modality, tok.text), modality, sent.index, sent.start,
                  sent.end, tok.start, tok.end, tok.text, agent, targets, places, when)
    return event, cued, definite


def _joint_subject(sent: _Sentence, i: int) -> bool:
    """"Nakasone and Reagan will meet": two actors joined by "and" before the verb."""
    before = [(p, q) for p, q, m in sent.mentions if q <= i and m.type in _ACTOR_TYPES]
    return len(before) >= 2 and sent.low(before[-1][0] - 1) == "and" \
        and before[-2][1] == before[-1][0] - 1


def _definite(sent: _Sentence, i: int) -> bool:
    """"the trip", "the as-yet undisclosed trip", "the minister’s trip": a noun phrase that
    can point back at an event already told."""
    for k in range(i - 1, max(-1, i - 5), -1):
        low = sent.low(k)
        if low in ("the", "this", "that", "’s", "'s", "his", "her", "their"):
            return True
        if low in _PREPOSITIONS or low in L.TRIGGERS or low in (",", "a", "an"):
            return False
    return False


def _base(low: str) -> str:
    for base in L.NEEDS_NEARBY:
        if low.startswith(base[:-1] if base.endswith("e") else base):
            return base
    return low


def _noun_or_verb(sent: _Sentence, i: int, low: str) -> tuple[str, str]:
    """"visit", "tour", "vote", "meeting": a noun after a determiner, a possessive, an
    adjective or a name; a verb after "to", a modal, an auxiliary or a subject."""
    prev = sent.low(i - 1)
    verb = L.VERB_FORMS[low]
    if verb[2] == L.PRESENT:  # "Videgaray visits Jamaica", but "the effect sanctions would have"
        subject = (i - 1) in sent.at and sent.at[i - 1][2].type in _ACTOR_TYPES
        return (verb[1], verb[2]) if subject or prev in ("he", "she", "it") else (L.NOUN, "")
    if prev in _DETERMINERS or prev in ("’s", "'s") or prev in L.FUTURE_NOUN_MODIFIERS \
            or (i - 1) in sent.at or (prev.endswith("ing") and low == "meeting") \
            or (prev and prev[0].isdigit()) or prev in ("first", "second", "state", "official"):
        return L.NOUN, ""
    if low.endswith("ing") and prev not in L.PAST_AUX | L.PRESENT_BE | {"be", "been", "after",
                                                                          "before", "while"}:
        return L.NOUN, ""
    return verb[1], verb[2]


def _weak_noun_ok(sent: _Sentence, i: int, low: str) -> bool:
    before = sent.at.get(i - 1)
    after_place = sent.low(i + 1) in ("in", "at", "to") and (i + 2) in sent.at \
        and sent.at[i + 2][2].type in _PLACE_TYPES
    if low == "way":  # "on his way to Jamaica"
        return sent.low(i + 1) == "to" and sent.low(i - 2) == "on" and (i + 2) in sent.at
    if low in ("stop", "leg", "tour"):
        return (before is not None and before[2].type in _PLACE_TYPES) or after_place \
            or sent.low(i + 1) == "of" and any(sent.low(k) in ("trip", "tour", "visit")
                                              for k in range(i + 2, i + 6))
    if low == "counterpart":
        return any(sent.low(k) in _PRESENCE for k in range(max(0, i - 5), i)) \
            and any((k in sent.at and sent.at[k][2].type == "PERSON")
                    for k in range(i + 1, i + 3))
    if low == "meeting":
        return sent.low(i - 1) not in ("shareholders", "annual", "board", "general")
    return True  # "deal", "statement": kept when an actor is found for them


def _window(sent: _Sentence, i: int, size: int) -> list[str]:
    """The words before token i in its clause, from after the last other trigger: in
    "Videgaray’s planned trip follows a visit", "planned" belongs to the trip."""
    start = max(sent.clause_start(i), i - size)
    words = [sent.low(k) for k in range(start, i)]
    for k in range(len(words) - 1, -1, -1):
        if (words[k] in L.TRIGGERS and (start + k) not in sent.at) or words[k] == ",":
            return words[k + 1:]  # a comma too: "trade would grow, standing next to"
    return words


def _modality(sent: _Sentence, i: int, pos: str, tense: str, times: list,
              anchor: date | None) -> tuple[str, bool]:
    """The modality, and whether a cue in the trigger's own words gave it (False: a default
    guess, which linking does not rely on)."""
    before = _window(sent, i, 8)
    near = before[-4:]
    end = sent.clause_end(i)
    after = [sent.low(k) for k in range(i + 1, min(i + 5, end))]
    if any(w in L.CANCEL for w in before[-5:] + after) or (
            "called" in before[-5:] + after and "off" in before[-4:] + after):
        return CANCELLED, True
    if ("not" in after and "yet" in after) or any(w in L.PLANNED_AFTER for w in after):
        return PLANNED, True  # "the trip was not yet confirmed", "a visit ... under consideration"
    if any(w in L.NEGATION for w in near[-3:]) or (
            pos == L.NOUN and any(w in L.NEGATION for w in before[-3:])):
        return NEGATED, True
    future = any(w in L.FUTURE for w in before)
    if pos == L.VERB:
        if tense == L.PAST:
            # "has visited", "visited"; a plan keeps "will have" and "planned to have"
            return (PLANNED if future and "have" in near else REALIZED), True
        if future or (before and before[-1] == "to"):
            return PLANNED, True
        direction = _time_direction(sent, i, times, anchor)
        if direction:  # "starts a visit on Sunday", "leaves on Wednesday"
            return (PLANNED if direction == "forward" else REALIZED), True
        if tense == L.ING:
            if any(w in ("was", "were") for w in near) or before[-1:] == ["after"]:
                return REALIZED, True  # "was visiting", "arrived after visiting Australia"
            return ONGOING, any(w in L.PRESENT_BE for w in near)
        return ONGOING, tense == L.PRESENT
    # a noun: its own modifiers, then its time, then the verbs around it
    if any(w in L.FUTURE_NOUN_MODIFIERS for w in near[-3:]):
        return PLANNED, True
    if any(w in L.REALIZED_NOUN_CUES for w in before[-4:]):
        return REALIZED, True  # "returns from a visit", "after having completed a trip"
    direction = _time_direction(sent, i, times, anchor, attached=True)
    if direction:  # "a visit to Washington starting April 29", "next week's visit"
        return (PLANNED if direction == "forward" else REALIZED), True
    if _future_after(after) or (future and any(w in L.FUTURE for w in near)):
        return PLANNED, True  # "during his visit he would ...", "will make a visit"
    if _on_a(before):
        return REALIZED, True
    if future:
        return PLANNED, False
    return REALIZED, False


def _future_after(after: list[str]) -> bool:
    """A modal right after the noun's phrase ("during his visit he would"), not one in a
    clause it introduces ("on a trip that trade would grow")."""
    for w in after[:3]:
        if w in ("will", "would", "'ll", "’ll", "shall"):
            return True
        if w in ("that", "to", "which", "who", ",", "and", "as"):
            return False
    return False


def _on_a(before: list[str]) -> bool:
    """"on a Caribbean trip", "on his first visit": reported as under way or done."""
    for k in range(len(before) - 1, max(-1, len(before) - 5), -1):
        if before[k] == "on":
            return True
        if before[k] in _PREPOSITIONS:
            return False
    return False


def _nearest_time(sent: _Sentence, i: int, times: list):
    if not times:
        return None
    pos = sent.toks[i].start
    lo, hi = sent.toks[sent.clause_start(i)].start, sent.toks[sent.clause_end(i) - 1].end
    inside = [t for t in times if lo <= t.start and t.end <= hi] or times
    return min(inside, key=lambda t: (abs(t.start - pos), t.start < pos))


def _time_direction(sent: _Sentence, i: int, times: list, anchor: date | None,
                    attached: bool = False) -> str | None:
    """"forward" when the event's time phrase points ahead of the article date ("next week",
    "on April 29" in a March story), "backward" when behind it ("last month", "recently").
    `attached`: only a phrase right around the trigger ("next week's visit", "a visit to
    Washington on April 29"), as a noun does not reach a time in another clause."""
    t = _nearest_time(sent, i, times)
    if t is None or abs(t.start - sent.toks[i].end) > 80:
        return None
    if attached and not (sent.toks[i].end <= t.start <= sent.toks[i].end + 60
                         or sent.toks[i].start - 15 <= t.end <= sent.toks[i].start):
        return None
    words = t.text.lower().split()
    if words[:1] in (["last"], ["earlier"], ["yesterday"], ["recently"]) or "ago" in words \
            or "earlier" in words:
        return "backward"
    if words[:1] in (["next"], ["tomorrow"], ["later"], ["upcoming"]):
        return "forward"
    lo, hi = getattr(t, "lo", None), getattr(t, "hi", None)
    if anchor is not None and lo is not None and hi is not None:
        if lo > anchor:
            return "forward"
        if hi < anchor:
            return "backward"
    return None


def _agent(sent: _Sentence, i: int, pos: str, last_person) -> Participant | None:
    if pos == L.NOUN:
        owner = _possessor(sent, i)
        if owner is not None:
            return owner
        by = _after_by(sent, i)
        if by is not None:
            return by
        if any(sent.low(k) in _PRONOUNS for k in range(max(0, i - 4), i)):
            person = _subject(sent, i, persons_only=True)
            if person is not None:
                return person
            after = [m for p, _, m in sent.mentions if p > i and m.type == "PERSON"]
            if after and sent.clause_start(i) == 0 and any(
                    sent.low(k) == "," for k in range(i + 1, after[0].start and _index(
                        [t.start for t in sent.toks], after[0].start))):
                return _part(after[0])  # "On his way to Jamaica, Tillerson said"
            if last_person is not None:
                return _part(last_person)
            return _part(after[0]) if after else None
    return _subject(sent, i)


def _possessor(sent: _Sentence, i: int) -> Participant | None:
    """"Videgaray’s planned trip", "the Mexican foreign minister’s trip": the owner before
    "’s" within three words of the noun."""
    for k in range(i - 1, max(-1, i - 5), -1):
        low = sent.low(k)
        if low in ("’s", "'s", "’", "'") and (k - 1) in sent.at:
            m = sent.at[k - 1][2]
            if m.type in _ACTOR_TYPES:
                return _part(m)
            return None
        if low in _PREPOSITIONS or low in (",", "."):
            return None
    return None


def _after_by(sent: _Sentence, i: int) -> Participant | None:
    """"a visit ... by French President Emmanuel Macron": the person (or organisation) named
    after "by", the country only when no one is named."""
    end = sent.clause_end(i)
    for k in range(i + 1, min(end, i + 16)):
        if sent.low(k) == "by":
            found = [sent.at[j][2] for j in range(k + 1, min(end, k + 12))
                     if j in sent.at and sent.at[j][2].type in _ACTOR_TYPES]
            named = [m for m in found if m.type != "GPE"]
            return _part((named or found)[0]) if found else None
        if sent.low(k) in _SAID:
            return None
    return None


def _subject(sent: _Sentence, i: int, persons_only: bool = False) -> Participant | None:
    """The nearest actor before the trigger in its clause that is not a preposition's object;
    a person is preferred over a place or organisation a few words nearer ("Foreign Minister
    Luis Videgaray said on Tuesday on a Caribbean trip")."""
    start = sent.clause_start(i)
    found = None
    for p, q, m in reversed(sent.mentions):
        if q > i or p < start:
            continue
        if m.type not in _ACTOR_TYPES or (persons_only and m.type != "PERSON"):
            continue
        prev = sent.low(p - 1)
        if prev in _PREPOSITIONS and prev not in ("by",):
            continue
        if sent.low(q) in ("’s", "'s") and q < i - 1:
            continue  # "Mexico’s foreign minister will travel": the minister is the subject
        if found is None:
            found = m
            if m.type == "PERSON":
                break
        elif m.type == "PERSON" and found.type != "PERSON":
            found = m
            break
    return _part(found) if found else None


def _places(sent: _Sentence, i: int, pos: str, type_: str) -> list[Participant]:
    out: list[Participant] = []
    # a place adjective or name right before a noun: "Caribbean trip", "Jamaican stop"
    if pos == L.NOUN:
        for k in (i - 1, i - 2):
            e = sent.at.get(k)
            if e and e[2].type in _PLACE_TYPES and e[1] in (i, i - 1) and \
                    sent.low(e[1]) not in ("’s", "'s"):
                out.append(_part(e[2]))
                break
    j = i + 1
    end = sent.clause_end(i)
    gap = 0
    while j < end and j not in sent.at and sent.low(j) in _TO_PLACE and gap < 3:
        j += 1
        gap += 1
    if type_ != "visit" and sent.low(j - 1) not in ("in", "at"):
        return out
    if j not in sent.at:
        return out  # the places follow the trigger or its preposition, not a comma later
    while j < end:
        e = sent.at.get(j)
        if e is not None:
            m = e[2]
            if m.type not in _PLACE_TYPES or sent.low(e[1]) in ("’s", "'s"):
                break
            if all(p.actor != m.actor for p in out):
                out.append(_part(m))
            j = e[1]
            continue
        if sent.low(j) in _LIST:
            j += 1
            continue
        break
    return out


def _targets(sent: _Sentence, i: int, type_: str, low: str) -> list[Participant]:
    end = sent.clause_end(i)
    out: list[Participant] = []
    if low == "counterpart" or sent.low(i + 1) == "counterpart":
        for k in range(i + 1, min(end, i + 4)):
            if k in sent.at and sent.at[k][2].type == "PERSON":
                return [_part(sent.at[k][2])]
        return []
    if type_ == "visit":
        if low.startswith("host"):
            k = i + 1
            while k < end and k not in sent.at and sent.low(k) in _DETERMINERS:
                k += 1
            if k in sent.at and sent.at[k][2].type in _ACTOR_TYPES:
                out.append(_part(sent.at[k][2]))
        return out
    cues = {"meeting": ("with", "between"), "agreement": ("with", "between"),
            "sanction": ("on", "against")}.get(type_)
    if not cues:
        return out
    k = i + 1
    if type_ == "meeting" and low in ("meet", "met", "meets") and k in sent.at:
        cues = cues + (sent.low(k),)  # "met Johnson Smith": a direct object
        k -= 1
    limit = min(end, i + 10)
    while k < limit:
        if sent.low(k) in cues:
            j = k + 1
            while j < end:
                e = sent.at.get(j)
                if e is not None:
                    if e[2].type in _ACTOR_TYPES:
                        out.append(_part(e[2]))
                    j = e[1]
                    continue
                if sent.low(j) in (",", "and", "the", "its", "his", "her", "their") or \
                        sent.low(j)[:1].isupper() or sent.toks[j].text[:1].isupper() \
                        or sent.low(j) in ("counterpart", "counterparts", "officials"):
                    j += 1
                    continue
                break
            break
        if sent.low(k) in _SAID:
            break
        k += 1
    return out


def _time(sent: _Sentence, i: int, times: list, modality: str, anchor, reanchor) -> EventTime | None:
    t = _nearest_time(sent, i, times)
    if t is None:
        return None
    if reanchor is not None and anchor is not None and getattr(t, "relative", False) \
            and modality in (PLANNED, REALIZED):
        try:
            t = reanchor(t, anchor, "forward" if modality == PLANNED else "backward")
        except ValueError:
            pass  # keep the direction the time finder chose
    lo, hi = getattr(t, "lo", None), getattr(t, "hi", None)
    return EventTime(t.start, t.end, t.text, getattr(t, "value", None),
                     getattr(t, "granularity", ""), lo.isoformat() if lo else None,
                     hi.isoformat() if hi else None, bool(getattr(t, "relative", False)))
