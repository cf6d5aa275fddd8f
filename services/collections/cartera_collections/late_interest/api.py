"""Late interest over HTTP: the claim on one invoice (Ley 3/2004) and the statutory rates."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query

from cartera_collections.late_interest import service
from cartera_collections.late_interest.schemas import LateInterestClaim, StatutoryRates
from cartera_collections.late_interest.service import ConfiguredRates
from cartera_collections.scopes import ReadIdentity
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession, part
from cartera_shared.internal_calls import InternalClient

router = APIRouter(prefix="/v1/collections", tags=["late interest"], responses=errors())


@router.get("/late-interest", response_model=LateInterestClaim, responses=errors(404))
async def get_late_interest(
    identity: ReadIdentity,
    session: TenantSession,
    directory: Annotated[ClientsDirectory, part(ClientsDirectory)],
    rates: Annotated[ConfiguredRates, part(ConfiguredRates)],
    invoicing: Annotated[InternalClient, part(InternalClient)],
    invoice_id: Annotated[uuid.UUID, Query()],
    until: Annotated[
        dt.date | None, Query(description="Accrue interest through this day (default today).")
    ] = None,
) -> dict[str, Any]:
    """Statutory late-payment interest and the 40 € compensation on one invoice, up to a day,
    where Ley 3/2004 covers its debtor (`late_payment_law`). A half-year whose rate is not
    published in Cartera yet gives `interest: null` and `rate_missing` (how to add it)."""
    return await service.claim_through(
        session, directory, invoicing, identity.tenant_id, invoice_id, until, rates.table
    )


@router.get("/late-interest/rates", response_model=StatutoryRates)
async def list_late_interest_rates(
    identity: ReadIdentity,
    session: TenantSession,
    rates: Annotated[ConfiguredRates, part(ConfiguredRates)],
) -> dict[str, Any]:
    """The statutory half-year rates in force, and whether today's half-year has one yet."""
    return await service.statutory_rates(session, rates.table)
