"""The export schema file and the small validator that checks documents against it."""

import copy
import json

import pytest

from briefing.export import SCHEMA_VERSION, load_schema, validate
from briefing.export.document import FORMAT_NAME
from briefing.export.schema import _schema_text
from tests.helpers import ROOT

GOLDEN = ROOT / "tests" / "golden" / "seed.json"


@pytest.fixture
def doc():
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_schema_file_is_draft_2020_12_and_versioned():
    schema = json.loads((ROOT / "briefing" / "export" / "schema.json").read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema_version"] == {"const": SCHEMA_VERSION}
    assert schema["properties"]["format"] == {"const": FORMAT_NAME}
    assert load_schema() == json.loads(_schema_text())
    # every top-level section is required and described
    assert set(schema["required"]) == set(schema["properties"])


@pytest.mark.parametrize("change, problem", [
    (lambda d: d.pop("timeline"), "$: missing 'timeline'"),
    (lambda d: d.update(extra=1), "$: unexpected 'extra'"),
    (lambda d: d.update(schema_version=2), "$.schema_version: expected 1, got 2"),
    (lambda d: d.update(generated="yesterday"), "$.generated: 'yesterday' does not match"),
    (lambda d: d["scope"].update(kind="everything"), "$.scope.kind: 'everything' is not one of"),
    (lambda d: d["sources"][0].update(ref=0), "$.sources[0].ref: 0 is below 1"),
    (lambda d: d["sources"][0].update(title=3), "$.sources[0].title: expected string or null"),
    (lambda d: d["timeline"][0].update(date_inferred=1),
     "$.timeline[0].date_inferred: expected boolean, got integer"),
    (lambda d: d["counts"].update(links=True), "$.counts.links: expected integer, got boolean"),
    (lambda d: d["bottom_line"].extend(d["bottom_line"]), "$.bottom_line: more than 5 items"),
    (lambda d: d["not_reported"][0].update(not_reported=[]),
     "$.not_reported[0].not_reported: fewer than 1 items"),
    (lambda d: d["links"][0]["evidence"][0].pop("note"), "$.links[0].evidence[0]: missing 'note'"),
])
def test_validator_reports_each_violation_with_its_path(doc, change, problem):
    assert validate(doc) == []
    broken = copy.deepcopy(doc)
    change(broken)
    errors = validate(broken)
    assert any(e.startswith(problem) for e in errors), errors


def test_validator_refuses_keywords_it_does_not_implement():
    with pytest.raises(ValueError, match="not supported: oneOf"):
        validate({}, {"oneOf": [{"type": "string"}]})
