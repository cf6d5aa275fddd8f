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
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, status
from pydantic import ConfigDict, Field, model_validator
from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_collections import late_interest
from cartera_collections.domain.interest import RateTable
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
from cartera_shared.db import tenant_transaction
from cartera_shared.edge import Runtime, TenantSession, part
from cartera_shared.events import topics
from cartera_shared.identity import Identity, require_scope
from cartera_shared.jobs import run_single
from cartera_shared.mail import MailNotSent, SmtpSettings, new_message, send
from cartera_shared.pagination import Keyset, ListCursor, ListOrder
from cartera_shared.problems import NotFound
from cartera_shared.text import Input

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/collections/dunning", tags=["dunning"])
ReadIdentity = Annotated[Identity, require_scope("collections:read")]
WriteIdentity = Annotated[Identity, require_scope("collections:write")]
JOB_NAME = "collections.dunning"

Tone = Literal["friendly", "formal", "final"]
DEFAULT_LEVELS = ((1, 3, "friendly"), (2, 15, "formal"), (3, 30, "final"))
SUBJECTS = {
    "friendly": "Recordatorio de pago: factura {number}",
    "formal": "Requerimiento de pago: factura {number}",
    "final": "Último aviso antes de reclamar: factura {number}",
}
OPENINGS = {
    "friendly": "Le escribimos para recordarle que tiene pendiente de pago el siguiente importe. "
    "Si ya lo ha abonado, le rogamos que no tenga en cuenta este mensaje.",
    "formal": "A pesar de nuestro recordatorio anterior, a día de hoy sigue pendiente de pago "
    "el importe que se detalla. Le rogamos que regularice la situación a la mayor brevedad.",
    "final": "Este es el último aviso antes de iniciar la reclamación de la deuda.",
}
# Only to a debtor Ley 3/2004 covers (a business or a public administration: debtor_scope.py);
# a consumer's final notice neither quotes the law nor carries its figures.
LATE_PAYMENT_LAW = (
    "Le recordamos que la Ley 3/2004, de 29 de diciembre, prevé intereses de demora desde el día "
    "siguiente al vencimiento (art. 7) y una indemnización de 40 € por costes de cobro (art. 8)."
)


def money(value: Decimal) -> str:
    whole, _, cents = f"{value:.2f}".partition(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{groups},{cents} €"


def law_paragraph(claim: dict[str, Any] | None, today: dt.date) -> str:
    """The final notice's Ley 3/2004 paragraph for a debtor the law covers, with the interest
    to date and the compensation; without a published rate for a half-year, it says the
    interest will follow instead of a figure."""
    if claim is None:
        return ""
    text = f"\n\n{LATE_PAYMENT_LAW}"
    compensation = Decimal(claim["compensation"])
    if claim["rate_missing"] is not None:
        start = dt.date.fromisoformat(claim["rate_missing"]["half_year_start"])
        text += (
            f"\nIndemnización por costes de cobro: {money(compensation)}. Los intereses de demora "
            f"se los comunicaremos aparte: el tipo legal del semestre que empieza el "
            f"{start.strftime('%d/%m/%Y')} aún no está publicado en nuestro sistema."
        )
    else:
        text += (
            f"\nIntereses de demora devengados a {today.strftime('%d/%m/%Y')}: "
            f"{money(Decimal(claim['interest']))}. Indemnización por costes de cobro: "
            f"{money(compensation)}."
        )
    return text


def compose(
    tone: str,
    client_name: str,
    number: str,
    lines: list[tuple[int, dt.date, Decimal]],
    today: dt.date,
    claim: dict[str, Any] | None = None,
) -> tuple[str, str]:
    """Subject and plain-text body of a notice, in Spanish, listing what is owed. ``claim`` (the
    late-interest claim) is given only for a final notice to a debtor Ley 3/2004 covers."""
    owed = sum((amount for _, _, amount in lines), Decimal("0.00"))
    rows = "\n".join(
        f"  - Vencimiento {seq}: {due.strftime('%d/%m/%Y')} — {money(amount)} "
        f"({(today - due).days} días de retraso)"
        for seq, due, amount in lines
    )
    body = (
        f"Estimado cliente ({client_name}):\n\n{OPENINGS[tone]}{law_paragraph(claim, today)}\n\n"
        f"Factura {number}\n{rows}\n\nTotal pendiente: {money(owed)}\n\n"
        "Un saludo cordial,\nDepartamento de administración\n"
    )
    return SUBJECTS[tone].format(number=number), body


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
) -> tuple[str, str | None]:
    row = (
        await session.execute(
            select(client_replicas.c.legal_name, client_replicas.c.state).where(
                client_replicas.c.tenant_id == tenant_id, client_replicas.c.client_id == client_id
            )
        )
    ).first()
    if row is None:
        return "cliente", None
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
        name, email = await _address(session, tenant_id, receivable["client_id"])
        lines = [(r.seq, r.due_on, r.amount - r.paid) for r in unpaid]
        claim = None
        if tone == "final":
            claim = await late_interest.claim_of(session, tenant_id, receivable, today, extra_rates)
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
    day = today or dt.datetime.now(dt.UTC).date()

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
        return "not_sent", "no SMTP server is configured (SMTP_HOST)"
    message = new_message(smtp, to=notice["to"], subject=notice["subject"], body=notice["body"])
    try:
        await send(smtp, message)
    except MailNotSent as exc:
        log.warning("dunning notice not sent", extra={"notice_id": str(notice["id"])})
        return "failed", exc.reason
    return "sent", None


# ------------------------------------------------------------------ HTTP


class LevelIn(Input):
    model_config = ConfigDict(extra="forbid")

    days_after_due: int = Field(ge=1, le=365)
    tone: Tone


class LevelsIn(Input):
    model_config = ConfigDict(extra="forbid")

    levels: list[LevelIn] = Field(min_length=1, max_length=6)

    @model_validator(mode="after")
    def _increasing(self) -> LevelsIn:
        days = [lv.days_after_due for lv in self.levels]
        if days != sorted(set(days)):
            raise ValueError("levels must come in increasing days_after_due, without repeats")
        return self


class HoldIn(Input):
    model_config = ConfigDict(extra="forbid")

    client_id: uuid.UUID | None = None
    invoice_id: uuid.UUID | None = None
    until: dt.date | None = None
    reason: str = Field(min_length=1, max_length=500)

    @model_validator(mode="after")
    def _one_target(self) -> HoldIn:
        if (self.client_id is None) == (self.invoice_id is None):
            raise ValueError("a hold is on a client_id or on an invoice_id (one of them)")
        return self


@router.get("/levels")
async def get_levels(identity: ReadIdentity, session: TenantSession) -> Any:
    levels = await levels_of(session, identity.tenant_id)
    return {"levels": [{"level": lv, "days_after_due": d, "tone": t} for lv, d, t in levels]}


@router.put("/levels")
async def put_levels(body: LevelsIn, identity: WriteIdentity, session: TenantSession) -> Any:
    await session.execute(
        delete(dunning_levels).where(dunning_levels.c.tenant_id == identity.tenant_id)
    )
    for n, level in enumerate(body.levels, start=1):
        await session.execute(
            insert(dunning_levels).values(
                tenant_id=identity.tenant_id,
                level=n,
                days_after_due=level.days_after_due,
                tone=level.tone,
            )
        )
    levels = await levels_of(session, identity.tenant_id)
    return {"levels": [{"level": lv, "days_after_due": d, "tone": t} for lv, d, t in levels]}


@router.post("/holds", status_code=status.HTTP_201_CREATED)
async def put_on_hold(body: HoldIn, identity: WriteIdentity, session: TenantSession) -> Any:
    hold_id = uuid.uuid4()
    await session.execute(
        insert(dunning_holds).values(id=hold_id, tenant_id=identity.tenant_id, **body.model_dump())
    )
    return {"id": str(hold_id), **body.model_dump(mode="json")}


@router.delete("/holds/{hold_id}", status_code=status.HTTP_204_NO_CONTENT)
async def release_hold(hold_id: uuid.UUID, identity: WriteIdentity, session: TenantSession) -> None:
    deleted = await session.execute(
        delete(dunning_holds)
        .where(dunning_holds.c.tenant_id == identity.tenant_id, dunning_holds.c.id == hold_id)
        .returning(dunning_holds.c.id)
    )
    if deleted.first() is None:
        raise NotFound(f"Hold {hold_id} does not exist.")


@router.get("/notices")
async def list_notices(
    identity: ReadIdentity,
    session: TenantSession,
    invoice_id: uuid.UUID | None = None,
    order: ListOrder = "oldest",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: ListCursor = None,
) -> Any:
    """The dunning notices sent (or that failed) in the order they were sent (or newest first),
    a page at a time (`next_cursor`)."""
    keyset = Keyset(dunning_notices.c.sent_at, dunning_notices.c.id, order, cursor)
    query = (
        select(dunning_notices, receivables.c.invoice_id, receivables.c.invoice_number)
        .join(receivables, receivables.c.id == dunning_notices.c.receivable_id)
        .where(dunning_notices.c.tenant_id == identity.tenant_id)
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


@router.post("/run")
async def run_now(
    identity: WriteIdentity,
    runtime: Runtime,
    smtp: Annotated[SmtpSettings, part(SmtpSettings)],
    rates: Annotated[late_interest.ConfiguredRates, part(late_interest.ConfiguredRates)],
) -> Any:
    """Send the notices due now (the job also runs on its own)."""
    # The job's own run: a transaction per notice, the mail sent after each commits.
    ran, sent = await send_due(
        runtime.sessions,
        smtp,
        tenant_id=identity.tenant_id,
        extra_rates=rates.table,
    )
    return {"ran": ran, "sent": sent or 0}
