"""Bad input from a careless user or a hostile partner, at the clients service itself: a clear
422 naming the field, and nothing written. (The gateway's own refusals, credentials and routes,
are in tests/e2e/test_bad_input.py.)"""

from __future__ import annotations

import functools
import uuid

import pytest

from cartera_shared.contract import ProblemDetails
from cartera_shared.testing import internal_headers, random_cif

as_tenant = functools.partial(
    internal_headers, service="clients", scopes=("clients:*",), subject="user:ana"
)
ADDRESS = {
    "street": "Calle de la Paz 7",
    "postal_code": "46003",
    "city": "Valencia",
    "province": "Valencia",
    "country": "ES",
}


def payload(**fields):
    return {
        "legal_name": "Talleres Albufera S.L.",
        "kind": "company",
        "tax_id": random_cif(),
        "country": "ES",
        "fiscal_address": ADDRESS,
        "email": "admin@talleres-albufera.es",
        **fields,
    }


def refused(answer, status: int = 422) -> dict:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    ProblemDetails.model_validate(body)
    return body


async def nothing_written(api, headers) -> bool:
    listed = await api.get("/v1/clients", headers=headers)
    return listed.status_code == 200 and listed.json()["total"] == 0


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
        ({"tags": ["t"] * 51}, "tags"),
        ({"fiscal_address": {**ADDRESS, "city": "Val\x7f"}}, "city"),
    ],
)
async def test_invalid_clients_are_refused_with_the_field_named(api, change, field):
    headers = as_tenant(uuid.uuid4())
    body = refused(await api.post("/v1/clients", json=payload(**change), headers=headers))
    # A field's own rule names it in `loc`; a rule across fields names it in the message.
    assert any(field in err["loc"] or field in err["msg"] for err in body["errors"]), body
    assert await nothing_written(api, headers)


@pytest.mark.parametrize(
    "raw", [b"", b"{", b"[]", b"null", b'"a string"', b"\xff\xfe", b'{"legal_name": 1e999}']
)
async def test_bodies_that_are_not_a_client_object_are_refused(api, raw):
    headers = as_tenant(uuid.uuid4())
    answer = await api.post(
        "/v1/clients", content=raw, headers={**headers, "Content-Type": "application/json"}
    )
    refused(answer)
    assert await nothing_written(api, headers)


@pytest.mark.parametrize("client_id", ["not-a-uuid", "1", "' OR 1=1 --"])
async def test_malformed_ids_are_refused(api, client_id):
    refused(await api.get(f"/v1/clients/{client_id}", headers=as_tenant(uuid.uuid4())))


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
async def test_bad_list_parameters_are_refused(api, params):
    refused(await api.get("/v1/clients", params=params, headers=as_tenant(uuid.uuid4())))


async def test_a_duplicate_tax_id_in_another_case_is_a_conflict_and_writes_nothing_more(api):
    headers = as_tenant(uuid.uuid4())
    first = payload(tax_id=random_cif())
    assert (await api.post("/v1/clients", json=first, headers=headers)).status_code == 201
    clash = await api.post(
        "/v1/clients", json={**first, "tax_id": first["tax_id"].lower()}, headers=headers
    )
    refused(clash, 409)
    assert (await api.get("/v1/clients", headers=headers)).json()["total"] == 1
