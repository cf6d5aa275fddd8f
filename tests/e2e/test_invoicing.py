"""Spanish-law invoices through the gateway, on the real services, database and broker."""

import asyncio
import datetime as dt
import hashlib
import io
import json
import os
import signal
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from pypdf import PdfReader
from sqlalchemy import text

from cartera_gateway.scopes import ROLES
from cartera_invoicing.xml_schemas import FACTURAE_XSD
from cartera_shared import business_day
from cartera_shared.db import create_engine, set_tenant
from cartera_shared.events import topics
from cartera_shared.testing import random_cif, read_topic

from .helpers import assert_problem, client_payload, eventually, replica_versions, walk_pages

ROOT = Path(__file__).resolve().parents[2]
TODAY = business_day.today()
ISSUER_ADDRESS = {
    "street": "Calle Colón 1",
    "postal_code": "46004",
    "city": "Valencia",
    "country": "ES",
}


@pytest.fixture
async def books(tenant):
    """A tenant ready to invoice: issuer profile, an ordinary series, one client."""
    issuer = await tenant.client.put(
        "/v1/issuer",
        json={
            "legal_name": "Instalaciones Levante S.L.",
            "tax_id": random_cif(),
            "fiscal_address": ISSUER_ADDRESS,
        },
    )
    assert issuer.status_code == 200, issuer.text
    assert (
        await tenant.client.post("/v1/series", json={"code": "F", "prefix": "F"})
    ).status_code == 201
    client = await tenant.client.post(
        "/v1/clients",
        json=client_payload(
            payment_terms={"days": 30, "instalments": 2, "interval_days": 30},
            valid_from=(TODAY - dt.timedelta(days=365)).isoformat(),
        ),
    )
    assert client.status_code == 201
    return {"issuer": issuer.json(), "client": client.json()}


def lines(*specs):
    return [
        {"description": f"Línea {n}", "quantity": str(q), "unit_price": str(p), **extra}
        for n, (q, p, extra) in enumerate(specs, start=1)
    ]


async def draft(tenant, client_id, *, series="F", body_lines=None, **extra):
    answer = await tenant.client.post(
        "/v1/invoices",
        json={
            "client_id": client_id,
            "series": series,
            "lines": body_lines if body_lines is not None else lines((2, "150.00", {})),
            **extra,
        },
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


async def issue(tenant, invoice_id, **kwargs):
    return await tenant.client.post(f"/v1/invoices/{invoice_id}/issue", **kwargs)


async def test_issuing_freezes_number_parties_totals_due_dates_and_publishes_the_invoice(
    tenant, books, kafka_bootstrap
):
    client = books["client"]
    invoice = await draft(
        tenant,
        client["id"],
        body_lines=lines(
            (2, "150.00", {}),
            (1, "40", {"vat_rate": "10", "surcharge_rate": "1.4"}),
            (1, "100", {"vat_rate": "0", "exemption_reason": "E1 Art. 20.Uno.9º LIVA"}),
        ),
    )
    assert invoice["status"] == "draft"
    assert invoice["number"] is None
    assert invoice["totals"]["total"] == "507.56"

    issued = await issue(tenant, invoice["id"])
    assert issued.status_code == 200, issued.text
    body = issued.json()
    assert body["status"] == "issued"
    assert body["number"] == f"F{TODAY.year}-00001"
    assert body["issue_date"] == TODAY.isoformat()
    assert body["totals"] == {
        "taxable_base": "440.00",
        "vat": "67.00",
        "surcharge": "0.56",
        "irpf": "0.00",
        "total": "507.56",
    }
    assert body["recipient"]["tax_id"] == client["tax_id"]
    assert body["recipient"]["address"]["postal_code"] == client["fiscal_address"]["postal_code"]
    assert body["issuer"]["tax_id"] == books["issuer"]["tax_id"]
    assert [d["amount"] for d in body["due_dates"]] == ["253.78", "253.78"]
    assert body["due_dates"][0]["due_on"] == (TODAY + dt.timedelta(days=30)).isoformat()

    record = (await tenant.client.get(f"/v1/invoices/{invoice['id']}/verifactu")).json()
    assert record["fields"]["NumSerieFactura"] == body["number"]
    assert record["fields"]["ImporteTotal"] == "507.56"
    assert record["fields"]["CuotaTotal"] == "67.56"
    assert record["xml"].startswith("<?xml")
    assert f"numserie={body['number']}" in record["qr_url"]

    published = await read_topic(
        kafka_bootstrap,
        topics.INVOICE_ISSUED,
        until=lambda rs: any(invoice["id"].encode() in r.value for r in rs),
    )
    event = next(json.loads(r.value) for r in published if invoice["id"].encode() in r.value)
    assert event["data"]["number"] == body["number"]
    assert event["data"]["amounts"]["totals"]["total"] == "507.56"
    assert len(event["data"]["lines"]) == 3
    assert event["data"]["client_id"] == client["id"]
    assert event["data"]["verifactu_huella"] == record["fields"]["Huella"]


async def test_a_hundred_concurrent_issues_give_a_hundred_consecutive_numbers(tenant, books):
    drafts = await asyncio.gather(*(draft(tenant, books["client"]["id"]) for _ in range(100)))
    answers = await asyncio.gather(*(issue(tenant, d["id"]) for d in drafts))
    assert [a.status_code for a in answers] == [200] * 100
    numbers = sorted(int(a.json()["number"].rsplit("-", 1)[1]) for a in answers)
    assert numbers == list(range(1, 101))
    verified = (await tenant.client.get("/v1/verifactu/chain/verify")).json()
    assert verified["ok"] is True
    assert verified["chains"][0]["records"] == 100


async def test_fifty_concurrent_one_call_issues_give_fifty_consecutive_numbers(tenant, books):
    """Each call inserts its draft (a key-share lock on the series) and then locks the series:
    with FOR UPDATE these deadlocked one another; every call must succeed, first time."""
    body = {"client_id": books["client"]["id"], "series": "F", "lines": lines((1, "10", {}))}
    answers = await asyncio.gather(
        *(
            tenant.client.post("/v1/invoices", params={"issue": "true"}, json=body)
            for _ in range(50)
        )
    )
    # The refused ones with their problem (its `code` says which refusal) and headers.
    refused = [
        (a.status_code, a.text[:500], dict(a.headers)) for a in answers if a.status_code != 201
    ]
    assert refused == [], refused
    numbers = sorted(int(a.json()["number"].rsplit("-", 1)[1]) for a in answers)
    assert numbers == list(range(1, 51))
    assert (await tenant.client.get("/v1/verifactu/chain/verify")).json()["ok"] is True


def recompute_alta_huella(fields):
    """AEAT's fingerprint, written again here from DOMAIN.md, independently of the service."""
    text = (
        f"IDEmisorFactura={fields['IDEmisorFactura'].strip()}"
        f"&NumSerieFactura={fields['NumSerieFactura'].strip()}"
        f"&FechaExpedicionFactura={fields['FechaExpedicionFactura'].strip()}"
        f"&TipoFactura={fields['TipoFactura'].strip()}"
        f"&CuotaTotal={fields['CuotaTotal'].strip()}"
        f"&ImporteTotal={fields['ImporteTotal'].strip()}"
        f"&Huella={fields['HuellaAnterior'].strip()}"
        f"&FechaHoraHusoGenRegistro={fields['FechaHoraHusoGenRegistro'].strip()}"
    )
    return hashlib.sha256(text.encode()).hexdigest().upper()


async def test_the_chain_recomputed_independently_and_a_client_change_between_two_invoices(
    tenant, books
):
    client = books["client"]
    first = await draft(tenant, client["id"])
    assert (await issue(tenant, first["id"])).status_code == 200
    moved = await tenant.client.patch(
        f"/v1/clients/{client['id']}",
        json={
            "fiscal_address": {
                "street": "Avenida del Puerto 300",
                "postal_code": "46024",
                "city": "Valencia",
            }
        },
    )
    assert moved.status_code == 200
    second = await draft(tenant, client["id"])
    assert (await issue(tenant, second["id"])).status_code == 200

    first_now = (await tenant.client.get(f"/v1/invoices/{first['id']}")).json()
    second_now = (await tenant.client.get(f"/v1/invoices/{second['id']}")).json()
    assert first_now["recipient"]["address"]["street"] == client["fiscal_address"]["street"]
    assert second_now["recipient"]["address"]["street"] == "Avenida del Puerto 300"
    assert second_now["recipient"]["version"] == first_now["recipient"]["version"] + 1

    records = [
        (await tenant.client.get(f"/v1/invoices/{i}/verifactu")).json()["fields"]
        for i in (first["id"], second["id"])
    ]
    assert records[0]["HuellaAnterior"] == ""
    assert records[1]["HuellaAnterior"] == records[0]["Huella"]
    assert records[1]["NumSerieFacturaAnterior"] == records[0]["NumSerieFactura"]
    for fields in records:
        assert recompute_alta_huella(fields) == fields["Huella"]


async def test_drafts_change_and_go_but_issued_invoices_never_do(tenant, books):
    invoice = await draft(tenant, books["client"]["id"])
    changed = await tenant.client.patch(
        f"/v1/invoices/{invoice['id']}", json={"lines": lines((1, "99.99", {}))}
    )
    assert changed.status_code == 200
    assert changed.json()["totals"]["taxable_base"] == "99.99"
    doomed = await draft(tenant, books["client"]["id"])
    assert (await tenant.client.delete(f"/v1/invoices/{doomed['id']}")).status_code == 204
    assert (await tenant.client.get(f"/v1/invoices/{doomed['id']}")).status_code == 404

    assert (await issue(tenant, invoice["id"])).status_code == 200
    for method, body in (("PATCH", {"notes": "x"}), ("DELETE", None)):
        answer = await tenant.client.request(method, f"/v1/invoices/{invoice['id']}", json=body)
        assert answer.status_code == 409, method
    again = await issue(tenant, invoice["id"])
    assert again.status_code == 409
    still = (await tenant.client.get(f"/v1/invoices/{invoice['id']}")).json()
    assert still["notes"] is None
    assert still["number"] == f"F{TODAY.year}-00001"


async def test_refused_issues_consume_no_number(tenant, books):
    client_id = books["client"]["id"]
    empty = await draft(tenant, client_id, body_lines=[])
    negative = await draft(tenant, client_id, body_lines=lines((-1, "50", {})))
    for doomed in (empty, negative):
        answer = await issue(tenant, doomed["id"])
        assert answer.status_code == 422, answer.text
    good = await draft(tenant, client_id)
    assert (await issue(tenant, good["id"])).json()["number"] == f"F{TODAY.year}-00001"
    backdated = await draft(
        tenant, client_id, issue_date=(TODAY - dt.timedelta(days=1)).isoformat()
    )
    answer = await issue(tenant, backdated["id"])
    assert answer.status_code == 422
    assert "never go backwards" in answer.json()["detail"]
    next_one = await draft(tenant, client_id)
    assert (await issue(tenant, next_one["id"])).json()["number"] == f"F{TODAY.year}-00002"


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"lines": lines((1, "10", {"vat_rate": "7"}))}, "no 7 % VAT"),
        ({"lines": lines((1, "10", {"vat_rate": "0"}))}, "must say why"),
        ({"lines": lines((1, "10", {"surcharge_rate": "1.4"}))}, "does not go with"),
        ({"series": "NOPE"}, "no series"),
        ({"client_id": str(uuid.uuid4())}, "no client"),
        ({"client_id": None}, "needs its client"),
        ({"currency": "USD"}, "exchange_rate"),
        ({"lines": [{"description": "x", "quantity": "1", "unit_price": "abc"}]}, "unit_price"),
        ({"lines": [{"description": "", "quantity": "1", "unit_price": "1"}]}, "description"),
        ({"unknown": 1}, "unknown"),
        ({"lines": [{"description": "Ring\x07", "quantity": "1", "unit_price": "1"}]}, "U+0007"),
        ({"notes": "\x1b[31mPagar ya"}, "U+001B"),
    ],
)
async def test_bad_drafts_are_refused_and_nothing_is_written(tenant, books, change, fragment):
    body = {
        "client_id": books["client"]["id"],
        "series": "F",
        "lines": lines((1, "10", {})),
        **change,
    }
    answer = await tenant.client.post("/v1/invoices", json=body)
    assert answer.status_code == 422, answer.text
    assert fragment in answer.text
    assert (await tenant.client.get("/v1/invoices")).json()["items"] == []


async def test_a_client_saved_with_a_control_character_is_refused_until_corrected(
    tenant, books, owner_url
):
    """Data saved before control characters were refused (or written behind the API's back)
    must not fail every issue with a 500: a 422 names the field, and no number is used."""
    client_id = books["client"]["id"]
    pending = await draft(tenant, client_id)
    engine = create_engine(owner_url, pool_size=1)
    try:
        async with engine.begin() as conn:
            await set_tenant(conn, tenant.id)
            await conn.execute(
                text("UPDATE clients.clients SET legal_name = 'Timbre\x07 S.L.' WHERE id = :c"),
                {"c": client_id},
            )
            await conn.execute(
                text(
                    "UPDATE clients.client_versions SET state = jsonb_set(state, "
                    "'{legal_name}', to_jsonb('Timbre\x07 S.L.'::text)) WHERE client_id = :c"
                ),
                {"c": client_id},
            )
    finally:
        await engine.dispose()
    for answer in (
        await issue(tenant, pending["id"]),
        await tenant.client.post(
            "/v1/invoices?issue=true",
            json={"client_id": client_id, "series": "F", "lines": lines((1, "1", {}))},
        ),
    ):
        assert answer.status_code == 422, answer.text
        assert answer.json()["field"] == "client.legal_name"
        assert "U+0007" in answer.json()["detail"]
        assert "PATCH /v1/clients/" in answer.json()["detail"]  # what to do about it
    corrected = await tenant.client.patch(
        f"/v1/clients/{client_id}", json={"legal_name": "Timbre S.L."}
    )
    assert corrected.status_code == 200, corrected.text
    issued = await issue(tenant, pending["id"])
    assert issued.status_code == 200, issued.text
    assert issued.json()["number"] == f"F{TODAY.year}-00001"
    assert issued.json()["recipient"]["legal_name"] == "Timbre S.L."


async def test_an_archived_client_cannot_be_invoiced(stack, tenant, books):
    client_id = books["client"]["id"]
    pending = await draft(tenant, client_id)
    archived = await tenant.client.post(f"/v1/clients/{client_id}/archive")
    assert archived.status_code == 200, archived.text
    # Issuing asks the clients service itself: refused at once, in both forms.
    assert (await issue(tenant, pending["id"])).status_code == 422
    body = {"client_id": client_id, "series": "F", "lines": lines((1, "1", {}))}
    assert (await tenant.client.post("/v1/invoices?issue=true", json=body)).status_code == 422

    # A draft is checked against invoicing's replica of the client, which learns of the archive
    # a moment later (a draft made in that moment could never be issued).
    async def replica_knows() -> bool:
        versions = await replica_versions(stack, tenant.id, client_id)
        return versions["invoicing"] == archived.json()["version"]

    await eventually(replica_knows, timeout=30)
    assert (await tenant.client.post("/v1/invoices", json=body)).status_code == 422
    assert [i["status"] for i in (await tenant.client.get("/v1/invoices")).json()["items"]] == [
        "draft"
    ]


async def test_without_an_issuer_profile_nothing_is_issued(tenant):
    assert (await tenant.client.post("/v1/series", json={"code": "F"})).status_code == 201
    client = (await tenant.client.post("/v1/clients", json=client_payload())).json()
    invoice = await draft(tenant, client["id"])
    answer = await issue(tenant, invoice["id"])
    assert answer.status_code == 422
    assert "PUT /v1/issuer" in answer.json()["detail"]


async def test_idempotency_keys_on_create_and_issue(tenant, books):
    body = {"client_id": books["client"]["id"], "series": "F", "lines": lines((1, "10", {}))}
    key = {"Idempotency-Key": f"create-{uuid.uuid4()}"}
    first = await tenant.client.post("/v1/invoices", json=body, headers=key)
    second = await tenant.client.post("/v1/invoices", json=body, headers=key)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert len((await tenant.client.get("/v1/invoices")).json()["items"]) == 1
    other_body = await tenant.client.post(
        "/v1/invoices", json={**body, "notes": "otra"}, headers=key
    )
    assert other_body.status_code == 409

    issue_key = {"Idempotency-Key": f"issue-{uuid.uuid4()}"}
    issued = await issue(tenant, first.json()["id"], headers=issue_key)
    replayed = await issue(tenant, first.json()["id"], headers=issue_key)
    assert issued.status_code == replayed.status_code == 200
    assert issued.json()["number"] == replayed.json()["number"]
    bad_key = await issue(tenant, first.json()["id"], headers={"Idempotency-Key": "x" * 300})
    assert bad_key.status_code == 422


async def test_another_tenants_invoices_are_not_found(tenant, other_tenant, books):
    invoice = await draft(tenant, books["client"]["id"])
    for method, path in (
        ("GET", f"/v1/invoices/{invoice['id']}"),
        ("PATCH", f"/v1/invoices/{invoice['id']}"),
        ("DELETE", f"/v1/invoices/{invoice['id']}"),
        ("POST", f"/v1/invoices/{invoice['id']}/issue"),
        ("GET", f"/v1/invoices/{invoice['id']}/verifactu"),
    ):
        answer = await other_tenant.client.request(
            method, path, json={} if method == "PATCH" else None
        )
        assert answer.status_code == 404, (method, path, answer.text)


async def test_a_bad_issuer_profile_is_refused(tenant):
    for body in (
        {"legal_name": "X", "tax_id": "B12345675", "fiscal_address": ISSUER_ADDRESS},
        {"legal_name": "X", "tax_id": random_cif(), "fiscal_address": {"street": "x"}},
        {
            "legal_name": "X",
            "tax_id": random_cif(),
            "fiscal_address": ISSUER_ADDRESS,
            "valid_from": (TODAY + dt.timedelta(days=2)).isoformat(),
        },
    ):
        assert (await tenant.client.put("/v1/issuer", json=body)).status_code == 422
    assert (await tenant.client.get("/v1/issuer")).status_code == 404


async def test_when_the_clients_service_is_down_issuing_stops_with_a_retryable_error(
    stack, stack_script, tenant, books
):
    invoice = await draft(tenant, books["client"]["id"])
    base = os.environ.get("CARTERA_TEST_PORT_BASE", "18000")
    state = ROOT / ".local" / ("test" if base == "18000" else f"test-{base}")
    pid = int((state / "pids" / "clients.pid").read_text())
    os.kill(pid, signal.SIGTERM)
    try:
        for _ in range(100):
            if not Path(f"/proc/{pid}").exists():
                break
            await asyncio.sleep(0.1)
        answer = await issue(tenant, invoice["id"])
        assert answer.status_code == 503
        assert answer.headers.get("retry-after")
    finally:  # started again as `stack.py up` starts it, without the migrations first
        await asyncio.to_thread(stack_script.start, "test", 120.0)
    retried = await issue(tenant, invoice["id"])
    assert retried.status_code == 200
    assert retried.json()["number"] == f"F{TODAY.year}-00001"  # the failed try consumed none
    assert Decimal(retried.json()["totals"]["total"]) == Decimal("363.00")


async def test_rectifying_by_differences_and_by_substitution_reconciles_with_the_original(
    tenant, books, kafka_bootstrap
):
    assert (
        await tenant.client.post(
            "/v1/series", json={"code": "R", "prefix": "R", "kind": "rectifying"}
        )
    ).status_code == 201
    original = await draft(tenant, books["client"]["id"])  # 2 x 150 + 21 % = 363.00
    assert (await issue(tenant, original["id"])).status_code == 200

    key = {"Idempotency-Key": f"rectify-{uuid.uuid4()}"}
    body = {
        "series": "R",
        "type": "R4",
        "kind": "I",
        "reason": "Devolución de una unidad",
        "lines": lines((-1, "150.00", {})),
    }
    credit = await tenant.client.post(
        f"/v1/invoices/{original['id']}/rectify", json=body, headers=key
    )
    assert credit.status_code == 201, credit.text
    again = await tenant.client.post(
        f"/v1/invoices/{original['id']}/rectify", json=body, headers=key
    )
    assert again.json()["number"] == credit.json()["number"] == f"R{TODAY.year}-00001"
    assert credit.json()["totals"]["total"] == "-181.50"
    assert credit.json()["invoice_type"] == "R4"

    after_credit = (await tenant.client.get(f"/v1/invoices/{original['id']}")).json()
    assert after_credit["net_total"] == "181.50"
    assert [r["number"] for r in after_credit["rectifications"]] == [f"R{TODAY.year}-00001"]
    assert after_credit["totals"]["total"] == "363.00"  # the original itself never changes

    too_much = await tenant.client.post(
        f"/v1/invoices/{original['id']}/rectify",
        json={**body, "lines": lines((-2, "150.00", {}))},
    )
    assert too_much.status_code == 422

    substitute = await tenant.client.post(
        f"/v1/invoices/{original['id']}/rectify",
        json={
            "series": "R",
            "type": "R1",
            "kind": "S",
            "reason": "Precio pactado erróneo",
            "lines": lines((2, "140.00", {})),
        },
    )
    assert substitute.status_code == 201, substitute.text
    final = (await tenant.client.get(f"/v1/invoices/{original['id']}")).json()
    assert final["net_total"] == "338.80"

    record = (await tenant.client.get(f"/v1/invoices/{substitute.json()['id']}/verifactu")).json()
    assert record["fields"]["TipoFactura"] == "R1"
    assert "TipoRectificativa>S<" in record["xml"]
    assert (await tenant.client.get("/v1/verifactu/chain/verify")).json()["ok"] is True

    published = await read_topic(
        kafka_bootstrap,
        topics.INVOICE_RECTIFIED,
        until=lambda rs: any(substitute.json()["id"].encode() in r.value for r in rs),
    )
    event = next(
        json.loads(r.value) for r in published if substitute.json()["id"].encode() in r.value
    )
    assert event["data"]["rectifies"]["number"] == final["number"]
    assert event["data"]["rectification_kind"] == "S"


async def test_bad_rectifications_are_refused_and_consume_no_number(tenant, books):
    assert (
        await tenant.client.post(
            "/v1/series", json={"code": "R", "prefix": "R", "kind": "rectifying"}
        )
    ).status_code == 201
    pending = await draft(tenant, books["client"]["id"])
    body = {"series": "R", "reason": "x", "lines": lines((-1, "10", {}))}
    assert (
        await tenant.client.post(f"/v1/invoices/{pending['id']}/rectify", json=body)
    ).status_code == 409
    assert (await issue(tenant, pending["id"])).status_code == 200
    for bad in (
        {**body, "series": "F"},
        {**body, "type": "R5"},
        {**body, "kind": "X"},
        {**body, "lines": []},
        {**body, "reason": ""},
    ):
        answer = await tenant.client.post(f"/v1/invoices/{pending['id']}/rectify", json=bad)
        assert answer.status_code == 422, (bad, answer.text)
    ok = await tenant.client.post(f"/v1/invoices/{pending['id']}/rectify", json=body)
    assert ok.json()["number"] == f"R{TODAY.year}-00001"
    assert (await tenant.client.get("/v1/invoices", params={"status": "draft"})).json()[
        "items"
    ] == []


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


async def test_each_invoice_prints_the_client_data_it_was_issued_with(tenant, books):
    client = books["client"]
    first = await draft(tenant, client["id"])
    assert (await issue(tenant, first["id"])).status_code == 200
    await tenant.client.patch(
        f"/v1/clients/{client['id']}",
        json={
            "legal_name": "Talleres Aranda Hermanos S.L.",
            "fiscal_address": {
                "street": "Calle de Burgos 77",
                "postal_code": "09400",
                "city": "Aranda de Duero",
            },
        },
    )
    second = await draft(tenant, client["id"])
    assert (await issue(tenant, second["id"])).status_code == 200

    first_pdf = await tenant.client.get(f"/v1/invoices/{first['id']}/pdf")
    second_pdf = await tenant.client.get(f"/v1/invoices/{second['id']}/pdf")
    assert first_pdf.headers["content-type"] == "application/pdf"
    first_text, second_text = pdf_text(first_pdf.content), pdf_text(second_pdf.content)
    assert client["fiscal_address"]["street"] in first_text
    assert client["legal_name"] in first_text
    assert "Calle de Burgos 77" not in first_text
    assert "Calle de Burgos 77" in second_text
    assert "Talleres Aranda Hermanos S.L." in second_text
    # This tenant sends no records (no certificate): the printout promises no AEAT check.
    assert "VERI*FACTU" not in first_text
    assert "QR tributario" not in first_text
    assert f"F{TODAY.year}-00001" in first_text
    assert f"F{TODAY.year}-00002" in second_text
    assert "363,00" in first_text  # amounts printed the Spanish way


async def test_facturae_for_a_public_body_validates_against_the_official_schema(tenant, books):
    """Through the gateway: a public body is invoiced only with its DIR3 codes, which its
    FacturaE then carries; the file is signed by default, so a tenant without a certificate gets
    a 409 that says what to do, and the unsigned file only when it asks for it."""
    from lxml import etree

    council = await tenant.client.post(
        "/v1/clients",
        json=client_payload(
            legal_name="Ayuntamiento de Burjassot",
            kind="public_administration",
            tax_id=random_cif("P"),
            valid_from=(TODAY - dt.timedelta(days=30)).isoformat(),
        ),
    )
    assert council.status_code == 201, council.text
    invoice = await draft(tenant, council.json()["id"])
    missing_codes = await issue(tenant, invoice["id"])
    assert missing_codes.status_code == 422, missing_codes.text  # FACe routes by DIR3 codes
    assert "unidad_tramitadora" in missing_codes.json()["detail"]
    codes = {
        "oficina_contable": "L01462444",
        "organo_gestor": "L01462444",
        "unidad_tramitadora": "LA0003456",
    }
    added = await tenant.client.patch(f"/v1/clients/{council.json()['id']}", json={"dir3": codes})
    assert added.status_code == 200, added.text
    assert (await issue(tenant, invoice["id"])).status_code == 200
    unsignable = await tenant.client.get(f"/v1/invoices/{invoice['id']}/facturae")
    assert unsignable.status_code == 409, unsignable.text
    assert "PUT /v1/issuer/certificate" in unsignable.json()["detail"]
    answer = await tenant.client.get(
        f"/v1/invoices/{invoice['id']}/facturae", params={"signed": "false"}
    )
    assert answer.status_code == 200, answer.text
    schema_path = FACTURAE_XSD
    parser = etree.XMLParser(no_network=True)
    schema = etree.XMLSchema(etree.parse(str(schema_path), parser))
    document = etree.fromstring(answer.content, parser)
    assert schema.validate(document), schema.error_log
    assert b"Ayuntamiento de Burjassot" in answer.content
    assert b"<CentreCode>LA0003456</CentreCode>" in answer.content
    draft_only = await draft(tenant, books["client"]["id"])
    assert (await tenant.client.get(f"/v1/invoices/{draft_only['id']}/pdf")).status_code == 409


async def test_a_quote_is_sent_accepted_and_turned_into_a_draft_invoice(
    tenant, books, kafka_bootstrap
):
    client_id = books["client"]["id"]
    created = await tenant.client.post(
        "/v1/quotes", json={"client_id": client_id, "lines": lines((10, "35.00", {}))}
    )
    assert created.status_code == 201, created.text
    quote = created.json()
    assert quote["number"] == f"P{TODAY.year}-00001"
    assert quote["status"] == "draft"
    assert quote["totals"]["total"] == "423.50"
    assert (await tenant.client.post(f"/v1/quotes/{quote['id']}/accept")).status_code == 409
    assert (await tenant.client.post(f"/v1/quotes/{quote['id']}/send")).json()["status"] == "sent"
    accepted = await tenant.client.post(f"/v1/quotes/{quote['id']}/accept")
    assert accepted.json()["status"] == "accepted"
    assert (await tenant.client.post(f"/v1/quotes/{quote['id']}/reject")).status_code == 409

    converted = await tenant.client.post(f"/v1/quotes/{quote['id']}/convert", json={"series": "F"})
    assert converted.status_code == 201, converted.text
    invoice = converted.json()
    assert invoice["status"] == "draft"
    assert invoice["totals"]["total"] == "423.50"
    assert quote["number"] in invoice["notes"]
    again = await tenant.client.post(f"/v1/quotes/{quote['id']}/convert", json={"series": "F"})
    assert again.status_code == 409
    published = await read_topic(
        kafka_bootstrap,
        topics.QUOTE_ACCEPTED,
        until=lambda rs: any(quote["id"].encode() in r.value for r in rs),
    )
    assert any(quote["id"].encode() in r.value for r in published)


async def test_turning_a_quote_into_an_invoice_needs_the_invoices_write_scope(tenant, books, stack):
    """Sales people write quotes but not invoices: converting a quote creates an invoice draft,
    so it needs `invoices:write` as well as `quotes:write`."""
    sales = tuple(sorted(ROLES["sales"]))
    assert "quotes:write" in sales
    assert "invoices:write" not in sales
    async with httpx.AsyncClient(base_url=stack.urls["invoicing"], timeout=10) as invoicing:

        async def as_sales(path: str, json: Any = None, *extra: str) -> httpx.Response:
            headers = stack.internal_headers(
                "invoicing", tenant.id, scopes=(*sales, *extra), subject="user:sara"
            )
            return await invoicing.post(path, json=json, headers=headers)

        created = await as_sales(
            "/v1/quotes", {"client_id": books["client"]["id"], "lines": lines((2, "80.00", {}))}
        )
        assert created.status_code == 201, created.text
        quote = created.json()
        for step in ("send", "accept"):
            assert (await as_sales(f"/v1/quotes/{quote['id']}/{step}")).status_code == 200
        before = (await tenant.client.get("/v1/invoices")).json()["items"]

        refused = await as_sales(f"/v1/quotes/{quote['id']}/convert", {"series": "F"})
        assert_problem(refused, 403)
        assert "invoices:write" in refused.json()["detail"]
        assert (await tenant.client.get("/v1/invoices")).json()["items"] == before
        unconverted = (await tenant.client.get(f"/v1/quotes/{quote['id']}")).json()
        assert unconverted["invoice_id"] is None

        converted = await as_sales(
            f"/v1/quotes/{quote['id']}/convert", {"series": "F"}, "invoices:write"
        )
        assert converted.status_code == 201, converted.text
        assert converted.json()["status"] == "draft"


async def test_an_expired_quote_cannot_be_accepted_and_bad_quotes_are_refused(tenant, books):
    client_id = books["client"]["id"]
    old = await tenant.client.post(
        "/v1/quotes",
        json={
            "client_id": client_id,
            "lines": lines((1, "10", {})),
            "quote_date": (TODAY - dt.timedelta(days=40)).isoformat(),
            "valid_until": (TODAY - dt.timedelta(days=10)).isoformat(),
        },
    )
    quote = old.json()
    await tenant.client.post(f"/v1/quotes/{quote['id']}/send")
    assert (await tenant.client.get(f"/v1/quotes/{quote['id']}")).json()["status"] == "expired"
    assert (await tenant.client.post(f"/v1/quotes/{quote['id']}/accept")).status_code == 409
    for bad in (
        {"client_id": client_id, "lines": []},
        {"client_id": str(uuid.uuid4()), "lines": lines((1, "10", {}))},
        {"client_id": client_id, "lines": lines((1, "10", {"vat_rate": "8"}))},
        {
            "client_id": client_id,
            "lines": lines((1, "10", {})),
            "quote_date": TODAY.isoformat(),
            "valid_until": (TODAY - dt.timedelta(days=1)).isoformat(),
        },
    ):
        assert (await tenant.client.post("/v1/quotes", json=bad)).status_code == 422, bad


async def test_recurring_invoices_catch_up_and_never_generate_a_period_twice(tenant, books):
    started = TODAY - dt.timedelta(days=70)
    template = await tenant.client.post(
        "/v1/recurring-invoices",
        json={
            "client_id": books["client"]["id"],
            "series": "F",
            "frequency": "monthly",
            "day_of_month": 1,
            "starts_on": started.isoformat(),
            "lines": lines((1, "120.00", {})),
            "notes": "Cuota de mantenimiento",
            "auto_issue": True,
        },
    )
    assert template.status_code == 201, template.text
    expected_periods = 0
    period = dt.date(started.year, started.month, 1)
    if period < started:
        period = (period.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    while period <= TODAY:
        expected_periods += 1
        period = (period.replace(day=28) + dt.timedelta(days=4)).replace(day=1)

    # Two runs at once, then one more: one of them does the work, the others find nothing.
    runs = await asyncio.gather(
        *(tenant.client.post("/v1/recurring-invoices/run") for _ in range(3))
    )
    assert all(r.status_code == 200 for r in runs)
    assert (await tenant.client.post("/v1/recurring-invoices/run")).json()["generated"] == 0
    detail = (await tenant.client.get(f"/v1/recurring-invoices/{template.json()['id']}")).json()
    assert len(detail["runs"]) == expected_periods >= 2
    assert len({r["period_on"] for r in detail["runs"]}) == expected_periods
    issued = (await tenant.client.get("/v1/invoices", params={"status": "issued"})).json()["items"]
    assert len(issued) == expected_periods
    assert all(i["notes"].startswith("Periodo ") for i in issued)
    assert all(r["issue_error"] is None for r in detail["runs"])


async def test_bad_recurring_templates_are_refused(tenant, books):
    base = {
        "client_id": books["client"]["id"],
        "series": "F",
        "starts_on": TODAY.isoformat(),
        "lines": lines((1, "10", {})),
    }
    for bad in (
        {**base, "day_of_month": 31},
        {**base, "frequency": "weekly"},
        {**base, "series": "NOPE"},
        {**base, "ends_on": (TODAY - dt.timedelta(days=1)).isoformat()},
        {**base, "lines": []},
    ):
        answer = await tenant.client.post("/v1/recurring-invoices", json=bad)
        assert answer.status_code == 422, (bad, answer.text)


async def test_an_invoice_in_another_currency_is_registered_in_euros(tenant, books):
    invoice = await draft(
        tenant,
        books["client"]["id"],
        currency="USD",
        exchange_rate="0.92",
        body_lines=lines((1, "1000.00", {})),
    )
    issued = await issue(tenant, invoice["id"])
    assert issued.status_code == 200, issued.text
    assert issued.json()["totals"]["total"] == "1210.00"
    assert issued.json()["currency"] == "USD"
    record = (await tenant.client.get(f"/v1/invoices/{invoice['id']}/verifactu")).json()
    assert record["fields"]["ImporteTotal"] == "1113.20"  # 920.00 + 193.20 in euros
    assert record["fields"]["CuotaTotal"] == "193.20"
    assert "importe=1113.20" in record["qr_url"]
    pdf = await tenant.client.get(f"/v1/invoices/{invoice['id']}/pdf")
    assert pdf.status_code == 200


async def test_an_invoice_is_created_and_issued_in_one_call_or_not_at_all(tenant, books):
    body = {"client_id": books["client"]["id"], "series": "F", "lines": lines((2, "150.00", {}))}
    key = {"Idempotency-Key": f"one-call-{uuid.uuid4()}"}
    issued = await tenant.client.post(
        "/v1/invoices", params={"issue": "true"}, json=body, headers=key
    )
    assert issued.status_code == 201, issued.text
    invoice = issued.json()
    assert invoice["status"] == "issued"
    assert invoice["number"] == f"F{TODAY.year}-00001"
    assert issued.headers["location"] == f"/v1/invoices/{invoice['id']}"
    assert (await tenant.client.get(f"/v1/invoices/{invoice['id']}")).json()["status"] == "issued"
    # The same call again: the same invoice, no second number.
    again = await tenant.client.post(
        "/v1/invoices", params={"issue": "true"}, json=body, headers=key
    )
    assert again.status_code == 201
    assert again.json()["id"] == invoice["id"]
    # The same key for a draft only is another operation.
    draft_only = await tenant.client.post("/v1/invoices", json=body, headers=key)
    assert draft_only.status_code == 409
    # Refused at the issue step: nothing written, no number used.
    backdated = {**body, "issue_date": (TODAY - dt.timedelta(days=1)).isoformat()}
    refused = await tenant.client.post("/v1/invoices", params={"issue": "true"}, json=backdated)
    assert refused.status_code == 422, refused.text
    assert "never go backwards" in refused.json()["detail"]
    empty = await tenant.client.post(
        "/v1/invoices", params={"issue": "true"}, json={**body, "lines": []}
    )
    assert empty.status_code == 422
    assert [i["id"] for i in (await tenant.client.get("/v1/invoices")).json()["items"]] == [
        invoice["id"]
    ]
    bad_flag = await tenant.client.post("/v1/invoices", params={"issue": "maybe"}, json=body)
    assert bad_flag.status_code == 422
    following = await tenant.client.post("/v1/invoices", params={"issue": "true"}, json=body)
    assert following.json()["number"] == f"F{TODAY.year}-00002"


async def test_issuing_in_one_call_for_an_archived_client_writes_nothing(tenant, books):
    client_id = books["client"]["id"]
    await tenant.client.post(f"/v1/clients/{client_id}/archive")
    refused = await tenant.client.post(
        "/v1/invoices",
        params={"issue": "true"},
        json={"client_id": client_id, "series": "F", "lines": lines((1, "1", {}))},
    )
    assert refused.status_code == 422
    assert (await tenant.client.get("/v1/invoices")).json()["items"] == []


async def test_invoices_are_listed_a_page_at_a_time_in_creation_order_either_way(tenant, books):
    client_id = books["client"]["id"]
    other = await tenant.client.post(
        "/v1/clients", json=client_payload(legal_name="Otro Cliente S.L.")
    )
    assert other.status_code == 201, other.text
    made = [(await draft(tenant, client_id))["id"] for _ in range(4)]
    made.append((await draft(tenant, other.json()["id"]))["id"])
    assert (await issue(tenant, made[1])).status_code == 200
    assert (await issue(tenant, made[3])).status_code == 200

    async def pages_of(**params):
        items, cursors = await walk_pages(tenant.client, "/v1/invoices", **params)
        return [i["id"] for i in items], cursors

    oldest, oldest_cursors = await pages_of()
    assert (oldest, len(oldest_cursors)) == (made, 2)
    newest, newest_cursors = await pages_of(order="newest")
    assert newest == made[::-1]
    assert (await pages_of(order="newest", status="issued"))[0] == [made[3], made[1]]
    assert (await pages_of(order="newest", status="draft"))[0] == [made[4], made[2], made[0]]
    assert (await pages_of(client_id=client_id, order="newest"))[0] == made[3::-1]
    assert (await pages_of(client_id=other.json()["id"]))[0] == made[4:]

    for bad in (
        {"limit": 0},
        {"limit": 501},
        {"order": "latest"},
        {"status": "paid"},
        {"client_id": "not-a-uuid"},
        {"cursor": "not-a-cursor"},
        {"cursor": made[0]},  # the form cursors had before (an invoice id) is no cursor now
        {"cursor": "x" * 201},
        # A cursor of one order read in the other would page the wrong way: refused.
        {"cursor": oldest_cursors[0], "order": "newest"},
        {"cursor": newest_cursors[0]},
    ):
        assert_problem(await tenant.client.get("/v1/invoices", params=bad), 422)
