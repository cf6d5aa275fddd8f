"""Every money amount, rate and timestamp an answer carries is written in the one wire format.

Walks every success answer of the merged OpenAPI document (built from the services' apps, as
docs/api/openapi.json is) and names each field that carries a decimal or an instant without one of
the wire types of `cartera_shared.wire` (known by their JSON-schema `format`):
- a field whose name says money, a rate or a quantity (amount, total, rate, price, ...) or whose
  schema says decimal, but whose schema is not money, percent, fraction, quantity or unit-price;
- a field whose name says instant (`*_at`) or whose schema says date-time, but which is not the
  UTC timestamp;
- a fraction whose name does not end in `_fraction`, or a `*_fraction` that is not a fraction
  (a reader must never take a fraction for a percentage).

Run as a script, it prints every offending field.
"""

from __future__ import annotations

import re
from typing import Any

from cartera_gateway.docs import METHODS, merge_openapi
from cartera_gateway.export_docs import DOCUMENTED_BASE_URL, service_documents
from cartera_shared.wire import TIMESTAMP_PATTERN, WIRE_FORMATS

DECIMAL_FORMATS = WIRE_FORMATS - {"date-time"}
# Names that say a field holds money, a rate or a quantity.
DECIMAL_NAME = re.compile(
    r"(^|_)(amount|amounts|total|totals|subtotal|rate|price|base|vat|irpf|surcharge|balance|"
    r"interest|principal|quantity|share|fraction|percent|ratio|hhi|slope|change|opening|"
    r"closing|invoiced|paid|owed|outstanding|overdue_amount|value|threshold|current|compare|"
    r"dso|average|fee|discount|tax_total|net_total)(_|$)"
)
# Fields those words name that hold no decimal (a count, a name, an object).
NOT_DECIMAL_TYPES = {"integer", "boolean", "object", "array"}
INSTANT_NAME = re.compile(r"(^|_)at$")


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> tuple[str | None, dict]:
    name = None
    seen = set()
    while "$ref" in schema and schema["$ref"] not in seen:
        seen.add(schema["$ref"])
        name = schema["$ref"].rsplit("/", 1)[1]
        schema = document["components"]["schemas"].get(name, {})
    return name, schema


def _leaves(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The non-null alternatives of a field's schema."""
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            return [b for b in schema[combinator] if b.get("type") != "null"]
    return [schema]


def field_problem(name: str, schema: dict[str, Any]) -> str | None:
    """What is wrong with one scalar field of an answer, or None."""
    formats = {leaf.get("format") for leaf in _leaves(schema)}
    types = {leaf.get("type") for leaf in _leaves(schema)}
    described = " ".join(str(leaf.get("description", "")) for leaf in _leaves(schema))
    described += " " + str(schema.get("description", ""))
    is_decimal_format = bool(formats & DECIMAL_FORMATS)
    if "fraction" in formats and not name.endswith("_fraction"):
        return "a fraction of 1 whose name does not end in _fraction"
    if name.endswith("_fraction") and formats != {"fraction"}:
        return "named *_fraction but not a fraction"
    if "date-time" in formats:
        if any(leaf.get("pattern") != TIMESTAMP_PATTERN for leaf in _leaves(schema)):
            return "a date-time that is not the UTC wire timestamp"
        return None
    if INSTANT_NAME.search(name) and types & {"string"} and "date" not in formats:
        return "an instant (`*_at`) that is not the UTC wire timestamp"
    if is_decimal_format:
        return None
    if "number" in types:
        return "a JSON number where the wire writes a decimal string"
    if "string" in types and (
        DECIMAL_NAME.search(name) or re.search(r"\bdecimal", described, re.IGNORECASE)
    ):
        if formats & {"date", "uuid", "email", "uri"} or any(
            "enum" in leaf or "const" in leaf for leaf in _leaves(schema)
        ):
            return None
        return "a decimal written as a plain string, not one of the wire types"
    return None


def answer_problems(document: dict[str, Any]) -> dict[str, str]:
    """{"Schema.field": problem} over every schema a success answer reaches."""
    found: dict[str, str] = {}
    visited: set[int] = set()

    def walk(schema: dict[str, Any] | None, where: str) -> None:
        if not schema:
            return
        ref, schema = _resolve(document, schema)
        where = ref or where
        if id(schema) in visited:
            return
        visited.add(id(schema))
        for combinator in ("anyOf", "oneOf", "allOf"):
            for branch in schema.get(combinator, []):
                walk(branch, where)
        if schema.get("type") == "array":
            walk(schema.get("items"), where)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            walk(extra, where)
        for field, child in (schema.get("properties") or {}).items():
            _, resolved = _resolve(document, child)
            leaves = [_resolve(document, leaf)[1] for leaf in _leaves(resolved)]
            scalar = all(leaf.get("type") not in NOT_DECIMAL_TYPES for leaf in leaves) and not any(
                "properties" in leaf for leaf in leaves
            )
            if scalar and (problem := field_problem(field, resolved)):
                found[f"{where}.{field}"] = problem
            walk(child, f"{where}.{field}")

    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            for code, answer in operation.get("responses", {}).items():
                if not str(code).startswith("2"):
                    continue
                for media in (answer.get("content") or {}).values():
                    walk(media.get("schema"), f"{method.upper()} {path}")
    return found


def example_problems(document: dict[str, Any]) -> dict[str, str]:
    """{"Schema.field": value} for every example value of a wire-typed field that is not written
    as the wire writes it (the examples are what a partner copies)."""
    found: dict[str, str] = {}

    def check(schema: dict[str, Any] | None, example: Any, where: str, depth: int = 0) -> None:
        if not schema or depth > 12:
            return
        ref, schema = _resolve(document, schema)
        where = ref or where
        leaves = [_resolve(document, leaf)[1] for leaf in _leaves(schema)]
        if isinstance(example, str):
            for leaf in leaves:
                if leaf.get("format") in WIRE_FORMATS and "pattern" in leaf:
                    if not re.match(leaf["pattern"], example):
                        found[where] = example
                    return
            return
        for leaf in leaves:
            if isinstance(example, list) and leaf.get("type") == "array":
                for item in example:
                    check(leaf.get("items"), item, where, depth + 1)
            elif isinstance(example, dict):
                properties = leaf.get("properties") or {}
                for key, value in example.items():
                    if key in properties:
                        check(properties[key], value, f"{where}.{key}", depth + 1)

    for name, schema in document["components"]["schemas"].items():
        for example in schema.get("examples") or []:
            check(schema, example, name)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            for code, answer in operation.get("responses", {}).items():
                if str(code).startswith("2"):
                    for media in (answer.get("content") or {}).values():
                        if "example" in media:
                            check(media.get("schema"), media["example"], f"{method} {path}")
    return found


def merged_document() -> dict[str, Any]:
    own, _ = service_documents()
    gateway = own["gateway"]
    assert gateway is not None
    return merge_openapi(
        gateway,
        {n: d for n, d in own.items() if n != "gateway"},
        public_base_url=DOCUMENTED_BASE_URL,
    )


def test_every_decimal_and_instant_of_every_answer_is_a_wire_type() -> None:
    found = answer_problems(merged_document())
    assert not found, "\n".join(f"{field}: {problem}" for field, problem in sorted(found.items()))


def test_every_example_writes_its_values_as_the_wire_does() -> None:
    found = example_problems(merged_document())
    assert not found, "\n".join(f"{field}: {value!r}" for field, value in sorted(found.items()))


def test_the_check_tells_wire_types_from_loose_ones() -> None:
    money = {"type": "string", "format": "money", "pattern": r"^-?\d+\.\d{2}$"}
    instant = {"type": "string", "format": "date-time", "pattern": TIMESTAMP_PATTERN}
    assert field_problem("amount", money) is None
    assert field_problem("amount", {"anyOf": [money, {"type": "null"}]}) is None
    assert field_problem("created_at", instant) is None
    assert field_problem("amount", {"type": "string"}) is not None
    assert field_problem("total", {"type": "number"}) is not None
    assert field_problem("notes", {"type": "string", "description": "a decimal, as a string"})
    assert field_problem("created_at", {"type": "string"}) is not None
    assert field_problem("created_at", {"type": "string", "format": "date-time"}) is not None
    assert field_problem("share", {"type": "string", "format": "fraction"}) is not None
    assert field_problem("share_fraction", {"type": "string", "format": "fraction"}) is None
    assert field_problem("share_fraction", money) is not None
    assert field_problem("issue_date", {"type": "string", "format": "date"}) is None
    assert field_problem("legal_name", {"type": "string"}) is None


if __name__ == "__main__":
    merged = merged_document()
    for field, problem in sorted(answer_problems(merged).items()):
        print(f"{field}: {problem}")
    for field, value in sorted(example_problems(merged).items()):
        print(f"{field}: example {value!r}")
