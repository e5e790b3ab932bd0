"""The export schema (schema.json, JSON Schema draft 2020-12) and a small validator for the
subset of JSON Schema it uses, so documents can be checked without a jsonschema dependency.

Supported keywords: type, const, enum, properties, required, additionalProperties, items,
minItems, maxItems, minimum, pattern, $ref (to "#/$defs/..."). Annotations ($schema, $id,
$defs, title, description, $comment) are ignored. Any other keyword raises ValueError, so the
schema cannot silently use something this validator does not check.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

_ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description", "$comment"}
_KEYWORDS = {"type", "const", "enum", "properties", "required", "additionalProperties",
             "items", "minItems", "maxItems", "minimum", "pattern", "$ref"} | _ANNOTATIONS
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


@cache
def _schema_text() -> str:
    return resources.files("briefing.export").joinpath("schema.json").read_text("utf-8")


def load_schema() -> dict:
    """The export schema, parsed (a fresh copy each call)."""
    return json.loads(_schema_text())


def validate(doc, schema: dict | None = None) -> list[str]:
    """Every way `doc` breaks the schema, as "path: problem" strings; [] when it is valid."""
    schema = load_schema() if schema is None else schema
    errors: list[str] = []
    _check(doc, schema, schema, "$", errors)
    return errors


def _resolve(ref: str, root: dict) -> dict:
    if not ref.startswith("#/"):
        raise ValueError(f"only local $ref is supported, got {ref!r}")
    node = root
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _check(value, schema: dict, root: dict, path: str, errors: list[str]) -> None:
    unknown = set(schema) - _KEYWORDS
    if unknown:
        raise ValueError(f"{path}: schema keyword(s) not supported: {', '.join(sorted(unknown))}")
    if "$ref" in schema:
        _check(value, _resolve(schema["$ref"], root), root, path, errors)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](value) for t in types):
            errors.append(f"{path}: expected {' or '.join(types)}, got {_kind(value)}")
            return
    if "const" in schema and not _equal(value, schema["const"]):
        errors.append(f"{path}: expected {schema['const']!r}, got {value!r}")
    if "enum" in schema and not any(_equal(value, v) for v in schema["enum"]):
        errors.append(f"{path}: {value!r} is not one of {schema['enum']!r}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{path}: missing {key!r}")
        for key, item in value.items():
            if key in props:
                _check(item, props[key], root, f"{path}.{key}", errors)
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected {key!r}")
            elif isinstance(schema.get("additionalProperties"), dict):
                _check(item, schema["additionalProperties"], root, f"{path}.{key}", errors)
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            errors.append(f"{path}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.append(f"{path}: more than {schema['maxItems']} items")
        if "items" in schema:
            for i, item in enumerate(value):
                _check(item, schema["items"], root, f"{path}[{i}]", errors)
    if "minimum" in schema and _TYPES["number"](value) and value < schema["minimum"]:
        errors.append(f"{path}: {value} is below {schema['minimum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']!r}")


def _equal(a, b) -> bool:
    """JSON equality: true is not 1, 1 is 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def _kind(value) -> str:
    for name, test in _TYPES.items():
        if name != "number" and test(value):
            return name
    return "number" if _TYPES["number"](value) else type(value).__name__
