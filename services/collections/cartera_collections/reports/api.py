"""Collection reports over HTTP: aging, defaulters and how each client pays."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query

from cartera_collections.reports import service
from cartera_collections.reports.schemas import Aging, Behaviour, Defaulters
from cartera_collections.scopes import ReadIdentity
from cartera_shared import business_day
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession

router = APIRouter(prefix="/v1/collections", tags=["collection reports"], responses=errors())


@router.get("/aging", response_model=Aging)
async def get_aging(identity: ReadIdentity, session: TenantSession) -> dict[str, Any]:
    """What is owed by how late it is (current, 1-30, 31-60, 61-90, over 90 days), per client."""
    return await service.aging(session, identity.tenant_id, business_day.today())


@router.get("/defaulters", response_model=Defaulters)
async def list_defaulters(
    identity: ReadIdentity,
    session: TenantSession,
    min_days: Annotated[int, Query(ge=1, le=3650)] = 30,
    min_amount: Annotated[Decimal, Query(ge=0)] = Decimal(0),
) -> dict[str, Any]:
    """Clients with amounts overdue for more than `min_days` days, above `min_amount`."""
    today = business_day.today()
    return await service.defaulters(session, identity.tenant_id, today, min_days, min_amount)


@router.get("/behaviour", response_model=Behaviour)
async def get_payment_behaviour(
    identity: ReadIdentity,
    session: TenantSession,
    client_id: Annotated[uuid.UUID | None, Query()] = None,
) -> dict[str, Any]:
    """How each client pays: on-time ratio, average days late, what is overdue now, and DSO.

    - ``on_time_ratio``: instalments settled by their due date, over instalments settled plus
      those overdue and still unpaid (a client that pays nothing is not "always on time");
    - ``average_days_late``: days from due date to settlement of settled instalments, weighted
      by their amounts (paying early counts as 0);
    - ``dso``: what is still owed over what was billed in the last 90 days, times 90.
    """
    today = business_day.today()
    return await service.behaviour(session, identity.tenant_id, today, client_id)
