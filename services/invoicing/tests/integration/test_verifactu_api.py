"""The submission status everywhere: an invoice's record, the tenant's list of records, the
events on the real broker, and the reconciliation (route and command).

The invoicing service runs in this process on the real, migrated test database and the real
broker (its outbox relay publishes). Invoices are issued through its API (simplified ones, which
need no client), so the records and their stored requests are the real ones; the AEAT's side is
the fake of the client (verifactu_fakes.py), which reads those requests.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from cartera_invoicing.invoices.service import today
from cartera_invoicing.main import create_app
from cartera_invoicing.settings import InvoicingSettings
from cartera_invoicing.verifactu import reconcile
from cartera_invoicing.verifactu.ports import InstalledVerifactu
from cartera_invoicing.verifactu.sender import VerifactuSender
from cartera_shared.events import topics
from cartera_shared.testing import (
    free_tcp_port,
    internal_headers,
    random_cif,
    read_topic,
    secret_settings,
)

from .verifactu_fakes import FakeAeat, HeldRecord, parts

ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}


@pytest.fixture(scope="module")
def settings(owner_url, app_url, kafka_bootstrap):
    return InvoicingSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL=f"http://127.0.0.1:{free_tcp_port()}",
    )


@pytest.fixture(scope="module")
def aeat():
    return FakeAeat()


@pytest.fixture(scope="module")
async def app(settings, aeat):
    # No CARTERA_INVOICING_VERIFACTU_ENDPOINT: the app runs no sender of its own; the tests run one
    # when they want records sent. The fake answers the reconciliation.
    application = create_app(settings, verifactu=parts(aeat))
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def api(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://invoicing") as client:
        yield client


def as_tenant(tenant_id, scopes=("*",)):
    return internal_headers(tenant_id, service="invoicing", scopes=scopes, subject="user:ana")


@pytest.fixture
async def tenant(api, aeat):
    aeat.verdicts.clear()
    aeat.holds.clear()
    aeat.fail_next.clear()
    tenant_id = uuid.uuid4()
    headers = as_tenant(tenant_id)
    issuer = {"legal_name": "Levante S.L.", "tax_id": random_cif(), "fiscal_address": ADDRESS}
    assert (await api.put("/v1/issuer", json=issuer, headers=headers)).status_code == 200
    series = {"code": "T", "prefix": "T", "kind": "simplified"}
    assert (await api.post("/v1/series", json=series, headers=headers)).status_code == 201
    return tenant_id


async def issue(api, tenant_id, amount="12.10"):
    body = {
        "series": "T",
        "lines": [{"description": "Café", "quantity": "1", "unit_price": amount}],
    }
    answer = await api.post("/v1/invoices?issue=true", json=body, headers=as_tenant(tenant_id))
    assert answer.status_code == 201, answer.text
    return answer.json()


async def send(app, aeat, tenant_id):
    sender = VerifactuSender(app.state.runtime.sessions, parts(aeat), tenants={tenant_id})
    await sender.visit(tenant_id)


async def record(api, tenant_id, invoice):
    answer = await api.get(f"/v1/invoices/{invoice['id']}/verifactu", headers=as_tenant(tenant_id))
    assert answer.status_code == 200, answer.text
    return answer.json()


# ------------------------------------------------------------------ an invoice's record


async def test_an_invoice_shows_its_records_submission_and_the_answer_is_published(
    api, app, aeat, tenant, kafka_bootstrap
):
    invoice = await issue(api, tenant)
    before = await record(api, tenant, invoice)
    assert before["fields"]["NumSerieFactura"] == invoice["number"]  # what it answered before
    assert before["xml"].startswith("<?xml")
    assert f"numserie={invoice['number']}" in before["qr_url"]
    assert (before["status"], before["submission_status"], before["attempts"]) == (
        "pending",
        "pending",
        0,
    )
    assert (before["csv"], before["error"], before["answered_at"]) == (None, None, None)

    aeat.verdicts[invoice["number"]] = ("AceptadoConErrores", 2004, "FechaHoraHusoGenRegistro")
    await send(app, aeat, tenant)
    assert aeat.requests[-1].records[0].huella == before["fields"]["Huella"]  # the stored request

    after = await record(api, tenant, invoice)
    assert after["status"] == after["submission_status"] == "accepted_with_errors"
    assert after["csv"].startswith("CSV")
    assert after["error"] == {"code": 2004, "description": "FechaHoraHusoGenRegistro"}
    assert after["attempts"] == 1
    assert after["answered_at"] is not None
    assert after["sent_with_incident"] is False

    published = await read_topic(
        kafka_bootstrap,
        topics.VERIFACTU_ACCEPTED,
        until=lambda rs: any(invoice["id"].encode() in r.value for r in rs),
        timeout=60,
    )
    event = next(json.loads(r.value) for r in published if invoice["id"].encode() in r.value)
    assert event["type"] == "verifactu.accepted"
    assert event["tenant_id"] == str(tenant)
    assert event["subject"] == invoice["id"]
    assert event["data"]["status"] == "accepted_with_errors"
    assert event["data"]["csv"] == after["csv"]
    assert event["data"]["error_code"] == 2004
    assert event["data"]["number"] == invoice["number"]
    assert event["data"]["huella"] == before["fields"]["Huella"]
    assert event["data"]["record_id"] == after["record_id"]


async def test_a_rejection_is_listed_to_correct_and_published(
    api, app, aeat, tenant, kafka_bootstrap
):
    invoices = [await issue(api, tenant, f"{10 + n}.00") for n in range(3)]
    for invoice in invoices[:2]:
        aeat.verdicts[invoice["number"]] = ("Incorrecto", 1100, "Valor o tipo incorrecto")
    await send(app, aeat, tenant)

    headers = as_tenant(tenant)
    first = await api.get("/v1/verifactu/records?status=rejected&limit=1", headers=headers)
    assert first.status_code == 200, first.text
    page = first.json()
    assert len(page["items"]) == 1
    assert page["next_cursor"]
    second = (
        await api.get(
            f"/v1/verifactu/records?status=rejected&limit=1&cursor={page['next_cursor']}",
            headers=headers,
        )
    ).json()
    assert second["next_cursor"] is None
    rejected = page["items"] + second["items"]
    assert [r["number"] for r in rejected] == [i["number"] for i in invoices[:2]]  # made order
    assert {(r["status"], r["error"]["code"]) for r in rejected} == {("rejected", 1100)}
    assert {r["invoice_id"] for r in rejected} == {i["id"] for i in invoices[:2]}
    assert all(r["attempts"] == 1 and r["kind"] == "alta" for r in rejected)

    everything = (await api.get("/v1/verifactu/records?order=newest", headers=headers)).json()
    assert [r["number"] for r in everything["items"]] == [i["number"] for i in reversed(invoices)]
    assert [r["status"] for r in everything["items"]] == ["accepted", "rejected", "rejected"]

    published = await read_topic(
        kafka_bootstrap,
        topics.VERIFACTU_REJECTED,
        until=lambda rs: sum(str(tenant).encode() in r.value for r in rs) >= 2,
        timeout=60,
    )
    mine = [json.loads(r.value)["data"] for r in published if str(tenant).encode() in r.value]
    assert sorted(d["number"] for d in mine) == sorted(i["number"] for i in invoices[:2])
    assert {(d["status"], d["error_code"]) for d in mine} == {("rejected", 1100)}


async def test_the_invoice_list_and_the_invoice_show_the_answer_to_their_last_record(
    api, app, aeat, tenant
):
    headers = as_tenant(tenant)
    accepted, rejected = await issue(api, tenant, "20.00"), await issue(api, tenant, "21.00")
    draft_body = {
        "series": "T",
        "lines": [{"description": "Té", "quantity": "1", "unit_price": "2"}],
    }
    draft = (await api.post("/v1/invoices", json=draft_body, headers=headers)).json()
    aeat.verdicts[rejected["number"]] = ("Incorrecto", 1100, "Valor o tipo incorrecto")
    aeat.wait_seconds = 0  # the correction goes at the next visit
    try:
        await send(app, aeat, tenant)
        await _list_detail_and_correct(api, app, aeat, tenant, accepted, rejected, draft)
    finally:
        aeat.wait_seconds = 60


async def _list_detail_and_correct(api, app, aeat, tenant, accepted, rejected, draft):
    headers = as_tenant(tenant)
    listed = (await api.get("/v1/invoices?order=newest", headers=headers)).json()["items"]
    shown = {i["id"]: i for i in listed}
    assert shown[draft["id"]]["verifactu_status"] is None
    assert shown[draft["id"]]["verifactu"] is None
    assert shown[accepted["id"]]["verifactu_status"] == "accepted"
    assert shown[accepted["id"]]["verifactu"]["csv"].startswith("CSV")
    assert shown[accepted["id"]]["verifactu"]["error"] is None
    assert shown[rejected["id"]]["verifactu_status"] == "rejected"
    assert shown[rejected["id"]]["verifactu"]["error"] == {
        "code": 1100,
        "description": "Valor o tipo incorrecto",
    }
    one = (await api.get(f"/v1/invoices/{rejected['id']}", headers=headers)).json()
    assert one["verifactu"] == shown[rejected["id"]]["verifactu"]
    assert one["verifactu"]["kind"] == "alta"

    to_correct = "/v1/verifactu/records?status=rejected&current=true"
    assert [
        r["invoice_id"] for r in (await api.get(to_correct, headers=headers)).json()["items"]
    ] == [rejected["id"]]
    fix = {"Idempotency-Key": f"fix-{uuid.uuid4()}"}
    corrected = await api.post(
        f"/v1/invoices/{rejected['id']}/verifactu/correction", headers={**headers, **fix}
    )
    assert corrected.status_code == 201, corrected.text

    # The invoice now shows its correction, waiting; the rejected record stays rejected, and is
    # no longer one to correct.
    one = (await api.get(f"/v1/invoices/{rejected['id']}", headers=headers)).json()
    assert one["verifactu_status"] == "pending"
    assert one["verifactu"]["position"] > shown[rejected["id"]]["verifactu"]["position"]
    assert (one["verifactu"]["csv"], one["verifactu"]["error"]) == (None, None)
    assert (await api.get(to_correct, headers=headers)).json()["items"] == []
    still = (await api.get("/v1/verifactu/records?status=rejected", headers=headers)).json()
    assert [r["invoice_id"] for r in still["items"]] == [rejected["id"]]
    await send(app, aeat, tenant)  # the fake refuses it again: it is the one to correct again
    again = (await api.get(to_correct, headers=headers)).json()["items"]
    assert [(r["invoice_id"], r["position"]) for r in again] == [
        (rejected["id"], one["verifactu"]["position"])
    ]

    # Another tenant sees none of it, in its list or through an invoice's id.
    other = as_tenant(uuid.uuid4())
    assert (await api.get("/v1/invoices", headers=other)).json()["items"] == []
    assert (await api.get(f"/v1/invoices/{rejected['id']}", headers=other)).status_code == 404
    assert (await api.get(to_correct, headers=other)).json()["items"] == []


# ------------------------------------------------------------------ bad inputs


async def test_bad_inputs_are_refused_and_nothing_leaks_between_tenants(api, app, aeat, tenant):
    invoice = await issue(api, tenant)
    headers = as_tenant(tenant)
    other = uuid.uuid4()

    assert (
        await api.get(f"/v1/invoices/{uuid.uuid4()}/verifactu", headers=headers)
    ).status_code == 404
    assert (
        await api.get(f"/v1/invoices/{invoice['id']}/verifactu", headers=as_tenant(other))
    ).status_code == 404
    assert (await api.get("/v1/invoices/not-an-id/verifactu", headers=headers)).status_code == 422
    theirs = await api.get("/v1/verifactu/records", headers=as_tenant(other))
    assert theirs.status_code == 200
    assert theirs.json() == {"items": [], "next_cursor": None}

    for query in (
        "status=refused",
        "status=",
        "status=PENDING",
        "cursor=not-a-cursor",
        "cursor=" + "A" * 201,
        "limit=0",
        "limit=501",
        "order=sideways",
    ):
        answer = await api.get(f"/v1/verifactu/records?{query}", headers=headers)
        assert answer.status_code == 422, query
        assert answer.headers["content-type"].startswith("application/problem+json")

    await issue(api, tenant)
    newest = (await api.get("/v1/verifactu/records?order=newest&limit=1", headers=headers)).json()
    assert newest["next_cursor"]
    # A cursor of one order is refused by the other, rather than paging the wrong way.
    mixed = await api.get(f"/v1/verifactu/records?cursor={newest['next_cursor']}", headers=headers)
    assert mixed.status_code == 422

    reader = as_tenant(tenant, scopes=("clients:read",))
    assert (await api.get("/v1/verifactu/records", headers=reader)).status_code == 403
    assert (
        await api.get("/v1/verifactu/reconciliation?year=2026&month=1", headers=reader)
    ).status_code == 403
    for query in (
        "year=2023&month=1",
        "year=2026&month=13",
        "year=2026&month=0",
        "month=1",
        "year=x&month=1",
    ):
        answer = await api.get(f"/v1/verifactu/reconciliation?{query}", headers=headers)
        assert answer.status_code == 422, query


# ------------------------------------------------------------------ reconciliation


def held(invoice, huella, state="Correcta"):
    issued = dt.date.fromisoformat(invoice["issue_date"])
    return HeldRecord(invoice["number"], issued, "Alta", huella, state)


async def test_the_reconciliation_names_every_difference(api, app, aeat, tenant):
    invoices = [await issue(api, tenant, f"{20 + n}.00") for n in range(5)]
    huellas = [(await record(api, tenant, i))["fields"]["Huella"] for i in invoices]
    aeat.verdicts[invoices[3]["number"]] = ("Incorrecto", 1100, "Valor o tipo incorrecto")
    await send(app, aeat, tenant)
    issued = dt.date.fromisoformat(invoices[0]["issue_date"])
    stranger = HeldRecord("T-ZZ-9", issued, "Alta", "F" * 64, "Correcta")
    aeat.holds[:] = [
        held(invoices[0], huellas[0]),  # as believed: no difference
        held(invoices[1], "E" * 64),  # another huella
        # invoices[2]: accepted here, not held there
        held(invoices[3], huellas[3]),  # rejected here, held there
        held(invoices[4], huellas[4], "AceptadaConErrores"),  # another state
        stranger,  # held there, unknown here
    ]
    aeat.page_size = 2  # three pages
    answer = await api.get(
        f"/v1/verifactu/reconciliation?year={issued.year}&month={issued.month}",
        headers=as_tenant(tenant),
    )
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["differences"] == 5
    (issuer,) = report["issuers"]
    assert issuer["queried"] is True
    assert (issuer["records_here"], issuer["accepted_here"], issuer["held_at_aeat"]) == (5, 4, 5)
    found = {(d["kind"], d["number"]) for d in issuer["differences"]}
    assert found == {
        ("different_huella", invoices[1]["number"]),
        ("accepted_not_held", invoices[2]["number"]),
        ("held_not_accepted", invoices[3]["number"]),
        ("different_state", invoices[4]["number"]),
        ("held_not_accepted", "T-ZZ-9"),
    }
    unknown = next(d for d in issuer["differences"] if d["number"] == "T-ZZ-9")
    assert unknown["here"] is None
    rejected = next(d for d in issuer["differences"] if d["number"] == invoices[3]["number"])
    assert rejected["here"]["status"] == "rejected"
    assert [q[1:] for q in aeat.queries[-3:]] == [
        (issued.year, issued.month, None),
        (issued.year, issued.month, 2),
        (issued.year, issued.month, 4),
    ]

    # The same report from the command; differences make it exit 1.
    code = await reconcile.run(
        ["--tenant", str(tenant), "--year", str(issued.year), "--month", str(issued.month)],
        settings=app.state.runtime.settings,
        parts=parts(aeat),
    )
    assert code == 1

    # A month with nothing on either side: no difference, exit 0.
    aeat.holds[:] = []
    empty = await api.get(
        "/v1/verifactu/reconciliation?year=2025&month=2", headers=as_tenant(tenant)
    )
    assert empty.json()["differences"] == 0
    assert (
        await reconcile.run(
            ["--tenant", str(tenant), "--year", "2025", "--month", "2"],
            settings=app.state.runtime.settings,
            parts=parts(aeat),
        )
        == 0
    )


async def test_the_reconciliation_says_when_the_aeat_cannot_be_asked(api, app, aeat, tenant):
    await issue(api, tenant)
    year, month = today().year, today().month
    path = f"/v1/verifactu/reconciliation?year={year}&month={month}"
    aeat.fail_next[:] = ["timeout"]
    answer = await api.get(path, headers=as_tenant(tenant))
    assert answer.status_code == 503
    assert int(answer.headers["retry-after"]) > 0
    assert "timeout" not in answer.text

    installed = app.state.runtime.part(InstalledVerifactu)
    kept, installed.parts = installed.parts, None
    try:
        assert (await api.get(path, headers=as_tenant(tenant))).status_code == 503
    finally:
        installed.parts = kept

    argv = ["--tenant", str(tenant), "--year", str(year), "--month", str(month)]
    aeat.fail_next[:] = ["tls"]
    assert await reconcile.run(argv, settings=app.state.runtime.settings, parts=parts(aeat)) == 3
    # No endpoint set and nothing given: the AEAT cannot be asked at all.
    assert await reconcile.run(argv, settings=app.state.runtime.settings) == 3
    for bad in (
        ["--tenant", "nobody", "--year", "2026", "--month", "1"],
        ["--tenant", str(tenant), "--year", "2026", "--month", "13"],
        ["--tenant", str(tenant), "--year", "1999", "--month", "1"],
        ["--year", "2026", "--month", "1"],
    ):
        with pytest.raises(SystemExit) as refused:
            await reconcile.run(bad, settings=app.state.runtime.settings, parts=parts(aeat))
        assert refused.value.code == 2


# ------------------------------------------------------------------ the summary (the desk's)


async def test_the_summary_counts_records_to_correct_and_waiting_of_its_tenant_only(
    api, app, aeat, tenant
):
    headers = as_tenant(tenant)
    empty = await api.get("/v1/verifactu/summary", headers=headers)
    assert empty.status_code == 200, empty.text
    assert empty.json() == {
        "rejected": 0,
        "waiting": 0,
        "accepted_with_errors": 0,
        "sending_blocked": None,
    }

    invoices = [await issue(api, tenant, f"{20 + n}.00") for n in range(3)]
    assert (await api.get("/v1/verifactu/summary", headers=headers)).json()["waiting"] == 3
    aeat.verdicts[invoices[0]["number"]] = ("Incorrecto", 1100, "Valor o tipo incorrecto")
    aeat.verdicts[invoices[1]["number"]] = ("AceptadoConErrores", 2004, "FechaHora")
    await send(app, aeat, tenant)
    await issue(api, tenant, "30.00")  # one more, not sent yet
    summary = (await api.get("/v1/verifactu/summary", headers=headers)).json()
    # The sender here is the tests' own, with stand-in credentials: the tenant has uploaded no
    # certificate, so the service says its waiting record cannot go.
    assert summary == {
        "rejected": 1,
        "waiting": 1,
        "accepted_with_errors": 1,
        "sending_blocked": "no_valid_certificate",
    }

    # Another tenant sees nothing of these; a credential without invoices:read sees nothing.
    other = await api.get("/v1/verifactu/summary", headers=as_tenant(uuid.uuid4()))
    assert other.json()["rejected"] == other.json()["waiting"] == 0
    refused = await api.get(
        "/v1/verifactu/summary", headers=as_tenant(tenant, scopes=("clients:read",))
    )
    assert refused.status_code == 403
