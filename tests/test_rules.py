"""The rule-based entity proposer on hand-written news sentences and the bundled seeds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis.actors import rules, sentences
from briefing.analysis.actors.model import TYPES, Mention
from tests.helpers import SEEDS


def propose(text: str) -> list[Mention]:
    return rules.propose(text, sentences.split(text))


def found(text: str) -> dict[str, str]:
    """{mention text: type} (the last type wins when a text repeats)."""
    return {m.text: m.type for m in propose(text)}


def seed_text(n: int) -> str:
    return sorted(SEEDS.glob("*.txt"))[n].read_text(encoding="utf-8")


# -- the contract -------------------------------------------------------------------------------

def test_empty_text():
    assert propose("") == []
    assert rules.propose("", []) == []


def test_mentions_are_valid_sorted_and_do_not_overlap():
    text = seed_text(0) + "\n" + seed_text(1)
    sents = sentences.split(text)
    mentions = rules.propose(text, sents)
    assert mentions
    last_end = -1
    for m in mentions:
        assert m.type in TYPES
        assert text[m.start:m.end] == m.text
        assert m.start >= last_end
        last_end = m.end
        s = sents[m.sentence]
        assert s.start <= m.start and m.end <= s.end
        assert m.actor is None


def test_offsets_with_curly_possessives():
    text = "Venezuela’s influence fell while Caracas’ allies waited."
    ms = propose(text)
    assert [(m.text, m.type) for m in ms] == [("Venezuela", "GPE"), ("Caracas", "GPE")]
    assert all(text[m.start:m.end] == m.text for m in ms)


# -- the seeds ----------------------------------------------------------------------------------

def test_seed_lists_of_states_are_split_and_kept_whole():
    text = ("Saint Kitts and Nevis, Saint Vincent and the Grenadines and Dominica voted against the "
            "resolution, while Grenada, Haiti, the Dominican Republic, Trinidad and Tobago and Antigua "
            "and Barbuda abstained.")
    ms = propose(text)
    assert [(m.text, m.type) for m in ms] == [
        ("Saint Kitts and Nevis", "GPE"), ("Saint Vincent and the Grenadines", "GPE"), ("Dominica", "GPE"),
        ("Grenada", "GPE"), ("Haiti", "GPE"), ("Dominican Republic", "GPE"),
        ("Trinidad and Tobago", "GPE"), ("Antigua and Barbuda", "GPE")]


def test_seed_roles_and_countries_before_a_person():
    ms = {m.text: m for m in propose(seed_text(1)) if m.type == "PERSON"}
    v = ms["Luis Videgaray"]
    assert (v.role, v.country) == ("Foreign Minister", "Mexico")
    t = ms["Rex Tillerson"]
    assert (t.role, t.country) == ("Secretary of State", "United States")
    assert ms["Nicolas Maduro"].role == "President"
    assert ms["Nicolas Maduro"].country == "Venezuela"
    assert ms["Donald Trump"].role == "President"


def test_seed_no_junk_spans():
    for n in (0, 1):
        texts = {m.text for m in propose(seed_text(n))}
        for junk in ("State Rex Tillerson", "Secretary of State Rex Tillerson", "’s Petrocaribe",
                     "Mexican", "Jamaican", "Venezuelan", "Cuban", "Foreign Minister", "U.S.-backed",
                     "U.S.-led", "OPEC-member", "Mexican-Jamaican", "Last", "In", "The", "March"):
            assert junk not in texts, (n, junk)


def test_seed_country_before_a_title_is_not_a_separate_mention():
    text = "Last month, U.S. Secretary of State Rex Tillerson announced plans."
    assert [(m.text, m.type) for m in propose(text)] == [("Rex Tillerson", "PERSON")]


def test_seed_types():
    got = found(seed_text(0))
    assert got["KINGSTON"] == "GPE"
    assert got["Organization of American States"] == "ORG"
    assert got["PDVSA"] == "ORG"
    assert got["Pemex"] == "ORG"
    assert got["Kamina Johnson Smith"] == "PERSON"
    assert got["Videgaray"] == "PERSON"
    assert got["Caribbean"] == "LOC"
    assert got["St. Lucia"] == "GPE"
    got = found(seed_text(1))
    assert got["MEXICO CITY"] == "GPE"
    assert got["OAS"] == "ORG"
    assert got["Cancun"] == "GPE"
    assert got["Saint Lucia"] == "GPE"
    assert got["North American Free Trade Agreement"] == "ORG"
    assert got["Maduro"] == "PERSON"
    assert got["Tillerson"] == "PERSON"


# -- hand-written news sentences ----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Brazilian President Dilma Rousseff met bankers in Sao Paulo on Monday.",
     [("Dilma Rousseff", "PERSON"), ("Sao Paulo", "GPE")]),
    ("The Bank of England held rates, the Federal Reserve said nothing and Acme Holdings Inc. rose.",
     [("Bank of England", "ORG"), ("Federal Reserve", "ORG"), ("Acme Holdings Inc.", "ORG")]),
    ("Jamaica, Grenada and Saint Lucia will host the talks.",
     [("Jamaica", "GPE"), ("Grenada", "GPE"), ("Saint Lucia", "GPE")]),
    ("Floods hit the Gulf of Mexico and the Middle East this week.",
     [("Gulf of Mexico", "LOC"), ("Middle East", "LOC")]),
    ("In Nairobi, Kenyan police arrested two men.", [("Nairobi", "GPE")]),
    ("Rebels attacked a convoy in the north, Defence Minister Anna Kowalczyk told reporters.",
     [("Anna Kowalczyk", "PERSON")]),
])
def test_sentences(text, expected):
    assert [(m.text, m.type) for m in propose(text)] == expected


def test_demonym_gives_the_country_and_is_not_a_mention():
    ms = propose("Nigerian Finance Minister Ngozi Okonjo-Iweala flew to Accra.")
    assert [(m.text, m.type) for m in ms] == [("Ngozi Okonjo-Iweala", "PERSON"), ("Accra", "GPE")]
    assert ms[0].role == "Finance Minister"
    assert ms[0].country == "Nigeria"


def test_possessive_country_is_a_mention_and_the_persons_country():
    ms = propose("Mexico's Foreign Minister Luis Videgaray left for Kingston.")
    assert [(m.text, m.type) for m in ms] == [("Mexico", "GPE"), ("Luis Videgaray", "PERSON"),
                                              ("Kingston", "GPE")]
    assert (ms[1].role, ms[1].country) == ("Foreign Minister", "Mexico")


def test_honorifics_are_not_part_of_the_name():
    got = found("Mr. Hollande and Dr. Margaret Chan spoke; Mrs. Chan left early.")
    assert got == {"Hollande": "PERSON", "Margaret Chan": "PERSON", "Chan": "PERSON"}


def test_surname_takes_the_type_of_the_full_name():
    text = ("Opposition leader Raila Odinga rejected the count. Odinga said the commission "
            "had failed, and supporters of Odinga marched in Kisumu.")
    got = [(m.text, m.type) for m in propose(text)]
    assert got.count(("Odinga", "PERSON")) == 2
    assert ("Raila Odinga", "PERSON") in got


def test_hyphenated_country_adjectives_are_affiliations():
    assert found("A U.S.-backed plan and a Venezuela-based firm met OPEC-member resistance.") == {}


def test_events_and_dates_are_not_actors():
    got = found("After the World Cup in June, the U.S. Open began on Monday.")
    assert "World Cup" not in got and "U.S. Open" not in got and "Monday" not in got and "June" not in got


def test_sentence_initial_common_words_are_dropped():
    text = "Officials said the plan failed.\nSome officials said officials in Lima agreed."
    assert found(text) == {"Lima": "GPE"}


def test_month_names_that_are_words():
    got = found("The talks in March were delayed. May Ellis said she may attend in May.")
    assert "March" not in got
    assert got.get("May Ellis") == "PERSON"


def test_of_splits_a_person_from_a_place_but_not_an_organisation():
    got = [(m.text, m.type) for m in propose("Keith Ramsay of Jamaica joined the University of the West Indies.")]
    assert ("Keith Ramsay", "PERSON") in got and ("Jamaica", "GPE") in got
    assert ("University of the West Indies", "ORG") in got


def test_acronyms_and_org_heads():
    got = found("Workers at Petrojam and the National Water Commission joined NWC unions.")
    assert got["National Water Commission"] == "ORG"
    assert got["NWC"] == "ORG"


# -- layout -------------------------------------------------------------------------------------

def test_all_caps_headline_trusts_only_known_names():
    text = "JAMAICA SEEKS ENERGY DEAL WITH MEXICO AFTER TALKS\nKINGSTON 2018-02-14\nJamaica agreed."
    got = [(m.text, m.type) for m in propose(text)]
    assert got == [("JAMAICA", "GPE"), ("MEXICO", "GPE"), ("KINGSTON", "GPE"), ("Jamaica", "GPE")]


def test_dateline_is_a_place():
    got = [(m.text, m.type) for m in propose("SEATTLE/WASHINGTON (Reuters) - Boeing Co said on Monday.")]
    assert got[:2] == [("SEATTLE", "GPE"), ("WASHINGTON", "GPE")]
    assert ("Boeing Co", "ORG") in got


def test_sports_results_make_teams_organisations():
    text = ("SOCCER - LEAGUE RESULTS .\nLONDON 1996-08-30\nResults of matches on Saturday :\n"
            "Leeds 2 Arsenal 1\nLiverpool 0 Chelsea 3\nEngland 1 Scotland 1\n"
            "Leeds striker Tony Yeboah scored twice in London .")
    got = [(m.text, m.type) for m in propose(text)]
    assert ("LONDON", "GPE") in got
    for team in ("Leeds", "Arsenal", "Liverpool", "Chelsea"):
        assert (team, "ORG") in got, team
    assert ("England", "GPE") in got and ("Scotland", "GPE") in got  # national sides stay places
    assert ("Tony Yeboah", "PERSON") in got
    assert ("London", "GPE") in got  # "in London" is the place


def test_speed_smoke():
    """Far from the benchmark, but catches an accidental quadratic: 200 sentences quickly."""
    import time

    text = seed_text(1) * 8
    sents = sentences.split(text)
    rules.propose(text, sents)
    t = time.perf_counter()
    rules.propose(text, sents)
    assert time.perf_counter() - t < 2.0


def test_affiliations_from_lowercase_roles():
    ms = {m.text: m for m in propose(
        "Videgaray stood next to his Jamaican counterpart Kamina Johnson Smith in Kingston.")}
    assert ms["Kamina Johnson Smith"].type == "PERSON"
    assert ms["Kamina Johnson Smith"].country == "Jamaica"


def test_organisations_named_after_places_and_media():
    got = found("Flights by JetBlue Airways Corp and Air France stopped, the mayor told Radio Kiskeya.")
    assert got == {"JetBlue Airways Corp": "ORG", "Air France": "ORG", "Radio Kiskeya": "ORG"}


def test_title_without_a_name_leaves_its_organisation():
    assert [(m.text, m.type) for m in propose("The NWC chairman said the IMF programme was on track.")] \
        == [("NWC", "ORG"), ("IMF", "ORG")]


def test_collective_nouns_that_say_things_are_not_people():
    assert found("Police said the road to Kingston was closed.") == {"Kingston": "GPE"}


def test_eval_conll_reads_iob_and_scores_spans(tmp_path):
    """The evaluation contract on a hand-made IOB file (no CoNLL data)."""
    from bench import eval_conll

    iob = tmp_path / "mini.txt"
    iob.write_text(
        "-DOCSTART- -X- -X- O\n\n"
        "Mexican JJ O B-MISC\nForeign NNP O O\nMinister NNP O O\nLuis NNP O B-PER\n"
        "Videgaray NNP O I-PER\nvisited VBD O O\nSaint NNP O B-LOC\nLucia NNP O I-LOC\n. . O O\n\n"
        "Petrojam NNP O B-ORG\nsaid VBD O O\n. . O O\n")
    docs = eval_conll.read_conll(iob)
    assert len(docs) == 1
    doc = docs[0]
    assert doc.text == "Mexican Foreign Minister Luis Videgaray visited Saint Lucia .\nPetrojam said ."
    assert {(doc.text[doc.starts[a]:doc.ends[b - 1]], t) for a, b, t in doc.gold} == {
        ("Mexican", "MISC"), ("Luis Videgaray", "PER"), ("Saint Lucia", "LOC"), ("Petrojam", "ORG")}
    assert eval_conll.to_tokens(doc, doc.text.index("Luis"), doc.text.index(" visited")) == (3, 5)

    def fake(text):
        return [(text.index("Luis"), text.index(" visited"), "PERSON"),  # right
                (text.index("Saint"), text.index(" ."), "GPE"),  # right: GPE counts as LOC
                (0, 7, "GPE"),  # "Mexican" is MISC in gold: a false positive
                (text.index("Petrojam"), text.index(" said"), "PERSON")]  # wrong type

    r = eval_conll.evaluate(docs, fake)
    assert (r["overall"]["tp"], r["overall"]["fp"], r["overall"]["fn"]) == (2, 2, 1)
    assert r["per_type"]["LOC"]["f1"] == pytest.approx(2 / 3, abs=1e-3)


_WORDS = ("Mexico Jamaica Saint Lucia U.S. Secretary of State Rex Tillerson and the Grenadines Inc. "
          "Bank of England said who Mr. Gen. The In - ( ) , . ’s 's LEEDS 2 Arsenal 1 v al-Assad "
          "van der Pas Calif. MAY May Jan 5 OAS \n É 😀").split(" ")


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=120), st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join)))
def test_any_text_gives_valid_mentions(text):
    sents = sentences.split(text)
    last = -1
    for m in rules.propose(text, sents):
        assert m.text and m.text == text[m.start:m.end] and m.text.strip() == m.text
        assert m.start >= last
        last = m.end
        assert sents[m.sentence].start <= m.start and m.end <= sents[m.sentence].end


def test_possessive_country_before_a_lowercase_title():
    ms = {m.text: m for m in propose("Venezuela’s opposition leader Juan Guaido returned to Caracas.")}
    assert ms["Venezuela"].type == "GPE"
    assert (ms["Juan Guaido"].type, ms["Juan Guaido"].country) == ("PERSON", "Venezuela")


def test_natural_features_and_two_names_side_by_side():
    got = found("Warships crossed the Kerch Strait while Gaza Hamas officials met in Doha.")
    assert got.get("Kerch Strait") == "LOC"
    assert "Gaza Hamas" not in got


def test_full_name_then_surname_alone():
    text = ("Guitarist Jimi Hendrix lived in a flat in Mayfair. A plaque for Hendrix was unveiled "
            "on Monday, and fans of Hendrix gathered outside.")
    got = [(m.text, m.type) for m in propose(text)]
    assert ("Jimi Hendrix", "PERSON") in got
    assert got.count(("Hendrix", "PERSON")) == 2


def test_organisation_noun_beats_a_generic_lowercase_title():
    from briefing.analysis.actors.extract import extract

    for text, name in [("The official Tanjug news agency said prices rose.", "Tanjug"),
                       ("Yugoslavia's official news agency Tanjug said output rose.", "Tanjug"),
                       ("Jamaica's oil refinery, Petrojam, is jointly owned.", "Petrojam")]:
        types = {m.text: m.type for m in extract(text, "rules").mentions}
        assert types[name] == "ORG", text
    people = {m.text: m.type for m in extract("Foreign Minister Luis Videgaray said.", "rules").mentions}
    assert people == {"Luis Videgaray": "PERSON"}
