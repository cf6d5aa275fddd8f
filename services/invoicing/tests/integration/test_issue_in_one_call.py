"""An invoice made and issued in one call (`POST /v1/invoices?issue=true`) is written once, as
issued: no draft row in between. The series is locked and its last issue date moved on by one
statement, and the Verifactu record is stored with its chain's head moved on by another; a
refusal after either (a date before the series' last one) rolls both back.

The invoicing service runs in this process on the real, migrated database and the real broker.
Simplified invoices need no client, so the clients service is never asked here.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import text

from cartera_shared import business_day
from cartera_shared.db import set_tenant
from cartera_shared.testing import internal_headers, random_cif

ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}


def as_tenant(tenant_id):
    return internal_headers(tenant_id, service="invoicing", scopes=("*",), subject="user:ana")


@pytest.fixture
async def tenant(api):
    tenant_id = uuid.uuid4()
    headers = as_tenant(tenant_id)
    issuer = {
        "legal_name": "Bar Levante S.L.",
        "fiscal_address": ADDRESS,
        "tax_id": random_cif(),
        # In force before yesterday, so the tests can issue yesterday's invoices.
        "valid_from": (business_day.today() - dt.timedelta(days=10)).isoformat(),
    }
    assert (await api.put("/v1/issuer", json=issuer, headers=headers)).status_code == 200
    series = {"code": "T", "prefix": "T", "kind": "simplified"}
    assert (await api.post("/v1/series", json=series, headers=headers)).status_code == 201
    return tenant_id


async def stored(owner, tenant_id) -> dict[str, object]:
    """What issuing writes, as the database holds it."""
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        invoices = (
            await conn.execute(
                text(
                    "SELECT status, number, issue_date, issued_at IS NOT NULL AS stamped,"
                    " issued->>'number' AS printed_number"
                    " FROM invoicing.invoices ORDER BY number"
                )
            )
        ).all()
        series_row = (
            await conn.execute(text("SELECT last_issue_date FROM invoicing.series"))
        ).one()
        counter = await conn.scalar(text("SELECT max(last_number) FROM invoicing.series_counters"))
        head = (
            await conn.execute(
                text("SELECT last_position, last_huella FROM invoicing.verifactu_chains")
            )
        ).one_or_none()
        records = (
            await conn.execute(
                text(
                    "SELECT position, huella, invoice_id FROM invoicing.verifactu_records"
                    " ORDER BY position"
                )
            )
        ).all()
        events = await conn.scalar(
            text("SELECT count(*) FROM invoicing.outbox WHERE tenant_id = :t"), {"t": tenant_id}
        )
    return {
        "invoices": [tuple(row) for row in invoices],
        "last_issue_date": series_row.last_issue_date,
        "counter": counter,
        "head": tuple(head) if head else None,
        "records": [tuple(row) for row in records],
        "events": events,
    }


async def issue_in_one_call(api, tenant_id, issue_date: dt.date):
    body = {
        "series": "T",
        "issue_date": issue_date.isoformat(),
        "lines": [{"description": "Menú del día", "quantity": "1", "unit_price": "12.50"}],
    }
    return await api.post(
        "/v1/invoices", params={"issue": "true"}, json=body, headers=as_tenant(tenant_id)
    )


async def test_an_invoice_made_and_issued_in_one_call_is_written_once_as_issued(api, owner, tenant):
    today = business_day.today()
    made = await issue_in_one_call(api, tenant, today)
    assert made.status_code == 201, made.text
    invoice = made.json()
    assert invoice["status"] == "issued"
    number = f"T{today.year}-00001"
    assert invoice["number"] == number
    after = await stored(owner, tenant)
    # One row, issued, stamped, carrying the number it printed; never a draft.
    assert after["invoices"] == [("issued", number, today, True, number)]
    assert after["last_issue_date"] == today
    assert after["counter"] == 1
    # The record and the chain's head were written by one statement: the head is the record.
    (record,) = after["records"]
    assert record[0] == 1
    assert str(record[2]) == invoice["id"]
    assert after["head"] == (1, record[1])
    assert after["events"] == 1
    fetched = await api.get(f"/v1/invoices/{invoice['id']}", headers=as_tenant(tenant))
    assert fetched.status_code == 200
    # The answer is the invoice as stored (what only reads add, as documented, aside).
    read_only = ("net_total", "verifactu", "verifactu_status")
    assert {k: v for k, v in fetched.json().items() if k not in read_only} == {
        k: v for k, v in invoice.items() if k not in read_only
    }


async def test_a_date_before_the_series_last_is_refused_and_moves_nothing(api, owner, tenant):
    today = business_day.today()
    yesterday = today - dt.timedelta(days=1)
    assert (await issue_in_one_call(api, tenant, yesterday)).status_code == 201
    assert (await issue_in_one_call(api, tenant, today)).status_code == 201
    before = await stored(owner, tenant)
    assert before["last_issue_date"] == today
    refused = await issue_in_one_call(api, tenant, yesterday)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "never go backwards" in refused.json()["detail"]
    assert today.isoformat() in refused.json()["detail"]
    # The series' date had been moved by the statement that locked it: rolled back with the rest.
    assert await stored(owner, tenant) == before
    following = await issue_in_one_call(api, tenant, today)
    assert following.status_code == 201, following.text
    # Numbers restart with the year: on 1 January yesterday's invoice was last year's.
    third = 3 if yesterday.year == today.year else 2
    assert following.json()["number"] == f"T{today.year}-{third:05d}"
    after = await stored(owner, tenant)
    assert after["last_issue_date"] == today
    assert [position for position, _, _ in after["records"]] == [1, 2, 3]
    assert after["head"] == (3, after["records"][-1][1])


async def test_a_future_date_is_refused_and_moves_nothing(api, owner, tenant):
    today = business_day.today()
    assert (await issue_in_one_call(api, tenant, today)).status_code == 201
    before = await stored(owner, tenant)
    refused = await issue_in_one_call(api, tenant, today + dt.timedelta(days=3))
    assert refused.status_code == 422, refused.text
    assert await stored(owner, tenant) == before
