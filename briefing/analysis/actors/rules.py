"""The default entity proposer: capitalisation, context words and gazetteers, no model.

`propose(text, sentences)` returns PERSON, ORG, GPE and LOC mentions (`actor` left None), in
text order, never overlapping. Pure Python; every word list here is general English written by
hand, every name comes from the gazetteer (nothing is derived from CoNLL or any annotated corpus).

How a document is read:

1. Tokens with offsets. A possessive (’s, 's, or a separate "'s" token) is its own token and
   never part of a name; "Mr.", "Inc.", "U.S.", an initial and "Calif." after a comma keep
   their period.
2. Candidate runs are maximal runs of capitalised tokens, with inner connectors when a
   capitalised token follows (name particles: de, van der, bin...; "of", "for", "on", "and",
   "&", and "and the"/"of the"). A word glued to "-lowercase" ("U.S.-backed") ends a run.
3. A run is cut into names at "and" unless the gazetteer knows a name across it ("Trinidad
   and Tobago", "Saint Vincent and the Grenadines"), and at "of"/"for"/"on" unless a known name
   spans it or the word before is an organisation, place-kind or title word ("Bank of England",
   "Organization of American States", "Gulf of Mexico"): "Videgaray of Mexico" is two names.
   Commas always separate: "Jamaica, Grenada and Saint Lucia" is three places.
4. From the front of each name are taken off: function words ("The", "In", "But"), days and
   months, words that stand before names ("former", "Police"), a sentence-initial word the
   document also writes in lower case ("Last", "Officials"), and the affiliation of a person: a
   demonym ("Mexican", "South Korean"), a country used as a modifier ("U.S."), a title or
   honorific ("Foreign Minister", "Secretary of State", "Mr."), also inside the run after a
   place or organisation ("Hong Kong Financial Secretary Donald Tsang", "ANC Deputy President
   Thabo Mbeki": the ANC is proposed, Hong Kong is an affiliation). A lowercase title or role
   word right before the run counts too ("opposition leader Raila Odinga", "his Jamaican
   counterpart Kamina Johnson Smith"). The person gets them as `role` and `country`.
5. Each name is typed, strongest evidence first: a place or organisation the gazetteer knows
   (two known names side by side are two mentions: "Golan Heights Israel"); an organisation
   head word ("Corp", "Bank", "Ministry", "&"), "Bank of ...", "Air France", "Radio Kiskeya";
   a title; a particle inside ("van der Pas"); a known first name or an initial; an all-caps
   acronym that is not a country; "said", "told", ", who" around it; a lowercase organisation
   noun after it ("the Petrojam refinery"); "in" before a lone word. Unknown capitalised words
   with no evidence are left out (outside sports copy, where they are mostly players), unless
   the document types the same string elsewhere. A name with a generic word ("National
   League") is never a person; events ("World Cup", "U.S. Open") are not proposed.
6. Document consistency: a single word equal to the last word of a person named in the
   document is that person ("Videgaray", "Gore" after "Al Gore"); the first word of a
   multi-word organisation alone is that organisation ("Barrick" after "Barrick Gold Corp");
   every other mention takes the type with the strongest evidence the document gives the
   same string.
7. Layout. In an ALL-CAPS line (headlines) only gazetteer hits and names already read in the
   document's mixed-case text are trusted. A dateline ("KINGSTON (Reuters) -", "LONDON
   1996-08-30", "LEEDS, England 1996-08-26") names places. In a sports story (a "SOCCER -"
   style slug, or result lines) a city or county named outside "in"/"at"/"near" is a team
   (ORG), a country stays a place, "City + plural" is a team ("Houston Astros"); in a result
   or standings row ("Leeds 2 Arsenal 1", "Crystal Palace 5 4 1 0 12 4 13") names are teams.

Decisions:

- A country written right before a title ("U.S. Secretary of State Rex Tillerson") or glued to
  an adjective ("U.S.-backed", "OPEC-member") is an affiliation, not an actor mention of its own.
- A demonym ("Mexican", "Jamaican") is never a mention (it is what CoNLL calls MISC), but gives
  its country to the person named right after it. A possessive country ("Mexico’s Foreign
  Minister ...") is a GPE mention and is also that person's country.
- Precision first: a capitalised word that nothing identifies is not proposed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from itertools import compress
from operator import itemgetter

from briefing.analysis.actors.model import Mention, Sentence
from briefing.analysis.actors.tokens import spaced, with_offsets

# -- word lists (general English, written by hand) -------------------------------------------

FUNCTION = frozenset("""
a an the this that these those there here it its he she they we i you his her their our my
your me him them us who whom whose which what where when why how whoever whatever
in on at by for from to of with without within into onto upon over under above below about
after before during since until till between among against through throughout across along
around near off out up down via per than as like unlike despite toward towards beyond
and or but nor so yet if then else because although though while whereas unless whether
not no yes all any some many much more most few several each every both either neither
other another such same only also even just still already again ever never always often
however meanwhile moreover furthermore nevertheless nonetheless therefore thus hence instead
otherwise besides indeed perhaps maybe later earlier last next
is are was were be been being am has have had do does did will would shall should can could
may might must let lets
one two three four five six seven eight nine ten
today tomorrow yesterday tonight now
according asked says said told
""".split())

# Days, months and other capitalised words that are never entities on their own.
NEVER = frozenset("""
monday tuesday wednesday thursday friday saturday sunday
mon tue tues wed thu thur thurs fri sat
january february april june july august september october november december
jan. feb. apr. jun. jul. aug. sep. sept. oct. nov. dec. a.m. p.m. gmt edt est bst cet utc ok
""".split())
# Lowercase words for people that are not titles: a name right after one is a person.
ROLE_NOUNS = frozenset("""
counterpart businessman businesswoman tycoon official spokesman spokeswoman diplomat envoy
activist dissident lawyer attorney journalist reporter writer author novelist poet singer
actor actress director producer economist analyst scientist professor student banker
striker midfielder defender goalkeeper forward winger coach captain player rider driver
jockey trainer teammate opponent veteran newcomer rookie pitcher batsman bowler
guitarist musician drummer pianist composer artist painter photographer designer chef
billionaire entrepreneur investor executive candidate lawmaker legislator nominee
""".split())
ROLE_SUFFIXES = ("er", "or", "ist", "ant", "ent", "ing", "man", "ian", "ee")
PRE_NAME = frozenset("""
former late veteran acting interim outgoing incoming ex
police officials sources witnesses residents analysts traders dealers brokers economists
experts investors diplomats doctors rebels soldiers troops authorities prosecutors lawyers
organisers organizers reporters scientists researchers critics supporters opponents members
""".split())  # words before a name, and plural nouns that open "Police said ..."
MONTH_LIKE = frozenset("may march mar mar. jan feb apr jun jul aug sep sept oct nov dec".split())  # months only next to a time word or number
TIME_WORDS = frozenset("in on since until till by before after early late mid during last next of through from to this".split())

# Last words of events and competitions: not actors.
GENERIC = frozenset("""
league division conference group round final finals semifinal semifinals quarterfinal
quarterfinals halftime attendance note total result results scores scorers standings
""".split())
EVENT_HEADS = frozenset("""
cup open tour championship championships games olympics olympiad prix trophy series classic
masters rally marathon award awards prize tournament festival stakes war
""".split())

PARTICLES = frozenset("de del della der den di da das dos du des van von la le bin ibn al el y zu ter".split())
OF_WORDS = frozenset(("of", "for", "on"))
AND_WORDS = frozenset(("and", "&"))
CONNECTORS = PARTICLES | OF_WORDS | AND_WORDS | {"the"}

# Words before "of" that make "X of Y" one name (besides the gazetteer's organisation keywords).
OF_HEADS = frozenset("""
republic kingdom commonwealth federation union emirate emirates sultanate principality duchy
state states province county district territory region city town port gulf bay sea strait
straits cape isle isles island islands lake mount mountains river valley coast peninsula
desert plain plains ocean canal
bank university college school institute institution academy museum church house chamber
court council commission committee department ministry office bureau board agency authority
association federation league organisation organization society foundation fund
corporation company government parliament assembly congress senate army navy force forces
party movement front alliance coalition confederation centre center order club
""".split())

# Last words (and first words) of natural features and places that are not polities.
LOC_HEADS = frozenset("""
strait straits bridge river square street avenue mountains mountain lake island islands sea
ocean gulf bay peninsula valley desert canal coast heights plateau basin delta glacier
""".split())
LOC_FIRST = frozenset("mount mt mt. lake gulf isle cape".split())

# Organisation heads besides the gazetteer's (clubs, news desks).
EXTRA_ORG_HEADS = frozenset("""
fc afc rovers wanderers athletic albion rangers hotspur newsroom newsdesk stock
""".split())

SPEECH = frozenset("""
said says say told tells added adds asked asks noted notes explained explains stated
wrote writes warned warns argued argues insisted insists admitted admits denied denies
replied replies recalled recalls acknowledged announced announces commented comments
""".split())
# Lowercase nouns that make the name before them an organisation: "Syriza party".
ORG_NOUNS = frozenset("""
group company firm bank agency newspaper daily weekly magazine airline carrier insurer lender
brokerage conglomerate subsidiary network broadcaster refinery militia
""".split())
ORG_STAFF = frozenset("""
spokesman spokeswoman spokesperson chairman chairwoman shareholders employees executives
shares stock workers
""".split())
STRONG_LOC_PREPS = frozenset(("in", "near", "outside", "inside", "throughout"))
VENUE_PREPS = frozenset(("in", "at", "near", "outside", "inside", "throughout"))
OPEN_PUNCT = frozenset(('"', "“", "‘", "'", "`", "``", ":", "-", "--", "—", "–", "(", "[", ";", "*", "...", "…"))
POSSESSIVES = frozenset(("'s", "’s", "'S", "’S", "'", "’"))

SPORTS = frozenset("""
SOCCER FOOTBALL CRICKET TENNIS GOLF BASEBALL BASKETBALL ATHLETICS RUGBY CYCLING BOXING
HOCKEY SKIING SWIMMING MOTOR MOTORCYCLING MOTOCROSS ROWING SAILING YACHTING HORSE EQUESTRIAN
BADMINTON SQUASH VOLLEYBALL HANDBALL JUDO WRESTLING NFL NBA NHL MLB F1 FORMULA TRIATHLON
""".split())

_TOKEN = re.compile(
    r"(?=[A-Z][a-z]{1,3}\.)(?:Mr|Mrs|Ms|Dr|St|Mt|Ft|Jr|Sr|Inc|Corp|Co|Ltd|Bros|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Gov|"
    r"Sen|Rep|Rev|Prof|Cmdr|Brig|Supt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.(?!\w)"
    r"|(?<=,\s)(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|"
    r"Mont|Neb|Nebr|Nev|Okla|Ore|Pa|Penn|Tenn|Tex|Va|Vt|Wash|Wis|Wisc|Wyo)\.(?!\w)"  # "Fresno, Calif."
    r"|(?:[^\W\d_]\.){2,}"  # U.S., U.N.
    r"|[A-Z]\.(?=\s)"  # an initial
    r"|[’'][sS]\b"  # possessive
    r"|\w++(?![’'&-])"  # a plain word: the next alternative's result, without its set-up
    r"|\w+(?:(?:[’'](?![sS]\b)|[-&])\w+)*"
    r"|\S"
)
_SPACED_TOKEN = spaced(_TOKEN)
_DATE = re.compile(r"\d{4}-\d\d-\d\d$|\d{1,2}/\d{1,2}(?:/\d{2,4})?$")
_NAME = r"[A-Z][\w.'-]*(?: (?:[A-Z(][\w.'()-]*|de|of|the))*"
_SCORE = re.compile(rf"(?m)^(?:{_NAME} \d{{1,3}},? {_NAME} \d{{1,3}}|{_NAME} (?:v|vs\.?) {_NAME})$")
# What every _SCORE line holds (a score at the line's end, or " v "): a fast search that spares
# most stories the slow one
_SCORE_HINT = re.compile(r"(?m) \d{1,3}$| vs?\.? ")
_SCORE_LINE = re.compile(rf"{_NAME} \d{{1,3}} {_NAME} \d{{1,3}}$")
_STANDINGS = re.compile(r"^[^\d]+(?: \d{1,3}){4,}(?: |$)(?=.*\b\d\b)")
_DIGIT = re.compile(r"\d")
_INITIAL = re.compile(r"(?:[A-Z]\.)+$")
# a lowercase word, not inside a longer token ("U.S.-backed", "O'Brien"); the first letter
# comes before the look-behind so the regex engine can skip to lowercase letters
_LOWER_WORD = re.compile(r"[a-z](?<![\w.’'-][a-z])[a-z]+(?![\w’'-])")

_GAZ = None
_MISSING = object()


def _g():
    global _GAZ
    if _GAZ is None:
        from briefing.analysis.actors.gazetteer import gazetteer

        _GAZ = gazetteer()
        if hasattr(_GAZ, "load_all"):
            _GAZ.load_all()  # pay for the tables once, not in the middle of the first documents
    return _GAZ


# -- cached gazetteer questions ---------------------------------------------------------------

W_FIRST, W_SURNAME, W_ORGKEY, W_DEMONYM, W_REGION_ADJ = 1, 2, 4, 8, 16
_word_cache: dict[str, int] = {}
_known_cache: dict[str, tuple | None] = {}
_CACHE_MAX = 200_000


def _flags(w: str) -> int:
    f = _word_cache.get(w)
    if f is None:
        g = _g()
        f = 0
        if g.is_first_name(w):
            f |= W_FIRST
        if g.is_surname(w):
            f |= W_SURNAME
        if g.is_org_keyword(w) or w.lower() in EXTRA_ORG_HEADS:
            f |= W_ORGKEY
        if w[:1].isupper():
            if w.lower() in _demonyms():
                f |= W_DEMONYM
            elif w.endswith(_ADJ_ENDINGS) and g.region_adjective(w):
                f |= W_REGION_ADJ
        if len(_word_cache) > _CACHE_MAX:
            _word_cache.clear()
        _word_cache[w] = f
    return f


# kinds of known names, and how much their type is worth
COUNTRY, STATE, REGION, ORGN, CITY = "country", "state", "region", "org", "city"


_ADJ_ENDINGS = ("an", "ic", "ish", "ese", "i", "al", "ern", "ian", "ean")
_DEMONYMS: dict | None = None


def _demonyms() -> dict:
    """Lowercased demonym (and plural) -> Country, from the gazetteer's country table: a dict
    lookup instead of a normalising search for every capitalised word."""
    global _DEMONYMS
    if _DEMONYMS is None:
        out = {}
        for c in _g().countries():
            for d in c.demonyms:
                out.setdefault(d.lower(), c)
                out.setdefault(d.lower() + "s", c)
        _DEMONYMS = out
    return _DEMONYMS


def _title_at(texts: list[str], lows: list[str], i: int, e: int) -> tuple | None:
    """The gazetteer's longest title starting at texts[i], within texts[:e] (`lows` lowercased).
    Most words (those that start no title, or none with the word after them) are answered
    without asking."""
    g = _g()
    second = g.title_starts.get(lows[i], _MISSING)
    if second is _MISSING or second is not None and (i + 1 >= e or lows[i + 1] not in second):
        return None
    return g.longest_title(texts[i:e], 0)


_ORG_STARTS: set[str] | None = None


def _start_word(w: str) -> str:
    w = w.lower().replace(".", "").replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return "saint" if w in ("st", "ste") else w


def _org_starts() -> set[str]:
    """First words of every organisation name, alias and acronym: only these can start one
    (saves a lookup per capitalised word; the gazetteer has the last word)."""
    global _ORG_STARTS
    if _ORG_STARTS is None:
        starts = set()
        for o in _g().orgs():
            for form in (o.name, *o.aliases, *o.acronyms):
                words = form.split()
                if words:
                    starts.add(_start_word(words[1] if words[0].lower() == "the" and len(words) > 1 else words[0]))
        _ORG_STARTS = starts
    return _ORG_STARTS


def _known(words: list[str]) -> tuple | None:
    """The longest name the gazetteer knows at the start of `words`:
    (n_tokens, type, canonical, kind), or None."""
    key = "\x1f".join(words)
    if key in _known_cache:
        return _known_cache[key]
    g = _g()
    found = None
    place = g.longest_place(words, 0)
    first = _start_word(words[1] if words[0].lower() == "the" and len(words) > 1 else words[0])
    org = g.longest_org(words, 0) if first in _org_starts() else None
    if place and not (org and org[0] > place[0]):
        n, canonical, typ = place
        name = " ".join(words[:n])
        if g.country(name) is not None:
            kind = COUNTRY
        elif g.us_state(name) is not None:
            kind = STATE
        elif g.region(name) is not None:
            kind = REGION
        elif org and org[0] == n:
            kind, typ, canonical = ORGN, "ORG", org[1].name
        else:
            kind = CITY
        found = (n, typ, canonical, kind)
    elif org:
        found = (org[0], "ORG", org[1].name, ORGN)
    if found and found[0] == 1 and words[0].lower() in FUNCTION and not (len(words[0]) > 1 and words[0].isupper()):
        found = None  # "We" is not the town of Wé
    if len(_known_cache) > _CACHE_MAX:
        _known_cache.clear()
    _known_cache[key] = found
    return found


def _is_cap(t: str) -> bool:
    c = t[0]
    if not c.isupper():
        # "al-Assad"
        return c.islower() and len(t) > 3 and t[2] == "-" and t[:2] in ("al", "el") and t[3].isupper()
    if "-" in t:
        last = t.rsplit("-", 1)[1]
        if last and not last[0].isupper() and not last[0].isdigit():
            return False  # "OPEC-member", "Venezuela-based": an adjective ("Inzamam-ul-Haq" is a name)
    return True


def _plural(w: str) -> bool:
    """A capitalised plural noun: "Astros", "Yankees" (not "Davis", "Cross", "Texas")."""
    return len(w) > 3 and w[-1] == "s" and w[-2] not in "suiy'’" and w[0].isupper() and w[1:].islower() \
        and not _flags(w) & W_SURNAME


def _is_acronym(t: str) -> bool:
    return 2 <= len(t) <= 6 and t.isalpha() and t.isupper()


class _Cand:
    __slots__ = ("start", "end", "text", "type", "strength", "sentence", "role", "country",
                 "words", "table", "kind", "why", "initial")

    def __init__(self, start, end, text, typ, strength, sentence, words, kind=None):
        self.start, self.end, self.text = start, end, text
        self.type, self.strength, self.sentence = typ, strength, sentence
        self.role = self.country = None
        self.words = words
        self.table = False
        self.kind = kind
        self.why = ""  # which rule typed it (for error analysis)
        self.initial = False  # first word of its sentence (or after an opening quote)


class _Tokens:
    """Tokens as parallel lists: `texts` as written, `lows` lowercased, `starts` and `ends`
    offsets in the document, `caps` whether each can be part of a name (`_is_cap`)."""

    __slots__ = ("texts", "lows", "starts", "ends", "caps")

    def __init__(self, texts: list[str], lows: list[str], starts: list[int], ends: list[int],
                 caps: list[bool]) -> None:
        self.texts, self.lows, self.starts, self.ends, self.caps = texts, lows, starts, ends, caps

    @classmethod
    def of(cls, text: str) -> _Tokens:
        texts, starts, ends = with_offsets(_SPACED_TOKEN, text)
        caps = list(map(str.isupper, map(itemgetter(0), texts)))
        for i in [i for i, t in enumerate(texts) if "-" in t]:
            caps[i] = _is_cap(texts[i])  # "U.S.-backed", "al-Assad": only _is_cap can tell
        return cls(texts, list(map(str.lower, texts)), starts, ends, caps)

    def sentence(self, s: Sentence) -> _Tokens:
        """The tokens of sentence `s`, as if `s` were tokenised alone: the document's, except
        that an initial ending the sentence ("... Plan B.") is two tokens, the regex wanting
        a space after an initial's dot."""
        i = bisect_left(self.starts, s.start)
        j = bisect_left(self.starts, s.end, i)
        out = _Tokens(self.texts[i:j], self.lows[i:j], self.starts[i:j], self.ends[i:j],
                      self.caps[i:j])
        last = out.texts[-1] if i < j else ""
        if len(last) == 2 and last[1] == "." and "A" <= last[0] <= "Z":
            end = out.ends[-1]
            out.texts[-1:] = [last[0], "."]
            out.lows[-1:] = [last[0].lower(), "."]
            out.starts.append(end - 1)
            out.ends[-1:] = [end - 1, end]
            out.caps.append(False)
        return out

    def after(self, k: int) -> _Tokens:
        return _Tokens(self.texts[k:], self.lows[k:], self.starts[k:], self.ends[k:],
                       self.caps[k:])


class _Doc:
    def __init__(self, text: str, sentences: list[Sentence]):
        self.text = text
        self.sentences = sentences
        self.g = _g()
        self.lower = set(_LOWER_WORD.findall(text))
        self.cands: list[_Cand] = []
        self.sports = False

    # -- the document ----------------------------------------------------------------------

    def run(self) -> list[Mention]:
        text = self.text
        sents = []
        doc_toks = _Tokens.of(text)
        for si, s in enumerate(self.sentences):
            toks = doc_toks.sentence(s)
            if toks.texts:
                seg = text[s.start:s.end]
                sents.append((si, toks, seg.upper() == seg))
        self.sports = self._is_sports(sents)
        rest = []
        for si, toks, caps in sents:
            skip = self._dateline(si, toks)
            if skip:
                toks = toks.after(skip)
                if not toks.texts:
                    continue
            if caps:
                rest.append((si, toks))
            else:
                self._sentence(si, toks)
        surnames = self._document()
        if rest:
            self.by_upper = self._by_upper(surnames)
        for si, toks in rest:
            self._caps_sentence(si, toks)
        return self._emit()

    def _dateline(self, si: int, toks: _Tokens) -> int:
        """Places at the head of a dateline: "KINGSTON (Reuters) -", "LONDON 1996-08-30",
        "LEEDS, England 1996-08-26", "SEATTLE/WASHINGTON (Reuters)". Returns the number of
        tokens it covers (0 when the sentence does not open with a dateline)."""
        texts = toks.texts
        first = texts[0]
        if len(first) < 2 or not first.isupper():
            return 0
        n = len(texts)
        end = None
        for j in range(1, min(n, 9)):
            t = texts[j]
            if _DATE.match(t) or (t == "(" and j + 1 < n and texts[j + 1].lower() == "reuters"):
                end = j
                break
            if not (t[:1].isupper() or t in (",", "/", ".")):
                return 0
        if end is None:
            return 0
        i = 0
        while i < end:
            if texts[i] in (",", "/", "."):
                i += 1
                continue
            j = i
            while j < end and texts[j] not in (",", "/"):
                j += 1
            words = texts[i:j]
            kn = _known(words)
            typ = kn[1] if kn and kn[0] == len(words) else "GPE"  # "UNITED NATIONS 1996-08-22" is the UN
            start, stop = toks.starts[i], toks.ends[j - 1]
            self.cands.append(_Cand(start, stop, self.text[start:stop], typ, 3.0, si, words, kn and kn[3]))
            self.cands[-1].table = True  # its type is settled
            i = j
        if texts[end] == "(":
            while end < n and texts[end] != ")":
                end += 1
            return min(n, end + 1)
        return end

    def _is_sports(self, sents) -> bool:
        """A Reuters sports slug ("SOCCER - ...") in the first lines, or several result rows."""
        for si, toks, caps in sents[:3]:
            words = toks.texts[:5]
            dash = next((i for i, w in enumerate(words) if w in ("-", "--", "—", "–")), 0)
            if dash and any(w.upper() in SPORTS for w in words[:dash]):
                return True  # "SOCCER -", "RUGBY LEAGUE -", "MOTOR RACING -"
        if not _SCORE_HINT.search(self.text):
            return False
        rows = 0
        for m in _SCORE.finditer(self.text):
            rows += 1
            if rows >= 2:
                return True
        return False

    # -- mixed-case sentences --------------------------------------------------------------

    def _sentence(self, si: int, toks: _Tokens) -> None:
        texts, lows, caps = toks.texts, toks.lows, toks.caps
        n = len(texts)
        if _DIGIT.search(self.text, toks.starts[0], toks.ends[-1]):
            nums = sum(map(str.isdigit, map(itemgetter(0), texts)))
            table = nums >= 2 and nums * 3 >= n
        else:
            table = False
        if table and (_SCORE_LINE.match(" ".join(texts)) or _STANDINGS.search(" ".join(texts))):
            table = "teams"  # "Crystal Palace 3 Oldham 1", "Atletico Madrid 5 4 1 0 12 4 13"
        j = 0
        for i in compress(range(n), caps):
            if i < j:
                continue  # inside the run just read
            j = i + 1
            while j < n:
                if caps[j]:
                    j += 1
                    continue
                low = lows[j]
                if j + 1 < n and caps[j + 1] and low in CONNECTORS and low != "the":
                    j += 2
                    continue
                if low in PARTICLES and j + 2 < n and texts[j + 1] in PARTICLES and caps[j + 2]:
                    j += 3  # "van der Pas", "de la Rua"
                    continue
                if (low == "and" or low == "of") and j + 2 < n and texts[j + 1] == "the" and caps[j + 2]:
                    j += 3
                    continue
                break
            self._run(si, toks, texts, i, j, table)

    def _run(self, si, toks, texts, a, b, table) -> None:
        n = len(texts)
        # "U.S.-backed": a name glued to "-" and a lowercase word is an adjective
        starts, ends = toks.starts, toks.ends
        if b == a + 1 and b + 1 < n and texts[b] == "-" and starts[b] == ends[a] \
                and starts[b + 1] == ends[b] and texts[b + 1][:1].islower():
            return
        if b - a > 1 and b + 1 < n and texts[b] == "-" and starts[b] == ends[b - 1] \
                and starts[b + 1] == ends[b] and texts[b + 1][:1].islower():
            b -= 1  # "A U.S.-backed plan"
        initial = a == 0 or texts[a - 1] in OPEN_PUNCT
        k = a
        while k < b and self._skip_word(toks, k):
            k += 1
        e = b
        lows = toks.lows
        while e > k and (lows[e - 1] in CONNECTORS or lows[e - 1] in NEVER):
            e -= 1
        for p, q in self._segments(toks, k, e):
            self._name(si, toks, texts, p, q, table, initial and p == k, a)

    def _skip_word(self, toks, k) -> bool:
        """Words that never start a name: connectors, function words, days, months."""
        texts, lows = toks.texts, toks.lows
        low = lows[k]
        if low in FUNCTION:
            # "May Ellis", "Will Carling": a function word that is also a first name
            return not (low in ("may", "will") and k + 1 < len(texts) and texts[k + 1][:1].isupper()
                        and texts[k].istitle() and lows[k + 1] not in FUNCTION)
        if low in NEVER or low in PRE_NAME or (low in CONNECTORS and not texts[k][:1].isupper()):
            return True  # ("El Hassane", "De Klerk", "Al Gore" keep their particle)
        return low in MONTH_LIKE and ((k > 0 and lows[k - 1] in TIME_WORDS)
                                      or (k + 1 < len(texts) and texts[k + 1][:1].isdigit()))

    def _name(self, si, toks, texts, a, b, table, initial, run_start) -> None:
        """Take the affiliation (demonym, country, title) off the front of one name and type it."""
        role = country = None
        titled = False
        lows = toks.lows
        k = a
        while k < b:
            t = texts[k]
            low = lows[k]
            if self._skip_word(toks, k):
                k += 1
                continue
            kn = _known(texts[k:b])
            if kn and kn[0] == b - k:
                break  # the rest is one known name
            tl = _title_at(texts, lows, k, b)
            if tl and tl[0] < b - k:
                rest = texts[k + tl[0]:b]
                rk = _known(rest)
                if not (_flags(rest[-1]) & W_ORGKEY or (rk and rk[0] == len(rest) and rk[1] == "ORG")
                        or any(w in GENERIC or w in EVENT_HEADS for w in lows[k + tl[0]:b])):
                    if tl[2] != "honorific":
                        role = tl[1]
                    if kn and kn[1] == "GPE" and kn[0] < tl[0]:
                        country = kn[2]  # the title as written names the country: "U.S. Secretary of State"
                    titled = True
                    k += tl[0]
                    continue
            if kn and kn[3] == COUNTRY and k + kn[0] < b and _title_at(texts, lows, k + kn[0], b):
                country = kn[2]  # "U.S. Secretary of State ...": an affiliation
                k += kn[0]
                continue
            if k + 1 < b and not kn:
                d = _demonyms().get(low + " " + lows[k + 1])
                if d is not None and texts[k + 1][0].isupper():
                    country = d.name  # "South Korean"
                    k += 2
                    continue
            f = _flags(t)
            if f & W_DEMONYM and not kn:
                rest = texts[k + 1:b]
                if rest and all(_flags(w) & W_ORGKEY for w in rest):
                    break  # "British Airways", "Swiss Bank Corp"
                country = _demonyms()[low].name
                k += 1
                continue
            if f & W_REGION_ADJ and not kn and k + 1 < b:
                k += 1  # "Caribbean Community" stays when known; "European Commission" is known
                continue
            if k == a and k + 1 < b and low in ROLE_NOUNS:
                k += 1  # "Guitarist Jimi Hendrix", "Striker Alan Shearer"
                continue
            if k == a and initial and b - k == 3 and not kn and not f & (W_FIRST | W_ORGKEY) \
                    and low.endswith(ROLE_SUFFIXES) and _flags(texts[k + 1]) & W_FIRST:
                k += 1  # "Trainer Berti Vogts", "Reliever Mark Acre"
                continue
            if k == a and initial and low in self.lower and not kn and not f & W_FIRST \
                    and not (k + 1 < b and lows[k + 1] in OF_WORDS):
                k += 1  # a sentence-initial common word
                continue
            break
        e = b
        while e > k and (lows[e - 1] in CONNECTORS or lows[e - 1] in NEVER):
            e -= 1
        if e <= k:
            return
        if not titled and e - k >= 2:
            for m in range(k + 1, min(e, k + 5)):
                tl = _title_at(texts, lows, m, e)
                if tl and m + tl[0] == e and tl[2] != "honorific" and not (
                        m == k + 1 and _flags(texts[k]) & W_FIRST and _flags(texts[m]) & W_SURNAME):
                    # a title with no name after it: "Audi CEO", "Commission President"
                    # (but "Shayne King" is a person)
                    kn = _known(texts[k:m])
                    if not (kn and kn[0] == m - k and kn[1] != "ORG"):
                        self._type(si, toks, texts, k, m, None, None, False, table, initial and k == a)
                    return
        if not titled and e - k >= 3:
            inner = self._inner_title(toks, k, e)
            if inner:
                org_span, place, role, k = inner
                if org_span:
                    self._type(si, toks, texts, org_span[0], org_span[1], None, None, False, table, False)
                elif place:
                    country = place
                titled = True
        if not titled and e - k >= 2:
            kn = _known(texts[k:e])
            if kn and kn[0] < e - k and kn[1] != "ORG":
                rest = texts[k + kn[0]:e]
                rk = _known(rest)
                if ((rk and rk[0] == len(rest) and rk[3] != CITY) or (len(rest) == 1 and _is_acronym(rest[0]))
                        or _DIGIT.search(rest[0]) or (rest[0].isupper() and len(rest[0]) > 1)) \
                        and not _flags(rest[-1]) & W_ORGKEY:
                    # two names side by side: "Golan Heights Israel", "Liberia ECOMOG"
                    self._type(si, toks, texts, k, k + kn[0], None, None, False, table, initial and k == a)
                    self._type(si, toks, texts, k + kn[0], e, None, None, False, table, False)
                    return
        if not titled and k == a == run_start and a > 0 and texts[a - 1][:1].islower():
            for j in range(max(0, a - 3), a):
                tl = _title_at(texts, lows, j, a)
                if not tl and j == a - 1 and texts[j] in ROLE_NOUNS:
                    tl = (1, None, "role")
                if tl and j + tl[0] == a and tl[2] != "honorific":
                    titled, role = True, tl[1]  # "opposition leader Raila Odinga"
                    if j > 0 and texts[j - 1][:1].isupper():
                        # "his Jamaican counterpart Kamina Johnson Smith"
                        d = _demonyms().get(lows[j - 1])
                        if d is not None:
                            country = d.name
                    elif j > 1 and texts[j - 1] in POSSESSIVES:
                        before = _known(texts[j - 2:j - 1])  # "Venezuela’s opposition leader Juan Guaido"
                        if before and before[1] != "ORG":
                            country = before[2]
                    break
        if titled and country is None and a == run_start and a >= 2 and texts[a - 1] in POSSESSIVES:
            before = _known(texts[a - 2:a - 1])
            if before and before[1] != "ORG":
                country = before[2]  # "Mexico 's Foreign Minister ..."
        self._type(si, toks, texts, k, e, role, country, titled, table, initial and k == a)

    def _inner_title(self, toks, k, e):
        """A title inside a run, after an affiliation: "Hong Kong Financial Secretary Donald
        Tsang", "EU Farm Commissioner Franz Fischler", "ANC Deputy President Thabo Mbeki".
        Returns ((start, end) of an organisation to propose or None, place affiliation or None,
        role, index of the name after the title), or None."""
        texts = toks.texts
        for m in range(k + 1, min(e - 1, k + 6)):
            tl = _title_at(texts, toks.lows, m, e)
            if not tl or m + tl[0] >= e or tl[2] == "honorific":
                continue
            rest = texts[m + tl[0]:e]
            if _flags(rest[-1]) & W_ORGKEY or _known(rest):
                return None
            kn = _known(texts[k:m])
            if kn:
                n_known = kn[0]
            elif _flags(texts[m - 1]) & W_ORGKEY or _is_acronym(texts[m - 1]):
                n_known = m - k  # "Farm Workers Union Leader ..."
            elif len(rest) <= 3 and not any(_flags(w) & W_FIRST for w in texts[k:m]):
                n_known = 0  # "Overseas Development Minister Lynda Chalker": all of it is the role
            else:
                return None
            modifiers = texts[k + n_known:m]
            if any(not w[:1].isupper() or _known([w]) for w in modifiers):
                return None
            role = " ".join([*modifiers, tl[1]])
            if kn and kn[1] != "ORG":
                return None, kn[2], role, m + tl[0]
            return ((k, k + n_known) if n_known else None), None, role, m + tl[0]
        return None

    def _segments(self, toks, k, e):
        """Cut a run at list "and"s and at "of"/"for"/"on" that do not join one name."""
        texts, lows = toks.texts, toks.lows
        out = []
        p = j = k
        while j < e:
            low = lows[j]
            if j > p and (low == "and" or low in OF_WORDS) and not self._joined(toks, p, j, e):
                out.append((p, j))
                j += 1
                if j < e and texts[j] == "the":
                    j += 1
                p = j
                continue
            j += 1
        if p < e:
            out.append((p, e))
        return out

    def _joined(self, toks, p, j, e) -> bool:
        """Whether the connector at j is inside one name."""
        texts = toks.texts
        for s in range(max(p, j - 5), j):
            kn = _known(texts[s:e])
            if kn and s + kn[0] > j + 1:
                return True  # a known name spans it
        if toks.lows[j] == "and":
            return False
        before = texts[j - 1]
        if toks.lows[j - 1] in OF_HEADS or _flags(before) & W_ORGKEY:
            return True
        return bool(self.g.title(before) or (j - 2 >= p and self.g.title(texts[j - 2] + " " + before)))

    def _type(self, si, toks, texts, p, q, role, country, titled, table, initial) -> None:
        words = texts[p:q]
        lows = toks.lows
        n_tok = q - p
        w0, low0, low_last = words[0], lows[p], lows[q - 1]
        if n_tok == 1 and (len(w0) == 1 or low0 in FUNCTION):
            return
        if low_last in EVENT_HEADS or (n_tok == 1 and low0 in GENERIC):
            return  # events ("World Cup", "U.S. Open") and lone generic words ("League")
        if initial and n_tok == 1 and q < len(texts) and texts[q] == ":" and not _known(words):
            return  # a label: "Attendance :", "NOTE :"
        prev = lows[p - 1] if p > 0 else ""
        nxt = lows[q] if q < len(texts) else ""
        kn = _known(words)
        if kn and kn[0] != n_tok:
            kn = None
        kind = kn[3] if kn else None
        last_f = _flags(words[-1])
        first_f = _flags(w0)
        typ, strength, why = None, 0.0, ""
        # "the official Tanjug news agency", "news agency WAM": the noun beats a generic title.
        org_noun = not initial and n_tok <= 3 and (
            nxt in ORG_NOUNS or (nxt == "news" and q + 1 < len(texts) and lows[q + 1] in ORG_NOUNS)
            or (prev in ORG_NOUNS and not first_f & W_FIRST))
        if kn:
            typ, strength, why = kn[1], 3.0, "known"
            if kind == CITY and n_tok == 1:
                # many towns are also surnames or first names: "Clinton", "Dole", "Kent"
                strength = 1.2 if first_f & (W_FIRST | W_SURNAME) else 2.0
            if n_tok == 1 and kind not in (COUNTRY, ORGN) and not org_noun and (titled or (
                    nxt in SPEECH and kind == CITY and first_f & (W_FIRST | W_SURNAME))):
                typ, strength, why = "PERSON", 2.0, "known-said"  # "Gore said"
        elif n_tok >= 2 and (last_f & W_ORGKEY or "&" in words):
            typ, strength, why = "ORG", 3.0, "org-head"
        elif n_tok >= 3 and (first_f & W_ORGKEY or low0 in OF_HEADS) \
                and any(w in OF_WORDS for w in words):
            typ, strength, why = "ORG", 3.0, "org-of"
        elif n_tok >= 2 and (low_last in LOC_HEADS or low0 in LOC_FIRST):
            typ, strength, why = "LOC", 2.5, "loc-head"  # "Taiwan Strait", "Allenby Bridge", "Lake Victoria"
        elif org_noun and not (titled and first_f & W_FIRST):
            typ, strength, why = "ORG", 2.5, "org-noun"  # "Tanjug news agency", "the Petrojam refinery"
        elif titled:
            typ, strength, why = "PERSON", 3.0, "titled"
        elif n_tok >= 2 and not first_f & W_FIRST and (low0 in ("radio", "television", "tv") or (
                first_f & W_ORGKEY and _known(words[1:]))):
            typ, strength, why = "ORG", 2.0, "org-first"  # "Air France", "Radio Kiskeya"
        elif self.sports and n_tok >= 2 and _known(words[:-1]) and _plural(words[-1]):
            typ, strength, why = "ORG", 2.5, "team-plural"  # "Houston Astros", "St. Louis Cardinals"
        elif n_tok >= 3 and any(w in PARTICLES for w in words[1:-1]) and not first_f & W_ORGKEY:
            typ, strength, why = "PERSON", 2.0, "particle"  # "Nikolaus van der Pas", "Luiz da Silva"
        elif n_tok >= 2 and (first_f & W_FIRST or _INITIAL.match(w0)):
            typ, strength, why = "PERSON", 2.5, "first-name"
        elif n_tok == 1 and _is_acronym(w0) and nxt not in (":", "$"):
            typ, strength, why = "ORG", 2.0, "acronym"
        elif self.sports and n_tok >= 2 and (_known(words[:1]) or (_known(words[-1:]) and not last_f & W_SURNAME)):
            typ, strength, why = "ORG", 1.5, "team-place"  # "Bayern Munich", "Glasgow Rangers"
        elif nxt in ORG_NOUNS and n_tok <= 3 and not initial:
            typ, strength, why = "ORG", 1.5, "org-noun"  # "the Petrojam refinery"
        elif nxt in ORG_STAFF and n_tok <= 3 and not first_f & (W_FIRST | W_SURNAME):
            typ, strength, why = "ORG", 1.2, "org-staff"  # "a Zenith spokesman", "Cofinec shares"
        elif nxt in SPEECH or prev in SPEECH or (nxt == "," and q + 1 < len(texts) and texts[q + 1] == "who"):
            typ, strength, why = "PERSON", 1.5, "speech"
        elif 2 <= n_tok <= 3 and self.sports:
            # unknown words: in sports copy mostly players (elsewhere as often organisations,
            # events or nothing: left to the document)
            typ, strength, why = "PERSON", 1.5 if last_f & W_SURNAME else 1.0, "unknown-words"
        elif n_tok == 1 and prev in STRONG_LOC_PREPS:
            typ, strength, why = "LOC", 0.5, "in-word"
        elif n_tok == 1 and self.sports and first_f & W_SURNAME and not initial:
            typ, strength, why = "PERSON", 0.5, "surname"
        elif self.sports and n_tok == 1 and prev == "the" and _plural(w0) and not first_f & W_SURNAME:
            typ, strength, why = "ORG", 1.0, "the-plural"  # "the Yankees", "the Greens"
        elif n_tok == 1 and prev == "the" and first_f & W_ORGKEY:
            typ, strength, why = "ORG", 1.0, "the-org"  # "the Commission", "the Senate"
        if typ == "PERSON" and not titled and any(w in GENERIC for w in lows[p:q]):
            typ = None  # "National League", "Major League Baseball"
        if self.sports and typ != "PERSON":
            # teams: cities and counties, not after "in"/"at"; countries stay places
            if kind in (CITY, None) and prev not in VENUE_PREPS and (kind == CITY or w0.endswith("shire")):
                typ, strength, why = "ORG", 2.5, "team-city"
            elif kind == CITY and prev in VENUE_PREPS:
                strength, why = 3.0, "venue"  # "in Atlanta": the place, whatever the teams are
            if table and nxt[:1].isdigit() and kind not in (COUNTRY, REGION):
                typ, strength, why = "ORG", 3.0, "table"  # "Leeds 2 Arsenal 1", standings rows
        if self.sports and table == "teams" and nxt[:1].isdigit() and typ == "PERSON" and not titled \
                and kind not in (COUNTRY, REGION):
            typ, strength, why = "ORG", 3.0, "teams"  # a club named like a person: "Crystal Palace"
        if n_tok == 1 and first_f & W_REGION_ADJ and not kn and nxt[:1].islower():
            return  # "Caribbean nations": an adjective
        start, end = toks.starts[p], toks.ends[q - 1]
        c = _Cand(start, end, self.text[start:end], typ, strength, si, words, kind)
        c.role, c.country, c.table, c.why, c.initial = role, country, table, why, initial
        self.cands.append(c)

    # -- document level --------------------------------------------------------------------

    def _document(self) -> set[str]:
        """Give each candidate the type the document's evidence for its string supports;
        returns the surnames of the document's persons."""
        surnames: set[str] = set()
        org_heads: set[str] = set()
        votes: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
        for c in self.cands:
            if c.type is None:
                continue
            v = votes[c.text][c.type]
            v[0] = max(v[0], c.strength)
            v[1] += c.strength
            if c.type == "PERSON" and c.strength >= 1.0 and (len(c.words) >= 2 or c.strength >= 3.0):
                surnames.add(c.words[-1])
            elif c.type == "ORG" and len(c.words) >= 2 and c.strength >= 2.5 and c.words[0][:1].isupper():
                org_heads.add(c.words[0])  # "Barrick" after "Barrick Gold Corp"
        best = {}
        for s, v in votes.items():
            t = max(v, key=lambda k: v[k])  # the strongest evidence, then the most
            best[s] = (t, v[t][0])
        # a full name, then the last name alone in running text: "Jimi Hendrix ... Hendrix said"
        singles = {c.text for c in self.cands if len(c.words) == 1 and not c.initial and not c.table
                   and c.kind is None and c.text.lower() not in self.lower}
        lower = self.lower
        for c in self.cands:
            if c.type is None and 2 <= len(c.words) <= 3 and c.words[-1] in singles and not c.table \
                    and all(w[:1].isupper() and w[1:2].islower() and w.lower() not in lower
                            and not _DIGIT.search(w) and not _flags(w) & W_ORGKEY for w in c.words):
                c.type, c.strength, c.why = "PERSON", 1.5, "doc-repeat"
                surnames.add(c.words[-1])
        for c in self.cands:
            if len(c.words) == 1 and c.text in surnames and not (c.kind == COUNTRY and c.strength >= 3.0):
                c.type, c.strength = "PERSON", max(c.strength, 2.5)
                continue
            if len(c.words) == 1 and c.text in org_heads and c.kind is None and c.strength < 2.5 and not c.table:
                c.type, c.strength = "ORG", 2.5
                continue
            b = best.get(c.text)
            if b and b[0] != c.type and b[1] > c.strength and not c.table:
                c.type = b[0]
        return surnames

    def _by_upper(self, surnames: set[str]) -> dict[str, str]:
        """The names read in mixed case so far, upper-cased, with their types: what an
        ALL-CAPS line may be trusted to name."""
        by_upper: dict[str, str] = {}
        for c in self.cands:
            if c.type:
                by_upper.setdefault(c.text.upper(), c.type)
        for s in surnames:
            by_upper.setdefault(s.upper(), "PERSON")
        return by_upper

    # -- ALL-CAPS lines --------------------------------------------------------------------

    def _caps_sentence(self, si: int, toks: _Tokens) -> None:
        texts = toks.texts
        n = len(texts)
        dateline = n >= 2 and bool(_DATE.match(texts[-1]) or "REUTERS" in texts[:6])
        nums = sum(1 for t in texts if t[0].isdigit())
        table = not dateline and nums >= 2 and nums * 3 >= n
        i = 0
        while i < n:
            t = texts[i]
            if not t[0].isalpha() or (len(t) < 3 and "." not in t and not (t in ("ST", "MT") and i + 1 < n)
                                      and not (t in ("US", "UK", "EU", "UN"))) \
                    or (t.lower() in FUNCTION and t != "US") or t.lower() in NEVER or t in SPORTS \
                    or t.lower() in _demonyms():
                i += 1
                continue
            found = None
            for q in range(min(n, i + 5), i, -1):
                if not texts[q - 1][0].isalpha():
                    continue
                if any(w.lower() in FUNCTION for w in texts[i + 1:q]):
                    continue
                typ = self.by_upper.get(" ".join(texts[i:q]))
                if typ:
                    found = (q, typ, None)
                    break
            q = i + 1
            while q < min(n, i + 6) and (texts[q][0].isalnum() or texts[q] == "&"):
                q += 1  # a name never runs over punctuation: "SOUTH AFRICA ."
            kn = _known(texts[i:q])
            if kn and (not found or kn[0] > found[0] - i):
                typ = kn[1]
                if self.sports and not dateline and (i == 0 or texts[i - 1] not in ("IN", "AT")) and (
                        kn[3] == CITY or (table and kn[3] == STATE)):
                    typ = "ORG"
                found = (i + kn[0], typ, kn[3])
            if found:
                q, typ, kind = found
                if dateline and i == 0 and typ == "ORG":
                    typ = "GPE"
                start, end = toks.starts[i], toks.ends[q - 1]
                self.cands.append(_Cand(start, end, self.text[start:end], typ, 2.0, si, texts[i:q], kind))
                i = q
            else:
                i += 1

    def _emit(self) -> list[Mention]:
        out = []
        last_end = -1
        for c in sorted(self.cands, key=lambda c: (c.start, -c.end)):
            if c.type is None or c.start < last_end:
                continue
            out.append(Mention(c.start, c.end, c.text, c.type, c.sentence, role=c.role, country=c.country))
            last_end = c.end
        return out


def propose(text: str, sentences: list[Sentence]) -> list[Mention]:
    """PERSON, ORG, GPE and LOC mentions in `text`, typed by rules (see the module docstring)."""
    if not text or not sentences:
        return []
    return _Doc(text, sentences).run()
