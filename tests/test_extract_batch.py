"""Parallel extraction gives exactly what sequential extraction gives, in input order."""

from briefing.analysis.actors import batch

TEXTS = [
    "Mexican Foreign Minister Luis Videgaray visited St. Lucia before Jamaica.",
    "U.S. Secretary of State Rex Tillerson said the OAS vote failed.",
    "Nothing here.",
    "Venezuelan President Nicolas Maduro spoke in Caracas.",
] * 3


def summary(results):
    return [(key, [(m.start, m.end, m.type, m.actor) for m in ext.mentions],
             sorted((a.name, a.type, a.country) for a in ext.actors)) for key, ext in results]


def test_workers_match_sequential_in_order(monkeypatch):
    items = list(enumerate(TEXTS))
    sequential = summary(batch.extract_many(items, "rules", workers=1))
    monkeypatch.setattr(batch, "MIN_PARALLEL", 1)
    parallel = summary(batch.extract_many(items, "rules", workers=2))
    assert parallel == sequential
    assert [key for key, _, _ in parallel] == list(range(len(TEXTS)))
    assert ("Luis Videgaray", "PERSON", "Mexico") in sequential[0][2]
