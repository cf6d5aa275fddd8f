"""Payment figures from the instalment read model: payment behaviour (DSO, punctuality, aging,
expected cash-in) and the clients at risk, whose rules (figures.risk_reasons) also read billing,
satisfaction and support requests."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics import queries
from cartera_analytics.common import client_ref
from cartera_analytics.domain import figures
from cartera_analytics.domain.invoices import NO_CLIENT
from cartera_analytics.domain.money import ZERO, fmt_money, fmt_ratio
from cartera_analytics.domain.periods import shift_month
from cartera_analytics.models import dunning_notices, interactions, support_requests
from cartera_analytics.risk import service as risk_service


def behaviour_json(b: figures.Behaviour, billed: Decimal) -> dict[str, Any]:
    dso = figures.dso(b.outstanding, billed)
    return {
        "outstanding": fmt_money(b.outstanding),
        "overdue": fmt_money(b.overdue),
        "aging": {k: fmt_money(v) for k, v in b.aging.items()},
        "dso_days": None if dso is None else str(dso.quantize(Decimal("0.1"))),
        "billed_last_90_days": fmt_money(billed),
        "instalments_due": b.due_count,
        "paid_on_time": b.on_time_count,
        "late": b.late_count,
        "on_time_fraction": fmt_ratio(b.on_time_ratio),
        "avg_days_late": None
        if b.avg_days_late is None
        else str(b.avg_days_late.quantize(Decimal("0.1"))),
    }


def on_time_trend(items: list[Any], months: list[dt.date], as_of: dt.date) -> dict[str, Any]:
    points = figures.monthly_on_time(items, months, as_of)
    known = [r for _, _, r in points if r is not None]
    t = figures.trend(known)
    return {
        "months": [
            {"month": m.strftime("%Y-%m"), "instalments_due": n, "on_time_fraction": fmt_ratio(r)}
            for m, n, r in points
        ],
        "direction": {"up": "improving", "down": "worsening"}.get(t.direction, t.direction),
    }


async def payment_behaviour(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    day: dt.date,
    client_id: uuid.UUID | None,
    weeks: int,
) -> dict[str, Any]:
    items = await queries.all_instalments(session, tenant_id)
    billed = await queries.billed_since(session, tenant_id, day - dt.timedelta(days=89), day)
    by_client: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for item in items:
        by_client[item.client_id].append(item)
    shown = [client_id] if client_id is not None else sorted(by_client, key=str)
    known = await queries.names(session, tenant_id, shown)
    months = [shift_month(day.replace(day=1), -k) for k in range(5, -1, -1)]
    overall = figures.behaviour(items, day)
    default = figures.Record(
        overall.on_time_ratio if overall.on_time_ratio is not None else Decimal(1),
        overall.avg_days_late or ZERO,
    )
    records: dict[uuid.UUID, figures.Record] = {}
    clients = []
    for c in shown:
        b = figures.behaviour(by_client.get(c, []), day)
        if b.on_time_ratio is not None:
            records[c] = figures.Record(b.on_time_ratio, b.avg_days_late or ZERO)
        clients.append(
            {
                "client_id": client_ref(c),
                "legal_name": known.get(c, (None, None))[0],
                **behaviour_json(b, billed.get(c, ZERO)),
                "trend": on_time_trend(by_client.get(c, []), months, day),
            }
        )
    open_items = items if client_id is None else by_client.get(client_id, [])
    for c in by_client:
        if c not in records:
            b = figures.behaviour(by_client[c], day)
            if b.on_time_ratio is not None:
                records[c] = figures.Record(b.on_time_ratio, b.avg_days_late or ZERO)
    buckets, later = figures.expected_cash_in(open_items, records, default, day, weeks)
    return {
        "as_of": day.isoformat(),
        "currency": "EUR",
        "total": {
            **behaviour_json(
                overall if client_id is None else figures.behaviour(open_items, day),
                sum(billed.values(), ZERO) if client_id is None else billed.get(client_id, ZERO),
            ),
            "trend": on_time_trend(items if client_id is None else open_items, months, day),
        },
        "clients": clients,
        "expected_cash_in": {
            "weeks": [
                {
                    "week": k + 1,
                    "from": (day + dt.timedelta(days=7 * k)).isoformat(),
                    "to": (day + dt.timedelta(days=7 * k + 6)).isoformat(),
                    "amount": fmt_money(amount),
                }
                for k, amount in enumerate(buckets)
            ],
            "later": fmt_money(later),
        },
    }


# A client whose late-payment risk score (risk/) is at least this is on the list for it alone.
HIGH_LATE_PAYMENT_RISK = 0.5


def late_payment_fields(score: Any) -> dict[str, Any]:
    if score is None:
        return {"late_payment_probability_fraction": None, "late_payment_top_reason": None}
    top = score.top_reason
    scored = risk_service.score_json(score)
    return {
        "late_payment_probability_fraction": scored["probability_fraction"],
        "late_payment_top_reason": None
        if top is None
        else next(r for r in scored["reasons"] if r["feature"] == top.feature),
    }


async def _contact(
    session: AsyncSession, tenant_id: uuid.UUID, clients: list[uuid.UUID], since: dt.date
) -> dict[uuid.UUID, dict[str, Any]]:
    """Context for the people who will call a client at risk: when we last spoke to it, and
    how many payment reminders it got in the last 180 days."""
    if not clients:
        return {}
    last: dict[uuid.UUID, dt.datetime] = dict(
        (
            await session.execute(
                select(interactions.c.client_id, func.max(interactions.c.occurred_at))
                .where(interactions.c.tenant_id == tenant_id, interactions.c.client_id.in_(clients))
                .group_by(interactions.c.client_id)
            )
        ).all()
    )
    notices: dict[uuid.UUID, int] = dict(
        (
            await session.execute(
                select(dunning_notices.c.client_id, func.count())
                .where(
                    dunning_notices.c.tenant_id == tenant_id,
                    dunning_notices.c.client_id.in_(clients),
                    dunning_notices.c.sent_at
                    >= dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC),
                )
                .group_by(dunning_notices.c.client_id)
            )
        ).all()
    )
    return {
        c: {
            "last_interaction_at": last[c].isoformat() if c in last else None,
            "dunning_notices_180_days": int(notices.get(c, 0)),
        }
        for c in clients
    }


async def clients_at_risk(
    session: AsyncSession, tenant_id: uuid.UUID, day: dt.date
) -> dict[str, Any]:
    this_month = day.replace(day=1)
    recent = (shift_month(this_month, -3), shift_month(this_month, -1))
    previous = (shift_month(this_month, -6), shift_month(this_month, -4))
    window = day - dt.timedelta(days=180)
    billing = await queries.monthly(session, tenant_id, previous[0], recent[1])
    items = await queries.all_instalments(session, tenant_id)
    answers = await queries.survey_answers(session, tenant_id, window, day)
    breached: dict[uuid.UUID, int] = dict(
        (
            await session.execute(
                select(support_requests.c.client_id, func.count())
                .where(
                    support_requests.c.tenant_id == tenant_id,
                    support_requests.c.sla_breached.is_(True),
                    support_requests.c.closed_at
                    >= dt.datetime.combine(window, dt.time(), tzinfo=dt.UTC),
                )
                .group_by(support_requests.c.client_id)
            )
        ).all()
    )
    recent_base: dict[uuid.UUID, Decimal] = defaultdict(Decimal)
    previous_base: dict[uuid.UUID, Decimal] = defaultdict(Decimal)
    for row in billing:
        target = recent_base if row.month >= recent[0] else previous_base
        target[row.client_id] += row.base
    by_client: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for item in items:
        by_client[item.client_id].append(item)
    said: dict[uuid.UUID, list[tuple[str, int]]] = defaultdict(list)
    for a in answers:
        said[a.client_id].append((a.kind, a.score))
    _, _, scored = await risk_service.scores(session, tenant_id, day)
    late_risk = {s.client_id: s.score for s in scored}
    everyone = (
        set(recent_base) | set(previous_base) | set(by_client) | set(said) | set(breached)
    ) - {NO_CLIENT}
    at_risk = []
    for c in everyone:
        b = figures.behaviour(by_client.get(c, []), day)
        overdue_ages = [
            (day - i.due_on).days
            for i in by_client.get(c, [])
            if i.outstanding > 0 and i.due_on < day
        ]
        reasons = figures.risk_reasons(
            figures.RiskInput(
                recent_base=recent_base.get(c, ZERO),
                previous_base=previous_base.get(c, ZERO),
                behaviour=b,
                oldest_overdue_days=max(overdue_ages) if overdue_ages else None,
                satisfaction=figures.scores(said.get(c, [])),
                breached_requests=int(breached.get(c, 0)),
            )
        )
        score = late_risk.get(c)
        if score is not None and score.probability >= HIGH_LATE_PAYMENT_RISK:
            top = score.top_reason
            reasons.append(
                {
                    "rule": "late_payment_risk",
                    "detail": f"{score.probability:.0%} likely to be paid more than 30 days late"
                    + (f" (mostly {top.feature}: {top.detail})" if top else ""),
                }
            )
        if reasons:
            at_risk.append((c, reasons, recent_base.get(c, ZERO) + previous_base.get(c, ZERO)))
    flagged = [c for c, _, _ in at_risk]
    known = await queries.names(session, tenant_id, flagged)
    contact = await _contact(session, tenant_id, flagged, window)
    at_risk.sort(key=lambda r: (-len(r[1]), -r[2], str(r[0])))
    return {
        "as_of": day.isoformat(),
        "items": [
            {
                "client_id": str(c),
                "legal_name": known.get(c, (None, None))[0],
                "billing_last_6_months": fmt_money(weight),
                "reasons": reasons,
                **contact.get(c, {"last_interaction_at": None, "dunning_notices_180_days": 0}),
                **late_payment_fields(late_risk.get(c)),
            }
            for c, reasons, weight in at_risk
        ],
    }
