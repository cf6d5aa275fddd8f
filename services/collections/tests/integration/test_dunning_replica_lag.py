"""A reminder never goes out unaddressed because the client's replica is late: the invoice's
events may reach collections before its client's, and the notice then waits for the next run
instead of being recorded as "no_address" with its level spent."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import text

from cartera_collections.dunning.service import send_due
from cartera_collections.models import client_replicas
from cartera_shared.db import create_engine, set_tenant, tenant_transaction
from cartera_shared.events.clients import ClientState
from cartera_shared.mail import SmtpSettings
from cartera_shared.replicas import upsert_client_replica

from .ledger_events import issue_invoice, queue_for_dunning, ran

ISSUED = dt.date(2026, 1, 5)
DUE = dt.date(2026, 2, 4)
TODAY = DUE + dt.timedelta(days=20)  # past the second level's 15 days


@pytest.fixture
async def owner(owner_url):
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()


async def run_dunning(app, tenant_id) -> None:
    await ran(
        send_due,
        app.state.runtime.sessions,
        app.state.runtime.part(SmtpSettings),
        tenant_id=tenant_id,
        today=TODAY,
    )


async def notices(owner, tenant_id, invoice_id) -> list[tuple[int, str | None, str]]:
    async with owner.begin() as connection:
        await set_tenant(connection, tenant_id)
        rows = await connection.execute(
            text(
                "SELECT n.level, n.to_address, n.status FROM collections.dunning_notices n"
                " JOIN collections.receivables r ON r.id = n.receivable_id"
                " WHERE r.invoice_id = :id ORDER BY n.level"
            ),
            {"id": invoice_id},
        )
        return [tuple(row) for row in rows]


async def test_a_notice_waits_for_its_clients_replica_then_goes_to_its_address(app, owner):
    tenant_id, client_id = uuid.uuid4(), uuid.uuid4()
    data = await issue_invoice(
        app,
        tenant_id,
        client_id=client_id,
        issue_date=ISSUED,
        due_dates=[(DUE, Decimal("1000.00"))],
    )
    invoice_id = uuid.UUID(data["id"])
    await queue_for_dunning(owner, tenant_id, invoice_id)

    await run_dunning(app, tenant_id)  # the client's replica has not arrived
    assert await notices(owner, tenant_id, invoice_id) == []

    state = ClientState(
        id=client_id,
        version=1,
        legal_name="Talleres Albufera S.L.",
        kind="company",
        tax_id="B12345674",
        country="ES",
        email="cobros@talleres-albufera.test",
    )
    async with tenant_transaction(app.state.runtime.sessions, tenant_id) as session:
        await upsert_client_replica(session, client_replicas, tenant_id, state, uuid.uuid4())
    await run_dunning(app, tenant_id)
    [(level, to_address, status)] = await notices(owner, tenant_id, invoice_id)
    assert (level, to_address) == (2, "cobros@talleres-albufera.test")
    assert status != "no_address"
