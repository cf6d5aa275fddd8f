"""Alerts: raised once per (tenant, kind, client, period), stored and published as
`alert.raised` through the outbox in the same transaction as the event that caused them.

Rules (docs/analytics.md):
- `concentration`: a client's share of a complete month's taxable base is above the tenant's
  threshold (default 40 %). Period: that month.
- `top_client_drop`: a client among the five largest of a month bills, in the next month (a
  complete one), at least the drop threshold (default 50 %) less. Period: the month of the fall.
- `late_payer`: of a client's last six instalments already due, at least two and at least the
  late-payer ratio (default 50 %) were paid late or are unpaid. Period: the month it is noticed.
- `certificate_expiring`: invoicing announces (`certificate.expiring`) that the certificate the
  tenant's VERI*FACTU records are sent with has EXPIRY_WARNING_DAYS days left or fewer. No client
  (NO_CLIENT); the cause is the certificate's fingerprint; period: the month it expires.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Numeric, func, literal, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics.domain.figures import days_late
from cartera_analytics.domain.invoices import NO_CLIENT, Instalment
from cartera_analytics.domain.money import ratio
from cartera_analytics.domain.periods import shift_month
from cartera_analytics.models import (
    alerts,
    client_months,
    instalments,
    month_judgements,
    outbox,
    tenant_settings,
)
from cartera_analytics.projector import Effects
from cartera_shared.business_day import today as today
from cartera_shared.events import new_envelope, topics
from cartera_shared.events.certificates import EXPIRY_WARNING_DAYS, CertificateExpiring
from cartera_shared.outbox import add_event
from cartera_shared.wire import money_text, utc_text

DEFAULT_CONCENTRATION = Decimal("0.40")
DEFAULT_DROP = Decimal("0.50")
DEFAULT_LATE_RATIO = Decimal("0.50")
TOP_CLIENTS = 5
LATE_WINDOW = 6
LATE_MINIMUM = 2


@dataclass(frozen=True)
class Thresholds:
    concentration: Decimal = DEFAULT_CONCENTRATION
    drop: Decimal = DEFAULT_DROP
    late_ratio: Decimal = DEFAULT_LATE_RATIO
    files_through_sii: bool = False


async def thresholds(session: AsyncSession, tenant_id: uuid.UUID) -> Thresholds:
    row = (
        (
            await session.execute(
                select(tenant_settings).where(tenant_settings.c.tenant_id == tenant_id)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        return Thresholds()
    return Thresholds(
        concentration=row["concentration_threshold"],
        drop=row["drop_threshold"],
        late_ratio=row["late_payer_ratio"],
        files_through_sii=row["files_through_sii"],
    )


async def evaluate(session: AsyncSession, tenant_id: uuid.UUID, effects: Effects) -> int:
    """Apply every rule to what an event changed; returns how many alerts were raised."""
    if not effects.months and not effects.payers:
        return 0
    limits = await thresholds(session, tenant_id)
    raised = 0
    # Only complete months are judged: early in a month its first invoice is always 100 %.
    last_complete = shift_month(today().replace(day=1), -1)
    if effects.months:
        # The last complete month is judged whole once (the first event after it ends, or after
        # the tenant changed a threshold), so it is judged even when nothing more is dated in
        # it; then, like any other month, for what later events move in it.
        first_look = await _judged_whole(session, tenant_id) != (
            last_complete,
            limits.concentration,
            limits.drop,
        )
        # In a month an event raised, only the clients it billed can have crossed the line; a
        # credit note raises everyone else's share, so that month is judged whole.
        judged: dict[dt.date, set[uuid.UUID] | None] = {}
        if first_look:
            judged[last_complete] = None
        for client_id, month in effects.months:
            if month > last_complete:
                continue
            if month in effects.credited:
                judged[month] = None
                continue
            clients = judged.setdefault(month, set())
            if clients is not None:
                clients.add(client_id)
        for month, clients in sorted(judged.items()):
            raised += await _concentration(session, tenant_id, month, limits, clients)
        # A fall is judged for a month a credit note lowered (an invoice dated in a month can
        # only raise it), and for the last complete month against the one before: at the first
        # look, and when the month before grew (a client may have fallen further, or joined its
        # five largest).
        before_last = shift_month(last_complete, -1)
        pairs = {(shift_month(m, -1), m) for m in effects.credited if m <= last_complete}
        if first_look or any(month == before_last for _, month in effects.months):
            pairs.add((before_last, last_complete))
        for before, after in sorted(pairs):
            raised += await _drop(session, tenant_id, before, after, limits)
        if first_look:
            await _remember_judged_whole(session, tenant_id, last_complete, limits)
    for client_id in sorted(effects.payers, key=str):
        if client_id != NO_CLIENT:
            raised += await _late_payer(session, tenant_id, client_id, limits)
    return raised


async def _judged_whole(
    session: AsyncSession, tenant_id: uuid.UUID
) -> tuple[dt.date, Decimal, Decimal] | None:
    """The month last judged whole, and the thresholds it was judged with."""
    row = (
        await session.execute(
            select(
                month_judgements.c.month,
                month_judgements.c.concentration_threshold,
                month_judgements.c.drop_threshold,
            ).where(month_judgements.c.tenant_id == tenant_id)
        )
    ).first()
    return None if row is None else (row[0], row[1], row[2])


async def _remember_judged_whole(
    session: AsyncSession, tenant_id: uuid.UUID, month: dt.date, limits: Thresholds
) -> None:
    # In the transaction that raised the month's alerts: if it rolls back, so does this.
    values = {
        "month": month,
        "concentration_threshold": limits.concentration,
        "drop_threshold": limits.drop,
        "judged_at": func.now(),
    }
    await session.execute(
        insert(month_judgements)
        .values(tenant_id=tenant_id, **values)
        .on_conflict_do_update(index_elements=["tenant_id"], set_=values)
    )


async def _concentration(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    month: dt.date,
    limits: Thresholds,
    clients: set[uuid.UUID] | None = None,
) -> int:
    """Judge a month's shares: every client's, or only `clients`'.

    Only the clients over the line are read. The rules run after every batch of events, and
    reading the whole month would make each batch cost in proportion to the tenant's clients."""
    total = (
        await session.scalar(
            select(func.coalesce(func.sum(client_months.c.base), 0)).where(
                client_months.c.tenant_id == tenant_id,
                client_months.c.month == month,
                client_months.c.base > 0,
            )
        )
    ) or Decimal(0)
    if total <= 0:
        return 0
    over = select(client_months.c.client_id, client_months.c.base).where(
        client_months.c.tenant_id == tenant_id,
        client_months.c.month == month,
        client_months.c.client_id != NO_CLIENT,
        # Exact: numeric in PostgreSQL, and a product of two short decimals here.
        client_months.c.base > literal(total * limits.concentration, Numeric()),
    )
    if clients is not None:
        over = over.where(client_months.c.client_id.in_(clients))
    bases = dict((await session.execute(over)).all())
    raised = 0
    for client_id, base in sorted(bases.items(), key=lambda kv: str(kv[0])):
        share = base / total
        if share > limits.concentration:
            raised += await raise_alert(
                session,
                tenant_id,
                kind="concentration",
                client_id=client_id,
                period=month.strftime("%Y-%m"),
                value=ratio(share),
                threshold=limits.concentration,
                message=(
                    f"This client made {ratio(share) * 100:.2f} % of the billing of "
                    f"{month:%Y-%m} ({base} of {total}), above the "
                    f"{limits.concentration * 100:.2f} % threshold."
                ),
                details={
                    "month": month.strftime("%Y-%m"),
                    "base": money_text(base),
                    "total": money_text(total),
                },
            )
    return raised


async def _drop(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    before: dt.date,
    after: dt.date,
    limits: Thresholds,
) -> int:
    # The month's largest clients (ties by id: a uuid orders as its text does), and then what
    # those few billed next: never the whole of either month.
    top = (
        await session.execute(
            select(client_months.c.client_id, client_months.c.base)
            .where(
                client_months.c.tenant_id == tenant_id,
                client_months.c.month == before,
                client_months.c.base > 0,
                client_months.c.client_id != NO_CLIENT,
            )
            .order_by(client_months.c.base.desc(), client_months.c.client_id)
            .limit(TOP_CLIENTS)
        )
    ).all()
    if not top:
        return 0
    following = dict(
        (
            await session.execute(
                select(client_months.c.client_id, client_months.c.base).where(
                    client_months.c.tenant_id == tenant_id,
                    client_months.c.month == after,
                    client_months.c.client_id.in_([client_id for client_id, _ in top]),
                )
            )
        ).all()
    )
    raised = 0
    for client_id, base in top:
        now = following.get(client_id, Decimal(0))
        fall = (base - now) / base
        if fall >= limits.drop:
            raised += await raise_alert(
                session,
                tenant_id,
                kind="top_client_drop",
                client_id=client_id,
                period=after.strftime("%Y-%m"),
                value=ratio(fall),
                threshold=limits.drop,
                message=(
                    f"One of the top {TOP_CLIENTS} clients of {before:%Y-%m} billed {now} in "
                    f"{after:%Y-%m} against {base}: {ratio(fall) * 100:.2f} % less."
                ),
                details={
                    "previous_month": before.strftime("%Y-%m"),
                    "previous_base": money_text(base),
                    "base": money_text(now),
                },
            )
    return raised


async def _late_payer(
    session: AsyncSession, tenant_id: uuid.UUID, client_id: uuid.UUID, limits: Thresholds
) -> int:
    day = today()
    rows = (
        (
            await session.execute(
                select(instalments)
                .where(
                    instalments.c.tenant_id == tenant_id,
                    instalments.c.client_id == client_id,
                    instalments.c.due_on < day,
                    instalments.c.amount > 0,
                )
                .order_by(instalments.c.due_on.desc(), instalments.c.invoice_id)
                .limit(LATE_WINDOW)
            )
        )
        .mappings()
        .all()
    )
    if not rows:
        return 0
    items = [
        Instalment(
            invoice_id=r["invoice_id"],
            client_id=r["client_id"],
            seq=r["seq"],
            due_on=r["due_on"],
            amount=r["amount"],
            paid=r["paid"],
            settled_on=r["settled_on"],
        )
        for r in rows
    ]
    late = [i for i in items if days_late(i, day) is not None]
    share = Decimal(len(late)) / len(items)
    if len(late) < LATE_MINIMUM or share < limits.late_ratio:
        return 0
    return await raise_alert(
        session,
        tenant_id,
        kind="late_payer",
        client_id=client_id,
        period=day.strftime("%Y-%m"),
        value=ratio(share),
        threshold=limits.late_ratio,
        message=(
            f"{len(late)} of this client's last {len(items)} instalments due were paid late "
            "or are still unpaid."
        ),
        details={
            "late": len(late),
            "considered": len(items),
            "max_days_late": max(days_late(i, day) or 0 for i in late),
        },
    )


async def certificate_expiring(
    session: AsyncSession, tenant_id: uuid.UUID, announced: CertificateExpiring
) -> int:
    """The alert for an announced certificate, once per certificate (its fingerprint) and the
    month it expires, however often the announcement arrives."""
    expires = announced.not_after.astimezone(dt.UTC)
    whose = "the issuer's own" if announced.role == "issuer" else "a representative's"
    return await raise_alert(
        session,
        tenant_id,
        kind="certificate_expiring",
        client_id=NO_CLIENT,
        cause=announced.fingerprint_sha256,
        period=expires.strftime("%Y-%m"),
        value=Decimal(announced.days_left),
        threshold=Decimal(EXPIRY_WARNING_DAYS),
        message=(
            f"The certificate of {announced.holder_name or announced.holder_nif} "
            f"({announced.holder_nif}, {whose}) that sends the VERI*FACTU records expires on "
            f"{expires:%Y-%m-%d}, in {announced.days_left} days: upload its renewal "
            "(PUT /v1/issuer/certificate) before then, or the records will wait unsent."
        ),
        details={
            "certificate_id": str(announced.certificate_id),
            "holder_nif": announced.holder_nif,
            "holder_name": announced.holder_name,
            "role": announced.role,
            "subject": announced.subject,
            "issuer": announced.issuer,
            "serial": announced.serial,
            "fingerprint_sha256": announced.fingerprint_sha256,
            "not_after": utc_text(expires),
        },
    )


async def raise_alert(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    *,
    kind: str,
    client_id: uuid.UUID,
    period: str,
    value: Decimal,
    threshold: Decimal,
    message: str,
    details: dict[str, Any],
    cause: str = "",
) -> int:
    alert_id = uuid.uuid4()
    inserted = await session.execute(
        insert(alerts)
        .values(
            tenant_id=tenant_id,
            id=alert_id,
            kind=kind,
            client_id=client_id,
            cause=cause,
            period=period,
            value=value,
            threshold=threshold,
            message=message,
            details=details,
        )
        .on_conflict_do_nothing(
            index_elements=["tenant_id", "kind", "client_id", "cause", "period"]
        )
        .returning(alerts.c.raised_at)
    )
    row = inserted.first()
    if row is None:
        return 0  # raised before for this cause and period
    await add_event(
        session,
        outbox,
        new_envelope(
            type=topics.ALERT_RAISED,
            tenant_id=tenant_id,
            producer="analytics",
            subject=alert_id,
            sequence=1,
            data={
                "alert_id": str(alert_id),
                "kind": kind,
                "client_id": None if client_id == NO_CLIENT else str(client_id),
                "period": period,
                "value": str(value),
                "threshold": str(threshold),
                "message": message,
                "details": details,
                "raised_at": utc_text(row.raised_at),
            },
        ),
        topic=topics.ALERT_RAISED,
    )
    return 1
