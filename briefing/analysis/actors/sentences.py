"""Sentence splitting for news text, with character offsets.

Rules, in order:

- A newline always ends a sentence (headlines, datelines, table rows and paragraphs are lines).
- Inside a line, `.`, `!`, `?` (and `…`), followed by any closing quotes or brackets, end a
  sentence when whitespace and then an opening quote, a bracket, a capital letter or a digit
  follow.
- A period after a title or honorific (Mr., Gen., Sen., St.), a month (Jan., Sept.), or an
  initial (the "J." of "J. Smith") never ends a sentence.
- A period after an abbreviation that can also close a sentence (U.S., Inc., Corp., Co., Ltd.,
  a.m.) ends one only when the next word is a usual sentence opener ("The", "He", "But"...):
  "the U.S. Navy" stays whole, "sanctions against the U.S. The move..." is two sentences.

Each Sentence spans its first to its last non-blank character.
"""

from __future__ import annotations

import re

from briefing.analysis.actors.model import Sentence

# Never end a sentence: the next word belongs to the same name or date.
_NEVER = frozenset("""
mr mrs ms messrs mme mlle dr prof gen lt col maj capt cpt sgt cpl adm cmdr cdr gov sen rep
rev fr sr jr st ste mt ft pres supt insp det brig gens sens reps hon amb atty
jan feb mar apr jun jul aug sep sept oct nov dec
no nos vs v op vol pp ch art fig approx est
""".split())

# May end a sentence, but usually do not.
_MAYBE = frozenset("""
inc corp co ltd plc bros cos llc llp pty
u.s u.k u.n u.s.a e.u a.m p.m d.c n.y l.a etc
""".split())

# Words that open sentences: after a _MAYBE abbreviation they mean a new sentence began.
OPENERS = frozenset("""
the a an he she it they we i you his her its their our this that these those there here
but and or so yet however meanwhile still also in on at for from with by after before during
when while if as although though since because what who which where why how not no
mr mrs ms dr
""".split())

_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+["'“‘«(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"""([\w.'’-]+)$""")
_NEXT_WORD = re.compile(r"""\s+["'“‘«(\[]?([\w’']+)""")
_LINE = re.compile(r"[^\n]+")


def _is_boundary(line: str, m: re.Match) -> bool:
    if line[m.start()] != ".":
        return True
    if m.end() - m.start() > 1 and line[m.start():m.end()].rstrip("\"'”’»)]").count(".") > 1:
        return True  # "..." or ".." then a capital: an ellipsis ending the sentence
    # the word cannot reach back past a space: searching from there, not from the start of
    # the line, keeps long lines linear
    before = _WORD_BEFORE.search(line, line.rfind(" ", 0, m.start()) + 1, m.start())
    if not before:
        return True
    word = before.group(1).lstrip("'’-(")
    low = word.lower()
    if low in _NEVER:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. Smith", "George W. Bush"
    if low in _MAYBE or (len(word) <= 5 and "." in word and word.replace(".", "").isalpha()):
        # U.S., Inc., N.J., a.m.: only a sentence opener after it starts a new sentence
        nxt = _NEXT_WORD.match(line, m.end())
        return bool(nxt) and nxt.group(1).lower() in OPENERS
    return True


def split(text: str) -> list[Sentence]:
    """The sentences of `text` as character spans (newlines always end a sentence)."""
    out: list[Sentence] = []
    append = out.append
    for lm in _LINE.finditer(text):
        line_start = lm.start()
        line = lm.group()
        pos = 0
        if "." in line or "!" in line or "?" in line or "…" in line:
            for m in _END.finditer(line):
                if _is_boundary(line, m):
                    _add(append, line, line_start, pos, m.end())
                    pos = m.end()
        _add(append, line, line_start, pos, len(line))
    return out


def _add(append, line: str, offset: int, start: int, end: int) -> None:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if start < end:
        append(Sentence(offset + start, offset + end))
