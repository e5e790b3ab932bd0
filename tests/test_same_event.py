"""`same_event` links: the same real event links, the same kind of event does not.

The articles are written for these tests. Two reports of one earthquake, two of another, and two
stories on other subjects make a corpus small enough to reason about and large enough to give
document frequencies a meaning.
"""

from __future__ import annotations

from datetime import date

import pytest

from briefing.analysis.links import same_event as se
from briefing.analysis.links import sim_features as sf
from tests.helpers import shared

NAPA_1 = (
    "Quake rattles Napa Valley",
    "A magnitude 6.0 earthquake struck California's Napa Valley early on Sunday, injuring more than "
    "120 people and damaging historic buildings in the city of Napa.\n"
    "The quake hit at 3:20 a.m. about six miles south of Napa, the U.S. Geological Survey said.\n"
    "Governor Jerry Brown declared a state of emergency for Napa County.\n"
    "Fire crews fought six fires that destroyed mobile homes near the Napa River.",
    date(2014, 8, 24),
)
NAPA_2 = (
    "Napa cleans up after strongest Bay Area quake in 25 years",
    "Residents of Napa swept up glass on Monday after the strongest earthquake to shake the San "
    "Francisco Bay Area in 25 years.\n"
    "The 6.0 magnitude quake on Sunday injured about 120 people, officials in Napa County said, and "
    "Governor Jerry Brown asked Washington for federal help.\n"
    "Winemakers counted broken barrels across the Napa Valley.",
    date(2014, 8, 25),
)
RIDGECREST_1 = (
    "Second big quake in two days shakes Ridgecrest",
    "A magnitude 7.1 earthquake shook Southern California on Friday night, centred near the desert "
    "town of Ridgecrest, a day after a 6.4 quake hit the same area.\n"
    "Kern County fire officials said several homes burned and roads cracked in Ridgecrest.\n"
    "No deaths were reported, Sheriff Donny Youngblood said.",
    date(2019, 7, 6),
)
RIDGECREST_2 = (
    "Ridgecrest residents sleep outside after 7.1 quake",
    "Many Ridgecrest residents slept in their yards on Saturday after the 7.1 magnitude earthquake, "
    "the largest in Southern California in two decades.\n"
    "Kern County officials said water mains broke and a fire damaged homes, and Sheriff Donny "
    "Youngblood asked people to stay off the roads.\n"
    "Seismologists warned of strong aftershocks near Ridgecrest.",
    date(2019, 7, 7),
)
FOOTBALL = (
    "Rashford double sinks Liverpool",
    "Manchester United beat Liverpool 2-1 at Old Trafford, with Marcus Rashford scoring twice after "
    "the break.\n"
    "Jurgen Klopp said his team had lost its focus late in the match.",
    date(2019, 10, 20),
)
RATES = (
    "ECB holds rates",
    "The European Central Bank left interest rates unchanged, and President Christine Lagarde said "
    "inflation in the euro zone remained too low.\n"
    "Economists had expected no change before the bank's meeting in Frankfurt.",
    date(2020, 1, 23),
)
ARTICLES = {"napa1": NAPA_1, "napa2": NAPA_2, "ridge1": RIDGECREST_1, "ridge2": RIDGECREST_2,
            "football": FOOTBALL, "rates": RATES}


@pytest.fixture(scope="module")
def corpus():
    profiles = {i: se.profile(i, text, title, day) for i, (title, text, day) in ARTICLES.items()}
    return profiles, se.Stats(profiles.values())


def _pairs(links):
    return {frozenset((a, b)) for a, b, _ in links}


def test_reports_of_one_earthquake_link_and_two_earthquakes_do_not(corpus):
    profiles, stats = corpus
    linked = _pairs(se.link(profiles.values(), stats))
    assert frozenset(("napa1", "napa2")) in linked
    assert frozenset(("ridge1", "ridge2")) in linked
    assert not any(len(p & {"napa1", "napa2"}) == 1 and len(p & {"ridge1", "ridge2"}) == 1 for p in linked)
    assert not any(p & {"football", "rates"} for p in linked)


def test_in_a_three_article_corpus_only_the_two_reports_of_one_quake_link():
    profiles = [se.profile(i, ARTICLES[i][1], ARTICLES[i][0], ARTICLES[i][2]) for i in ("napa1", "napa2", "ridge1")]
    assert _pairs(se.link(profiles, se.Stats(profiles))) == {frozenset(("napa1", "napa2"))}


def test_pair_score_prefers_the_same_event(corpus):
    profiles, stats = corpus
    same = se.similarity(profiles["napa1"], profiles["napa2"], stats)
    other = se.similarity(profiles["napa1"], profiles["ridge1"], stats)
    assert same > 2 * other
    assert se.score(profiles["napa1"], profiles["rates"], stats) is None


def test_unrelated_articles_are_never_candidates(corpus):
    profiles, stats = corpus
    pairs = {frozenset(p) for p in se.candidates(profiles.values(), stats)}
    assert frozenset(("napa1", "napa2")) in pairs
    for quake in ("napa1", "napa2", "ridge1", "ridge2"):
        assert frozenset((quake, "football")) not in pairs
        assert frozenset((quake, "rates")) not in pairs
    assert frozenset(("football", "rates")) not in pairs


def test_a_link_has_type_direction_score_evidence_and_reason(corpus):
    profiles, stats = corpus
    (a, b, link), = [x for x in se.link(profiles.values(), stats) if {x[0], x[1]} == {"napa1", "napa2"}]
    assert (link.type, link.direction) == ("same_event", "both")
    assert 0 < link.score <= 1
    assert "Napa" in link.reason and "6.0" in link.reason
    assert link.evidence
    for a_start, a_end, b_start, b_end in link.evidence:
        assert (a_start, a_end) in profiles[a].sentences and (b_start, b_end) in profiles[b].sentences
        assert "Napa" in profiles[a].text[a_start:a_end] or "6.0" in profiles[a].text[a_start:a_end]


def test_evidence_offsets_are_sentences_of_the_given_text(corpus):
    profiles, stats = corpus
    link = se.score(profiles["ridge1"], profiles["ridge2"], stats, threshold=0.0)
    text_a, text_b = profiles["ridge1"].text, profiles["ridge2"].text
    for a_start, a_end, b_start, b_end in link.evidence:
        sentence_a, sentence_b = text_a[a_start:a_end], text_b[b_start:b_end]
        assert sentence_a.strip() == sentence_a and sentence_a.endswith(".")
        assert sentence_b.strip() == sentence_b and sentence_b.endswith(".")
        assert "Ridgecrest" in sentence_a + sentence_b or "7.1" in sentence_a + sentence_b


@pytest.mark.parametrize("text", ["", "   \n ", ".", "2019", "Sunday", "\x00\x01", "日本 地震"])
def test_odd_input_never_raises(text):
    p = se.profile("odd", text)
    stats = se.Stats([p, se.profile("other", text, title=text)])
    assert se.score(p, p, stats) is None or se.score(p, p, stats).score >= 0
    assert isinstance(se.link([p], stats), list)
    assert list(se.candidates([p], stats)) == []


def test_empty_corpus_and_single_article():
    stats = se.Stats()
    assert se.link([], stats) == []
    one = se.profile("1", NAPA_1[1], NAPA_1[0], NAPA_1[2])
    assert se.link([one], se.Stats([one])) == []


def test_stats_count_documents_per_feature(corpus):
    profiles, _ = corpus
    stats = se.Stats()
    stats.add(profiles["napa1"])
    stats.add(profiles["napa2"])
    assert stats.n == 2
    assert stats.df("a:jerry brown") == 2
    assert stats.df("n:120") == 2
    assert stats.df("a:ridgecrest") == 0
    assert stats.df("no such feature") == 0


def test_features_say_where_who_when_and_how_many():
    p = se.profile("x", NAPA_1[1], NAPA_1[0], NAPA_1[2])
    assert {"n:6", "n:120", "a:napa", "a:jerry brown", "d:2014-08-24", "wd:sunday"} <= set(p.specifics)
    assert p.surface["n:6"] == "6.0" and p.surface["d:2014-08-24"] == "Sunday"
    assert "c:6" in p.specifics  # "six miles", "six fires": a small count, which says less
    assert "w:quak" in p.terms and p.terms["w:quak"] > p.terms["w:fire"]  # headline and lead count more


def test_numbers_dates_and_small_counts():
    nums = {k for k, _, _ in sf.numbers("A 5.6 magnitude quake killed 1,200 people and hurt five; "
                                        "$2.6 million in damage on May 2; 20-13 win; 4:59 PM")}
    assert nums == {"n:5.6", "n:1200", "c:5", "n:2600000", "n:20-13"}
    when = {k for k, _, _ in sf.dates("The quake hit on Sunday, Dec. 2, as in 2005.", date(2005, 12, 5))}
    assert {"d:2005-12-04", "wd:sunday", "md:12-02", "d:2005-12-02", "y:2005"} <= when


def test_blocking_is_bounded_per_article():
    from briefing.analysis.links import same_event_blocking as blocking

    docs = [(i, {"w:common": 1.0, f"w:rare{i // 2}": 2.0}) for i in range(200)]
    pairs = list(blocking.candidate_pairs(docs, lambda f: 200 if f == "w:common" else 2, 200, per_doc=5))
    assert sorted(pairs) == [(i, i + 1) for i in range(0, 200, 2)]  # the common word indexes nothing


# -- ECB+ (skipped when ../shared/data is absent) ---------------------------------------------------

def test_ecb_topics_split_into_their_two_events():
    shared("ecbplus", "ECB+")
    from bench.eval_ecb import load, prf

    articles = load({3, 4})
    profiles = [se.profile(a.doc_id, a.text, a.title, a.date) for a in articles]
    predicted = {tuple(sorted((a, b))) for a, b, _ in se.link(profiles, se.Stats(profiles))}
    scores = prf(predicted, articles, {3, 4})
    assert scores["cross_topic_links"] == 0
    assert scores["f1"] >= 0.9


def test_ecb_documents_read_as_articles():
    shared("ecbplus", "ECB+")
    from bench.eval_ecb import ECB, detokenize, read_document

    assert detokenize(["Calif", ".", ",", "at", "4", ":", "59", "p", ".", "m", ".", "``", "Hi", "''"]) == \
        "Calif., at 4:59 p.m. \u201cHi\u201d"
    plus = read_document(ECB / "1" / "1_1ecbplus.xml")
    assert plus.url.startswith("http") and "http" not in plus.text
    assert plus.date == date(2013, 6, 13)
    assert "Lindsay Lohan" in plus.title
    assert read_document(ECB / "1" / "1_1ecb.xml").date is None


def test_a_same_event_becomes_the_shared_link_model(corpus):
    profiles, stats = corpus
    link = se.score(profiles["napa1"], profiles["napa2"], stats)
    shared_link = link.to_link("napa1", "napa2")
    assert shared_link.as_dict()["type"] == "same_event"
    assert shared_link.as_dict()["evidence"][0]["source"] == list(link.evidence[0][:2])
