"""The bundled gazetteers: countries, demonyms, cities, regions, organisations, titles, names."""

from __future__ import annotations

import time
from collections import defaultdict
from importlib import resources

import pytest

from briefing.analysis.actors.gazetteer import (Country, Gazetteer, Org, gazetteer,
                                                iter_data_files)


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return gazetteer()


def name_of(country: Country | None) -> str | None:
    return country.name if country else None


# ------------------------------------------------------------------ countries


@pytest.mark.parametrize("form", ["St. Lucia", "St Lucia", "Saint Lucia", "ST. LUCIA",
                                  "Saint Lucia's", "St. Lucia’s"])
def test_saint_lucia_spellings(g, form):
    assert name_of(g.country(form)) == "Saint Lucia"
    assert g.country(form).iso2 == "LC"


@pytest.mark.parametrize("form", ["U.S.", "US", "USA", "U.S.A.", "United States", "America",
                                  "the United States", "United States of America",
                                  "UNITED STATES"])
def test_united_states(g, form):
    assert name_of(g.country(form)) == "United States"


@pytest.mark.parametrize("form", ["Britain", "UK", "U.K.", "Great Britain", "United Kingdom"])
def test_united_kingdom(g, form):
    assert name_of(g.country(form)) == "United Kingdom"


@pytest.mark.parametrize("form", ["Trinidad and Tobago", "Antigua and Barbuda",
                                  "Saint Kitts and Nevis", "Saint Vincent and the Grenadines",
                                  "Dominican Republic", "Dominica", "Haiti", "Grenada",
                                  "Jamaica", "Bosnia and Herzegovina"])
def test_caribbean_and_compound_countries(g, form):
    assert name_of(g.country(form)) == form


@pytest.mark.parametrize("form, canonical", [
    ("St. Kitts and Nevis", "Saint Kitts and Nevis"),
    ("St Kitts & Nevis", "Saint Kitts and Nevis"),
    ("St. Kitts", "Saint Kitts and Nevis"),
    ("St. Vincent and the Grenadines", "Saint Vincent and the Grenadines"),
    ("St Vincent", "Saint Vincent and the Grenadines"),
    ("Trinidad & Tobago", "Trinidad and Tobago"),
    ("Bosnia", "Bosnia and Herzegovina"),
    ("the Dominican Republic", "Dominican Republic"),
    ("The Gambia", "Gambia"),
    ("Burma", "Myanmar"),
    ("Zaire", "Democratic Republic of Congo"),
    ("Holland", "Netherlands"),
    ("Côte d’Ivoire", "Ivory Coast"),
    ("USSR", "Soviet Union"),
    ("Soviet Union", "Soviet Union"),
    ("West Germany", "West Germany"),
    ("East Germany", "East Germany"),
    ("Taiwan", "Taiwan"),
    ("Hong Kong", "Hong Kong"),
    ("Puerto Rico", "Puerto Rico"),
    ("Kosovo", "Kosovo"),
    ("Palestine", "Palestine"),
    ("Greenland", "Greenland"),
])
def test_country_aliases(g, form, canonical):
    assert name_of(g.country(form)) == canonical


def test_possessives(g):
    assert name_of(g.country("Venezuela’s")) == "Venezuela"
    assert name_of(g.country("Venezuela's")) == "Venezuela"
    assert name_of(g.country("Mexico’s")) == "Mexico"
    assert name_of(g.capital_of("Caracas’")) == "Venezuela"


def test_lowercase_words_and_short_forms_are_not_countries(g):
    assert g.country("us") is None
    assert g.country("turkey") is None
    assert g.country("chad") is None
    assert g.country("the") is None
    assert g.country("States") is None  # "the States" needs its article
    assert name_of(g.country("the States")) == "United States"
    assert name_of(g.country("Turkey")) == "Turkey"


def test_un_members_all_present(g):
    rows = g.countries()
    un_members = rows[:193]  # the table lists the 193 UN members first
    assert len({c.iso2 for c in un_members}) == 193
    assert all(len(c.iso2) == 2 and c.capital for c in un_members)


def test_no_alias_names_two_countries(g):
    seen: dict[str, set[str]] = defaultdict(set)
    for country in g.countries():
        for form in (country.name, *country.aliases):
            seen[form.lower()].add(country.name)
    clashes = {form: names for form, names in seen.items() if len(names) > 1}
    assert clashes == {}


def test_country_by_iso2(g):
    assert name_of(g.country_by_iso2("LC")) == "Saint Lucia"
    assert name_of(g.country_by_iso2("de")) == "Germany"  # not West Germany
    assert name_of(g.country_by_iso2("SU")) == "Soviet Union"


# ------------------------------------------------------------------ demonyms, capitals


@pytest.mark.parametrize("word, canonical", [
    ("Mexican", "Mexico"), ("Mexicans", "Mexico"), ("Jamaican", "Jamaica"),
    ("Venezuelan", "Venezuela"), ("Saint Lucian", "Saint Lucia"),
    ("St. Lucian", "Saint Lucia"), ("Americans", "United States"), ("American", "United States"),
    ("British", "United Kingdom"), ("Britons", "United Kingdom"), ("Dutch", "Netherlands"),
    ("Filipino", "Philippines"), ("Cuban", "Cuba"), ("Grenadian", "Grenada"),
    ("Dominican", "Dominican Republic"), ("Soviet", "Soviet Union"),
    ("West German", "West Germany"), ("Frenchmen", "France"), ("Swiss", "Switzerland"),
    ("Iraqis", "Iraq"), ("Trinidadian", "Trinidad and Tobago"),
    ("Kittitian", "Saint Kitts and Nevis"), ("Vincentian", "Saint Vincent and the Grenadines"),
])
def test_demonyms(g, word, canonical):
    assert name_of(g.demonym(word)) == canonical


def test_not_demonyms(g):
    assert g.demonym("Caribbean") is None  # a region adjective, not a state's
    assert g.demonym("Latin American") is None
    assert g.demonym("mexican") is None


def test_capitals(g):
    assert name_of(g.capital_of("Caracas")) == "Venezuela"
    assert name_of(g.capital_of("Kingston")) == "Jamaica"
    assert name_of(g.capital_of("Castries")) == "Saint Lucia"
    assert name_of(g.capital_of("St. George's")) == "Grenada"
    assert name_of(g.capital_of("Washington")) == "United States"
    assert name_of(g.capital_of("Moscow")) == "Russia"  # not the Soviet Union
    assert g.capital_of("Toronto") is None
    assert g.country("Venezuela").capital == "Caracas"


# ------------------------------------------------------------------ cities, states


@pytest.mark.parametrize("city, country", [
    ("Kingston", "Jamaica"), ("KINGSTON", "Jamaica"), ("Caracas", "Venezuela"),
    ("Mexico City", "Mexico"), ("MEXICO CITY", "Mexico"), ("Salvador", "Brazil"),
    ("Seattle", "United States"), ("Cancun", "Mexico"), ("Castries", "Saint Lucia"),
    ("Basseterre", "Saint Kitts and Nevis"), ("St. George's", "Grenada"),
    ("Port of Spain", "Trinidad and Tobago"), ("St. Petersburg", "Russia"),
    ("Saint Louis", "United States"), ("Bombay", "India"), ("Leningrad", "Russia"),
    ("Sao Paulo", "Brazil"), ("Caracas’", "Venezuela"),
])
def test_cities(g, city, country):
    assert g.city(city) == country


def test_city_names(g):
    assert g.city_name("Bombay") == "Mumbai"
    assert g.city_name("Cologne") == "Cologne"
    assert g.city_name("Köln") == "Cologne"
    assert g.city_name("New York") == "New York City"
    assert g.city_name("St Louis") == "St. Louis"


def test_not_cities(g):
    assert g.city("Jamaica") is None  # the New York neighbourhood is left out
    assert g.city("Erode") is None  # common words are not indexed as cities
    assert g.city("erode") is None
    assert g.city("Most") is None
    assert g.city("Videgaray") is None


def test_us_states(g):
    assert g.us_state("California") == "California"
    assert g.us_state("Calif.") == "California"
    assert g.us_state("N.Y.") == "New York"
    assert g.us_state("NY") == "New York"
    assert g.us_state("Pa") is None  # AP abbreviations need their dot
    assert g.us_state("OR") is None
    assert g.us_state("OR", postal=True) == "Oregon"


# ------------------------------------------------------------------ regions, places


def test_regions(g):
    assert g.region("Caribbean") == "Caribbean"
    assert g.region("the Caribbean") == "Caribbean"
    assert g.region("Latin America") == "Latin America"
    assert g.region("Mideast") == "Middle East"
    assert g.region("Persian Gulf") == "Gulf"
    assert g.region("the West") == "West"
    assert g.region("West") is None
    assert g.region("Jamaica") is None


def test_region_adjectives(g):
    assert g.region_adjective("Caribbean") == "Caribbean"
    assert g.region_adjective("European") == "Europe"
    assert g.region_adjective("Latin American") == "Latin America"
    assert g.region_adjective("Mexican") is None


def test_canonical_place(g):
    assert g.canonical_place("St. Lucia") == ("Saint Lucia", "GPE")
    assert g.canonical_place("the Caribbean") == ("Caribbean", "LOC")
    assert g.canonical_place("Kingston") == ("Kingston", "GPE")
    assert g.canonical_place("Calif.") == ("California", "GPE")
    assert g.canonical_place("Quebec") == ("Quebec", "GPE")
    assert g.canonical_place("Georgia") == ("Georgia", "GPE")
    assert g.canonical_place("Foreign Minister") is None


def test_longest_place(g):
    tokens = ("visited St. Lucia and Saint Vincent and the Grenadines before the Dominican "
              "Republic").split()
    assert g.longest_place(tokens, 1) == (2, "Saint Lucia", "GPE")
    assert g.longest_place(tokens, 4) == (5, "Saint Vincent and the Grenadines", "GPE")
    assert g.longest_place(tokens, 10) == (3, "Dominican Republic", "GPE")
    assert g.longest_place(tokens, 0) is None
    assert g.longest_place(["Venezuela’s", "oil"], 0) == (1, "Venezuela", "GPE")


# ------------------------------------------------------------------ organisations


def test_oas_by_name_and_acronym(g):
    oas = g.org("OAS")
    assert isinstance(oas, Org)
    assert oas == g.org("Organization of American States")
    assert oas.name == "Organization of American States"
    assert oas.acronyms == ("OAS",)
    assert oas.country is None


@pytest.mark.parametrize("form, canonical", [
    ("U.N.", "United Nations"), ("UN", "United Nations"), ("United Nations", "United Nations"),
    ("the Fed", "Federal Reserve"), ("OPEC", "Organization of the Petroleum Exporting Countries"),
    ("OPEC’s", "Organization of the Petroleum Exporting Countries"),
    ("EEC", "European Community"), ("NAFTA", "North American Free Trade Agreement"),
    ("North American Free Trade Agreement", "North American Free Trade Agreement"),
    ("Petrocaribe", "Petrocaribe"), ("PDVSA", "Petroleos de Venezuela"),
    ("Pemex", "Petroleos Mexicanos"), ("CARICOM", "Caribbean Community"),
    ("Bundesbank", "Deutsche Bundesbank"), ("Reuters", "Reuters"),
])
def test_orgs(g, form, canonical):
    assert g.org(form).name == canonical


def test_org_countries_and_misses(g):
    assert g.org("PDVSA").country == "Venezuela"
    assert g.org("Pemex").country == "Mexico"
    assert g.org("Bank of England").country == "United Kingdom"
    assert g.org("who") is None  # acronyms are case-sensitive
    assert g.org("WHO").name == "World Health Organization"
    assert g.org("Videgaray") is None


def test_longest_org(g):
    tokens = "votes in the Organization of American States to defeat".split()
    n, org = g.longest_org(tokens, 3)
    assert (n, org.acronyms) == (4, ("OAS",))


def test_no_acronym_names_two_orgs(g):
    seen: dict[str, set[str]] = defaultdict(set)
    for org in g.orgs():
        for acronym in org.acronyms:
            seen[acronym].add(org.name)
    assert {a: names for a, names in seen.items() if len(names) > 1} == {}


# ------------------------------------------------------------------ titles


@pytest.mark.parametrize("words, expected", [
    ("Foreign Minister", ("Foreign Minister", "government")),
    ("foreign minister", ("Foreign Minister", "government")),
    ("Minister of Foreign Affairs", ("Foreign Minister", "government")),
    ("Secretary of State", ("Secretary of State", "government")),
    ("President", ("President", "head_of_state")),
    ("Sen.", ("Senator", "government")),
    ("Gen", ("General", "military")),
    ("CEO", ("Chief Executive", "business")),
    ("President and Chief Executive", ("President and Chief Executive", "business")),
    ("Pope", ("Pope", "religious")),
    ("Mr.", ("Mr.", "honorific")),
    ("Deputy Trade Minister", ("Deputy Trade Minister", "government")),
    ("Secretary-General", ("Secretary-General", "government")),
    ("central bank governor", ("Central Bank Governor", "government")),
])
def test_titles(g, words, expected):
    assert g.title(words) == expected


def test_not_titles(g):
    assert g.title("Venezuela") is None
    assert g.title("") is None
    assert g.title("foreign ministers") is None


def test_longest_title(g):
    tokens = ["Mexican", "Foreign", "Minister", "Luis", "Videgaray"]
    assert g.longest_title(tokens, 1) == (2, "Foreign Minister", "government")
    assert g.longest_title(tokens, 2) == (1, "Minister", "government")
    assert g.longest_title(tokens, 0) is None
    tokens = ["Secretary", "of", "State", "Rex", "Tillerson"]
    assert g.longest_title(tokens, 0) == (3, "Secretary of State", "government")
    assert g.longest_title(["Deputy", "Foreign", "Minister"], 0) == (
        3, "Deputy Foreign Minister", "government")
    assert g.longest_title(["Secretary", "-", "General", "Ban"], 0) == (
        3, "Secretary-General", "government")
    assert g.longest_title(["Sen", "John"], 0) == (1, "Senator", "government")
    assert g.longest_title(["Minister"], 5) is None


def test_titles_never_map_one_form_to_two_roles(g):
    flat = g._titles[0]
    assert flat["minister of foreign affairs"] == ("Foreign Minister", "government")
    seen: dict[str, str] = {}
    text = resources.files("briefing.data").joinpath("titles.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        canonical, variants, _kind = line.split("\t")
        for form in [canonical, *filter(None, variants.split("|"))]:
            key = " ".join(t.lower().rstrip(".") for t in form.split())
            assert seen.setdefault(key, canonical) == canonical, form


# ------------------------------------------------------------------ names, keywords


def test_names(g):
    for first in ("Luis", "Nicolas", "Rex", "Donald", "Mary", "Mikhail", "François",
                  "Jean-Pierre"):
        assert g.is_first_name(first), first
    for surname in ("Smith", "Johnson", "Brown", "O'Brien", "Garcia", "Trump", "Smith-Jones"):
        assert g.is_surname(surname), surname
    assert not g.is_first_name("Venezuela")
    assert not g.is_surname("Videgaray")  # the Census list is US-centric: so is "Maduro"
    assert not g.is_surname("")


def test_org_keywords(g):
    for word in ("Corp", "Corp.", "Inc", "Ministry", "Bank", "BANK", "AG", "Petroleum"):
        assert g.is_org_keyword(word), word
    assert not g.is_org_keyword("ag")
    assert not g.is_org_keyword("Jamaica")


# ------------------------------------------------------------------ data files


def test_data_files_have_source_headers_and_no_conll():
    files = list(iter_data_files())
    assert {"countries.tsv", "regions.tsv", "organisations.tsv", "titles.tsv", "cities.tsv",
            "us_states.tsv", "first_names.txt", "surnames.txt", "org_keywords.txt",
            "SOURCES.md"} <= set(files)
    total = 0
    for name in files:
        data = resources.files("briefing.data").joinpath(name).read_bytes()
        total += len(data)
        text = data.decode("utf-8")
        assert "-DOCSTART-" not in text, name
        if name != "SOURCES.md":
            assert text.startswith("# source:"), name
    assert total < 1_500_000


def test_table_rows_are_well_formed():
    columns = {"countries.tsv": 5, "regions.tsv": 4, "organisations.tsv": 4, "titles.tsv": 3,
               "cities.tsv": 4, "us_states.tsv": 3, "city_aliases.tsv": 4}
    for name, width in columns.items():
        text = resources.files("briefing.data").joinpath(name).read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if not line.startswith("#"):
                assert len(line.split("\t")) == width, f"{name}:{number}"


def test_load_time_is_printed():
    """Not a bound (the machine's load varies): prints what loading every table costs."""
    fresh = Gazetteer()
    start = time.perf_counter()
    fresh.load_all()
    elapsed = time.perf_counter() - start
    print(f"\ngazetteer: every table loaded in {elapsed * 1000:.0f} ms")
    assert fresh.country("Jamaica") is not None
