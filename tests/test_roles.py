"""Role and affiliation patterns around mentions (briefing.analysis.actors.roles)."""

from __future__ import annotations

import pytest

from briefing.analysis.actors import roles

gaz = pytest.importorskip("briefing.analysis.actors.gazetteer")


def reader(text: str) -> roles.Reader:
    return roles.Reader(text, roles.tokenize(text), gaz.gazetteer())


def at(r: roles.Reader, text: str, word: str, after: str = "") -> int:
    """Token index of `word` (the first after `after`)."""
    offset = r.text.index(word, r.text.index(after) + len(after) if after else 0)
    return r.index_at(offset)


def pre(text: str, name: str):
    r = reader(text)
    return r.premodifier(at(r, text, name))


def app(text: str, name: str):
    r = reader(text)
    start = text.index(name)
    return r.appositive(r.index_at(start + len(name)))


# --- tokens ------------------------------------------------------------------------------------

def test_tokens_split_possessives_and_keep_abbreviations():
    words = [t.text for t in roles.tokenize("Mexico’s U.S.-backed O’Brien's Caracas’ oil")]
    assert words == ["Mexico", "’s", "U.S.", "-", "backed", "O’Brien", "'s", "Caracas", "’", "oil"]
    toks = roles.tokenize("Caracas’ oil and Mexico's")
    assert roles.is_possessive(toks, 1) and roles.is_possessive(toks, 5)


# --- premodifiers ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, title, country", [
    ("Peruvian President Carlos Mendes said.", "Carlos", "President", "Peru"),
    ("Then U.S. Secretary of State Mary Hale left.", "Mary", "Secretary of State", "United States"),
    ("Talks with Foreign Minister Ana Ruiz began.", "Ana", "Foreign Minister", None),
    ("Chile’s Foreign Minister Ana Ruiz spoke.", "Ana", "Foreign Minister", "Chile"),
    ("the United States Trade Representative Tom Kerr", "Tom", "Trade Representative",
     "United States"),
    ("former Colombian President Juan Soto", "Juan", "Former President", "Colombia"),
    ("Colombian former president Juan Soto", "Juan", "Former President", "Colombia"),
    ("said Sen. John Marsh, a Republican", "John", "Senator", None),
])
def test_premodifier_title_and_country(text, name, title, country):
    rm = pre(text, name)
    assert rm is not None and (rm.title, rm.country) == (title, country)


def test_counterpart_premodifier_keeps_the_country_and_marks_the_role():
    rm = pre("standing next to his Jamaican counterpart Kamina Johnson Smith.", "Kamina")
    assert (rm.title, rm.country) == (roles.COUNTERPART, "Jamaica")
    rm = pre("met her Chilean counterpart, Ana Ruiz, on Monday", "Ana")
    assert (rm.title, rm.country) == (roles.COUNTERPART, "Chile")


def test_bare_demonym_gives_a_country_without_a_role():
    rm = pre("Mexican businessman Carlos Slim bought it.", "Carlos")
    assert (rm.title, rm.country) == (None, "Mexico")
    assert pre("Mexican firms to sell to Carlos Slim.", "Carlos") is None


def test_no_premodifier():
    assert pre("Yesterday Ana Ruiz said.", "Ana") is None
    assert pre("Ana Ruiz said.", "Ana") is None
    assert pre("said Mr. Tom Kerr.", "Tom") is None  # an honorific is not a role


# --- appositives ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, title, country", [
    ("Rex Tillerson, the U.S. secretary of state, said.", "Rex Tillerson",
     "Secretary of State", "United States"),
    ("Ana Ruiz, Chile’s foreign minister, said.", "Ana Ruiz", "Foreign Minister", "Chile"),
    ("Ana Ruiz, the foreign minister of Chile.", "Ana Ruiz", "Foreign Minister", "Chile"),
    ("Juan Soto, a former president of Colombia, said", "Juan Soto", "Former President",
     "Colombia"),
    ("Tom Kerr, the central bank governor, warned", "Tom Kerr", "Central Bank Governor", None),
])
def test_appositive_role(text, name, title, country):
    rm = app(text, name)
    assert rm is not None and (rm.title, rm.country) == (title, country)


def test_not_an_appositive():
    assert app("Ana Ruiz, Tom Kerr and Juan Soto met.", "Ana Ruiz") is None
    assert app("Ana Ruiz said.", "Ana Ruiz") is None
    assert app("Ana Ruiz, the minister Tom Kerr", "Ana Ruiz") is None


# --- descriptions ------------------------------------------------------------------------------

def descriptions(text: str, names: tuple[str, ...] = ()):
    r = reader(text)
    starts = {r.index_at(text.index(n)) for n in names}
    return [(text[d.start:d.end], d.title, d.country, text[d.phrase_start:d.end])
            for d in r.descriptions(starts)]


def test_descriptions_need_a_country_and_a_definite_form():
    assert descriptions("Mexico’s foreign minister will travel.") == [
        ("foreign minister", "Foreign Minister", "Mexico", "Mexico’s foreign minister")]
    assert descriptions("The Mexican foreign minister’s trip.") == [
        ("foreign minister", "Foreign Minister", "Mexico", "The Mexican foreign minister")]
    assert descriptions("said the foreign minister of Chile.") == [
        ("foreign minister", "Foreign Minister", "Chile", "the foreign minister")]
    assert descriptions("the U.S. secretary of state said") == [
        ("secretary of state", "Secretary of State", "United States",
         "the U.S. secretary of state")]
    assert descriptions("the minister said, and foreign ministers met") == []
    assert descriptions("a Mexican official said") == []
    assert descriptions("Mexico’s former president said") == []


def test_a_title_before_a_name_is_not_a_description():
    assert descriptions("Mexican Foreign Minister Luis Videgaray’s trip",
                        ("Luis Videgaray",)) == []
    assert descriptions("Mexico’s foreign minister Luis Videgaray said") == []


# --- organisations -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, org, country", [
    ("a unit of Venezuelan national oil company Petrosur.", "Petrosur", "Venezuela"),
    ("support to Jamaica’s oil refinery, Kingsoil, which", "Kingsoil", "Jamaica"),
    ("Venezuela’s Petrosur program", "Petrosur", "Venezuela"),
    ("control by national oil company Petrosur.", "Petrosur", None),
    ("Mexican firms sell to Kingsoil", "Kingsoil", None),
])
def test_org_country(text, org, country):
    r = reader(text)
    rm = r.org_country(r.index_at(text.index(org)))
    assert (rm.country if rm else None) == country
