"""Event mentions with modality, agent, places and targets, on sentences written for the test
(through the real actor extraction and time expressions)."""

import pytest

from briefing.analysis.document import analyse_document
from briefing.analysis.events.model import CANCELLED, NEGATED, ONGOING, PLANNED, REALIZED


def events(text, published=None):
    return analyse_document(text, published, "rules").events


def only(text, type_="visit", published=None):
    found = [e for e in events(text, published) if e.type == type_]
    assert len(found) == 1, [(e.trigger, e.type) for e in events(text, published)]
    return found[0]


@pytest.mark.parametrize("sentence, modality", [
    ("Japanese Prime Minister Shinzo Abe will visit Australia next week, officials said.", PLANNED),
    ("Japanese Prime Minister Shinzo Abe plans to visit Australia, officials said.", PLANNED),
    ("Japanese Prime Minister Shinzo Abe is due to travel to Australia, officials said.", PLANNED),
    ("Japanese Prime Minister Shinzo Abe visited Australia, officials said.", REALIZED),
    ("Japanese Prime Minister Shinzo Abe arrived in Australia on Monday.", REALIZED),
    ("Japanese Prime Minister Shinzo Abe is visiting Australia this week.", ONGOING),
    ("Japanese Prime Minister Shinzo Abe postponed his visit to Australia.", CANCELLED),
    ("Japanese Prime Minister Shinzo Abe did not travel to Australia.", NEGATED),
    ("Japanese Prime Minister Shinzo Abe will not travel to Australia.", NEGATED),
])
def test_modality_from_the_words_around_the_trigger(sentence, modality):
    event = only(sentence)
    assert event.modality == modality
    assert event.agent.actor == "Shinzo Abe"
    assert [p.actor for p in event.places] == ["Australia"]


def test_cameo_codes_follow_modality():
    assert only("Shinzo Abe will visit Australia.").cameo == "036"
    assert only("Shinzo Abe visited Australia.").cameo == "042"
    assert only("Shinzo Abe postponed his trip to Australia.").cameo is None


def test_places_keep_their_reported_order_and_stop_at_the_clause():
    event = only("German Chancellor Angela Merkel toured Ghana before Nigeria and Senegal, "
                 "a French diplomat said.")
    assert [p.actor for p in event.places] == ["Ghana", "Nigeria", "Senegal"]
    assert event.modality == REALIZED


def test_possessive_and_by_agents_of_nouns():
    event = only("Angela Merkel’s planned trip to Ghana worries investors.")
    assert (event.agent.actor, event.modality) == ("Angela Merkel", PLANNED)
    later = [e for e in events("The talks follow a visit to Ghana last week by French President "
                               "Emmanuel Macron.", "2019-05-10") if e.type == "visit"][0]
    assert later.agent.actor == "Emmanuel Macron"
    assert later.modality == REALIZED  # "last week" places it in the past
    assert later.time.value.startswith("2019-W")


def test_on_a_trip_and_a_counterpart_are_realized():
    found = events("Indian Foreign Minister Sushma Swaraj said on Monday on a Gulf trip that "
                   "trade would grow, standing next to her Omani counterpart Yusuf bin Alawi.")
    by_type = {e.type: e for e in found}
    assert by_type["visit"].modality == REALIZED
    assert by_type["visit"].agent.actor == "Sushma Swaraj"
    meeting = by_type["meeting"]
    assert meeting.modality == REALIZED and [t.actor for t in meeting.targets] == ["Yusuf bin Alawi"]
    assert [p.actor for p in meeting.places] == ["Oman"]


def test_a_definite_noun_takes_the_story_it_refers_to():
    text = ("Canadian Prime Minister Justin Trudeau will visit India in February. "
            "The trip is meant to deepen trade ties.")
    visits = [e for e in events(text) if e.type == "visit"]
    assert [e.modality for e in visits] == [PLANNED, PLANNED]
    assert visits[1].agent.actor == "Justin Trudeau"


def test_a_plan_time_resolves_forward_and_a_report_time_backward():
    plan = only("Justin Trudeau will visit India in March, officials said.", published="2018-02-08")
    assert plan.time.value == "2018-03" and plan.time.relative
    report = only("Justin Trudeau visited India in December, officials said.",
                  published="2018-02-08")
    assert report.time.value == "2017-12"


def test_names_that_contain_trigger_words_are_not_events():
    assert events("Summit Bank and Visit Britain reported results.") == []


def test_events_need_an_actor():
    assert events("The visit went well and the talks were long.") == []


@pytest.mark.parametrize("text", ["", "   ", "visit", "\u202e will visit ,,, to to to",
                                  "Visit " * 500, "x" * 10_000])
def test_odd_text_never_raises(text):
    events(text)
    events(text, "2020-01-01")


def test_sanction_targets_and_agreement_parties():
    found = events("The European Union imposed sanctions on Belarus on Monday. "
                   "Chile signed a trade agreement with Peru.")
    by_type = {e.type: e for e in found}
    assert [t.actor for t in by_type["sanction"].targets] == ["Belarus"]
    assert by_type["sanction"].modality == REALIZED and by_type["sanction"].cameo == "163"
    agreement = by_type["agreement"]
    assert agreement.agent.actor == "Chile" and [t.actor for t in agreement.targets] == ["Peru"]
    assert agreement.cameo == "057"


def test_undated_article_keeps_phrases_unresolved():
    plan = only("Justin Trudeau will visit India in March.")
    assert plan.time is not None and plan.time.text == "March" and plan.time.lo is None


def test_a_meeting_needs_someone_to_meet():
    assert [e for e in events("Treasury Secretary James Baker said the budget would meet its "
                              "deficit targets.") if e.type == "meeting"] == []
    joint = only("Yasuhiro Nakasone and Ronald Reagan will meet on Thursday.", "meeting")
    assert joint.modality == PLANNED and joint.agent.actor == "Ronald Reagan"
    met = only("Shinzo Abe met Jacinda Ardern in Wellington.", "meeting")
    assert [t.actor for t in met.targets] == ["Jacinda Ardern"]
