"""The accounting export: reads the period's invoice documents, payments and returns, turns them
into balanced entries (domain.journal) and writes them in the chosen format (domain.
export_formats) to a spooled temporary file, so memory stays bounded whatever the period holds:
rows come from server-side cursors `BATCH` at a time, and the file stays in memory up to
`SPOOL_BYTES`, then moves to disk."""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from typing import IO, Any

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics.domain import export_formats
from cartera_analytics.domain.invoices import NO_CLIENT
from cartera_analytics.domain.journal import (
    AccountMapping,
    Entry,
    invoice_entry,
    payment_entry,
    return_entry,
)
from cartera_analytics.domain.money import cents
from cartera_analytics.models import account_mappings, client_accounts, invoice_documents, payments
from cartera_analytics.tax.service import BATCH, contributions

SPOOL_BYTES = 8 * 1024 * 1024


async def mapping(session: AsyncSession, tenant_id: uuid.UUID) -> AccountMapping:
    stored = await session.scalar(
        select(account_mappings.c.accounts).where(account_mappings.c.tenant_id == tenant_id)
    )
    return AccountMapping.from_json(stored)


async def set_mapping(
    session: AsyncSession, tenant_id: uuid.UUID, new: AccountMapping
) -> AccountMapping:
    statement = insert(account_mappings).values(tenant_id=tenant_id, accounts=new.to_json())
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[account_mappings.c.tenant_id],
            set_={"accounts": statement.excluded.accounts, "updated_at": func.now()},
        )
    )
    return new


class ClientAccounts:
    """Each client's stable number under the 430 prefix, given on first use (in the export's
    transaction, under a per-tenant lock so two exports never give one number twice)."""

    def __init__(self, session: AsyncSession, tenant_id: uuid.UUID, accounts: AccountMapping):
        self.session, self.tenant_id, self.accounts = session, tenant_id, accounts
        self.known: dict[uuid.UUID, int] = {NO_CLIENT: 0}
        self.locked = False

    async def load(self) -> None:
        rows = await self.session.execute(
            select(client_accounts.c.client_id, client_accounts.c.seq).where(
                client_accounts.c.tenant_id == self.tenant_id
            )
        )
        self.known.update({r.client_id: r.seq for r in rows})

    async def account(self, client_id: uuid.UUID) -> str:
        if client_id not in self.known and not self.locked:
            await self.session.execute(
                text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 7))"),
                {"key": f"analytics:client-accounts:{self.tenant_id}"},
            )
            self.locked = True
            await self.load()
        if client_id not in self.known:
            seq = max(self.known.values()) + 1
            await self.session.execute(
                insert(client_accounts).values(
                    tenant_id=self.tenant_id, client_id=client_id, seq=seq
                )
            )
            self.known[client_id] = seq
        return self.accounts.client(self.known[client_id])


async def write_journal(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    fmt: str,
    start: dt.date,
    end: dt.date,
) -> IO[bytes]:
    """The export file, rewound. Invoices and rectifications by issue date, then payments by
    the day they came in, then returns by the day they were reversed; entries numbered 1.. in
    that order (accounting programs sort an import by date)."""
    accounts = await mapping(session, tenant_id)
    clients = ClientAccounts(session, tenant_id, accounts)
    await clients.load()
    # Handed to the answer, which closes it once sent (exports.api).
    out: Any = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    writer = export_formats.KINDS[fmt].writer(out)
    number = 0

    def emit(entry: Entry | None) -> None:
        nonlocal number
        if entry is None:
            return
        number += 1
        writer.write(Entry(**{**entry.__dict__, "number": number}))

    async for doc, contribution in contributions(session, tenant_id, start, end):
        emit(
            invoice_entry(
                accounts,
                client_account=await clients.account(doc.client_id),
                date=doc.issue_date,
                number=doc.number,
                rectifying=not doc.is_original,
                contribution=contribution,
            )
        )
    for day_column, make in (
        (payments.c.paid_on, payment_entry),
        (payments.c.reversed_on, return_entry),
    ):
        result = await session.stream(
            select(
                day_column.label("day"),
                payments.c.client_id,
                payments.c.amount,
                invoice_documents.c.number,
                invoice_documents.c.rate,
            )
            .join(
                invoice_documents,
                (invoice_documents.c.tenant_id == payments.c.tenant_id)
                & (invoice_documents.c.invoice_id == payments.c.invoice_id),
            )
            .where(
                payments.c.tenant_id == tenant_id,
                day_column >= start,
                day_column <= end,
            )
            .order_by(day_column, invoice_documents.c.number, payments.c.payment_id)
            .execution_options(yield_per=BATCH)
        )
        async for row in result:
            emit(
                make(
                    accounts,
                    client_account=await clients.account(row.client_id),
                    date=row.day,
                    number=row.number,
                    amount=cents(row.amount * row.rate),
                )
            )
    writer.finish()
    out.seek(0)
    return out  # type: ignore[no-any-return]
