"""Dunning over HTTP: the reminder levels, holds, the notices sent, and a run on demand."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from cartera_collections.dunning import service
from cartera_collections.dunning.schemas import (
    DunningHold,
    DunningLevels,
    DunningNoticePage,
    DunningRun,
    HoldIn,
    LevelsIn,
)
from cartera_collections.late_interest.service import ConfiguredRates
from cartera_collections.scopes import ReadIdentity, WriteIdentity
from cartera_shared.contract import errors
from cartera_shared.edge import Runtime, TenantSession, part
from cartera_shared.mail import SmtpSettings
from cartera_shared.pagination import ListCursor, ListOrder

router = APIRouter(prefix="/v1/collections/dunning", tags=["dunning"], responses=errors())


@router.get("/levels", response_model=DunningLevels)
async def get_dunning_levels(identity: ReadIdentity, session: TenantSession) -> dict[str, Any]:
    """The reminder levels: how many days after the due date each tone of notice goes out (the
    defaults until the tenant sets its own)."""
    return await service.levels(session, identity.tenant_id)


@router.put("/levels", response_model=DunningLevels)
async def set_dunning_levels(
    body: LevelsIn, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """Replace the reminder levels (numbered 1, 2, ... in the order given)."""
    return await service.set_levels(session, identity.tenant_id, body)


@router.post("/holds", status_code=status.HTTP_201_CREATED, response_model=DunningHold)
async def create_dunning_hold(
    body: HoldIn, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """Stop reminders to a client or about an invoice, until a day or until released."""
    return await service.create_hold(session, identity.tenant_id, body)


@router.delete("/holds/{hold_id}", status_code=status.HTTP_204_NO_CONTENT, responses=errors(404))
async def release_dunning_hold(
    hold_id: uuid.UUID, identity: WriteIdentity, session: TenantSession
) -> None:
    """Release a hold: reminders resume on the next run."""
    await service.release_hold(session, identity.tenant_id, hold_id)


@router.get("/notices", response_model=DunningNoticePage)
async def list_dunning_notices(
    identity: ReadIdentity,
    session: TenantSession,
    invoice_id: uuid.UUID | None = None,
    order: ListOrder = "oldest",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: ListCursor = None,
) -> dict[str, Any]:
    """The dunning notices sent (or that failed) in the order they were sent (or newest first),
    a page at a time (`next_cursor`)."""
    return await service.list_notices(
        session, identity.tenant_id, invoice_id=invoice_id, order=order, cursor=cursor, limit=limit
    )


@router.post("/run", response_model=DunningRun)
async def run_dunning(
    identity: WriteIdentity,
    runtime: Runtime,
    smtp: Annotated[SmtpSettings, part(SmtpSettings)],
    rates: Annotated[ConfiguredRates, part(ConfiguredRates)],
) -> dict[str, Any]:
    """Send the notices due now (the job also runs on its own)."""
    # The job's own run: a transaction per notice, the mail sent after each commits.
    ran, sent = await service.send_due(
        runtime.sessions, smtp, tenant_id=identity.tenant_id, extra_rates=rates.table
    )
    return {"ran": ran, "sent": sent or 0}
