"""Receivables and payments over HTTP: what is owed, payments recorded and reversed, and the
overdue detection run on demand."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse

from cartera_collections.models import idempotency_keys
from cartera_collections.overdue import mark_overdue
from cartera_collections.receivables import service
from cartera_collections.receivables.schemas import (
    OverdueRun,
    Payment,
    PaymentIn,
    PaymentPage,
    ReceivablePage,
    ReversalIn,
)
from cartera_collections.scopes import ReadIdentity, WriteIdentity
from cartera_shared import business_day, idempotency
from cartera_shared.contract import errors
from cartera_shared.edge import Runtime, TenantSession, part
from cartera_shared.idempotency import IdempotencyKey
from cartera_shared.internal_calls import InternalClient
from cartera_shared.pagination import ListCursor, ListOrder
from cartera_shared.problems import Code, UnprocessableEntity, field_error

router = APIRouter(responses=errors())


@router.get("/v1/receivables", response_model=ReceivablePage, tags=["receivables"])
async def list_receivables(
    identity: ReadIdentity,
    session: TenantSession,
    client_id: Annotated[uuid.UUID | None, Query()] = None,
    invoice_id: Annotated[uuid.UUID | None, Query()] = None,
    status: Annotated[
        list[Literal["open", "partially_paid", "settled", "cancelled"]] | None,
        Query(description="One or more (`?status=open&status=partially_paid`: what is owed)."),
    ] = None,
    order: ListOrder = "oldest",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: ListCursor = None,
) -> dict[str, Any]:
    """What is owed, invoice by invoice, with its instalments, in the order invoices reached
    collections (or newest first), a page at a time (`next_cursor`)."""
    return await service.list_receivables(
        session,
        identity.tenant_id,
        order=order,
        cursor=cursor,
        limit=limit,
        client_id=client_id,
        invoice_id=invoice_id,
        status=status,
    )


@router.post(
    "/v1/payments",
    status_code=status.HTTP_201_CREATED,
    response_model=Payment,
    tags=["payments"],
    responses=errors(409),
)
async def record_payment(
    body: PaymentIn,
    identity: WriteIdentity,
    session: TenantSession,
    invoicing: Annotated[InternalClient, part(InternalClient)],
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Record a payment of an invoice: full or partial, allocated to its instalments in order."""
    if body.paid_on > business_day.today():
        raise UnprocessableEntity(
            "paid_on cannot be in the future.",
            code=Code.FUTURE_DATE,
            errors=field_error("body", "paid_on", msg="in the future"),
        )

    async def work() -> dict[str, Any]:
        return await service.record_payment(session, invoicing, identity.tenant_id, body)

    return await idempotency.answer_once(
        session,
        idempotency_keys,
        tenant_id=identity.tenant_id,
        key=idempotency_key,
        operation="record-payment",
        payload=body,
        work=work,
        answer_model=Payment,
    )


@router.get("/v1/payments", response_model=PaymentPage, tags=["payments"])
async def list_payments(
    identity: ReadIdentity,
    session: TenantSession,
    invoice_id: Annotated[uuid.UUID | None, Query()] = None,
    client_id: Annotated[uuid.UUID | None, Query()] = None,
    order: ListOrder = "oldest",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: ListCursor = None,
) -> dict[str, Any]:
    """Payments in the order they were recorded (or newest first), a page at a time
    (`next_cursor`)."""
    return await service.list_payments(
        session,
        identity.tenant_id,
        order=order,
        cursor=cursor,
        limit=limit,
        invoice_id=invoice_id,
        client_id=client_id,
    )


@router.post(
    "/v1/payments/{payment_id}/reverse",
    response_model=Payment,
    tags=["payments"],
    responses=errors(404, 409),
)
async def reverse_payment(
    payment_id: uuid.UUID, body: ReversalIn, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """Undo a payment (a returned direct debit, a bounced transfer): what it paid is owed again."""
    return await service.reverse_payment(session, identity.tenant_id, payment_id, body.reason)


@router.post("/v1/collections/overdue/run", response_model=OverdueRun, tags=["receivables"])
async def run_overdue(identity: WriteIdentity, runtime: Runtime) -> dict[str, Any]:
    """Run the overdue detection now (it also runs on its own)."""
    # The job's own run: a transaction of its own per receivable, under the single-runner lock.
    ran, marked = await mark_overdue(runtime.sessions, tenant_id=identity.tenant_id)
    return {"ran": ran, "marked": marked or 0}
