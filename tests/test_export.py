"""Export (issue 6) through its API: scopes, the document's sections, the bottom line,
escaping in every format, schema validation and atomic writes."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from html.parser import HTMLParser

import pytest

from briefing.export import ExportError, Scope, build, render, validate, write
from briefing.export.to_markdown import md
from tests.helpers import ROOT, SEEDS, write_file

GENERATED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
NASTY = "<script>alert(1)</script> [link](javascript:alert(1)) a | b **bold** `code` &amp; #tag"


def seeded_corpus(path):
    """The seeds, analysed with the default rules extractor (whatever else is installed)."""
    from briefing.store.corpus import Corpus

    corpus = Corpus(path)
    corpus.ingest([SEEDS], analyse=False)
    corpus.analyse(extractor="rules")
    return corpus


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    corpus = seeded_corpus(tmp_path_factory.mktemp("export") / "briefing.db")
    yield corpus
    corpus.close()


@pytest.fixture
def fresh(tmp_path):
    corpus = seeded_corpus(tmp_path / "briefing.db")
    yield corpus
    corpus.close()


def ids_by_file(corpus) -> dict[str, int]:
    return {corpus.article(i).origin.split("/")[-1][:3]: i for i in corpus.article_ids()}


def norm(text: str) -> str:
    return " ".join(text.split())


# --- scopes -------------------------------------------------------------------------------

def test_every_scope_kind_resolves_on_the_seeds(seed):
    ids = ids_by_file(seed)
    plan, report = ids["001"], ids["000"]
    cases = {
        Scope("all"): {plan, report},
        Scope("query", "Grenada"): {plan},
        Scope("actor", "Videgaray"): {plan, report},
        Scope("story", report): {plan, report},
        Scope("ids", [plan]): {plan},
        Scope("ids", f"{report}, {plan}"): {plan, report},
    }
    for scope, expected in cases.items():
        doc = build(seed, scope, GENERATED)
        assert {a["id"] for a in doc["articles"]} == expected, scope
        assert doc["counts"]["articles"] == len(expected)
        assert validate(doc) == []
        assert json.loads(render(doc, "json")) == doc
    assert build(seed, Scope("actor", "Videgaray"))["scope"]["actors"] == ["Luis Videgaray"]


def test_bookmarks_scope_and_since_until(fresh, tmp_path):
    ids = ids_by_file(fresh)
    with pytest.raises(ExportError, match="no bookmarked articles"):
        build(fresh, Scope("bookmarks"))
    fresh.set_bookmark(ids["000"])
    doc = build(fresh, Scope("bookmarks"))
    assert [a["id"] for a in doc["articles"]] == [ids["000"]]
    assert doc["articles"][0]["bookmarked"] is True
    rows = [{"title": f"Dated {d}", "date": d, "text": f"Story number {n} about fisheries quotas."}
            for n, d in enumerate(("2018-01-15", "2018-02-14", "2018-03-01"))]
    fresh.ingest([write_file(tmp_path / "dated.jsonl",
                             "\n".join(json.dumps(r) for r in rows))], analyse=True)
    dated = build(fresh, Scope("query", "fisheries", since="2018-02", until="2018-02-28"))
    assert [a["title"] for a in dated["articles"]] == ["Dated 2018-02-14"]
    assert dated["scope"]["label"] == "search “fisheries”, 2018-02 to 2018-02-28"
    everything = build(fresh, Scope("all", since="2018-02"))
    assert [a["title"] for a in everything["articles"]] == ["Dated 2018-02-14", "Dated 2018-03-01"]
    assert [s["ref"] for s in everything["sources"]] == [1, 2]  # dated: in date order


@pytest.mark.parametrize("scope, message", [
    (Scope("everything"), "unknown scope 'everything'"),
    (Scope("actor", "Nobody Atall"), "unknown actor 'Nobody Atall'"),
    (Scope("actor", ""), "needs an actor's name"),
    (Scope("story", 999), "no article with id 999"),
    (Scope("story", "x"), "needs an article id"),
    (Scope("ids", [1, 999]), "no article with id 999"),
    (Scope("ids", "1,two"), "whole numbers"),
    (Scope("ids", []), "at least one article id"),
    (Scope("query", ""), "needs search text"),
    (Scope("query", "is:weird"), "bad query: is: expects bookmarked"),
    (Scope("query", "zzzzunfindable"), "no articles in scope: search “zzzzunfindable”"),
    (Scope("all", since="2018-13"), "since: expects a date"),
    (Scope("all", since="2030"), "no articles in scope: all articles, since 2030"),
])
def test_scope_errors_name_the_problem(seed, scope, message):
    with pytest.raises(ExportError, match=re.escape(message)):
        build(seed, scope)


def test_unknown_format_is_an_export_error(seed):
    doc = build(seed, Scope("all"), GENERATED)
    with pytest.raises(ExportError, match="unknown format 'pdf'"):
        render(doc, "pdf")
    assert render(doc, "md") == render(doc, "markdown")


# --- the document -------------------------------------------------------------------------

def test_document_is_deterministic_and_validates(seed):
    first = build(seed, Scope("all"), GENERATED)
    second = build(seed, Scope("all"), GENERATED)
    assert first == second
    assert validate(first) == []
    assert first["generated"] == "2026-01-02T03:04:05Z"
    assert first["corpus"]["database"] == "briefing.db"  # the name, never the tmp directory
    for fmt in ("markdown", "json", "html"):
        assert render(first, fmt) == render(second, fmt)
    assert json.loads(render(first, "json")) == first


def test_sources_are_numbered_in_order_and_every_citation_points_at_one(seed, monkeypatch):
    monkeypatch.chdir(ROOT)
    doc = build(seed, Scope("all"), GENERATED)
    ids = ids_by_file(seed)
    assert [s["ref"] for s in doc["sources"]] == list(range(1, len(doc["sources"]) + 1))
    # undated seeds: the plan comes first because it is realized by the report
    assert [s["article_id"] for s in doc["sources"]] == [ids["001"], ids["000"]]
    refs = {s["ref"] for s in doc["sources"]}
    cited = ([p["ref"] for p in doc["bottom_line"]] + [t["ref"] for t in doc["timeline"]]
             + [r["ref"] for a in doc["actors"] for r in a["roles"]]
             + [x for link in doc["links"] for x in (link["from"], link["to"])])
    assert cited and set(cited) <= refs
    by_ref = {s["ref"]: s for s in doc["sources"]}
    assert by_ref[1]["path"] == "seeds/001_d6ac10d55f918135.txt"  # below the working dir
    assert by_ref[1]["dateline"] == "Mexico City" and by_ref[1]["source"] == "Reuters"


def test_bottom_line_is_extractive_cited_and_explained(seed):
    doc = build(seed, Scope("all"), GENERATED)
    points = doc["bottom_line"]
    assert 3 <= len(points) <= 5
    for p in points:
        article = seed.article(p["article_id"])
        assert norm(article.text[p["start"]:p["end"]]) == p["text"]  # quoted, never written
        assert doc["sources"][p["ref"] - 1]["article_id"] == p["article_id"]
        assert p["why"]
    texts = [p["text"] for p in points]
    assert texts[0].startswith("Mexico’s foreign minister will travel to Jamaica, Grenada")
    assert any("visited St. Lucia before Jamaica" in t for t in texts)
    assert "plan in a plan → realization link" in points[0]["why"][0]
    assert [p["score"] for p in points] == sorted((p["score"] for p in points), reverse=True)


def test_timeline_marks_plans_realizations_inferred_order_and_grenada(seed):
    doc = build(seed, Scope("all"), GENERATED)
    rows = doc["timeline"]
    plan = next(r for r in rows if r["trigger"] == "travel")
    report = next(r for r in rows if r["trigger"] == "visited")
    assert plan["modality"] == "planned" and plan["realized_by"] == [report["ref"]]
    assert report["modality"] == "realized" and report["realizes"] == [plan["ref"]]
    assert rows.index(plan) < rows.index(report)
    assert all(r["date"] is None and r["date_inferred"] for r in rows)  # undated seeds
    [missing] = doc["not_reported"]
    assert missing["not_reported"] == ["Grenada"]
    assert (missing["plan_ref"], missing["report_ref"]) == (plan["ref"], report["ref"])


def test_actors_carry_type_role_country_counts_and_the_role_sentence(seed):
    doc = build(seed, Scope("all"), GENERATED)
    actor = next(a for a in doc["actors"] if a["name"] == "Luis Videgaray")
    assert (actor["type"], actor["country"], actor["articles"]) == ("PERSON", "Mexico", 2)
    [role] = actor["roles"]
    assert role["title"] == "Foreign Minister" and role["country"] == "Mexico"
    assert "foreign minister will travel" in role["sentence"]
    counts = [(-a["articles"], -a["mentions"]) for a in doc["actors"]]
    assert counts == sorted(counts)


def test_markdown_has_the_plan_realization_link_and_grenada_not_reported(seed):
    text = render(build(seed, Scope("all"), GENERATED), "markdown")
    links = text.split("\n## Links\n")[1].split("\n## Articles\n")[0]
    assert "plan → realization" in links
    assert "will travel to Jamaica, Grenada and Saint Lucia in March" in links
    assert "Videgaray, who visited St. Lucia before Jamaica" in links
    assert "- planned, not reported: **Grenada**" in links
    planned = text.split("### Planned but not reported\n")[1].split("\n## ")[0]
    assert planned.strip().startswith("- **Grenada**:")
    for heading in ("# Briefing: all articles", "## Bottom line up front", "## Timeline",
                    "## Actors", "## Links", "## Articles", "## Sources"):
        assert f"\n{heading}\n" in "\n" + text
    order = [text.index(h) for h in ("## Bottom line", "## Timeline", "## Actors", "## Links",
                                     "## Articles", "## Sources")]
    assert order == sorted(order)


# --- escaping ----------------------------------------------------------------------------

@pytest.fixture
def nasty(fresh, tmp_path):
    """The seeds plus an article and notes full of markup, and a note with a passage."""
    record = {"title": "Hostile <b>title</b> | [x](javascript:alert(2))", "date": "2018-02-01",
              "url": "javascript:alert(3)", "source": "Evil | Wire",
              "text": "Ministers met in Oslo. " + NASTY + ". The talks ended on Friday."}
    fresh.ingest([write_file(tmp_path / "nasty.jsonl", json.dumps(record))])
    [article_id] = fresh.search_ids("Oslo")
    fresh.add_note(article_id, NASTY + "\nsecond line # not a heading\n- not a list")
    text = fresh.article(article_id).text
    start = text.index("<script>")
    fresh.add_note(article_id, "", start, start + len("<script>alert(1)</script>"))
    fresh.add_note(article_id, "| in a note\x1b[31m", None, None)
    return fresh, article_id


def test_json_keeps_text_exactly_and_drops_control_characters(nasty):
    corpus, article_id = nasty
    doc = json.loads(render(build(corpus, Scope("ids", [article_id]), GENERATED), "json"))
    [article] = doc["articles"]
    notes = [n["text"] for n in article["notes"]]
    assert NASTY + "\nsecond line # not a heading\n- not a list" in notes
    assert "| in a note[31m" in notes  # the escape character itself is gone
    assert article["notes"][0]["quote"] == "<script>alert(1)</script>"
    assert validate(doc) == []


def _markdown_html(text: str) -> str:
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").enable("table").render(text)


def test_markdown_renders_hostile_text_as_text(nasty):
    corpus, article_id = nasty
    doc = build(corpus, Scope("all"), GENERATED)
    text = render(doc, "markdown")
    assert "<script>" not in text and not re.search(r"(?<!\\)\]\(javascript:", text)
    html = _markdown_html(text)
    assert "<script" not in html and "<b>" not in html
    assert "<a " not in html  # no link at all: the seeds and this article have no http URL
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [link](javascript:alert(1)) a | b **bold**" \
        in html
    assert "<h1>" in html and html.count("<h1>") == 1  # a "# " inside text made no heading
    assert "second line # not a heading" in html


def test_markdown_table_cells_escape_pipes(seed):
    doc = build(seed, Scope("all"), GENERATED)
    doc["actors"][0]["name"] = "A | B <i>x</i> [y](javascript:z)"
    doc["actors"][0]["roles"] = [{"title": "Chief | Boss", "country": None,
                                  "sentence": "x", "ref": 1}]
    text = render(doc, "markdown")
    html = _markdown_html(text)
    table = html.split("<table>")[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    assert all(row.count("<td") == 6 for row in rows[1:])  # the pipes split no cell
    assert "A | B &lt;i&gt;x&lt;/i&gt; [y](javascript:z)" in rows[1]
    assert "Chief | Boss" in rows[1]


@pytest.mark.parametrize("text", [
    "- a list?", "+ plus", "1. numbered", "12) paren", "# heading", "> quote", "=== setext",
    "[a]: http://x.example", "![img](http://x.example/i.png)", "<div>", "`tick`", "***",
    "a\\", "$x$", "%%hidden%%", "==mark==", "~~strike~~", "_under_", "&copy;", "^ref",
])
def test_md_escape_leaves_only_the_text(text):
    html = _markdown_html(md(text) + "\n")
    assert html.startswith("<p>") and html.count("<p>") == 1, html
    inner = html[3:html.rindex("</p>")]
    import html as html_module
    assert html_module.unescape(inner) == text


class _Checker(HTMLParser):
    VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tags, self.attrs, self.data, self.problems = [], [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.data.append(data)


def check_html(text: str) -> _Checker:
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert checker.problems == [] and checker.stack == []
    assert "script" not in checker.tags and "iframe" not in checker.tags
    assert not any(name.startswith("on") for name, _ in checker.attrs)
    for name, value in checker.attrs:
        if name == "href":
            assert value.startswith(("#src-", "http://", "https://")), value
        assert name not in ("src", "srcset", "action", "formaction"), name
    assert "link" not in checker.tags  # no external style sheet
    return checker


def test_html_is_self_contained_printable_and_escapes_everything(nasty):
    corpus, _ = nasty
    text = render(build(corpus, Scope("all"), GENERATED), "html")
    checker = check_html(text)
    assert "<script" not in text.lower()
    assert "@media print" in text and "url(" not in text
    assert "Content-Security-Policy" in text
    shown = "".join(checker.data)
    assert "<script>alert(1)</script> [link](javascript:alert(1)) a | b" in shown
    assert "Hostile <b>title</b> | [x](javascript:alert(2))" in shown
    assert "javascript:alert(3)" in shown  # a non-http URL is shown, never linked
    assert "\x1b" not in text


def test_markdown_sources_link_only_http_urls(nasty):
    corpus, _ = nasty
    text = render(build(corpus, Scope("all"), GENERATED), "markdown")
    sources = text.split("## Sources\n")[1]
    assert "`javascript:alert(3)`" in sources and "<javascript:" not in sources


# --- writing ------------------------------------------------------------------------------

def test_write_is_atomic_refuses_to_overwrite_and_forces(seed, tmp_path):
    path = tmp_path / "brief.md"
    assert write(seed, Scope("all"), "markdown", path, generated=GENERATED) == path
    first = path.read_text()
    assert first == render(build(seed, Scope("all"), GENERATED), "markdown")
    with pytest.raises(FileExistsError):
        write(seed, Scope("all"), "html", path, generated=GENERATED)
    assert path.read_text() == first
    write(seed, Scope("all"), "html", path, force=True, generated=GENERATED)
    assert path.read_text().startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]  # no temp file left


def test_write_failure_leaves_the_old_file_and_no_temp_file(seed, tmp_path, monkeypatch):
    path = tmp_path / "brief.json"
    path.write_text("old")

    def boom(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        write(seed, Scope("all"), "json", path, force=True)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.json"]


def test_write_dash_goes_to_stdout(seed, capsys):
    assert str(write(seed, Scope("all"), "json", "-", generated=GENERATED)) == "-"
    assert json.loads(capsys.readouterr().out)["generated"] == "2026-01-02T03:04:05Z"


def test_export_never_imports_textual():
    import subprocess
    import sys

    code = ("import sys, briefing.export, briefing.cli.export_cmds; "
            "print(any(m.split('.')[0] == 'textual' for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_bottom_line_weighs_a_same_story_link_like_shared_context():
    from briefing.export.bottom_line import key_points
    from briefing.store.models import EvidencePair, LinkView

    a = "Napa was shaken by a strong earthquake early on Sunday morning."
    b = "Residents of Napa swept up broken glass after Sunday's earthquake."

    def score(strength):
        link = LinkView(1, 1, 2, "same_event", 0.5, "same place (Napa)", "A", "B",
                        [EvidencePair(0, len(a), a, 0, len(b), b)], {"strength": strength})
        points = key_points({1: a, 2: b}, {1: 1, 2: 2}, {1: [], 2: []}, [], [link])
        return max(p["score"] for p in points if p["article_id"] == 1)

    assert score("event") - score("story") == 1.0  # 2 per same_event link, 1 per same-story one


def test_a_same_story_link_is_named_as_the_reader_names_it():
    from briefing.export.wording import link_label

    def name(strength):
        return link_label({"type": "same_event", "score": 0.4, "inferred_order": False,
                           "diff": {"strength": strength}})[0]

    assert (name("event"), name("story")) == ("same event", "same story")
