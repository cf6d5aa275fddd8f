"""Every list pages one way (issue 19): measured on the merged OpenAPI document, as
docs/api/openapi.json is made.

A GET that answers several items (a JSON array, or an object with an `items` array) asks for
`limit` (with a default and a maximum) and `cursor`, and answers `next_cursor`. The lists not
paged yet are named below, each with why; the test fails when a new list appears unpaged, and
when a list named here starts paging (so the list of exceptions stays true).
"""

from __future__ import annotations

from typing import Any

from cartera_gateway.docs import merge_openapi
from cartera_gateway.export_docs import DOCUMENTED_BASE_URL, service_documents
from cartera_gateway.guides import is_paged, list_operations

# Lists answered whole today: a report computed over the whole portfolio (a page of it would not
# add up), or a short list with a `limit` and no next page. Each is a follow-up of issue 19.
NOT_PAGED_YET = {
    "/v1/analytics/clients-at-risk": "a report as of a date",
    "/v1/analytics/modelo-347": "a tax declaration: one whole document",
    "/v1/analytics/portfolio": "a report with totals over the items (`truncated` says so)",
    "/v1/collections/bank-statements/{statement_id}": "one statement with its lines",
    "/v1/collections/defaulters": "a report over the ledger",
}


def published_document() -> dict[str, Any]:
    own_documents, _ = service_documents()
    gateway = own_documents.pop("gateway")
    assert gateway is not None
    return merge_openapi(gateway, own_documents, public_base_url=DOCUMENTED_BASE_URL)


def paging_problems(document: dict[str, Any], allowed: dict[str, str]) -> list[str]:
    problems = []
    lists = list_operations(document)
    for path, operation, schema in lists:
        paged = is_paged(operation, schema)
        if not paged and path not in allowed:
            shape = "a JSON array" if schema.get("type") == "array" else "`items` unpaged"
            problems.append(f"GET {path}: {shape} (no `limit`+`cursor` / `next_cursor`)")
        if paged:
            if path in allowed:
                problems.append(f"GET {path} pages now: take it off NOT_PAGED_YET")
            limit = next(p for p in operation["parameters"] if p["name"] == "limit")["schema"]
            if not {"default", "maximum"} <= limit.keys() or limit.get("minimum", 0) < 1:
                problems.append(f"GET {path}: `limit` without default, maximum or minimum 1")
    known = {path for path, _, _ in lists}
    problems += [f"NOT_PAGED_YET names {p}, no list" for p in sorted(set(allowed) - known)]
    return problems


def test_every_list_pages_with_limit_and_next_cursor():
    problems = paging_problems(published_document(), NOT_PAGED_YET)
    assert not problems, "\n".join(problems)


def _get(parameters: list[str], answer: dict[str, Any]) -> dict[str, Any]:
    return {
        "get": {
            "parameters": [
                {"name": n, "in": "query", "schema": {"type": "integer", "minimum": 1}}
                if n != "limit"
                else {
                    "name": n,
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 5, "default": 2},
                }
                for n in parameters
            ],
            "responses": {"200": {"content": {"application/json": {"schema": answer}}}},
        }
    }


def test_the_paging_check_tells_paged_from_unpaged_lists():
    """The check itself, on a made-up document: the shapes issue 19 found are named."""
    page = {"$ref": "#/components/schemas/Page"}
    document = {
        "paths": {
            "/good": _get(["limit", "cursor"], page),
            "/bare": _get([], {"type": "array", "items": {}}),
            "/offsets": _get(["limit", "offset"], {"$ref": "#/components/schemas/Offsets"}),
            "/whole": _get([], {"type": "object", "properties": {"items": {"type": "array"}}}),
            "/no-next": _get(["limit", "cursor"], {"properties": {"items": {}}}),
            "/one": _get([], {"type": "object", "properties": {"id": {}}}),
        },
        "components": {
            "schemas": {
                "Page": {"properties": {"items": {}, "next_cursor": {}}},
                "Offsets": {"properties": {"items": {}, "total": {}, "offset": {}}},
            }
        },
    }
    problems = paging_problems(document, {"/gone": "no longer"})
    named = {p.split(":")[0] for p in problems}
    assert named == {
        "GET /bare",
        "GET /offsets",
        "GET /whole",
        "GET /no-next",
        "NOT_PAGED_YET names /gone, no list",
    }
    # A paged list still on the list of exceptions is named, so the exceptions stay true.
    assert paging_problems(
        document | {"paths": {"/good": document["paths"]["/good"]}}, {"/good": "x"}
    ) == ["GET /good pages now: take it off NOT_PAGED_YET"]
