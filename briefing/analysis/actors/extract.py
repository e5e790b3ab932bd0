"""The one entry point for actor extraction: text in, resolved mentions and actors out.

The proposer finds and types spans; the resolution layer (gazetteers, roles, document
consistency) has the last word on names, types, roles and countries whichever proposer ran.
"""

from __future__ import annotations

import importlib.util
from functools import cache

from briefing.analysis.actors import rules, sentences
from briefing.analysis.actors.model import Extraction
from briefing.analysis.actors.resolve import resolve_document

RULES = "rules"
SPACY = "spacy+rules"


@cache
def available() -> tuple[str, ...]:
    """Extractors installed here, best first. spaCy comes with `pip install briefing[ner]`."""
    found = [RULES]
    if importlib.util.find_spec("spacy") and importlib.util.find_spec("briefing.analysis.actors.spacy_proposer"):
        from briefing.analysis.actors import spacy_proposer

        if spacy_proposer.model_available():
            found.insert(0, SPACY)
    return tuple(found)


def best() -> str:
    return available()[0]


def _proposer(name: str):
    if name == SPACY:
        from briefing.analysis.actors import spacy_proposer

        return spacy_proposer.propose
    if name == RULES:
        return rules.propose
    raise ValueError(f"unknown extractor {name!r}; installed: {', '.join(available())}")


def extract(text: str, extractor: str = "auto") -> Extraction:
    name = best() if extractor == "auto" else extractor
    sents = sentences.split(text)
    mentions = _proposer(name)(text, sents)
    actors = resolve_document(text, sents, mentions)
    mentions = sorted((m for m in mentions if m.actor), key=lambda m: (m.start, m.end))
    return Extraction(text, sents, mentions, actors, name)
