"""Storing Verifactu records: one chain per issuer NIF, appended under a lock on its head row.

The head row (`verifactu_chains`) is locked FOR UPDATE inside the issuing transaction, so two
invoices of one issuer, in any series, never take the same previous record; if the issue rolls
back, so does the record. Sending it to the AEAT is the sender's (`verifactu/sender.py`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import CTE, bindparam, insert, literal, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Insert, Update

from cartera_invoicing.domain.invoice import IssuedInvoice, euro_equivalent
from cartera_invoicing.domain.verifactu import (
    ChainCheck,
    ChainLink,
    InvalidRecord,
    RectifiedAmounts,
    SystemInfo,
    VerifactuRecord,
    build_alta,
    qr_url,
    record_xml,
    verify_chain,
)
from cartera_invoicing.models import verifactu_chains, verifactu_records
from cartera_invoicing.verifactu.status import initial_status
from cartera_shared.problems import UnprocessableEntity

# Records carry the local time of Spain's peninsula with its offset, as AEAT's examples do.
SPAIN = ZoneInfo("Europe/Madrid")
SOFTWARE_VERSION = "0.1.0"


def system_info(tenant_id: uuid.UUID, producer_name: str, producer_nif: str) -> SystemInfo:
    return SystemInfo(
        producer_name=producer_name,
        producer_nif=producer_nif,
        version=SOFTWARE_VERSION,
        installation_number=str(tenant_id),
        only_verifactu=True,
    )


async def _lock_head(session: AsyncSession, tenant_id: uuid.UUID, issuer_nif: str) -> RowMapping:
    """The chain's head, created on first use, locked until the transaction ends.

    One statement: an upsert that changes nothing still locks the row it meets, and returns it.
    """
    row: RowMapping = (
        (
            await session.execute(
                _LOCK_HEAD,
                {"tenant_id": tenant_id, "issuer_tax_id": issuer_nif, "last_position": 0},
            )
        )
        .mappings()
        .one()
    )
    return row


_LOCK_HEAD = (
    pg_insert(verifactu_chains)
    .on_conflict_do_update(
        index_elements=[verifactu_chains.c.tenant_id, verifactu_chains.c.issuer_tax_id],
        set_={"last_position": verifactu_chains.c.last_position},
    )
    .returning(verifactu_chains)
)


# For the other records of a chain (corrections, anulaciones: verifactu/corrections.py).
lock_head = _lock_head


def _head_values(last: dict[str, Any]) -> dict[str, Any]:
    return {
        "head_tenant_id": last["tenant_id"],
        "head_issuer_tax_id": last["issuer_tax_id"],
        "head_position": last["position"],
        "head_huella": last["huella"],
        "head_record": last["fields"],
    }


# What `alta_row` gives a record; the table's other columns have defaults.
_RECORD_COLUMNS = (
    "tenant_id",
    "issuer_tax_id",
    "position",
    "invoice_id",
    "kind",
    "fields",
    "huella",
    "xml",
    "generated_at",
    "status",
)

MOVE_HEAD: Update = (
    update(verifactu_chains)
    .where(
        verifactu_chains.c.tenant_id == bindparam("head_tenant_id"),
        verifactu_chains.c.issuer_tax_id == bindparam("head_issuer_tax_id"),
    )
    .values(
        last_position=bindparam("head_position"),
        last_huella=bindparam("head_huella"),
        last_record=bindparam("head_record", type_=verifactu_chains.c.last_record.type),
    )
)

# An alta record appended and its chain's head moved on to it, as data-modifying WITHs that ride
# in the statement issuing the invoice (`invoices.service.record_issue`; PostgreSQL runs such a
# WITH once, whether or not the statement reads it), with the values of `append_parameters`.
# No parameter is named as a column: SQLAlchemy would add it to an UPDATE's SET.
APPEND_RECORD: Insert = insert(verifactu_records).values(
    {
        name: bindparam(f"record_{name}", type_=verifactu_records.c[name].type)
        for name in _RECORD_COLUMNS
    }
)


def append_parameters(row: dict[str, Any]) -> dict[str, Any]:
    """The parameters of `APPEND_RECORD` and `MOVE_HEAD` for a record's row (`alta_row`)."""
    return {**{f"record_{name}": value for name, value in row.items()}, **_head_values(row)}


def head_locked_after(before: CTE) -> CTE:
    """`_lock_head` as a data-modifying WITH that reads `before` (a WITH locking something
    else, a series), so it runs after it: one statement takes both locks in the order separate
    ones would. Its parameters are `head_lock_tenant_id` and `head_lock_issuer_tax_id`; it gives
    the head's `last_position` and `last_record`, and nothing if `before` gave nothing."""
    return (
        pg_insert(verifactu_chains)
        .from_select(
            ["tenant_id", "issuer_tax_id", "last_position"],
            select(
                bindparam("head_lock_tenant_id", type_=verifactu_chains.c.tenant_id.type),
                bindparam("head_lock_issuer_tax_id", type_=verifactu_chains.c.issuer_tax_id.type),
                literal(0, verifactu_chains.c.last_position.type),
            ).select_from(before),
        )
        .on_conflict_do_update(
            index_elements=[verifactu_chains.c.tenant_id, verifactu_chains.c.issuer_tax_id],
            set_={"last_position": verifactu_chains.c.last_position},
        )
        .returning(verifactu_chains.c.last_position, verifactu_chains.c.last_record)
        .cte("locked_head")
    )


def alta_row(
    tenant_id: uuid.UUID,
    invoice: IssuedInvoice,
    system: SystemInfo,
    *,
    previous: ChainLink | None,
    position: int,
    now: dt.datetime | None = None,
    rectified_amounts: RectifiedAmounts | None = None,
) -> tuple[VerifactuRecord, dict[str, Any]]:
    """The alta record of an issued invoice chained after `previous`, and its row."""
    generated_at = (now or dt.datetime.now(dt.UTC)).astimezone(SPAIN).replace(microsecond=0)
    try:
        # Verifactu records are in euros; an invoice in another currency is registered at its rate.
        record = build_alta(
            euro_equivalent(invoice),
            previous=previous,
            generated_at=generated_at,
            system=system,
            rectified_amounts=rectified_amounts,
        )
    except InvalidRecord as exc:
        raise UnprocessableEntity(f"The invoice cannot be registered in Verifactu: {exc}") from exc
    row = {
        "tenant_id": tenant_id,
        "issuer_tax_id": invoice.issuer.tax_id,
        "position": position,
        "invoice_id": uuid.UUID(invoice.id),
        "kind": record.kind,
        "fields": record.fields(),
        "huella": record.huella,
        "xml": record_xml(record).decode(),
        "generated_at": generated_at,
        "status": initial_status(tenant_id),
    }
    return record, row


async def _move_head(session: AsyncSession, last: dict[str, Any]) -> None:
    """The chain's head moved on to `last`, the row of its last record."""
    await session.execute(MOVE_HEAD, _head_values(last))


class ChainAppender:
    """Alta records appended by one transaction and written together when it is done (`flush`):
    a batch of invoices locks each issuer's chain head once, chains its records in memory and
    writes them in one statement, instead of three statements per invoice. The head stays
    locked until the transaction ends, as a single issue's is."""

    def __init__(self, tenant_id: uuid.UUID) -> None:
        self.tenant_id = tenant_id
        self.last: dict[str, dict[str, Any]] = {}  # by issuer NIF: the last row chained
        self.rows: list[dict[str, Any]] = []

    async def append_alta(
        self,
        session: AsyncSession,
        *,
        invoice: IssuedInvoice,
        system: SystemInfo,
        rectified_amounts: RectifiedAmounts | None = None,
    ) -> VerifactuRecord:
        nif = invoice.issuer.tax_id
        last = self.last.get(nif)
        if last is None:
            head = await _lock_head(session, self.tenant_id, nif)
            fields, position = head["last_record"], head["last_position"]
        else:
            fields, position = last["fields"], last["position"]
        record, row = alta_row(
            self.tenant_id,
            invoice,
            system,
            previous=ChainLink.from_fields(fields) if fields else None,
            position=position + 1,
            rectified_amounts=rectified_amounts,
        )
        self.rows.append(row)
        self.last[nif] = row
        return record

    async def flush(self, session: AsyncSession) -> None:
        if self.rows:
            await session.execute(insert(verifactu_records), self.rows)
        for last in self.last.values():
            await _move_head(session, last)
        # The heads stay locked and known here: the next record chains on without asking again.
        self.rows = []


def invoice_qr(invoice: IssuedInvoice) -> str:
    """The QR URL printed on the invoice: the amount of its Verifactu record (in euros)."""
    return qr_url(euro_equivalent(invoice))


async def record_of(
    session: AsyncSession, tenant_id: uuid.UUID, invoice_id: uuid.UUID
) -> RowMapping | None:
    row: RowMapping | None = (
        (
            await session.execute(
                select(verifactu_records)
                .where(
                    verifactu_records.c.tenant_id == tenant_id,
                    verifactu_records.c.invoice_id == invoice_id,
                )
                .order_by(verifactu_records.c.position)
                .limit(1)
            )
        )
        .mappings()
        .first()
    )
    return row


async def verify_all(session: AsyncSession, tenant_id: uuid.UUID) -> list[dict[str, Any]]:
    """Recompute every chain of the tenant; name the first broken link of each."""
    rows = (
        await session.execute(
            select(verifactu_records.c.issuer_tax_id, verifactu_records.c.fields)
            .where(verifactu_records.c.tenant_id == tenant_id)
            .order_by(verifactu_records.c.issuer_tax_id, verifactu_records.c.position)
        )
    ).all()
    chains: dict[str, list[dict[str, str]]] = {}
    for issuer, fields in rows:
        chains.setdefault(issuer, []).append(fields)
    results = []
    for issuer, records in chains.items():
        check: ChainCheck = verify_chain(records)
        results.append(
            {
                "issuer_tax_id": issuer,
                "ok": check.ok,
                "records": len(records),
                "checked": check.checked,
                "first_broken": None
                if check.ok
                else {
                    "index": check.index,
                    "number": check.number,
                    "problem": check.problem,
                    "detail": check.detail,
                },
            }
        )
    return results


__all__ = [
    "APPEND_RECORD",
    "MOVE_HEAD",
    "append_parameters",
    "head_locked_after",
    "invoice_qr",
    "lock_head",
    "record_of",
    "system_info",
    "verify_all",
]
