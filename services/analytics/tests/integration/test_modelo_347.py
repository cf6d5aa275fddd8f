"""Modelo 347 from the events analytics projects, on the real database, through its API:
withholding decided line by line (a landlord's withheld rent of urban property is declared,
with its cadastral reference), cash over 6,000 EUR with the year of its operations when it
came in later (RD 1065/2007 arts. 33.2, 34.1.d, 34.1.h and 35.5), and the answer saying it
covers sales only."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest

from cartera_analytics.consumers import handle
from cartera_shared import business_day
from cartera_shared.db import tenant_transaction
from cartera_shared.events import new_envelope, topics
from cartera_shared.testing import internal_headers, random_cif

YEAR = business_day.today().year - 1  # a whole past year
EARLIER = YEAR - 1
REFERENCE = "9872023VH5797S0001WX"


def invoice(tax_id: str, day: dt.date, lines: list[dict[str, Any]]) -> dict[str, Any]:
    base = sum((Decimal(line["amount"]) for line in lines), Decimal(0))
    vat = sum(
        (Decimal(line["amount"]) * Decimal(line["vat_rate"]) / 100 for line in lines), Decimal(0)
    )
    irpf = sum(
        (Decimal(line["amount"]) * Decimal(line["irpf_rate"]) / 100 for line in lines), Decimal(0)
    )
    return {
        "id": str(uuid.uuid4()),
        "number": f"F-{uuid.uuid4().hex[:6]}",
        "series": "F",
        "invoice_type": "F1",
        "issue_date": day.isoformat(),
        "client_id": str(uuid.uuid4()),
        "currency": "EUR",
        "recipient": {"legal_name": f"Cliente {tax_id}", "tax_id": tax_id, "country": "ES"},
        "lines": lines,
        "amounts": {
            "totals": {
                "taxable_base": f"{base:.2f}",
                "vat": f"{vat:.2f}",
                "surcharge": "0.00",
                "irpf": f"{irpf:.2f}",
                "total": f"{base + vat - irpf:.2f}",
            },
            "withholdings": [],
        },
        "due_dates": [],
    }


def line(amount: str, *, irpf: str = "0", cadastral_reference: str | None = None) -> dict:
    data = {"description": "x", "quantity": "1", "unit_price": amount, "amount": amount,
            "vat_rate": "21", "surcharge_rate": "0", "irpf_rate": irpf}  # fmt: skip
    if cadastral_reference:
        data["cadastral_reference"] = cadastral_reference
    return data


def cash(issued: dict[str, Any], amount: str, day: dt.date) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "invoice_id": issued["id"],
        "client_id": issued["client_id"],
        "amount": amount,
        "applied": amount,
        "method": "cash",
        "paid_on": day.isoformat(),
        "allocations": [],
    }


@pytest.fixture
async def tenant(app):
    tenant_id = uuid.uuid4()
    sessions = app.state.runtime.sessions

    async def project(kind: str, data: dict[str, Any]) -> None:
        envelope = new_envelope(
            type=kind, tenant_id=tenant_id, producer="test", subject=data["id"], sequence=1,
            data=data,
        )  # fmt: skip
        async with tenant_transaction(sessions, tenant_id) as session:
            await handle(session, envelope)

    return tenant_id, project


async def m347(api, tenant_id, year: int, **params: str) -> Any:
    headers = internal_headers(tenant_id, service="analytics", scopes=("analytics:read",))
    answer = await api.get(
        "/v1/analytics/modelo-347", params={"year": year, **params}, headers=headers
    )
    assert answer.status_code == 200, answer.text
    return answer


async def test_withholding_is_decided_line_by_line_and_rents_are_listed_with_their_reference(
    api, tenant
):
    tenant_id, project = tenant
    landlord_tenant, professional_client, mixed_client = random_cif(), random_cif(), random_cif()
    # A rent of business premises, 19 % withheld: 3,000 + 630 VAT = 3,630 declared.
    await project(
        topics.INVOICE_ISSUED,
        invoice(landlord_tenant, dt.date(YEAR, 3, 10),
                [line("3000.00", irpf="19", cadastral_reference=REFERENCE)]),
    )  # fmt: skip
    # Professional fees, 15 % withheld: the payer reports them in Modelo 190; not declared.
    await project(
        topics.INVOICE_ISSUED,
        invoice(professional_client, dt.date(YEAR, 5, 10), [line("5000.00", irpf="15")]),
    )
    # Fees (withheld) and goods on one invoice: only the goods, 3,000 + 630 VAT, count.
    await project(
        topics.INVOICE_ISSUED,
        invoice(mixed_client, dt.date(YEAR, 8, 10),
                [line("4000.00", irpf="15"), line("3000.00")]),
    )  # fmt: skip
    body = (await m347(api, tenant_id, YEAR)).json()
    by_tax_id = {item["tax_id"]: item for item in body["items"]}
    assert set(by_tax_id) == {landlord_tenant, mixed_client}
    rent = by_tax_id[landlord_tenant]
    assert (rent["total"], rent["quarters"]["Q1"]) == ("3630.00", "3630.00")
    assert rent["rents"] == [{"cadastral_reference": REFERENCE, "amount": "3630.00"}]
    assert (by_tax_id[mixed_client]["total"], by_tax_id[mixed_client]["rents"]) == ("3630.00", [])
    assert body["covers"] == "sales_only"
    assert "Purchases" in body["note"]
    csv_rows = (await m347(api, tenant_id, YEAR, format="csv")).text.split("\r\n")
    assert any(row.endswith(f'"{REFERENCE}"') and "3630.00" in row for row in csv_rows)


async def test_cash_for_an_earlier_years_operations_is_reported_when_it_went_over(api, tenant):
    tenant_id, project = tenant
    payer = random_cif()
    sale = invoice(payer, dt.date(EARLIER, 11, 10), [line("8000.00")])  # 9,680 VAT included
    await project(topics.INVOICE_ISSUED, sale)
    await project(topics.PAYMENT_RECORDED, cash(sale, "5000.00", dt.date(EARLIER, 12, 20)))
    await project(topics.PAYMENT_RECORDED, cash(sale, "2000.00", dt.date(YEAR, 1, 15)))
    earlier = (await m347(api, tenant_id, EARLIER)).json()["items"]
    assert [(i["tax_id"], i["total"], i["cash_received"]) for i in earlier] == [
        (payer, "9680.00", None)  # 5,000 in cash that year: not above 6,000
    ]
    # No operation with the payer in YEAR, yet the 7,000 of cash for EARLIER's operations,
    # above 6,000 since January, go in YEAR's return with their year.
    items = (await m347(api, tenant_id, YEAR)).json()["items"]
    assert [(i["tax_id"], i["total"], i["cash_received"]) for i in items] == [(payer, "0.00", None)]
    assert items[0]["cash_received_earlier_years"] == [
        {"operation_year": EARLIER, "amount": "7000.00"}
    ]


async def test_cash_above_six_thousand_in_the_year_is_reported_with_that_year(api, tenant):
    tenant_id, project = tenant
    payer = random_cif()
    sale = invoice(payer, dt.date(YEAR, 2, 1), [line("6000.00")])  # 7,260 VAT included
    await project(topics.INVOICE_ISSUED, sale)
    await project(topics.PAYMENT_RECORDED, cash(sale, "7260.00", dt.date(YEAR, 2, 1)))
    [item] = (await m347(api, tenant_id, YEAR)).json()["items"]
    assert (item["cash_received"], item["cash_operation_year"]) == ("7260.00", YEAR)
    assert item["cash_received_earlier_years"] == []
