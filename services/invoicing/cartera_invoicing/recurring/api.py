"""HTTP routes of the recurring invoices (reached only through the gateway)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, status
from fastapi.responses import JSONResponse

from cartera_invoicing.dependencies import Directory, Producer
from cartera_invoicing.models import recurring_invoices
from cartera_invoicing.recurring import service as recurring
from cartera_invoicing.recurring.schemas import (
    RecurringIn,
    RecurringList,
    RecurringRead,
    RecurringRunResult,
    RecurringUpdate,
)
from cartera_shared.contract import errors
from cartera_shared.edge import Runtime, TenantSession
from cartera_shared.identity import Identity, require_scope
from cartera_shared.pagination import Keyset, ListCursor, page_limit

router = APIRouter(prefix="/v1/recurring-invoices", tags=["recurring invoices"], responses=errors())
ReadIdentity = Annotated[Identity, require_scope("invoices:read")]
WriteIdentity = Annotated[Identity, require_scope("invoices:write")]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=RecurringRead)
async def create_recurring_invoice(
    body: RecurringIn, identity: WriteIdentity, session: TenantSession, directory: Directory
) -> JSONResponse:
    """Make a recurring invoice: a template (client, ordinary series, lines) and a schedule; the
    job makes a draft (or, with `auto_issue`, an issued invoice) for every period."""
    row = await recurring.create(session, directory, identity.tenant_id, body)
    # A JSONResponse skips the response model: the model writes it (the wire's formats).
    return JSONResponse(
        RecurringRead.model_validate(recurring.read(row)).model_dump(mode="json"), status_code=201
    )


@router.get("", response_model=RecurringList)
async def list_recurring_invoices(
    identity: ReadIdentity,
    session: TenantSession,
    limit: int = page_limit(100, 500),
    cursor: ListCursor = None,
) -> dict[str, Any]:
    """The tenant's recurring invoices, oldest first (without their runs), a page at a time
    (`next_cursor`)."""
    keyset = Keyset(
        recurring_invoices.c.created_at, recurring_invoices.c.id, cursor=cursor, name="recurring"
    )
    rows, next_cursor = await recurring.all_recurring(session, identity.tenant_id, keyset, limit)
    return {"items": [recurring.read(r) for r in rows], "next_cursor": next_cursor}


@router.get("/{recurring_id}", response_model=RecurringRead, responses=errors(404))
async def get_recurring_invoice(
    recurring_id: uuid.UUID, identity: ReadIdentity, session: TenantSession
) -> dict[str, Any]:
    """A recurring invoice with the periods it generated."""
    row = await recurring.load(session, identity.tenant_id, recurring_id)
    return recurring.read(row, await recurring.runs_of(session, recurring_id))


@router.patch("/{recurring_id}", response_model=RecurringRead, responses=errors(404))
async def update_recurring_invoice(
    recurring_id: uuid.UUID,
    body: RecurringUpdate,
    identity: WriteIdentity,
    session: TenantSession,
) -> dict[str, Any]:
    """Pause or resume it (`active`), change `auto_issue`, `ends_on` or the lines of the
    invoices still to come."""
    row, runs = await recurring.change(session, identity.tenant_id, recurring_id, body)
    return recurring.read(row, runs)


@router.post("/run", response_model=RecurringRunResult)
async def run_recurring_invoices(
    identity: WriteIdentity, runtime: Runtime, directory: Directory, producer: Producer
) -> dict[str, Any]:
    """Run the generation job now (it also runs on its own every few minutes)."""
    # The job's own transactions (one per period, and one per issue): not a request-wide one.
    ran, generated = await recurring.generate_due(
        runtime.sessions, directory, producer=producer, tenant_id=identity.tenant_id
    )
    return {"ran": ran, "generated": generated or 0}
