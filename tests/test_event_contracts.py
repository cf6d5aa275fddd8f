"""What the services' outboxes hold follows the event contracts (cartera_shared.events.registry).

Run after tests that make the services publish (the end-to-end suite runs the whole system on
this database and leaves its events in the outboxes for CARTERA_OUTBOX_RETENTION_DAYS): every stored
event of a type with a contract is checked as its consumers and partners will read it. The
in-process tests check the same at the moment of writing (the root conftest's
events_follow_their_contracts).
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from cartera_shared.events.envelope import Envelope
from cartera_shared.events.registry import ContractBroken, check_outgoing

SCHEMAS = ("clients", "invoicing", "collections", "crm", "analytics", "gateway")


async def test_every_event_the_outboxes_hold_follows_its_contract(owner_url):
    engine = create_async_engine(owner_url)
    checked: Counter[str] = Counter()
    broken: dict[str, str] = {}
    try:
        async with engine.connect() as conn:
            for schema in SCHEMAS:
                exists = await conn.scalar(
                    text("SELECT to_regclass(:t)"), {"t": f"{schema}.outbox"}
                )
                if exists is None:
                    continue
                rows = await conn.execute(
                    text(f'SELECT payload FROM "{schema}".outbox ORDER BY position')
                )
                for (payload,) in rows:
                    envelope = Envelope.model_validate(payload)
                    try:
                        check_outgoing(envelope)
                    except ContractBroken as exc:
                        broken.setdefault(envelope.type, str(exc))
                    checked[envelope.type] += 1
    finally:
        await engine.dispose()
    if not checked:
        pytest.fail(
            "the outboxes are empty: this test reads what the tests before it published; run it "
            "with tests/e2e (make test does), not alone"
        )
    print("events checked:", dict(sorted(checked.items())))
    assert broken == {}
