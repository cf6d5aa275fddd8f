"""Receivables and payments as the API reads and writes them: the queries, the payment
recorded on an invoice (read through from invoicing when its event has not arrived yet), and a
reversal."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_collections import issued_invoices, ledger
from cartera_collections.models import instalments, payments, receivables
from cartera_collections.receivables.schemas import PaymentIn
from cartera_shared import business_day
from cartera_shared.internal_calls import InternalClient
from cartera_shared.pagination import Keyset
from cartera_shared.problems import Code, Conflict, NotFound


def receivable_data(row: Any, rows: list[Any]) -> dict[str, Any]:
    today = business_day.today()
    return {
        "id": str(row["id"]),
        "invoice_id": str(row["invoice_id"]),
        "invoice_number": row["invoice_number"],
        "client_id": str(row["client_id"]) if row["client_id"] else None,
        "issue_date": row["issue_date"].isoformat(),
        "currency": row["currency"],
        "invoiced": str(row["invoiced"]),
        "amount": str(row["amount"]),
        "paid": str(row["paid"]),
        "outstanding": str(row["amount"] - row["paid"]),
        "status": row["status"],
        "cancelled_at": row["cancelled_at"].isoformat() if row["cancelled_at"] else None,
        "cancellation_reason": row["cancellation_reason"],
        # Whether Ley 3/2004 covers the debt and what that rests on (null: client not known yet).
        "late_payment_law": None
        if row["late_payment_law_applies"] is None
        else {
            "applies": row["late_payment_law_applies"],
            "debtor_kind": row["debtor_kind"],
            "client_version": row["debtor_client_version"],
            "basis": row["late_payment_law_basis"],
        },
        "instalments": [
            {
                "seq": i["seq"],
                "due_on": i["due_on"].isoformat(),
                "amount": str(i["amount"]),
                "paid": str(i["paid"]),
                "outstanding": str(i["amount"] - i["paid"]),
                "status": i["status"],
                "days_overdue": (today - i["due_on"]).days if i["status"] == "overdue" else 0,
            }
            for i in rows
        ],
    }


async def list_receivables(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    *,
    order: Literal["oldest", "newest"],
    cursor: str | None,
    limit: int,
    client_id: uuid.UUID | None,
    invoice_id: uuid.UUID | None,
    status: Sequence[str] | None,
) -> dict[str, Any]:
    keyset = Keyset(receivables.c.created_at, receivables.c.id, order, cursor)
    query = select(receivables).where(receivables.c.tenant_id == tenant_id)
    if client_id:
        query = query.where(receivables.c.client_id == client_id)
    if invoice_id:
        query = query.where(receivables.c.invoice_id == invoice_id)
    if status:
        query = query.where(receivables.c.status.in_(set(status)))
    rows = (await session.execute(keyset.select(query, limit))).mappings().all()
    page, next_cursor = keyset.page(rows, limit)
    # One query for the whole page's instalments, not one per receivable.
    by_receivable: dict[uuid.UUID, list[Any]] = {r["id"]: [] for r in page}
    if page:
        found = await session.execute(
            select(instalments)
            .where(instalments.c.receivable_id.in_(list(by_receivable)))
            .order_by(instalments.c.receivable_id, instalments.c.seq)
        )
        for i in found.mappings():
            by_receivable[i["receivable_id"]].append(i)
    return {
        "items": [receivable_data(r, by_receivable[r["id"]]) for r in page],
        "next_cursor": next_cursor,
    }


async def record_payment(
    session: AsyncSession, invoicing: InternalClient, tenant_id: uuid.UUID, body: PaymentIn
) -> dict[str, Any]:
    receivable = await issued_invoices.receivable_to_pay(
        session, invoicing, tenant_id, body.invoice_id
    )
    payment = await ledger.record_payment(
        session,
        tenant_id=tenant_id,
        receivable=receivable,
        amount=body.amount,
        paid_on=body.paid_on,
        method=body.method,
        reference=body.reference,
        allow_credit=body.confirm_overpayment,
    )
    refreshed = await ledger.find(session, tenant_id, body.invoice_id)
    return ledger.payment_data(payment, receivable, refreshed["status"] if refreshed else "")


async def list_payments(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    *,
    order: Literal["oldest", "newest"],
    cursor: str | None,
    limit: int,
    invoice_id: uuid.UUID | None,
    client_id: uuid.UUID | None,
) -> dict[str, Any]:
    keyset = Keyset(payments.c.created_at, payments.c.id, order, cursor)
    query = (
        select(payments, receivables.c.invoice_number, receivables.c.currency)
        .join(receivables, receivables.c.id == payments.c.receivable_id)
        .where(payments.c.tenant_id == tenant_id)
    )
    if invoice_id:
        query = query.where(payments.c.invoice_id == invoice_id)
    if client_id:
        query = query.where(payments.c.client_id == client_id)
    rows = (await session.execute(keyset.select(query, limit))).mappings().all()
    page, next_cursor = keyset.page(rows, limit)
    return {
        "items": [ledger.payment_data(r, r, "") | {"receivable_status": None} for r in page],
        "next_cursor": next_cursor,
    }


async def reverse_payment(
    session: AsyncSession, tenant_id: uuid.UUID, payment_id: uuid.UUID, reason: str
) -> dict[str, Any]:
    payment = (
        (
            await session.execute(
                select(payments)
                .where(payments.c.tenant_id == tenant_id, payments.c.id == payment_id)
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    if payment is None:
        raise NotFound(f"Payment {payment_id} does not exist.")
    if payment["reversed_at"] is not None:
        raise Conflict(f"Payment {payment_id} was already reversed.", code=Code.INVALID_STATE)
    reversed_row = await ledger.reverse_payment(
        session, tenant_id=tenant_id, payment=payment, reason=reason
    )
    receivable = (
        (
            await session.execute(
                select(receivables).where(receivables.c.id == payment["receivable_id"])
            )
        )
        .mappings()
        .one()
    )
    return ledger.payment_data(reversed_row, receivable, receivable["status"])
