"""Verifactu submission through the adapter's test double, on the real database."""

import datetime as dt
import uuid

import pytest
from sqlalchemy import insert, select

from cartera_invoicing.models import invoices, series, verifactu_records
from cartera_invoicing.submission import RecordingAeat, submit_pending
from cartera_shared.db import create_engine, session_factory, tenant_transaction


@pytest.fixture
async def sessions(app_url):
    engine = create_engine(app_url, pool_size=2)
    yield session_factory(engine)
    await engine.dispose()


async def seed_records(sessions, tenant_id, numbers):
    async with tenant_transaction(sessions, tenant_id) as session:
        series_id = uuid.uuid4()
        await session.execute(
            insert(series).values(
                id=series_id,
                tenant_id=tenant_id,
                code="F",
                prefix="F",
                kind="ordinary",
                yearly_restart=True,
            )
        )
        for position, number in enumerate(numbers, start=1):
            invoice_id = uuid.uuid4()
            await session.execute(
                insert(invoices).values(
                    id=invoice_id,
                    tenant_id=tenant_id,
                    status="issued",
                    series_id=series_id,
                    invoice_type="F1",
                    lines=[],
                    taxable_base=0,
                    vat=0,
                    surcharge=0,
                    irpf=0,
                    total=0,
                    number=number,
                )
            )
            await session.execute(
                insert(verifactu_records).values(
                    tenant_id=tenant_id,
                    issuer_tax_id="B12345674",
                    position=position,
                    invoice_id=invoice_id,
                    kind="alta",
                    fields={"NumSerieFactura": number},
                    huella="0" * 64,
                    xml=f"<x><NumSerieFactura>{number}</NumSerieFactura></x>",
                    generated_at=dt.datetime(2026, 11, 28, 9, tzinfo=dt.UTC),
                )
            )


async def statuses(sessions, tenant_id):
    async with tenant_transaction(sessions, tenant_id) as session:
        rows = await session.execute(
            select(
                verifactu_records.c.fields["NumSerieFactura"].astext,
                verifactu_records.c.submission_status,
            ).order_by(verifactu_records.c.position)
        )
        return dict(rows.all())


async def test_pending_records_are_sent_in_order_once_and_their_answers_kept(sessions, owner_url):
    tenant_id = uuid.uuid4()
    await seed_records(sessions, tenant_id, ["F-1", "F-2", "F-3"])
    aeat = RecordingAeat(refuse={"F-2"})
    report = await submit_pending(sessions, aeat, tenant_id=tenant_id)
    assert (report.sent, report.accepted, report.refused) == (3, 2, 1)
    assert aeat.requests == [("B12345674", 3)]
    assert report.wait_seconds == {"B12345674": 60}
    assert await statuses(sessions, tenant_id) == {
        "F-1": "accepted",
        "F-2": "refused",
        "F-3": "accepted",
    }
    again = await submit_pending(sessions, aeat, tenant_id=tenant_id)
    assert again.sent == 0  # nothing is sent twice
