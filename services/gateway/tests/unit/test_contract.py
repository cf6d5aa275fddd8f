"""The gateway's own operations publish a typed contract: a success schema with an example, an
example for each request body, their error answers, a tag and a description."""

import pytest

from cartera_gateway.main import create_app
from cartera_gateway.settings import GatewaySettings
from cartera_shared.testing import unstarted_settings

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def document() -> dict:
    app = create_app(GatewaySettings.model_validate(unstarted_settings()))
    return app.openapi()


def operations(document: dict) -> list[tuple[str, str, dict]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def resolved(document: dict, schema: dict) -> dict:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    return document["components"]["schemas"][ref.rsplit("/", 1)[1]]


def test_the_gateway_publishes_its_own_operations(document):
    ids = {operation["operationId"] for _, _, operation in operations(document)}
    assert {"sign_in", "create_api_key", "list_webhook_deliveries", "create_tenant"} <= ids
    assert len(ids) == len(operations(document))  # unique


def test_every_success_answer_is_typed_and_has_an_example(document):
    untyped, without_example = [], []
    for method, path, operation in operations(document):
        (code, answer) = next((c, a) for c, a in operation["responses"].items() if c < "300")
        if code == "204":
            assert "content" not in answer, (method, path)  # no body, none declared
            continue
        schema = answer["content"]["application/json"]["schema"]
        model = resolved(document, schema)
        if model.get("type") != "object" or not model.get("properties"):
            untyped.append((method, path))
        elif not model.get("examples"):
            without_example.append((method, path))
    assert untyped == []
    assert without_example == []


def test_every_request_body_has_an_example(document):
    missing = []
    for method, path, operation in operations(document):
        body = operation.get("requestBody")
        if body is None:
            continue
        schema = body["content"]["application/json"]["schema"]
        # An optional body (the operator's tenant) is `anyOf: [model, null]`.
        schema = next(iter(schema.get("anyOf", [schema])))
        if not resolved(document, schema).get("examples"):
            missing.append((method, path))
    assert missing == []


def test_every_operation_has_a_tag_a_description_and_its_errors(document):
    for method, path, operation in operations(document):
        assert operation.get("tags"), (method, path)
        assert operation.get("description"), (method, path)
        assert {"401", "422"} <= set(operation["responses"]), (method, path)


@pytest.mark.parametrize(
    ("method", "path", "codes"),
    [
        ("post", "/v1/users", {"403", "409"}),
        ("patch", "/v1/users/{user_id}", {"404", "409"}),
        ("post", "/v1/auth/sign-in", {"401", "409", "429"}),
        ("get", "/v1/api-keys/{key_id}", {"404"}),
        ("post", "/v1/webhooks", {"409"}),
        (
            "post",
            "/v1/webhooks/{subscription_id}/deliveries/{delivery_id}/redeliver",
            {"404", "409"},
        ),
    ],
)
def test_conflicts_and_missing_things_are_declared(document, method, path, codes):
    assert codes <= set(document["paths"][path][method]["responses"])


def test_a_delivery_status_names_retrying(document):
    delivery = document["components"]["schemas"]["Delivery"]
    assert "retrying" in delivery["properties"]["status"]["enum"]
