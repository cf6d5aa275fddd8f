"""Invoicing's answers write every value in the wire's one format (cartera_shared.wire), whatever
the client sent and however it is stored: a rate entered as "21" reads "21.00", a quantity "10"
reads "10.00", a unit price keeps its extra precision, and every instant ends in Z."""

from __future__ import annotations

import re
import uuid

import pytest

from cartera_shared.testing import internal_headers, random_cif
from cartera_shared.wire import MONEY_PATTERN, TIMESTAMP_PATTERN

ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}


def as_tenant(tenant_id):
    return internal_headers(tenant_id, service="invoicing", scopes=("*",), subject="user:ana")


@pytest.fixture
async def tenant(api):
    tenant_id = uuid.uuid4()
    headers = as_tenant(tenant_id)
    issuer = {"legal_name": "Bar Levante S.L.", "fiscal_address": ADDRESS, "tax_id": random_cif()}
    assert (await api.put("/v1/issuer", json=issuer, headers=headers)).status_code == 200
    series = {"code": "T", "prefix": "T", "kind": "simplified"}
    assert (await api.post("/v1/series", json=series, headers=headers)).status_code == 201
    return tenant_id


LINE = {
    "description": "Menú de grupo",
    "quantity": "10",
    "unit_price": "8.123400",
    "vat_rate": "21.0",
    "discount_percent": 0,
}


def assert_canonical(invoice: dict) -> None:
    [line] = invoice["lines"]
    assert line["quantity"] == "10.00"
    assert line["unit_price"] == "8.1234"  # its extra precision kept, its trailing zeros not
    assert (line["vat_rate"], line["discount_percent"], line["irpf_rate"]) == (
        "21.00",
        "0.00",
        "0.00",
    )
    assert line["amount"] == "81.23"  # 81.234 to the cent
    [breakdown] = invoice["breakdown"]
    assert (breakdown["vat_rate"], breakdown["surcharge_rate"]) == ("21.00", "0.00")
    for field in ("taxable_base", "vat", "surcharge", "irpf", "total"):
        assert re.match(MONEY_PATTERN, invoice["totals"][field]), (field, invoice["totals"])
    for field in ("created_at", "updated_at"):
        assert re.match(TIMESTAMP_PATTERN, invoice[field]), (field, invoice[field])


async def test_a_draft_and_the_issued_invoice_read_in_the_wire_format(api, tenant):
    headers = as_tenant(tenant)
    made = await api.post("/v1/invoices", json={"series": "T", "lines": [LINE]}, headers=headers)
    assert made.status_code == 201, made.text
    assert_canonical(made.json())  # the answer of the create (given through answer_once)
    draft = await api.get(f"/v1/invoices/{made.json()['id']}", headers=headers)
    assert_canonical(draft.json())
    issued = await api.post(f"/v1/invoices/{made.json()['id']}/issue", headers=headers)
    assert issued.status_code == 200, issued.text
    assert_canonical(issued.json())
    assert issued.json()["issued_at"].endswith("Z")
    listed = await api.get("/v1/invoices", headers=headers)
    assert_canonical(listed.json()["items"][0])


async def test_an_idempotent_replay_answers_the_same_canonical_body(api, tenant):
    headers = {**as_tenant(tenant), "Idempotency-Key": str(uuid.uuid4())}
    body = {"series": "T", "lines": [LINE]}
    first = await api.post("/v1/invoices", json=body, headers=headers)
    again = await api.post("/v1/invoices", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert_canonical(again.json())
