"""The clients API names the field a refusal is about: a bad CIF or NIF, on create and on update,
is reported at `["body", "tax_id"]` (not against the whole body), a fiscal address or tax
treatment that does not fit at its own field, and the refusals of the service itself carry their
code: a duplicate tax id, a stale If-Match, a future `valid_from`."""

from __future__ import annotations

import functools
import uuid

import pytest

from cartera_shared.contract import ProblemDetails
from cartera_shared.testing import internal_headers, random_cif

as_tenant = functools.partial(
    internal_headers, service="clients", scopes=("clients:*",), subject="user:ana"
)
ADDRESS = {"street": "Calle Sueca 3", "postal_code": "46006", "city": "Valencia"}


def payload(**fields):
    return {
        "legal_name": "Alfa S.L.",
        "kind": "company",
        "tax_id": random_cif(),
        "fiscal_address": ADDRESS,
        **fields,
    }


def problem(answer, status: int, code: str) -> dict:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    ProblemDetails.model_validate(body)
    assert body["code"] == code, body
    return body


def locs(body) -> list[list]:
    return [e["loc"] for e in body["errors"]]


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"tax_id": "B12345670"}, ["body", "tax_id"]),  # a CIF with the wrong control digit
        ({"tax_id": "12345678A", "kind": "individual"}, ["body", "tax_id"]),  # a bad NIF
        ({"tax_id": "A5881850A"}, ["body", "tax_id"]),  # a letter where a digit goes
        ({"fiscal_address": {**ADDRESS, "country": "FR"}}, ["body", "fiscal_address", "country"]),
        ({"fiscal_address": {**ADDRESS, "postal_code": "99999"}}, ["body", "fiscal_address"]),
        (
            {"tax_treatment": {"vat_regime": "exempt"}},
            ["body", "tax_treatment"],
        ),
        (
            {
                "dir3": {
                    "oficina_contable": "L01280796",
                    "organo_gestor": "L01280796",
                    "unidad_tramitadora": "L01280796",
                }
            },
            ["body", "dir3"],
        ),
    ],
)
async def test_a_refused_field_of_a_new_client_is_named_in_loc(api, fields, loc):
    tenant = uuid.uuid4()
    answer = await api.post("/v1/clients", json=payload(**fields), headers=as_tenant(tenant))
    body = problem(answer, 422, "validation_error")
    assert locs(body) == [loc]
    listed = await api.get("/v1/clients", headers=as_tenant(tenant))
    assert listed.json()["total"] == 0


async def test_a_bad_tax_id_sent_in_an_update_is_named_in_loc(api):
    tenant = uuid.uuid4()
    created = await api.post("/v1/clients", json=payload(), headers=as_tenant(tenant))
    assert created.status_code == 201, created.text
    client_id = created.json()["id"]
    answer = await api.patch(
        f"/v1/clients/{client_id}", json={"tax_id": "B12345670"}, headers=as_tenant(tenant)
    )
    body = problem(answer, 422, "validation_error")
    assert locs(body) == [["body", "tax_id"]]
    assert "tax_id" in body["errors"][0]["msg"]


async def test_the_service_refusals_carry_their_codes(api):
    tenant = uuid.uuid4()
    headers = as_tenant(tenant)
    first = payload()
    created = await api.post("/v1/clients", json=first, headers=headers)
    assert created.status_code == 201, created.text
    client_id = created.json()["id"]

    twice = await api.post("/v1/clients", json=payload(tax_id=first["tax_id"]), headers=headers)
    body = problem(twice, 409, "duplicate_tax_id")
    assert locs(body) == [["body", "tax_id"]]
    assert body["existing_client_id"] == client_id

    stale = await api.patch(
        f"/v1/clients/{client_id}", json={"notes": "x"}, headers={**headers, "If-Match": '"7"'}
    )
    assert problem(stale, 409, "stale_version")["current_version"] == 1
    not_an_etag = await api.patch(
        f"/v1/clients/{client_id}", json={"notes": "x"}, headers={**headers, "If-Match": "seven"}
    )
    assert locs(problem(not_an_etag, 422, "validation_error")) == [["header", "if-match"]]

    future = await api.patch(
        f"/v1/clients/{client_id}",
        json={"legal_name": "Alfa Dos S.L.", "valid_from": "2999-01-01"},
        headers=headers,
    )
    assert locs(problem(future, 422, "future_date")) == [["body", "valid_from"]]

    cursor = await api.get("/v1/clients", params={"cursor": "garbage"}, headers=headers)
    assert ["query", "cursor"] in locs(problem(cursor, 422, "validation_error"))

    missing = await api.get(f"/v1/clients/{uuid.uuid4()}", headers=headers)
    assert "errors" not in problem(missing, 404, "not_found")
