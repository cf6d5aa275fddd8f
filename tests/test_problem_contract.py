"""Every problem answer the published OpenAPI document declares is one `ProblemDetails`
(`application/problem+json`), and that schema promises a `code` and typed `errors`: what a
generated client needs to branch on a refusal and to find the field it concerns."""

from __future__ import annotations

import re
from typing import Any

import pytest

from cartera_gateway.docs import METHODS, merge_openapi
from cartera_gateway.export_docs import DOCUMENTED_BASE_URL, service_documents
from cartera_shared.problems import PROBLEM_MEDIA_TYPE, Code

PROBLEM_REF = "#/components/schemas/ProblemDetails"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    own, _ = service_documents()
    gateway = own.pop("gateway")
    assert gateway is not None
    return merge_openapi(gateway, own, public_base_url=DOCUMENTED_BASE_URL)


def test_the_problem_schema_requires_a_code_and_types_the_errors(document):
    schema = document["components"]["schemas"]["ProblemDetails"]
    assert {"type", "title", "status", "detail", "code"} <= set(schema["required"])
    code = schema["properties"]["code"]
    assert code["type"] == "string"
    # Every code of the registry fits the declared pattern (and a generated client reads new
    # ones: a string, not an enum).
    assert all(re.fullmatch(code["pattern"], c.value) for c in Code)
    assert "enum" not in code
    items = schema["properties"]["errors"]["items"]
    assert set(items["required"]) == {"loc", "msg", "type"}
    assert items["properties"]["loc"]["type"] == "array"
    assert schema["properties"]["retry_after"]["type"] == "integer"
    for example in schema["examples"]:
        assert set(schema["required"]) <= set(example)
        assert example["code"] in {c.value for c in Code}


def test_every_problem_answer_is_a_problem_details(document):
    offending = []
    answers = 0
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            for status, answer in operation.get("responses", {}).items():
                if not (status.isdigit() and int(status) >= 400):
                    continue
                answers += 1
                content = answer.get("content", {})
                if set(content) != {PROBLEM_MEDIA_TYPE} or content[PROBLEM_MEDIA_TYPE].get(
                    "schema"
                ) != {"$ref": PROBLEM_REF}:
                    offending.append(f"{method.upper()} {path} {status}: {sorted(content)}")
    assert answers > 500
    assert not offending, offending
