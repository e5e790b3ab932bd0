"""Why two articles were linked: the sentence pairs that share the most, and a one-line reason.

Both are read off the features the two articles share, weighted by how rare they are in the whole
corpus: a shared name that few stories carry is what a reader should see first.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

MAX_EVIDENCE = 2
MAX_REASONS = 4  # kinds of specifics named in a reason
TOP_SHARED = 16  # the shared features an explanation looks at
_KIND_LABEL = {"p": "same people", "o": "same organisation", "g": "same place", "d": "same date",
               "md": "same date", "wd": "same day", "y": "same year"}


def shared_weights(wa: dict[str, float], wb: dict[str, float]) -> dict[str, float]:
    """The heaviest features two weighted profiles share, with the product of their weights."""
    shared = {k: wa[k] * wb[k] for k in wa.keys() & wb.keys()}
    if len(shared) > TOP_SHARED:
        shared = dict(heapq.nlargest(TOP_SHARED, shared.items(), key=lambda kv: kv[1]))
    return shared


def evidence(a, b, shared: dict[str, float]) -> list[tuple[int, int, int, int]]:
    """Up to MAX_EVIDENCE (a sentence, b sentence) character spans, best first, each sentence used once."""
    pairs: dict[tuple[int, int], float] = defaultdict(float)
    for key, w in shared.items():
        for i in a.places.get(key, ()):
            for j in b.places.get(key, ()):
                pairs[(i, j)] += w
    out: list[tuple[int, int, int, int]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for (i, j), _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        if i in used_a or j in used_b or i >= len(a.sentences) or j >= len(b.sentences):
            continue
        used_a.add(i)
        used_b.add(j)
        out.append((*a.sentences[i], *b.sentences[j]))
        if len(out) == MAX_EVIDENCE:
            break
    return out


def reason(a, b, shared: dict[str, float], days: int | None = None) -> str:
    """'same place (Lake County), same day (Sunday), 4.7 in both' from the heaviest shared specifics."""
    by_label: dict[str, list[str]] = {}
    said: list[str] = []
    words: list[str] = []
    for key, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
        prefix = key[: key.index(":")]
        shown = a.surface.get(key) or b.surface.get(key) or key[len(prefix) + 1:]
        if prefix == "w":
            if len(words) < 3 and not any(shown.lower() in s for s in said):
                words.append(shown.lower())
            continue
        low, label = shown.lower(), _label(a, b, key, prefix)
        if any(low in s for s in said) or (len(by_label) >= MAX_REASONS and label not in by_label):
            continue  # "Reid" after "Tara Reid" says nothing new
        said.append(low)
        if len(by_label.get(label, ())) < 2:
            by_label.setdefault(label, []).append(shown)
    parts = []
    for label, shown in by_label.items():
        parts.append(f"{' and '.join(shown)} in both" if label == "numbers" else f"{label} ({', '.join(shown)})")
    if days is not None and days <= 3:
        parts.append("published the same day" if days == 0 else f"published {days} day{'s' * (days > 1)} apart")
    if words:
        parts.append("shared words: " + ", ".join(words))
    return ", ".join(parts) if parts else "similar wording"


def _label(a, b, key: str, prefix: str) -> str:
    if prefix in ("n", "c"):
        return "numbers"
    return _KIND_LABEL.get(a.kinds.get(key) or b.kinds.get(key) or prefix, "both name")
