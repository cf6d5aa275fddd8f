"""Bad input from a careless user or a hostile partner at the gateway: credentials, operator
routes, unknown routes, characters no service may see. A clear 4xx, and nothing written. The
services' own bad-input cases are in their integration suites (services/*/tests/integration)."""

import uuid

import pytest

from .helpers import assert_problem, client_payload

PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Basic dXNlcjpwYXNz",
        "Bearer ck_nope",
        "Bearer ck_abc_def",
        "Bearer " + "x" * 5000,
    ],
)
async def test_calls_without_a_valid_key_are_unauthorized(http, authorization):
    headers = {"Authorization": authorization} if authorization is not None else {}
    assert_problem(await http.get("/v1/clients", headers=headers), 401)


async def test_a_key_of_another_shape_with_a_real_prefix_is_refused(http, tenant):
    prefix = tenant.api_key.split("_")[1]
    answer = await http.get("/v1/clients", headers={"Authorization": f"Bearer ck_{prefix}_guess"})
    assert_problem(answer, 401)


@pytest.mark.parametrize("token", [None, "wrong", "cartera-local-admin-token-x"])
async def test_tenant_creation_needs_the_operator_token(http, token):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    assert_problem(await http.post("/v1/admin/tenants", json={}, headers=headers), 401)


async def test_a_tenant_key_is_not_an_operator_token(http, tenant):
    answer = await http.post(
        "/v1/admin/tenants", json={}, headers={"Authorization": f"Bearer {tenant.api_key}"}
    )
    assert_problem(answer, 401)


async def test_an_invalid_client_through_the_gateway_is_a_problem_naming_the_field(tenant):
    """The gateway hands the service's refusal on as it is. Every other bad client is in
    services/clients/tests/integration/test_bad_input.py, at the service itself."""
    answer = await tenant.client.post("/v1/clients", json=client_payload(country="Spain"))
    assert_problem(answer, 422)
    assert any("country" in err["loc"] for err in answer.json()["errors"])
    assert (await tenant.client.get("/v1/clients")).json()["total"] == 0


async def test_unknown_clients_and_resources_are_not_found(tenant):
    assert_problem(await tenant.client.get(f"/v1/clients/{uuid.uuid4()}"), 404)
    assert_problem(await tenant.client.get("/v1/no-such-thing"), 404)


async def test_a_nul_character_in_the_address_is_refused_even_for_streamed_answers(tenant):
    for path in ("/v1/clients/export", "/v1/clients", "/v1/invoices"):
        answer = await tenant.client.get(path, params={"q": "a\x00b"})
        assert answer.status_code == 422, (path, answer.status_code, answer.text[:200])
        assert answer.headers["content-type"].startswith("application/problem+json")
