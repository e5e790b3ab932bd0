"""Document-level actor resolution: proposed mentions in, canonical actors with roles out.

`resolve_document(text, sentences, mentions)` works on whatever a proposer found, and has the
last word on spans, names, types, roles and countries:

1. Spans are cleaned. A person mention loses any title, demonym, party word ("Democrat Doug
   Jones"), determiner or possessive it began with ("State Rex Tillerson" -> "Rex Tillerson",
   "Mexican Foreign Minister Luis Videgaray" -> "Luis Videgaray", "Means Committee Chairman
   Kevin Brady" -> "Kevin Brady"); every mention loses a possessive or punctuation at either end
   ("Luis Videgaray’s", "’s Petrocaribe", "Caracas’"). A non-person span that reads TITLE NAME
   ("Russian President Vladimir Putin" proposed as ORG) is a person. Mentions left with nothing
   that can name an actor (a demonym or region adjective, a title, a lowercase phrase, a pronoun
   or contraction, a party: "Senate Republicans") are removed from the list given. Places the
   proposer split at "and"/"of" are joined when the whole is one country ("Trinidad" + "Tobago"
   -> "Trinidad and Tobago"). Of overlapping mentions the longer stays.
2. Names are made canonical with the gazetteer: countries by any alias ("St. Lucia", "U.S."),
   cities, regions, organisations; a type the gazetteer contradicts is corrected (a country is a
   GPE whatever the proposer said; a person-typed capital is the GPE; a person-typed span ending
   in an organisation keyword is an ORG; a place or organisation spelled like a person of the
   document, or like the surname of one, is that person). An acronym is the organisation it is defined for in this
   document ("Organization of American States (OAS)"), else the gazetteer's, else the one
   organisation of the document whose initials it is. A person's bare surname or shorter form is
   the one full name of the document it ends ("Videgaray" -> "Luis Videgaray"); when several fit,
   the nearest full name before it.
3. Roles come from the text around each person mention (see `roles`): premodifiers, appositives,
   and counterparts, who take the role of the person they are counterpart to (the nearest person
   before them in the sentence, else in the sentence before) with their own country. A role stated
   without a country takes the country the same person's same title has elsewhere in the document
   ("President Nicolas Maduro" after "Venezuelan President Nicolas Maduro"); otherwise it stays
   None.
4. Descriptions ("Mexico’s foreign minister", "the Mexican foreign minister") become PERSON
   mentions of a named person when the document has exactly one person holding that title for
   that country, or failing that exactly one person holding that title at all whose country is
   the description's. The mention covers the title words only, so it never overlaps the place
   mention in "Mexico’s". They are added to the list given.
5. Countries: a person's is the most frequent country of their roles (or of a bare demonym before
   their name), an organisation's the gazetteer's, else a demonym or possessive before it
   ("Venezuelan national oil company PDVSA"), else a trailing "of COUNTRY" in its name; a
   country's is itself; a city's is the country it is the capital of, so a metonym like
   "Caracas" stays the GPE "Caracas" and links to Venezuela.

Demonyms. A demonym ("Mexican", "Jamaican") is never an actor and never a mention in the list
given (the extraction contract lists names only). Every demonym in the text outside a name does
count for its country: it is added to that country's `Actor.mentions` as a Mention of type GPE
whose text is the demonym ("Mexican", actor "Mexico"), creating the country actor when the text
never names it, so `len(actor.mentions)` measures how much the document is about the country.
`is_demonym_mention(actor, mention)` tells those apart: their text is not among the actor's
`aliases`. Demonyms also give the country of the person or organisation they modify.

Cross-article identity: `merge_key(actor)` ("person:luis videgaray", "gpe:saint lucia",
"org:organization of american states") and `CorpusIndex`, which folds a document's bare surnames
and undefined acronyms into the one corpus actor they can mean.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import and_

from briefing.analysis.actors import roles as R
from briefing.analysis.actors.gazetteer import gazetteer
from briefing.analysis.actors.model import Actor, Mention, Role, Sentence

__all__ = ["resolve_document", "merge_key", "fold", "CorpusIndex", "is_acronym",
           "is_demonym_mention", "surname_keys"]

# Capitalised words that never start or make a name on their own.
_FUNCTION_CAPS = frozenset("""
the a an his her its their our my your this that these those he she it they we i you there here
mr mrs ms miss messrs dr sir dame madam
""".split())
_HONORIFICS = frozenset("mr mrs ms miss messrs mme dr prof sir dame madam".split())
# Last words of place names ("Prince Edward Island"), which never end a person's name.
_PLACE_HEADS = frozenset("""
island islands isle isles river lake lakes mount mountain mountains bay gulf sea ocean strait
county province state city town village street avenue road square valley coast peninsula park
bridge airport station harbour harbor port canal desert forest falls heights hills
""".split())
_KEEP_DOT = frozenset("inc corp co ltd plc jr sr bros llc cos".split())
_NOT_A_NAME = _FUNCTION_CAPS | R.STOP  # a lone word that names nothing
_ACRONYM_STOP = frozenset("of the and for de del la le des du da di von van y et on in at to".split())
_JOIN = re.compile(r"\s+(?:and|of|&)(?:\s+the)?\s+|\s+|\s*-\s*")
_ACRONYM_DEF = re.compile(r"\s*\(\s*(?:the\s+)?([A-Z][A-Za-z0-9.&-]{1,11})\s*\)")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,8}|[A-Z][A-Z0-9&-]{1,9}")
_LEADING_THE = re.compile(r"^(?:[Tt]he)\s+")
_OPEN_PAREN = re.compile(r"\s*\(\s*")
_OF_COUNTRY = re.compile(r"\bof\s+(?:the\s+)?(.+)$")


# --- text helpers -------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lowercase, without diacritics, straight apostrophes, no dots, single spaces."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").replace("‘", "'").replace("`", "'").replace(".", "")
    s = re.sub(r"\s*-\s*", " ", s)
    return " ".join(s.casefold().split())


def merge_key(actor: Actor) -> str:
    """The cross-article identity of an actor: its type and folded canonical name."""
    return f"{actor.type.lower()}:{fold(actor.name)}"


@lru_cache(maxsize=65536)  # asked several times for every mention
def is_acronym(s: str) -> bool:
    """"OAS", "U.N.", "PDVSA", "AT&T": short, all capitals."""
    return bool(_ACRONYM.fullmatch(s)) and sum(c.isupper() for c in s) >= 2


def _acronym_letters(s: str) -> str:
    return "".join(c for c in s if c.isalnum()).upper()


@lru_cache(maxsize=8192)  # asked for every organisation of a document, per acronym
def _initials(name: str, skip_stop: bool = True) -> str:
    words = re.findall(r"[^\W_]+", name)
    return "".join(w[0].upper() for w in words if not (skip_stop and w.lower() in _ACRONYM_STOP))


def _acronym_fits(acronym: str, name: str) -> bool:
    """Is `acronym` plausibly made from `name`? Its letters must appear, in order, among the
    name's word initials (function words optional), starting with the first word's."""
    letters = _acronym_letters(acronym)
    initials = _initials(name, skip_stop=False)
    if not letters or not initials or letters[0] != initials[0]:
        return False
    if letters in (initials, _initials(name)):
        return True
    it = iter(initials)
    return all(c in it for c in letters) and len(letters) >= len(_initials(name)) - 1


def surname_keys(name: str) -> list[str]:
    """The folded shorter forms a person's full name can appear as alone: every proper
    suffix ("Kamina Johnson Smith" -> "johnson smith", "smith")."""
    words = fold(name).split()
    return [" ".join(words[k:]) for k in range(1, len(words))]


def is_demonym_mention(actor: Actor, mention: Mention) -> bool:
    """A mention `resolve_document` added to a country for a demonym ("Mexican")."""
    return mention.text not in actor.aliases and mention.role is None and actor.type == "GPE"


def _sentence_index(sentences: list[Sentence], starts: list[int], offset: int) -> int:
    if not sentences:
        return 0
    return max(0, bisect_right(starts, offset) - 1)


# --- the resolver -------------------------------------------------------------------------------

@dataclass(slots=True)
class _Info:
    """What resolution learned about one mention."""

    key: tuple = ()
    canonical: str = ""
    country: str | None = None  # affiliation (org) or containing country (place)
    acronym: str | None = None
    known_org: bool = False  # a gazetteer organisation: its country (or none) is settled
    words: Sequence[str] = ()  # folded name words (persons)
    p: int = 0  # first token index
    q: int = 0  # token index after the last


class _Resolver:
    def __init__(self, text: str, sentences: list[Sentence], g) -> None:
        self.text = text
        self.sentences = sentences
        self._sent_starts = [s.start for s in sentences]
        self.g = g
        self.tokens = R.tokenize(text)
        self.rd = R.Reader(text, self.tokens, g)
        self.info: dict[int, _Info] = {}

    def sentence_of(self, offset: int) -> int:
        return _sentence_index(self.sentences, self._sent_starts, offset)

    def span(self, m: Mention) -> tuple[int, int]:
        """Token indices [p, q) covering the mention."""
        starts = self.tokens.starts
        return bisect_left(starts, m.start), bisect_left(starts, m.end)

    # --- 1. cleaning -------------------------------------------------------------------------

    def _known_whole(self, s: str) -> bool:
        g = self.g
        return bool(g.org(s) or g.country(s) or g.canonical_place(s))

    def _title_cover(self, k: int) -> int | None:
        """End index of a title covering token k (started at or before it), else None."""
        best = None
        for j in range(max(0, k - 6), k + 1):
            t = self.rd.title_at(j)
            if t and j + t[0] > k:
                best = max(best or 0, j + t[0])
        return best

    def clean(self, m: Mention) -> bool:
        tk = self.tokens
        words, lows, is_word, is_cap = tk.words, tk.lows, tk.is_word, tk.is_cap
        p, q = self.span(m)
        # a proposer span may end inside a token; cover whole tokens only
        while q > p and tk.ends[q - 1] > m.end:
            q -= 1
        if m.type != "PERSON" and self._titled_name(p, q):
            m.type = "PERSON"  # "Russian President Vladimir Putin" proposed as an ORG
        elif m.type == "PERSON" and q - p >= 2 and self._org_head(q - 1):
            m.type = "ORG"  # "Economist Intelligence Unit", "Judiciary Committee"
        person = m.type == "PERSON"
        # leading junk
        while p < q:
            low = lows[p]
            if not is_word[p] or not is_cap[p] or _contraction(low):
                p += 1
                continue
            if len(words[p]) == 1 and self.rd.low(p + 1) == "." and p + 1 < q:
                break  # an initial: "A. Hollioake", "I. Austin"
            if person and low in R.PARTY:
                p += 1
                continue
            if low in _FUNCTION_CAPS:
                if low in _HONORIFICS or not self._known_whole(self.rd.slice(p, q)):
                    p += 1
                    continue
                break
            if person:
                end = self._title_cover(p)
                if end is not None and end < q:
                    p = end
                    continue
                if p + 1 < q and self.rd.demonym(p, p + 1) and not self.g.is_first_name(words[p]):
                    p += 1
                    continue
                c = self.rd.country_starting_at(p)
                if c and c[1] < q and (c[2] or self.rd.title_at(c[1])):
                    p = c[1]
                    continue
                if low == R.COUNTERPART:
                    p += 1
                    continue
            break
        # trailing junk
        while q > p:
            k = q - 1
            if is_word[k] and is_cap[k]:
                break
            if words[k] == "." and q - 2 >= p and lows[q - 2] in _KEEP_DOT \
                    and tk.ends[q - 2] == tk.starts[k]:
                break
            if words[k][0].isdigit() and q - 1 > p:
                break
            q -= 1
        if person and p < q:
            p = self._after_inner_title(p, q)
            if lows[q - 1] in R.PARTY:
                return False  # "Alabama Republican", "Senate Democrats": not a person
        if p >= q:
            return False
        word_flags = is_word[p:q]
        n_words = sum(word_flags)
        if not any(map(and_, word_flags, is_cap[p:q])):
            return False
        if n_words == 1 and lows[p + word_flags.index(True)] in _NOT_A_NAME:
            return False
        whole = self.rd.slice(p, q)
        if not (self.g.country(whole) or self.g.region(whole)):
            if all(self.g.demonym(words[k]) or not is_word[k] for k in range(p, q)) \
                    or self.g.demonym(whole) or self.g.region_adjective(whole):
                return False  # "Mexican", "Mexican-Jamaican", "South American": adjectives
        t0 = self.g.title(whole)
        if t0 and (n_words > 1 or t0[1] == "honorific" or not self.g.is_surname(whole)):
            return False  # only a title: "Foreign Minister", "President" (but "King" may be a name)
        m.start, m.end = tk.starts[p], tk.ends[q - 1]
        m.text = self.text[m.start:m.end]
        return True

    def _org_head(self, k: int) -> bool:
        """tokens[k] is a capitalised word that ends organisation names: "Unit", "Committee",
        "Corp"."""
        tk = self.tokens
        return tk.is_word[k] and tk.is_cap[k] and (
            tk.lows[k] in R.ORG_HEADS or self.g.is_org_keyword(tk.words[k]))

    def _reads_as_name(self, k: int, q: int) -> bool:
        """tokens[k:q] read as a person's name: capitalised words, the first a known given name
        (or a lone known surname), the last no organisation keyword."""
        g = self.g
        tk = self.tokens
        rest = [x for x in range(k, q) if tk.is_word[x]]
        if not rest or not all(tk.is_cap[x] for x in rest) or self._org_head(rest[-1]) \
                or tk.lows[rest[-1]] in _PLACE_HEADS:
            return False
        first = tk.words[rest[0]]
        if len(rest) == 1:
            return g.is_surname(first) or g.is_first_name(first)
        return g.is_first_name(first)

    def _titled_name(self, p: int, q: int) -> bool:
        """tokens[p:q] hold a capitalised title followed by what reads as a name, and are not
        a place or organisation as a whole."""
        for k in range(p, q - 1):
            t = self.rd.title_at(k)
            if not t or not self.tokens.is_cap[k] or k + t[0] >= q:
                continue
            tail = self.rd.slice(k + t[0], q)
            if self.g.canonical_place(tail) or self.g.org(tail):
                continue
            if self._reads_as_name(k + t[0], q):
                return not self._known_whole(self.rd.slice(p, q))  # asked last: rarely needed
        return False

    def _after_inner_title(self, p: int, q: int) -> int:
        """Where the name starts in a person span with a capitalised title inside it ("Means
        Committee Chairman Kevin Brady" -> "Kevin Brady"); `p` when there is none."""
        start = p
        for k in range(p + 1, q - 1):
            t = self.rd.title_at(k)
            if t and k + t[0] < q and all(self.tokens.is_cap[x] for x in range(k, k + t[0])
                                          if self.tokens.is_word[x]) \
                    and self._reads_as_name(k + t[0], q):
                start = k + t[0]
        return start

    def join_places(self, ms: list[Mention]) -> list[Mention]:
        """Join place mentions a proposer split: "Trinidad" + "and" + "Tobago"."""
        out: list[Mention] = []
        for m in ms:
            if out:
                prev = out[-1]
                gap = self.text[prev.end:m.start]
                if prev.type in ("GPE", "LOC") and m.type in ("GPE", "LOC") \
                        and len(gap) <= 9 and _JOIN.fullmatch(gap or " ") and gap:
                    whole = self.text[prev.start:m.end]
                    c = self.g.country(whole)
                    if c and not (self.g.country(prev.text) and self.g.country(m.text)
                                  and c.name != whole and fold(c.name) != fold(whole)):
                        prev.end, prev.text, prev.type = m.end, whole, "GPE"
                        continue
            out.append(m)
        return out

    @staticmethod
    def drop_overlaps(ms: list[Mention]) -> list[Mention]:
        ms = sorted(ms, key=lambda m: (m.start, -(m.end - m.start)))
        out: list[Mention] = []
        for m in ms:
            if out and m.start < out[-1].end:
                if m.end - m.start > out[-1].end - out[-1].start:
                    out[-1] = m
                continue
            out.append(m)
        return out

    # --- 2. names ----------------------------------------------------------------------------

    def place(self, s: str, cities: bool = True) -> tuple[str, str, str | None] | None:
        """(type, canonical, country) of a place name: a country (its own country), a region
        or US state, or (with `cities`) a city, whose country is the one it is the capital of,
        else the country of the best-known city of that name."""
        g = self.g
        cands = [s]
        if s.isupper() and len(s) > 3:
            cands.append(s.title())
        for c in cands:
            country = g.country(c)
            if country:
                return "GPE", country.name, country.name
            region = g.region(c)
            if region:
                return g.region_type(c) or "LOC", region, None
            state = g.us_state(c)
            if state:
                return "GPE", state, "United States"
            if cities:
                city = g.city_name(c)
                if city:
                    cap = g.capital_of(c) or g.capital_of(city)
                    return "GPE", city, cap.name if cap else g.city(c)
        return None

    def _known_elsewhere(self, s: str) -> bool:
        """A country, capital, US state or known organisation: never a person's surname."""
        g = self.g
        return bool(g.country(s) or g.capital_of(s) or g.us_state(s) or g.org(s))

    def classify(self, m: Mention, person_words: set[str]) -> _Info:
        """Type and canonical name of a non-person mention (or a person mention the gazetteer
        knows to be a place or organisation)."""
        g = self.g
        s = m.text
        if m.type == "PERSON":
            if fold(s) not in person_words:
                pl = self.place(s, cities=False)
                if pl is None and g.capital_of(s):  # "Moscow said": a capital, never a city
                    pl = self.place(s)               # that merely shares a surname
                if pl:
                    m.type = pl[0]
                    return _Info(key=(pl[0], fold(pl[1])), canonical=pl[1], country=pl[2])
            org = g.org(s)
            if org and not g.is_first_name(s.split()[0]):
                m.type = "ORG"
                return self._org_info(org)
            return _Info()
        org = g.org(s)
        pl = self.place(s, cities=m.type != "ORG")
        if m.type == "ORG" and org:
            return self._org_info(org)
        if pl and m.type == "ORG" and not g.country(pl[1]):
            pl = None  # a proposer's ORG named like a state or region is a team or body there
        if pl:
            m.type = pl[0]
            return _Info(key=(pl[0], fold(pl[1])), canonical=pl[1], country=pl[2])
        if org:
            m.type = "ORG"
            return self._org_info(org)
        name = s
        if m.type == "ORG":
            name = _LEADING_THE.sub("", s)
        return _Info(key=(m.type, fold(name)), canonical=name)

    @staticmethod
    def _org_info(org) -> _Info:
        acronyms = list(getattr(org, "acronyms", ()) or ())
        return _Info(key=("ORG", fold(org.name)), canonical=org.name, country=org.country,
                     acronym=acronyms[0] if acronyms else None, known_org=True)

    def acronym_definitions(self, ms: list[Mention]) -> dict[str, tuple]:
        """Acronym letters -> (key, canonical, country, acronym) for "Name (ACR)" and
        "ACR (Name)" in this document."""
        out: dict[str, tuple] = {}
        by_start = {m.start: m for m in ms}
        for m in ms:
            if m.type == "PERSON":
                continue
            mt = _ACRONYM_DEF.match(self.text, m.end)
            if mt and is_acronym(mt.group(1)) and not is_acronym(m.text):
                info = self.info[id(m)]
                if info.key and info.key[0] in ("ORG", "GPE", "LOC") and \
                        _acronym_fits(mt.group(1), info.canonical):
                    acr = mt.group(1)
                    if info.key[0] != "ORG" and not self.g.country(info.canonical):
                        info.key = ("ORG",) + info.key[1:]
                        m.type = "ORG"
                    if info.key[0] == "ORG":
                        info.acronym = acr
                        out[_acronym_letters(acr)] = (info.key, info.canonical, info.country, acr)
                continue
            if is_acronym(m.text):
                rest = _OPEN_PAREN.match(self.text, m.end)
                if rest:
                    inner = by_start.get(rest.end())
                    if inner and inner.type != "PERSON" and \
                            _acronym_fits(m.text, self.info[id(inner)].canonical):
                        info = self.info[id(inner)]
                        if info.key and info.key[0] == "ORG":
                            info.acronym = m.text
                            out[_acronym_letters(m.text)] = (info.key, info.canonical,
                                                             info.country, m.text)
        return out

    def resolve_acronyms(self, ms: list[Mention], defined: dict[str, tuple]) -> None:
        """Acronyms not defined in the document: the gazetteer's organisation, else the one
        organisation of the document whose initials they are."""
        orgs = {}
        for m in ms:
            info = self.info[id(m)]
            if info.key and info.key[0] == "ORG" and not is_acronym(info.canonical):
                orgs[info.key] = info
        for m in ms:
            info = self.info[id(m)]
            if m.type == "PERSON" or not is_acronym(m.text) or not info.key:
                continue
            if info.key[0] == "ORG" and not is_acronym(info.canonical):
                continue  # already a full name (gazetteer or definition)
            if info.key[0] in ("GPE", "LOC") and info.canonical != m.text:
                continue  # "U.S." is a country
            letters = _acronym_letters(m.text)
            fits = [o for o in orgs.values()
                    if letters in (_initials(o.canonical), _initials(o.canonical, False))]
            if len(fits) == 1:
                o = fits[0]
                m.type = "ORG"
                self.info[id(m)] = _Info(key=o.key, canonical=o.canonical, country=o.country,
                                         acronym=m.text)
                if not o.acronym:
                    o.acronym = m.text

    # --- persons -----------------------------------------------------------------------------

    def cluster_persons(self, persons: list[Mention]) -> None:
        """Give every person mention a cluster key and canonical name."""
        fulls: dict[str, list[Mention]] = {}
        for m in persons:
            info = self.info[id(m)]
            words = [fold(self.tokens.words[k]) for k in range(info.p, info.q)
                     if self.tokens.is_word[k]]
            info.words = words
            if len(words) >= 2:
                fulls.setdefault(" ".join(words), []).append(m)
        # shorter full names into the one longer name that contains them
        names = sorted(fulls, key=lambda n: -len(n.split()))
        parent: dict[str, str] = {}
        for n in names:
            w = n.split()
            cands = [o for o in names if len(o.split()) > len(w) and o not in parent
                     and _contains_name(o.split(), w)]
            if len(cands) == 1:
                parent[n] = cands[0]

        def root(n: str) -> str:
            while n in parent:
                n = parent[n]
            return n

        roots = sorted({root(n) for n in fulls})
        first_seen = {r: min(m.start for n in fulls if root(n) == r for m in fulls[n])
                      for r in roots}
        for n, ms in fulls.items():
            r = root(n)
            for m in ms:
                self.info[id(m)].key = ("PERSON", r)
        # single words: the full name whose later words contain it
        for m in persons:
            info = self.info[id(m)]
            if len(info.words) != 1:
                continue
            word = info.words[0]
            cands = [r for r in roots if word in r.split()[1:]]
            last = [r for r in cands if r.split()[-1] == word]
            cands = last or cands or [r for r in roots if r.split()[0] == word]
            if len(cands) > 1:
                before = [r for r in cands if first_seen[r] < m.start]
                if before:
                    cands = [max(before, key=lambda r: max(
                        x.start for x in persons
                        if self.info[id(x)].key == ("PERSON", r) and x.start < m.start))]
                else:
                    cands = [min(cands, key=lambda r: first_seen[r])]
            info.key = ("PERSON", cands[0] if cands else word)
        # canonical: the longest surface form, as written in running text rather than in an
        # all-caps headline, first seen on ties
        best: dict[tuple, Mention] = {}

        def score(x: Mention) -> tuple[int, bool]:
            return len(self.info[id(x)].words), not x.text.isupper()

        for m in persons:
            k = self.info[id(m)].key
            cur = best.get(k)
            if cur is None or score(m) > score(cur):
                best[k] = m
        for m in persons:
            self.info[id(m)].canonical = best[self.info[id(m)].key].text

    # --- roles ---------------------------------------------------------------------------------

    def canonical_title(self, role: str | None) -> str | None:
        if not role:
            return None
        t = self.g.title(role)
        return t[0] if t else role

    def person_roles(self, persons: list[Mention]) -> list[tuple[int, int]]:
        """Set m.role/m.country from the text; return the character spans the role phrases
        used (appositives), which are not descriptions."""
        used: list[tuple[int, int]] = []
        for m in persons:
            info = self.info[id(m)]
            pre = self.rd.premodifier(info.p)
            app = self.rd.appositive(info.q)
            title = pre.title if pre else None
            country = pre.country if pre else None
            if app:
                used.append((app.start, app.end))
                if title is None:
                    title = app.title
                if country is None and (title == app.title or app.title is None):
                    country = app.country
            if title is None and m.role:
                title = self.canonical_title(m.role)
            if country is None and m.country:
                c = self.g.country(m.country)
                country = c.name if c else m.country
            m.role, m.country = title, country
        return used

    def counterparts(self, persons: list[Mention]) -> None:
        """A counterpart holds the role of the person they are counterpart to."""
        for idx, m in enumerate(persons):
            if m.role != R.COUNTERPART:
                continue
            key = self.info[id(m)].key
            ref = None
            for other in reversed(persons[:idx]):
                if self.info[id(other)].key == key:
                    continue
                if other.sentence in (m.sentence, m.sentence - 1):
                    ref = other
                    break
                if other.sentence < m.sentence - 1:
                    break
            title = None
            if ref is not None:
                if ref.role and ref.role != R.COUNTERPART:
                    title = ref.role
                else:
                    rkey = self.info[id(ref)].key
                    titles = [x.role for x in persons if self.info[id(x)].key == rkey
                              and x.role and x.role != R.COUNTERPART]
                    if titles:
                        title = titles[0]
            m.role = title

    # --- descriptions --------------------------------------------------------------------------

    def descriptions(self, persons_by_key: dict[tuple, Actor], kept: list[Mention],
                     used: list[tuple[int, int]]) -> list[Mention]:
        # a description only ever names someone already holding its title
        titles = {r.title for a in persons_by_key.values() for r in a.roles}
        if not titles:
            return []
        name_starts = {self.info[id(m)].p for m in kept if m.type == "PERSON"}
        spans = sorted([(m.start, m.end) for m in kept] + used)
        out: list[Mention] = []
        for d in self.rd.descriptions(name_starts, titles):
            if any(s < d.end and d.start < e for s, e in spans):
                continue
            exact = [a for a in persons_by_key.values()
                     if any(r.title == d.title and r.country == d.country for r in a.roles)]
            if len(exact) != 1:
                titled = [a for a in persons_by_key.values()
                          if any(r.title == d.title for r in a.roles)]
                exact = [a for a in titled if a.country == d.country] if len(titled) == 1 else []
            if len(exact) != 1:
                continue
            actor = exact[0]
            sent = self.sentence_of(d.start)
            mention = Mention(d.start, d.end, self.text[d.start:d.end], "PERSON", sent,
                              actor=actor.name, role=d.title, country=d.country)
            actor.mentions.append(mention)
            actor.roles.append(Role(d.title, d.country, sent))
            out.append(mention)
        return out

    # --- demonyms ------------------------------------------------------------------------------

    def demonyms(self, covered: list[tuple[int, int]]) -> list[tuple[Mention, object]]:
        """(Mention, Country) for every demonym outside a name."""
        tk = self.tokens
        words, lows, tok_starts, tok_ends = tk.words, tk.lows, tk.starts, tk.ends
        rd = self.rd
        may_start = self.g.may_start_demonym
        out = []
        sent_starts = set(self._sent_starts)
        covered = sorted(covered)
        starts = [s for s, _ in covered]
        after = 0
        for i in compress(range(len(tk)), map(and_, tk.is_word, tk.is_cap)):
            if i < after or not may_start(words[i]):
                continue  # inside the demonym just read, or a word no demonym starts with
            start = tok_starts[i]
            k = bisect_right(starts, start) - 1
            if k >= 0 and covered[k][0] <= start < covered[k][1]:
                continue
            n = 2 if rd.demonym(i, i + 2) else 1 if rd.demonym(i, i + 1) else 0
            if not n:
                continue
            if any(rd.country(i, i + j) for j in range(2, 5)):
                continue  # "Dominican Republic": part of a country's name
            if n == 1 and i > 0 and tk.is_word[i - 1] and tk.is_cap[i - 1] \
                    and tok_ends[i - 1] + 1 >= start and lows[i - 1] not in _FUNCTION_CAPS \
                    and lows[i - 1] not in R.STOP and tok_starts[i - 1] not in sent_starts \
                    and not rd.demonym(i - 1, i) and not rd.country(i - 1, i):
                continue  # "South American", "Anglo American": a larger proper adjective
            country = rd.demonym(i, i + n)
            end = tok_ends[i + n - 1]
            out.append((Mention(start, end, self.text[start:end], "GPE",
                                self.sentence_of(start), actor=country.name,
                                country=country.name), country))
            after = i + n
        return out

    # --- the whole document --------------------------------------------------------------------

    def run(self, mentions: list[Mention]) -> list[Actor]:
        g = self.g
        kept = [m for m in sorted(mentions, key=lambda m: (m.start, m.end)) if self.clean(m)]
        kept = self.drop_overlaps(self.join_places(kept))
        persons = [m for m in kept if m.type == "PERSON"]
        # surnames of the document's full-name persons, so "Jordan" stays a person there
        person_words: set[str] = set()
        for m in persons:
            words = fold(m.text).split()
            if len(words) >= 2:
                person_words.update(words[1:])
        full_names = {fold(m.text) for m in persons if len(m.text.split()) >= 2}
        for m in kept:
            if m.type == "PERSON":
                continue
            folded = fold(m.text)
            if folded in full_names or (m.type != "ORG" and folded in person_words
                                        and not is_acronym(m.text)
                                        and not self._known_elsewhere(m.text)):
                m.type = "PERSON"  # "Roy Moore" ... "Moore" proposed as a place
        for m in kept:
            info = self.info[id(m)] = self.classify(m, person_words)
            info.p, info.q = self.span(m)
        defined = self.acronym_definitions([m for m in kept if m.type != "PERSON"])
        for m in kept:
            info = self.info[id(m)]
            if m.type != "PERSON" and is_acronym(m.text) and _acronym_letters(m.text) in defined:
                d = defined[_acronym_letters(m.text)]
                m.type = "ORG"
                self.info[id(m)] = _Info(key=d[0], canonical=d[1], country=d[2], acronym=d[3],
                                         p=info.p, q=info.q)
        self.resolve_acronyms([m for m in kept if m.type != "PERSON"], defined)
        persons = [m for m in kept if m.type == "PERSON"]
        self.cluster_persons(persons)
        used = self.person_roles(persons)
        self.counterparts(persons)

        # actors
        actors: dict[tuple, Actor] = {}
        for m in kept:
            info = self.info[id(m)]
            a = actors.get(info.key)
            if a is None:
                a = actors[info.key] = Actor(info.canonical, m.type)
            elif a.name.isupper() and not info.canonical.isupper() \
                    and fold(a.name) == fold(info.canonical):
                a.name = info.canonical  # "REUTERS" from a headline, "Reuters" in the text
            a.mentions.append(m)
            a.aliases.add(m.text)
            if info.acronym and not a.acronym:
                a.acronym = info.acronym
        for a in actors.values():
            a.aliases.add(a.name)
            for m in a.mentions:
                m.actor = a.name

        # persons: roles and countries
        persons_by_key = {k: a for k, a in actors.items() if a.type == "PERSON"}
        for a in persons_by_key.values():
            for m in a.mentions:
                if m.role:
                    a.roles.append(Role(m.role, m.country, m.sentence))
            by_title: dict[str, set[str]] = {}
            for r in a.roles:
                if r.country:
                    by_title.setdefault(r.title, set()).add(r.country)
            for r in a.roles:
                if r.country is None and len(by_title.get(r.title, ())) == 1:
                    r.country = next(iter(by_title[r.title]))
            a.roles = _dedupe_roles(a.roles)
            a.country = _most_common([r.country for r in a.roles if r.country]
                                     + [m.country for m in a.mentions
                                        if m.country and not m.role])
        added = self.descriptions(persons_by_key, kept, used)
        for a in persons_by_key.values():
            a.roles = _dedupe_roles(a.roles)
            if a.country is None:
                a.country = _most_common([r.country for r in a.roles if r.country])

        # organisations and places: countries
        for key, a in actors.items():
            if a.type == "PERSON":
                continue
            if a.type == "ORG":
                infos = [self.info[id(m)] for m in a.mentions]
                if any(i.known_org for i in infos):
                    # "Portugal's EC partners" must not make the EC Portuguese.
                    a.country = _most_common([i.country for i in infos if i.known_org and i.country])
                    continue
                found = [i.country for i in infos if i.country]
                if not found:
                    for m in a.mentions:
                        rm = self.rd.org_country(self.info[id(m)].p)
                        if rm and rm.country:
                            found.append(rm.country)
                if not found:
                    mt = _OF_COUNTRY.search(a.name)
                    c = g.country(mt.group(1)) if mt else None
                    if c:
                        found.append(c.name)
                a.country = _most_common(found)
            else:
                a.country = _most_common([self.info[id(m)].country for m in a.mentions
                                          if self.info[id(m)].country])

        # demonyms count for their country
        covered = [(m.start, m.end) for m in kept + added]
        for dm, country in self.demonyms(covered):
            key = ("GPE", fold(country.name))
            a = actors.get(key)
            if a is None:
                a = actors[key] = Actor(country.name, "GPE", country.name, {country.name})
            a.mentions.append(dm)

        for a in actors.values():
            a.mentions.sort(key=lambda m: (m.start, m.end))
        mentions[:] = sorted(kept + added, key=lambda m: (m.start, m.end))
        return sorted(actors.values(), key=lambda a: (a.mentions[0].start, a.name))


_GENERATIONS = frozenset("jr sr ii iii iv".split())


def _contraction(low: str) -> bool:
    """"I’m", "We’ll", "There's": a pronoun or function word with a clitic."""
    for a in "’'":
        if a in low:
            head = low.split(a, 1)[0]
            return head in R.STOP or head in _FUNCTION_CAPS
    return False


def _contains_name(longer: list[str], shorter: list[str]) -> bool:
    """Is `shorter` a form of the name `longer`: a suffix ("Johnson Smith" of "Kamina Johnson
    Smith"), or its words in order keeping the first or the last ("Nicolas Maduro" of "Nicolas
    Maduro Moros", "George Bush" of "George W Bush")?"""
    if longer[-1] in _GENERATIONS and shorter[-1] != longer[-1]:
        return False  # "Donald Trump" is not "Donald Trump Jr."
    if longer[-len(shorter):] == shorter:
        return True
    if shorter[0] != longer[0] and shorter[-1] != longer[-1]:
        return False
    it = iter(longer)
    return all(w in it for w in shorter)


def _dedupe_roles(roles: list[Role]) -> list[Role]:
    """One role per (title, country), at its first sentence; a countryless role is dropped when
    the same title is known with a country."""
    seen: dict[tuple, Role] = {}
    for r in sorted(roles, key=lambda r: r.sentence):
        seen.setdefault((r.title, r.country), r)
    with_country = {t for t, c in seen if c}
    return [r for (t, c), r in seen.items() if c or t not in with_country]


def _most_common(values: list) -> str | None:
    values = [v for v in values if v]
    if len(values) <= 1:
        return values[0] if values else None
    counts = Counter(values)
    top = max(counts.values())
    return next(v for v in values if counts[v] == top)


def resolve_document(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Actor]:
    """Resolve one document's proposed mentions into actors. Mutates `mentions` in place: spans
    cleaned, junk removed, description mentions added, `actor` (and for persons `role` and
    `country`) set on each. Returns the actors in order of first mention."""
    if not mentions and not text:
        return []
    return _Resolver(text, sentences, gazetteer()).run(mentions)


# --- cross-article ------------------------------------------------------------------------------

class CorpusIndex:
    """What the corpus already knows, for what one document cannot: bare surnames and
    undefined acronyms.

    Build it from the store's actors table with `add(name, type, acronym)` per row (or
    `from_actors`), then `resolve(actors)` a new document's actors. A surname (or shorter
    form) resolves when exactly one known person's full name ends with it; an acronym when
    exactly one known organisation was defined with it. Ambiguous ones stay as they are.
    """

    def __init__(self) -> None:
        self.names: dict[str, tuple[str, str]] = {}  # key -> (name, type)
        self.surnames: dict[str, set[str]] = {}  # folded surname or shorter form -> keys
        self.acronyms: dict[str, set[str]] = {}  # acronym letters ("OAS") -> keys

    def add(self, name: str, type: str, acronym: str | None = None, key: str | None = None) -> str:
        key = key or f"{type.lower()}:{fold(name)}"
        self.names[key] = (name, type)
        if type == "PERSON":
            for s in surname_keys(name):
                self.surnames.setdefault(s, set()).add(key)
        if acronym and fold(acronym) != fold(name):
            self.acronyms.setdefault(_acronym_letters(acronym), set()).add(key)
        return key

    @classmethod
    def from_actors(cls, actors) -> CorpusIndex:
        index = cls()
        for a in actors:
            index.add(a.name, a.type, a.acronym)
        return index

    def person(self, name: str) -> str | None:
        """The key of the one known person `name` (a surname or shorter form) can mean."""
        keys = self.surnames.get(fold(name), set())
        return next(iter(keys)) if len(keys) == 1 else None

    def org(self, acronym: str) -> str | None:
        """The key of the one known organisation defined with `acronym`."""
        keys = self.acronyms.get(_acronym_letters(acronym), set())
        return next(iter(keys)) if len(keys) == 1 else None

    def lookup(self, actor: Actor) -> str | None:
        """The corpus key `actor` is a short form of, else None."""
        if actor.type == "PERSON":
            words = actor.name.split()
            if len(words) == 1 or not _first_name(words[0]):
                key = self.person(actor.name)
                if key and key != merge_key(actor):
                    return key
            return None
        if is_acronym(actor.name) and not (actor.acronym and fold(actor.acronym) != fold(actor.name)):
            key = self.org(actor.name)
            if key and key != merge_key(actor):
                return key
        return None

    def resolve(self, actors: list[Actor]) -> list[Actor]:
        """Rename a document's short-form actors to the corpus actor they mean (mentions'
        `actor` follows), merging actors that become one. Returns the new list."""
        out: dict[str, Actor] = {}
        for a in actors:
            key = self.lookup(a)
            if key:
                name, type_ = self.names[key]
                if a.type != "PERSON" and is_acronym(a.name):
                    a.acronym = a.name
                a.name, a.type = name, type_
                a.aliases.add(name)
                for m in a.mentions:
                    m.actor = name
                    if m.type != type_ and m.text in a.aliases:
                        m.type = type_
            k = merge_key(a)
            if k in out:
                _merge_into(out[k], a)
            else:
                out[k] = a
        return list(out.values())


def _first_name(word: str) -> bool:
    try:
        return bool(gazetteer().is_first_name(word))
    except ImportError:
        return False


def _merge_into(target: Actor, other: Actor) -> None:
    target.aliases |= other.aliases
    target.mentions = sorted(target.mentions + other.mentions, key=lambda m: (m.start, m.end))
    target.roles = _dedupe_roles(target.roles + other.roles)
    target.country = target.country or other.country
    target.acronym = target.acronym or other.acronym
