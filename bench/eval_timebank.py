"""Score temporal resolution on TimeBank and AQUAINT (TempEval-3 TBAQ-cleaned), and time it on Reuters.

    .venv/bin/python bench/eval_timebank.py [--corpus TimeBank|AQUAINT|both] [--errors N]
                                            [--top K] [--no-speed] [--no-save]

The contract:

- Each `.tml` file under ../shared/data/tempeval3/TBAQ-cleaned/{TimeBank,AQUAINT} is read as
  XML; the document text is the character content of <TEXT> with the markup removed, so gold
  TIMEX3 offsets point into exactly the text `find` sees.
- The anchor is the document creation time: the TIMEX3 with functionInDocument="CREATION_TIME"
  (its date part). `temporal.find(text, anchor)` runs once on the whole text.
- Gold is every TIMEX3 of type DATE inside <TEXT>. A gold DATE is matched when one of our
  expressions overlaps it (the one with the largest overlap is compared); value accuracy is
  our value == gold value on matched DATEs (gold weeks written unpadded, "2000-W7", are read
  as "2000-W07"); end-to-end is correct values / all gold DATEs.
- Span precision: our expressions that overlap any gold TIMEX3 (DATE, TIME, DURATION or SET)
  over all of ours. TimeBank gold is not exhaustive, so this is a floor.
- Direction ablation: the same value accuracy with the clause cues switched off, placing
  underspecified phrases always backward, always forward, or nearest to the anchor.

TimeBank was used for tuning; AQUAINT is reported separately as held out.

Speed: words and expressions per CPU second of this process (one core) over every Reuters-21578
body, for `find(text, anchor)` and, in the same run, for a regex floor (one compiled alternation
of month names, weekdays, deictic words and four-digit numbers, no resolution).

Results go to bench/results/timebank.json. Only scores are written: nothing from the data is stored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import DATA, save, words_per_s  # noqa: E402
from briefing.analysis import temporal  # noqa: E402
from briefing.analysis.temporal import cues  # noqa: E402

TBAQ = DATA / "tempeval3" / "TBAQ-cleaned"


@dataclass
class Gold:
    start: int
    end: int
    type: str
    value: str


@dataclass
class Doc:
    name: str
    text: str
    anchor: dt.date
    timexes: list[Gold] = field(default_factory=list)


def read_tml(path: Path) -> Doc | None:
    root = ElementTree.parse(path).getroot()
    anchor = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            anchor = temporal.anchor_from(t.get("value"))
    body = root.find("TEXT")
    if body is None or anchor is None:
        return None
    pieces: list[str] = []
    timexes: list[Gold] = []
    pos = 0

    def walk(el):
        nonlocal pos
        start = pos
        if el.text:
            pieces.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3":
            timexes.append(Gold(start, pos, el.get("type", ""), el.get("value", "")))

    walk(body)
    return Doc(path.name, "".join(pieces), anchor, timexes)


def read_corpus(name: str) -> list[Doc]:
    return [d for d in (read_tml(p) for p in sorted((TBAQ / name).glob("*.tml"))) if d]


def best_overlap(g: Gold, ours: list) -> object | None:
    best, size = None, 0
    for t in ours:
        o = min(g.end, t.end) - max(g.start, t.start)
        if o > size:
            best, size = t, o
    return best


_UNPADDED_WEEK = re.compile(r"^(\d{4}-W)(\d)(\b|-)")


def _padded_week(value: str) -> str:
    """Gold sometimes writes ISO weeks unpadded ("2000-W7"); TimeML's own form is "2000-W07"."""
    return _UNPADDED_WEEK.sub(r"\g<1>0\2\3", value)


def score(docs: list[Doc]) -> tuple[dict, list]:
    n_gold = matched = correct = ours_n = ours_hit = 0
    errors = []
    for doc in docs:
        ours = temporal.find(doc.text, doc.anchor)
        ours_n += len(ours)
        ours_hit += sum(any(min(g.end, t.end) > max(g.start, t.start) for g in doc.timexes) for t in ours)
        for g in doc.timexes:
            if g.type != "DATE":
                continue
            n_gold += 1
            t = best_overlap(g, ours)
            if t is None:
                errors.append(("missed", doc, g, None))
                continue
            matched += 1
            if t.value == _padded_week(g.value):
                correct += 1
            else:
                errors.append(("wrong", doc, g, t))
    result = {
        "documents": len(docs), "gold_dates": n_gold, "matched": matched, "correct": correct,
        "span_recall": round(matched / n_gold, 4) if n_gold else None,
        "value_accuracy_matched": round(correct / matched, 4) if matched else None,
        "end_to_end_accuracy": round(correct / n_gold, 4) if n_gold else None,
        "ours": ours_n, "span_precision": round(ours_hit / ours_n, 4) if ours_n else None,
    }
    return result, errors


def ablation(docs: list[Doc]) -> dict:
    """Value accuracy on matched DATEs with the direction forced (cues off) or the default changed."""
    out = {}
    real_direction, real_default = cues.Reader.direction, cues.DEFAULT
    try:
        for policy in ("backward", "forward", "none"):
            cues.Reader.direction = lambda self, start, end, p=policy: (p, True)
            out[f"always_{policy}"] = score(docs)[0]["value_accuracy_matched"]
        cues.Reader.direction = real_direction
        for policy in ("backward", "forward", "none"):
            cues.DEFAULT = policy
            out[f"cues_default_{policy}"] = score(docs)[0]["value_accuracy_matched"]
    finally:
        cues.Reader.direction, cues.DEFAULT = real_direction, real_default
    return out


def context(doc: Doc, start: int, end: int, width: int = 60) -> str:
    left = doc.text[max(0, start - width):start]
    right = doc.text[end:end + width]
    return f"{left}[[{doc.text[start:end]}]]{right}".replace("\n", " ")


def report_errors(errors: list, n: int, top: int, seed: int) -> None:
    if top:
        print(f"\n== top {top} errors (kind, gold text, gold value, our value) ==")
        c = Counter((k, d.text[g.start:g.end].lower(), g.value if k == "missed" else f"{g.value} got {t.value}")
                    for k, d, g, t in errors)
        for (k, s, v), cnt in c.most_common(top):
            print(f"{cnt:4d}  {k:6} {s!r:32} {v}")
    if n:
        print(f"\n== {n} sample errors ==")
        for k, d, g, t in random.Random(seed).sample(errors, min(n, len(errors))):
            got = f"got {t.text!r}={t.value} ({t.direction})" if t else "missed"
            print(f"{k:6} dct={d.anchor} gold={g.value:12} {got}: {context(d, g.start, g.end)}")


_FLOOR = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tomorrow"
    r"|(?:1\d|20)\d\d)\b")


def speed() -> dict | None:
    files = sorted((DATA / "reuters21578").glob("reut2-*.sgm"))
    if not files:
        print(f"speed skipped: Reuters-21578 not found under {DATA}/reuters21578")
        return None
    from briefing.ingest.pipeline import read_path
    from briefing.ingest.record import Record

    stories = []
    for f in files:
        stories.extend((r.text, temporal.anchor_from(r.published))
                       for r in read_path(f) if isinstance(r, Record) and r.text.strip())
    texts = [t for t, _ in stories]
    anchors = dict(stories)
    for t in texts[:50]:
        temporal.find(t, anchors[t])
    found = [0]

    def run(text):
        found[0] += len(temporal.find(text, anchors[text]))

    floor_found = [0]

    def floor(text):
        floor_found[0] += sum(1 for _ in _FLOOR.finditer(text))

    words = sum(len(t.split()) for t in texts)
    c0 = time.process_time()
    wps = words_per_s(texts, run)
    cpu = time.process_time() - c0
    floor_wps = words_per_s(texts, floor)
    return {"stories": len(texts), "words": words, "cpu_seconds": round(cpu, 2),
            "words_per_second": round(wps), "expressions": found[0],
            "expressions_per_second": round(found[0] / cpu),
            "regex_floor_words_per_second": round(floor_wps), "regex_floor_hits": floor_found[0],
            "slowdown_vs_floor": round(floor_wps / wps, 1)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", choices=("TimeBank", "AQUAINT", "both"), default="both")
    ap.add_argument("--errors", type=int, default=0, help="print N sample errors")
    ap.add_argument("--top", type=int, default=0, help="print the K most frequent errors")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args(argv)
    if not TBAQ.is_dir():
        print(f"skipped: TimeBank/AQUAINT not found under {TBAQ}")
        return 0
    names = ("TimeBank", "AQUAINT") if args.corpus == "both" else (args.corpus,)
    result: dict = {"role": {"TimeBank": "tuning", "AQUAINT": "held out"}}
    print(f"{'corpus':9} {'docs':>5} {'DATEs':>6} {'recall':>7} {'value acc':>9} {'end-to-end':>10} "
          f"{'precision':>9}")
    for name in names:
        docs = read_corpus(name)
        r, errors = score(docs)
        r["direction_ablation"] = ablation(docs)
        result[name] = r
        print(f"{name:9} {r['documents']:5} {r['gold_dates']:6} {r['span_recall']:7.3f} "
              f"{r['value_accuracy_matched']:9.3f} {r['end_to_end_accuracy']:10.3f} {r['span_precision']:9.3f}")
        print(f"          direction ablation (value accuracy): {r['direction_ablation']}")
        if args.errors or args.top:
            report_errors(errors, args.errors, args.top, args.seed)
    if not args.no_speed:
        s = speed()
        if s:
            result["speed"] = s
            print(f"\nReuters-21578: {s['stories']} stories, {s['words']} words in {s['cpu_seconds']} CPU s: "
                  f"{s['words_per_second']} words/s, {s['expressions_per_second']} expressions/s "
                  f"({s['expressions']} found); regex floor {s['regex_floor_words_per_second']} words/s "
                  f"(the floor is {s['slowdown_vs_floor']}x faster)")
    if not args.no_save and args.corpus == "both":
        out = save("timebank", result)
        print(f"written {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
