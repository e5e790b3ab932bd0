"""Which way an underspecified phrase points, read from the tense of its own clause.

"will travel to Jamaica, Grenada and Saint Lucia in March" looks forward; "a Mexican official
said on Thursday" looks back. The word right before the phrase decides first when it is a lead
("since March" back; "until", "by", "through", "payable", "effective", "due", "record" ahead).
Otherwise the cue nearest the phrase decides, searched in this order: its clause (between
commas, semicolons, dashes, brackets, quotes), left first; then the rest of its sentence, left
first. A sentence with no cue at all gets DEFAULT.

Forward cues: will, 'll, shall, won't, going to, plans to, is to, is due/due to, scheduled (the
firm ones: a future modal governs the phrase), and would, planned, expected to, set to,
intends/aims/hopes to, upcoming, next, coming, tomorrow, soon, later, and a scheduled present
("leaves", "arrives", "starts", "meets" ... on Wednesday).
Backward cues: was/were/had, has/have + participle, said and other simple pasts (regular "-ed"
and a list of irregular verbs), ago, last, earlier, yesterday, previously, recently, since.
A participle after a form of "be" is not a cue of its own ("will be signed" is forward through
"will"; "was signed" is backward through "was"); "has scheduled" is not a past.
"""

from __future__ import annotations

import bisect
import re

from briefing.analysis.temporal.model import BACKWARD, FORWARD, NONE

# No tense cue in the sentence: the occurrence nearest the article date. On TimeBank and
# AQUAINT this ties with "backward" (bench/eval_timebank.py, direction_ablation); nearest is
# kept because it does not assume every undated sentence is a report of the past.
DEFAULT = NONE

_IRREGULAR = (
    "said told made took went came met gave got left saw sold bought won lost held began became "
    "paid rose fell grew kept led brought thought found felt ran sent spent built struck stood "
    "fought wrote spoke broke chose drove flew knew meant shot sought taught threw understood "
    "withdrew overtook swore slid sank sprang forecast quit shut hit cut put set let bid "
    "agreed did"
).split()
_AMBIGUOUS_PAST = frozenset("forecast quit shut hit cut put set let bid read".split())

_NOT_PAST_ED = frozenset(
    "planned scheduled expected proposed intended needed indeed hundred need speed proceed "
    "exceed succeed feed seed breed bleed shed bed red based related limited united concerned "
    "interested supposed used detailed advanced combined diversified unexpected unprecedented "
    "sophisticated so-called alleged armed embattled beleaguered talented skilled estimated "
    "adjusted unchanged unaudited undisclosed unidentified unnamed required desired".split())

# Every alternative starts after a non-word character, so the regex engine skips along the
# text in its fast loop and tries the words only at word starts.
_CUE = re.compile(
    r"[^\w](?:(?P<modal>(?:will|shall|won[’']t|going to|plans? to|planning to|is to|are to|"
    r"due to|is due|are due|scheduled to|is scheduled|are scheduled|ll)\b)"
    r"|(?P<fut>(?:would|planned|planning|expected to|expects? to|scheduled|set to|intends? to|"
    r"aims? to|hopes? to|upcoming|next(?! to)|coming|tomorrow|soon|later|"
    # a scheduled present: "leaves on Wednesday", "starts a visit on Sunday"
    r"leaves|arrives|departs|starts|begins|opens|meets|visits|travels|heads|flies|returns|"
    r"convenes|resumes)\b)"
    r"|(?P<perf>(?:has|have|had)\s+(?:\w+ly\s+|not\s+|also\s+|already\s+)?"
    r"(?!scheduled|planned|arranged|set\b)(?:been|\w+ed|\w+en|"
    + "|".join(_IRREGULAR) + r")\b)"
    r"|(?P<past>(?:was|were|had|ago|last|earlier|yesterday|previously|recently|since|"
    + "|".join(w for w in _IRREGULAR if w not in _AMBIGUOUS_PAST) + r")\b)"
    r"|(?P<ed>[a-z]{3,}ed\b))",
)
_BE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|am|was|were|[’']s|[’']re|get|gets|got)\s+(?:\w+ly\s+)?$")

_CLAUSE = re.compile(r"[,;:()\[\]“”\"—–]|\s-\s")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n")
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Jan|Feb|Mar|Apr|Jun|Jul|"
                     r"Aug|Sep|Sept|Oct|Nov|Dec|No|Co|Corp|Inc|Ltd|Jr|Sr|Lt|Col|Capt|vs)|\.[A-Za-z])$")
_BEFORE_PHRASE = re.compile(r"\b(?P<word>[a-z]+)\s+(?:(?:on|in|at|the|of)\s+)?$")
_LEADS = {"since": BACKWARD, "until": FORWARD, "till": FORWARD, "through": FORWARD,
          "thru": FORWARD, "by": FORWARD, "effective": FORWARD, "payable": FORWARD,
          "due": FORWARD, "starting": FORWARD, "beginning": FORWARD, "record": FORWARD}

# A sentence is never taken to reach further than this from the phrase: a missed full stop
# (an abbreviation, a table) must not let a verb three lines away decide.
_LEFT_SPAN, _RIGHT_SPAN = 300, 200


class Reader:
    """The sentence ends and tense cues of one text, found once and shared by its phrases.

    `skip` lists the spans of the text's temporal expressions, sorted: "last" in "last
    Thursday" says where Thursday is, not which way a "Nov. 6" in the same sentence points.
    """

    def __init__(self, text: str, skip: list[tuple[int, int]] = ()):
        self.text = text
        self._skip = skip
        self._ends: list[tuple[int, int]] | None = None
        self._starts: list[int] = []
        self._cache: dict[tuple[int, int], list[tuple[int, str, bool]]] = {}

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around text[start:end], as (lo, hi)."""
        text = self.text
        if self._ends is None:
            self._ends = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)
                          if m.group()[0] == "\n"
                          or not _ABBREV.search(text, max(0, m.start() - 6), m.start())]
            self._starts = [e for _, e in self._ends]
        i = bisect.bisect_right(self._starts, start) - 1
        lo = max(self._starts[i] if i >= 0 else 0, start - _LEFT_SPAN, 0)
        j = bisect.bisect_left(self._ends, (end, -1))
        hi = self._ends[j][0] + 1 if j < len(self._ends) else len(text)
        return lo, min(hi, end + _RIGHT_SPAN, len(text))

    def cues(self, lo: int, hi: int) -> list[tuple[int, str, bool]]:
        """(position, direction, firm) of every tense cue in text[lo:hi], outside expressions."""
        key = (lo, hi)
        if key not in self._cache:
            text = self.text
            out = []
            for m in _CUE.finditer(text, max(0, lo - 1), hi):
                kind = m.lastgroup
                pos = m.start() + 1
                if _inside(self._skip, pos):
                    continue
                if kind == "ed":
                    if m.group()[1:] in _NOT_PAST_ED or _BE_BEFORE.search(text, max(0, pos - 20), pos):
                        continue  # "will be signed": the participle follows its auxiliary
                    kind = "past"
                out.append((pos, FORWARD if kind in ("fut", "modal") else BACKWARD, kind == "modal"))
            self._cache[key] = out
        return self._cache[key]

    def direction(self, start: int, end: int) -> tuple[str, bool]:
        """(direction, firm) for the phrase at text[start:end].

        Firm means the deciding cue is a future modal ("will", "'ll", "plans to", "is due to"):
        "will travel ... in March" cannot be a March gone by. Anything else is a lean (see
        anchoring.PULL). No cue at all gives (DEFAULT, False).
        """
        text = self.text
        m = _BEFORE_PHRASE.search(text, max(0, start - 24), start)
        if m and m["word"] in _LEADS:
            return _LEADS[m["word"]], m["word"] == "since"  # "since March", "payable Dec. 15"
        lo, hi = self.sentence(start, end)
        cues = [c for c in self.cues(lo, hi) if not start <= c[0] < end]
        if not cues:
            return DEFAULT, False
        c_lo, c_hi = lo, hi
        for m in _CLAUSE.finditer(text, lo, start):
            c_lo = m.end()
        m = _CLAUSE.search(text, end, hi)
        if m:
            c_hi = m.start()
        for a, b in ((c_lo, c_hi), (lo, hi)):
            left = [(d, firm) for pos, d, firm in cues if a <= pos < start]
            if left:
                return left[-1]
            right = [(d, firm) for pos, d, firm in cues if end <= pos < b]
            if right:
                return right[0]
        return DEFAULT, False


def _inside(spans, pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
