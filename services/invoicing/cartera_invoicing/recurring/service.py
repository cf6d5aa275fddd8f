"""Recurring invoices: a template and a schedule, turned into invoices by a single-runner job.

The job runs in every replica (every CARTERA_INVOICING_RECURRING_INTERVAL_SECONDS) and an advisory
lock lets one of them work. A period is generated at most once: its row in `recurring_runs`
(primary key:
template and period) is inserted in the same transaction as the draft, so a second run, a
concurrent replica or a retry after a crash finds it and moves on. Missed periods are caught up
in order. With `auto_issue` the draft is then issued; if that fails (say, a closed series), the
draft stays for a person to look at and the error is kept on the run.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_invoicing.domain.schedule import MONTHS, add_months, first_run
from cartera_invoicing.invoices import issuing, service
from cartera_invoicing.invoices.schemas import InvoiceCreate, LineIn
from cartera_invoicing.models import recurring_due, recurring_invoices, recurring_runs
from cartera_invoicing.recurring.schemas import RecurringIn, RecurringUpdate
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.db import tenant_transaction
from cartera_shared.jobs import run_single
from cartera_shared.pagination import Keyset
from cartera_shared.problems import Code, NotFound, Problem, UnprocessableEntity, field_error

log = logging.getLogger(__name__)

JOB_NAME = "invoicing.recurring"


def _ends_before_start() -> UnprocessableEntity:
    return UnprocessableEntity(
        "ends_on cannot be before starts_on.",
        code=Code.DATE_OUT_OF_ORDER,
        errors=field_error("body", "ends_on", msg="before starts_on"),
    )


def read(row: RowMapping, runs: list[RowMapping] | None = None) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "client_id": str(row["client_id"]),
        "series_id": str(row["series_id"]),
        "lines": row["lines"],
        "notes": row["notes"],
        "frequency": row["frequency"],
        "day_of_month": row["day_of_month"],
        "starts_on": row["starts_on"].isoformat(),
        "ends_on": row["ends_on"].isoformat() if row["ends_on"] else None,
        "next_run_on": row["next_run_on"].isoformat() if row["next_run_on"] else None,
        "auto_issue": row["auto_issue"],
        "active": row["active"],
        "runs": [
            {
                "period_on": r["period_on"].isoformat(),
                "invoice_id": str(r["invoice_id"]),
                "issue_error": r["issue_error"],
            }
            for r in runs or []
        ],
    }


async def _sync_due(session: AsyncSession, row: Mapping[Any, Any]) -> None:
    if row["active"] and row["next_run_on"] is not None:
        statement = pg_insert(recurring_due).values(
            recurring_id=row["id"], tenant_id=row["tenant_id"], next_run_on=row["next_run_on"]
        )
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[recurring_due.c.recurring_id],
                set_={"next_run_on": statement.excluded.next_run_on},
            )
        )
    else:
        await session.execute(
            delete(recurring_due).where(recurring_due.c.recurring_id == row["id"])
        )


async def load(session: AsyncSession, tenant_id: uuid.UUID, recurring_id: uuid.UUID) -> RowMapping:
    row = (
        (
            await session.execute(
                select(recurring_invoices)
                .where(
                    recurring_invoices.c.tenant_id == tenant_id,
                    recurring_invoices.c.id == recurring_id,
                )
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Recurring invoice {recurring_id} does not exist.")
    return row


async def runs_of(session: AsyncSession, recurring_id: uuid.UUID) -> list[RowMapping]:
    rows = await session.execute(
        select(recurring_runs)
        .where(recurring_runs.c.recurring_id == recurring_id)
        .order_by(recurring_runs.c.period_on)
    )
    return list(rows.mappings().all())


async def create(
    session: AsyncSession, directory: ClientsDirectory, tenant_id: uuid.UUID, body: RecurringIn
) -> RowMapping:
    """A new template, in an ordinary series, for an active client."""
    if body.ends_on is not None and body.ends_on < body.starts_on:
        raise _ends_before_start()
    lines = [line.model_dump(mode="json") for line in body.lines]
    service.check_lines(lines, body.starts_on)
    the_series = await service.series_by_code(session, tenant_id, body.series)
    if the_series["kind"] != "ordinary":
        raise UnprocessableEntity("Recurring invoices are issued in an ordinary series.")
    await service.check_client(session, directory, tenant_id, body.client_id, "ordinary")
    row: RowMapping = (
        (
            await session.execute(
                insert(recurring_invoices)
                .values(
                    id=uuid.uuid4(),
                    tenant_id=tenant_id,
                    client_id=body.client_id,
                    series_id=the_series["id"],
                    lines=lines,
                    notes=body.notes,
                    frequency=body.frequency,
                    day_of_month=body.day_of_month,
                    starts_on=body.starts_on,
                    ends_on=body.ends_on,
                    next_run_on=first_run(body.starts_on, body.day_of_month),
                    auto_issue=body.auto_issue,
                )
                .returning(recurring_invoices)
            )
        )
        .mappings()
        .one()
    )
    await _sync_due(session, row)
    return row


async def all_recurring(
    session: AsyncSession, tenant_id: uuid.UUID, keyset: Keyset, limit: int
) -> tuple[list[RowMapping], str | None]:
    """A page of the tenant's recurring invoices, oldest first, and the next page's cursor."""
    query = select(recurring_invoices).where(recurring_invoices.c.tenant_id == tenant_id)
    return await keyset.fetch(session, query, limit)


async def change(
    session: AsyncSession, tenant_id: uuid.UUID, recurring_id: uuid.UUID, body: RecurringUpdate
) -> tuple[RowMapping, list[RowMapping]]:
    """Apply a PATCH; the template and its runs."""
    changes = body.model_dump(exclude_unset=True, mode="json")
    current = await load(session, tenant_id, recurring_id)
    if "lines" in changes:
        service.check_lines(changes["lines"], service.today())
    if changes.get("ends_on") and dt.date.fromisoformat(changes["ends_on"]) < current["starts_on"]:
        raise _ends_before_start()
    row = (
        (
            await session.execute(
                update(recurring_invoices)
                .where(recurring_invoices.c.id == recurring_id)
                .values(**changes, updated_at=func.now())
                .returning(recurring_invoices)
            )
        )
        .mappings()
        .one()
    )
    await _sync_due(session, row)
    runs = await runs_of(session, recurring_id)
    return row, runs


# ------------------------------------------------------------------ the job


async def generate_due(
    sessions: async_sessionmaker[AsyncSession],
    directory: ClientsDirectory,
    *,
    producer: tuple[str | None, str | None],
    tenant_id: uuid.UUID | None = None,
    today: dt.date | None = None,
) -> tuple[bool, int | None]:
    """Generate every due period; returns (whether this runner got the lock, invoices made)."""
    day = today or service.today()

    async def work(session: AsyncSession) -> int:
        query = select(recurring_due).where(recurring_due.c.next_run_on <= day)
        if tenant_id is not None:
            query = query.where(recurring_due.c.tenant_id == tenant_id)
        due = (await session.execute(query.order_by(recurring_due.c.next_run_on).limit(500))).all()
        made = 0
        for recurring_id, owner, _ in due:
            made += await _generate_for(sessions, directory, owner, recurring_id, day, producer)
        return made

    return await run_single(sessions, JOB_NAME, work, service="invoicing")


async def _generate_for(
    sessions: async_sessionmaker[AsyncSession],
    directory: ClientsDirectory,
    tenant_id: uuid.UUID,
    recurring_id: uuid.UUID,
    day: dt.date,
    producer: tuple[str | None, str | None],
) -> int:
    made = 0
    while True:
        async with tenant_transaction(sessions, tenant_id) as session:
            template = await load(session, tenant_id, recurring_id)
            period = template["next_run_on"]
            if (
                not template["active"]
                or period is None
                or period > day
                or (template["ends_on"] is not None and period > template["ends_on"])
            ):
                await _sync_due(session, template)
                return made
            the_series = await service.series_by_id(session, template["series_id"])
            try:
                async with session.begin_nested():
                    draft = await service.create_draft(
                        session,
                        tenant_id=tenant_id,
                        data=InvoiceCreate(
                            client_id=template["client_id"],
                            series=the_series["code"],
                            lines=[LineIn.model_validate(line) for line in template["lines"]],
                            notes=_period_note(template, period),
                        ),
                        directory=directory,
                    )
                    inserted = await session.execute(
                        pg_insert(recurring_runs)
                        .values(
                            tenant_id=tenant_id,
                            recurring_id=recurring_id,
                            period_on=period,
                            invoice_id=draft["id"],
                        )
                        .on_conflict_do_nothing()
                        .returning(recurring_runs.c.period_on)
                    )
                    if inserted.first() is None:
                        raise _AlreadyGenerated
                invoice_id = draft["id"]
            except _AlreadyGenerated:
                invoice_id = None
            except Problem as exc:  # a client archived since: stop this template, keep the rest
                log.warning(
                    "recurring invoice not generated",
                    extra={"recurring_id": str(recurring_id), "error": exc.detail},
                )
                await session.execute(
                    update(recurring_invoices)
                    .where(recurring_invoices.c.id == recurring_id)
                    .values(active=False, updated_at=func.now())
                )
                await _sync_due(session, {**template, "active": False})
                return made
            following = add_months(period, MONTHS[template["frequency"]], template["day_of_month"])
            updated = (
                (
                    await session.execute(
                        update(recurring_invoices)
                        .where(recurring_invoices.c.id == recurring_id)
                        .values(next_run_on=following, updated_at=func.now())
                        .returning(recurring_invoices)
                    )
                )
                .mappings()
                .one()
            )
            await _sync_due(session, updated)
        if invoice_id is None:
            continue
        made += 1
        if template["auto_issue"]:
            await _issue_generated(
                sessions, directory, tenant_id, recurring_id, period, invoice_id, producer
            )


async def _issue_generated(
    sessions: async_sessionmaker[AsyncSession],
    directory: ClientsDirectory,
    tenant_id: uuid.UUID,
    recurring_id: uuid.UUID,
    period: dt.date,
    invoice_id: uuid.UUID,
    producer: tuple[str | None, str | None],
) -> None:
    try:
        async with tenant_transaction(sessions, tenant_id) as session:
            await issuing.issue(
                session,
                tenant_id=tenant_id,
                invoice_id=invoice_id,
                directory=directory,
                idempotency_key=f"recurring:{recurring_id}:{period.isoformat()}",
                producer=producer,
            )
    except Problem as exc:
        async with tenant_transaction(sessions, tenant_id) as session:
            await session.execute(
                update(recurring_runs)
                .where(
                    recurring_runs.c.recurring_id == recurring_id,
                    recurring_runs.c.period_on == period,
                )
                .values(issue_error=exc.detail[:2000])
            )


class _AlreadyGenerated(Exception):
    """Another runner generated this period first; its draft was rolled back here."""


def _period_note(template: RowMapping, period: dt.date) -> str:
    label = {"monthly": "%m/%Y", "quarterly": "%m/%Y", "yearly": "%Y"}[template["frequency"]]
    note = f"Periodo {period.strftime(label)}"
    return f"{note}. {template['notes']}" if template["notes"] else note
