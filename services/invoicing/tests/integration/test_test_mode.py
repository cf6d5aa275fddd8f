"""Test mode in invoicing, on the real database and broker: a sandbox tenant's invoice gets its
VERI*FACTU record (chained, with its QR) but the sender never submits it, while a live tenant's
identical invoice goes to the AEAT (the fake client of verifactu_fakes.py, which logs every
request). The sandbox's events say `test: true`; its PDF says it is a test invoice."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from cartera_invoicing.invoices.pdf import TEST_MARK
from cartera_invoicing.main import create_app
from cartera_invoicing.models import outbox, verifactu_due
from cartera_invoicing.settings import InvoicingSettings
from cartera_invoicing.verifactu.sender import VerifactuSender
from cartera_shared.db import create_engine, tenant_transaction
from cartera_shared.tenancy import sandbox_twin
from cartera_shared.testing import free_tcp_port, internal_headers, random_cif, secret_settings

from ..unit.test_pdf import Pdf
from .verifactu_fakes import FakeAeat, parts

ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}


@pytest.fixture(scope="module")
def aeat():
    return FakeAeat()


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap, aeat):
    settings = InvoicingSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL=f"http://127.0.0.1:{free_tcp_port()}",
    )
    # No VERIFACTU_ENDPOINT: no sender of the app's own; the test runs one over both tenants.
    application = create_app(settings, verifactu=parts(aeat))
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def api(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://invoicing") as client:
        yield client


def as_tenant(tenant_id):
    return internal_headers(tenant_id, service="invoicing", scopes=("*",), subject="user:ana")


async def ready(api, tenant_id, issuer_nif):
    headers = as_tenant(tenant_id)
    issuer = {"legal_name": "Levante S.L.", "tax_id": issuer_nif, "fiscal_address": ADDRESS}
    assert (await api.put("/v1/issuer", json=issuer, headers=headers)).status_code == 200
    series = {"code": "T", "prefix": "T", "kind": "simplified"}
    assert (await api.post("/v1/series", json=series, headers=headers)).status_code == 201


async def issue(api, tenant_id):
    body = {
        "series": "T",
        "lines": [{"description": "Café", "quantity": "1", "unit_price": "12.10"}],
    }
    answer = await api.post("/v1/invoices?issue=true", json=body, headers=as_tenant(tenant_id))
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_a_sandbox_record_is_made_but_never_sent_while_a_live_one_is(
    app, api, aeat, owner_url
):
    live = uuid.uuid4()
    twin = sandbox_twin(live)
    nif = random_cif()  # the same issuer on both sides, as the demo's sandbox has
    await ready(api, live, nif)
    await ready(api, twin, nif)
    live_invoice = await issue(api, live)
    test_invoice = await issue(api, twin)
    # The sandbox numbers its own series: its invoice takes no number of the live series.
    assert live_invoice["number"] == test_invoice["number"]

    test_record = (
        await api.get(f"/v1/invoices/{test_invoice['id']}/verifactu", headers=as_tenant(twin))
    ).json()
    assert test_record["status"] == test_record["submission_status"] == "test"
    assert test_record["fields"]["NumSerieFactura"] == test_invoice["number"]
    assert test_record["fields"]["Huella"]
    assert f"numserie={test_invoice['number']}" in test_record["qr_url"]

    sessions = app.state.runtime.sessions
    engine = create_engine(owner_url, pool_size=1)
    try:
        async with engine.connect() as conn:
            due = set(
                (
                    await conn.execute(
                        select(verifactu_due.c.tenant_id).where(
                            verifactu_due.c.tenant_id.in_([live, twin])
                        )
                    )
                ).scalars()
            )
        assert due == {live}  # nothing wakes a sender for the sandbox

        # Even a sandbox put on the due list by hand is skipped by a sender running for both.
        async with sessions() as session, session.begin():
            await session.execute(
                pg_insert(verifactu_due)
                .values(tenant_id=twin, next_at=dt.datetime.now(dt.UTC), waiting=1)
                .on_conflict_do_nothing()
            )
        sent_before = len(aeat.requests)
        sender = VerifactuSender(sessions, parts(aeat), tenants={live, twin}, poll_seconds=0.01)
        while await sender.run_once():
            pass
        numbers = [(r.issuer, rec.number) for r in aeat.requests[sent_before:] for rec in r.records]
        assert numbers == [(nif, live_invoice["number"])]  # the live one, once; never the test one
    finally:
        await engine.dispose()

    live_record = (
        await api.get(f"/v1/invoices/{live_invoice['id']}/verifactu", headers=as_tenant(live))
    ).json()
    assert live_record["status"] == "accepted"
    after = (
        await api.get(f"/v1/invoices/{test_invoice['id']}/verifactu", headers=as_tenant(twin))
    ).json()
    assert (after["status"], after["attempts"], after["csv"]) == ("test", 0, None)
    listed = (await api.get("/v1/verifactu/records?status=test", headers=as_tenant(twin))).json()
    assert [r["number"] for r in listed["items"]] == [test_invoice["number"]]
    assert (await api.get("/v1/verifactu/records?status=test", headers=as_tenant(live))).json()[
        "items"
    ] == []

    # Every event of the sandbox says test; the live tenant's say live.
    async with tenant_transaction(sessions, twin) as session:
        sandbox_events = [
            p
            for (p,) in (
                await session.execute(select(outbox.c.payload).where(outbox.c.tenant_id == twin))
            )
        ]
    async with tenant_transaction(sessions, live) as session:
        live_events = [
            p
            for (p,) in (
                await session.execute(select(outbox.c.payload).where(outbox.c.tenant_id == live))
            )
        ]
    assert sandbox_events
    assert all(e["test"] is True for e in sandbox_events)
    assert live_events
    assert all(e["test"] is False for e in live_events)


async def test_a_sandbox_pdf_says_it_is_a_test_invoice_and_a_live_one_does_not(api):
    live = uuid.uuid4()
    twin = sandbox_twin(live)
    for tenant in (live, twin):
        await ready(api, tenant, random_cif())
    invoices = {tenant: await issue(api, tenant) for tenant in (live, twin)}
    texts = {}
    for tenant, invoice in invoices.items():
        answer = await api.get(f"/v1/invoices/{invoice['id']}/pdf", headers=as_tenant(tenant))
        assert answer.status_code == 200
        texts[tenant] = Pdf(answer.content).text
    assert TEST_MARK in texts[twin]
    assert "PRUEBA" not in texts[live]
    # The sandbox's QR is there (as live would print it), without the VERI*FACTU legend.
    assert "QR tributario" in texts[twin]
    assert "VERI*FACTU" not in texts[twin]
