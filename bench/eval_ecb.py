"""Same-event links on ECB+ (topics 1-35): pairwise precision, recall and F1 of `same_event`.

    .venv/bin/python bench/eval_ecb.py [--topics 1-35] [--errors] [--reuters]

The contract (the same as the independent evaluation's, which runs topics 36-45):

- Each ECB+ document becomes an article: tokens rejoined into sentences, one per line ("Calif . ,"
  reads "Calif.,", "4 : 59" reads "4:59"); a leading URL line is taken out as the article's URL; a
  headline (a short first line without a final stop) becomes the title; a page's date line
  ("First Published: June 13, 2013 4:59 PM EDT") becomes the publication date. The ECB half
  (2008 stories) has neither, the ECB+ half often has both: nothing scores a date's presence,
  only two dates that are both there.
- `same_event.link` runs once over ALL documents together, so a link across topics counts.
- Gold: two documents report the same event when they share the topic and the half (`T_Necb` or
  `T_Necbplus`). Scores are pairwise over the documents of the topics being scored.
- Held out: the two thresholds (subject grouping, event) are tuned on the odd topics and scored on
  the even ones, and the reverse, from the same runs. The baseline, TF-IDF cosine of title and
  body with a threshold tuned on the same tuning topics, is measured in the same run.
- The defaults are also run on a corpus of only the odd topics, only the even ones, and one topic
  at a time, since the held-out evaluation sees ten topics and no others.

Also reported: candidate pairs from blocking against all pairs (and how many gold pairs they
keep), milliseconds per document for profiles (actor extraction included) and for linking.
`--reuters` times profiles and linking for all of Reuters-21578 (extraction done beforehand, as
at ingest). `--store` also ingests every document through `briefing`'s own pipeline (JSONL with
title, text, date and URL) into a temporary database and scores the `same_event` links the store
keeps after its gate (`analysis/links/same_event_gate.py`), as `briefing links --json` shows them.
Results go to bench/results/ecb_same_event.json; nothing from ECB+ is kept.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import DATA, save  # noqa: E402
from briefing.analysis.links import same_event as se  # noqa: E402

ECB = DATA / "ecbplus" / "ECB+"


@dataclass
class Article:
    doc_id: str  # "20_3ecbplus"
    topic: int
    half: str  # "ecb" or "ecbplus": which of the topic's two seminal events
    title: str
    date: date | None
    url: str
    text: str

    @property
    def event(self) -> tuple[int, str]:
        return self.topic, self.half


# -- tokens -> readable text ----------------------------------------------------------------------

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "''", "'s", "’s", "n't", "'re", "'ll",
                    "'ve", "'m", "'d", "’", "”"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "“", "#"}
_QUOTES = {"``": "\u201c", "''": "\u201d"}


def _inner(tok: str, prev: str, nxt: str) -> bool:
    """ECB+ splits times, dates, decimals and hyphenated words (4 : 59, 05 / 02, a . m ., court - run)."""
    if tok == ":" or tok == ".":
        return (prev[-1:].isdigit() and nxt[:1].isdigit()) or (tok == "." and len(prev) == 1 and prev.isalpha()
                                                               and len(nxt) == 1 and nxt.isalpha())
    if tok in {"/", "-"}:
        return prev[-1:].isalnum() and nxt[:1].isalnum()
    if tok in {"'", "’"}:  # movie’ s, doesn’ t
        return prev[-1:].isalpha() and nxt in {"s", "t", "re", "ll", "ve", "m", "d"}
    return False


def detokenize(tokens: list[str]) -> str:
    """Tokens of one sentence as text a person would write ("Calif . ," -> "Calif.,")."""
    out: list[str] = []
    glued = True  # the next token takes no space before it
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        inner = _inner(tok, prev, nxt)
        if not glued and not inner and tok not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(_QUOTES.get(tok, tok))
        glued = inner or tok in _NO_SPACE_AFTER
    return "".join(out)


# -- ECB+ XML -> articles -------------------------------------------------------------------------

_MONTHS = {m: i + 1 for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
     ("nov", "november"), ("dec", "december")]) for m in names}
_MON = r"(?P<mon>[A-Za-z]{3,9})\.?"
_DATE_PATTERNS = [
    re.compile(rf"\b{_MON},?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON},?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mm>\d\d)-(?P<day>\d\d)\b"),
    re.compile(r"\b(?P<mm>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)?\d\d)\b"),
]
def find_date(line: str) -> tuple[date, str] | None:
    """The first date in `line`, with what the line says besides it."""
    for pattern in _DATE_PATTERNS:
        m = pattern.search(line)
        if not m:
            continue
        g = m.groupdict()
        month = int(g["mm"]) if g.get("mm") else _MONTHS.get(g["mon"].lower())
        year = int(g["year"])
        year += 2000 if year < 100 else 0
        try:
            return (date(year, month, int(g["day"])), line[:m.start()] + line[m.end():]) if month else None
        except ValueError:
            continue
    return None


def _date_line(line: str) -> date | None:
    """The date of a page's dateline ("First Published: June 13, 2013 4:59 PM EDT"), not of a sentence."""
    found = find_date(line)
    return found[0] if found and len(re.findall(r"[A-Za-z]{4,}", found[1])) <= 3 else None


def _is_title(line: str) -> bool:
    return 2 <= len(line.split()) <= 20 and not line.rstrip("\"'”’ ").endswith((".", "!", "?", ",", ";"))


def read_document(path: Path) -> Article:
    """One ECB+ file as an article: URL line out, publication date and headline detected."""
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
    lines = [detokenize(sentences[s]) for s in sorted(sentences)]
    url = ""
    if lines and re.match(r"(?i)(https?:|www\.)", lines[0]):
        url = lines.pop(0).replace(" ", "")
    title, published = "", None
    for i, line in enumerate(lines[:4]):  # a web page's header: headline and date line, either order
        if published is None and _date_line(line):
            published = _date_line(line)
            lines[i] = ""
    while lines and not lines[0]:
        lines.pop(0)
    if lines and _is_title(lines[0]):
        title = lines.pop(0)
    body = [line for line in lines if line]
    name = path.stem
    m = re.match(r"(\d+)_(\d+)(ecbplus|ecb)$", name)
    return Article(name, int(m.group(1)), m.group(3), title, published, url, "\n".join(body))


def load(topics: set[int], root: Path = ECB) -> list[Article]:
    files = [p for t in sorted(topics) for p in sorted((root / str(t)).glob("*.xml"), key=_order)]
    return [read_document(p) for p in files]


def _order(path: Path) -> tuple:
    m = re.match(r"(\d+)_(\d+)(ecbplus|ecb)$", path.stem)
    return (m.group(3), int(m.group(2))) if m else (path.stem, 0)


# -- scoring ---------------------------------------------------------------------------------------

Pair = tuple[str, str]


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def gold_pairs(articles: list[Article]) -> set[Pair]:
    by_event: dict[tuple[int, str], list[str]] = defaultdict(list)
    for a in articles:
        by_event[a.event].append(a.doc_id)
    return {_pair(x, y) for ids in by_event.values() for x, y in combinations(ids, 2)}


def prf(predicted: set[Pair], articles: list[Article], topics: set[int]) -> dict:
    """Pairwise scores over the documents of `topics` (a predicted pair counts when both ends are in)."""
    topic_of = {a.doc_id: a.topic for a in articles}
    inside = {p for p in predicted if topic_of[p[0]] in topics and topic_of[p[1]] in topics}
    gold = gold_pairs([a for a in articles if a.topic in topics])
    tp = len(inside & gold)
    p = tp / len(inside) if inside else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    cross = sum(1 for x, y in inside if topic_of[x] != topic_of[y])
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "predicted": len(inside),
            "gold": len(gold), "cross_topic_links": cross}


# -- the system and the baseline -------------------------------------------------------------------

def profiles_of(articles: list[Article]) -> tuple[list, float]:
    """EventProfiles (actor extraction included) and the seconds it took."""
    start = time.perf_counter()
    out = [se.profile(a.doc_id, a.text, a.title, a.date) for a in articles]
    return out, time.perf_counter() - start


def linked_pairs(profiles: list, **thresholds) -> set[Pair]:
    return {_pair(a, b) for a, b, _ in se.link(profiles, se.Stats(profiles), **thresholds)}


_TOKEN = re.compile(r"\w+")


def tfidf_cosines(articles: list[Article]) -> dict[Pair, float]:
    """The baseline: plain TF-IDF (sublinear tf, title + body, corpus idf) cosine of every pair.
    Quadratic on purpose: it is the reference, not the system."""
    bags = [Counter(_TOKEN.findall((a.title + "\n" + a.text).lower())) for a in articles]
    df = Counter(t for bag in bags for t in bag)
    n = len(bags)
    vectors = []
    for bag in bags:
        v = {t: (1 + math.log(c)) * math.log(n / df[t]) for t, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({t: x / norm for t, x in v.items() if x})
    out = {}
    for i, j in combinations(range(n), 2):
        a, b = vectors[i], vectors[j]
        if len(a) > len(b):
            a, b = b, a
        s = sum(x * b[t] for t, x in a.items() if t in b)
        if s > 0:
            out[_pair(articles[i].doc_id, articles[j].doc_id)] = s
    return out


def best_threshold(cosines: dict[Pair, float], articles: list[Article], topics: set[int]) -> float:
    """The cosine threshold with the best pairwise F1 on `topics` (all their pairs, cross-topic too)."""
    topic_of = {a.doc_id: a.topic for a in articles}
    gold = gold_pairs([a for a in articles if a.topic in topics])
    scored = sorted(((s, p in gold) for p, s in cosines.items()
                     if topic_of[p[0]] in topics and topic_of[p[1]] in topics), reverse=True)
    tp = fp = 0
    best, best_t = -1.0, 1.0
    for s, good in scored:
        tp += good
        fp += not good
        f = 2 * tp / (tp + fp + len(gold))
        if f > best:
            best, best_t = f, s
    return best_t


GRID = [(g, e) for g in (0.04, 0.05, 0.06) for e in (0.06, 0.065, 0.07, 0.075, 0.08, 0.09)]


def best_of(runs: dict, articles: list[Article], topics: set[int]) -> tuple[float, float]:
    """The (group, event) thresholds with the best F1 on `topics`; ties go to the default."""
    def key(ge):
        return prf(runs[ge], articles, topics)["f1"], -abs(ge[1] - se.EVENT_THRESHOLD) - abs(ge[0] - se.GROUP_THRESHOLD)
    return max(runs, key=key)


def clusters_by_topic(predicted: set[Pair], articles: list[Article], topics: set[int]) -> dict[int, str]:
    """Each topic's predicted events as 'ecb/ecbplus' counts: '10/0 0/11' is a perfect split."""
    parent = {a.doc_id: a.doc_id for a in articles}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in predicted:
        parent[find(a)] = find(b)
    groups: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        groups[find(a.doc_id)].append(a)
    out = {}
    for t in sorted(topics):
        parts = [g for g in groups.values() if any(a.topic == t for a in g)]
        parts.sort(key=lambda g: -len(g))
        out[t] = " ".join(f"{sum(a.half == 'ecb' for a in g if a.topic == t)}/"
                          f"{sum(a.half == 'ecbplus' for a in g if a.topic == t)}"
                          + ("+" if any(a.topic != t for a in g) else "") for g in parts)
    return out


def stored_links(articles: list[Article], topics: list[int], odd: set[int], even: set[int]) -> dict:
    """Ingest every document as an article and score the `same_event` links the store keeps."""
    import json
    import tempfile

    from briefing.store.corpus import Corpus

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "ecb.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for a in articles:
                out.write(json.dumps({"title": a.title, "text": a.text, "url": "ecb:" + a.doc_id,
                                      "date": a.date.isoformat() if a.date else None}) + "\n")
        start = time.perf_counter()
        corpus = Corpus.open(Path(tmp) / "ecb.db", seed=False)
        corpus.ingest([source])
        ingest_s = time.perf_counter() - start
        doc_of = {i: url[4:] for i, url in corpus.db.execute("SELECT id, url FROM articles")}
        rows = corpus.db.execute("SELECT source, target, diff FROM links WHERE type = 'same_event'").fetchall()
        copies = corpus.db.execute("SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL").fetchall()
        corpus.close()
    pairs = {_pair(doc_of[a], doc_of[b]) for a, b, _ in rows}
    strong = {_pair(doc_of[a], doc_of[b]) for a, b, d in rows if json.loads(d)["strength"] == "event"}
    # A republished copy is stored once, with a `duplicate` link: it reports what its original does.
    for found in (pairs, strong):
        for dup, original in copies:
            d, o = doc_of[dup], doc_of[original]
            found |= {_pair(d, o)} | {_pair(d, y if x == o else x) for x, y in list(found) if o in (x, y)}
    return {"ingest_with_analysis_s": round(ingest_s, 1), "all": prf(pairs, articles, set(topics)),
            "odd": prf(pairs, articles, odd), "even": prf(pairs, articles, even),
            "strength_event_only": prf(strong, articles, set(topics))}


def _topics(spec: str) -> set[int]:
    out: set[int] = set()
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        out.update(range(int(lo), int(hi or lo) + 1))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", default="1-35", help="topics to load (those present are used)")
    parser.add_argument("--errors", action="store_true", help="print each held-out topic's predicted events")
    parser.add_argument("--reuters", action="store_true", help="also time linking all of Reuters-21578")
    parser.add_argument("--store", action="store_true", help="also score the links the store keeps")
    args = parser.parse_args()
    if not ECB.exists():
        print(f"ECB+ not found under {ECB}: nothing to measure (see ../shared/data/README.md)")
        return
    articles = load(_topics(args.topics))
    topics = sorted({a.topic for a in articles})
    odd, even = {t for t in topics if t % 2}, {t for t in topics if not t % 2}
    n = len(articles)
    gold = gold_pairs(articles)
    print(f"{n} documents, {len(topics)} topics; {len(gold)} gold pairs of {n * (n - 1) // 2}")

    profiles, profile_s = profiles_of(articles)
    stats = se.Stats(profiles)
    start = time.perf_counter()
    candidates = {_pair(a, b) for a, b in se.candidates(profiles, stats)}
    candidate_s = time.perf_counter() - start
    start = time.perf_counter()
    default = {_pair(a, b) for a, b, _ in se.link(profiles, stats)}
    link_s = time.perf_counter() - start
    result = {
        "documents": n, "topics": topics,
        "speed": {"profile_ms_per_doc_incl_extraction": round(1000 * profile_s / n, 2),
                  "link_ms_per_doc": round(1000 * link_s / n, 2), "link_s": round(link_s, 2),
                  "candidates_s": round(candidate_s, 2)},
        "blocking": {"candidate_pairs": len(candidates), "all_pairs": n * (n - 1) // 2,
                     "fraction": round(len(candidates) / (n * (n - 1) / 2), 4),
                     "gold_pairs_among_candidates": round(len(candidates & gold) / len(gold), 4)},
        "defaults": {"group_threshold": se.GROUP_THRESHOLD, "event_threshold": se.EVENT_THRESHOLD,
                     "all": prf(default, articles, set(topics)), "odd": prf(default, articles, odd),
                     "even": prf(default, articles, even)},
    }

    # Held out: thresholds tuned on one half of the topics and scored on the other, read off the
    # same runs over ALL documents (so cross-topic links anywhere are counted); likewise the baseline.
    runs = {ge: linked_pairs(profiles, group_threshold=ge[0], threshold=ge[1]) for ge in GRID}
    cosines = tfidf_cosines(articles)
    held_out = {}
    for name, tuning, scored in (("tune_odd_score_even", odd, even), ("tune_even_score_odd", even, odd)):
        best = best_of(runs, articles, tuning)
        t = best_threshold(cosines, articles, tuning)
        baseline = {p for p, s in cosines.items() if s >= t}
        held_out[name] = {
            "thresholds": {"group": best[0], "event": best[1]},
            "same_event": prf(runs[best], articles, scored),
            "cross_topic_links_all_topics": prf(runs[best], articles, set(topics))["cross_topic_links"],
            "baseline_threshold": round(t, 4),
            "baseline_tfidf": prf(baseline, articles, scored),
            "baseline_cross_topic_links_all_topics": prf(baseline, articles, set(topics))["cross_topic_links"],
        }
        if args.errors:
            for topic, parts in clusters_by_topic(runs[best], articles, scored).items():
                print(f"  {name} topic {topic}: {parts}")
    result["held_out"] = held_out

    # Defaults again when the corpus is only some topics: the held-out evaluation sees ten topics.
    alone = {}
    for name, subset in (("odd_topics_alone", odd), ("even_topics_alone", even)):
        sub = [p for p, a in zip(profiles, articles) if a.topic in subset]
        alone[name] = prf(linked_pairs(sub), articles, subset)
    per_topic: set[Pair] = set()
    for t in topics:
        per_topic |= linked_pairs([p for p, a in zip(profiles, articles) if a.topic == t])
    alone["each_topic_alone"] = prf(per_topic, articles, set(topics))
    result["corpus_is_a_subset"] = alone
    if args.reuters:
        result["reuters"] = reuters_scale()
    if args.store:
        result["stored"] = stored_links(articles, topics, odd, even)
        print("stored same_event links (all topics, gated):", result["stored"]["all"])

    for name, r in held_out.items():
        s, b = r["same_event"], r["baseline_tfidf"]
        print(f"{name} (group {r['thresholds']['group']}, event {r['thresholds']['event']}): same_event "
              f"P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}, cross-topic links "
              f"{r['cross_topic_links_all_topics']} | TF-IDF baseline F1 {b['f1']:.3f} (threshold "
              f"{r['baseline_threshold']}, cross-topic links {r['baseline_cross_topic_links_all_topics']})")
    d = result["defaults"]["all"]
    print(f"defaults on all topics: P {d['precision']:.3f} R {d['recall']:.3f} F1 {d['f1']:.3f}, "
          f"cross-topic links {d['cross_topic_links']}")
    for name, r in alone.items():
        print(f"defaults, {name.replace('_', ' ')}: P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f}")
    b = result["blocking"]
    print(f"candidates {b['candidate_pairs']} of {b['all_pairs']} pairs ({100 * b['fraction']:.1f}%), "
          f"{100 * b['gold_pairs_among_candidates']:.1f}% of gold pairs among them; "
          f"profile {result['speed']['profile_ms_per_doc_incl_extraction']} ms/doc with extraction, "
          f"link {result['speed']['link_ms_per_doc']} ms/doc")
    if args.reuters:
        print("reuters:", result["reuters"])
    print(f"saved {save('ecb_same_event', result)}")


def reuters_scale() -> dict:
    """Wall and CPU seconds to link all of Reuters-21578, extraction done beforehand (as at ingest)."""
    from bench.common import reuters_files
    from briefing.analysis.actors.extract import extract
    from briefing.ingest.pipeline import read_path
    from briefing.ingest.record import Record

    records = [r for f in reuters_files() for r in read_path(f) if isinstance(r, Record)]
    extractions = [extract(r.text, "rules") for r in records]
    wall, cpu = time.perf_counter(), time.process_time()
    profiles = [se.profile(str(i), r.text, r.title or "", _day(r.published), e)
                for i, (r, e) in enumerate(zip(records, extractions))]
    profile_wall, profile_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    stats = se.Stats(profiles)
    links = se.link(profiles, stats)
    link_wall, link_cpu = time.perf_counter() - wall, time.process_time() - cpu
    linked = {x for a, b, _ in links for x in (a, b)}
    return {"articles": len(records), "profile_s": round(profile_wall, 1), "profile_cpu_s": round(profile_cpu, 1),
            "link_s": round(link_wall, 1), "link_cpu_s": round(link_cpu, 1), "links": len(links),
            "articles_linked": round(len(linked) / len(records), 3),
            "links_scoring_0.3_or_more": sum(1 for *_, x in links if x.score >= 0.3)}


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


if __name__ == "__main__":
    main()
