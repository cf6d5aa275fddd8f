"""Collections' dunning holds, kept from `dunning.hold_changed` for the cash forecast.

Its own consumer (consumers.py), not a read model the rebuild replays: a hold is the current
state of something collections owns, and the consumer's own group keeps it in step through a
rebuild. A release that arrives before its placement is stored released, and stays so.
"""

from __future__ import annotations

from pydantic import ValidationError
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics.event_models import HoldFact
from cartera_analytics.models import dunning_holds
from cartera_shared.events.envelope import Envelope
from cartera_shared.inbox import PoisonMessage


async def handle_hold(session: AsyncSession, envelope: Envelope) -> None:
    try:
        fact = HoldFact.model_validate(envelope.data)
    except ValidationError as exc:
        raise PoisonMessage(f"dunning.hold_changed without what analytics needs: {exc}") from exc
    statement = insert(dunning_holds).values(
        tenant_id=envelope.tenant_id,
        hold_id=fact.hold_id,
        client_id=fact.client_id,
        invoice_id=fact.invoice_id,
        until=fact.until,
        released=fact.released,
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[dunning_holds.c.tenant_id, dunning_holds.c.hold_id],
            set_={"released": dunning_holds.c.released.op("OR")(statement.excluded.released)},
        )
    )
