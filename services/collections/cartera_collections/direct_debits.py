"""SEPA Core direct debits: the creditor's identity, debtors' mandates, remittances of what is
due as pain.008.001.02, payments recorded when the bank confirms, and returns that reverse them.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Response, status
from pydantic import ConfigDict, Field
from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_collections import ledger
from cartera_collections.domain.sepa import (
    Collection,
    Creditor,
    InvalidRemittance,
    Mandate,
    SequenceType,
    creditor_identifier,
    mandate_expires_on,
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
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.edge import TenantSession, part
from cartera_shared.identity import Identity, require_scope
from cartera_shared.problems import Conflict, NotFound, UnprocessableEntity
from cartera_shared.text import Input

router = APIRouter(prefix="/v1/collections", tags=["direct debits"])
ReadIdentity = Annotated[Identity, require_scope("collections:read")]
WriteIdentity = Annotated[Identity, require_scope("collections:write")]


class CreditorIn(Input):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=140)
    iban: str = Field(min_length=5, max_length=42)
    bic: str = Field(min_length=8, max_length=11)
    nif: str = Field(min_length=9, max_length=12)
    suffix: str = Field(default="000", pattern=r"^[A-Z0-9]{3}$")


class MandateIn(Input):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    client_id: uuid.UUID
    reference: str = Field(min_length=1, max_length=35)
    signed_on: dt.date
    debtor_name: str = Field(min_length=1, max_length=140)
    iban: str = Field(min_length=5, max_length=42)
    bic: str | None = Field(default=None, max_length=11)


class RemittanceIn(Input):
    model_config = ConfigDict(extra="forbid")

    collection_date: dt.date
    due_until: dt.date | None = Field(
        default=None, description="Collect instalments due up to this day (the collection date)."
    )


class ReturnIn(Input):
    model_config = ConfigDict(extra="forbid")

    end_to_end_id: str = Field(min_length=1, max_length=35)
    reason: str = Field(min_length=1, max_length=500, description="e.g. the R-transaction code")


def _refused(exc: InvalidRemittance) -> UnprocessableEntity:
    return UnprocessableEntity(str(exc))


@router.put("/sepa/creditor")
async def put_creditor(body: CreditorIn, identity: WriteIdentity, session: TenantSession) -> Any:
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
    statement = pg_insert(sepa_creditors).values(tenant_id=identity.tenant_id, **values)
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
            errors=[{"loc": ["body", "client_id"], "msg": "unknown client", "type": "unknown"}],
        )


@router.post("/mandates", status_code=status.HTTP_201_CREATED)
async def create_mandate(
    body: MandateIn,
    identity: WriteIdentity,
    session: TenantSession,
    directory: Annotated[ClientsDirectory, part(ClientsDirectory)],
) -> Any:
    if body.signed_on > dt.datetime.now(dt.UTC).date():
        raise UnprocessableEntity("signed_on cannot be in the future.")
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
        await _require_client(session, directory, identity.tenant_id, body.client_id)
        await session.execute(
            insert(mandates).values(
                id=mandate_id,
                tenant_id=identity.tenant_id,
                client_id=body.client_id,
                reference=mandate.reference,
                signed_on=mandate.signed_on,
                debtor_name=mandate.debtor_name,
                iban=mandate.debtor_iban,
                bic=mandate.debtor_bic,
            )
        )
    except IntegrityError:
        raise Conflict(f"A mandate with reference {body.reference} already exists.") from None
    return {
        "id": str(mandate_id),
        "client_id": str(body.client_id),
        "reference": mandate.reference,
        "signed_on": mandate.signed_on.isoformat(),
        "iban": mandate.debtor_iban,
        "status": "active",
    }


def _end_to_end(number: str, seq: int) -> str:
    return re.sub(r"[^A-Za-z0-9/?:().,'+-]", "-", f"{number}-{seq}")[:35]


@router.post("/remittances", status_code=status.HTTP_201_CREATED)
async def create_remittance(
    body: RemittanceIn, identity: WriteIdentity, session: TenantSession
) -> Any:
    """A remittance of every unpaid instalment due by `due_until` whose client has a mandate."""
    now = dt.datetime.now(dt.UTC)
    due_until = body.due_until or body.collection_date
    creditor_row = (
        (
            await session.execute(
                select(sepa_creditors).where(sepa_creditors.c.tenant_id == identity.tenant_id)
            )
        )
        .mappings()
        .first()
    )
    if creditor_row is None:
        raise UnprocessableEntity("Set the creditor first: PUT /v1/collections/sepa/creditor.")
    pending = (
        select(remittance_items.c.instalment_id)
        .join(remittances, remittances.c.id == remittance_items.c.remittance_id)
        .where(remittances.c.status == "created")
    )
    rows = (
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
                    instalments.c.tenant_id == identity.tenant_id,
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
    history = await _mandate_history(session, {row["mandate_id"] for row in rows})
    collections = []
    deferred: list[dict[str, Any]] = []
    expired: set[uuid.UUID] = set()
    first_here: set[uuid.UUID] = set()
    seen_instalments = set()
    for row in rows:
        if row["id"] in seen_instalments:
            continue  # a client with two mandates: the first one collects
        mandate_id = row["mandate_id"]
        last_collection_on, first_pending = history.get(mandate_id, (None, False))
        expires_on = mandate_expires_on(row["signed_on"], last_collection_on)
        reason = None
        if body.collection_date >= expires_on:
            reason = "mandate_expired"
            expired.add(mandate_id)
        elif not row["used"] and first_pending:
            reason = "first_collection_not_yet_confirmed"
        elif not row["used"] and mandate_id in first_here:
            reason = "first_collection_in_this_remittance"
        if reason is not None:
            deferred.append(
                {
                    "invoice_id": str(row["invoice_id"]),
                    "invoice_number": row["invoice_number"],
                    "seq": row["seq"],
                    "mandate_reference": row["reference"],
                    "reason": reason,
                    "mandate_expired_on": expires_on.isoformat()
                    if reason == "mandate_expired"
                    else None,
                }
            )
            continue
        seen_instalments.add(row["id"])
        if not row["used"]:
            first_here.add(mandate_id)
        collections.append(
            (
                row,
                Collection(
                    end_to_end_id=_end_to_end(row["invoice_number"], row["seq"]),
                    amount=row["amount"] - row["paid"],
                    mandate=Mandate(
                        reference=row["reference"],
                        signed_on=row["signed_on"],
                        debtor_name=row["debtor_name"],
                        debtor_iban=row["iban"],
                        debtor_bic=row["bic"],
                        sequence_type=SequenceType.RECURRING if row["used"] else SequenceType.FIRST,
                    ),
                    remittance_info=f"Factura {row['invoice_number']} vencimiento {row['seq']}",
                ),
            )
        )
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
    total = sum((c.amount for _, c in collections), Decimal("0.00"))
    await session.execute(
        insert(remittances).values(
            id=remittance_id,
            tenant_id=identity.tenant_id,
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
                tenant_id=identity.tenant_id,
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


@router.get(
    "/remittances/{remittance_id}/xml",
    response_class=Response,
    responses={200: {"content": {"application/xml": {}}}},
)
async def remittance_file(
    remittance_id: uuid.UUID, identity: ReadIdentity, session: TenantSession
) -> Response:
    row = await _remittance(session, identity.tenant_id, remittance_id)
    return Response(
        row["xml"],
        media_type="application/xml",
        headers={"Content-Disposition": f'attachment; filename="{row["message_id"]}.xml"'},
    )


@router.post("/remittances/{remittance_id}/confirm")
async def confirm_remittance(
    remittance_id: uuid.UUID, identity: WriteIdentity, session: TenantSession
) -> Any:
    """The bank collected the remittance: each debit becomes a payment of its invoice."""
    row = await _remittance(session, identity.tenant_id, remittance_id)
    if row["status"] != "created":
        raise Conflict(f"Remittance {row['message_id']} is already {row['status']}.")
    paid_on = min(row["collection_date"], dt.datetime.now(dt.UTC).date())
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
        receivable = await ledger.find(session, identity.tenant_id, item["invoice_id"], lock=True)
        assert receivable is not None
        # The bank collected the whole debit: if part was paid otherwise meanwhile, the
        # difference is the client's credit, never money that disappears.
        payment = await ledger.record_payment(
            session,
            tenant_id=identity.tenant_id,
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


@router.post("/remittances/{remittance_id}/returns")
async def return_debit(
    remittance_id: uuid.UUID, body: ReturnIn, identity: WriteIdentity, session: TenantSession
) -> Any:
    """A debit the debtor's bank returned: its payment is reversed and the amount is owed again."""
    await _remittance(session, identity.tenant_id, remittance_id)
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
        raise Conflict("This remittance has not been confirmed; nothing was paid to return.")
    if item["returned_at"] is not None:
        raise Conflict(f"Debit {body.end_to_end_id} was already returned.")
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
        tenant_id=identity.tenant_id,
        payment=payment,
        reason=f"Devolución de adeudo: {body.reason}",
    )
    await session.execute(
        update(remittance_items)
        .where(
            remittance_items.c.remittance_id == remittance_id,
            remittance_items.c.seq == item["seq"],
        )
        .values(returned_at=dt.datetime.now(dt.UTC))
    )
    return {"end_to_end_id": body.end_to_end_id, "status": "returned"}
