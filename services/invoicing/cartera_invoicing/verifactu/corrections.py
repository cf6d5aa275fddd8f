"""Corrections (subsanación) of an issued invoice's Verifactu records; the records of an invoice.

An issued invoice never changes: a correction is a new record of the same invoice appended to
its issuer's chain, rebuilt from the issued invoice with today's record building and today's
issuer profile, so a fix in either reaches the AEAT. Which record, with which flags, is decided
by `domain/verifactu_operations.py` from the AEAT's answers to the invoice's records.

The AEAT's answer to a record is read by `record_status` alone, from the status the sender keeps
(`verifactu_records.status`: pending, sent, accepted, accepted_with_errors, rejected).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import JSONResponse

from cartera_invoicing.domain.invoice import IssuedInvoice, euro_equivalent
from cartera_invoicing.domain.serialize import invoice_from_json
from cartera_invoicing.domain.verifactu import (
    ChainLink,
    InvalidRecord,
    RectifiedAmounts,
    SystemInfo,
    VerifactuRecord,
    build_alta,
    build_anulacion,
    record_xml,
)
from cartera_invoicing.domain.verifactu_operations import (
    Operation,
    RecordState,
    RecordStatus,
    Refused,
    correction_of,
    operation_flags,
    same_registration,
)
from cartera_invoicing.invoices import service
from cartera_invoicing.models import idempotency_keys, verifactu_chains, verifactu_records
from cartera_invoicing.verifactu import chain as verifactu_chain
from cartera_invoicing.verifactu.schemas import RecordCorrection
from cartera_invoicing.verifactu.status import initial_status
from cartera_shared import idempotency
from cartera_shared.problems import Code, Conflict, UnprocessableEntity

Producer = tuple[str | None, str | None]
Build = Callable[[ChainLink | None, dt.datetime], VerifactuRecord]

_STATUS: dict[str, RecordStatus] = {
    "pending": "pending",
    "sent": "pending",
    "accepted": "accepted",
    "accepted_with_errors": "accepted_with_errors",
    "rejected": "rejected",
    # A sandbox's record is never sent: corrections and anulaciones follow it as if the AEAT had
    # accepted it, so a partner can try them in test mode as they would go live.
    "test": "accepted",
}


def record_status(row: Mapping[Any, Any]) -> RecordStatus:
    """The AEAT's answer to a stored record. Anything not known is treated as still waiting,
    which refuses corrections rather than guessing the flags."""
    return _STATUS.get(str(row["status"]), "pending")


# What each refusal of the domain is on the wire. A record still waiting for the AEAT's answer is
# "not yet": the same request succeeds once the answer has come (the sender asks every few seconds).
REFUSAL_CODES: dict[str, Code] = {
    "pending": Code.VERIFACTU_PENDING,
    "nothing_to_correct": Code.NOTHING_TO_CORRECT,
    "cancelled": Code.INVOICE_CANCELLED,
}


def refusal(what: str, exc: Refused) -> Conflict:
    """409 for a correction or cancellation the records of the invoice refuse; `reason` is the
    refusal's own word, as before `code` existed."""
    return Conflict(f"{what}: {exc.reason}.", code=REFUSAL_CODES[exc.code], reason=exc.code)


async def records_of(
    session: AsyncSession, tenant_id: uuid.UUID, invoice_id: uuid.UUID
) -> list[RowMapping]:
    """Every record of an invoice, in chain order."""
    rows = await session.execute(
        select(verifactu_records)
        .where(
            verifactu_records.c.tenant_id == tenant_id,
            verifactu_records.c.invoice_id == invoice_id,
        )
        .order_by(verifactu_records.c.position)
    )
    return list(rows.mappings().all())


def states(rows: list[RowMapping]) -> list[RecordState]:
    return [RecordState(kind=r["kind"], status=record_status(r)) for r in rows]


def record_view(row: Mapping[Any, Any]) -> dict[str, Any]:
    """A stored record as the API shows it."""
    return {
        "position": row["position"],
        "kind": row["kind"],
        "flags": operation_flags(row["xml"]),
        "status": record_status(row),
        "huella": row["huella"],
        "generated_at": row["generated_at"].isoformat(),
        "fields": row["fields"],
        "xml": row["xml"],
    }


async def append_record(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    issuer_tax_id: str,
    invoice_id: uuid.UUID,
    build: Build,
) -> RowMapping:
    """Append the record `build` makes after the chain's head, under the head's lock (the same
    lock issuing takes, so the chain never forks); returns the stored row."""
    head = await verifactu_chain.lock_head(session, tenant_id, issuer_tax_id)
    previous = ChainLink.from_fields(head["last_record"]) if head["last_record"] else None
    generated_at = dt.datetime.now(dt.UTC).astimezone(verifactu_chain.SPAIN).replace(microsecond=0)
    try:
        record = build(previous, generated_at)
    except InvalidRecord as exc:
        raise UnprocessableEntity(f"No Verifactu record can be made for it: {exc}") from exc
    position = head["last_position"] + 1
    fields = record.fields()
    stored: RowMapping = (
        (
            await session.execute(
                insert(verifactu_records)
                .values(
                    tenant_id=tenant_id,
                    issuer_tax_id=issuer_tax_id,
                    position=position,
                    invoice_id=invoice_id,
                    kind=record.kind,
                    fields=fields,
                    huella=record.huella,
                    xml=record_xml(record).decode(),
                    generated_at=generated_at,
                    status=initial_status(tenant_id),
                )
                .returning(verifactu_records)
            )
        )
        .mappings()
        .one()
    )
    await session.execute(
        update(verifactu_chains)
        .where(
            verifactu_chains.c.tenant_id == tenant_id,
            verifactu_chains.c.issuer_tax_id == issuer_tax_id,
        )
        .values(last_position=position, last_huella=record.huella, last_record=fields)
    )
    return stored


def system_for(tenant_id: uuid.UUID, invoice: IssuedInvoice, producer: Producer) -> SystemInfo:
    name, nif = producer
    return verifactu_chain.system_info(
        tenant_id, name or invoice.issuer.legal_name, nif or invoice.issuer.tax_id
    )


def _nif(value: str) -> str:
    return "".join(value.split()).upper()


async def rebuilt_invoice(
    session: AsyncSession, tenant_id: uuid.UUID, row: RowMapping
) -> IssuedInvoice:
    """The issued invoice with today's issuer profile, when it is still the same taxpayer: the
    record's key (IDEmisorFactura) never changes, so a profile with another NIF is not used."""
    invoice = invoice_from_json(row["issued"])
    current = await service.issuer_in_force(session, tenant_id)
    if current is not None and _nif(current["tax_id"]) == _nif(invoice.issuer.tax_id):
        issuer = dataclasses.replace(
            service.party_from_issuer(current), tax_id=invoice.issuer.tax_id
        )
        invoice = dataclasses.replace(invoice, issuer=issuer)
    return invoice


async def rectified_amounts(
    session: AsyncSession, tenant_id: uuid.UUID, row: RowMapping, invoice: IssuedInvoice
) -> RectifiedAmounts | None:
    """ImporteRectificacion of a rectification by substitution, as issuing computes it."""
    if invoice.rectification_kind != "S" or row["rectifies_id"] is None:
        return None
    original = await service.get(session, tenant_id=tenant_id, invoice_id=row["rectifies_id"])
    totals = original["issued"]["amounts"]["totals"]
    return RectifiedAmounts(
        base=Decimal(totals["taxable_base"]),
        tax=Decimal(totals["vat"]),
        surcharge=Decimal(totals["surcharge"]),
    )


def anulacion_builder(invoice: IssuedInvoice, system: SystemInfo, operation: Operation) -> Build:
    def build(previous: ChainLink | None, generated_at: dt.datetime) -> VerifactuRecord:
        record = build_anulacion(
            invoice, previous=previous, generated_at=generated_at, system=system
        )
        return dataclasses.replace(
            record,
            prior_rejection=operation.prior_rejection,
            without_prior_record=operation.without_prior_record,
        )

    return build


async def correct(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    invoice_id: uuid.UUID,
    idempotency_key: str | None,
    producer: Producer = (None, None),
) -> JSONResponse:
    """Append the record that corrects the invoice's last record, in the caller's transaction;
    the answer names the operation and shows the new record."""

    async def correct_locked() -> dict[str, Any]:
        # The invoice's row lock serialises its corrections and cancellation: the second of
        # two concurrent calls sees the first one's record, still waiting for its answer.
        row = await service.get(session, tenant_id=tenant_id, invoice_id=invoice_id, lock=True)
        if row["status"] == "draft":
            raise Conflict(
                "A draft has no Verifactu record to correct; issue it first.",
                code=Code.INVOICE_DRAFT,
            )
        history = await records_of(session, tenant_id, invoice_id)
        try:
            operation = correction_of(states(history))
        except Refused as exc:
            raise refusal(f"Nothing to correct for invoice {row['number']}", exc) from exc
        stored_invoice = invoice_from_json(row["issued"])
        system = system_for(tenant_id, stored_invoice, producer)
        build: Build
        if operation.kind == "alta":
            invoice = euro_equivalent(await rebuilt_invoice(session, tenant_id, row))
            amounts = await rectified_amounts(session, tenant_id, row, invoice)

            def build_correction(
                previous: ChainLink | None, generated_at: dt.datetime
            ) -> VerifactuRecord:
                record = build_alta(
                    invoice,
                    previous=previous,
                    generated_at=generated_at,
                    system=system,
                    rectified_amounts=amounts,
                )
                return dataclasses.replace(
                    record, correction=True, prior_rejection=operation.prior_rejection
                )

            build = build_correction
            if operation.only_if_changed:
                await _refuse_if_unchanged(history, build, row["number"])
        else:
            build = anulacion_builder(stored_invoice, system, operation)
        stored = await append_record(
            session,
            tenant_id=tenant_id,
            issuer_tax_id=stored_invoice.issuer.tax_id,
            invoice_id=invoice_id,
            build=build,
        )
        return {"invoice_id": str(invoice_id), "operation": operation.name, **record_view(stored)}

    return await idempotency.answer_once(
        session,
        idempotency_keys,
        tenant_id=tenant_id,
        key=idempotency_key,
        operation=f"verifactu-correction:{invoice_id}",
        payload={},
        work=correct_locked,
        answer_model=RecordCorrection,
    )


async def _refuse_if_unchanged(history: list[RowMapping], build: Build, number: str) -> None:
    """An accepted record is corrected only with something new (chain, stamp, flags aside)."""
    accepted = next(r for r in reversed(history) if r["kind"] == "alta")
    try:
        probe = build(None, dt.datetime.now(dt.UTC))
    except InvalidRecord as exc:
        raise UnprocessableEntity(f"No Verifactu record can be made for it: {exc}") from exc
    if same_registration(accepted["xml"], record_xml(probe)):
        raise Conflict(
            f"Nothing to correct for invoice {number}: the AEAT accepted its record without "
            "errors, and the record rebuilt today from the invoice and the issuer's profile "
            "says the same.",
            code=Code.NOTHING_TO_CORRECT,
            reason="nothing_to_correct",
        )


async def invoice_records(
    session: AsyncSession, tenant_id: uuid.UUID, invoice_id: uuid.UUID
) -> dict[str, Any]:
    row = await service.get(session, tenant_id=tenant_id, invoice_id=invoice_id)
    history = await records_of(session, tenant_id, invoice_id)
    return {
        "invoice_id": str(invoice_id),
        "status": row["status"],
        "records": [record_view(r) for r in history],
    }


__all__ = [
    "append_record",
    "correct",
    "invoice_records",
    "record_status",
    "records_of",
    "states",
]
