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

    def mean(x: int, y: int) -> float:
        return between[x][y] / (len(members[x]) * len(members[y]))

    def cohesion(x: int) -> float:
        n = len(members[x])
        return inside[x] / (n * (n - 1) / 2)

    # Only pairs already at the threshold are queued: a pair's mean changes only when one side
    # merges, and then it is recomputed and queued if it has reached the threshold.
    heap = [(-m, x, y) for x in between for y in between[x] if x < y and (m := mean(x, y)) >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, x, y = heapq.heappop(heap)
        if x not in members or y not in members or y not in between[x]:
            continue  # one side was merged away since this entry was pushed
        value = mean(x, y)
        if abs(value + negative) > 1e-12:
            continue  # stale: the groups grew; a fresh entry is in the heap
        if value < threshold:
            break
        tight = [cohesion(z) for z in (x, y) if len(members[z]) > 1]
        if contrast and tight and value < contrast * min(tight):
            continue  # a tight group and a loosely related one (or article): two events of one kind
        inside[x] += inside.pop(y) + between[x][y]
        members[x].extend(members.pop(y))
        for z, w in between.pop(y).items():
            if z == x:
                continue
            del between[z][y]
            between[x][z] = between[x].get(z, 0.0) + w
            between[z][x] = between[x][z]
        between[x].pop(y, None)
        for z in between[x]:
            m = mean(x, z)
            if m >= threshold:
                heapq.heappush(heap, (-m, min(x, z), max(x, z)))
    return [[names[i] for i in group] for group in members.values()]
