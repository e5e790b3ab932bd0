"""Analysing many articles on every core.

Analysis is pure Python and a pure function of each article, so worker processes scale it with
the cores (the GIL rules out threads). Workers are forked after the gazetteer (and the spaCy
model, when it is the extractor) are loaded, so those are shared copy-on-write rather than loaded
once per worker. Results come back in input order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from briefing.analysis.actors.extract import SPACY, best
from briefing.analysis.actors.gazetteer import gazetteer
from briefing.analysis.document import DocumentAnalysis, analyse_document

MIN_PARALLEL = 200  # below this, starting workers costs more than it saves


def _one(item: tuple[int, str, str | None, str, str]) -> tuple[int, DocumentAnalysis]:
    key, text, published, title, extractor = item
    result = analyse_document(text, published, extractor, title)
    result.extraction.text = ""  # the caller has the text; don't pickle it back
    return key, result


def analyse_many(items: Sequence[tuple[int, str, str | None, str]], extractor: str = "auto",
                 workers: int | None = None) -> Iterator[tuple[int, DocumentAnalysis]]:
    """(id, text, published, title) in, (id, DocumentAnalysis) out, in input order."""
    workers = workers or os.cpu_count() or 1
    jobs = ((key, text, published, title, extractor) for key, text, published, title in items)
    if workers < 2 or len(items) < MIN_PARALLEL or \
            "fork" not in multiprocessing.get_all_start_methods():
        yield from map(_one, jobs)
        return
    gazetteer().load_all()  # before forking: workers inherit the loaded tables
    if (best() if extractor == "auto" else extractor) == SPACY:
        from briefing.analysis.actors import spacy_proposer

        spacy_proposer.nlp()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_one, jobs, chunksize=32)
