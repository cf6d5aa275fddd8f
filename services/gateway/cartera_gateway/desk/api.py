"""`GET /v1/desk`: the accountant's desk, one line per business the caller can see."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated, Any

from fastapi import APIRouter

from cartera_gateway.auth import scoped
from cartera_gateway.desk import service
from cartera_gateway.desk.schemas import Desk
from cartera_gateway.people.service import places_of
from cartera_gateway.proxy import Forwarding
from cartera_shared import business_day
from cartera_shared.contract import errors
from cartera_shared.edge import Runtime, part
from cartera_shared.identity import Identity

router = APIRouter(tags=["desk"], responses=errors())

DeskReader = Annotated[Identity, scoped("desk:read")]


@router.get("/v1/desk", response_model=Desk)
async def get_desk(
    identity: DeskReader,
    runtime: Runtime,
    forwarding: Annotated[Forwarding, part(Forwarding)],
) -> dict[str, Any]:
    """One line per business the caller can see: a person's businesses where their role holds
    `desk:read` (owner, accountant), an API key's own. Each line has its Verifactu records
    rejected and waiting, what is overdue, the quarter's VAT and IRPF figures, the Modelo 347
    pre-check and what needs a person. A service that does not answer in time leaves that
    part null and named in the line's `unavailable`: the desk itself still answers 200."""
    async with runtime.sessions() as session:
        places = None
        if identity.subject.startswith("user:"):
            places = await places_of(session, uuid.UUID(identity.subject.removeprefix("user:")))
        shown = await service.businesses(session, identity, places)
        webhooks = await service.disabled_webhooks(session, [b.tenant_id for b in shown])
    day = business_day.today()
    caller = service.Caller(forwarding, identity.subject, identity.request_id)
    lines = [service.Line(business) for business in shown]
    for line in lines:
        disabled = webhooks.get(line.business.tenant_id, 0)
        if disabled:
            line.reasons["webhooks_disabled"] = disabled
    await asyncio.gather(*(service.fill_line(caller, line, day) for line in lines))
    return {
        "as_of": day.isoformat(),
        "year": day.year,
        "quarter": service.quarter_of(day),
        "lines": [service.line_json(line, day) for line in lines],
    }
