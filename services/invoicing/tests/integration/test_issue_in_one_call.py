"""An invoice made and issued in one call (`POST /v1/invoices?issue=true`) is written once, as
issued: no draft row in between. The series is locked and its last issue date moved on by one
statement, and the Verifactu record is stored with its chain's head moved on by another; a
refusal after either (a date before the series' last one) rolls both back.

The invoicing service runs in this process on the real, migrated database and the real broker.
Simplified invoices need no client, so the clients service is never asked here.

One-call issues of one series that come while another is in hand are issued together, in one
transaction (`invoices/grouping.py`): gapless numbers in order of arrival, one VERI*FACTU chain,
one event each, and a refusal among them costs nobody else a number. The app's requests run
concurrently on one event loop here, as they do in the service.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import pytest
from sqlalchemy import text

from cartera_invoicing.invoices.grouping import GROUP_SIZE
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


def groups_so_far() -> tuple[float, float]:
    """(issues, groups) the group commit has made in this process."""
    samples = {s.name: s.value for metric in GROUP_SIZE.collect() for s in metric.samples}
    return samples["cartera_invoicing_issue_group_size_sum"], samples[
        "cartera_invoicing_issue_group_size_count"
    ]


async def test_concurrent_issues_of_one_series_are_grouped_and_gapless(api, owner, tenant):
    today = business_day.today()
    issues_before, groups_before = groups_so_far()
    body = {
        "series": "T",
        "issue_date": today.isoformat(),
        "lines": [{"description": "Menú del día", "quantity": "1", "unit_price": "12.50"}],
    }
    traces = [uuid.uuid4().hex for _ in range(30)]  # each call its own trace

    async def traced(trace_id):
        headers = {**as_tenant(tenant), "traceparent": f"00-{trace_id}-{'1' * 16}-01"}
        return await api.post("/v1/invoices", params={"issue": "true"}, json=body, headers=headers)

    answers = await asyncio.gather(*(traced(trace_id) for trace_id in traces))
    assert [a.status_code for a in answers] == [201] * 30, [a.text for a in answers]
    numbers = sorted(a.json()["number"] for a in answers)
    assert numbers == [f"T{today.year}-{n:05d}" for n in range(1, 31)]
    issues_after, groups_after = groups_so_far()
    # The first was issued in its own request; the 29 others waited and went in fewer groups.
    assert issues_after - issues_before == 29
    assert 1 <= groups_after - groups_before < 29
    after = await stored(owner, tenant)
    assert after["counter"] == 30
    assert [row[1] for row in after["invoices"]] == numbers
    assert all(row[0] == "issued" and row[3] and row[1] == row[4] for row in after["invoices"])
    # One record per invoice, chained in one line whose head is the last.
    assert [position for position, _, _ in after["records"]] == list(range(1, 31))
    assert {str(invoice_id) for _, _, invoice_id in after["records"]} == {
        a.json()["id"] for a in answers
    }
    assert after["head"] == (30, after["records"][-1][1])
    assert after["events"] == 30
    # Each event names its own call's trace, whichever call's task issued the group.
    async with owner.begin() as conn:
        published = dict(
            (
                await conn.execute(
                    text(
                        "SELECT key, headers->>'trace_id' FROM invoicing.outbox"
                        " WHERE tenant_id = :t"
                    ),
                    {"t": tenant},
                )
            ).all()
        )
    assert published == {a.json()["id"]: trace for a, trace in zip(answers, traces, strict=True)}
    verified = await api.get("/v1/verifactu/chain/verify", headers=as_tenant(tenant))
    assert verified.json()["ok"] is True, verified.json()
    # Each caller got its own invoice as stored.
    for answer in answers:
        invoice = answer.json()
        fetched = await api.get(f"/v1/invoices/{invoice['id']}", headers=as_tenant(tenant))
        assert fetched.json()["number"] == invoice["number"]
        assert fetched.json()["issued_at"] == invoice["issued_at"]


async def test_a_refusal_among_waiting_issues_costs_nobody_a_number(api, owner, tenant):
    today = business_day.today()
    yesterday = today - dt.timedelta(days=1)
    assert (await issue_in_one_call(api, tenant, today)).status_code == 201
    dates = [today] * 5 + [yesterday] + [today] * 5  # one dated before the series' last date
    answers = await asyncio.gather(*(issue_in_one_call(api, tenant, day) for day in dates))
    refused = answers[5]
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "never go backwards" in refused.json()["detail"]
    issued = [a for a in answers if a is not refused]
    assert [a.status_code for a in issued] == [201] * 10, [a.text for a in issued]
    assert sorted(a.json()["number"] for a in issued) == [
        f"T{today.year}-{n:05d}" for n in range(2, 12)
    ]
    after = await stored(owner, tenant)
    assert after["counter"] == 11
    assert len(after["invoices"]) == 11
    assert [position for position, _, _ in after["records"]] == list(range(1, 12))
    assert after["events"] == 11
    assert after["last_issue_date"] == today


async def test_issues_with_an_idempotency_key_are_not_grouped_and_answer_once(api, owner, tenant):
    today = business_day.today()
    body = {
        "series": "T",
        "issue_date": today.isoformat(),
        "lines": [{"description": "Menú del día", "quantity": "1", "unit_price": "12.50"}],
    }
    issues_before, _ = groups_so_far()

    async def keyed(key: str):
        headers = {**as_tenant(tenant), "Idempotency-Key": key}
        return await api.post("/v1/invoices", params={"issue": "true"}, json=body, headers=headers)

    keys = [f"run-{n}" for n in range(8)]
    first = await asyncio.gather(*(keyed(key) for key in keys))
    again = await asyncio.gather(*(keyed(key) for key in keys))
    assert [a.status_code for a in first] == [201] * 8
    assert [a.json()["id"] for a in again] == [a.json()["id"] for a in first]
    assert groups_so_far()[0] == issues_before
    assert (await stored(owner, tenant))["counter"] == 8
