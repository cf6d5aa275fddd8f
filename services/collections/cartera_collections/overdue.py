"""The overdue job: the day after its due date an unpaid instalment is overdue, once.

Any number of replicas run it; an advisory lock lets one work at a time. The change of status
(`open` to `overdue`) is a guarded UPDATE in the same transaction as the `receivable.overdue`
event, so however often the job runs each instalment is announced once.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_collections.ledger import publish
from cartera_collections.models import dunning_queue, instalments, open_instalments, receivables
from cartera_shared import business_day
from cartera_shared.db import tenant_transaction
from cartera_shared.events import topics
from cartera_shared.jobs import run_single

log = logging.getLogger(__name__)
JOB_NAME = "collections.overdue"


async def mark_overdue(
    sessions: async_sessionmaker[AsyncSession],
    *,
    today: dt.date | None = None,
    tenant_id: uuid.UUID | None = None,
) -> tuple[bool, int | None]:
    day = today or business_day.today()

    async def work(session: AsyncSession) -> int:
        query = select(open_instalments.c.instalment_id, open_instalments.c.tenant_id).where(
            open_instalments.c.due_on < day
        )
        if tenant_id is not None:
            query = query.where(open_instalments.c.tenant_id == tenant_id)
        due = (await session.execute(query.limit(5000))).all()
        marked = 0
        for instalment_id, owner in due:
            marked += await _mark_one(sessions, owner, instalment_id, day)
        return marked

    return await run_single(sessions, JOB_NAME, work, service="collections")


async def _mark_one(
    sessions: async_sessionmaker[AsyncSession],
    tenant_id: uuid.UUID,
    instalment_id: uuid.UUID,
    day: dt.date,
) -> int:
    async with tenant_transaction(sessions, tenant_id) as session:
        row = (
            (
                await session.execute(
                    update(instalments)
                    .where(
                        instalments.c.id == instalment_id,
                        instalments.c.status == "open",
                        instalments.c.due_on < day,
                        instalments.c.paid < instalments.c.amount,
                    )
                    .values(status="overdue", overdue_since=instalments.c.due_on + 1)
                    .returning(instalments)
                )
            )
            .mappings()
            .first()
        )
        await session.execute(
            delete(open_instalments).where(open_instalments.c.instalment_id == instalment_id)
        )
        if row is None:
            return 0
        receivable = (
            (
                await session.execute(
                    select(receivables).where(receivables.c.id == row["receivable_id"])
                )
            )
            .mappings()
            .one()
        )
        # Queued for the dunning job, which reads across tenants.
        await session.execute(
            pg_insert(dunning_queue)
            .values(receivable_id=receivable["id"], tenant_id=tenant_id)
            .on_conflict_do_nothing()
        )
        await publish(
            session,
            tenant_id,
            topics.RECEIVABLE_OVERDUE,
            receivable["invoice_id"],
            {
                "receivable_id": str(receivable["id"]),
                "invoice_id": str(receivable["invoice_id"]),
                "invoice_number": receivable["invoice_number"],
                "client_id": str(receivable["client_id"]) if receivable["client_id"] else None,
                "instalment": row["seq"],
                "due_on": row["due_on"].isoformat(),
                "overdue_since": row["overdue_since"].isoformat(),
                "outstanding": str(row["amount"] - row["paid"]),
                "currency": receivable["currency"],
            },
        )
        return 1
