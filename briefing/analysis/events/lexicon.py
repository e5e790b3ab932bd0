"""Words that name events, the cues that set their modality, and their CAMEO codes.

General English written by hand. Each trigger is a word form with its event type, whether it
is a verb or a noun, and for verbs its tense (past forms report something done, base and
present forms take their modality from the words before them).
"""

from __future__ import annotations

from briefing.analysis.events.model import CANCELLED, NEGATED, ONGOING, PLANNED, REALIZED

VERB, NOUN = "verb", "noun"
BASE, PAST, ING, PRESENT = "base", "past", "ing", "present"


def _verb(type_: str, base: str, past: str, ing: str, present: str | None = None,
          participle: str | None = None) -> dict[str, tuple[str, str, str]]:
    forms = {base: (type_, VERB, BASE), past: (type_, VERB, PAST), ing: (type_, VERB, ING),
             present or base + "s": (type_, VERB, PRESENT)}
    if participle:
        forms[participle] = (type_, VERB, PAST)
    return forms


VERB_FORMS: dict[str, tuple[str, str, str]] = {}
NOUN_FORMS: dict[str, tuple[str, str, str]] = {}
for _args in (
    ("visit", "visit", "visited", "visiting"),
    ("visit", "travel", "travelled", "travelling"),
    ("visit", "travel", "traveled", "traveling"),
    ("visit", "tour", "toured", "touring"),
    ("visit", "arrive", "arrived", "arriving"),
    ("visit", "fly", "flew", "flying", "flies", "flown"),
    ("visit", "host", "hosted", "hosting"),
    ("meeting", "meet", "met", "meeting"),
    ("meeting", "confer", "conferred", "conferring"),
    ("announcement", "announce", "announced", "announcing"),
    ("announcement", "unveil", "unveiled", "unveiling"),
    ("agreement", "sign", "signed", "signing"),
    ("sanction", "sanction", "sanctioned", "sanctioning"),
    ("sanction", "impose", "imposed", "imposing"),
    ("vote", "vote", "voted", "voting"),
    ("vote", "abstain", "abstained", "abstaining"),
):
    VERB_FORMS.update(_verb(*_args))
for _word, _type in (
    ("visit", "visit"), ("visits", "visit"), ("trip", "visit"), ("trips", "visit"),
    ("tour", "visit"), ("journey", "visit"), ("stop", "visit"), ("stopover", "visit"),
    ("leg", "visit"), ("arrival", "visit"),
    ("talks", "meeting"), ("meeting", "meeting"), ("meetings", "meeting"),
    ("summit", "meeting"), ("negotiations", "meeting"), ("counterpart", "meeting"),
    ("announcement", "announcement"), ("statement", "announcement"),
    ("agreement", "agreement"), ("accord", "agreement"), ("deal", "agreement"),
    ("pact", "agreement"), ("treaty", "agreement"), ("memorandum", "agreement"),
    ("sanctions", "sanction"), ("embargo", "sanction"),
    ("vote", "vote"), ("votes", "vote"), ("referendum", "vote"), ("tours", "visit"),
    ("way", "visit"),
):
    NOUN_FORMS[_word] = (_type, NOUN, "")
# A word that is both ("visit", "tour", "vote", "meeting") is decided by its neighbours.
TRIGGERS = {**VERB_FORMS, **NOUN_FORMS}

# "impose" names a sanction only with sanctions/embargo/tariffs nearby; "sign" an agreement
# only with something signable; "host" and "counterpart" a visit or meeting only with a person.
NEEDS_NEARBY = {
    "impose": frozenset({"sanctions", "sanction", "embargo", "tariffs", "tariff", "ban", "curbs"}),
    "sign": frozenset({"agreement", "accord", "deal", "pact", "treaty", "memorandum", "contract",
                       "declaration", "protocol", "law", "bill", "decree", "letter"}),
}
# Nouns that only name an event in the right company: "stop" after a place adjective
# ("Jamaican stop") or before "in"; "leg" of a trip; "deal" and "statement" are weak.
WEAK_NOUNS = frozenset({"stop", "leg", "deal", "statement", "counterpart", "meeting", "tour",
                        "way"})

# Words before a trigger that set its modality (looked for in the few words before it).
FUTURE = frozenset("""will 'll shall would plans plan planned planning intends intend intended
due expected scheduled set going hopes hope hoped aims aim aimed wants want wanted proposed
upcoming forthcoming possible prospective invited invite seeking seek sought arranged agreed
promised pledged vowed decided offered ready may might could should must
""".split())
FUTURE_NOUN_MODIFIERS = frozenset("""planned proposed upcoming forthcoming scheduled expected
possible prospective future next""".split())
NEGATION = frozenset("""not n't never no nor without""".split())
CANCEL = frozenset("""cancel cancels cancelled canceled cancelling canceling called scrapped
scrap scraps postponed postpone postpones postponing delayed delay delays deferred defer
suspended suspend shelved""".split())
PAST_AUX = frozenset("""was were had has have did""".split())
PRESENT_BE = frozenset("""is are am 's 're""".split())
REALIZED_NOUN_CUES = frozenset("""after from made paid wrapped concluded completed ended
ending began begun held""".split())
# Verbs that name a journey only with where to: "fly to Tokyo", not "fly the flag".
MOVES_TO = frozenset({"fly", "flew", "flown", "flying", "flies"})
# Words right after a noun trigger that keep it a plan: "a visit ... under consideration".
PLANNED_AFTER = frozenset("""consideration considered scheduled planned proposed slated
mooted envisaged""".split())

# CAMEO codes (Schrodt's CAMEO 1.1b3) for each event type by modality: a plan to visit or meet
# is 036 (express intent to meet or negotiate), the visit 042 (make a visit), hosting it 043.
# CAMEO has no code for a vote; cancelled and negated events keep none.
CAMEO = {
    ("visit", PLANNED): "036", ("visit", REALIZED): "042", ("visit", ONGOING): "042",
    ("host", REALIZED): "043", ("host", ONGOING): "043", ("host", PLANNED): "036",
    ("meeting", PLANNED): "036", ("meeting", REALIZED): "040", ("meeting", ONGOING): "040",
    ("talks", REALIZED): "046", ("talks", ONGOING): "046",
    ("announcement", REALIZED): "010", ("announcement", ONGOING): "010",
    ("announcement", PLANNED): "010",
    ("agreement", PLANNED): "030", ("agreement", REALIZED): "057",
    ("agreement", ONGOING): "057",
    ("sanction", PLANNED): "1312", ("sanction", REALIZED): "163", ("sanction", ONGOING): "163",
}


def cameo(type_: str, modality: str, trigger: str) -> str | None:
    if modality in (CANCELLED, NEGATED):
        return None
    low = trigger.lower()
    if type_ == "visit" and low.startswith("host"):
        return CAMEO.get(("host", modality))
    if type_ == "meeting" and low in ("talks", "negotiations"):
        return CAMEO.get(("talks", modality), CAMEO.get((type_, modality)))
    return CAMEO.get((type_, modality))
