"""Quotes (presupuestos): sent to a client, accepted or rejected before they expire, and turned
into a draft invoice once accepted. `quote.accepted` is published when a client accepts."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse
from pydantic import ConfigDict, Field, model_validator
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_invoicing import issuing, service
from cartera_invoicing.dependencies import Directory
from cartera_invoicing.domain.serialize import to_json
from cartera_invoicing.examples import CLIENT_ID, LINE_IN
from cartera_invoicing.models import outbox, quotes
from cartera_invoicing.schemas import InvoiceCreate, InvoiceRead, LineIn, QuoteList, QuoteRead
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession
from cartera_shared.events import new_envelope, topics
from cartera_shared.identity import Identity, require_scope
from cartera_shared.outbox import add_event
from cartera_shared.problems import Conflict, NotFound
from cartera_shared.text import Input

router = APIRouter(prefix="/v1/quotes", tags=["quotes"], responses=errors())
ReadIdentity = Annotated[Identity, require_scope("quotes:read")]
WriteIdentity = Annotated[Identity, require_scope("quotes:write")]
InvoiceWriteIdentity = Annotated[Identity, require_scope("invoices:write")]

QuoteStatus = Literal["draft", "sent", "accepted", "rejected", "expired"]
DEFAULT_VALIDITY_DAYS = 30


class QuoteIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "client_id": CLIENT_ID,
                    "lines": [LINE_IN],
                    "quote_date": "2026-12-01",
                    "valid_until": "2026-12-31",
                }
            ]
        },
    )

    client_id: uuid.UUID
    lines: list[LineIn] = Field(min_length=1, max_length=500)
    quote_date: dt.date | None = None
    valid_until: dt.date | None = Field(
        default=None, description=f"{DEFAULT_VALIDITY_DAYS} days after the quote date if not set."
    )
    notes: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _dates(self) -> QuoteIn:
        if self.quote_date and self.valid_until and self.valid_until < self.quote_date:
            raise ValueError("valid_until cannot be before quote_date")
        return self


class ConvertIn(Input):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"series": "F"}]})

    series: str = Field(min_length=1, max_length=20)


def effective_status(row: RowMapping) -> str:
    """A sent quote past its validity is expired, whether or not anyone has looked since."""
    if row["status"] == "sent" and row["valid_until"] < service.today():
        return "expired"
    return str(row["status"])


def read(row: RowMapping) -> dict[str, Any]:
    amounts = to_json(service.amounts_of(row["lines"]))
    return {
        "id": str(row["id"]),
        "number": row["number"],
        "client_id": str(row["client_id"]),
        "status": effective_status(row),
        "quote_date": row["quote_date"].isoformat(),
        "valid_until": row["valid_until"].isoformat(),
        "currency": row["currency"],
        "lines": row["lines"],
        "notes": row["notes"],
        "totals": {
            k: amounts["totals"][k] for k in ("taxable_base", "vat", "surcharge", "irpf", "total")
        },
        "breakdown": amounts["breakdown"],
        "invoice_id": str(row["invoice_id"]) if row["invoice_id"] else None,
        "sent_at": row["sent_at"].isoformat() if row["sent_at"] else None,
        "decided_at": row["decided_at"].isoformat() if row["decided_at"] else None,
        "created_at": row["created_at"].isoformat(),
    }


async def _get(session: AsyncSession, tenant_id: uuid.UUID, quote_id: uuid.UUID) -> RowMapping:
    row = (
        (
            await session.execute(
                select(quotes)
                .where(quotes.c.tenant_id == tenant_id, quotes.c.id == quote_id)
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Quote {quote_id} does not exist.")
    return row


async def _next_number(session: AsyncSession, tenant_id: uuid.UUID, day: dt.date) -> str:
    # Quotes are not fiscal documents: numbers need not be gapless, only unique and readable.
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
        {"key": f"quotes:{tenant_id}"},
    )
    prefix = f"P{day.year}-"
    count = await session.scalar(
        select(func.count()).where(
            quotes.c.tenant_id == tenant_id, quotes.c.number.like(f"{prefix}%")
        )
    )
    return f"{prefix}{int(count or 0) + 1:05d}"


@router.post("", status_code=status.HTTP_201_CREATED, response_model=QuoteRead)
async def create_quote(
    body: QuoteIn, identity: WriteIdentity, session: TenantSession, directory: Directory
) -> JSONResponse:
    """Make a quote (a draft, numbered P<year>-NNNNN) for an active client; valid 30 days from
    its date unless `valid_until` says otherwise."""
    day = body.quote_date or service.today()
    lines = [line.model_dump(mode="json") for line in body.lines]
    amounts = service.check_lines(lines, day)
    await service.check_client(
        session,
        directory,
        identity.tenant_id,
        body.client_id,
        "ordinary",
    )
    row = (
        (
            await session.execute(
                insert(quotes)
                .values(
                    id=uuid.uuid4(),
                    tenant_id=identity.tenant_id,
                    number=await _next_number(session, identity.tenant_id, day),
                    client_id=body.client_id,
                    status="draft",
                    quote_date=day,
                    valid_until=body.valid_until or day + dt.timedelta(days=DEFAULT_VALIDITY_DAYS),
                    lines=lines,
                    notes=body.notes,
                    **service.totals_values(amounts),
                )
                .returning(quotes)
            )
        )
        .mappings()
        .one()
    )
    return JSONResponse(read(row), status_code=201, headers={"Location": f"/v1/quotes/{row['id']}"})


@router.get("", response_model=QuoteList)
async def list_quotes(
    identity: ReadIdentity,
    session: TenantSession,
    client_id: Annotated[uuid.UUID | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    """The tenant's quotes by number (the first `limit`), of one client if `client_id`."""
    query = select(quotes).where(quotes.c.tenant_id == identity.tenant_id)
    if client_id:
        query = query.where(quotes.c.client_id == client_id)
    rows = (await session.execute(query.order_by(quotes.c.number).limit(limit))).mappings().all()
    return {"items": [read(r) for r in rows]}


@router.get("/{quote_id}", response_model=QuoteRead, responses=errors(404))
async def get_quote(
    quote_id: uuid.UUID, identity: ReadIdentity, session: TenantSession
) -> dict[str, Any]:
    """A quote; a sent one past `valid_until` shows as expired."""
    row = await _get(session, identity.tenant_id, quote_id)
    return read(row)


TRANSITIONS = {
    "send": ("draft", "sent"),
    "accept": ("sent", "accepted"),
    "reject": ("sent", "rejected"),
}


async def _move(
    session: AsyncSession, identity: Identity, quote_id: uuid.UUID, action: str
) -> dict[str, Any]:
    before, after = TRANSITIONS[action]
    row = await _get(session, identity.tenant_id, quote_id)
    current = effective_status(row)
    if current != before:
        raise Conflict(
            f"Quote {row['number']} is {current}; only a {before} quote can be {action}ed."
        )
    stamp = {"sent_at": func.now()} if action == "send" else {"decided_at": func.now()}
    row = (
        (
            await session.execute(
                update(quotes)
                .where(quotes.c.id == quote_id)
                .values(status=after, updated_at=func.now(), **stamp)
                .returning(quotes)
            )
        )
        .mappings()
        .one()
    )
    if after == "accepted":
        await add_event(
            session,
            outbox,
            new_envelope(
                type=topics.QUOTE_ACCEPTED,
                tenant_id=identity.tenant_id,
                producer="invoicing",
                subject=quote_id,
                sequence=1,
                data=read(row),
            ),
            topic=topics.QUOTE_ACCEPTED,
        )
    return read(row)


@router.post("/{quote_id}/send", response_model=QuoteRead, responses=errors(404, 409))
async def send_quote(
    quote_id: uuid.UUID, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """Mark a draft quote as sent to the client (409 for any other status)."""
    return await _move(session, identity, quote_id, "send")


@router.post("/{quote_id}/accept", response_model=QuoteRead, responses=errors(404, 409))
async def accept_quote(
    quote_id: uuid.UUID, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """The client accepted: publishes `quote.accepted`. An expired quote cannot be accepted."""
    return await _move(session, identity, quote_id, "accept")


@router.post("/{quote_id}/reject", response_model=QuoteRead, responses=errors(404, 409))
async def reject_quote(
    quote_id: uuid.UUID, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """The client rejected a sent quote (409 for any other status, an expired one included)."""
    return await _move(session, identity, quote_id, "reject")


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
    row = await _get(session, identity.tenant_id, quote_id)
    if effective_status(row) != "accepted":
        raise Conflict(
            f"Quote {row['number']} is {effective_status(row)}; only an accepted quote is invoiced."
        )
    if row["invoice_id"] is not None:
        raise Conflict(
            f"Quote {row['number']} was already turned into invoice {row['invoice_id']}."
        )
    draft = await service.create_draft(
        session,
        tenant_id=identity.tenant_id,
        data=InvoiceCreate(
            client_id=row["client_id"],
            series=body.series,
            lines=[LineIn.model_validate(line) for line in row["lines"]],
            notes=f"Según presupuesto {row['number']}"
            + (f". {row['notes']}" if row["notes"] else ""),
        ),
        directory=directory,
    )
    await session.execute(
        update(quotes)
        .where(quotes.c.id == quote_id)
        .values(invoice_id=draft["id"], updated_at=func.now())
    )
    created = await service.get(session, tenant_id=identity.tenant_id, invoice_id=draft["id"])
    return JSONResponse(
        issuing.read_model(created),
        status_code=201,
        headers={"Location": f"/v1/invoices/{draft['id']}"},
    )
