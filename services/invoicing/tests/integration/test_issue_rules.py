"""The rules RD 1619/2012 and the 2022-2024 decrees set at issue, through the API on the real,
migrated database: a refused issue is a 422 naming the field, and nothing is numbered,
chained or published (docs/compliance.md, "Invoices").

Simplified invoices need no client, so the clients service is not asked (CARTERA_CLIENTS_URL points
where nothing listens); the rules on the recipient are proven in unit/test_issue_rules.py.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import text

from cartera_shared import business_day
from cartera_shared.db import create_engine, set_tenant
from cartera_shared.testing import internal_headers, random_cif

ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}


@pytest.fixture
async def owner(owner_url):
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()


def as_tenant(tenant_id):
    return internal_headers(tenant_id, service="invoicing", scopes=("*",), subject="user:ana")


ISSUER = {"legal_name": "Bar Levante S.L.", "fiscal_address": ADDRESS}


@pytest.fixture
async def tenant(api):
    tenant_id = uuid.uuid4()
    headers = as_tenant(tenant_id)
    issuer = {**ISSUER, "tax_id": random_cif()}
    assert (await api.put("/v1/issuer", json=issuer, headers=headers)).status_code == 200
    series = {"code": "T", "prefix": "T", "kind": "simplified"}
    assert (await api.post("/v1/series", json=series, headers=headers)).status_code == 201
    return tenant_id


async def written(owner, tenant_id) -> tuple[int, int, int]:
    """Issued invoices, numbers handed out and events waiting to be published."""
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        issued = await conn.scalar(
            text("SELECT count(*) FROM invoicing.invoices WHERE status = 'issued'")
        )
        counters = await conn.scalar(text("SELECT count(*) FROM invoicing.series_counters"))
        events = await conn.scalar(
            text("SELECT count(*) FROM invoicing.outbox WHERE tenant_id = :t"), {"t": tenant_id}
        )
        return issued, counters, events


async def issue(api, tenant_id, unit_price: str, **fields):
    line = {"description": "Menú de grupo", "quantity": "1", "unit_price": unit_price}
    body = {"series": "T", "lines": [{**line, **fields.pop("line", {})}], **fields}
    made = await api.post("/v1/invoices", json=body, headers=as_tenant(tenant_id))
    if made.status_code != 201:
        return made
    return await api.post(f"/v1/invoices/{made.json()['id']}/issue", headers=as_tenant(tenant_id))


def assert_refused(answer, field: str, *needles: str) -> None:
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["field"] == field
    for needle in needles:
        assert needle in problem["detail"]


async def test_a_simplified_invoice_over_400_euros_is_refused_and_nothing_is_written(
    api, owner, tenant
):
    refused = await issue(api, tenant, "330.59")  # 400.01 € VAT included
    assert_refused(refused, "totals.total", "400.00 €", "400.01 €", "art. 4")
    assert await written(owner, tenant) == (0, 0, 0)
    accepted = await issue(api, tenant, "330.58")  # 400.00 €
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["invoice_type"] == "F2"
    assert await written(owner, tenant) == (1, 1, 1)


async def test_a_declared_activity_of_art_4_2_allows_up_to_3000_euros(api, tenant):
    headers = as_tenant(tenant)
    current = (await api.get("/v1/issuer", headers=headers)).json()
    assert current["simplified_invoice_activity"] is None
    wrong = {**ISSUER, "tax_id": current["tax_id"], "simplified_invoice_activity": "consulting"}
    answer = await api.put("/v1/issuer", json=wrong, headers=headers)
    assert answer.status_code == 422, answer.text
    assert "simplified_invoice_activity" in answer.text
    declared = {**wrong, "simplified_invoice_activity": "hospitality"}
    answer = await api.put("/v1/issuer", json=declared, headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["simplified_invoice_activity"] == "hospitality"
    assert (await issue(api, tenant, "2479.33")).status_code == 200  # 2,999.99 €
    assert_refused(await issue(api, tenant, "2479.35"), "totals.total", "3000.00 €", "3000.01 €")


async def test_a_temporary_rate_is_taken_on_the_operation_date(api, owner, tenant):
    five = {"vat_rate": "5", "description": "Aceite de oliva (RDL 20/2022)"}
    # The tax accrued in 2023, when 5 % applied to olive oil: a historical invoice.
    accepted = await issue(api, tenant, "12.00", line=five, operation_date="2023-06-01")
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["breakdown"][0]["vat_rate"] == "5.00"
    # Today, without an operation date, the rate is out of its window.
    draft = await api.post(
        "/v1/invoices",
        json={"series": "T", "lines": [{"quantity": "1", "unit_price": "12.00", **five}]},
        headers=as_tenant(tenant),
    )
    assert_refused(draft, "lines[0].vat_rate", "temporary 5 % VAT rate", "2024-09-30")
    late = await issue(api, tenant, "12.00", line=five, operation_date="2024-10-01")
    assert_refused(late, "lines[0].vat_rate", "2024-10-01", "RDL 4/2024")
    assert await written(owner, tenant) == (1, 1, 1)
    today = business_day.today()
    assert today > dt.date(2024, 12, 31)
