"""Dunning: reminders of what is owed, by email, at levels of growing firmness.

Levels per tenant (default: a friendly reminder 3 days after the due date, a formal one at 15,
a final notice at 30). A single-runner job takes the receivables queued by the overdue job and
sends, for each, the highest level reached that has not been sent yet. The notice row is
inserted (unique per receivable and level) in the transaction that publishes `dunning.sent`,
and the mail goes out only after that commits, so a crash between the two can leave a notice
recorded but unsent (its status says so) and never sends one twice. A client or an invoice on
hold is skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_collections.domain.interest import RateTable
from cartera_collections.domain.notices import DEFAULT_LEVELS, compose
from cartera_collections.dunning.schemas import (
    HoldIn,
    LevelsIn,
)
from cartera_collections.late_interest.service import claim_of
from cartera_collections.ledger import publish
from cartera_collections.models import (
    client_replicas,
    dunning_holds,
    dunning_levels,
    dunning_notices,
    dunning_queue,
    instalments,
    receivables,
)
from cartera_shared import business_day
from cartera_shared.db import tenant_transaction
from cartera_shared.events import topics
from cartera_shared.jobs import run_single
from cartera_shared.mail import MailNotSent, SmtpSettings, new_message, send
from cartera_shared.pagination import Keyset
from cartera_shared.problems import NotFound
from cartera_shared.tenancy import is_test_tenant

log = logging.getLogger(__name__)
JOB_NAME = "collections.dunning"


TEST_MODE_NOT_SENT = "test mode: a sandbox's notices are never e-mailed"


async def levels_of(session: AsyncSession, tenant_id: uuid.UUID) -> list[tuple[int, int, str]]:
    rows = (
        await session.execute(
            select(dunning_levels.c.level, dunning_levels.c.days_after_due, dunning_levels.c.tone)
            .where(dunning_levels.c.tenant_id == tenant_id)
            .order_by(dunning_levels.c.level)
        )
    ).all()
    configured = [(int(r[0]), int(r[1]), str(r[2])) for r in rows]
    return configured or list(DEFAULT_LEVELS)


async def _on_hold(
    session: AsyncSession, tenant_id: uuid.UUID, receivable: Any, today: dt.date
) -> bool:
    conditions = [dunning_holds.c.invoice_id == receivable["invoice_id"]]
    if receivable["client_id"] is not None:
        conditions.append(dunning_holds.c.client_id == receivable["client_id"])
    hold = await session.scalar(
        select(dunning_holds.c.id).where(
            dunning_holds.c.tenant_id == tenant_id,
            or_(*conditions),
            or_(dunning_holds.c.until.is_(None), dunning_holds.c.until >= today),
        )
    )
    return hold is not None


async def _address(
    session: AsyncSession, tenant_id: uuid.UUID, client_id: Any
) -> tuple[str, str | None] | None:
    """The client's name and e-mail from this service's replica; None while a known client's
    replica has not arrived yet."""
    row = (
        await session.execute(
            select(client_replicas.c.legal_name, client_replicas.c.state).where(
                client_replicas.c.tenant_id == tenant_id, client_replicas.c.client_id == client_id
            )
        )
    ).first()
    if row is None:
        return None if client_id is not None else ("cliente", None)
    state = row.state or {}
    email = state.get("email") or next(
        (c.get("email") for c in state.get("contacts") or [] if c.get("email")), None
    )
    return row.legal_name, email


async def _notice_for(
    sessions: async_sessionmaker[AsyncSession],
    tenant_id: uuid.UUID,
    receivable_id: uuid.UUID,
    today: dt.date,
    extra_rates: RateTable = (),
) -> dict[str, Any] | None:
    """Record (once) the notice due for a receivable; returns what to send, if anything."""
    async with tenant_transaction(sessions, tenant_id) as session:
        receivable = (
            (await session.execute(select(receivables).where(receivables.c.id == receivable_id)))
            .mappings()
            .first()
        )
        if receivable is None or receivable["status"] in ("settled", "cancelled"):
            await session.execute(
                delete(dunning_queue).where(dunning_queue.c.receivable_id == receivable_id)
            )
            return None
        unpaid = (
            await session.execute(
                select(
                    instalments.c.seq,
                    instalments.c.due_on,
                    instalments.c.amount,
                    instalments.c.paid,
                )
                .where(
                    instalments.c.receivable_id == receivable_id,
                    instalments.c.due_on < today,
                    instalments.c.paid < instalments.c.amount,
                )
                .order_by(instalments.c.seq)
            )
        ).all()
        if not unpaid or await _on_hold(session, tenant_id, receivable, today):
            return None
        days_late = (today - unpaid[0].due_on).days
        reached = [lv for lv in await levels_of(session, tenant_id) if days_late >= lv[1]]
        if not reached:
            return None
        level, _, tone = reached[-1]
        address = await _address(session, tenant_id, receivable["client_id"])
        if address is None:
            # The invoice's events got here before its client's: the notice waits for the next
            # run. Recorded now it would stay unsent ("no_address") and its level spent.
            return None
        name, email = address
        lines = [(r.seq, r.due_on, r.amount - r.paid) for r in unpaid]
        claim = None
        if tone == "final":
            claim = await claim_of(session, tenant_id, receivable, today, extra_rates)
            if not claim["late_payment_law"]["applies"]:
                claim = None
        subject, body = compose(tone, name, receivable["invoice_number"], lines, today, claim)
        notice_id = uuid.uuid4()
        inserted = await session.execute(
            pg_insert(dunning_notices)
            .values(
                id=notice_id,
                tenant_id=tenant_id,
                receivable_id=receivable_id,
                level=level,
                to_address=email,
                subject=subject,
                body=body,
                status="sending" if email else "no_address",
            )
            .on_conflict_do_nothing()
            .returning(dunning_notices.c.id)
        )
        if inserted.first() is None:
            return None  # this level was sent already
        await publish(
            session,
            tenant_id,
            topics.DUNNING_SENT,
            receivable["invoice_id"],
            {
                "notice_id": str(notice_id),
                "invoice_id": str(receivable["invoice_id"]),
                "invoice_number": receivable["invoice_number"],
                "client_id": str(receivable["client_id"]) if receivable["client_id"] else None,
                "level": level,
                "tone": tone,
                "to": email,
                "outstanding": str(sum((amount for _, _, amount in lines), Decimal("0.00"))),
                "days_late": days_late,
            },
        )
    return {"id": notice_id, "to": email, "subject": subject, "body": body}


async def send_due(
    sessions: async_sessionmaker[AsyncSession],
    smtp: SmtpSettings,
    *,
    tenant_id: uuid.UUID | None = None,
    today: dt.date | None = None,
    extra_rates: RateTable = (),
) -> tuple[bool, int | None]:
    day = today or business_day.today()

    async def work(session: AsyncSession) -> int:
        query = select(dunning_queue)
        if tenant_id is not None:
            query = query.where(dunning_queue.c.tenant_id == tenant_id)
        queued = (await session.execute(query.limit(2000))).all()
        sent = 0
        for receivable_id, owner in queued:
            notice = await _notice_for(sessions, owner, receivable_id, day, extra_rates)
            if notice is None or notice["to"] is None:
                continue
            outcome: str
            error: str | None
            if is_test_tenant(owner):
                # Test mode: a sandbox's notices are recorded and shown, never e-mailed (its
                # clients' addresses may well be real people's).
                outcome, error = "not_sent", TEST_MODE_NOT_SENT
            else:
                outcome, error = await _deliver(smtp, notice)
            async with tenant_transaction(sessions, owner) as tx:
                await tx.execute(
                    update(dunning_notices)
                    .where(dunning_notices.c.id == notice["id"])
                    .values(status=outcome, error=error)
                )
            sent += outcome == "sent"
        return sent

    return await run_single(sessions, JOB_NAME, work, service="collections")


async def _deliver(smtp: SmtpSettings, notice: dict[str, Any]) -> tuple[str, str | None]:
    """The notice's outcome: sent, or why not in words the tenant may read on the notice."""
    if not smtp.host:
        return "not_sent", "no SMTP server is configured (CARTERA_COLLECTIONS_SMTP_HOST)"
    message = new_message(smtp, to=notice["to"], subject=notice["subject"], body=notice["body"])
    try:
        await send(smtp, message)
    except MailNotSent as exc:
        log.warning("dunning notice not sent", extra={"notice_id": str(notice["id"])})
        return "failed", exc.reason
    return "sent", None


async def levels(session: AsyncSession, tenant_id: uuid.UUID) -> dict[str, Any]:
    """The reminder levels: how many days after the due date each tone of notice goes out (the
    defaults until the tenant sets its own)."""
    levels = await levels_of(session, tenant_id)
    return {"levels": [{"level": lv, "days_after_due": d, "tone": t} for lv, d, t in levels]}


async def set_levels(session: AsyncSession, tenant_id: uuid.UUID, body: LevelsIn) -> dict[str, Any]:
    """Replace the reminder levels (numbered 1, 2, ... in the order given)."""
    await session.execute(delete(dunning_levels).where(dunning_levels.c.tenant_id == tenant_id))
    for n, level in enumerate(body.levels, start=1):
        await session.execute(
            insert(dunning_levels).values(
                tenant_id=tenant_id,
                level=n,
                days_after_due=level.days_after_due,
                tone=level.tone,
            )
        )
    levels = await levels_of(session, tenant_id)
    return {"levels": [{"level": lv, "days_after_due": d, "tone": t} for lv, d, t in levels]}


async def create_hold(session: AsyncSession, tenant_id: uuid.UUID, body: HoldIn) -> dict[str, Any]:
    """Stop reminders to a client or about an invoice, until a day or until released."""
    hold_id = uuid.uuid4()
    await session.execute(
        insert(dunning_holds).values(id=hold_id, tenant_id=tenant_id, **body.model_dump())
    )
    held = {"id": str(hold_id), **body.model_dump(mode="json")}
    # Analytics leaves what is held out of its cash forecast (the same transaction: outbox).
    await publish(session, tenant_id, topics.DUNNING_HOLD_CHANGED, hold_id, hold_data(held, False))
    return held


def hold_data(hold: dict[str, Any], released: bool) -> dict[str, Any]:
    """The data of dunning.hold_changed (cartera_shared.events.receivables.DunningHoldChanged)."""
    return {
        "hold_id": str(hold["id"]),
        "client_id": str(hold["client_id"]) if hold["client_id"] else None,
        "invoice_id": str(hold["invoice_id"]) if hold["invoice_id"] else None,
        "until": str(hold["until"]) if hold["until"] else None,
        "reason": hold["reason"],
        "released": released,
    }


async def release_hold(session: AsyncSession, tenant_id: uuid.UUID, hold_id: uuid.UUID) -> None:
    """Release a hold: reminders resume on the next run."""
    deleted = (
        (
            await session.execute(
                delete(dunning_holds)
                .where(dunning_holds.c.tenant_id == tenant_id, dunning_holds.c.id == hold_id)
                .returning(dunning_holds)
            )
        )
        .mappings()
        .first()
    )
    if deleted is None:
        raise NotFound(f"Hold {hold_id} does not exist.")
    await publish(
        session, tenant_id, topics.DUNNING_HOLD_CHANGED, hold_id, hold_data(dict(deleted), True)
    )


async def list_notices(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    *,
    invoice_id: uuid.UUID | None,
    order: Literal["oldest", "newest"],
    cursor: str | None,
    limit: int,
) -> dict[str, Any]:
    """The dunning notices sent (or that failed) in the order they were sent (or newest first),
    a page at a time (`next_cursor`)."""
    keyset = Keyset(dunning_notices.c.sent_at, dunning_notices.c.id, order, cursor)
    query = (
        select(dunning_notices, receivables.c.invoice_id, receivables.c.invoice_number)
        .join(receivables, receivables.c.id == dunning_notices.c.receivable_id)
        .where(dunning_notices.c.tenant_id == tenant_id)
    )
    if invoice_id:
        query = query.where(receivables.c.invoice_id == invoice_id)
    rows = (await session.execute(keyset.select(query, limit))).mappings().all()
    page, next_cursor = keyset.page(rows, limit)
    return {
        "items": [
            {
                "id": str(r["id"]),
                "invoice_id": str(r["invoice_id"]),
                "invoice_number": r["invoice_number"],
                "level": r["level"],
                "to": r["to_address"],
                "subject": r["subject"],
                "body": r["body"],
                "status": r["status"],
                "error": r["error"],
                "sent_at": r["sent_at"].isoformat(),
            }
            for r in page
        ],
        "next_cursor": next_cursor,
    }
