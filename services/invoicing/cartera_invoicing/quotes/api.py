"""HTTP routes of the quotes (reached only through the gateway)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse

from cartera_invoicing.dependencies import Directory
from cartera_invoicing.invoices import issuing
from cartera_invoicing.invoices.schemas import InvoiceRead
from cartera_invoicing.models import quotes
from cartera_invoicing.quotes import service
from cartera_invoicing.quotes.schemas import ConvertIn, QuoteIn, QuoteList, QuoteRead
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession
from cartera_shared.identity import Identity, require_scope
from cartera_shared.pagination import Keyset, ListCursor, page_limit

router = APIRouter(prefix="/v1/quotes", tags=["quotes"], responses=errors())
ReadIdentity = Annotated[Identity, require_scope("quotes:read")]
WriteIdentity = Annotated[Identity, require_scope("quotes:write")]
InvoiceWriteIdentity = Annotated[Identity, require_scope("invoices:write")]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=QuoteRead)
async def create_quote(
    body: QuoteIn, identity: WriteIdentity, session: TenantSession, directory: Directory
) -> JSONResponse:
    """Make a quote (a draft, numbered P<year>-NNNNN) for an active client; valid 30 days from
    its date unless `valid_until` says otherwise."""
    row = await service.create(session, directory, identity.tenant_id, body)
    # A JSONResponse skips the response model: the model writes it (the wire's formats).
    return JSONResponse(
        QuoteRead.model_validate(service.read(row)).model_dump(mode="json"),
        status_code=201,
        headers={"Location": f"/v1/quotes/{row['id']}"},
    )


@router.get("", response_model=QuoteList)
async def list_quotes(
    identity: ReadIdentity,
    session: TenantSession,
    client_id: Annotated[uuid.UUID | None, Query()] = None,
    limit: int = page_limit(100, 500),
    cursor: ListCursor = None,
) -> dict[str, Any]:
    """The tenant's quotes in the order they were made, of one client if `client_id`, a page at
    a time (`next_cursor`)."""
    keyset = Keyset(quotes.c.created_at, quotes.c.id, cursor=cursor, name="quotes")
    rows, next_cursor = await service.all_quotes(
        session, identity.tenant_id, client_id, keyset, limit
    )
    return {"items": [service.read(r) for r in rows], "next_cursor": next_cursor}


@router.get("/{quote_id}", response_model=QuoteRead, responses=errors(404))
async def get_quote(
    quote_id: uuid.UUID, identity: ReadIdentity, session: TenantSession
) -> dict[str, Any]:
    """A quote; a sent one past `valid_until` shows as expired."""
    return service.read(await service.get(session, identity.tenant_id, quote_id))


@router.post("/{quote_id}/send", response_model=QuoteRead, responses=errors(404, 409))
async def send_quote(
    quote_id: uuid.UUID, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """Mark a draft quote as sent to the client (409 for any other status)."""
    return service.read(await service.move(session, identity.tenant_id, quote_id, "send"))


@router.post("/{quote_id}/accept", response_model=QuoteRead, responses=errors(404, 409))
async def accept_quote(
    quote_id: uuid.UUID, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """The client accepted: publishes `quote.accepted`. An expired quote cannot be accepted."""
    return service.read(await service.move(session, identity.tenant_id, quote_id, "accept"))


@router.post("/{quote_id}/reject", response_model=QuoteRead, responses=errors(404, 409))
async def reject_quote(
    quote_id: uuid.UUID, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """The client rejected a sent quote (409 for any other status, an expired one included)."""
    return service.read(await service.move(session, identity.tenant_id, quote_id, "reject"))


@router.post(
    "/{quote_id}/convert",
    status_code=status.HTTP_201_CREATED,
    response_model=InvoiceRead,
    responses=errors(404, 409),
)
async def convert_quote(
    quote_id: uuid.UUID,
    body: ConvertIn,
    identity: WriteIdentity,
    # It writes an invoice draft: whoever may write quotes but not invoices (the sales role)
    # must not create invoices this way.
    _may_write_invoices: InvoiceWriteIdentity,
    session: TenantSession,
    directory: Directory,
) -> JSONResponse:
    """Turn an accepted quote into a draft invoice (once). Needs `invoices:write` as well as
    `quotes:write`."""
    created = await service.convert(session, directory, identity.tenant_id, quote_id, body.series)
    return JSONResponse(
        InvoiceRead.model_validate(issuing.read_model(created)).model_dump(mode="json"),
        status_code=201,
        headers={"Location": f"/v1/invoices/{created['id']}"},
    )
