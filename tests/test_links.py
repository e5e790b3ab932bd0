"""Links between articles written for the test: plan → realization with its diff, follow-ups,
shared context, duplicates, through the real pipeline and store."""

from briefing.analysis.document import analyse_document
from briefing.analysis.links import claims, follow_up, realizes
from briefing.analysis.links.model import ArticleView
from tests.helpers import write_file

PLAN = ("Japanese Prime Minister Shinzo Abe will travel to Australia, New Zealand and Fiji in "
        "March, his office said on Tuesday. The trip is meant to deepen trade ties.")
REPORT = ("Japanese Prime Minister Shinzo Abe arrived in Wellington on Monday after visiting "
          "Australia, officials said. Abe met New Zealand Prime Minister Jacinda Ardern.")
OTHER = ("German Chancellor Angela Merkel visited Australia on Monday, officials said.")


def view(article_id, text, published=None):
    from datetime import date

    analysis = analyse_document(text, published, "rules")
    return ArticleView(article_id, date.fromisoformat(published) if published else None,
                       analysis.events)


def test_plan_then_report_is_a_realizes_link_with_its_diff():
    link = realizes.compare(view(1, PLAN, "2018-02-06"), view(2, REPORT, "2018-03-12"))
    assert link is not None and (link.source, link.target, link.type) == (1, 2, "realizes")
    diff = link.diff
    assert diff["agent"] == "Shinzo Abe"
    assert diff["planned"] == ["Australia", "New Zealand", "Fiji"]
    assert diff["planned_not_reported"] == ["Fiji"]  # Wellington counts for New Zealand
    assert diff["reported_not_planned"] == []
    assert "within the planned window" in diff["timing"]
    assert not link.inferred_order
    first = link.evidence[0]
    assert PLAN[first.source_start:first.source_end].startswith("Japanese Prime Minister")
    assert "arrived in Wellington" in REPORT[first.target_start:first.target_end]
    assert "Fiji" in link.reason


def test_the_link_only_runs_from_plan_to_report():
    assert realizes.compare(view(2, REPORT), view(1, PLAN)) is None


def test_a_report_dated_before_the_plan_or_a_year_later_is_another_story():
    assert realizes.compare(view(1, PLAN, "2018-02-06"), view(2, REPORT, "2018-01-10")) is None
    assert realizes.compare(view(1, PLAN, "2018-02-06"), view(2, REPORT, "2019-05-10")) is None


def test_a_late_realization_is_kept_and_said():
    link = realizes.compare(view(1, PLAN, "2018-02-06"), view(2, REPORT, "2018-06-20"))
    assert link is not None and "later than planned" in link.diff["timing"]
    on_time = realizes.compare(view(1, PLAN, "2018-02-06"), view(2, REPORT, "2018-03-12"))
    assert link.score < on_time.score


def test_another_agent_or_no_shared_leg_is_no_link():
    assert realizes.compare(view(1, PLAN), view(3, OTHER)) is None
    elsewhere = "Japanese Prime Minister Shinzo Abe visited Canada on Monday, officials said."
    assert realizes.compare(view(1, PLAN), view(4, elsewhere)) is None


def test_undated_articles_are_ordered_by_what_they_say():
    link = realizes.compare(view(1, PLAN), view(2, REPORT))
    assert link is not None and link.inferred_order and "order inferred" in link.reason


def test_a_postponed_plan_is_a_follow_up():
    update = ("Japanese Prime Minister Shinzo Abe has postponed his trip to Fiji, "
              "officials said on Friday.")
    link = follow_up.compare(view(1, PLAN, "2018-02-06"), view(5, update, "2018-02-20"))
    assert link is not None and link.type == "follow_up"
    assert "postponed" in link.reason and link.diff["shared"] == ["Fiji"]
    assert realizes.compare(view(1, PLAN, "2018-02-06"), view(5, update, "2018-02-20")) is None


def test_shared_claims_need_the_same_rare_words_not_the_same_topic():
    a = ("The pipeline, which carries 300,000 barrels a day of Kurdish crude to the Turkish port "
         "of Ceyhan, was shut on Monday.")
    b = ("Flows through the pipeline that carries 300,000 barrels a day of Kurdish crude to the "
         "Turkish port of Ceyhan resumed on Friday.")
    c = "Oil prices rose on Monday as traders watched flows of crude through pipelines."
    docs = {i: claims.claims(i, t, [(0, len(t))]) for i, t in enumerate((a, b, c))}
    df = {}
    for cs in docs.values():
        for term in cs[0].terms:
            df[term] = df.get(term, 0) + 1
    idf = claims.Idf(lambda t: df.get(t, 0) + 20 * (t in ("crude", "pipelin", "monday")), 100)
    every = [c for cs in docs.values() for c in cs]
    found = claims.shared_claims(every, every, idf)
    assert [(f.a.article, f.b.article) for f in found] == [(0, 1)]
    assert "Ceyhan" in claims.quote(a, found[0].a, found[0].b)


def test_store_links_new_articles_to_the_corpus_incrementally(corpus, tmp_path):
    write_file(tmp_path / "a" / "plan.md", f"---\ntitle: Abe to tour Pacific\ndate: 2018-02-06\n---\n{PLAN}\n")
    corpus.ingest([tmp_path / "a"])
    assert corpus.links(type_="realizes") == []
    write_file(tmp_path / "b" / "report.md", f"---\ntitle: Abe in Wellington\ndate: 2018-03-12\n---\n{REPORT}\n")
    corpus.ingest([tmp_path / "b"])
    [link] = corpus.links(type_="realizes")
    assert (link.source_title, link.target_title) == ("Abe to tour Pacific", "Abe in Wellington")
    assert link.evidence[0].source_text.startswith("Japanese Prime Minister Shinzo Abe will travel")
    assert link.diff["planned_not_reported"] == ["Fiji"]
    before = [(x.source, x.target, x.type, x.score) for x in corpus.links()]
    corpus.analyse(everything=True)
    assert [(x.source, x.target, x.type, x.score) for x in corpus.links()] == before


def test_a_republished_text_is_a_duplicate_link(corpus, tmp_path):
    write_file(tmp_path / "one.md", f"---\ntitle: One\ndate: 2018-02-06\n---\n{PLAN}\n")
    write_file(tmp_path / "two.md", f"---\ntitle: Two\ndate: 2018-02-07\n---\n{PLAN}\n")
    corpus.ingest([tmp_path])
    [dup] = corpus.links(type_="duplicate")
    assert {dup.source_title, dup.target_title} == {"One", "Two"}


def test_timeline_orders_undated_articles_by_their_links(corpus, tmp_path):
    write_file(tmp_path / "b_report.txt", REPORT)  # ingested first, so the lower id
    corpus.ingest([tmp_path / "b_report.txt"])
    write_file(tmp_path / "a_plan.txt", PLAN)
    corpus.ingest([tmp_path / "a_plan.txt"])
    entries = corpus.timeline("Shinzo Abe")
    modalities = [t.event["modality"] for t in entries if t.event["type"] == "visit"]
    assert modalities[0] == "planned" and modalities[-1] == "realized"
    assert all(t.date_inferred for t in entries)
