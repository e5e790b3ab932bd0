"""Score an entity proposer on CoNLL-2003 (span-exact precision, recall and F1 for PER, ORG, LOC).

    .venv/bin/python bench/eval_conll.py [--extractor rules|spacy|pipeline|spacy-pipeline]
                                         [--split valid|train]
                                         [--errors N] [--top K] [--seed S]

The contract (the same as the independent evaluation's):

- The IOB file is read as documents (split at `-DOCSTART-`) of sentences (split at blank lines).
- A document's text is its tokens joined with single spaces, and its sentences joined with "\\n".
- The extractor runs on the whole document text; each predicted character span is mapped to the
  tokens it overlaps.
- `pipeline` scores what the application keeps: the rules, then the resolution layer
  (`extract.extract`); `spacy-pipeline` the same with the spaCy proposer (spacy+rules).
- Types: PERSON -> PER, ORG -> ORG, GPE and LOC -> LOC. Gold MISC is not scored, but a predicted
  span that gold has as MISC, or as nothing, is a false positive. A span is correct only when its
  tokens and its type both match a gold PER/ORG/LOC entity exactly.

Words per second counts the document tokens over the extractor's own time (sentence split and
proposal), on one core, after one warm-up document: wall-clock, and CPU time (steadier on a
shared machine). Results go to bench/results/conll_<extractor>_<split>.json.

Only the scores are written out: nothing from the CoNLL data is stored or shipped.
"""

from __future__ import annotations

import argparse
import bisect
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import DATA, save  # noqa: E402

SCORED = ("PER", "ORG", "LOC")
TYPE_MAP = {"PERSON": "PER", "PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


@dataclass
class Document:
    sentences: list[list[str]] = field(default_factory=list)
    tags: list[list[str]] = field(default_factory=list)
    text: str = ""
    starts: list[int] = field(default_factory=list)  # char offset of each token (document order)
    ends: list[int] = field(default_factory=list)
    gold: set = field(default_factory=set)  # (first token, last token + 1, type) incl. MISC
    token_sentence: list[int] = field(default_factory=list)


def read_conll(path: Path) -> list[Document]:
    docs: list[Document] = []
    doc: Document | None = None
    tokens: list[str] = []
    tags: list[str] = []

    def flush_sentence():
        nonlocal tokens, tags, doc
        if tokens:
            if doc is None:
                doc = Document()
                docs.append(doc)
            doc.sentences.append(tokens)
            doc.tags.append(tags)
        tokens, tags = [], []

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                flush_sentence()
                continue
            parts = line.split()
            if parts[0] == "-DOCSTART-":
                flush_sentence()
                doc = Document()
                docs.append(doc)
                continue
            tokens.append(parts[0])
            tags.append(parts[-1])
    flush_sentence()
    docs = [d for d in docs if d.sentences]
    for d in docs:
        build(d)
    return docs


def build(doc: Document) -> None:
    pieces = []
    pos = 0
    index = 0
    for s, (tokens, tags) in enumerate(zip(doc.sentences, doc.tags)):
        if s:
            pieces.append("\n")
            pos += 1
        current = None  # (start token, type)
        for i, (tok, tag) in enumerate(zip(tokens, tags)):
            if i:
                pieces.append(" ")
                pos += 1
            doc.starts.append(pos)
            pieces.append(tok)
            pos += len(tok)
            doc.ends.append(pos)
            doc.token_sentence.append(s)
            prefix, _, typ = tag.partition("-")
            if current and (prefix in ("O", "B") or typ != current[1]):
                doc.gold.add((current[0], index, current[1]))
                current = None
            if prefix in ("B", "I") and current is None:
                current = (index, typ)
            index += 1
        if current:
            doc.gold.add((current[0], index, current[1]))
    doc.text = "".join(pieces)


def to_tokens(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    """The tokens a character span overlaps, as (first, last + 1)."""
    first = bisect.bisect_right(doc.ends, start)  # first token ending after start
    last = bisect.bisect_left(doc.starts, end)  # tokens starting before end
    if first >= last:
        return None
    return first, last


# -- extractors: text -> [(start, end, type)] -----------------------------------------------------

def rules_extractor():
    from briefing.analysis.actors import rules, sentences

    def run(text: str):
        sents = sentences.split(text)
        return [(m.start, m.end, m.type) for m in rules.propose(text, sents)]

    return run


def spacy_extractor():
    """The project's spaCy proposer when it is installed, else en_core_web_sm's own entities."""
    try:
        import spacy
    except ImportError:
        raise SystemExit("spaCy is not installed (pip install spacy en_core_web_sm)")
    try:
        from briefing.analysis.actors import sentences, spacy_proposer

        def run(text: str):
            return [(m.start, m.end, m.type) for m in spacy_proposer.propose(text, sentences.split(text))]

        return run
    except ImportError:
        pass
    nlp = spacy.load("en_core_web_sm", disable=["lemmatizer"])
    keep = {"PERSON", "ORG", "GPE", "LOC"}

    def run(text: str):
        return [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents if e.label_ in keep]

    return run


def pipeline_extractor():
    """rules, then the resolution layer (extract.extract): what the application stores."""
    from briefing.analysis.actors import extract

    def run(text: str):
        return [(m.start, m.end, m.type) for m in extract.extract(text, "rules").mentions]

    return run


def spacy_pipeline_extractor():
    """spacy+rules, then the resolution layer: what the application stores with briefing[ner]."""
    from briefing.analysis.actors import extract

    def run(text: str):
        return [(m.start, m.end, m.type) for m in extract.extract(text, "spacy+rules").mentions]

    return run


EXTRACTORS = {"rules": rules_extractor, "spacy": spacy_extractor, "pipeline": pipeline_extractor,
              "spacy-pipeline": spacy_pipeline_extractor}


# -- scoring --------------------------------------------------------------------------------------

def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def context(doc: Document, a: int, b: int, width: int = 60) -> str:
    s = doc.starts[a]
    e = doc.ends[b - 1]
    line_start = doc.text.rfind("\n", 0, s) + 1
    line_end = doc.text.find("\n", e)
    line_end = len(doc.text) if line_end < 0 else line_end
    left = doc.text[max(line_start, s - width):s]
    right = doc.text[e:min(line_end, e + width)]
    return f"{left}[[{doc.text[s:e]}]]{right}".replace("\n", " / ")


def evaluate(docs: list[Document], run, errors: int = 0, top: int = 0, seed: int = 0) -> dict:
    counts = {t: [0, 0, 0] for t in SCORED}  # tp, fp, fn
    fps, fns = [], []
    elapsed = cpu = 0.0
    words = 0
    for d, doc in enumerate(docs):
        words += len(doc.starts)
        t0, c0 = time.perf_counter(), time.process_time()
        predicted = run(doc.text)
        elapsed += time.perf_counter() - t0
        cpu += time.process_time() - c0
        pred = set()
        for start, end, typ in predicted:
            span = to_tokens(doc, start, end)
            if span is None:
                continue
            pred.add((span[0], span[1], TYPE_MAP.get(typ, typ)))
        gold = {g for g in doc.gold if g[2] in SCORED}
        gold_any = {(a, b): t for a, b, t in doc.gold}
        for g in gold:
            if g in pred:
                counts[g[2]][0] += 1
            else:
                counts[g[2]][2] += 1
                got = [p[2] for p in pred if p[:2] == g[:2]]
                fns.append((d, g, got[0] if got else None))
        for p in pred:
            if p not in gold:
                t = p[2] if p[2] in counts else "ORG"
                counts[t][1] += 1
                fps.append((d, p, gold_any.get(p[:2])))
    per_type = {t: prf(*counts[t]) for t in SCORED}
    overall = prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    result = {"overall": overall, "per_type": per_type, "documents": len(docs), "words": words,
              "seconds": round(elapsed, 3), "words_per_second": round(words / elapsed) if elapsed else None,
              "cpu_seconds": round(cpu, 3), "cpu_words_per_second": round(words / cpu) if cpu else None}
    if errors or top:
        report_errors(docs, fps, fns, errors, top, seed)
    return result


def report_errors(docs, fps, fns, n, top, seed):
    rng = random.Random(seed)

    def text(d, a, b):
        doc = docs[d]
        return doc.text[doc.starts[a]:doc.ends[b - 1]]

    if top:
        print(f"\n== top {top} false positives (predicted type, gold label or -) ==")
        c = Counter((text(d, p[0], p[1]), p[2], gl or "-") for d, p, gl in fps)
        for (s, t, gl), k in c.most_common(top):
            print(f"{k:4d}  {s!r:40} {t:4} gold={gl}")
        print(f"\n== top {top} false negatives (gold type, predicted type on the same span or -) ==")
        c = Counter((text(d, g[0], g[1]), g[2], got or "-") for d, g, got in fns)
        for (s, t, got), k in c.most_common(top):
            print(f"{k:4d}  {s!r:40} {t:4} got={got}")
        kinds = Counter()
        for d, p, gl in fps:
            kinds["FP " + ("wrong type, gold " + gl if gl else "no such gold span")] += 1
        for d, g, got in fns:
            kinds["FN " + ("typed " + got if got else "span missed")] += 1
        print("\n== error kinds ==")
        for k, v in kinds.most_common():
            print(f"{v:5d}  {k}")
    if n:
        print(f"\n== {n} sample false positives ==")
        for d, p, gl in rng.sample(fps, min(n, len(fps))):
            print(f"FP {p[2]:4} (gold {gl or '-'}): {context(docs[d], p[0], p[1])}")
        print(f"\n== {n} sample false negatives ==")
        for d, g, got in rng.sample(fns, min(n, len(fns))):
            print(f"FN {g[2]:4} (got {got or '-'}): {context(docs[d], g[0], g[1])}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extractor", choices=sorted(EXTRACTORS), default="rules")
    ap.add_argument("--split", choices=("valid", "train", "test"), default="valid")
    ap.add_argument("--data", type=Path, default=DATA / "conll2003")
    ap.add_argument("--errors", type=int, default=0, help="print N sample false positives and negatives")
    ap.add_argument("--top", type=int, default=0, help="print the K most frequent error strings")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args(argv)
    path = args.data / f"{args.split}.txt"
    if not path.exists():
        raise SystemExit(f"CoNLL-2003 {args.split} split not found: {path}")
    docs = read_conll(path)
    run = EXTRACTORS[args.extractor]()
    run(docs[0].text)  # warm caches (gazetteer load) outside the timing
    result = evaluate(docs, run, args.errors, args.top, args.seed)
    result.update({"extractor": args.extractor, "split": args.split})
    o = result["overall"]
    print(f"\n{args.extractor} on CoNLL-2003 {args.split}: {result['documents']} documents, "
          f"{result['words']} words, {result['words_per_second']} words/s "
          f"({result['cpu_words_per_second']} words per CPU second)")
    print(f"{'type':8} {'P':>7} {'R':>7} {'F1':>7} {'tp':>6} {'fp':>6} {'fn':>6}")
    for t, r in [*result["per_type"].items(), ("overall", o)]:
        print(f"{t:8} {r['precision']:7.3f} {r['recall']:7.3f} {r['f1']:7.3f} {r['tp']:6} {r['fp']:6} {r['fn']:6}")
    if not args.no_save:
        out = save(f"conll_{args.extractor}_{args.split}", result)
        print(f"written {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
