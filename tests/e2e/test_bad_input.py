"""Bad input from a careless user or a hostile partner: a clear 4xx, and nothing written."""

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


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"legal_name": ""}, "legal_name"),
        ({"legal_name": "x" * 301}, "legal_name"),
        ({"kind": "alien"}, "kind"),
        ({"country": "Spain"}, "country"),
        ({"country": "es"}, "country"),
        ({"tax_id": "-"}, "tax_id"),
        ({"email": "not-an-email"}, "email"),
        ({"fiscal_address": {"street": "x"}}, "fiscal_address"),
        ({"unexpected": "field"}, "unexpected"),
        ({"legal_name": None}, "legal_name"),
        ({"legal_name": "Timbre\x07 S.L."}, "legal_name"),
        ({"trade_name": "\x1b[31mRojo"}, "trade_name"),
        ({"tags": ["vip", "salto\x85"]}, "tags"),
        ({"fiscal_address": {**client_payload()["fiscal_address"], "city": "Val\x7f"}}, "city"),
    ],
)
async def test_invalid_clients_are_refused_with_the_field_named(tenant, change, field):
    answer = await tenant.client.post("/v1/clients", json=client_payload(**change))
    assert_problem(answer, 422)
    # A field's own rule names it in `loc`; a rule across fields names it in the message.
    assert any(field in err["loc"] or field in err["msg"] for err in answer.json()["errors"])
    assert (await tenant.client.get("/v1/clients")).json()["total"] == 0


@pytest.mark.parametrize(
    "raw", [b"", b"{", b"[]", b"null", b'"a string"', b"\xff\xfe", b'{"legal_name": 1e999}']
)
async def test_bodies_that_are_not_a_client_object_are_refused(tenant, raw):
    answer = await tenant.client.post(
        "/v1/clients", content=raw, headers={"Content-Type": "application/json"}
    )
    assert_problem(answer, 422)


async def test_a_duplicate_tax_id_is_a_conflict_and_writes_nothing(tenant):
    payload = client_payload()
    assert (await tenant.client.post("/v1/clients", json=payload)).status_code == 201
    clash = await tenant.client.post(
        "/v1/clients", json={**payload, "tax_id": payload["tax_id"].lower()}
    )
    assert_problem(clash, 409)
    assert (await tenant.client.get("/v1/clients")).json()["total"] == 1


async def test_a_stale_if_match_is_a_conflict(tenant):
    client = (await tenant.client.post("/v1/clients", json=client_payload())).json()
    ok = await tenant.client.patch(
        f"/v1/clients/{client['id']}", json={"trade_name": "Uno"}, headers={"If-Match": '"1"'}
    )
    assert ok.status_code == 200
    stale = await tenant.client.patch(
        f"/v1/clients/{client['id']}", json={"trade_name": "Dos"}, headers={"If-Match": '"1"'}
    )
    assert_problem(stale, 409)
    assert stale.json()["current_version"] == 2
    garbage = await tenant.client.patch(
        f"/v1/clients/{client['id']}", json={"trade_name": "Tres"}, headers={"If-Match": "abc"}
    )
    assert_problem(garbage, 422)


@pytest.mark.parametrize("client_id", ["not-a-uuid", "1", "' OR 1=1 --"])
async def test_malformed_ids_are_refused(tenant, client_id):
    assert_problem(await tenant.client.get(f"/v1/clients/{client_id}"), 422)


async def test_unknown_clients_and_resources_are_not_found(tenant):
    assert_problem(await tenant.client.get(f"/v1/clients/{uuid.uuid4()}"), 404)
    assert_problem(await tenant.client.get("/v1/no-such-thing"), 404)


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 100000},
        {"cursor": "not-a-cursor"},
        {"status": "deleted"},
        {"limit": "ten"},
    ],
)
async def test_bad_list_parameters_are_refused(tenant, params):
    assert_problem(await tenant.client.get("/v1/clients", params=params), 422)


async def test_an_oversized_list_of_tags_is_refused(tenant):
    answer = await tenant.client.post("/v1/clients", json=client_payload(tags=["t"] * 51))
    assert_problem(answer, 422)


async def test_a_nul_character_in_the_address_is_refused_even_for_streamed_answers(tenant):
    for path in ("/v1/clients/export", "/v1/clients", "/v1/invoices"):
        answer = await tenant.client.get(path, params={"q": "a\x00b"})
        assert answer.status_code == 422, (path, answer.status_code, answer.text[:200])
        assert answer.headers["content-type"].startswith("application/problem+json")
