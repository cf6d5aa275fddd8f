"""SEPA Core direct debits: the creditor's identity, debtors' mandates, remittances of what is
due as pain.008.001.02, payments recorded when the bank confirms, and returns that reverse them.
Which instalments a remittance collects is decided by :mod:`cartera_collections.domain.remittance`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, exists, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_collections import ledger
from cartera_collections.direct_debits.schemas import (
    CreditorIn,
    MandateIn,
    RemittanceIn,
    ReturnIn,
)
from cartera_collections.domain.remittance import plan_remittance
from cartera_collections.domain.sepa import (
    Creditor,
    InvalidRemittance,
    Mandate,
    SequenceType,
    creditor_identifier,
    remittance_xml,
)
from cartera_collections.models import (
    client_replicas,
    instalments,
    mandates,
    payments,
    receivables,
    remittance_items,
    remittances,
    sepa_creditors,
)
from cartera_shared import business_day
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.pagination import SortKey, SortKeyset, read_moment, write_moment
from cartera_shared.problems import Code, Conflict, NotFound, UnprocessableEntity, field_error

ZERO = Decimal("0.00")


def _refused(exc: InvalidRemittance) -> UnprocessableEntity:
    return UnprocessableEntity(str(exc))


async def set_creditor(
    session: AsyncSession, tenant_id: uuid.UUID, body: CreditorIn
) -> dict[str, Any]:
    """The tenant as SEPA creditor; its creditor identifier is computed from its NIF."""
    try:
        creditor = Creditor(
            name=body.name,
            iban=body.iban,
            bic=body.bic,
            creditor_id=creditor_identifier(body.nif, body.suffix),
        )
    except InvalidRemittance as exc:
        raise _refused(exc) from exc
    values = {
        "name": creditor.name,
        "iban": creditor.iban,
        "bic": creditor.bic,
        "creditor_id": creditor.creditor_id,
    }
    statement = pg_insert(sepa_creditors).values(tenant_id=tenant_id, **values)
    await session.execute(
        statement.on_conflict_do_update(index_elements=[sepa_creditors.c.tenant_id], set_=values)
    )
    return values


async def _require_client(
    session: AsyncSession, directory: ClientsDirectory, tenant_id: uuid.UUID, client_id: uuid.UUID
) -> None:
    """A mandate is the tenant's client's: from the replica, or from the clients service when
    the replica does not know the client yet (created a moment ago)."""
    if await directory.known_client(session, client_replicas, tenant_id, client_id) is None:
        raise UnprocessableEntity(
            f"client_id: there is no client {client_id}.",
            code=Code.UNKNOWN_REFERENCE,
            errors=[{"loc": ["body", "client_id"], "msg": "unknown client", "type": "unknown"}],
        )


async def create_mandate(
    session: AsyncSession, directory: ClientsDirectory, tenant_id: uuid.UUID, body: MandateIn
) -> dict[str, Any]:
    """Record a debtor's signed SEPA Core mandate; its first collection goes out as FRST."""
    if body.signed_on > business_day.today():
        raise UnprocessableEntity(
            "signed_on cannot be in the future.",
            code=Code.FUTURE_DATE,
            errors=field_error("body", "signed_on", msg="in the future"),
        )
    try:
        mandate = Mandate(
            reference=body.reference,
            signed_on=body.signed_on,
            debtor_name=body.debtor_name,
            debtor_iban=body.iban,
            debtor_bic=body.bic,
            sequence_type=SequenceType.FIRST,
        )
    except InvalidRemittance as exc:
        raise _refused(exc) from exc
    mandate_id = uuid.uuid4()
    try:
        await _require_client(session, directory, tenant_id, body.client_id)
        await session.execute(
            insert(mandates).values(
                id=mandate_id,
                tenant_id=tenant_id,
                client_id=body.client_id,
                reference=mandate.reference,
                signed_on=mandate.signed_on,
                debtor_name=mandate.debtor_name,
                iban=mandate.debtor_iban,
                bic=mandate.debtor_bic,
            )
        )
    except IntegrityError:
        raise Conflict(
            f"A mandate with reference {body.reference} already exists.",
            code=Code.ALREADY_EXISTS,
            errors=field_error("body", "reference", msg="already exists", type="duplicate"),
        ) from None
    return {
        "id": str(mandate_id),
        "client_id": str(body.client_id),
        "reference": mandate.reference,
        "signed_on": mandate.signed_on.isoformat(),
        "iban": mandate.debtor_iban,
        "status": "active",
    }


async def create_remittance(
    session: AsyncSession, tenant_id: uuid.UUID, body: RemittanceIn
) -> dict[str, Any]:
    """A remittance of every unpaid instalment due by `due_until` whose client has a mandate."""
    now = dt.datetime.now(dt.UTC)
    due_until = body.due_until or body.collection_date
    creditor_row = (
        (
            await session.execute(
                select(sepa_creditors).where(sepa_creditors.c.tenant_id == tenant_id)
            )
        )
        .mappings()
        .first()
    )
    if creditor_row is None:
        raise UnprocessableEntity(
            "Set the creditor first: PUT /v1/collections/sepa/creditor.",
            code=Code.SETUP_REQUIRED,
        )
    rows = await _due_under_mandates(session, tenant_id, due_until)
    history = await _mandate_history(session, {row["mandate_id"] for row in rows})
    plan = plan_remittance(rows, history, body.collection_date)
    collections, deferred, expired = plan.collections, plan.deferred, plan.expired
    if not collections:
        # Nothing is written: the expiry is computed again, the same, on the next attempt.
        raise UnprocessableEntity(
            f"Nothing can be collected by {due_until.isoformat()} from clients with a "
            "valid mandate.",
            deferred=deferred,
        )
    if expired:
        # An expired mandate stays expired: a new one must be signed (SDD Core Rulebook).
        await session.execute(
            update(mandates).where(mandates.c.id.in_(expired)).values(status="expired")
        )
    remittance_id = uuid.uuid4()
    message_id = f"CARTERA-{remittance_id.hex[:20].upper()}"
    try:
        xml = remittance_xml(
            message_id,
            Creditor(
                name=creditor_row["name"],
                iban=creditor_row["iban"],
                bic=creditor_row["bic"],
                creditor_id=creditor_row["creditor_id"],
            ),
            [c for _, c in collections],
            body.collection_date,
            now,
        )
    except InvalidRemittance as exc:
        raise _refused(exc) from exc
    total = plan.total
    await session.execute(
        insert(remittances).values(
            id=remittance_id,
            tenant_id=tenant_id,
            message_id=message_id,
            collection_date=body.collection_date,
            status="created",
            total=total,
            count=len(collections),
            xml=xml.decode(),
        )
    )
    for seq, (row, collection) in enumerate(collections, start=1):
        await session.execute(
            insert(remittance_items).values(
                remittance_id=remittance_id,
                seq=seq,
                tenant_id=tenant_id,
                instalment_id=row["id"],
                invoice_id=row["invoice_id"],
                mandate_id=row["mandate_id"],
                amount=collection.amount,
                end_to_end_id=collection.end_to_end_id,
            )
        )
    return {
        "id": str(remittance_id),
        "message_id": message_id,
        "status": "created",
        "count": len(collections),
        "total": str(total),
        "collection_date": body.collection_date.isoformat(),
        "deferred": deferred,
    }


async def _due_under_mandates(
    session: AsyncSession, tenant_id: uuid.UUID, due_until: dt.date
) -> Sequence[RowMapping]:
    """The unpaid instalments due by ``due_until`` and not in a remittance waiting for the
    bank, oldest first, each with every active mandate of its client."""
    pending = (
        select(remittance_items.c.instalment_id)
        .join(remittances, remittances.c.id == remittance_items.c.remittance_id)
        .where(remittances.c.status == "created")
    )
    return (
        (
            await session.execute(
                select(
                    instalments,
                    receivables.c.invoice_id,
                    receivables.c.invoice_number,
                    mandates.c.id.label("mandate_id"),
                    mandates.c.reference,
                    mandates.c.signed_on,
                    mandates.c.debtor_name,
                    mandates.c.iban,
                    mandates.c.bic,
                    mandates.c.used,
                )
                .join(receivables, receivables.c.id == instalments.c.receivable_id)
                .join(
                    mandates,
                    (mandates.c.client_id == receivables.c.client_id)
                    & (mandates.c.status == "active"),
                )
                .where(
                    instalments.c.tenant_id == tenant_id,
                    instalments.c.paid < instalments.c.amount,
                    instalments.c.due_on <= due_until,
                    instalments.c.id.not_in(pending),
                )
                .order_by(instalments.c.due_on, instalments.c.seq)
            )
        )
        .mappings()
        .all()
    )


async def _mandate_history(
    session: AsyncSession, mandate_ids: set[uuid.UUID]
) -> dict[uuid.UUID, tuple[dt.date | None, bool]]:
    """Per mandate: the collection date of its latest collection presented (in any remittance,
    even if it was returned later), and whether a remittance not yet confirmed holds one of its
    collections. The mandate rows are locked, so two remittances made at once cannot both take
    a mandate's first collection."""
    if not mandate_ids:
        return {}
    await session.execute(
        select(mandates.c.id).where(mandates.c.id.in_(mandate_ids)).with_for_update()
    )
    rows = await session.execute(
        select(
            remittance_items.c.mandate_id,
            func.max(remittances.c.collection_date),
            func.bool_or(remittances.c.status == "created"),
        )
        .join(remittances, remittances.c.id == remittance_items.c.remittance_id)
        .where(remittance_items.c.mandate_id.in_(mandate_ids))
        .group_by(remittance_items.c.mandate_id)
    )
    return {mandate_id: (last, bool(pending)) for mandate_id, last, pending in rows.all()}


async def _remittance(session: AsyncSession, tenant_id: uuid.UUID, remittance_id: uuid.UUID) -> Any:
    row = (
        (
            await session.execute(
                select(remittances)
                .where(remittances.c.tenant_id == tenant_id, remittances.c.id == remittance_id)
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Remittance {remittance_id} does not exist.")
    return row


async def remittance_file(
    session: AsyncSession, tenant_id: uuid.UUID, remittance_id: uuid.UUID
) -> tuple[str, str]:
    """The remittance's XML and its file name."""
    row = await _remittance(session, tenant_id, remittance_id)
    return row["xml"], f"{row['message_id']}.xml"


async def confirm_remittance(
    session: AsyncSession, tenant_id: uuid.UUID, remittance_id: uuid.UUID
) -> dict[str, Any]:
    """The bank collected the remittance: each debit becomes a payment of its invoice."""
    row = await _remittance(session, tenant_id, remittance_id)
    if row["status"] != "created":
        raise Conflict(
            f"Remittance {row['message_id']} is already {row['status']}.",
            code=Code.INVALID_STATE,
        )
    paid_on = min(row["collection_date"], business_day.today())
    items = (
        (
            await session.execute(
                select(remittance_items)
                .where(remittance_items.c.remittance_id == remittance_id)
                .order_by(remittance_items.c.seq)
            )
        )
        .mappings()
        .all()
    )
    for item in items:
        receivable = await ledger.find(session, tenant_id, item["invoice_id"], lock=True)
        assert receivable is not None
        # The bank collected the whole debit: if part was paid otherwise meanwhile, the
        # difference is the client's credit, never money that disappears.
        payment = await ledger.record_payment(
            session,
            tenant_id=tenant_id,
            receivable=receivable,
            amount=item["amount"],
            paid_on=paid_on,
            method="direct_debit",
            reference=item["end_to_end_id"],
            allow_credit=True,
        )
        await session.execute(
            update(remittance_items)
            .where(
                remittance_items.c.remittance_id == remittance_id,
                remittance_items.c.seq == item["seq"],
            )
            .values(payment_id=payment["id"])
        )
        await session.execute(
            update(mandates)
            .where(mandates.c.id == item["mandate_id"])
            .values(used=mandates.c.used + 1)
        )
    await session.execute(
        update(remittances)
        .where(remittances.c.id == remittance_id)
        .values(status="confirmed", confirmed_at=dt.datetime.now(dt.UTC))
    )
    return {"id": str(remittance_id), "status": "confirmed", "payments": len(items)}


async def return_debit(
    session: AsyncSession, tenant_id: uuid.UUID, remittance_id: uuid.UUID, body: ReturnIn
) -> dict[str, Any]:
    """A debit the debtor's bank returned: its payment is reversed and the amount is owed again."""
    await _remittance(session, tenant_id, remittance_id)
    item = (
        (
            await session.execute(
                select(remittance_items)
                .where(
                    remittance_items.c.remittance_id == remittance_id,
                    remittance_items.c.end_to_end_id == body.end_to_end_id,
                )
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    if item is None:
        raise NotFound(f"No debit {body.end_to_end_id} in this remittance.")
    if item["payment_id"] is None:
        raise Conflict(
            "This remittance has not been confirmed; nothing was paid to return.",
            code=Code.INVALID_STATE,
        )
    if item["returned_at"] is not None:
        raise Conflict(f"Debit {body.end_to_end_id} was already returned.", code=Code.INVALID_STATE)
    payment = (
        (
            await session.execute(
                select(payments).where(payments.c.id == item["payment_id"]).with_for_update()
            )
        )
        .mappings()
        .one()
    )
    await ledger.reverse_payment(
        session,
        tenant_id=tenant_id,
        payment=payment,
        reason=f"Devolución de adeudo: {body.reason}",
    )
    await session.execute(
        update(remittance_items)
        .where(
            remittance_items.c.remittance_id == remittance_id,
            remittance_items.c.seq == item["seq"],
        )
        .values(returned_at=dt.datetime.now(dt.UTC), return_reason=body.reason)
    )
    return {"end_to_end_id": body.end_to_end_id, "status": "returned"}


def returned_keyset(cursor: str | None) -> SortKeyset:
    """Newest return first, then by remittance and place in it (a bad cursor is a 422 before
    any transaction)."""
    return SortKeyset(
        (
            SortKey(remittance_items.c.returned_at, read_moment, write_moment, descending=True),
            SortKey(remittance_items.c.remittance_id, uuid.UUID),
            SortKey(remittance_items.c.seq, int),
        ),
        None,
        "returned-debits",
        cursor,
    )


async def list_returned(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    *,
    outstanding: bool | None,
    limit: int,
    cursor: str | None,
) -> dict[str, Any]:
    """The debits the debtors' banks returned, newest first: what each instalment still owes and
    whether it went out again in a later remittance. `outstanding=true` keeps those a person has
    to act on: still owed and not presented again (false: the others). A debit presented again
    and returned again is listed twice; only the latest return can be outstanding."""
    keyset = returned_keyset(cursor)
    later = remittance_items.alias("later")
    later_remittance = remittances.alias("later_remittance")
    presented_again = (
        exists()
        .where(
            later.c.tenant_id == remittance_items.c.tenant_id,
            later.c.instalment_id == remittance_items.c.instalment_id,
            later_remittance.c.id == later.c.remittance_id,
            later_remittance.c.created_at > remittance_items.c.returned_at,
        )
        .label("presented_again")
    )
    still_owed = (instalments.c.amount - instalments.c.paid).label("still_owed")
    query = (
        select(
            remittance_items.c.remittance_id,
            remittance_items.c.seq,
            remittance_items.c.end_to_end_id,
            remittance_items.c.invoice_id,
            remittance_items.c.amount,
            remittance_items.c.returned_at,
            remittance_items.c.return_reason,
            receivables.c.invoice_number,
            mandates.c.client_id,
            mandates.c.reference.label("mandate_reference"),
            still_owed,
            presented_again,
        )
        .join(instalments, instalments.c.id == remittance_items.c.instalment_id)
        .join(receivables, receivables.c.id == instalments.c.receivable_id)
        .join(mandates, mandates.c.id == remittance_items.c.mandate_id)
        .where(
            remittance_items.c.tenant_id == tenant_id,
            remittance_items.c.returned_at.is_not(None),
        )
    )
    if outstanding is not None:
        needs_action = and_(instalments.c.amount > instalments.c.paid, ~presented_again)
        query = query.where(needs_action if outstanding else ~needs_action)
    rows, next_cursor = await keyset.fetch(session, query, limit)
    return {
        "items": [
            {
                "remittance_id": r["remittance_id"],
                "end_to_end_id": r["end_to_end_id"],
                "invoice_id": r["invoice_id"],
                "invoice_number": r["invoice_number"],
                "client_id": r["client_id"],
                "mandate_reference": r["mandate_reference"],
                "amount": r["amount"],
                "returned_at": r["returned_at"],
                "reason": r["return_reason"],
                "still_owed": max(r["still_owed"], ZERO),
                "presented_again": r["presented_again"],
            }
            for r in rows
        ],
        "next_cursor": next_cursor,
    }
