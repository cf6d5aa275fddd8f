"""The quarter's tax summary and the accounting export, on the real database, through the API:
a tenant with mixed invoices (three VAT rates, recargo, IRPF for activities and for a rent, a
rectification by differences and one by substitution, a cancelled invoice, payments and a
returned direct debit). Every export format is read back (tests/unit/export_readers.py) to
Cartera's own totals; another tenant's invoices never appear; bad requests are 422 problems;
the rebuild computes the same tax facts and returns as the live projection."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal as D
from typing import Any

import pytest
from sqlalchemy import select

from cartera_analytics.consumers import handle
from cartera_analytics.models import invoice_documents, payments
from cartera_analytics.rebuild import Replay, read_models
from cartera_shared.db import tenant_transaction
from cartera_shared.events import new_envelope, topics
from cartera_shared.testing import internal_headers

from ..unit.export_readers import READERS
from ..unit.tax_samples import cancellation, invoice, line, payment, rectification

YEAR = 2026
Q1 = dt.date(YEAR, 1, 1)
REF = "9872023VH5797S0001WX"


def headers(tenant_id: uuid.UUID, *scopes: str) -> dict[str, str]:
    return internal_headers(tenant_id, service="analytics", scopes=scopes or ("analytics:read",))


@pytest.fixture
async def tenant(app):
    tenant_id = uuid.uuid4()
    sessions = app.state.runtime.sessions
    sent: list[tuple[str, bytes]] = []

    async def project(kind: str, data: dict[str, Any], on: dt.date | None = None) -> None:
        envelope = new_envelope(
            type=kind,
            tenant_id=tenant_id,
            producer="test",
            subject=data["id"],
            sequence=2 if kind == topics.INVOICE_CANCELLED else 1,
            data=data,
        )
        if on is not None:
            envelope = envelope.model_copy(
                update={"occurred_at": dt.datetime(on.year, on.month, on.day, 10, tzinfo=dt.UTC)}
            )
        sent.append((kind, envelope.to_bytes()))
        async with tenant_transaction(sessions, tenant_id) as session:
            await handle(session, envelope)

    return tenant_id, project, sent


async def mixed_quarter(project) -> dict[str, Any]:
    """The tenant's quarter; returns the documents by name."""
    client_a, client_b = str(uuid.uuid4()), str(uuid.uuid4())
    docs = {
        "fees": invoice(
            [line("1000.00", irpf="15"), line("200.00", "10")],
            day=dt.date(YEAR, 1, 15),
            client_id=client_a,
            number="F-0001",
        ),
        "shop": invoice(
            [line("500.00", surcharge="5.2"), line("100.00", "4", surcharge="0.5")],
            day=dt.date(YEAR, 2, 1),
            client_id=client_b,
            number="F-0002",
        ),
        "rent": invoice(
            [line("800.00", irpf="19", cadastral_reference=REF)],
            day=dt.date(YEAR, 2, 3),
            client_id=client_a,
            number="F-0003",
        ),
        "gone": invoice(
            [line("9999.00")], day=dt.date(YEAR, 2, 5), client_id=client_b, number="F-0004"
        ),
        "later": invoice(
            [line("50.00")], day=dt.date(YEAR, 4, 2), client_id=client_b, number="F-0005"
        ),
    }
    docs["discount"] = rectification(
        docs["fees"], [line("-100.00", irpf="15")], day=dt.date(YEAR, 2, 20), number="R-0001"
    )
    docs["redo"] = rectification(
        docs["shop"],
        [line("400.00", surcharge="5.2"), line("100.00", "4", surcharge="0.5")],
        day=dt.date(YEAR, 3, 1),
        kind="S",
        number="R-0002",
    )
    for name in ("fees", "shop", "rent", "gone", "later"):
        await project(topics.INVOICE_ISSUED, docs[name])
    await project(topics.INVOICE_RECTIFIED, docs["discount"])
    await project(topics.INVOICE_RECTIFIED, docs["redo"])
    await project(topics.INVOICE_CANCELLED, cancellation(docs["gone"]))
    paid = payment(docs["fees"], "500.00", dt.date(YEAR, 2, 25), method="transfer")
    returned = payment(docs["shop"], "300.00", dt.date(YEAR, 3, 5))
    await project(topics.PAYMENT_RECORDED, paid)
    await project(topics.PAYMENT_RECORDED, returned)
    await project(
        topics.PAYMENT_REVERSED,
        {**returned, "reversed": True, "reason": "Recibo devuelto (AM04)"},
        on=dt.date(YEAR, 3, 12),
    )
    return docs


async def test_the_tax_summary_of_a_mixed_quarter(api, tenant):
    tenant_id, project, _ = tenant
    await mixed_quarter(project)
    answer = await api.get(
        "/v1/analytics/tax-summary", params={"year": YEAR, "quarter": 1}, headers=headers(tenant_id)
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    # fees 1200 - 100 (discount) + shop 600 -> 500 (substitution: -100) + rent 800; gone: 0.
    assert (body["period_start"], body["period_end"]) == ("2026-01-01", "2026-03-31")
    assert body["taxable_base_total"] == "2400.00"
    by_rate = {(r["vat_rate"], r["surcharge_rate"]): r for r in body["by_rate"]}
    assert by_rate[("21.00", "0.00")]["taxable_base"] == "1700.00"  # 1000 - 100 + 800
    assert by_rate[("21.00", "5.20")] | {} == {
        "vat_rate": "21.00",
        "surcharge_rate": "5.20",
        "taxable_base": "400.00",
        "vat": "84.00",
        "surcharge": "20.80",
    }
    assert by_rate[("4.00", "0.50")]["surcharge"] == "0.50"
    assert by_rate[("10.00", "0.00")]["vat"] == "20.00"
    assert body["vat_total"] == "465.00"  # 357 (21 %) + 84 (21 % with recargo) + 4 + 20
    assert body["vat_total"] == str(sum(D(r["vat"]) for r in body["by_rate"]))
    assert body["surcharge_total"] == "21.30"
    assert body["rectifications"]["taxable_base"] == "-200.00"
    assert body["rectifications"]["vat"] == "-42.00"
    assert body["rectifications"]["surcharge"] == "-5.20"
    withheld = {(w["irpf_rate"], w["modelo"]): w["irpf"] for w in body["irpf_withheld"]}
    assert withheld == {("15.00", "111"): "135.00", ("19.00", "115"): "152.00"}
    assert body["irpf_withheld_total"] == "287.00"
    boxes = {b["box"]: b["value"] for b in body["boxes"]}
    assert (boxes["07"], boxes["09"]) == ("2300.00", "483.00")  # originals at 21 %
    assert (boxes["14"], boxes["15"]) == ("-200.00", "-42.00")
    assert (boxes["22"], boxes["24"], boxes["16"], boxes["18"]) == (
        "500.00",
        "26.00",
        "100.00",
        "0.50",
    )
    assert (boxes["25"], boxes["26"]) == ("-100.00", "-5.20")
    assert D(boxes["27"]) == D(body["vat_total"]) + D(body["surcharge_total"])


async def test_every_format_reads_back_to_cartera_totals_and_never_shows_another_tenant(
    api, tenant, app
):
    tenant_id, project, _ = tenant
    await mixed_quarter(project)
    other = uuid.uuid4()
    async with tenant_transaction(app.state.runtime.sessions, other) as session:
        await handle(
            session,
            new_envelope(
                type=topics.INVOICE_ISSUED,
                tenant_id=other,
                producer="test",
                subject="x",
                sequence=1,
                data=invoice([line("777.00")], day=dt.date(YEAR, 2, 2), number="OTHER-1"),
            ),
        )
    summary = (
        await api.get(
            "/v1/analytics/tax-summary",
            params={"year": YEAR, "quarter": 1},
            headers=headers(tenant_id),
        )
    ).json()
    params = {"from": "2026-01-01", "to": "2026-03-31"}
    accounts: dict[str, str] = {}
    for fmt, reader in READERS.items():
        answer = await api.get(
            "/v1/exports/accounting",
            params={**params, "format": fmt},
            headers=headers(tenant_id, "exports:read"),
        )
        assert answer.status_code == 200, (fmt, answer.text)
        assert "attachment; filename=" in answer.headers["content-disposition"]
        journal = reader(answer.content)
        documents = {ln.document for ln in journal.lines}
        assert "OTHER-1" not in documents
        assert "F-0004" not in documents
        assert "F-0005" not in documents
        for _number, read_lines in journal.by_entry().items():
            assert sum(ln.debit for ln in read_lines) == sum(ln.credit for ln in read_lines)
        debit, credit = journal.balance("70")
        assert credit - debit == D(summary["taxable_base_total"]), fmt
        for r in summary["by_rate"]:
            vat_account = "4770" + f"{int(D(r['vat_rate']) * 100):04d}"
            d, c = journal.account(vat_account)
            expected = sum(
                D(x["vat"]) for x in summary["by_rate"] if x["vat_rate"] == r["vat_rate"]
            )
            assert c - d == expected, (fmt, vat_account)
        d, c = journal.balance("4771")
        assert c - d == D(summary["surcharge_total"])
        d, c = journal.balance("4730")
        assert d - c == D(summary["irpf_withheld_total"])
        assert journal.balance("572") == (D("800.00"), D("300.00"))  # two payments, one return
        clients = sorted({ln.account for ln in journal.lines if ln.account.startswith("430")})
        accounts[fmt] = ",".join(clients)
        assert len(clients) == 2
    assert len(set(accounts.values())) == 1  # each client keeps its sub-account
    content = (
        await api.get(
            "/v1/exports/accounting",
            params={**params, "format": "xlsx"},
            headers=headers(tenant_id, "exports:read"),
        )
    ).headers
    assert content["content-type"].startswith("application/vnd.openxmlformats")


async def test_the_mapping_is_the_pgcs_until_set_and_a_bad_one_names_its_field(api, tenant):
    tenant_id, project, _ = tenant
    read = headers(tenant_id, "exports:read")
    write = headers(tenant_id, "exports:write")
    assert (await api.get("/v1/exports/accounting/accounts", headers=read)).json()["bank"] == "572"
    bad = await api.put(
        "/v1/exports/accounting/accounts",
        headers=write,
        json={"bank": "57-2", "output_tax_accounts": {"21": "4"}},
    )
    assert bad.status_code == 422
    locs = [e["loc"] for e in bad.json()["errors"]]
    assert ["body", "bank"] in locs
    assert ["body", "output_tax_accounts", "21.00"] in locs
    good = await api.put(
        "/v1/exports/accounting/accounts",
        headers=write,
        json={"bank": "5720001", "output_tax_accounts": {"21": "47700021"}},
    )
    assert good.status_code == 200, good.text
    assert good.json()["output_tax_accounts"] == {"21.00": "47700021"}
    await project(topics.INVOICE_ISSUED, invoice([line("100.00")], day=dt.date(YEAR, 1, 5)))
    exported = await api.get(
        "/v1/exports/accounting",
        headers=read,
        params={"format": "csv", "from": "2026-01-01", "to": "2026-01-31"},
    )
    journal = READERS["csv"](exported.content)
    assert journal.account("47700021") == (D("0.00"), D("21.00"))
    assert (
        await api.get("/v1/exports/accounting/accounts", headers=headers(tenant_id))
    ).status_code == 403


@pytest.mark.parametrize(
    "params",
    [
        {"format": "dbase", "from": "2026-01-01", "to": "2026-01-31"},
        {"format": "csv", "from": "2026-02-01", "to": "2026-01-31"},
        {"format": "csv", "from": "2025-01-01", "to": "2026-01-31"},
        {"format": "csv", "from": "2026-01-01"},
        {"format": "csv", "to": "2026-01-31"},
        {"format": "csv", "from": "2026-13-01", "to": "2026-01-31"},
    ],
)
async def test_a_bad_export_request_is_a_problem(api, params):
    answer = await api.get(
        "/v1/exports/accounting", params=params, headers=headers(uuid.uuid4(), "exports:read")
    )
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "params",
    [
        {"year": 2026, "quarter": 5},
        {"year": 1999, "quarter": 1},
        {"year": 2026},
        {"year": "x", "quarter": 1},
        {"year": 2026, "quarter": 0},
    ],
)
async def test_a_bad_quarter_is_a_problem(api, params):
    answer = await api.get(
        "/v1/analytics/tax-summary", params=params, headers=headers(uuid.uuid4())
    )
    assert answer.status_code == 422, answer.text


async def test_the_export_needs_its_own_scope(api):
    answer = await api.get(
        "/v1/exports/accounting",
        headers=headers(uuid.uuid4()),
        params={"format": "csv", "from": "2026-01-01", "to": "2026-01-31"},
    )
    assert answer.status_code == 403


async def test_a_rebuild_gives_the_live_tax_facts_and_returns(app, tenant):
    tenant_id, project, sent = tenant
    await mixed_quarter(project)
    replay = Replay()
    for kind, raw in sent:
        replay.add(kind, raw)
    assert replay.skipped == 0
    tables = read_models(tenant_id, replay.tenants[tenant_id])
    async with tenant_transaction(app.state.runtime.sessions, tenant_id) as session:
        live_docs = {
            r.invoice_id: r.tax_facts
            for r in await session.execute(
                select(invoice_documents.c.invoice_id, invoice_documents.c.tax_facts).where(
                    invoice_documents.c.tenant_id == tenant_id
                )
            )
        }
        live_payments = {
            r.payment_id: (r.reversed, r.reversed_on, r.reversal_reason)
            for r in await session.execute(
                select(payments).where(payments.c.tenant_id == tenant_id)
            )
        }
    rebuilt_docs = {r["invoice_id"]: r["tax_facts"] for r in tables[invoice_documents]}
    assert rebuilt_docs == live_docs
    assert all(v is not None for v in live_docs.values())
    rebuilt_payments = {
        r["payment_id"]: (r["reversed"], r["reversed_on"], r["reversal_reason"])
        for r in tables[payments]
    }
    assert rebuilt_payments == live_payments
    assert sorted(live_payments.values(), key=str) == sorted(
        [(False, None, None), (True, dt.date(YEAR, 3, 12), "Recibo devuelto (AM04)")], key=str
    )
