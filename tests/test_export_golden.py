"""Golden files: the export of the two seed articles in every format, byte for byte.

The seeds are analysed with the default rules extractor, the timestamp is fixed, and the
working directory is the repository (so source paths read `seeds/…`). When a change to the
analysis or the export is meant to change the output, regenerate and review the diff:

    BRIEFING_UPDATE_GOLDEN=1 .venv/bin/pytest -q tests/test_export_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import difflib
import json
import os
from datetime import datetime, timezone
from html.parser import HTMLParser

import pytest

from briefing.export import Scope, build, render, validate
from tests.helpers import ROOT
from tests.test_export import check_html, seeded_corpus

GOLDEN = ROOT / "tests" / "golden"
GENERATED = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
UPDATE = os.environ.get("BRIEFING_UPDATE_GOLDEN") == "1"
FILES = {"markdown": "seed.md", "json": "seed.json", "html": "seed.html"}


@pytest.fixture(scope="module")
def seed_doc(tmp_path_factory):
    corpus = seeded_corpus(tmp_path_factory.mktemp("golden") / "briefing.db")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        yield build(corpus, Scope("all"), GENERATED)
    finally:
        os.chdir(cwd)
        corpus.close()


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_seed_export_matches_its_golden_file(seed_doc, fmt):
    text = render(seed_doc, fmt)
    path = GOLDEN / FILES[fmt]
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} missing: run with BRIEFING_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(list(difflib.unified_diff(
            expected.splitlines(True), text.splitlines(True), str(path), "export"))[:80])
        pytest.fail(f"{fmt} export differs from {path.name} (if intended: "
                    f"BRIEFING_UPDATE_GOLDEN=1 .venv/bin/pytest {__file__}):\n{diff}")


def test_golden_json_validates_against_the_schema():
    doc = json.loads((GOLDEN / "seed.json").read_text(encoding="utf-8"))
    assert validate(doc) == []
    assert doc["generated"] == "2026-01-01T12:00:00Z"


def test_golden_markdown_has_the_plan_realization_link_and_grenada():
    text = (GOLDEN / "seed.md").read_text(encoding="utf-8")
    links = text.split("\n## Links\n")[1].split("\n## Articles\n")[0]
    assert "plan → realization" in links
    assert "Mexico’s foreign minister will travel to Jamaica, Grenada and Saint Lucia in March" \
        in links
    assert "Videgaray, who visited St. Lucia before Jamaica" in links
    assert "planned, not reported: **Grenada**" in links
    unreported = text.split("### Planned but not reported\n")[1].split("\n## ")[0]
    assert "**Grenada**" in unreported


def test_golden_html_parses_and_contains_no_script():
    text = (GOLDEN / "seed.html").read_text(encoding="utf-8")
    checker = check_html(text)
    assert "<script" not in text.lower()
    assert isinstance(checker, HTMLParser)
    assert "Grenada" in "".join(checker.data)
