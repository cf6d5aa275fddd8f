"""The accounting export and the tax summary through the gateway: invoices issued by invoicing
reach analytics as events, and the journal downloaded as CSV adds up to the invoices."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from .test_analytics import TODAY, issue, line, new_client, open_books, until_analytics


async def test_issued_invoices_are_exported_as_a_balanced_journal(tenant):
    await open_books(tenant)
    client = await new_client(tenant, "Talleres Export SL")
    first = await issue(tenant, client, TODAY, line("1000.00"), line("200.00", vat_rate="10"))
    second = await issue(tenant, client, TODAY, line("500.00", irpf_rate="15"))
    await until_analytics(tenant, 2, "1700.00")
    day = TODAY.isoformat()
    answer = await tenant.client.get(
        "/v1/exports/accounting", params={"format": "csv", "from": day, "to": day}
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv")
    assert f'filename="diario-{day}-{day}.csv"' in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert {r["document"] for r in rows} == {first["number"], second["number"]}
    debit = sum(Decimal(r["debit"]) for r in rows)
    assert debit == sum(Decimal(r["credit"]) for r in rows)
    sales = sum(Decimal(r["credit"]) for r in rows if r["account"].startswith("70"))
    assert sales == Decimal("1700.00")
    clients = sum(Decimal(r["debit"]) for r in rows if r["account"].startswith("430"))
    assert clients == Decimal(first["totals"]["total"]) + Decimal(second["totals"]["total"])
    quarter = (TODAY.month - 1) // 3 + 1
    summary = await tenant.client.get(
        "/v1/analytics/tax-summary", params={"year": TODAY.year, "quarter": quarter}
    )
    assert summary.status_code == 200, summary.text
    withheld = summary.json()["irpf_withheld"]
    assert [(w["modelo"], w["irpf"]) for w in withheld] == [("111", "75.00")]
