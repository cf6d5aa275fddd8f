"""Ley 3/2004 in collections, on the real database: who it covers (art. 3), what each
receivable keeps of that decision, the half-year whose rate is not published yet, the rate an
operator adds from the BOE, and the final dunning notice of a consumer and of a business.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import delete, select, text

from cartera_collections import published_rates
from cartera_collections.dunning.service import TEST_MODE_NOT_SENT, send_due
from cartera_collections.models import client_replicas, published_late_interest_rates
from cartera_shared.db import create_engine, set_tenant, tenant_transaction
from cartera_shared.events.clients import ClientState
from cartera_shared.mail import SmtpSettings
from cartera_shared.replicas import upsert_client_replica
from cartera_shared.tenancy import sandbox_twin
from cartera_shared.testing import internal_headers

from .ledger_events import issue_invoice, queue_for_dunning, ran

ISSUED = dt.date(2026, 1, 5)
DUE = dt.date(2026, 2, 4)  # 30 days


@pytest.fixture
async def owner(owner_url):
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()


def as_tenant(tenant_id):
    return internal_headers(tenant_id, service="collections", scopes=("*",), subject="user:ana")


async def client_of_kind(app, tenant_id, kind: str, version: int = 3) -> uuid.UUID:
    client_id = uuid.uuid4()
    state = ClientState(
        id=client_id,
        version=version,
        legal_name=f"Cliente {kind}",
        kind=kind,
        tax_id="B12345674",
        country="ES",
        email="cobros@example.test",
    )
    async with tenant_transaction(app.state.runtime.sessions, tenant_id) as session:
        await upsert_client_replica(session, client_replicas, tenant_id, state, uuid.uuid4())
    return client_id


async def issue(app, tenant_id, client_id) -> uuid.UUID:
    data = await issue_invoice(
        app,
        tenant_id,
        client_id=client_id,
        issue_date=ISSUED,
        due_dates=[(DUE, Decimal("1000.00"))],
    )
    return uuid.UUID(data["id"])


async def kept_decision(owner, tenant_id, invoice_id) -> tuple[Any, ...]:
    async with owner.begin() as connection:
        await set_tenant(connection, tenant_id)
        row = (
            await connection.execute(
                text(
                    "SELECT debtor_kind, debtor_client_version, late_payment_law_applies, "
                    "late_payment_law_basis FROM collections.receivables WHERE invoice_id = :id"
                ),
                {"id": invoice_id},
            )
        ).one()
    return tuple(row)


async def test_a_consumer_is_owed_neither_interest_nor_compensation(app, api, owner):
    tenant_id = uuid.uuid4()
    invoice_id = await issue(app, tenant_id, await client_of_kind(app, tenant_id, "individual"))
    answer = await api.get(
        "/v1/collections/late-interest",
        params={"invoice_id": str(invoice_id), "until": "2026-06-30"},
        headers=as_tenant(tenant_id),
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["late_payment_law"]["applies"] is False
    assert "3.2.a" in body["late_payment_law"]["basis"]
    assert body["interest"] is None
    assert body["compensation"] is None
    assert body["claim_total"] == "1000.00"
    assert all("interest" not in i for i in body["instalments"])
    kind, version, applies, _basis = await kept_decision(owner, tenant_id, invoice_id)
    assert (kind, version, applies) == ("individual", 3, False)
    listed = await api.get("/v1/receivables", headers=as_tenant(tenant_id))
    assert listed.json()["items"][0]["late_payment_law"]["applies"] is False
    assert listed.json()["items"][0]["late_payment_law"]["debtor_kind"] == "individual"


@pytest.mark.parametrize("kind", ["company", "self_employed", "public_administration"])
async def test_a_business_or_administration_owes_interest_and_40_euros(app, api, owner, kind):
    tenant_id = uuid.uuid4()
    invoice_id = await issue(app, tenant_id, await client_of_kind(app, tenant_id, kind))
    answer = await api.get(
        "/v1/collections/late-interest",
        params={"invoice_id": str(invoice_id), "until": "2026-06-30"},
        headers=as_tenant(tenant_id),
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["late_payment_law"] == {
        "applies": True,
        "debtor_kind": kind,
        "client_version": 3,
        "basis": body["late_payment_law"]["basis"],
    }
    # 1000.00 x 10.15 % x 146 days (5 Feb - 30 Jun 2026) / 365 = 40.60
    assert body["interest"] == "40.60"
    assert body["compensation"] == "40.00"
    assert body["claim_total"] == "1080.60"
    assert (await kept_decision(owner, tenant_id, invoice_id))[:3] == (kind, 3, True)


async def test_a_foreign_client_is_not_claimed_the_spanish_figures(app, api):
    tenant_id = uuid.uuid4()
    invoice_id = await issue(app, tenant_id, await client_of_kind(app, tenant_id, "foreign"))
    body = (
        await api.get(
            "/v1/collections/late-interest",
            params={"invoice_id": str(invoice_id), "until": "2026-06-30"},
            headers=as_tenant(tenant_id),
        )
    ).json()
    assert body["late_payment_law"]["applies"] is False
    assert body["interest"] is None


async def test_the_decision_rests_on_the_client_as_it_was_and_waits_for_an_unknown_one(
    app, api, owner
):
    tenant_id = uuid.uuid4()
    client_id = uuid.uuid4()  # its event has not reached collections yet
    invoice_id = await issue(app, tenant_id, client_id)
    assert (await kept_decision(owner, tenant_id, invoice_id))[2] is None
    # Neither the replica nor the clients service (not answering here) knows it: a 503, and
    # nothing is decided on a guess.
    first = await api.get(
        "/v1/collections/late-interest",
        params={"invoice_id": str(invoice_id), "until": "2026-06-30"},
        headers=as_tenant(tenant_id),
    )
    assert first.status_code == 503, first.text
    assert (await kept_decision(owner, tenant_id, invoice_id))[2] is None
    # The client arrives as a company: decided and kept from then on.
    state = ClientState(
        id=client_id, version=1, legal_name="Tarde SL", kind="company", tax_id="B1", country="ES"
    )
    async with tenant_transaction(app.state.runtime.sessions, tenant_id) as session:
        await upsert_client_replica(session, client_replicas, tenant_id, state, uuid.uuid4())
    params = {"invoice_id": str(invoice_id), "until": "2026-06-30"}
    second = await api.get(
        "/v1/collections/late-interest", params=params, headers=as_tenant(tenant_id)
    )
    assert second.json()["late_payment_law"]["applies"] is True
    # Later the client becomes an individual: the issued invoice's debt keeps what it rested on.
    state = state.model_copy(update={"version": 2, "kind": "individual"})
    async with tenant_transaction(app.state.runtime.sessions, tenant_id) as session:
        await upsert_client_replica(session, client_replicas, tenant_id, state, uuid.uuid4())
    third = await api.get(
        "/v1/collections/late-interest", params=params, headers=as_tenant(tenant_id)
    )
    assert third.json()["late_payment_law"]["applies"] is True
    assert (await kept_decision(owner, tenant_id, invoice_id))[:3] == ("company", 1, True)


async def test_a_half_year_without_a_published_rate_says_so_until_an_operator_adds_it(
    app, api, owner
):
    tenant_id = uuid.uuid4()
    invoice_id = await issue(app, tenant_id, await client_of_kind(app, tenant_id, "company"))
    params = {"invoice_id": str(invoice_id), "until": "2026-07-31"}
    missing = await api.get(
        "/v1/collections/late-interest", params=params, headers=as_tenant(tenant_id)
    )
    assert missing.status_code == 200, missing.text  # was a 422 before
    body = missing.json()
    assert body["interest"] is None
    assert body["claim_total"] is None
    assert body["compensation"] == "40.00"
    assert body["rate_missing"]["half_year_start"] == "2026-07-01"
    assert "published_rates add" in body["rate_missing"]["how_to_add"]
    rates = await api.get("/v1/collections/late-interest/rates", headers=as_tenant(tenant_id))
    assert rates.status_code == 200
    assert {"half_year_start": "2026-01-01", "rate": "10.15"} in rates.json()["rates"]

    # A test figure (not the published one: that resolution could not be read from here).
    added = published_rates.check("2026-07-01", "9,99", "BOE-A-2026-99999", "Resolución de prueba")
    try:
        async with owner.begin() as connection:
            session = published_rates.AsyncSession(bind=connection)
            assert await published_rates.add(session, added, "test") is True
            assert await published_rates.add(session, added, "test") is False
            other = published_rates.check(
                "2026-07-01", "9.98", "BOE-A-2026-99999", "Resolución de prueba"
            )
            with pytest.raises(published_rates.InvalidPublishedRate, match="added already"):
                await published_rates.add(session, other, "test")
        body = (
            await api.get(
                "/v1/collections/late-interest", params=params, headers=as_tenant(tenant_id)
            )
        ).json()
        assert body["rate_missing"] is None
        # 146 days at 10.15 % = 40.60; 31 days (1-31 Jul) at 9.99 % = 8.48
        assert body["interest"] == "49.08"
        assert Decimal(body["claim_total"]) == Decimal("1089.08")
    finally:
        async with owner.begin() as connection:
            await connection.execute(
                delete(published_late_interest_rates).where(
                    published_late_interest_rates.c.boe_id == "BOE-A-2026-99999"
                )
            )


async def final_notice(app, owner, tenant_id, invoice_id, today) -> str:
    await queue_for_dunning(owner, tenant_id, invoice_id)
    await ran(
        send_due,
        app.state.runtime.sessions,
        app.state.runtime.part(SmtpSettings),
        tenant_id=tenant_id,
        today=today,
    )
    async with owner.begin() as connection:
        await set_tenant(connection, tenant_id)
        return (
            await connection.execute(
                text(
                    "SELECT n.body FROM collections.dunning_notices n"
                    " JOIN collections.receivables r ON r.id = n.receivable_id"
                    " WHERE r.invoice_id = :id AND n.level = 3"
                ),
                {"id": invoice_id},
            )
        ).scalar_one()


async def test_the_final_notice_quotes_the_law_only_to_whom_it_covers(app, owner):
    today = dt.date(2026, 6, 1)
    tenant_id = uuid.uuid4()
    consumer = await issue(app, tenant_id, await client_of_kind(app, tenant_id, "individual"))
    business = await issue(app, tenant_id, await client_of_kind(app, tenant_id, "company"))
    to_consumer = await final_notice(app, owner, tenant_id, consumer, today)
    assert "Ley 3/2004" not in to_consumer
    assert "40,00" not in to_consumer
    assert "ntereses" not in to_consumer
    to_business = await final_notice(app, owner, tenant_id, business, today)
    assert "Ley 3/2004" in to_business
    # 1000.00 x 10.15 % x 117 days (5 Feb - 1 Jun 2026) / 365 = 32.54
    assert "Intereses de demora devengados a 01/06/2026: 32,54 €" in to_business
    assert "Indemnización por costes de cobro: 40,00 €" in to_business


async def test_the_final_notice_says_the_rate_is_missing_instead_of_failing(app, owner):
    today = dt.date(2026, 7, 20)
    tenant_id = uuid.uuid4()
    business = await issue(app, tenant_id, await client_of_kind(app, tenant_id, "company"))
    async with owner.connect() as connection:
        assert (
            await connection.execute(
                select(published_late_interest_rates.c.rate).where(
                    published_late_interest_rates.c.half_year_start == dt.date(2026, 7, 1)
                )
            )
        ).first() is None
    body = await final_notice(app, owner, tenant_id, business, today)
    assert "Ley 3/2004" in body
    assert "aún no está publicado" in body
    assert "01/07/2026" in body
    assert "Intereses de demora devengados" not in body


async def notice_outcome(owner, tenant_id, invoice_id) -> tuple[str, str | None]:
    async with owner.begin() as connection:
        await set_tenant(connection, tenant_id)
        row = (
            await connection.execute(
                text(
                    "SELECT n.status, n.error FROM collections.dunning_notices n"
                    " JOIN collections.receivables r ON r.id = n.receivable_id"
                    " WHERE r.invoice_id = :id AND n.level = 3"
                ),
                {"id": invoice_id},
            )
        ).one()
    return row[0], row[1]


async def test_a_sandbox_notice_is_recorded_but_never_mailed(app, owner):
    """Test mode: a sandbox tenant's notice is made as a live one's and never reaches the mail
    server (its clients' addresses may be real people's); the live one goes to the mail step."""
    today = dt.date(2026, 6, 1)
    live = uuid.uuid4()
    twin = sandbox_twin(live)
    outcomes = {}
    for tenant_id in (live, twin):
        invoice = await issue(app, tenant_id, await client_of_kind(app, tenant_id, "company"))
        body = await final_notice(app, owner, tenant_id, invoice, today)
        assert "Ley 3/2004" in body  # the same notice on both sides
        outcomes[tenant_id] = await notice_outcome(owner, tenant_id, invoice)
    assert outcomes[twin] == ("not_sent", TEST_MODE_NOT_SENT)
    assert outcomes[live][1] != TEST_MODE_NOT_SENT
