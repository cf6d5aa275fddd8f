"""HTTP API of the collections service (reached only through the gateway)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, status
from fastapi.responses import JSONResponse
from pydantic import ConfigDict, Field
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_collections import issued_invoices, ledger
from cartera_collections.models import (
    client_replicas,
    idempotency_keys,
    instalments,
    payments,
    receivables,
)
from cartera_collections.overdue import mark_overdue
from cartera_shared import idempotency
from cartera_shared.edge import Runtime, TenantSession, part
from cartera_shared.identity import Identity, require_scope
from cartera_shared.internal_calls import InternalClient
from cartera_shared.pagination import Keyset, ListCursor, ListOrder
from cartera_shared.problems import Conflict, NotFound, UnprocessableEntity
from cartera_shared.text import Input

router = APIRouter(tags=["collections"])
ReadIdentity = Annotated[Identity, require_scope("collections:read")]
WriteIdentity = Annotated[Identity, require_scope("collections:write")]
IdempotencyKey = Annotated[str | None, Header(alias=idempotency.IDEMPOTENCY_HEADER)]
PaymentMethod = Literal["transfer", "direct_debit", "card", "cash", "cheque", "other"]


class PaymentIn(Input):
    model_config = ConfigDict(extra="forbid")

    invoice_id: uuid.UUID
    amount: Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2)]
    paid_on: dt.date
    method: PaymentMethod = "transfer"
    reference: str | None = Field(default=None, max_length=140)
    confirm_overpayment: bool = Field(
        default=False, description="Keep what exceeds the amount owed as the client's credit."
    )


class ReversalIn(Input):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=500, description="e.g. a returned direct debit")


def _receivable(row: Any, rows: list[Any]) -> dict[str, Any]:
    today = dt.datetime.now(dt.UTC).date()
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


@router.get("/v1/receivables")
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
) -> Any:
    """What is owed, invoice by invoice, with its instalments, in the order invoices reached
    collections (or newest first), a page at a time (`next_cursor`)."""
    keyset = Keyset(receivables.c.created_at, receivables.c.id, order, cursor)
    query = select(receivables).where(receivables.c.tenant_id == identity.tenant_id)
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
        "items": [_receivable(r, by_receivable[r["id"]]) for r in page],
        "next_cursor": next_cursor,
    }


@router.post("/v1/payments", status_code=status.HTTP_201_CREATED)
async def record_payment(
    body: PaymentIn,
    identity: WriteIdentity,
    session: TenantSession,
    invoicing: Annotated[InternalClient, part(InternalClient)],
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Record a payment of an invoice: full or partial, allocated to its instalments in order."""
    if body.paid_on > dt.datetime.now(dt.UTC).date():
        raise UnprocessableEntity("paid_on cannot be in the future.")

    async def work() -> dict[str, Any]:
        receivable = await issued_invoices.receivable_to_pay(
            session, invoicing, identity.tenant_id, body.invoice_id
        )
        payment = await ledger.record_payment(
            session,
            tenant_id=identity.tenant_id,
            receivable=receivable,
            amount=body.amount,
            paid_on=body.paid_on,
            method=body.method,
            reference=body.reference,
            allow_credit=body.confirm_overpayment,
        )
        refreshed = await ledger.find(session, identity.tenant_id, body.invoice_id)
        return ledger.payment_data(payment, receivable, refreshed["status"] if refreshed else "")

    return await idempotency.answer_once(
        session,
        idempotency_keys,
        tenant_id=identity.tenant_id,
        key=idempotency_key,
        operation="record-payment",
        payload=body.model_dump(mode="json"),
        work=work,
    )


@router.get("/v1/payments")
async def list_payments(
    identity: ReadIdentity,
    session: TenantSession,
    invoice_id: Annotated[uuid.UUID | None, Query()] = None,
    client_id: Annotated[uuid.UUID | None, Query()] = None,
    order: ListOrder = "oldest",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: ListCursor = None,
) -> Any:
    """Payments in the order they were recorded (or newest first), a page at a time
    (`next_cursor`)."""
    keyset = Keyset(payments.c.created_at, payments.c.id, order, cursor)
    query = (
        select(payments, receivables.c.invoice_number, receivables.c.currency)
        .join(receivables, receivables.c.id == payments.c.receivable_id)
        .where(payments.c.tenant_id == identity.tenant_id)
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


@router.post("/v1/payments/{payment_id}/reverse")
async def reverse_payment(
    payment_id: uuid.UUID, body: ReversalIn, identity: WriteIdentity, session: TenantSession
) -> Any:
    """Undo a payment (a returned direct debit, a bounced transfer): what it paid is owed again."""
    payment = (
        (
            await session.execute(
                select(payments)
                .where(payments.c.tenant_id == identity.tenant_id, payments.c.id == payment_id)
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    if payment is None:
        raise NotFound(f"Payment {payment_id} does not exist.")
    if payment["reversed_at"] is not None:
        raise Conflict(f"Payment {payment_id} was already reversed.")
    reversed_row = await ledger.reverse_payment(
        session, tenant_id=identity.tenant_id, payment=payment, reason=body.reason
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


@router.post("/v1/collections/overdue/run")
async def run_overdue(identity: WriteIdentity, runtime: Runtime) -> Any:
    """Run the overdue detection now (it also runs on its own)."""
    # The job's own run: a transaction of its own per receivable, under the single-runner lock.
    ran, marked = await mark_overdue(runtime.sessions, tenant_id=identity.tenant_id)
    return {"ran": ran, "marked": marked or 0}


BUCKETS = (
    ("current", None, 0),
    ("1-30", 1, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    ("over_90", 91, None),
)


def _bucket(days_late: int) -> str:
    for name, low, high in BUCKETS:
        if (low is None and days_late <= 0) or (
            low is not None and days_late >= low and (high is None or days_late <= high)
        ):
            return name
    return "current"


async def _client_names(session: AsyncSession, tenant_id: uuid.UUID) -> dict[str, str]:
    rows = await session.execute(
        select(client_replicas.c.client_id, client_replicas.c.legal_name).where(
            client_replicas.c.tenant_id == tenant_id
        )
    )
    return {str(c): n for c, n in rows.all()}


async def _unpaid(session: AsyncSession, tenant_id: uuid.UUID) -> list[Any]:
    rows = await session.execute(
        select(instalments, receivables.c.client_id, receivables.c.invoice_number)
        .join(receivables, receivables.c.id == instalments.c.receivable_id)
        .where(instalments.c.tenant_id == tenant_id, instalments.c.paid < instalments.c.amount)
    )
    return list(rows.mappings().all())


@router.get("/v1/collections/aging")
async def aging(identity: ReadIdentity, session: TenantSession) -> Any:
    """What is owed by how late it is (current, 1-30, 31-60, 61-90, over 90 days), per client."""
    today = dt.datetime.now(dt.UTC).date()
    unpaid = await _unpaid(session, identity.tenant_id)
    names = await _client_names(session, identity.tenant_id)
    empty = {name: Decimal("0.00") for name, _, _ in BUCKETS}
    total = dict(empty)
    per_client: dict[str, dict[str, Decimal]] = {}
    for row in unpaid:
        outstanding = row["amount"] - row["paid"]
        bucket = _bucket((today - row["due_on"]).days)
        total[bucket] += outstanding
        key = str(row["client_id"])
        per_client.setdefault(key, dict(empty))[bucket] += outstanding
    return {
        "as_of": today.isoformat(),
        "total": {k: str(v) for k, v in total.items()},
        "clients": [
            {"client_id": c, "legal_name": names.get(c), **{k: str(v) for k, v in b.items()}}
            for c, b in sorted(per_client.items(), key=lambda item: -sum(item[1].values()))
        ],
    }


@router.get("/v1/collections/defaulters")
async def defaulters(
    identity: ReadIdentity,
    session: TenantSession,
    min_days: Annotated[int, Query(ge=1, le=3650)] = 30,
    min_amount: Annotated[Decimal, Query(ge=0)] = Decimal(0),
) -> Any:
    """Clients with amounts overdue for more than `min_days` days, above `min_amount`."""
    today = dt.datetime.now(dt.UTC).date()
    unpaid = await _unpaid(session, identity.tenant_id)
    names = await _client_names(session, identity.tenant_id)
    found: dict[str, dict[str, Any]] = {}
    for row in unpaid:
        late = (today - row["due_on"]).days
        if late <= min_days:
            continue
        entry = found.setdefault(
            str(row["client_id"]),
            {
                "client_id": str(row["client_id"]),
                "legal_name": names.get(str(row["client_id"])),
                "overdue": Decimal("0.00"),
                "oldest_due_on": row["due_on"],
                "invoices": set(),
            },
        )
        entry["overdue"] += row["amount"] - row["paid"]
        entry["oldest_due_on"] = min(entry["oldest_due_on"], row["due_on"])
        entry["invoices"].add(row["invoice_number"])
    result = [
        {
            **e,
            "overdue": str(e["overdue"]),
            "oldest_due_on": e["oldest_due_on"].isoformat(),
            "days_late": (today - e["oldest_due_on"]).days,
            "invoices": sorted(e["invoices"]),
        }
        for e in found.values()
        if e["overdue"] >= min_amount
    ]
    return {"items": sorted(result, key=lambda e: -Decimal(e["overdue"]))}


DSO_WINDOW_DAYS = 90


def _ratio(part: int, whole: int) -> str | None:
    return f"{Decimal(part) / Decimal(whole):.4f}" if whole else None


def _behaviour(row: Any, sales: Decimal) -> dict[str, Any]:
    settled_amount = row["settled_amount"] or Decimal(0)
    outstanding = row["outstanding"] or Decimal("0.00")
    return {
        "instalments_settled": row["settled"],
        "instalments_paid_on_time": row["on_time"],
        "instalments_overdue": row["late_open"],
        "on_time_ratio": _ratio(row["on_time"], row["settled"] + row["late_open"]),
        "average_days_late": (
            f"{row['weighted_days'] / settled_amount:.1f}" if settled_amount else None
        ),
        "outstanding": str(outstanding),
        "current_overdue": str(row["overdue"] or Decimal("0.00")),
        "billed_last_90_days": str(sales),
        "dso": f"{outstanding / sales * DSO_WINDOW_DAYS:.1f}" if sales else None,
    }


@router.get("/v1/collections/behaviour")
async def behaviour(
    identity: ReadIdentity,
    session: TenantSession,
    client_id: Annotated[uuid.UUID | None, Query()] = None,
) -> Any:
    """How each client pays: on-time ratio, average days late, what is overdue now, and DSO.

    - ``on_time_ratio``: instalments settled by their due date, over instalments settled plus
      those overdue and still unpaid (a client that pays nothing is not "always on time");
    - ``average_days_late``: days from due date to settlement of settled instalments, weighted
      by their amounts (paying early counts as 0);
    - ``dso``: what is still owed over what was billed in the last 90 days, times 90.
    """
    today = dt.datetime.now(dt.UTC).date()
    settled = instalments.c.settled_on.is_not(None) & (instalments.c.paid >= instalments.c.amount)
    unpaid = instalments.c.paid < instalments.c.amount
    late_open = unpaid & (instalments.c.due_on < today)
    query = (
        select(
            receivables.c.client_id,
            func.sum(instalments.c.amount - instalments.c.paid).filter(unpaid).label("outstanding"),
            func.sum(instalments.c.amount - instalments.c.paid).filter(late_open).label("overdue"),
            func.count().filter(settled).label("settled"),
            func.count()
            .filter(settled & (instalments.c.settled_on <= instalments.c.due_on))
            .label("on_time"),
            func.count().filter(late_open).label("late_open"),
            func.sum(
                instalments.c.amount
                * func.greatest(instalments.c.settled_on - instalments.c.due_on, 0)
            )
            .filter(settled)
            .label("weighted_days"),
            func.sum(instalments.c.amount).filter(settled).label("settled_amount"),
        )
        .join(receivables, receivables.c.id == instalments.c.receivable_id)
        .where(instalments.c.tenant_id == identity.tenant_id, instalments.c.amount > 0)
        .group_by(receivables.c.client_id)
    )
    sales_query = (
        select(receivables.c.client_id, func.sum(receivables.c.amount))
        .where(
            receivables.c.tenant_id == identity.tenant_id,
            receivables.c.issue_date > today - dt.timedelta(days=DSO_WINDOW_DAYS),
        )
        .group_by(receivables.c.client_id)
    )
    if client_id:
        query = query.where(receivables.c.client_id == client_id)
        sales_query = sales_query.where(receivables.c.client_id == client_id)
    rows = (await session.execute(query)).mappings().all()
    sales: dict[Any, Decimal] = dict((await session.execute(sales_query)).tuples().all())
    names = await _client_names(session, identity.tenant_id)
    totals: dict[str, Any] = {
        "settled": 0,
        "on_time": 0,
        "late_open": 0,
        "outstanding": Decimal("0.00"),
        "overdue": Decimal("0.00"),
        "weighted_days": Decimal(0),
        "settled_amount": Decimal(0),
    }
    for row in rows:
        for key in totals:
            totals[key] += row[key] or 0
    clients = [
        {"client_id": str(r["client_id"]), "legal_name": names.get(str(r["client_id"]))}
        | _behaviour(r, sales.get(r["client_id"], Decimal("0.00")))
        for r in rows
    ]
    clients.sort(key=lambda c: (-Decimal(c["current_overdue"]), c["legal_name"] or ""))
    return {
        "as_of": today.isoformat(),
        "total": _behaviour(totals, sum(sales.values(), Decimal("0.00"))),
        "clients": clients,
    }
