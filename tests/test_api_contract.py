"""The published contract is typed: every operation of the merged OpenAPI document declares what
it answers, with an example, and the errors it can give.

For each published operation (the merged document, as docs/api/openapi.json is made):
- its success answer (the lowest 2xx) has a typed schema: a `$ref` to a schema with properties,
  an object with properties, an array of such items, a binary string for a download (any media
  type but JSON), or no body at all for a 204;
- that answer has an example (in the media type or in the schema it names), downloads and 204s
  excepted;
- a request body, if any, has a typed schema, and an example when it is JSON;
- it declares, in its own service's document (not only what the gateway's merge adds), the common
  problem answers (401, 403, 422, 429; 422 and 429 for the public doors), and every 4xx/5xx of the
  merged document is a `ProblemDetails`;
- it has a tag with a description, and a description (the route's docstring);
- and, at every depth, its success answer names no untyped object: every object it holds (a
  member, a list's items, a branch of a union) has properties or is a map of typed values, and no
  member is `{}` (any value). `FREE_FORM` lists the exceptions, each with why.

Run as a script (`.venv/bin/python tests/test_api_contract.py`) it prints the measurement and every
offending operation id; the test's failure message says the same.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from cartera_gateway.docs import METHODS, PUBLIC_PATHS, OperationIdCollision, merge_openapi
from cartera_gateway.export_docs import DOCUMENTED_BASE_URL, service_documents

JSON = "application/json"
COMMON_ERRORS = {"401", "403", "422", "429"}
PUBLIC_ERRORS = {"422", "429"}
PROBLEM_REF = "#/components/schemas/ProblemDetails"


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    seen = set()
    while "$ref" in schema and schema["$ref"] not in seen:
        seen.add(schema["$ref"])
        name = schema["$ref"].rsplit("/", 1)[1]
        schema = document["components"]["schemas"].get(name, {})
    return schema


def typed(document: dict[str, Any], schema: dict[str, Any] | None, media_type: str) -> bool:
    """A schema a generated client can turn into a type (not `Any`, not a bare dict)."""
    if not schema:
        return False
    if media_type != JSON and not media_type.endswith("+json"):
        if schema.get("type") == "string" and schema.get("format") == "binary":
            return True
        if media_type.startswith("text/") and schema.get("type") == "string":
            return True
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in schema:
            branches = [b for b in schema[combinator] if b.get("type") != "null"]
            return bool(branches) and all(typed(document, b, media_type) for b in branches)
    resolved = _resolve(document, schema)
    if resolved is not schema:
        return typed(document, resolved, media_type)
    if schema.get("type") == "array":
        return typed(document, schema.get("items"), media_type)
    if schema.get("type") == "object" or "properties" in schema:
        extra = schema.get("additionalProperties")
        # A map of typed values (`dict[str, Model]`) is typed too.
        return bool(schema.get("properties")) or (
            isinstance(extra, dict) and bool(extra) and typed(document, extra, media_type)
        )
    # A typed scalar (a count, a name) answers a type too; `{}` and an untyped value do not.
    return schema.get("type") in ("string", "integer", "number", "boolean")


def has_example(document: dict[str, Any], content: dict[str, Any]) -> bool:
    if content.get("example") is not None or content.get("examples"):
        return True

    def in_schema(schema: dict[str, Any] | None, depth: int = 0) -> bool:
        if not schema or depth > 5:
            return False
        if schema.get("example") is not None or schema.get("examples"):
            return True
        if "$ref" in schema:
            return in_schema(_resolve(document, schema), depth + 1)
        if schema.get("type") == "array":
            return in_schema(schema.get("items"), depth + 1)
        branches = schema.get("anyOf") or schema.get("oneOf") or schema.get("allOf") or []
        return bool(branches) and all(
            in_schema(b, depth + 1) for b in branches if b.get("type") != "null"
        )

    return in_schema(content.get("schema"))


def _binary(content: dict[str, Any]) -> bool:
    return all(mt != JSON and not mt.endswith("+json") for mt in content)


def problems_of(
    document: dict[str, Any], own_documents: dict[str, dict[str, Any] | None]
) -> tuple[int, dict[str, list[str]]]:
    """(number of operations, {problem: [operation ids]}) for the merged document."""
    declared: dict[str, set[str]] = {}
    for own in own_documents.values():
        for item in (own or {}).get("paths", {}).values():
            for method, operation in item.items():
                if method in METHODS:
                    declared[operation.get("operationId", "")] = set(operation["responses"])
    described_tags = {t["name"] for t in document.get("tags", []) if t.get("description")}
    found: dict[str, list[str]] = defaultdict(list)
    total = 0
    for path, item in sorted(document["paths"].items()):
        for method, operation in item.items():
            if method not in METHODS:
                continue
            total += 1
            name = operation.get("operationId") or f"{method.upper()} {path}"
            responses = operation.get("responses", {})
            successes = sorted(c for c in responses if c.startswith("2"))
            if not successes:
                found["no success answer"].append(name)
            else:
                code = successes[0]
                content = responses[code].get("content") or {}
                if code == "204":
                    if content:
                        found["a 204 with a body"].append(name)
                elif not content:
                    found["success answer without a body schema"].append(name)
                else:
                    untyped = [
                        mt for mt, c in content.items() if not typed(document, c.get("schema"), mt)
                    ]
                    if untyped:
                        found["untyped success answer"].append(name)
                    elif not _binary(content) and not all(
                        has_example(document, c) for mt, c in content.items() if mt == JSON
                    ):
                        found["success answer without an example"].append(name)
            body = operation.get("requestBody")
            if body is not None:
                content = body.get("content") or {}
                if not content or not all(
                    typed(document, c.get("schema"), mt) for mt, c in content.items()
                ):
                    found["request body without a typed schema"].append(name)
                elif not all(has_example(document, c) for mt, c in content.items() if mt == JSON):
                    found["request body without an example"].append(name)
            wanted = PUBLIC_ERRORS if path.startswith(PUBLIC_PATHS) else COMMON_ERRORS
            if not wanted <= declared.get(operation.get("operationId", ""), set()):
                found["error answers not declared by its service"].append(name)
            for code, answer in responses.items():
                if code[0] in "45":
                    schemas = [c.get("schema", {}) for c in (answer.get("content") or {}).values()]
                    if not schemas or any(s.get("$ref") != PROBLEM_REF for s in schemas):
                        found["an error answer that is not ProblemDetails"].append(name)
                        break
            tags = operation.get("tags") or []
            if not tags or not set(tags) <= described_tags:
                found["no tag, or a tag without a description"].append(name)
            if not operation.get("description"):
                found["no description (docstring)"].append(name)
    return total, dict(found)


# Schema members (Schema.member) whose free form is the point. Empty: every stored JSON document
# an answer echoes (printed parties, a client's past state, timeline and alert details,
# Verifactu record fields) has a model.
FREE_FORM: dict[str, str] = {}


def untyped_objects(document: dict[str, Any], schema: Any, where: str, seen: set[str]) -> set[str]:
    """Where, at any depth below `schema`, an object has no model (`Schema.member` names)."""
    if not isinstance(schema, dict):
        return set()
    found: set[str] = set()
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if name not in seen:
            seen.add(name)
            target = document["components"]["schemas"].get(name, {})
            found |= untyped_objects(document, target, name, seen)
        return found
    for combinator in ("anyOf", "oneOf", "allOf"):
        for branch in schema.get(combinator, []):
            found |= untyped_objects(document, branch, where, seen)
    if any(c in schema for c in ("anyOf", "oneOf", "allOf")):
        return found
    extra = schema.get("additionalProperties")
    properties = schema.get("properties") or {}
    kind = schema.get("type")
    anything = not kind and not properties and not schema.get("enum") and "const" not in schema
    bare_dict = kind == "object" and not properties and not (isinstance(extra, dict) and extra)
    bare_list = kind == "array" and not schema.get("items")
    if anything or bare_dict or bare_list:
        found.add(where)
    if isinstance(extra, dict):
        found |= untyped_objects(document, extra, where, seen)
    if kind == "array":
        found |= untyped_objects(document, schema.get("items"), where, seen)
    owner = where.split(".", 1)[0]
    for member, child in properties.items():
        found |= untyped_objects(document, child, f"{owner}.{member}", seen)
    return found


def untyped_in_answers(document: dict[str, Any]) -> dict[str, set[str]]:
    """By operation id, the untyped objects of its success answers (JSON ones), at any depth."""
    found: dict[str, set[str]] = {}
    for item in document["paths"].values():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            for status, answer in (operation.get("responses") or {}).items():
                if not status.startswith("2"):
                    continue
                for media_type, content in (answer.get("content") or {}).items():
                    if media_type != JSON and not media_type.endswith("+json"):
                        continue
                    where = untyped_objects(
                        document, content.get("schema"), operation["operationId"], set()
                    )
                    where -= set(FREE_FORM)
                    if where:
                        found.setdefault(operation["operationId"], set()).update(where)
    return found


def published_document() -> dict[str, Any]:
    own_documents, _ = service_documents()
    gateway = own_documents["gateway"]
    assert gateway is not None
    parts = {n: d for n, d in own_documents.items() if n != "gateway"}
    return merge_openapi(gateway, parts, public_base_url=DOCUMENTED_BASE_URL)


def measure() -> tuple[int, int, dict[str, list[str]]]:
    """(operations without any problem, operations, problems)."""
    own_documents, _ = service_documents()
    gateway = own_documents["gateway"]
    assert gateway is not None
    parts = {n: d for n, d in own_documents.items() if n != "gateway"}
    try:
        document = merge_openapi(gateway, parts, public_base_url=DOCUMENTED_BASE_URL)
        clashing: list[str] = []
    except OperationIdCollision as exc:
        # Measured all the same: each clashing id is made unique by its service's name.
        clashing = sorted(exc.collisions)
        for service, own in own_documents.items():
            for item in (own or {}).get("paths", {}).values():
                for method, operation in item.items():
                    if method in METHODS and operation.get("operationId") in exc.collisions:
                        operation["operationId"] += f"__{service}"
        document = merge_openapi(gateway, parts, public_base_url=DOCUMENTED_BASE_URL)
    total, found = problems_of(document, own_documents)
    if clashing:
        found["operation id of several operations"] = sorted(
            o.get("operationId", "")
            for item in document["paths"].values()
            for m, o in item.items()
            if m in METHODS and o.get("operationId", "").split("__")[0] in clashing
        )
    offending = {name for names in found.values() for name in names}
    return total - len(offending), total, found


def report(good: int, total: int, found: dict[str, list[str]]) -> str:
    untyped = {
        name
        for problem in ("untyped success answer", "success answer without a body schema")
        for name in found.get(problem, [])
    }
    lines = [
        f"typed success answer: {total - len(untyped)}/{total} operations",
        f"every check passed: {good}/{total} operations",
    ]
    for problem, names in sorted(found.items()):
        lines.append(f"- {problem} ({len(names)}): {', '.join(sorted(names))}")
    return "\n".join(lines)


def test_every_published_operation_is_typed_with_examples_and_errors():
    good, total, found = measure()
    print(report(good, total, found))
    assert not found, report(good, total, found)


def test_no_success_answer_holds_an_untyped_object_at_any_depth():
    found = untyped_in_answers(published_document())
    assert not found, "untyped objects in success answers:\n" + "\n".join(
        f"- {operation}: {', '.join(sorted(where))}" for operation, where in sorted(found.items())
    )


def test_the_depth_check_finds_untyped_members():
    """The check itself: a bare dict, `{}` and an item-less array are found where they sit,
    however deep; a model, a map of typed values and a typed scalar are not."""
    document = {
        "paths": {
            "/v1/x": {
                "get": {
                    "operationId": "get_x",
                    "responses": {
                        "200": {"content": {JSON: {"schema": {"$ref": "#/components/schemas/X"}}}},
                        "404": {"content": {JSON: {"schema": {"type": "object"}}}},
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "X": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "by_key": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "inner": {"anyOf": [{"$ref": "#/components/schemas/Y"}, {"type": "null"}]},
                        "loose": {"type": "object", "additionalProperties": True},
                        "anything": {},
                        "kind": {"enum": ["a", "b"]},
                    },
                },
                "Y": {
                    "type": "object",
                    "properties": {
                        "rows": {"type": "array", "items": {"type": "object"}},
                        "bare": {"type": "array"},
                        "x": {"$ref": "#/components/schemas/X"},
                    },
                },
            }
        },
    }
    assert untyped_in_answers(document) == {"get_x": {"X.loose", "X.anything", "Y.rows", "Y.bare"}}


def test_the_contract_check_tells_typed_from_untyped():
    """The checks themselves: a typed, exemplified operation passes; the usual gaps are named."""
    document = {
        "paths": {
            "/v1/things/{thing_id}": {
                "get": {
                    "operationId": "get_thing",
                    "tags": ["things"],
                    "description": "One thing.",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {JSON: {"schema": {"$ref": "#/components/schemas/Thing"}}},
                        },
                        **{
                            c: {
                                "content": {
                                    "application/problem+json": {"schema": {"$ref": PROBLEM_REF}}
                                }
                            }
                            for c in ("401", "403", "404", "422", "429")
                        },
                    },
                },
                "post": {
                    "operationId": "poke_thing",
                    "tags": ["things"],
                    "description": "Untyped.",
                    "requestBody": {"content": {JSON: {"schema": {"type": "object"}}}},
                    "responses": {"200": {"description": "ok", "content": {JSON: {"schema": {}}}}},
                },
                "delete": {
                    "operationId": "drop_thing",
                    "tags": ["things"],
                    "description": "Gone.",
                    "responses": {"204": {"description": "gone"}},
                },
            },
            "/v1/things/{thing_id}/pdf": {
                "get": {
                    "operationId": "thing_pdf",
                    "tags": ["others"],
                    "responses": {
                        "200": {
                            "description": "pdf",
                            "content": {
                                "application/pdf": {
                                    "schema": {"type": "string", "format": "binary"}
                                }
                            },
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}},
                    "examples": [{"id": "t1"}],
                },
                "ProblemDetails": {"type": "object", "properties": {"type": {"type": "string"}}},
            }
        },
        "tags": [{"name": "things", "description": "Things."}, {"name": "others"}],
    }
    declared = {"svc": document}
    total, found = problems_of(document, declared)
    assert total == 4
    assert found["untyped success answer"] == ["poke_thing"]
    assert found["request body without a typed schema"] == ["poke_thing"]
    assert "get_thing" not in {n for names in found.values() for n in names}
    # A 204 without a body and a binary download are typed; they lack other things.
    assert "drop_thing" in found["error answers not declared by its service"]
    assert "thing_pdf" in found["no tag, or a tag without a description"]
    assert "thing_pdf" in found["no description (docstring)"]
    assert "drop_thing" not in found.get("untyped success answer", [])
    assert "thing_pdf" not in found.get("untyped success answer", [])


if __name__ == "__main__":
    print(report(*measure()))
