"""Analytics through the gateway, fed by the real services' events on the real broker.

Invoices are issued with past dates (in order, as a series requires), paid through collections,
and the figures are read back from /v1/analytics: shares, HHI and ABC to the cent and the
fourth decimal, evolution, the revenue bridge, payment behaviour, satisfaction, clients at risk,
Modelo 347 with its threshold and exclusions, alerts raised once (on Kafka and in the API), and a
rebuild from the topics that gives exactly the incremental figures.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import json
import os
import re
import secrets
import subprocess
import sys
import time
import uuid
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import asyncpg
import pytest

from cartera_shared import business_day
from cartera_shared.events import new_envelope, topics
from cartera_shared.testing import header, publish_raw, random_cif, read_topic

from .helpers import client_payload, eventually

TODAY = business_day.today()
ADDRESS = {"street": "Calle Mayor 3", "postal_code": "28013", "city": "Madrid", "country": "ES"}
FOUR = Decimal("0.0001")


def month_start(day: dt.date, back: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


M3, M2, M1 = month_start(TODAY, 3), month_start(TODAY, 2), month_start(TODAY, 1)
M0 = month_start(TODAY, 0)


def at(month: dt.date, day: int) -> dt.date:
    return month.replace(day=day)


def r4(value: Decimal) -> str:
    return str(value.quantize(FOUR, rounding=ROUND_HALF_UP))


# --- building the books through the gateway ----------------------------------------------------


async def open_books(tenant) -> None:
    issuer = await tenant.client.put(
        "/v1/issuer",
        json={
            "legal_name": "Suministros Meseta S.L.",
            "tax_id": random_cif(),
            "fiscal_address": ADDRESS,
            "valid_from": (TODAY - dt.timedelta(days=400)).isoformat(),
        },
    )
    assert issuer.status_code in (200, 201), issuer.text
    for body in ({"code": "F", "prefix": "F"}, {"code": "R", "prefix": "R", "kind": "rectifying"}):
        created = await tenant.client.post("/v1/series", json=body)
        assert created.status_code == 201, created.text


async def new_client(tenant, name: str, **overrides: Any) -> str:
    payload = client_payload(
        legal_name=name,
        trade_name=name,
        valid_from=(TODAY - dt.timedelta(days=400)).isoformat(),
        **overrides,
    )
    created = await tenant.client.post("/v1/clients", json=payload)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def line(base: str, **extra: str) -> dict[str, str]:
    return {"description": "Suministro", "quantity": "1", "unit_price": base, **extra}


async def issue(tenant, client_id: str, day: dt.date, *lines: dict[str, str]) -> dict[str, Any]:
    draft = await tenant.client.post(
        "/v1/invoices",
        json={
            "client_id": client_id,
            "series": "F",
            "issue_date": day.isoformat(),
            "lines": list(lines),
        },
    )
    assert draft.status_code == 201, draft.text
    issued = await tenant.client.post(f"/v1/invoices/{draft.json()['id']}/issue")
    assert issued.status_code == 200, issued.text
    return dict(issued.json())


async def portfolio(tenant, start: dt.date, end: dt.date, **params: Any) -> dict[str, Any]:
    answer = await tenant.client.get(
        "/v1/analytics/portfolio",
        params={"from": start.isoformat(), "to": end.isoformat(), **params},
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


WIDE = (TODAY - dt.timedelta(days=500), TODAY)


async def until_analytics(tenant, invoices: int, base: str) -> None:
    """Wait until analytics holds exactly this many invoices and this net taxable base."""
    seen: dict[str, Any] = {}

    async def there() -> bool:
        totals = (await portfolio(tenant, *WIDE))["totals"]
        seen.update(totals)
        return totals["invoices"] == invoices and totals["taxable_base"] == base

    try:
        await eventually(there, timeout=30, interval=0.1)
    except AssertionError as exc:
        raise AssertionError(f"analytics shows {seen}, not {invoices} / {base}") from exc


async def wait_receivable(tenant, invoice_id: str) -> None:
    async def present() -> bool:
        answer = await tenant.client.get("/v1/receivables", params={"invoice_id": invoice_id})
        return bool(answer.json()["items"])

    await eventually(present, timeout=30)


async def pay(tenant, invoice: dict[str, Any], paid_on: dt.date, **extra: Any) -> dict[str, Any]:
    await wait_receivable(tenant, invoice["id"])
    paid = await tenant.client.post(
        "/v1/payments",
        json={
            "invoice_id": invoice["id"],
            "amount": invoice["totals"]["total"],
            "paid_on": min(paid_on, TODAY).isoformat(),
            **extra,
        },
    )
    assert paid.status_code == 201, paid.text
    return dict(paid.json())


async def get(tenant, path: str, **params: Any) -> Any:
    answer = await tenant.client.get(f"/v1/analytics/{path}", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


# --- the billing story of one tenant -----------------------------------------------------------


@pytest.fixture
async def billing(tenant):
    """Five clients over three closed months: A big, then shrinking; B with a credit note;
    C small; D a professional's client with IRPF withheld; E in France (intra-EU, exempt)."""
    await open_books(tenant)
    a = await new_client(tenant, "Alfa Distribución S.L.")
    b = await new_client(tenant, "Beta Obras S.L.")
    c = await new_client(tenant, "Gamma Talleres S.L.")
    d = await new_client(tenant, "Delta Consultores S.L.")
    e = await new_client(
        tenant,
        "Epsilon SARL",
        tax_id="FR40303265045",
        country="FR",
        fiscal_address={
            "street": "1 Rue de Rivoli",
            "postal_code": "75001",
            "city": "Paris",
            "country": "FR",
        },
    )
    # Issued in date order (a series never goes back), each seen by analytics before the next,
    # so every alert below follows from the figures, not from the order of consumption.
    invoices: dict[str, dict[str, Any]] = {}
    steps = [
        ("a3", a, at(M3, 5), [line("1000.00")], 1, "1000.00"),
        ("b3", b, at(M3, 6), [line("500.00")], 2, "1500.00"),
        ("d2", d, at(M2, 5), [line("3000.00", irpf_rate="15")], 3, "4400.00"),
        ("a2", a, at(M2, 6), [line("2000.00")], 4, "6400.00"),
        ("b2", b, at(M2, 7), [line("400.00")], 5, "6800.00"),
        ("c2", c, at(M2, 8), [line("300.00")], 6, "7100.00"),
        (
            "e1",
            e,
            at(M1, 5),
            [line("4000.00", vat_rate="0", exemption_reason="E5 Art. 25 LIVA")],
            7,
            "11100.00",
        ),
        ("a1", a, at(M1, 6), [line("200.00")], 8, "11300.00"),
    ]
    for key, client, day, lines, count, base in steps:
        invoices[key] = await issue(tenant, client, day, *lines)
        await until_analytics(tenant, count, base)
        if key == "b3":
            # A credit note of 100.00 on B's first invoice, dated within that month.
            credit = await tenant.client.post(
                f"/v1/invoices/{invoices['b3']['id']}/rectify",
                json={
                    "series": "R",
                    "reason": "Devolución parcial",
                    "issue_date": at(M3, 20).isoformat(),
                    "lines": [line("-100.00")],
                },
            )
            assert credit.status_code == 201, credit.text
            invoices["rb3"] = credit.json()
            await until_analytics(tenant, 2, "1400.00")
    return {"clients": {"A": a, "B": b, "C": c, "D": d, "E": e}, "invoices": invoices}


EXPECTED_BASE = {"E": "4000.00", "A": "3200.00", "D": "3000.00", "B": "800.00", "C": "300.00"}
# To pay: A 1210 + 2420 + 242; B 605 - 121 + 484; D 3000 + 630 VAT - 450 IRPF; E exempt.
EXPECTED_TOTAL = {"E": "4000.00", "A": "3872.00", "D": "3180.00", "B": "968.00", "C": "363.00"}


async def test_portfolio_shares_abc_and_concentration_to_the_cent(tenant, billing):
    ids = billing["clients"]
    names = {v: k for k, v in ids.items()}
    body = await portfolio(tenant, M3, M0 - dt.timedelta(days=1))
    assert body["totals"] == {
        "taxable_base": "11300.00",
        "total": "12383.00",
        "invoices": 8,
        "clients": 5,
    }
    items = body["items"]
    assert [names[i["client_id"]] for i in items] == ["E", "A", "D", "B", "C"]
    assert {names[i["client_id"]]: i["taxable_base"] for i in items} == EXPECTED_BASE
    assert {names[i["client_id"]]: i["total"] for i in items} == EXPECTED_TOTAL
    total = Decimal("11300.00")
    shares = {k: Decimal(v) / total for k, v in EXPECTED_BASE.items()}
    assert {names[i["client_id"]]: i["share_fraction"] for i in items} == {
        k: r4(v) for k, v in shares.items()
    }
    assert [i["share_fraction"] for i in items] == [
        "0.3540",
        "0.2832",
        "0.2655",
        "0.0708",
        "0.0265",
    ]
    assert [i["abc"] for i in items] == ["A", "A", "A", "B", "C"]
    assert [i["invoices"] for i in items] == [1, 3, 1, 2, 1]
    assert items[0]["legal_name"] == "Epsilon SARL"
    assert body["concentration"] == {
        "top1_share_fraction": "0.3540",
        "top5_share_fraction": "1.0000",
        "hhi_fraction": r4(sum(s * s for s in shares.values())),
    }
    assert body["concentration"]["hhi_fraction"] == "0.2817"
    assert body["abc"]["A"] == {
        "clients": 3,
        "taxable_base": "10200.00",
        "share_fraction": "0.9027",
    }

    # Periods that cut months: the daily figures at both ends, whole months in between.
    inner = await portfolio(tenant, at(M3, 10), at(M1, 5))
    assert {names[i["client_id"]]: i["taxable_base"] for i in inner["items"]} == {
        "D": "3000.00",
        "A": "2000.00",
        "E": "4000.00",
        "B": "300.00",  # the credit note of M3 and B's invoice of M2
        "C": "300.00",
    }
    assert inner["totals"]["invoices"] == 5
    one_day = await portfolio(tenant, at(M3, 20), at(M3, 20))
    assert [
        (names[i["client_id"]], i["taxable_base"], i["invoices"]) for i in one_day["items"]
    ] == [("B", "-100.00", 0)]
    assert one_day["items"][0]["share_fraction"] == "0.0000"
    limited = await portfolio(tenant, M3, M0 - dt.timedelta(days=1), limit=2)
    assert len(limited["items"]) == 2
    assert limited["truncated"] is True
    assert limited["totals"]["clients"] == 5


async def test_evolution_bridge_and_modelo_347(tenant, billing):
    ids = billing["clients"]
    names = {v: k for k, v in ids.items()}
    evolution = await get(tenant, "evolution", **{"from": f"{M3:%Y-%m}", "to": f"{M1:%Y-%m}"})
    months = evolution["total"]["months"]
    assert [(m["month"], m["taxable_base"], m["invoices"]) for m in months] == [
        (f"{M3:%Y-%m}", "1400.00", 2),
        (f"{M2:%Y-%m}", "5700.00", 4),
        (f"{M1:%Y-%m}", "4200.00", 2),
    ]
    assert [m["mom_change_fraction"] for m in months] == [None, "3.0714", "-0.2632"]
    assert [m["yoy_change_fraction"] for m in months] == [None, None, None]
    assert evolution["total"]["trend"] == {
        "direction": "up",
        "slope_per_month": "1400.00",
        "relative_slope_fraction": r4(Decimal(1400) / (Decimal(11300) / 3)),
    }
    by_client = {names[c["client_id"]]: c for c in evolution["clients"]}
    assert list(by_client) == ["E", "A", "D", "B", "C"]  # top five by base in the range
    assert [m["taxable_base"] for m in by_client["A"]["months"]] == [
        "1000.00",
        "2000.00",
        "200.00",
    ]
    assert by_client["A"]["months"][2]["mom_change_fraction"] == "-0.9000"
    assert by_client["A"]["trend"]["direction"] == "down"
    one = await get(tenant, "evolution", client_id=ids["B"], **{"from": f"{M3:%Y-%m}"})
    assert [names[c["client_id"]] for c in one["clients"]] == ["B"]

    bridge = await get(
        tenant,
        "revenue-bridge",
        **{
            "from": M1.isoformat(),
            "to": (M0 - dt.timedelta(days=1)).isoformat(),
            "compare_from": M2.isoformat(),
            "compare_to": (M1 - dt.timedelta(days=1)).isoformat(),
        },
    )
    assert (bridge["opening"], bridge["closing"]) == ("5700.00", "4200.00")
    assert [names[i["client_id"]] for i in bridge["new"]["items"]] == ["E"]
    assert bridge["new"]["amount"] == "4000.00"
    assert bridge["growth"] == {"clients": 0, "amount": "0.00", "items": []}
    assert [(names[i["client_id"]], i["change"]) for i in bridge["shrinkage"]["items"]] == [
        ("A", "-1800.00")
    ]
    assert [(names[i["client_id"]], i["change"]) for i in bridge["lost"]["items"]] == [
        ("D", "-3000.00"),
        ("B", "-400.00"),
        ("C", "-300.00"),
    ]
    assert bridge["lost"]["amount"] == "-3700.00"

    # Modelo 347 of the year of M1: A counts (VAT included, the credit note of B nets), D is
    # above the threshold too but had IRPF withheld, E is intra-EU; B and C stay below it.
    year = M1.year
    vat_included = {
        at(M3, 5): ("A", Decimal("1210.00")),
        at(M2, 6): ("A", Decimal("2420.00")),
        at(M1, 6): ("A", Decimal("242.00")),
    }
    quarters = {f"Q{q}": Decimal("0.00") for q in range(1, 5)}
    for day, (_, amount) in vat_included.items():
        if day.year == year:
            quarters[f"Q{(day.month - 1) // 3 + 1}"] += amount
    m347 = await get(tenant, "modelo-347", year=year)
    assert m347["threshold"] == "3005.06"
    expected = []
    if sum(quarters.values()) > Decimal("3005.06"):
        expected = [
            {
                "tax_id": (await tenant.client.get(f"/v1/clients/{ids['A']}")).json()["tax_id"],
                "name": "Alfa Distribución S.L.",
                "total": str(sum(quarters.values())),
                "quarters": {k: str(v) for k, v in quarters.items()},
                "cash_received": None,
                "cash_operation_year": None,
                "cash_received_earlier_years": [],
                "rents": [],
            }
        ]
    assert m347["items"] == expected
    assert m347["covers"] == "sales_only"
    if TODAY.month >= 4:  # all three months in one year: A is declared
        assert [e["total"] for e in expected] == ["3872.00"]
    csv_answer = await tenant.client.get(
        "/v1/analytics/modelo-347", params={"year": year}, headers={"Accept": "text/csv"}
    )
    assert csv_answer.status_code == 200
    assert csv_answer.headers["content-type"].startswith("text/csv")
    assert csv_answer.text.startswith('"tax_id","name","total","q1"')
    rows = list(csv.reader(io.StringIO(csv_answer.text)))
    assert rows[0] == [
        *("tax_id", "name", "total", "q1", "q2", "q3", "q4", "cash_received"),
        *("cash_operation_year", "rent_cadastral_reference"),
    ]
    assert len(rows) == 1 + len(expected)
    if expected:
        assert rows[1][:3] == [expected[0]["tax_id"], "Alfa Distribución S.L.", "3872.00"]
    as_csv = await tenant.client.get(
        "/v1/analytics/modelo-347", params={"year": year, "format": "csv"}
    )
    assert as_csv.text == csv_answer.text

    # A tenant that files through SII does not file Modelo 347.
    put = await tenant.client.put("/v1/analytics/settings", json={"files_through_sii": True})
    assert put.status_code == 200, put.text
    sii = await get(tenant, "modelo-347", year=year)
    assert (sii["files_through_sii"], sii["items"]) == (True, [])


async def test_the_modelo_347_csv_never_hands_a_spreadsheet_a_formula(tenant):
    await open_books(tenant)
    names = {
        '=HYPERLINK("http://evil","x")': '\'=HYPERLINK("http://evil","x")',
        "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
        "@SUM(1)": "'@SUM(1)",
        "-2+3": "'-2+3",
        "\t=1": "'=1",  # the API strips the blanks around a name
    }
    for name in names:
        await issue(tenant, await new_client(tenant, name), TODAY, line("4000.00"))
    await until_analytics(tenant, len(names), f"{4000 * len(names)}.00")
    answer = await tenant.client.get(
        "/v1/analytics/modelo-347", params={"year": TODAY.year, "format": "csv"}
    )
    assert answer.status_code == 200, answer.text
    header, *rows = list(csv.reader(io.StringIO(answer.text)))
    assert header[:3] == ["tax_id", "name", "total"]
    assert sorted(r[1] for r in rows) == sorted(names.values())
    assert {r[2] for r in rows} == {"4840.00"}
    for text_line in answer.text.splitlines()[1:]:
        # Text quoted, amounts bare numbers; no cash, no cash year, no rent.
        assert re.fullmatch(r'"[^"]+","(?:[^"]|"")+",4840\.00,[-\d.,]+,"","",""', text_line), (
            text_line
        )


def alert_keys(items: list[dict[str, Any]], names: dict[str, str]) -> list[tuple[str, str, str]]:
    return sorted(
        (a["kind"], names.get(a["client_id"], a["client_id"]), a["period"]) for a in items
    )


async def test_alerts_are_raised_once_per_cause_and_period(
    tenant, billing, kafka_bootstrap, owner_url, service_app_url
):
    ids = billing["clients"]
    names = {v: k for k, v in ids.items()}
    expected = sorted(
        [
            ("concentration", "A", f"{M3:%Y-%m}"),  # 1000 of 1400
            ("concentration", "D", f"{M2:%Y-%m}"),  # 3000 of 5700
            ("concentration", "E", f"{M1:%Y-%m}"),  # 4000 of 4200
            ("top_client_drop", "A", f"{M1:%Y-%m}"),  # 2000 to 200
            ("top_client_drop", "B", f"{M1:%Y-%m}"),
            ("top_client_drop", "C", f"{M1:%Y-%m}"),
            ("top_client_drop", "D", f"{M1:%Y-%m}"),
        ]
    )

    def mine(records: list[Any]) -> list[dict[str, Any]]:
        out = []
        for r in records:
            envelope = json.loads(r.value)
            if envelope["tenant_id"] == str(tenant.id):
                out.append(envelope["data"])
        return out

    records = await read_topic(
        kafka_bootstrap,
        topics.ALERT_RAISED,
        until=lambda rs: len([a for a in mine(rs) if a["kind"] != "late_payer"]) >= len(expected),
        timeout=30,
    )
    published = [a for a in mine(records) if a["kind"] != "late_payer"]
    assert alert_keys(published, names) == expected
    listed = (await get(tenant, "alerts"))["items"]
    assert alert_keys([a for a in listed if a["kind"] != "late_payer"], names) == expected
    e_alert = next(a for a in listed if a["kind"] == "concentration" and a["client_id"] == ids["E"])
    # Its value is the share when it was raised: E's invoice was then all of that month.
    assert (e_alert["value"], e_alert["threshold"]) == ("1.0000", "0.4000")
    drop = next(a for a in listed if a["kind"] == "top_client_drop" and a["client_id"] == ids["A"])
    # Raised as soon as M1 was judged against M2, before A's 200.00 of M1 was issued.
    assert (drop["value"], drop["details"]["previous_base"]) == ("1.0000", "2000.00")
    only_drops = (await get(tenant, "alerts", kind="top_client_drop"))["items"]
    assert {a["kind"] for a in only_drops} == {"top_client_drop"}

    # More billing in the same causes and periods raises nothing new.
    await issue(tenant, ids["E"], at(M1, 25), line("10.00", vat_rate="0", exemption_reason="E5"))
    await until_analytics(tenant, 9, "11310.00")
    await asyncio.sleep(1.5)  # time for the outbox relay to publish anything it would
    again = await read_topic(
        kafka_bootstrap, topics.ALERT_RAISED, until=lambda rs: False, timeout=3
    )
    assert alert_keys([a for a in mine(again) if a["kind"] != "late_payer"], names) == expected
    keys = alert_keys(mine(again), names)
    assert len(keys) == len(set(keys))  # late payers too: each cause and period once

    # A lower threshold applies to what comes next: A's 200 of 4211 in M1 is 4.75 %.
    put = await tenant.client.put(
        "/v1/analytics/settings", json={"concentration_threshold": "0.04"}
    )
    assert put.status_code == 200, put.text
    assert (await get(tenant, "settings"))["concentration_threshold_fraction"] == "0.0400"
    await issue(tenant, ids["C"], at(M1, 26), line("1.00"))
    await until_analytics(tenant, 10, "11311.00")

    async def a_flagged() -> bool:
        items = (await get(tenant, "alerts", kind="concentration"))["items"]
        return ("concentration", "A", f"{M1:%Y-%m}") in alert_keys(items, names)

    await eventually(a_flagged, timeout=15)
    concentration = (await get(tenant, "alerts", kind="concentration"))["items"]
    assert alert_keys(concentration, names) == sorted(
        [k for k in expected if k[0] == "concentration"] + [("concentration", "A", f"{M1:%Y-%m}")]
    )


async def judged_months(owner_url: str, tenant_id: uuid.UUID) -> int:
    """The tenant's rows of the alert rules' memory (analytics.month_judgements)."""
    conn = await asyncpg.connect(owner_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        async with conn.transaction():
            await conn.execute("SELECT set_config('app.tenant_id', $1, true)", str(tenant_id))
            found: int = await conn.fetchval(
                "SELECT count(*) FROM analytics.month_judgements WHERE tenant_id = $1", tenant_id
            )
            return found
    finally:
        await conn.close()


async def test_rebuild_gives_exactly_the_incremental_figures(
    tenant, billing, kafka_bootstrap, owner_url, service_app_url
):
    ids = billing["clients"]
    # Some payments and satisfaction too, so the rebuild replays every kind of read model.
    await pay(tenant, billing["invoices"]["a3"], at(M3, 5) + dt.timedelta(days=50))
    await pay(tenant, billing["invoices"]["c2"], at(M2, 10), method="cash")
    await publish_crm(
        kafka_bootstrap,
        tenant.id,
        [
            satisfaction(ids["A"], "csat", 2, TODAY - dt.timedelta(days=3)),
            satisfaction(ids["A"], "nps", 9, TODAY - dt.timedelta(days=2)),
        ],
    )

    async def paid_and_answered() -> bool:
        behaviour = await get(tenant, "payment-behaviour")
        answers = await get(tenant, "satisfaction")
        outstanding = Decimal(behaviour["total"]["outstanding"])
        return (
            outstanding == Decimal("12383.00") - Decimal("1210.00") - Decimal("363.00")
            and answers["total"]["nps"]["responses"] == 1
        )

    await eventually(paid_and_answered, timeout=30)
    snapshot = await figures_of(tenant)

    # Spoil the read models behind the service's back, then rebuild this tenant from Kafka.
    conn = await asyncpg.connect(owner_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        async with conn.transaction():
            await conn.execute("SELECT set_config('app.tenant_id', $1, true)", str(tenant.id))
            await conn.execute("DELETE FROM analytics.client_months")
            await conn.execute("UPDATE analytics.instalments SET paid = 0, settled_on = NULL")
            await conn.execute("DELETE FROM analytics.m347_quarters")
    finally:
        await conn.close()
    assert await figures_of(tenant) != snapshot
    assert await judged_months(owner_url, tenant.id) == 1  # the alert rules judged a month

    started = time.monotonic()
    result = run_rebuild(tenant.id, owner_url, service_app_url("analytics"), kafka_bootstrap)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr + result.stdout
    assert "[rebuild] done:" in result.stdout
    assert "invoice.issued=" in result.stdout  # progress shows the offsets per topic
    print(result.stdout.strip().splitlines()[-1], f"(wall {elapsed:.2f}s)")
    assert await figures_of(tenant) == snapshot
    # Forgotten: the next invoice event judges the rebuilt month whole.
    assert await judged_months(owner_url, tenant.id) == 0

    # The live consumer does not apply twice what the rebuild applied: a redelivered invoice
    # event is skipped, and a new one after it (same key, same partition) still counts.
    issued = await read_topic(
        kafka_bootstrap,
        topics.INVOICE_ISSUED,
        until=lambda rs: any(billing["invoices"]["a1"]["id"].encode() in r.value for r in rs),
    )
    [record] = [r for r in issued if billing["invoices"]["a1"]["id"].encode() in r.value]
    fresh = crafted_invoice(tenant.id, ids["C"], at(M1, 27), "50.00")
    await publish_raw(
        kafka_bootstrap,
        topics.INVOICE_ISSUED,
        [(record.key, record.value), (record.key, fresh.to_bytes())],
        partition=record.partition,
    )
    await until_analytics(tenant, 9, "11350.00")
    after = await portfolio(tenant, M3, M0 - dt.timedelta(days=1))
    by_id = {i["client_id"]: i for i in after["items"]}
    assert by_id[ids["A"]]["taxable_base"] == "3200.00"
    assert by_id[ids["C"]]["taxable_base"] == "350.00"


def run_rebuild(
    tenant_id: uuid.UUID, owner_url: str, app_url: str, kafka: str
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CARTERA_DATABASE_URL": owner_url,
        "CARTERA_DATABASE_APP_URL": app_url,
        "CARTERA_KAFKA_BOOTSTRAP_SERVERS": kafka,
        # Run as the analytics service's process runs, with its settings.
        "CARTERA_INTERNAL_SECRET": secrets.token_hex(32),
    }
    return subprocess.run(
        [sys.executable, "-m", "cartera_analytics.rebuild", "--tenant", str(tenant_id)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


async def figures_of(tenant) -> dict[str, Any]:
    period = {"from": M3.isoformat(), "to": (M0 - dt.timedelta(days=1)).isoformat()}
    return {
        "portfolio": await get(tenant, "portfolio", **period),
        "inner": await get(
            tenant, "portfolio", **{"from": at(M3, 10).isoformat(), "to": at(M1, 5).isoformat()}
        ),
        "evolution": await get(tenant, "evolution", **{"from": f"{M3:%Y-%m}", "to": f"{M1:%Y-%m}"}),
        "bridge": await get(
            tenant,
            "revenue-bridge",
            **{
                "from": M1.isoformat(),
                "to": (M0 - dt.timedelta(days=1)).isoformat(),
                "compare_from": M3.isoformat(),
                "compare_to": (M1 - dt.timedelta(days=1)).isoformat(),
            },
        ),
        "payments": await get(tenant, "payment-behaviour"),
        "m347": await get(tenant, "modelo-347", year=M1.year),
        "satisfaction": await get(tenant, "satisfaction"),
        "risk": await get(tenant, "clients-at-risk"),
        "alerts": sorted(a["id"] for a in (await get(tenant, "alerts"))["items"]),
    }


def crafted_invoice(tenant_id: uuid.UUID, client_id: str, day: dt.date, base: str, **extra: Any):
    """An invoice.issued as invoicing writes it (the fields analytics reads)."""
    invoice_id = extra.pop("invoice_id", uuid.uuid4())
    base_d = Decimal(base)
    vat = (base_d * Decimal("0.21")).quantize(Decimal("0.01"))
    data = {
        "id": str(invoice_id),
        "series": "X",
        "number": f"X-{str(invoice_id)[:8]}",
        "invoice_type": "F1",
        "issue_date": day.isoformat(),
        "client_id": client_id,
        "currency": "EUR",
        "recipient": {"legal_name": "Cliente", "tax_id": "B00000000", "country": "ES"},
        "amounts": {
            "breakdown": [],
            "withholdings": [],
            "totals": {
                "taxable_base": str(base_d),
                "vat": str(vat),
                "surcharge": "0.00",
                "irpf": "0.00",
                "total": str(base_d + vat),
            },
        },
        "due_dates": [],
        **extra,
    }
    kind = topics.INVOICE_RECTIFIED if "rectifies" in data else topics.INVOICE_ISSUED
    return new_envelope(
        type=kind,
        tenant_id=tenant_id,
        producer="invoicing",
        subject=invoice_id,
        sequence=1,
        data=data,
    )


# --- payment behaviour, satisfaction, clients at risk --------------------------------------------


def satisfaction(client_id: str, kind: str, score: int, day: dt.date, request_id=None):
    return (
        topics.SATISFACTION_RECORDED,
        {
            "survey_id": str(uuid.uuid4()),
            "client_id": client_id,
            "kind": kind,
            "score": score,
            "request_id": request_id,
            "answered_at": f"{day.isoformat()}T10:00:00Z",
        },
    )


def request_closed(client_id: str, breached: bool, day: dt.date):
    request_id = str(uuid.uuid4())
    return (
        topics.REQUEST_CLOSED,
        {
            "request_id": request_id,
            "client_id": client_id,
            "priority": "high",
            "opened_at": f"{(day - dt.timedelta(days=3)).isoformat()}T09:00:00Z",
            "closed_at": f"{day.isoformat()}T09:00:00Z",
            "sla_breached": breached,
        },
    )


async def publish_crm(kafka: str, tenant_id: uuid.UUID, events: list[tuple[str, dict[str, Any]]]):
    """The CRM service's events, as it will publish them (its API is not on this branch)."""
    by_topic: dict[str, list[tuple[bytes | None, bytes]]] = {}
    for topic, data in events:
        subject = data.get("survey_id") or data.get("request_id") or data.get("interaction_id")
        envelope = new_envelope(
            type=topic, tenant_id=tenant_id, producer="crm", subject=subject, sequence=1, data=data
        )
        by_topic.setdefault(topic, []).append((str(subject).encode(), envelope.to_bytes()))
    for topic, messages in by_topic.items():
        await publish_raw(kafka, topic, messages)


async def test_payment_behaviour_satisfaction_and_clients_at_risk(tenant, kafka_bootstrap):
    await open_books(tenant)
    p = await new_client(tenant, "Pagos Tardíos S.L.")
    q = await new_client(tenant, "Puntual S.L.")

    def day(days: int) -> dt.date:
        return TODAY - dt.timedelta(days=days)

    p1 = await issue(tenant, p, day(days=100), line("1000.00"))  # 1210.00, due in 30 days
    p2 = await issue(tenant, p, day(days=90), line("500.00"))  # 605.00
    await issue(tenant, p, day(days=80), line("200.00"))  # 242.00, never paid
    await issue(tenant, q, day(days=10), line("100.00"))  # 121.00, due in 20 days
    await pay(tenant, p1, day(days=60))  # 10 days late
    paid_p2 = await pay(tenant, p2, day(days=60))  # on its due date
    await publish_crm(
        kafka_bootstrap,
        tenant.id,
        [
            satisfaction(p, "csat", 2, day(days=20)),
            satisfaction(p, "csat", 3, day(days=5)),
            satisfaction(q, "csat", 5, day(days=5)),
            satisfaction(p, "nps", 3, day(days=4)),
            satisfaction(q, "nps", 10, day(days=4)),
            satisfaction(q, "nps", 8, day(days=3)),
            request_closed(p, True, day(days=15)),
            request_closed(p, True, day(days=12)),
            request_closed(q, False, day(days=12)),
            (
                topics.INTERACTION_LOGGED,
                {
                    "interaction_id": str(uuid.uuid4()),
                    "client_id": p,
                    "channel": "phone",
                    "direction": "outbound",
                    "occurred_at": f"{day(days=7).isoformat()}T11:30:00Z",
                    "outcome": "promised_payment",
                    "summary": "Promete pagar la factura pendiente",
                },
            ),
        ],
    )
    # A reminder collections sent (its dunning job is tested in test_collections.py).
    notice = new_envelope(
        type=topics.DUNNING_SENT,
        tenant_id=tenant.id,
        producer="collections",
        subject=p,
        sequence=1,
        data={
            "notice_id": str(uuid.uuid4()),
            "invoice_id": str(uuid.uuid4()),
            "client_id": p,
            "level": 2,
            "tone": "formal",
            "days_late": 20,
        },
    )
    await publish_raw(kafka_bootstrap, topics.DUNNING_SENT, [(p.encode(), notice.to_bytes())])

    async def ready() -> bool:
        b = await get(tenant, "payment-behaviour")
        s = await get(tenant, "satisfaction")
        r = await get(tenant, "clients-at-risk")
        return (
            b["total"]["outstanding"] == "363.00"
            and s["total"]["nps"]["responses"] == 3
            and bool(r["items"])
            and any(x["rule"] == "sla_breaches" for x in r["items"][0]["reasons"])
        )

    await eventually(ready, timeout=30)
    behaviour = await get(tenant, "payment-behaviour", weeks=8)
    clients = {c["client_id"]: c for c in behaviour["clients"]}
    slow = clients[p]
    assert slow["legal_name"] == "Pagos Tardíos S.L."
    assert (slow["instalments_due"], slow["paid_on_time"], slow["late"]) == (3, 1, 2)
    assert slow["on_time_fraction"] == "0.3333"
    assert slow["avg_days_late"] == "16.7"  # (10 x 1210 + 50 x 242) / 1452
    assert (slow["outstanding"], slow["overdue"]) == ("242.00", "242.00")
    assert slow["aging"] == {"1-30": "0.00", "31-60": "242.00", "61-90": "0.00", "over_90": "0.00"}
    assert slow["billed_last_90_days"] == "242.00"
    assert slow["dso_days"] == "90.0"
    assert clients[q]["on_time_fraction"] is None
    assert clients[q]["outstanding"] == "121.00"
    total = behaviour["total"]
    assert (total["outstanding"], total["overdue"], total["on_time_fraction"]) == (
        "363.00",
        "242.00",
        "0.3333",
    )
    assert total["dso_days"] == "90.0"  # 363 owed of 363 billed in 90 days
    assert len(total["trend"]["months"]) == 6
    weeks = behaviour["expected_cash_in"]["weeks"]
    # P's 242 is overdue: all expected now. Q has no record yet, so the tenant's is used:
    # a third (40.33) on its due date in 20 days (week 3), the rest 17 days later (week 6).
    assert [w["amount"] for w in weeks] == [
        "242.00",
        "0.00",
        "40.33",
        "0.00",
        "0.00",
        "80.67",
        "0.00",
        "0.00",
    ]
    assert behaviour["expected_cash_in"]["later"] == "0.00"
    assert weeks[0]["from"] == TODAY.isoformat()

    answers = await get(tenant, "satisfaction")
    assert answers["total"]["csat"] == {
        "responses": 3,
        "satisfied_share_fraction": "0.3333",
        "average": "3.33",
    }
    assert answers["total"]["nps"] == {
        "responses": 3,
        "promoters": 1,
        "passives": 1,
        "detractors": 1,
        "score": "0.00",
    }
    per_client = {c["client_id"]: c for c in answers["clients"]}
    assert per_client[p]["nps"]["score"] == "-100.00"
    assert per_client[q]["csat"]["satisfied_share_fraction"] == "1.0000"
    assert len(answers["total"]["months"]) >= 12

    async def with_context() -> bool:
        items = (await get(tenant, "clients-at-risk"))["items"]
        return bool(items) and items[0]["dunning_notices_180_days"] == 1

    await eventually(with_context, timeout=20)
    risk = await get(tenant, "clients-at-risk")
    assert [c["client_id"] for c in risk["items"]] == [p]
    assert risk["items"][0]["last_interaction_at"] == f"{day(days=7).isoformat()}T11:30:00.000000Z"

    # Billing "falls" when the 3 calendar months before this one bill at least 30 % less than
    # the 3 before them: P's invoices of 100, 90 and 80 days ago fall on either side of that
    # line depending on today's date, so the rule is expected from the calendar.
    def months_ago(days: int) -> int:
        issued = day(days)
        return (TODAY.year - issued.year) * 12 + TODAY.month - issued.month

    p_bases = {100: Decimal("1000"), 90: Decimal("500"), 80: Decimal("200")}
    recent = sum(base for days, base in p_bases.items() if 1 <= months_ago(days) <= 3)
    previous = sum(base for days, base in p_bases.items() if 4 <= months_ago(days) <= 6)
    falling = previous > 0 and (previous - recent) / previous >= Decimal("0.30")
    assert [r["rule"] for r in risk["items"][0]["reasons"]] == [
        *(["falling_billing"] if falling else []),
        "late_payments",
        "long_overdue",
        "poor_csat",
        "poor_nps",
        "sla_breaches",
        # Its riskiest open invoice, 50 days overdue, scores about 0.9 (late-payment risk).
        "late_payment_risk",
    ]
    assert risk["items"][0]["late_payment_top_reason"]["feature"] == "overdue"

    # P turned into a late payer (2 of its 3 instalments due): raised once, on Kafka and here.
    def late(records: list[Any]) -> list[dict[str, Any]]:
        out = []
        for r in records:
            envelope = json.loads(r.value)
            if envelope["tenant_id"] == str(tenant.id) and envelope["data"]["kind"] == "late_payer":
                out.append(envelope["data"])
        return out

    records = await read_topic(
        kafka_bootstrap, topics.ALERT_RAISED, until=lambda rs: bool(late(rs)), timeout=20
    )
    flagged = late(records)
    assert [(a["client_id"], a["period"]) for a in flagged] == [(p, f"{TODAY:%Y-%m}")]
    listed = (await get(tenant, "alerts", kind="late_payer"))["items"]
    assert [(a["client_id"], a["value"]) for a in listed] == [(p, flagged[0]["value"])]

    one = await get(tenant, "payment-behaviour", client_id=p)
    assert [c["client_id"] for c in one["clients"]] == [p]
    assert one["total"]["outstanding"] == "242.00"

    # A returned payment: P's second invoice is owed again, and now late too.
    returned = await tenant.client.post(
        f"/v1/payments/{paid_p2['id']}/reverse", json={"reason": "Recibo devuelto"}
    )
    assert returned.status_code == 200, returned.text

    async def reopened() -> bool:
        b = await get(tenant, "payment-behaviour", client_id=p)
        return b["clients"][0]["outstanding"] == "847.00"

    await eventually(reopened, timeout=20)
    after = (await get(tenant, "payment-behaviour", client_id=p))["clients"][0]
    assert (after["paid_on_time"], after["late"], after["overdue"]) == (0, 3, "847.00")
    assert after["aging"]["31-60"] == "847.00"  # due 60 and 50 days ago


async def test_an_event_analytics_cannot_read_goes_to_the_dead_letter_topic(
    tenant, kafka_bootstrap
):
    bad = new_envelope(
        type=topics.SATISFACTION_RECORDED,
        tenant_id=tenant.id,
        producer="crm",
        subject="s-1",
        sequence=1,
        data={
            "survey_id": str(uuid.uuid4()),
            "client_id": str(uuid.uuid4()),
            "kind": "csat",
            "score": 11,
            "request_id": None,
            "answered_at": f"{TODAY.isoformat()}T10:00:00Z",
        },
    )
    await publish_raw(kafka_bootstrap, topics.SATISFACTION_RECORDED, [(b"s-1", bad.to_bytes())])
    records = await read_topic(
        kafka_bootstrap,
        f"{topics.SATISFACTION_RECORDED}.dlq",
        until=lambda rs: any(str(bad.id).encode() in r.value for r in rs),
        timeout=20,
    )
    [dead] = [r for r in records if str(bad.id).encode() in r.value]
    assert header(dead, "x-consumer") == "analytics.read-models"
    assert "between 1 and 5" in (header(dead, "x-error") or "")
    answers = await get(tenant, "satisfaction")
    assert answers["total"]["csat"]["responses"] == 0


# --- events out of order, isolation, validation ------------------------------------------------


async def test_a_rectification_before_its_original_ends_right(
    tenant, other_tenant, kafka_bootstrap, owner_url, service_app_url
):
    client_id = str(uuid.uuid4())
    original_id = uuid.uuid4()
    original = crafted_invoice(tenant.id, client_id, at(M2, 3), "1000.00", invoice_id=original_id)
    substitution = crafted_invoice(
        tenant.id,
        client_id,
        at(M2, 20),
        "700.00",
        rectifies={"id": str(original_id), "number": "X-1"},
        rectification_kind="S",
    )
    difference = crafted_invoice(
        tenant.id,
        client_id,
        at(M1, 2),
        "-100.00",
        rectifies={"id": str(original_id), "number": "X-1"},
        rectification_kind="I",
    )
    # The rectifications first, the original last, and a duplicate of the substitution.
    await publish_raw(
        kafka_bootstrap,
        topics.INVOICE_RECTIFIED,
        [
            (b"r", substitution.to_bytes()),
            (b"r", difference.to_bytes()),
            (b"r", substitution.to_bytes()),
        ],
    )
    await asyncio.sleep(1)
    await publish_raw(kafka_bootstrap, topics.INVOICE_ISSUED, [(b"o", original.to_bytes())])
    await until_analytics(tenant, 1, "600.00")
    months = (await get(tenant, "evolution", **{"from": f"{M2:%Y-%m}", "to": f"{M1:%Y-%m}"}))[
        "total"
    ]["months"]
    # 1000 issued, replaced by 700 (-300) in the same month; -100 the month after.
    assert [m["taxable_base"] for m in months] == ["700.00", "-100.00"]
    assert [m["total"] for m in months] == ["847.00", "-121.00"]

    # A rebuild from the topics ends at the same figures.
    before = await figures_of(tenant)
    rebuilt = run_rebuild(tenant.id, owner_url, service_app_url("analytics"), kafka_bootstrap)
    assert rebuilt.returncode == 0, rebuilt.stderr + rebuilt.stdout
    assert await figures_of(tenant) == before

    # Another tenant sees none of it.
    theirs = await portfolio(other_tenant, *WIDE)
    assert theirs["totals"] == {
        "taxable_base": "0.00",
        "total": "0.00",
        "invoices": 0,
        "clients": 0,
    }
    assert theirs["items"] == []
    assert (await get(other_tenant, "alerts"))["items"] == []
    assert (await get(other_tenant, "modelo-347", year=M2.year))["items"] == []
    assert (await get(other_tenant, "payment-behaviour"))["clients"] == []


async def test_settings_are_validated_and_need_the_write_scope(tenant, stack):
    for body in (
        {"concentration_threshold": "0"},
        {"concentration_threshold": "1.5"},
        {"drop_threshold": "abc"},
        {"unknown": 1},
    ):
        answer = await tenant.client.put("/v1/analytics/settings", json=body)
        assert answer.status_code == 422, (body, answer.text)
    assert (await get(tenant, "settings"))["concentration_threshold_fraction"] == "0.4000"

    import httpx

    async with httpx.AsyncClient(base_url=stack.urls["analytics"], timeout=10) as direct:
        headers = stack.internal_headers(
            "analytics", tenant.id, scopes=("analytics:read",), subject="key"
        )
        assert (await direct.get("/v1/analytics/settings", headers=headers)).status_code == 200
        refused = await direct.put(
            "/v1/analytics/settings", json={"drop_threshold": "0.3"}, headers=headers
        )
        assert refused.status_code == 403
        assert (await direct.get("/v1/analytics/alerts")).status_code == 401
