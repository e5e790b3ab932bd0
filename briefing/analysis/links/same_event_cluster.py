"""Average-link clustering over a sparse similarity graph.

"Same event" is an equivalence relation, so pairwise decisions are turned into groups. Average link
rather than single link: one article that happens to share a name with a sibling event (a story
on the second earthquake recalling the first) must not chain two events together; the whole group
has to be similar on average. A pair without an edge counts as similarity 0, so the graph can stay
as sparse as blocking made it and nothing here is quadratic in the corpus.

`contrast` refuses a merge whose mean is far below the cohesion of a tight group taking part: two
reports of one quake agree with each other far more than either agrees with a report of another
quake, however much the three share ("magnitude", "injured", "officials said"). That is what tells
sibling events apart when the statistics come from a handful of articles.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable


FLOOR = 0.25  # edges under this fraction of the threshold are ignored


def average_link(nodes: Iterable[Hashable], edges: dict[tuple, float], threshold: float,
                 contrast: float = 0.0) -> list[list]:
    """Merge the two groups with the highest mean pairwise similarity while it is >= threshold
    (and, with `contrast`, >= contrast x the cohesion of each side that has several members).

    Edges far below the threshold are dropped first: they barely move a mean, and in a large
    corpus they are most of the candidate graph, so keeping them would make every merge touch
    hundreds of stale neighbours."""
    floor = FLOOR * threshold
    names = list(dict.fromkeys(nodes))
    index = {n: i for i, n in enumerate(names)}
    members: dict[int, list[int]] = {i: [i] for i in range(len(names))}
    # Sum of edge weights between two current groups; the mean divides by both sizes.
    between: dict[int, dict[int, float]] = {i: {} for i in members}
    for (a, b), s in edges.items():
        if s < floor:
            continue
        i, j = index.get(a), index.get(b)
        if i is not None and j is not None and i != j:
            between[i][j] = between[i].get(j, 0.0) + s
            between[j][i] = between[i][j]

    inside: dict[int, float] = {i: 0.0 for i in members}  # sum of the edges within each group
    size: dict[int, int] = {i: 1 for i in members}

    def cohesion(x: int) -> float:
        n = size[x]
        return inside[x] / (n * (n - 1) / 2)

    # Only pairs already at the threshold are queued: a pair's mean changes only when one side
    # merges, and then it is recomputed and queued if it has reached the threshold.
    queue = _Queue(((-m, (x, y)) for x, around in between.items() for y, s in around.items()
                    if x < y and (m := s / (size[x] * size[y])) >= threshold), len(names))
    while queue:
        negative, (x, y) = queue.pop()
        if x not in members or y not in members or y not in between[x]:
            continue  # one side was merged away since this entry was pushed
        value = between[x][y] / (size[x] * size[y])
        if abs(value + negative) > 1e-12:
            continue  # stale: the groups grew; a fresh entry is in the queue
        if value < threshold:
            break
        tight = [cohesion(z) for z in (x, y) if size[z] > 1]
        if contrast and tight and value < contrast * min(tight):
            continue  # a tight group and a loosely related one (or article): two events of one kind
        _merge(x, y, members, between, inside, size)
        sx = size[x]
        for z, s in between[x].items():
            m = s / (sx * size[z])
            if m >= threshold:
                queue.push(-m, (x, z) if x < z else (z, x))
    return [[names[i] for i in group] for group in members.values()]


def _merge(x: int, y: int, members: dict, between: dict, inside: dict, size: dict) -> None:
    """Group y joins group x: its members, its inner edges and its edges to every other group."""
    inside[x] += inside.pop(y) + between[x][y]
    members[x].extend(members.pop(y))
    size[x] += size.pop(y)
    bx = between[x]
    for z, w in between.pop(y).items():
        if z == x:
            continue
        bz = between[z]
        del bz[y]
        bx[z] = bx.get(z, 0.0) + w
        bz[x] = bx[z]
    bx.pop(y, None)


class _Queue:
    """A min-queue of (negated mean, pair) entries, popped in the order a heap of those tuples
    would pop them: by value, ties by pair. On a large corpus hundreds of thousands of entries
    pass through, so the entries queued at the start wait in a sorted list (popped from its end)
    and only later ones go through a heap; and both hold bare floats, each value keeping its pairs
    aside, since comparing floats is several times cheaper than comparing tuples. A pair of node
    numbers below `nodes` is kept as one int that orders the same way, a third of a tuple's size."""

    def __init__(self, entries: Iterable[tuple[float, tuple[int, int]]], nodes: int) -> None:
        self._n = max(nodes, 1)
        self._pairs: dict[float, list[int]] = {}  # value -> its pairs, a heap
        for value, (x, y) in entries:
            self._pairs.setdefault(value, []).append(x * self._n + y)
        self._first = sorted((value for value, pairs in self._pairs.items() for _ in pairs), reverse=True)
        self._later: list[float] = []  # a heap
        for pairs in self._pairs.values():
            if len(pairs) > 1:
                heapq.heapify(pairs)

    def __bool__(self) -> bool:
        return bool(self._first or self._later)

    def push(self, value: float, pair: tuple[int, int]) -> None:
        code = pair[0] * self._n + pair[1]
        pairs = self._pairs.get(value)
        if pairs is None:
            self._pairs[value] = [code]
        else:
            heapq.heappush(pairs, code)
        heapq.heappush(self._later, value)

    def pop(self) -> tuple[float, tuple[int, int]]:
        first, later = self._first, self._later
        value = first.pop() if first and (not later or first[-1] <= later[0]) else heapq.heappop(later)
        pairs = self._pairs[value]
        code = heapq.heappop(pairs)
        if not pairs:
            del self._pairs[value]
        return value, divmod(code, self._n)
