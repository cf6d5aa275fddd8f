"""Receivables, instalments and payments: what is owed, since when, and what was paid.

A receivable is created from `invoice.issued` with the invoice's own due dates, so what is owed
is the invoice's total to pay to the cent. A rectification adjusts its original: by
differences the change comes off (or onto) the last instalments; by substitution the amount
becomes the new total. Payments are allocated to instalments in due-date order; what exceeds
what is owed, when the payer confirms it, is the client's credit. A reversal undoes exactly the
allocation it made.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_collections import debtor_scope
from cartera_collections.domain.late_payment_law import scope_for
from cartera_collections.invoice_events import InvoiceRectification, InvoiceToOpen
from cartera_collections.models import (
    dunning_queue,
    instalments,
    open_instalments,
    outbox,
    payments,
    receivables,
)
from cartera_shared import business_day
from cartera_shared.events import new_envelope, topics
from cartera_shared.events.envelope import Envelope
from cartera_shared.inbox import PoisonMessage
from cartera_shared.outbox import add_event
from cartera_shared.problems import Code, Conflict, UnprocessableEntity, field_error

ZERO = Decimal("0.00")


Handler = Callable[[AsyncSession, Envelope], Awaitable[None]]


async def on_invoice_event(session: AsyncSession, envelope: Envelope) -> None:
    if envelope.type == topics.INVOICE_RECTIFIED:
        await on_invoice_rectified(session, envelope)
    else:
        await on_invoice_issued(session, envelope)


class OriginalNotYetKnown(Exception):
    """A rectification arrived before its original invoice: retried until the original lands."""


def status_of(amount: Decimal, paid: Decimal) -> str:
    if paid >= amount:
        return "settled"
    return "partially_paid" if paid > 0 else "open"


def keep_cancelled(receivable: Any, status: str) -> str:
    """A cancelled invoice's receivable stays cancelled whatever is paid or reversed on it."""
    return "cancelled" if receivable["status"] == "cancelled" else status


async def publish(
    session: AsyncSession, tenant_id: uuid.UUID, topic: str, subject: Any, data: dict[str, Any]
) -> None:
    await add_event(
        session,
        outbox,
        new_envelope(
            type=topic,
            tenant_id=tenant_id,
            producer="collections",
            subject=subject,
            sequence=1,
            data=data,
        ),
        topic=topic,
    )


async def _track(session: AsyncSession, tenant_id: uuid.UUID, row: Any) -> None:
    """Keep the overdue job's index in step with an instalment."""
    if row["status"] in ("open",) and row["paid"] < row["amount"]:
        await session.execute(
            pg_insert(open_instalments)
            .values(instalment_id=row["id"], tenant_id=tenant_id, due_on=row["due_on"])
            .on_conflict_do_update(
                index_elements=[open_instalments.c.instalment_id],
                set_={"due_on": row["due_on"]},
            )
        )
    else:
        await session.execute(
            delete(open_instalments).where(open_instalments.c.instalment_id == row["id"])
        )


track = _track  # for cancellations.py


class UnusableInvoice(ValueError):
    """An issued invoice without what a receivable needs (or whose due dates miss its total)."""


@dataclass(frozen=True)
class InvoiceToCollect:
    """What a receivable is made of: the issued invoice's number, parties, total and due dates."""

    invoice_id: uuid.UUID
    number: str
    client_id: uuid.UUID | None
    issue_date: dt.date
    currency: str
    total: Decimal
    due_dates: tuple[tuple[dt.date, Decimal], ...]

    @classmethod
    def from_event(cls, data: dict[str, Any]) -> InvoiceToCollect:
        """From `invoice.issued`, which carries the invoice as printed (`amounts.totals`)."""
        try:
            event = InvoiceToOpen.model_validate(data)
        except ValidationError as exc:
            raise UnusableInvoice(str(exc)) from exc
        dues = tuple((due.due_on, due.amount) for due in event.due_dates)
        total = event.amounts.totals.total
        if sum((amount for _, amount in dues), ZERO) != total:
            raise UnusableInvoice("the invoice's due dates do not add up to its total to pay")
        return cls(
            invoice_id=event.id,
            number=event.number,
            client_id=event.client_id,
            issue_date=event.issue_date,
            currency=event.currency,
            total=total,
            due_dates=dues,
        )

    @classmethod
    def from_invoice_read(cls, data: dict[str, Any]) -> InvoiceToCollect:
        """From the invoicing service's `GET /v1/invoices/{id}` (`totals`): the same figures
        the event carries, so both make the same receivable."""
        if not isinstance(data, dict):
            raise UnusableInvoice("the answer is not an object")
        return cls.from_event({**data, "amounts": {"totals": data.get("totals")}})


async def on_invoice_issued(session: AsyncSession, envelope: Envelope) -> None:
    try:
        invoice = InvoiceToCollect.from_event(envelope.data)
    except UnusableInvoice as exc:
        raise PoisonMessage(f"invoice.issued without what a receivable needs: {exc}") from exc
    await open_receivable(session, envelope.tenant_id, invoice)


async def open_receivable(
    session: AsyncSession, tenant_id: uuid.UUID, invoice: InvoiceToCollect
) -> bool:
    """The receivable of an issued invoice and its instalments, once per invoice: whichever of
    the `invoice.issued` event and a payment that came first (`issued_invoices`) makes it, the
    other finds it and does nothing. True if this call made it."""
    receivable_id = uuid.uuid4()
    created = await session.execute(
        pg_insert(receivables)
        .values(
            id=receivable_id,
            tenant_id=tenant_id,
            invoice_id=invoice.invoice_id,
            invoice_number=invoice.number,
            client_id=invoice.client_id,
            issue_date=invoice.issue_date,
            currency=invoice.currency,
            invoiced=invoice.total,
            amount=invoice.total,
            status="open" if invoice.total > 0 else "settled",
        )
        .on_conflict_do_nothing()
        .returning(receivables.c.id)
    )
    if created.first() is None:
        return False  # already known (a replay, or the payment that came first made it)
    # Ley 3/2004 scope from the debtor as it is when the invoice is issued (debtor_scope.py).
    await debtor_scope.decide(
        session,
        tenant_id,
        {"id": receivable_id, "client_id": invoice.client_id, "late_payment_law_applies": None},
    )
    for seq, (due_on, amount) in enumerate(invoice.due_dates, start=1):
        row = (
            (
                await session.execute(
                    insert(instalments)
                    .values(
                        id=uuid.uuid4(),
                        tenant_id=tenant_id,
                        receivable_id=receivable_id,
                        seq=seq,
                        due_on=due_on,
                        amount=amount,
                        status="open",
                    )
                    .returning(instalments)
                )
            )
            .mappings()
            .one()
        )
        await _track(session, tenant_id, row)
    return True


async def open_receivables(
    session: AsyncSession, tenant_id: uuid.UUID, invoices: Sequence[InvoiceToCollect]
) -> None:
    """`open_receivable` for issued invoices, in four statements whatever their number (one
    or a thousand): the debtors' clients read together, then the receivables, their
    instalments and the overdue job's index each written in one."""
    if not invoices:
        return
    debtors = await debtor_scope.clients_of(
        session, tenant_id, {i.client_id for i in invoices if i.client_id is not None}
    )
    rows = []
    for invoice in invoices:
        kind, version = debtors.get(invoice.client_id, (None, None))
        scope = scope_for(kind, version)
        decided = kind is not None or invoice.client_id is None  # as debtor_scope.decide keeps
        rows.append(
            {
                "id": uuid.uuid4(),
                "tenant_id": tenant_id,
                "invoice_id": invoice.invoice_id,
                "invoice_number": invoice.number,
                "client_id": invoice.client_id,
                "issue_date": invoice.issue_date,
                "currency": invoice.currency,
                "invoiced": invoice.total,
                "amount": invoice.total,
                "status": "open" if invoice.total > 0 else "settled",
                "debtor_kind": scope.debtor_kind if decided else None,
                "debtor_client_version": scope.client_version if decided else None,
                "late_payment_law_applies": scope.applies if decided else None,
                "late_payment_law_basis": scope.basis if decided else None,
            }
        )
    created = await session.execute(
        pg_insert(receivables)
        .on_conflict_do_nothing()
        .returning(receivables.c.id, receivables.c.invoice_id),
        rows,
    )
    # Already known ones (a replay, a payment that came first) are left as they are.
    made = {row.invoice_id: row.id for row in created}
    owed = []
    for invoice in invoices:
        receivable_id = made.pop(invoice.invoice_id, None)  # the first of repeated ones
        if receivable_id is None:
            continue
        for seq, (due_on, amount) in enumerate(invoice.due_dates, start=1):
            owed.append(
                {
                    "id": uuid.uuid4(),
                    "tenant_id": tenant_id,
                    "receivable_id": receivable_id,
                    "seq": seq,
                    "due_on": due_on,
                    "amount": amount,
                    "status": "open",
                }
            )
    if not owed:
        return
    await session.execute(insert(instalments), owed)
    # What `_track` does for a new instalment: open and not paid (paid starts at 0).
    tracked = [
        {"instalment_id": i["id"], "tenant_id": tenant_id, "due_on": i["due_on"]}
        for i in owed
        if i["amount"] > 0
    ]
    if tracked:
        await session.execute(pg_insert(open_instalments).on_conflict_do_nothing(), tracked)


async def on_invoice_rectified(session: AsyncSession, envelope: Envelope) -> None:
    try:
        rectification = InvoiceRectification.model_validate(envelope.data)
    except ValidationError as exc:
        raise PoisonMessage(f"invoice.rectified without its original or amounts: {exc}") from exc
    original_id = rectification.rectifies.id
    change = rectification.amounts.totals.total
    kind = rectification.rectification_kind
    original = (
        (
            await session.execute(
                select(receivables)
                .where(
                    receivables.c.tenant_id == envelope.tenant_id,
                    receivables.c.invoice_id == original_id,
                )
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    if original is None:
        raise OriginalNotYetKnown(f"receivable of invoice {original_id} not here yet")
    new_amount = change if kind == "S" else original["amount"] + change
    await adjust(session, envelope.tenant_id, original, max(new_amount, ZERO))


async def adjust(
    session: AsyncSession, tenant_id: uuid.UUID, receivable: RowMapping, new_amount: Decimal
) -> None:
    """Change what a receivable amounts to, taking the difference off its last instalments."""
    rows = (
        (
            await session.execute(
                select(instalments)
                .where(instalments.c.receivable_id == receivable["id"])
                .order_by(instalments.c.seq.desc())
                .with_for_update()
            )
        )
        .mappings()
        .all()
    )
    difference = new_amount - receivable["amount"]
    for row in rows:
        if difference == 0:
            break
        if difference > 0:  # an increase goes onto the last instalment
            amount = row["amount"] + difference
            difference = ZERO
        else:
            reducible = row["amount"] - row["paid"]
            take = min(reducible, -difference)
            amount = row["amount"] - take
            difference += take
        updated = (
            (
                await session.execute(
                    update(instalments)
                    .where(instalments.c.id == row["id"])
                    .values(
                        amount=amount, status="paid" if row["paid"] >= amount else row["status"]
                    )
                    .returning(instalments)
                )
            )
            .mappings()
            .one()
        )
        await _track(session, tenant_id, updated)
    await session.execute(
        update(receivables)
        .where(receivables.c.id == receivable["id"])
        .values(
            amount=new_amount,
            status=status_of(new_amount, receivable["paid"]),
            updated_at=func.now(),
        )
    )


async def find(
    session: AsyncSession, tenant_id: uuid.UUID, invoice_id: uuid.UUID, lock: bool = False
) -> RowMapping | None:
    query = select(receivables).where(
        receivables.c.tenant_id == tenant_id, receivables.c.invoice_id == invoice_id
    )
    if lock:
        query = query.with_for_update()
    return (await session.execute(query)).mappings().first()


async def instalments_of(
    session: AsyncSession, receivable_id: uuid.UUID, lock: bool = False
) -> list[RowMapping]:
    query = (
        select(instalments)
        .where(instalments.c.receivable_id == receivable_id)
        .order_by(instalments.c.seq)
    )
    if lock:
        query = query.with_for_update()
    return list((await session.execute(query)).mappings().all())


async def record_payment(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    receivable: RowMapping,
    amount: Decimal,
    paid_on: dt.date,
    method: str,
    reference: str | None,
    allow_credit: bool,
) -> RowMapping:
    if receivable["status"] == "cancelled" and not allow_credit:
        raise Conflict(
            f"Invoice {receivable['invoice_number']} was cancelled: nothing is owed on it. Money "
            "received for it is kept as the client's credit only with confirm_overpayment=true.",
            code=Code.INVOICE_CANCELLED,
            reason="cancelled",
        )
    outstanding = receivable["amount"] - receivable["paid"]
    applied = min(amount, outstanding)
    credit = amount - applied
    if credit > 0 and not allow_credit:
        raise UnprocessableEntity(
            f"{amount} is more than the {outstanding} still owed on invoice "
            f"{receivable['invoice_number']}; send confirm_overpayment=true to keep the "
            f"{credit} difference as the client's credit.",
            code=Code.OVERPAYMENT,
            errors=field_error("body", "amount", msg="more than is owed"),
            outstanding=str(outstanding),
        )
    allocations = []
    left = applied
    for row in await instalments_of(session, receivable["id"], lock=True):
        if left == 0:
            break
        take = min(row["amount"] - row["paid"], left)
        if take <= 0:
            continue
        left -= take
        paid = row["paid"] + take
        done = paid >= row["amount"]
        updated = (
            (
                await session.execute(
                    update(instalments)
                    .where(instalments.c.id == row["id"])
                    .values(
                        paid=paid,
                        status="paid" if done else row["status"],
                        settled_on=paid_on if done else None,
                    )
                    .returning(instalments)
                )
            )
            .mappings()
            .one()
        )
        await _track(session, tenant_id, updated)
        allocations.append({"seq": row["seq"], "amount": str(take)})
    paid_total = receivable["paid"] + applied
    status = keep_cancelled(receivable, status_of(receivable["amount"], paid_total))
    await session.execute(
        update(receivables)
        .where(receivables.c.id == receivable["id"])
        .values(paid=paid_total, status=status, updated_at=func.now())
    )
    payment: RowMapping = (
        (
            await session.execute(
                insert(payments)
                .values(
                    id=uuid.uuid4(),
                    tenant_id=tenant_id,
                    receivable_id=receivable["id"],
                    invoice_id=receivable["invoice_id"],
                    client_id=receivable["client_id"],
                    amount=amount,
                    applied=applied,
                    credit=credit,
                    allocations=allocations,
                    paid_on=paid_on,
                    method=method,
                    reference=reference,
                )
                .returning(payments)
            )
        )
        .mappings()
        .one()
    )
    await publish(
        session,
        tenant_id,
        topics.PAYMENT_RECORDED,
        payment["id"],
        payment_data(payment, receivable, status),
    )
    if status == "settled" and receivable["status"] != "settled":
        await publish(
            session,
            tenant_id,
            topics.RECEIVABLE_SETTLED,
            receivable["invoice_id"],
            {
                "receivable_id": str(receivable["id"]),
                "invoice_id": str(receivable["invoice_id"]),
                "invoice_number": receivable["invoice_number"],
                "client_id": str(receivable["client_id"]) if receivable["client_id"] else None,
                "amount": str(receivable["amount"]),
                "currency": receivable["currency"],
                "settled_on": paid_on.isoformat(),
            },
        )
    return payment


def payment_data(payment: Any, receivable: Any, status: str) -> dict[str, Any]:
    return {
        "id": str(payment["id"]),
        "invoice_id": str(payment["invoice_id"]),
        "invoice_number": receivable["invoice_number"],
        "client_id": str(payment["client_id"]) if payment["client_id"] else None,
        "amount": str(payment["amount"]),
        "applied": str(payment["applied"]),
        "credit": str(payment["credit"]),
        "currency": receivable["currency"],
        "paid_on": payment["paid_on"].isoformat(),
        "method": payment["method"],
        "allocations": payment["allocations"],
        "reversed": payment["reversed_at"] is not None,
        "receivable_status": status,
    }


async def reverse_payment(
    session: AsyncSession, *, tenant_id: uuid.UUID, payment: RowMapping, reason: str
) -> RowMapping:
    receivable = (
        (
            await session.execute(
                select(receivables)
                .where(receivables.c.id == payment["receivable_id"])
                .with_for_update()
            )
        )
        .mappings()
        .one()
    )
    rows = {r["seq"]: r for r in await instalments_of(session, receivable["id"], lock=True)}
    today = business_day.today()
    late_again = False
    for allocation in payment["allocations"]:
        row = rows[allocation["seq"]]
        paid = row["paid"] - Decimal(allocation["amount"])
        overdue = row["due_on"] < today
        updated = (
            (
                await session.execute(
                    update(instalments)
                    .where(instalments.c.id == row["id"])
                    .values(
                        paid=paid,
                        status="overdue" if overdue and row["overdue_since"] else "open",
                        settled_on=None,
                    )
                    .returning(instalments)
                )
            )
            .mappings()
            .one()
        )
        await _track(session, tenant_id, updated)
        late_again |= updated["status"] == "overdue"
    if late_again:
        # Owed and late again (a returned debit): back in the queue for reminders.
        await session.execute(
            pg_insert(dunning_queue)
            .values(receivable_id=receivable["id"], tenant_id=tenant_id)
            .on_conflict_do_nothing()
        )
    paid_total = receivable["paid"] - payment["applied"]
    status = keep_cancelled(receivable, status_of(receivable["amount"], paid_total))
    await session.execute(
        update(receivables)
        .where(receivables.c.id == receivable["id"])
        .values(paid=paid_total, status=status, updated_at=func.now())
    )
    reversed_row: RowMapping = (
        (
            await session.execute(
                update(payments)
                .where(payments.c.id == payment["id"])
                .values(reversed_at=func.now(), reversal_reason=reason)
                .returning(payments)
            )
        )
        .mappings()
        .one()
    )
    await publish(
        session,
        tenant_id,
        topics.PAYMENT_REVERSED,
        payment["id"],
        {**payment_data(reversed_row, receivable, status), "reason": reason},
    )
    return reversed_row
